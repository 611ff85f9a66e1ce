/* The benchmark workloads (see workload.h). */
#include "workload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAIRS 100000u
#define KIB 1024u
#define ALIGNED_WORK 50000000u /* aligned pairs: about this many visits */

/* splitmix64: a small, well-mixed PRNG (the seed is printed by bench). */
static uint64_t rnd(wl *w)
{
    uint64_t z = (w->rng += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void die(const char *what, iva_status st)
{
    fprintf(stderr, "bench: set-up failed: %s: %s\n", what, iva_strerror(st));
    exit(1);
}

const char *wl_name(wl_kind k)
{
    static const char *const names[] = {"fill", "fragment", "vmm", "aligned"};
    return names[k];
}

uint32_t wl_pool_slots(wl_kind k, uint64_t n)
{
    switch (k) {
    case WL_FILL:
        return (uint32_t)(n + 4u);
    case WL_FRAGMENT:
        return (uint32_t)(n + 4u);
    case WL_VMM:
        return (uint32_t)(2u * n + 16u);
    default:
        return (uint32_t)(2u * n + 8u);
    }
}

static size_t aligned_pairs(uint64_t n)
{
    uint64_t p = ALIGNED_WORK / n;
    if (p < 100u)
        p = 100u;
    return (size_t)(p > PAIRS ? PAIRS : p);
}

size_t wl_ops(wl_kind k, uint64_t n)
{
    switch (k) {
    case WL_FILL:
        return (size_t)(3u * n);
    case WL_ALIGNED:
        return 2u * aligned_pairs(n);
    case WL_VMM: /* every range turns over at least once at every n */
        return 2u * (size_t)(n > PAIRS ? n : PAIRS);
    default:
        return 2u * PAIRS;
    }
}

/* Room for `need` live ranges (reserved up front: the measured loop
 * must not call malloc). */
static void live_reserve(wl *w, size_t need)
{
    void *p;
    if (need <= w->cap_live)
        return;
    p = realloc(w->live, need * sizeof(iva_range));
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory (live list)\n");
        exit(1);
    }
    w->live = p;
    w->cap_live = need;
}

static void live_push(wl *w, iva_range r)
{
    if (w->nlive == w->cap_live)
        live_reserve(w, 2u * w->cap_live + 1024u);
    w->live[w->nlive++] = r;
}

/* Remove and return a uniformly chosen live range. */
static iva_range live_take_random(wl *w)
{
    size_t j = (size_t)(rnd(w) % w->nlive);
    iva_range r = w->live[j];
    w->live[j] = w->live[--w->nlive];
    return r;
}

static void must(iva_status st, const char *what)
{
    if (st != IVA_OK)
        die(what, st);
}

static void put_free(iva_tree *t, uint64_t min, uint64_t max)
{
    iva_range r;
    r.min = min;
    r.max = max;
    must(iva_insert(t, r, NULL), "insert pool");
}

static iva_range take(iva_tree *t, const iva_constraint *c)
{
    iva_range r = {0u, 0u};
    must(iva_allocate(t, c, &r), "allocate");
    return r;
}

static void setup_fragment(iva_tree *t, uint64_t n)
{
    iva_constraint c = IVA_CONSTRAINT(1u);
    uint64_t i;
    put_free(t, 0u, 2u * n + 1024u);
    for (i = 0u; i < n; i++)
        (void)take(t, &c);
    for (i = 0u; i < n; i += 2u) {
        iva_range r = {i, i};
        must(iva_free(t, r, NULL), "free");
    }
}

static void setup_aligned(iva_tree *t, uint64_t n)
{
    iva_constraint c = IVA_CONSTRAINT(64u);
    uint64_t i;
    c.align = 64u;
    put_free(t, 0u, 64u * n + (1u << 20));
    for (i = 0u; i < n; i++)
        (void)take(t, &c);
    for (i = 1u; i < n; i += 2u) {
        iva_range blk = {64u * i, 64u * i + 63u}, unit = {64u * i, 64u * i};
        must(iva_free(t, blk, NULL), "free");
        must(iva_allocate_at(t, unit), "allocate_at");
    }
}

/* ---- vmm: one constraint per resource class ------------------------ */

#define WIN_MMIO32 0x0ull
#define WIN_MMIO64 (1ull << 40)
#define WIN_PIO (1ull << 56)
#define WIN_IRQ (1ull << 57)
#define WIN_MSI (1ull << 58)

static void vmm_windows(iva_tree *t)
{
    put_free(t, WIN_MMIO32, (1ull << 36) - 1u); /* low MMIO, scaled */
    put_free(t, WIN_MMIO64, (1ull << 52) - 1u); /* high MMIO */
    put_free(t, WIN_PIO, WIN_PIO + 0xffffffffu);
    put_free(t, WIN_IRQ, WIN_IRQ + 0xffffffffu);
    put_free(t, WIN_MSI, WIN_MSI + 0xffffffffu);
}

static void vmm_window(iva_constraint *c, uint64_t lo, uint64_t hi)
{
    c->min = lo;
    c->max = hi;
}

/* Size 2^k, aligned to itself. */
static void pow2_block(iva_constraint *c, unsigned k)
{
    c->size = 1ull << k;
    c->align = 1ull << k;
}

/* -1: the full mix; 0..4: only that class (see wl_vmm_only). */
static int g_vmm_only = -1;
static const char *const k_vmm_classes[] = {"mmio32", "mmio64", "pio", "irq",
                                            "msi"};
static const unsigned k_vmm_pick[] = {0u, 20u, 50u, 70u, 85u};

int wl_vmm_only(const char *cls)
{
    int i;
    for (i = 0; i < 5; i++)
        if (strcmp(cls, k_vmm_classes[i]) == 0) {
            g_vmm_only = i;
            return 0;
        }
    return -1;
}

static void vmm_constraint(wl *w, iva_constraint *c)
{
    uint64_t r = rnd(w), pick = r % 100u;
    if (g_vmm_only >= 0)
        pick = k_vmm_pick[g_vmm_only];
    *c = IVA_CONSTRAINT(1u);
    r >>= 8;
    if (pick < 20u) { /* 32-bit BARs: 4-64 KiB, FIRST_FIT */
        pow2_block(c, 12u + (unsigned)(r % 5u));
        vmm_window(c, WIN_MMIO32, (1ull << 36) - 1u);
    } else if (pick < 50u) { /* 64-bit BARs: 4 KiB-1 GiB, LAST_FIT */
        pow2_block(c, 12u + (unsigned)(r % 19u));
        vmm_window(c, WIN_MMIO64, (1ull << 52) - 1u);
        c->policy = IVA_LAST_FIT;
    } else if (pick < 70u) { /* port I/O: 1-32 ports, aligned */
        pow2_block(c, (unsigned)(r % 6u));
        vmm_window(c, WIN_PIO, WIN_PIO + 0xffffffffu);
    } else if (pick < 85u) { /* legacy IRQ lines */
        vmm_window(c, WIN_IRQ, WIN_IRQ + 0xffffffffu);
    } else { /* MSI vectors: aligned power-of-two blocks */
        pow2_block(c, (unsigned)(r % 6u));
        vmm_window(c, WIN_MSI, WIN_MSI + 0xffffffffu);
    }
}

static void setup_vmm(wl *w, iva_tree *t, uint64_t n)
{
    uint64_t i;
    iva_constraint c;
    vmm_windows(t);
    for (i = 0u; i < n; i++) {
        vmm_constraint(w, &c);
        live_push(w, take(t, &c));
    }
}

void wl_setup(wl *w, wl_kind k, uint64_t n, iva_tree *t, uint64_t seed)
{
    w->kind = k;
    w->n = n;
    w->nops = wl_ops(k, n);
    w->step = 0u;
    w->live = NULL;
    w->nlive = 0u;
    w->cap_live = 0u;
    w->rng = seed;
    w->failed = 0u;
    live_reserve(w, (size_t)n + 1024u);
    if (k == WL_FILL)
        put_free(t, 0u, 2u * n - 1u);
    else if (k == WL_FRAGMENT)
        setup_fragment(t, n);
    else if (k == WL_VMM)
        setup_vmm(w, t, n);
    else
        setup_aligned(t, n);
}

void wl_fini(wl *w)
{
    free(w->live);
    w->live = NULL;
    w->nlive = w->cap_live = 0u;
}

static void op_alloc(bop *op, uint64_t size)
{
    op->kind = BOP_ALLOC;
    op->c = IVA_CONSTRAINT(size);
}

static void op_free(bop *op, iva_range r)
{
    op->kind = BOP_FREE;
    op->key = r;
}

static void next_fill(wl *w, bop *op)
{
    if (w->step >= w->n && w->step < 2u * w->n)
        op_free(op, live_take_random(w));
    else
        op_alloc(op, 1u);
}

/* Pairs: even steps allocate, odd steps free what the last one got. */
static void next_pair(wl *w, bop *op)
{
    if (w->step % 2u == 1u && w->nlive > 0u) {
        op_free(op, w->live[--w->nlive]);
        return;
    }
    if (w->kind == WL_FRAGMENT) {
        op_alloc(op, 2u);
    } else {
        op_alloc(op, 32u);
        op->c.align = 64u;
    }
}

/* Churn: even steps free a random live range, odd steps allocate. */
static void next_vmm(wl *w, bop *op)
{
    if (w->step % 2u == 0u && w->nlive > 0u) {
        op_free(op, live_take_random(w));
        return;
    }
    op->kind = BOP_ALLOC;
    vmm_constraint(w, &op->c);
}

void wl_next(wl *w, bop *op)
{
    if (w->kind == WL_FILL)
        next_fill(w, op);
    else if (w->kind == WL_VMM)
        next_vmm(w, op);
    else
        next_pair(w, op);
}

void wl_done(wl *w, const bop *op, iva_status st, iva_range got)
{
    w->step++;
    if (st != IVA_OK)
        w->failed++;
    else if (op->kind == BOP_ALLOC)
        live_push(w, got);
}
