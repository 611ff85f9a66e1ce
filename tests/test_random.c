/*
 * Randomized differential test: thousands of random operations run on the
 * library and on the reference model of fuzz/model.{h,c}; every result,
 * every output and the whole tree (in-order dump and statistics) must
 * agree, and iva_check must pass after each operation.  The seed is
 * printed; IVA_TEST_SEED repeats a run, IVA_TEST_OPS sets the count.
 *
 * Three universes: keys near 0, keys near UINT64_MAX, and a tree that
 * starts as the whole [0, UINT64_MAX].  Each runs once on a heap tree and
 * once on a small fixed pool (with the model's node limit), so NO_MEMORY
 * paths are compared too.
 */
#include "testutil.h"

#include "model.h"

#define M UINT64_MAX
#define SPAN 2048u /* keys live in [base, base + SPAN) */
#define FIXED_CAP 48u

static iva_tree t;
static ivm m;
static uint64_t base;
static long op_no;
static long by_status[IVA_ERR_TXN + 1];

/* A point of the universe, sometimes right at its edges. */
static uint64_t point(void)
{
    uint64_t r = tu_below(100);
    if (r < 3)
        return base;
    if (r < 6)
        return base + (SPAN - 1u);
    return base + tu_below(SPAN);
}

static iva_range key(void)
{
    uint64_t a = point(), len = 1u + tu_below(tu_below(4) ? 16u : 400u);
    iva_range r;
    r.min = a;
    r.max = a + (len - 1u) < a || a + (len - 1u) > base + (SPAN - 1u)
                ? base + (SPAN - 1u)
                : a + (len - 1u);
    if (tu_below(50) == 0) { /* min > max: invalid */
        r.max = r.min;
        r.min = r.min == M ? M : r.min + 1u;
        if (r.min == r.max)
            r.max = r.min - 1u;
    }
    return r;
}

/* The key of an existing node (model index), or a random key. */
static iva_range some_key(void)
{
    iva_entry e;
    if (m.n > 0 && tu_below(4) != 0) {
        ivm_entry(&m, (size_t)tu_below(m.n), &e);
        if (tu_below(10) == 0 && e.key.max > e.key.min)
            e.key.max--; /* inside a node: NOT_FOUND */
        return e.key;
    }
    return key();
}

static uint64_t pow2_or_zero(unsigned maxlog)
{
    unsigned k = (unsigned)tu_below(maxlog + 2u);
    return k == 0 ? 0u : (uint64_t)1 << (k - 1u);
}

static iva_constraint constraint(void)
{
    iva_constraint c = IVA_CONSTRAINT(1u + tu_below(tu_below(3) ? 8u : 300u));
    c.policy = (iva_policy)tu_below(3);
    if (tu_below(2))
        c.align = pow2_or_zero(9);
    if (tu_below(4) == 0)
        c.boundary = pow2_or_zero(10);
    if (tu_below(3) == 0)
        c.min = point();
    if (tu_below(3) == 0)
        c.max = point();
    if (tu_below(60) == 0)
        c.align = 3u + 2u * tu_below(5); /* not a power of two */
    if (tu_below(60) == 0)
        c.size = 0u;
    if (tu_below(100) == 0)
        c.size = M - tu_below(2);
    return c;
}

static int same_entry(const iva_entry *a, const iva_entry *b)
{
    return a->key.min == b->key.min && a->key.max == b->key.max &&
           a->state == b->state && a->data == b->data;
}

/* The whole tree equals the model, and statistics agree. */
static int same_tree(void)
{
    iva_iter it;
    iva_entry a, b;
    iva_stats s;
    ivm_stats ms;
    size_t i = 0;
    iva_iter_all(&it, &t);
    while (iva_iter_next(&it, &a)) {
        if (i == m.n)
            return 0;
        ivm_entry(&m, i++, &b);
        if (!same_entry(&a, &b))
            return 0;
    }
    if (i != m.n)
        return 0;
    iva_get_stats(&t, &s);
    ivm_get_stats(&m, &ms);
    return s.nodes == ms.nodes && s.free_nodes == ms.per_state[IVA_FREE] &&
           s.allocated_nodes == ms.per_state[IVA_ALLOCATED] &&
           s.valued_nodes == ms.per_state[IVA_VALUED] &&
           s.free_span_lo == ms.free_span_lo &&
           s.free_span_hi == ms.free_span_hi && s.has_free == ms.has_free &&
           (!s.has_free || s.largest_free_m1 == ms.largest_free_m1);
}

#define AGREE(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: op %ld (kind %d): %s\n", __FILE__,         \
                    __LINE__, op_no, kind, #cond);                             \
            tu_failures++;                                                     \
            return 0;                                                          \
        }                                                                      \
    } while (0)

/* One random operation on both; 1 when they agree. */
static int step(void)
{
    int kind = (int)tu_below(10);
    iva_status s1 = IVA_OK, s2 = IVA_OK;
    iva_entry e1, e2;
    iva_range r1 = {0, 0}, r2 = {0, 0}, k;
    iva_constraint c;
    uint64_t d1 = 0, d2 = 0, d = tu_rand();
    memset(&e1, 0, sizeof e1);
    memset(&e2, 0, sizeof e2);
    switch (kind) {
    case 0: {
        const uint64_t *dp = tu_below(3) ? NULL : &d;
        k = key();
        s1 = iva_insert(&t, k, dp);
        s2 = ivm_insert(&m, k, dp);
        break;
    }
    case 1:
        k = some_key();
        s1 = iva_delete(&t, k, &e1);
        s2 = ivm_delete(&m, k, &e2);
        break;
    case 2:
        k = some_key();
        s1 = iva_update(&t, k, d, &e1);
        s2 = ivm_update(&m, k, d, &e2);
        break;
    case 3:
        k = some_key();
        if (tu_below(2)) {
            s1 = iva_get(&t, k, &e1);
            s2 = ivm_get(&m, k, &e2);
        } else {
            s1 = iva_get_superset(&t, k, &e1);
            s2 = ivm_get_superset(&m, k, &e2);
        }
        break;
    case 4:
        k.min = point();
        s1 = iva_get_by_id(&t, k.min, &d1);
        s2 = ivm_get_by_id(&m, k.min, &d2);
        break;
    case 5:
    case 6:
    case 7:
        c = constraint();
        s1 = iva_allocate(&t, &c, &r1);
        s2 = ivm_allocate(&m, &c, &r2);
        break;
    case 8:
        k = tu_below(2) ? key() : some_key();
        s1 = iva_allocate_at(&t, k);
        s2 = ivm_allocate_at(&m, k);
        break;
    default:
        k = some_key();
        s1 = iva_free(&t, k, &e1);
        s2 = ivm_free(&m, k, &e2);
        break;
    }
    AGREE(s1 == s2);
    if ((unsigned)s1 <= (unsigned)IVA_ERR_TXN)
        by_status[s1]++;
    AGREE(s1 != IVA_OK || (same_entry(&e1, &e2) && d1 == d2 &&
                           r1.min == r2.min && r1.max == r2.max));
    AGREE(same_tree());
    AGREE(iva_check(&t, NULL) == IVA_OK);
    return 1;
}

/* Start the universe: some FREE windows (or the whole space). */
static iva_status seed_tree(int whole)
{
    iva_status st = IVA_OK;
    uint64_t a;
    if (whole) {
        st = iva_insert(&t, R(0, M), NULL);
        if (st == IVA_OK)
            st = ivm_insert(&m, R(0, M), NULL);
        return st;
    }
    for (a = 0; st == IVA_OK && a < SPAN; a += SPAN / 4u) {
        st = iva_insert(&t, R(base + a, base + a + SPAN / 8u), NULL);
        if (st == IVA_OK)
            st = ivm_insert(&m, R(base + a, base + a + SPAN / 8u), NULL);
    }
    return st;
}

static long ops_per_run(void)
{
    const char *e = getenv("IVA_TEST_OPS");
    return e != NULL ? strtol(e, NULL, 0) : 10000L;
}

/* How many operations ended with each status (shows the mix is useful). */
static void report(void)
{
    int i;
    printf("  %ld ops:", op_no);
    for (i = 0; i <= (int)IVA_ERR_TXN; i++)
        if (by_status[i] != 0)
            printf(" %s %ld", iva_strerror((iva_status)i), by_status[i]);
    printf("\n");
}

static void run(uint64_t b, int whole, int fixed)
{
    static iva_node pool[FIXED_CAP];
    long n = ops_per_run();
    base = b;
    if (fixed) {
        CHECK_OK(iva_init(&t, pool, FIXED_CAP, tu_rand()));
        ivm_init(&m, FIXED_CAP);
    } else {
        CHECK_OK(iva_init_heap(&t, NULL, tu_rand()));
        ivm_init(&m, SIZE_MAX);
    }
    CHECK_OK(seed_tree(whole));
    memset(by_status, 0, sizeof by_status);
    for (op_no = 0; op_no < n; op_no++)
        if (!step())
            break;
    report();
    iva_fini(&t);
    ivm_fini(&m);
}

static void test_random_low_heap(void) { run(0, 0, 0); }
static void test_random_low_fixed(void) { run(0, 0, 1); }
static void test_random_top_heap(void) { run(M - (SPAN - 1u), 0, 0); }
static void test_random_top_fixed(void) { run(M - (SPAN - 1u), 0, 1); }
static void test_random_whole_heap(void) { run(M - (SPAN - 1u), 1, 0); }
static void test_random_whole_low_fixed(void) { run(0, 1, 1); }

static const tu_case cases[] = {
    TU_CASE(test_random_low_heap),   TU_CASE(test_random_low_fixed),
    TU_CASE(test_random_top_heap),   TU_CASE(test_random_top_fixed),
    TU_CASE(test_random_whole_heap), TU_CASE(test_random_whole_low_fixed),
};

int main(int argc, char **argv)
{
    tu_seed_init("test_random");
    return tu_run(cases, sizeof cases / sizeof cases[0], argc, argv);
}
