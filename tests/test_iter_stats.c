/*
 * Iteration (all nodes, nodes meeting a range) and the O(1) statistics,
 * compared with values recomputed by walking the tree.
 */
#include "testutil.h"

#define M UINT64_MAX

static iva_tree t;

/* Nodes [10 i, 10 i + 4], i = 0..n-1, FREE when i is even else VALUED i. */
static iva_status comb(uint64_t n)
{
    iva_status st = iva_init_heap(&t, NULL, 77u);
    uint64_t i;
    for (i = 0; st == IVA_OK && i < n; i++)
        st = iva_insert(&t, R(10 * i, 10 * i + 4), i % 2 ? &i : NULL);
    return st;
}

static void test_iter_all_in_order(void)
{
    iva_iter it;
    iva_entry e;
    uint64_t i = 0;
    CHECK_OK(comb(100));
    iva_iter_all(&it, &t);
    while (iva_iter_next(&it, &e)) {
        CHECK(e.key.min == 10 * i && e.key.max == 10 * i + 4);
        CHECK(e.state == (i % 2 ? IVA_VALUED : IVA_FREE));
        CHECK(e.data == (i % 2 ? i : 0u));
        i++;
    }
    CHECK(i == 100);
    CHECK(!iva_iter_next(&it, &e)); /* stays done */
    iva_fini(&t);
}

static void test_iter_empty_tree(void)
{
    iva_iter it;
    iva_entry e;
    CHECK_OK(iva_init_heap(&t, NULL, 1u));
    iva_iter_all(&it, &t);
    CHECK(!iva_iter_next(&it, &e));
    iva_iter_range(&it, &t, R(0, M));
    CHECK(!iva_iter_next(&it, &e));
    iva_fini(&t);
}

/* Count the nodes iter_range yields and check each meets r. */
static int range_count(iva_range r, uint64_t *first)
{
    iva_iter it;
    iva_entry e;
    int n = 0;
    uint64_t prev = 0;
    iva_iter_range(&it, &t, r);
    while (iva_iter_next(&it, &e)) {
        if (e.key.max < r.min || e.key.min > r.max)
            return -1;
        if (n > 0 && e.key.min <= prev)
            return -1;
        if (n == 0 && first != NULL)
            *first = e.key.min;
        prev = e.key.max;
        n++;
    }
    return n;
}

static void test_iter_range_intersections(void)
{
    uint64_t first = 0;
    CHECK_OK(comb(100));
    CHECK(range_count(R(0, M), NULL) == 100);
    CHECK(range_count(R(5, 9), NULL) == 0);  /* a gap */
    CHECK(range_count(R(4, 10), &first) == 2 && first == 0);
    CHECK(range_count(R(13, 13), &first) == 1 && first == 10);
    CHECK(range_count(R(14, 995), &first) == 99 && first == 10);
    CHECK(range_count(R(995, M), NULL) == 0);
    CHECK(range_count(R(994, M), &first) == 1 && first == 990);
    CHECK(range_count(R(50, 40), NULL) == 0); /* min > max */
    iva_fini(&t);
}

static void test_iter_range_exhaustive_small(void)
{
    uint64_t a, b;
    CHECK_OK(comb(8)); /* keys up to 74 */
    for (a = 0; a < 80; a++)
        for (b = a; b < 80; b++) {
            int want = 0;
            uint64_t i;
            for (i = 0; i < 8; i++)
                want += 10 * i <= b && a <= 10 * i + 4;
            CHECK(range_count(R(a, b), NULL) == want);
        }
    iva_fini(&t);
}

static void test_stats_counts_and_spans(void)
{
    iva_stats s;
    iva_constraint c = IVA_CONSTRAINT(3);
    CHECK_OK(comb(10)); /* FREE: i = 0,2,4,6,8, each 5 long */
    iva_get_stats(&t, &s);
    CHECK(s.nodes == 10 && s.free_nodes == 5 && s.valued_nodes == 5);
    CHECK(s.allocated_nodes == 0);
    CHECK(s.free_span_lo == 25 && s.free_span_hi == 0);
    CHECK(s.has_free && s.largest_free_m1 == 4);
    CHECK(s.depth >= 4 && s.depth <= 10); /* >= ceil(log2(11)) */
    CHECK(s.capacity >= 10);
    CHECK_OK(iva_allocate(&t, &c, NULL)); /* [0,2] */
    iva_get_stats(&t, &s);
    CHECK(s.nodes == 11 && s.free_nodes == 5 && s.allocated_nodes == 1);
    CHECK(s.free_span_lo == 22 && s.largest_free_m1 == 4);
    CHECK_OK(iva_insert(&t, R(1000, 1999), NULL));
    iva_get_stats(&t, &s);
    CHECK(s.largest_free_m1 == 999 && s.free_span_lo == 1022);
    CHECK_OK(iva_delete(&t, R(1000, 1999), NULL));
    iva_get_stats(&t, &s);
    CHECK(s.largest_free_m1 == 4);
    iva_fini(&t);
}

static void test_stats_full_space_and_empty(void)
{
    iva_stats s;
    iva_constraint c = IVA_CONSTRAINT(1);
    CHECK_OK(iva_init_heap(&t, NULL, 2u));
    iva_get_stats(&t, &s);
    CHECK(s.nodes == 0 && s.depth == 0 && !s.has_free);
    CHECK(s.free_span_lo == 0 && s.free_span_hi == 0);
    CHECK_OK(iva_insert(&t, R(0, M), NULL));
    iva_get_stats(&t, &s);
    CHECK(s.depth == 1 && s.largest_free_m1 == M);
    CHECK(s.free_span_hi == 1 && s.free_span_lo == 0);
    CHECK_OK(iva_allocate(&t, &c, NULL)); /* [0,0]; FREE [1,M] */
    iva_get_stats(&t, &s);
    CHECK(s.largest_free_m1 == M - 1);
    CHECK(s.free_span_hi == 0 && s.free_span_lo == M);
    CHECK_OK(iva_allocate_at(&t, R(M, M))); /* FREE [1,M-1] */
    iva_get_stats(&t, &s);
    CHECK(s.largest_free_m1 == M - 2 && s.free_span_lo == M - 1);
    iva_fini(&t);
}

/* After random churn the statistics equal a recomputation by iteration. */
static void test_stats_match_recomputation(void)
{
    int round;
    tu_seed_init("test_iter_stats");
    CHECK_OK(iva_init_heap(&t, NULL, tu_rand()));
    CHECK_OK(iva_insert(&t, R(0, 99999), NULL));
    for (round = 0; round < 2000; round++) {
        iva_constraint c = IVA_CONSTRAINT(1 + tu_below(300));
        iva_range r;
        iva_iter it;
        iva_entry e;
        iva_stats s;
        uint64_t span = 0, big = 0, nf = 0, na = 0, nv = 0;
        c.policy = (iva_policy)tu_below(3);
        if (tu_below(2) == 0) {
            if (iva_allocate(&t, &c, &r) == IVA_OK && tu_below(2))
                CHECK_OK(iva_update(&t, r, tu_rand(), NULL));
        } else {
            uint64_t p = tu_below(100000);
            CHECK_OK(iva_get_superset(&t, R(p, p), &e));
            if (e.state != IVA_FREE)
                CHECK_OK(iva_free(&t, e.key, NULL));
        }
        iva_iter_all(&it, &t);
        while (iva_iter_next(&it, &e)) {
            uint64_t len = e.key.max - e.key.min + 1;
            nf += e.state == IVA_FREE;
            na += e.state == IVA_ALLOCATED;
            nv += e.state == IVA_VALUED;
            if (e.state == IVA_FREE) {
                span += len;
                big = len > big ? len : big;
            }
        }
        iva_get_stats(&t, &s);
        CHECK(s.free_nodes == nf && s.allocated_nodes == na);
        CHECK(s.valued_nodes == nv && s.nodes == nf + na + nv);
        CHECK(s.free_span_lo == span && s.free_span_hi == 0);
        CHECK(s.has_free == (nf > 0));
        CHECK(!s.has_free || s.largest_free_m1 == big - 1);
    }
    CHECK_TREE(&t);
    iva_fini(&t);
}

static const tu_case cases[] = {
    TU_CASE(test_iter_all_in_order),
    TU_CASE(test_iter_empty_tree),
    TU_CASE(test_iter_range_intersections),
    TU_CASE(test_iter_range_exhaustive_small),
    TU_CASE(test_stats_counts_and_spans),
    TU_CASE(test_stats_full_space_and_empty),
    TU_CASE(test_stats_match_recomputation),
};

TU_MAIN(cases)
