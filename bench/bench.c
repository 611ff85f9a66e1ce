/*
 * bench — ivalloc against a linear-scan baseline (issue 5).
 *
 *   bench [--max-n N] [--reps R] [--seed S] [--wall]
 *                                             the table (docs/PERFORMANCE.md);
 *                                             --wall: wall-clock time instead
 *                                             of the thread's CPU time;
 *                                             --lin-work W: baseline budget,
 *                                             ops * nodes (default 5e8);
 *                                             --workload W: that one only;
 *                                             --vmm-only CLASS: vmm with one
 *                                             resource class only
 *   bench --check [--seed S]                  the scaling check (stage 60)
 *
 * See docs/PERFORMANCE.md for what every column means.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "heapcount.h"
#include "run.h"

#define NKINDS 4
#define NSIZES 4
#define CHECK_SIZES 6
#define CHECK_MARGIN 1.5
#define CHECK_SEEDS 5

typedef struct opts {
    int check;
    uint64_t max_n;
    int reps;
    int wall;
    uint64_t seed;
    uint64_t lin_work;
    int only; /* -1: every workload */
} opts;

static const uint64_t k_sizes[NSIZES] = {1000u, 10000u, 100000u, 1000000u};
static const uint64_t k_check_sizes[CHECK_SIZES] = {
    1u << 10, 1u << 12, 1u << 14, 1u << 16, 1u << 18, 1u << 20};

static int usage(void)
{
    fprintf(stderr, "usage: bench [--check] [--max-n N] [--reps R] "
                    "[--seed S] [--wall] [--lin-work W]\n"
                    "             [--workload fill|fragment|vmm|aligned]\n"
                    "             [--vmm-only mmio32|mmio64|pio|irq|msi]\n");
    return 2;
}

/* Index of the workload called `name`, or NKINDS (matches none). */
static int workload_index(const char *name)
{
    int k;
    for (k = 0; k < NKINDS; k++)
        if (strcmp(name, wl_name((wl_kind)k)) == 0)
            return k;
    return NKINDS;
}

static int parse(int argc, char **argv, opts *o)
{
    int i;
    o->check = 0;
    o->max_n = 1000000u;
    o->reps = 5;
    o->wall = 0;
    o->lin_work = 500000000u;
    o->only = -1;
    o->seed = 0x1ee7c0deu;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--check") == 0)
            o->check = 1;
        else if (strcmp(argv[i], "--wall") == 0)
            o->wall = 1;
        else if (i + 1 < argc && strcmp(argv[i], "--max-n") == 0)
            o->max_n = strtoull(argv[++i], NULL, 0);
        else if (i + 1 < argc && strcmp(argv[i], "--reps") == 0)
            o->reps = atoi(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--workload") == 0)
            o->only = workload_index(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--vmm-only") == 0) {
            if (wl_vmm_only(argv[++i]) != 0)
                return -1;
        } else if (i + 1 < argc && strcmp(argv[i], "--lin-work") == 0)
            o->lin_work = strtoull(argv[++i], NULL, 0);
        else if (i + 1 < argc && strcmp(argv[i], "--seed") == 0)
            o->seed = strtoull(argv[++i], NULL, 0);
        else
            return -1;
    }
    return o->reps >= 1 && o->reps <= 31 && o->only < NKINDS ? 0 : -1;
}

/* log2 of the number of ranges the bound is stated for. */
static double lg(uint64_t n)
{
    return log2((double)(n < 2u ? 2u : n));
}

static uint64_t bound_n(const cell *c)
{
    return c->nodes > c->n ? c->nodes : c->n;
}

/* ---- the table ------------------------------------------------------ */

static void table_head(void)
{
    printf("| workload | n | nodes | ivalloc ns/op | visits/alloc | "
           "depth max | 3log2(nodes) | depth mean | rebuilds | "
           "pool B/live | baseline ns/op | baseline ops | speedup |\n");
    printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
           "---:|\n");
}

static void table_row(const cell *c)
{
    double pool_b = c->live ? (double)c->slots_used * (double)sizeof(iva_node) /
                                  (double)c->live
                            : 0.0;
    printf("| %s | %llu | %u | %.0f | %.1f | %u | %.0f | %.1f | %u | %.1f | ",
           wl_name(c->kind), (unsigned long long)c->n, c->nodes, c->iva_ns,
           c->visits, c->depth_max, 3.0 * lg(bound_n(c)), c->depth_mean,
           c->rebuilds, pool_b);
    printf("%.0f | %zu%s | %.1fx |\n", c->lin_ns, c->lin_ops,
           c->lin_full ? " (all)" : "", c->lin_ns / c->iva_ns);
    fflush(stdout);
}

static int cell_sound(const cell *c)
{
    if (c->failed != 0u || c->mismatches != 0u) {
        printf("ERROR: %s n=%llu: %llu failed operations, %llu baseline "
               "mismatches\n",
               wl_name(c->kind), (unsigned long long)c->n,
               (unsigned long long)c->failed,
               (unsigned long long)c->mismatches);
        return 0;
    }
    return 1;
}

/* ---- goals of issue 5 ----------------------------------------------- */

static const cell *find(const cell *v, int k, wl_kind kind, uint64_t n)
{
    int i;
    for (i = 0; i < k; i++)
        if (v[i].kind == kind && v[i].n == n)
            return &v[i];
    return NULL;
}

static void goal(const char *what, int met, const char *detail)
{
    printf("- %s: %s (%s)\n", what, met ? "MET" : "NOT MET", detail);
}

static int goal_speedup(const cell *v, int k)
{
    const cell *c = find(v, k, WL_FRAGMENT, 100000u);
    char d[128];
    if (c == NULL)
        return 0;
    snprintf(d, sizeof d, "%.0fx: baseline %.0f ns/op, ivalloc %.0f ns/op",
             c->lin_ns / c->iva_ns, c->lin_ns, c->iva_ns);
    goal("fragment n=1e5 >= 1000x faster than the baseline",
         c->lin_ns >= 1000.0 * c->iva_ns, d);
    return c->lin_ns >= 1000.0 * c->iva_ns;
}

static int goal_pair(const cell *v, int k)
{
    const cell *c = find(v, k, WL_FRAGMENT, 1000000u);
    char d[128];
    if (c == NULL)
        return 0;
    snprintf(d, sizeof d, "%.0f ns per allocate+free pair", 2.0 * c->iva_ns);
    goal("fragment n=1e6 allocate+free < 1 us", 2.0 * c->iva_ns < 1000.0, d);
    return 2.0 * c->iva_ns < 1000.0;
}

static int goal_memory(const cell *v, int k)
{
    uint64_t heap = 0u;
    char d[160];
    int i, met;
    for (i = 0; i < k; i++)
        heap += v[i].heap_calls;
    met = sizeof(iva_node) <= 48u && heap == 0u;
    snprintf(d, sizeof d,
             "sizeof(iva_node) = %zu; malloc/calloc/realloc/free calls in "
             "all timed pool-mode loops: %llu",
             sizeof(iva_node), (unsigned long long)heap);
    goal("<= 48 bytes of node per range, no heap allocation per op", met, d);
    return met;
}

static int goal_depth(const cell *v, int k)
{
    double worst = 0.0;
    char d[128];
    int i;
    for (i = 0; i < k; i++)
        worst = v[i].depth_ratio > worst ? v[i].depth_ratio : worst;
    snprintf(d, sizeof d,
             "worst depth / log2(nodes) after any operation = %.2f", worst);
    goal("depth <= 3*log2(n) on every workload", worst <= 3.0, d);
    return worst <= 3.0;
}

static void goals(const cell *v, int k)
{
    int met = 0;
    const cell *f = find(v, k, WL_FRAGMENT, 1000000u);
    printf("\nGoals of issue 5:\n");
    met += goal_speedup(v, k);
    met += goal_pair(v, k);
    met += goal_memory(v, k);
    met += goal_depth(v, k);
    if (f != NULL)
        printf("RESULT: %d/4 issue-5 goals met; fragment n=1e6: %.0f ns "
               "per allocate+free, %.0fx the baseline\n",
               met, 2.0 * f->iva_ns, f->lin_ns / f->iva_ns);
    else
        printf("RESULT: %d/4 issue-5 goals met (sizes above --max-n "
               "skipped)\n", met);
}

static int table(const opts *o)
{
    cell v[NKINDS * NSIZES];
    run_opts ro = {o->reps, 3, 1, 500000000u};
    ro.lin_work = o->lin_work;
    int k = 0, ok = 1, kind, s;
    run_use_wall_clock(o->wall);
    printf("seed %#llx, %d repetitions (median), %s time, heap counter "
           "%s\n\n",
           (unsigned long long)o->seed, o->reps,
           o->wall ? "wall-clock" : "thread CPU",
           heap_calls() == UINT64_MAX ? "unavailable" : "on");
    table_head();
    for (kind = 0; kind < NKINDS; kind++)
        for (s = 0; s < NSIZES && k_sizes[s] <= o->max_n &&
                    (o->only < 0 || o->only == kind);
             s++) {
            cell *c = &v[k++];
            memset(c, 0, sizeof *c);
            c->kind = (wl_kind)kind;
            c->n = k_sizes[s];
            c->seed = o->seed;
            run_cell(c, &ro);
            table_row(c);
            ok &= cell_sound(c);
        }
    goals(v, k);
    return ok && heap_calls() != UINT64_MAX ? 0 : 1;
}

/* ---- the scaling check (counts nodes, not time) -------------------- */

/* A different, unrelated seed for each repetition.  (Seeds that differ
 * by multiples of the library's slot multiplier would only shift the slot
 * priorities and give nearly the same trees.) */
static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 33)) * 0xff51afd7ed558ccdu;
    z = (z ^ (z >> 33)) * 0xc4ceb9fe1a85ec53u;
    return z ^ (z >> 33);
}

/* Seeds per check cell.  fragment's tree keeps one shape for the whole
 * run (each pair undoes itself), so one seed is one sample of a random
 * treap: average several.  fill's 2n allocations each see a new shape. */
static int check_seeds(wl_kind kind)
{
    return kind == WL_FRAGMENT ? CHECK_SEEDS : 1;
}

/* One untimed cell per seed; visits averaged, depth and counts summed
 * or maximised. */
static void check_cell(cell *c, wl_kind kind, uint64_t n, uint64_t seed)
{
    run_opts ro = {0, 1, 0, 1000000000000u};
    cell one;
    int s, ns = check_seeds(kind);
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->n = n;
    ro.with_lin = n <= (1u << 12); /* cross-check every placement */
    for (s = 0; s < ns; s++) {
        memset(&one, 0, sizeof one);
        one.kind = kind;
        one.n = n;
        one.seed = mix(seed + (uint64_t)s);
        run_cell(&one, &ro);
        c->visits += one.visits / ns;
        c->depth_max = one.depth_max > c->depth_max ? one.depth_max
                                                    : c->depth_max;
        c->depth_ratio = one.depth_ratio > c->depth_ratio ? one.depth_ratio
                                                          : c->depth_ratio;
        c->nodes = one.nodes > c->nodes ? one.nodes : c->nodes;
        c->heap_calls += one.heap_calls;
        c->mismatches += one.mismatches;
        c->failed += one.failed;
    }
}

/* Fails (returns 0) unless every larger n stays within c*log2(n). */
static int check_kind(wl_kind kind, uint64_t seed, double *cmax)
{
    cell v[CHECK_SIZES];
    double c = 0.0;
    int i, ok = 1;
    for (i = 0; i < CHECK_SIZES; i++) {
        double r, dlim;
        check_cell(&v[i], kind, k_check_sizes[i], seed);
        r = v[i].visits / lg(v[i].n);
        dlim = 3.0 * lg(bound_n(&v[i]));
        if (i < 2)
            c = r * CHECK_MARGIN > c ? r * CHECK_MARGIN : c;
        printf("check %-8s n=%-8llu visits/alloc=%6.2f  /log2(n)=%5.3f  "
               "depth max=%3u (limit %.0f)  heap calls=%llu  mismatches=%llu"
               "\n",
               wl_name(kind), (unsigned long long)v[i].n, v[i].visits, r,
               v[i].depth_max, dlim, (unsigned long long)v[i].heap_calls,
               (unsigned long long)v[i].mismatches);
        fflush(stdout);
        if (i >= 2 && r > c) {
            printf("FAIL: %s n=%llu visits/alloc %.2f > c*log2(n) = %.2f "
                   "(larger n skipped)\n",
                   wl_name(kind), (unsigned long long)v[i].n, v[i].visits,
                   c * lg(v[i].n));
            ok = 0;
            break;
        }
        if (v[i].depth_ratio > 3.0 || v[i].heap_calls != 0u ||
            !cell_sound(&v[i])) {
            printf("FAIL: %s n=%llu depth, heap or soundness check\n",
                   wl_name(kind), (unsigned long long)v[i].n);
            ok = 0;
        }
    }
    printf("check %s: c = %.3f (%.1f x the largest visits/log2(n) at n <= "
           "4096; visits averaged over %d seed(s))\n",
           wl_name(kind), c, CHECK_MARGIN, check_seeds(kind));
    *cmax = c;
    return ok;
}

static int check(const opts *o)
{
    double cf = 0.0, cg = 0.0;
    int ok;
    if (heap_calls() == UINT64_MAX) {
        printf("FAIL: heap call counter not built in (needs GNU ld --wrap)\n");
        return 1;
    }
    printf("seed %#llx\n", (unsigned long long)o->seed);
    ok = check_kind(WL_FILL, o->seed, &cf);
    ok &= check_kind(WL_FRAGMENT, o->seed, &cg);
    if (ok)
        printf("RESULT: scaling ok: visits/allocate within c*log2(n) up to "
               "n=2^20 (fill c=%.2f, fragment c=%.2f), depth <= "
               "3*log2(n), 0 heap calls\n",
               cf, cg);
    else
        printf("RESULT: scaling FAILED (see the FAIL lines above)\n");
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    opts o;
    if (parse(argc, argv, &o) != 0)
        return usage();
    return o.check ? check(&o) : table(&o);
}
