/*
 * Tiny shared test helpers: CHECK macros that print file:line and fail the
 * test, a seeded PRNG (seed printed; set it with env IVA_TEST_SEED), tree
 * dumps to compare a tree before and after a failing operation, and a test
 * runner.  Header-only; every test program includes it once.
 */
#ifndef IVA_TESTUTIL_H
#define IVA_TESTUTIL_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivalloc.h"

static int tu_failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                    \
            tu_failures++;                                                     \
            return;                                                            \
        }                                                                      \
    } while (0)

#define CHECK_EQ_U64(a, b)                                                     \
    do {                                                                       \
        uint64_t tu_a_ = (uint64_t)(a), tu_b_ = (uint64_t)(b);                 \
        if (tu_a_ != tu_b_) {                                                  \
            fprintf(stderr,                                                    \
                    "%s:%d: CHECK failed: %s == %s (0x%" PRIx64                \
                    " != 0x%" PRIx64 ")\n",                                    \
                    __FILE__, __LINE__, #a, #b, tu_a_, tu_b_);                 \
            tu_failures++;                                                     \
            return;                                                            \
        }                                                                      \
    } while (0)

/* Status comparison printing both words. */
#define CHECK_ST(expr, want)                                                   \
    do {                                                                       \
        iva_status tu_s_ = (expr), tu_w_ = (want);                             \
        if (tu_s_ != tu_w_) {                                                  \
            fprintf(stderr, "%s:%d: %s gave %s, expected %s\n", __FILE__,      \
                    __LINE__, #expr, iva_strerror(tu_s_),                      \
                    iva_strerror(tu_w_));                                      \
            tu_failures++;                                                     \
            return;                                                            \
        }                                                                      \
    } while (0)

#define CHECK_OK(expr) CHECK_ST((expr), IVA_OK)

/* iva_check passes (prints the broken invariant otherwise). */
#define CHECK_TREE(t)                                                          \
    do {                                                                       \
        iva_check_report tu_r_;                                                \
        if (iva_check((t), &tu_r_) != IVA_OK) {                                \
            fprintf(stderr, "%s:%d: iva_check: I%d at node %u: %s\n",         \
                    __FILE__, __LINE__, tu_r_.invariant, tu_r_.node,           \
                    tu_r_.what);                                               \
            tu_failures++;                                                     \
            return;                                                            \
        }                                                                      \
    } while (0)

static inline iva_range R(uint64_t min, uint64_t max)
{
    iva_range r;
    r.min = min;
    r.max = max;
    return r;
}

/* ---- seeded PRNG (splitmix64) --------------------------------------- */

static uint64_t tu_rng_state;

static inline uint64_t tu_rand(void)
{
    uint64_t z = (tu_rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Uniform-ish in [0, n) (n > 0). */
static inline uint64_t tu_below(uint64_t n)
{
    return tu_rand() % n;
}

/* Seed from IVA_TEST_SEED (decimal or 0x-hex) or a fixed default; print
 * it so that a failing run can be repeated. */
static inline uint64_t tu_seed_init(const char *prog)
{
    const char *env = getenv("IVA_TEST_SEED");
    uint64_t seed = 0x1f2e3d4c5b6a7988u;
    if (env != NULL && *env != '\0')
        seed = strtoull(env, NULL, 0);
    tu_rng_state = seed;
    printf("%s: seed 0x%" PRIx64 " (set IVA_TEST_SEED to repeat)\n", prog,
           seed);
    return seed;
}

/* ---- whole-tree snapshots for "unchanged" assertions ---------------- */

#define TU_MAX_DUMP 512

typedef struct tu_dump {
    size_t n;
    iva_entry e[TU_MAX_DUMP];
    iva_stats s;
    int overflow;
} tu_dump;

/* Full in-order dump plus statistics (visits excluded: allocate searches
 * count visits even when they fail). */
static inline void tu_take(const iva_tree *t, tu_dump *d)
{
    iva_iter it;
    iva_entry e;
    memset(d, 0, sizeof *d);
    iva_iter_all(&it, t);
    while (iva_iter_next(&it, &e)) {
        if (d->n == TU_MAX_DUMP) {
            d->overflow = 1;
            break;
        }
        d->e[d->n++] = e;
    }
    iva_get_stats(t, &d->s);
    d->s.visits = 0u;
}

static inline int tu_same(const tu_dump *a, const tu_dump *b)
{
    size_t i;
    if (a->overflow || b->overflow || a->n != b->n)
        return 0;
    for (i = 0; i < a->n; i++) {
        const iva_entry *x = &a->e[i], *y = &b->e[i];
        if (x->key.min != y->key.min || x->key.max != y->key.max ||
            x->state != y->state || x->data != y->data)
            return 0;
    }
    return a->s.nodes == b->s.nodes && a->s.free_nodes == b->s.free_nodes &&
           a->s.allocated_nodes == b->s.allocated_nodes &&
           a->s.valued_nodes == b->s.valued_nodes &&
           a->s.free_span_lo == b->s.free_span_lo &&
           a->s.free_span_hi == b->s.free_span_hi &&
           a->s.has_free == b->s.has_free &&
           a->s.largest_free_m1 == b->s.largest_free_m1 &&
           a->s.depth == b->s.depth;
}

/* Same nodes, states, data and counters; the shape (depth) may differ,
 * as it does between trees with different seeds or slot histories. */
static inline int tu_same_content(const tu_dump *a, const tu_dump *b)
{
    static tu_dump c;
    c = *b;
    c.s.depth = a->s.depth;
    c.s.capacity = a->s.capacity;
    return tu_same(a, &c);
}

static inline void tu_print(const char *tag, const tu_dump *d)
{
    size_t i;
    fprintf(stderr, "  %s (%zu nodes):\n", tag, d->n);
    for (i = 0; i < d->n; i++)
        fprintf(stderr, "    [0x%" PRIx64 ", 0x%" PRIx64 "] %d 0x%" PRIx64
                        "\n",
                d->e[i].key.min, d->e[i].key.max, (int)d->e[i].state,
                d->e[i].data);
}

/* Assert that tree t still matches dump `before` and passes iva_check. */
#define CHECK_UNCHANGED(t, before)                                             \
    do {                                                                       \
        tu_dump tu_after_;                                                     \
        tu_take((t), &tu_after_);                                              \
        if (!tu_same((before), &tu_after_)) {                                  \
            fprintf(stderr, "%s:%d: tree changed by a failing operation\n",   \
                    __FILE__, __LINE__);                                       \
            tu_print("before", (before));                                      \
            tu_print("after", &tu_after_);                                     \
            tu_failures++;                                                     \
            return;                                                            \
        }                                                                      \
        CHECK_TREE(t);                                                         \
    } while (0)

/* Expect the in-order keys/states of t to be exactly exp[0..n). */
static inline int tu_matches(const iva_tree *t, const iva_entry *exp,
                             size_t n)
{
    iva_iter it;
    iva_entry e;
    size_t i = 0;
    iva_iter_all(&it, t);
    while (iva_iter_next(&it, &e)) {
        if (i == n || e.key.min != exp[i].key.min ||
            e.key.max != exp[i].key.max || e.state != exp[i].state ||
            e.data != exp[i].data)
            return 0;
        i++;
    }
    return i == n;
}

#define E(mn, mx, st, d) {{(mn), (mx)}, (st), (d)}
#define CHECK_NODES(t, ...)                                                    \
    do {                                                                       \
        static const iva_entry tu_exp_[] = {__VA_ARGS__};                      \
        if (!tu_matches((t), tu_exp_, sizeof tu_exp_ / sizeof tu_exp_[0])) {   \
            tu_dump tu_d_;                                                     \
            tu_take((t), &tu_d_);                                              \
            fprintf(stderr, "%s:%d: tree differs from expectation\n",          \
                    __FILE__, __LINE__);                                       \
            tu_print("actual", &tu_d_);                                        \
            tu_failures++;                                                     \
            return;                                                            \
        }                                                                      \
    } while (0)

/* ---- runner ----------------------------------------------------------- */

typedef struct tu_case {
    const char *name;
    void (*fn)(void);
} tu_case;

#define TU_CASE(f) {#f, f}

/* Run every case (or only those named on the command line). */
static inline int tu_run(const tu_case *cases, size_t n, int argc,
                         char **argv)
{
    size_t i;
    int ran = 0;
    for (i = 0; i < n; i++) {
        int before = tu_failures, k, want = argc <= 1;
        for (k = 1; k < argc; k++)
            want |= strcmp(argv[k], cases[i].name) == 0;
        if (!want)
            continue;
        cases[i].fn();
        ran++;
        printf("%s %s\n", tu_failures == before ? "PASS" : "FAIL",
               cases[i].name);
    }
    printf("%d cases, %d failed\n", ran, tu_failures);
    return tu_failures == 0 && ran > 0 ? 0 : 1;
}

#define TU_MAIN(cases)                                                         \
    int main(int argc, char **argv)                                            \
    {                                                                          \
        return tu_run((cases), sizeof(cases) / sizeof((cases)[0]), argc,       \
                      argv);                                                   \
    }

#endif /* IVA_TESTUTIL_H */
