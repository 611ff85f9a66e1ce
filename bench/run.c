/* Measuring one (workload, n) cell (see run.h). */
#define _POSIX_C_SOURCE 200809L
#include "run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "heapcount.h"
#include "linear.h"
#include "shape.h"

#define MAX_REPS 32
#define LIN_WINDOWS 10u
#define LIN_MIN_OPS 200u

/* One recorded operation and what ivalloc answered. */
typedef struct rec {
    bop op;
    iva_status st;
    iva_range got;
} rec;

/* Thread CPU time by default: the machine is shared, and wall time would
 * also count the time this thread waited for a CPU (see run.h). */
static clockid_t g_clock = CLOCK_THREAD_CPUTIME_ID;

void run_use_wall_clock(int wall)
{
    g_clock = wall ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID;
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(g_clock, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int k)
{
    qsort(v, (size_t)k, sizeof(double), cmp_double);
    return k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2.0;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n > 0u ? n : 1u);
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    return p;
}

static iva_status exec_iva(iva_tree *t, const bop *op, iva_range *got)
{
    got->min = got->max = 0u;
    if (op->kind == BOP_ALLOC)
        return iva_allocate(t, &op->c, got);
    return iva_free(t, op->key, NULL);
}

static iva_status exec_lin(lin *l, const bop *op, iva_range *got)
{
    got->min = got->max = 0u;
    if (op->kind == BOP_ALLOC)
        return lin_allocate(l, &op->c, got);
    return lin_free(l, op->key);
}

/* A tree on the caller pool, brought to the workload's starting state. */
static void start(iva_tree *t, wl *w, const cell *c, iva_node *pool,
                  uint32_t cap)
{
    if (iva_init(t, pool, cap, c->seed) != IVA_OK) {
        fprintf(stderr, "bench: iva_init failed\n");
        exit(1);
    }
    wl_setup(w, c->kind, c->n, t, c->seed ^ 0x5bd1e995u);
}

/* ---- timed ivalloc repetitions -------------------------------------- */

/* One timed run of the measured phase; returns ns per operation. */
static double iva_rep(cell *c, iva_node *pool, uint32_t cap)
{
    iva_tree t;
    wl w;
    iva_stats s0, s1;
    uint64_t allocs = 0u, h0;
    double t0, t1;
    start(&t, &w, c, pool, cap);
    iva_get_stats(&t, &s0);
    h0 = heap_calls();
    t0 = now_ns();
    while (w.step < w.nops) {
        bop op;
        iva_range got;
        iva_status st;
        wl_next(&w, &op);
        st = exec_iva(&t, &op, &got);
        allocs += op.kind == BOP_ALLOC;
        wl_done(&w, &op, st, got);
    }
    t1 = now_ns();
    c->heap_calls += heap_calls() - h0;
    iva_get_stats(&t, &s1);
    c->allocs = allocs;
    c->visits = allocs ? (double)(s1.visits - s0.visits) / (double)allocs
                       : 0.0;
    c->failed = w.failed;
    c->ops = w.nops;
    wl_fini(&w);
    return (t1 - t0) / (double)w.nops;
}

/* ---- the untimed pass: shape watch and baseline windows ----------- */

typedef struct pass {
    cell *c;
    const run_opts *o;
    iva_tree t;
    wl w;
    lin saved, cur;
    rec *buf;
    iva_range *res;
    iva_status *rst;
    size_t nwin, wlen;
    double lin_time[MAX_REPS];
    size_t lin_done;
    uint64_t visits; /* nodes visited by the measured allocations */
    uint64_t allocs;
} pass;

/* Baseline budget: whole sequence if affordable, else LIN_WINDOWS evenly
 * spaced windows of even length (alloc/free pairs stay together). */
static void plan(pass *p)
{
    size_t nops = p->w.nops, nodes = (size_t)p->c->n;
    size_t want;
    if ((size_t)p->c->nodes > nodes)
        nodes = p->c->nodes;
    want = (size_t)(p->o->lin_work / nodes);
    if (want < LIN_MIN_OPS)
        want = LIN_MIN_OPS;
    if (want >= nops) {
        p->nwin = 1u;
        p->wlen = nops;
        return;
    }
    p->nwin = LIN_WINDOWS;
    p->wlen = (want / LIN_WINDOWS + 1u) & ~(size_t)1u;
}

static size_t win_start(const pass *p, size_t j)
{
    return (j * p->w.nops / p->nwin) & ~(size_t)1u;
}

static void watch(pass *p)
{
    iva_stats s;
    iva_get_stats(&p->t, &s);
    if (s.depth > p->c->depth_max)
        p->c->depth_max = s.depth;
    if (s.nodes >= 2u) {
        double r = (double)s.depth / log2((double)s.nodes);
        if (r > p->c->depth_ratio)
            p->c->depth_ratio = r;
    }
}

/* Tree shape at one third of the measured phase (fill: after the first
 * n allocations, when the tree is largest). */
static void snapshot_shape(pass *p)
{
    shape sh;
    iva_stats s;
    shape_of(&p->t, &sh);
    iva_get_stats(&p->t, &s);
    p->c->nodes = sh.nodes;
    p->c->live = s.allocated_nodes + s.valued_nodes;
    p->c->depth_mean = sh.mean_depth;
}

/* Run the next operation on ivalloc (untimed); record it if `r`. */
static void pass_step(pass *p, rec *r)
{
    bop op;
    iva_range got;
    iva_status st;
    iva_stats s0, s1;
    uint64_t h0;
    if (p->w.step == p->w.nops / 3u)
        snapshot_shape(p);
    wl_next(&p->w, &op);
    iva_get_stats(&p->t, &s0);
    h0 = heap_calls();
    st = exec_iva(&p->t, &op, &got);
    p->c->heap_calls += heap_calls() - h0;
    iva_get_stats(&p->t, &s1);
    p->visits += s1.visits - s0.visits;
    p->allocs += op.kind == BOP_ALLOC;
    wl_done(&p->w, &op, st, got);
    watch(p);
    if (r != NULL) {
        r->op = op;
        r->st = st;
        r->got = got;
    }
}

/* Count recorded results the baseline did not reproduce. */
static void compare(pass *p, size_t k)
{
    size_t i;
    for (i = 0u; i < k; i++) {
        const rec *r = &p->buf[i];
        if (p->rst[i] != r->st)
            p->c->mismatches++;
        else if (r->st == IVA_OK && r->op.kind == BOP_ALLOC &&
                 (p->res[i].min != r->got.min || p->res[i].max != r->got.max))
            p->c->mismatches++;
    }
}

/* Time the k recorded operations on copies of the saved baseline. */
static void replay(pass *p, size_t k)
{
    int r;
    size_t i;
    for (r = 0; r < p->o->lin_reps; r++) {
        double t0;
        lin_copy(&p->cur, &p->saved);
        t0 = now_ns();
        for (i = 0u; i < k; i++)
            p->rst[i] = exec_lin(&p->cur, &p->buf[i].op, &p->res[i]);
        p->lin_time[r] += now_ns() - t0;
        if (r == 0)
            compare(p, k);
    }
    p->lin_done += k;
}

static void window(pass *p)
{
    size_t k = 0u;
    lin_load(&p->saved, &p->t);
    while (k < p->wlen && p->w.step < p->w.nops)
        pass_step(p, &p->buf[k++]);
    replay(p, k);
}

static void pass_loop(pass *p)
{
    size_t j = 0u;
    while (p->w.step < p->w.nops) {
        if (p->o->with_lin && j < p->nwin && p->w.step == win_start(p, j)) {
            window(p);
            j++;
        } else {
            pass_step(p, NULL);
        }
    }
}

static void lin_summary(pass *p)
{
    int r;
    if (!p->o->with_lin || p->lin_done == 0u)
        return;
    for (r = 0; r < p->o->lin_reps; r++)
        p->lin_time[r] /= (double)p->lin_done;
    p->c->lin_ns = median(p->lin_time, p->o->lin_reps);
    p->c->lin_ops = p->lin_done;
    p->c->lin_full = p->nwin == 1u;
}

static void untimed_pass(cell *c, const run_opts *o, iva_node *pool,
                         uint32_t cap)
{
    pass p;
    shape sh;
    memset(&p, 0, sizeof p);
    p.c = c;
    p.o = o;
    lin_init(&p.saved);
    lin_init(&p.cur);
    start(&p.t, &p.w, c, pool, cap);
    watch(&p);
    snapshot_shape(&p);
    plan(&p);
    p.buf = xmalloc(p.wlen * sizeof(rec));
    p.res = xmalloc(p.wlen * sizeof(iva_range));
    p.rst = xmalloc(p.wlen * sizeof(iva_status));
    pass_loop(&p);
    lin_summary(&p);
    {
        iva_stats s;
        iva_get_stats(&p.t, &s);
        c->rebuilds = s.rebuilds;
    }
    shape_of(&p.t, &sh);
    c->slots_used = sh.slots_used;
    c->allocs = p.allocs;
    c->visits = p.allocs ? (double)p.visits / (double)p.allocs : 0.0;
    c->failed = p.w.failed;
    c->ops = p.w.nops;
    free(p.buf);
    free(p.res);
    free(p.rst);
    lin_fini(&p.saved);
    lin_fini(&p.cur);
    wl_fini(&p.w);
}

void run_cell(cell *c, const run_opts *o)
{
    uint32_t cap = wl_pool_slots(c->kind, c->n);
    iva_node *pool = xmalloc((size_t)cap * sizeof(iva_node));
    double ns[MAX_REPS];
    int r, reps = o->reps < MAX_REPS ? o->reps : MAX_REPS;
    c->heap_calls = 0u;
    c->depth_max = 0u;
    c->depth_ratio = 0.0;
    c->mismatches = 0u;
    c->lin_ns = 0.0;
    c->lin_ops = 0u;
    untimed_pass(c, o, pool, cap);
    for (r = 0; r < reps; r++)
        ns[r] = iva_rep(c, pool, cap);
    c->iva_ns = reps > 0 ? median(ns, reps) : 0.0;
    free(pool);
}
