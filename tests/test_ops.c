/*
 * Every operation of SPEC.md section 3 and its result, on small trees and
 * over the whole [0, UINT64_MAX] space.  Expected trees are written from
 * the SPEC text.
 */
#include "testutil.h"

#define M UINT64_MAX
#define F IVA_FREE
#define A IVA_ALLOCATED
#define V IVA_VALUED

static iva_tree t;

static void fresh(void)
{
    iva_status st = iva_init_heap(&t, NULL, 42u);
    (void)st;
}

static void test_insert_free_and_valued(void)
{
    uint64_t d = 7u;
    iva_entry e;
    fresh();
    CHECK_OK(iva_insert(&t, R(10, 19), NULL));
    CHECK_OK(iva_insert(&t, R(20, 29), &d));
    /* no merging with the neighbour */
    CHECK_NODES(&t, E(10, 19, F, 0), E(20, 29, V, 7));
    CHECK_OK(iva_get(&t, R(20, 29), &e));
    CHECK(e.state == V && e.data == 7u);
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_insert_single_point_and_full_space(void)
{
    fresh();
    CHECK_OK(iva_insert(&t, R(0, M), NULL));
    CHECK_NODES(&t, E(0, M, F, 0));
    CHECK_ST(iva_insert(&t, R(M, M), NULL), IVA_ERR_OVERLAP);
    iva_fini(&t);
    fresh();
    CHECK_OK(iva_insert(&t, R(M, M), NULL));
    CHECK_OK(iva_insert(&t, R(0, 0), NULL));
    CHECK_NODES(&t, E(0, 0, F, 0), E(M, M, F, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_delete_any_state_returns_data(void)
{
    uint64_t d = 0xabcu;
    iva_entry old;
    iva_range r;
    iva_constraint c = IVA_CONSTRAINT(4);
    fresh();
    CHECK_OK(iva_insert(&t, R(0, 9), NULL));
    CHECK_OK(iva_insert(&t, R(10, 19), &d));
    CHECK_OK(iva_insert(&t, R(100, 199), NULL));
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 0 && r.max == 3);
    CHECK_OK(iva_delete(&t, R(10, 19), &old));
    CHECK(old.state == V && old.data == 0xabcu && old.key.min == 10);
    CHECK_OK(iva_delete(&t, R(0, 3), &old));
    CHECK(old.state == A && old.data == 0u);
    CHECK_OK(iva_delete(&t, R(4, 9), &old));
    CHECK(old.state == F);
    CHECK_NODES(&t, E(100, 199, F, 0));
    CHECK_OK(iva_delete(&t, R(100, 199), NULL));
    CHECK_TREE(&t);
    iva_stats s;
    iva_get_stats(&t, &s);
    CHECK(s.nodes == 0u && s.depth == 0u && !s.has_free);
    iva_fini(&t);
}

static void test_update_allocated_and_valued(void)
{
    iva_entry old;
    iva_range r;
    iva_constraint c = IVA_CONSTRAINT(0x1000);
    fresh();
    CHECK_OK(iva_insert(&t, R(0x10000, 0x1ffff), NULL));
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK_OK(iva_update(&t, r, 5u, &old));
    CHECK(old.state == A && old.data == 0u);
    CHECK_OK(iva_update(&t, r, 6u, &old));
    CHECK(old.state == V && old.data == 5u);
    CHECK_NODES(&t, E(0x10000, 0x10fff, V, 6), E(0x11000, 0x1ffff, F, 0));
    /* data 0 is still VALUED */
    CHECK_OK(iva_update(&t, r, 0u, NULL));
    CHECK_NODES(&t, E(0x10000, 0x10fff, V, 0), E(0x11000, 0x1ffff, F, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_get_superset_contains(void)
{
    iva_entry e;
    uint64_t d = 9u;
    fresh();
    CHECK_OK(iva_insert(&t, R(100, 200), &d));
    CHECK_OK(iva_get_superset(&t, R(100, 200), &e));
    CHECK(e.key.min == 100 && e.key.max == 200 && e.state == V && e.data == 9);
    CHECK_OK(iva_get_superset(&t, R(150, 150), &e));
    CHECK(e.key.min == 100);
    CHECK_OK(iva_get_superset(&t, R(200, 200), NULL));
    CHECK_ST(iva_get_superset(&t, R(99, 150), &e), IVA_ERR_NOT_FOUND);
    CHECK_ST(iva_get_superset(&t, R(150, 201), &e), IVA_ERR_NOT_FOUND);
    CHECK_ST(iva_get(&t, R(100, 199), &e), IVA_ERR_NOT_FOUND);
    iva_fini(&t);
}

static void test_get_by_id_only_valued(void)
{
    uint64_t d = 0x55u, got = 0;
    iva_constraint c = IVA_CONSTRAINT(1);
    iva_range r;
    fresh();
    CHECK_OK(iva_insert(&t, R(0, 0xff), NULL));
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK_ST(iva_get_by_id(&t, 0, &got), IVA_ERR_NOT_FOUND); /* ALLOCATED */
    CHECK_ST(iva_get_by_id(&t, 5, &got), IVA_ERR_NOT_FOUND); /* FREE */
    CHECK_ST(iva_get_by_id(&t, 0x100, &got), IVA_ERR_NOT_FOUND); /* none */
    CHECK_OK(iva_update(&t, r, d, NULL));
    CHECK_OK(iva_get_by_id(&t, 0, &got));
    CHECK_EQ_U64(got, 0x55u);
    iva_fini(&t);
}

/* The dbs-allocator PCI device id example: 0..0xff, size 1 align 1. */
static void test_allocate_pci_ids_in_order(void)
{
    iva_constraint c = IVA_CONSTRAINT(1);
    iva_range r;
    uint64_t i;
    c.align = 1;
    fresh();
    CHECK_OK(iva_insert(&t, R(0, 0xff), NULL));
    for (i = 0; i < 0x100; i++) {
        CHECK_OK(iva_allocate(&t, &c, &r));
        CHECK(r.min == i && r.max == i);
    }
    CHECK_ST(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    CHECK_OK(iva_free(&t, R(0x42, 0x42), NULL));
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 0x42);
    CHECK_TREE(&t);
    iva_fini(&t);
}

/* The dbs-allocator memory example: allocate with max, then update. */
static void test_allocate_memory_with_max_then_update(void)
{
    iva_constraint c = IVA_CONSTRAINT(0x40000000);
    iva_range r;
    iva_entry e;
    c.max = 0x7fffffff;
    fresh();
    CHECK_OK(iva_insert(&t, R(0x100000, 0xffffffff), NULL));
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 0x100000 && r.max == 0x400fffff);
    CHECK_OK(iva_update(&t, r, 0x1234, NULL));
    CHECK_OK(iva_get(&t, r, &e));
    CHECK(e.state == V && e.data == 0x1234);
    c.size = 0x40000000;
    CHECK_ST(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    CHECK_NODES(&t, E(0x100000, 0x400fffff, V, 0x1234),
                E(0x40100000, 0xffffffff, F, 0));
    iva_fini(&t);
}

static void test_allocate_whole_node_no_split(void)
{
    iva_constraint c = IVA_CONSTRAINT(16);
    iva_range r;
    fresh();
    CHECK_OK(iva_insert(&t, R(16, 31), NULL));
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 16 && r.max == 31);
    CHECK_NODES(&t, E(16, 31, A, 0));
    iva_fini(&t);
}

static void test_allocate_splits_both_sides(void)
{
    iva_constraint c = IVA_CONSTRAINT(8);
    iva_range r;
    c.align = 16;
    fresh();
    CHECK_OK(iva_insert(&t, R(1, 100), NULL));
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 16 && r.max == 23);
    CHECK_NODES(&t, E(1, 15, F, 0), E(16, 23, A, 0), E(24, 100, F, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_free_merges_both_sides(void)
{
    iva_entry old;
    uint64_t d = 3u;
    fresh();
    CHECK_OK(iva_insert(&t, R(0, 9), NULL));
    CHECK_OK(iva_insert(&t, R(10, 19), &d));
    CHECK_OK(iva_insert(&t, R(20, 29), NULL));
    CHECK_OK(iva_free(&t, R(10, 19), &old));
    CHECK(old.state == V && old.data == 3u);
    CHECK_NODES(&t, E(0, 29, F, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_free_merges_left_only_or_right_only(void)
{
    uint64_t d = 1u;
    fresh();
    CHECK_OK(iva_insert(&t, R(0, 9), NULL));
    CHECK_OK(iva_insert(&t, R(10, 19), &d));
    CHECK_OK(iva_insert(&t, R(20, 29), &d));
    CHECK_OK(iva_insert(&t, R(30, 39), NULL));
    CHECK_OK(iva_free(&t, R(10, 19), NULL));
    CHECK_NODES(&t, E(0, 19, F, 0), E(20, 29, V, 1), E(30, 39, F, 0));
    CHECK_OK(iva_free(&t, R(20, 29), NULL));
    CHECK_NODES(&t, E(0, 39, F, 0));
    iva_fini(&t);
}

static void test_free_no_merge_across_gap(void)
{
    uint64_t d = 1u;
    fresh();
    CHECK_OK(iva_insert(&t, R(0, 8), NULL)); /* gap at 9 */
    CHECK_OK(iva_insert(&t, R(10, 19), &d));
    CHECK_OK(iva_insert(&t, R(21, 29), NULL)); /* gap at 20 */
    CHECK_OK(iva_free(&t, R(10, 19), NULL));
    CHECK_NODES(&t, E(0, 8, F, 0), E(10, 19, F, 0), E(21, 29, F, 0));
    iva_fini(&t);
}

/* Merging stops at one neighbour each side: FREE nodes further out stay. */
static void test_free_merges_one_neighbour_each_side(void)
{
    uint64_t d = 1u;
    fresh();
    CHECK_OK(iva_insert(&t, R(0, 4), NULL));
    CHECK_OK(iva_insert(&t, R(5, 9), NULL));
    CHECK_OK(iva_insert(&t, R(10, 19), &d));
    CHECK_OK(iva_insert(&t, R(20, 24), NULL));
    CHECK_OK(iva_insert(&t, R(25, 29), NULL));
    CHECK_OK(iva_free(&t, R(10, 19), NULL));
    CHECK_NODES(&t, E(0, 4, F, 0), E(5, 24, F, 0), E(25, 29, F, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_free_at_zero_and_top(void)
{
    uint64_t d = 1u;
    fresh();
    CHECK_OK(iva_insert(&t, R(0, 9), &d));
    CHECK_OK(iva_insert(&t, R(10, M - 10), NULL));
    CHECK_OK(iva_insert(&t, R(M - 9, M), &d));
    CHECK_OK(iva_free(&t, R(0, 9), NULL));
    CHECK_NODES(&t, E(0, M - 10, F, 0), E(M - 9, M, V, 1));
    CHECK_OK(iva_free(&t, R(M - 9, M), NULL));
    CHECK_NODES(&t, E(0, M, F, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_full_space_allocate_and_free(void)
{
    iva_constraint c = IVA_CONSTRAINT(M); /* 2^64 - 1 units */
    iva_range r;
    iva_stats s;
    fresh();
    CHECK_OK(iva_insert(&t, R(0, M), NULL));
    iva_get_stats(&t, &s);
    CHECK(s.has_free && s.largest_free_m1 == M);
    CHECK(s.free_span_hi == 1u && s.free_span_lo == 0u); /* 2^64 */
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 0 && r.max == M - 1);
    CHECK_NODES(&t, E(0, M - 1, A, 0), E(M, M, F, 0));
    CHECK_OK(iva_free(&t, r, NULL));
    CHECK_NODES(&t, E(0, M, F, 0));
    c.policy = IVA_LAST_FIT;
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 1 && r.max == M);
    CHECK_NODES(&t, E(0, 0, F, 0), E(1, M, A, 0));
    CHECK_OK(iva_free(&t, r, NULL));
    CHECK_OK(iva_allocate_at(&t, R(0, M)));
    CHECK_NODES(&t, E(0, M, A, 0));
    iva_get_stats(&t, &s);
    CHECK(!s.has_free && s.free_span_hi == 0u && s.free_span_lo == 0u);
    CHECK_OK(iva_update(&t, R(0, M), 1u, NULL));
    CHECK_OK(iva_get_superset(&t, R(M, M), NULL));
    CHECK_OK(iva_free(&t, R(0, M), NULL));
    CHECK_NODES(&t, E(0, M, F, 0));
    CHECK_OK(iva_delete(&t, R(0, M), NULL));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_allocate_at_exact(void)
{
    fresh();
    CHECK_OK(iva_insert(&t, R(0x1000, 0x1fff), NULL));
    CHECK_OK(iva_allocate_at(&t, R(0x1800, 0x18ff)));
    CHECK_NODES(&t, E(0x1000, 0x17ff, F, 0), E(0x1800, 0x18ff, A, 0),
                E(0x1900, 0x1fff, F, 0));
    CHECK_OK(iva_allocate_at(&t, R(0x1000, 0x17ff)));
    CHECK_OK(iva_allocate_at(&t, R(0x1fff, 0x1fff)));
    CHECK_NODES(&t, E(0x1000, 0x17ff, A, 0), E(0x1800, 0x18ff, A, 0),
                E(0x1900, 0x1ffe, F, 0), E(0x1fff, 0x1fff, A, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_fixed_pool_no_heap(void)
{
    iva_node pool[4];
    iva_tree ft;
    iva_constraint c = IVA_CONSTRAINT(2);
    iva_range r;
    CHECK_OK(iva_init(&ft, pool, 4, 1u));
    CHECK_OK(iva_insert(&ft, R(0, 9), NULL));
    c.min = 4;
    CHECK_OK(iva_allocate(&ft, &c, &r)); /* 3 nodes */
    CHECK(r.min == 4 && r.max == 5);
    CHECK_OK(iva_reserve(&ft, 1));
    CHECK_ST(iva_reserve(&ft, 2), IVA_ERR_NO_MEMORY);
    CHECK_OK(iva_free(&ft, r, NULL)); /* merges back to one node */
    CHECK_NODES(&ft, E(0, 9, F, 0));
    CHECK_OK(iva_reserve(&ft, 3));
    CHECK_TREE(&ft);
    iva_fini(&ft);
}

static void test_strerror_words(void)
{
    CHECK(strcmp(iva_strerror(IVA_OK), "ok") == 0);
    CHECK(strcmp(iva_strerror(IVA_ERR_INVALID), "invalid") == 0);
    CHECK(strcmp(iva_strerror(IVA_ERR_OVERLAP), "overlap") == 0);
    CHECK(strcmp(iva_strerror(IVA_ERR_NOT_FOUND), "not-found") == 0);
    CHECK(strcmp(iva_strerror(IVA_ERR_STATE), "state") == 0);
    CHECK(strcmp(iva_strerror(IVA_ERR_NO_SPACE), "no-space") == 0);
    CHECK(strcmp(iva_strerror(IVA_ERR_NO_MEMORY), "no-memory") == 0);
    CHECK(strcmp(iva_strerror((iva_status)99), "unknown") == 0);
    CHECK(strcmp(iva_version(), IVA_VERSION_STRING) == 0);
    CHECK(iva_version_number() == IVA_VERSION_NUMBER);
}

static const tu_case cases[] = {
    TU_CASE(test_insert_free_and_valued),
    TU_CASE(test_insert_single_point_and_full_space),
    TU_CASE(test_delete_any_state_returns_data),
    TU_CASE(test_update_allocated_and_valued),
    TU_CASE(test_get_superset_contains),
    TU_CASE(test_get_by_id_only_valued),
    TU_CASE(test_allocate_pci_ids_in_order),
    TU_CASE(test_allocate_memory_with_max_then_update),
    TU_CASE(test_allocate_whole_node_no_split),
    TU_CASE(test_allocate_splits_both_sides),
    TU_CASE(test_free_merges_both_sides),
    TU_CASE(test_free_merges_left_only_or_right_only),
    TU_CASE(test_free_no_merge_across_gap),
    TU_CASE(test_free_merges_one_neighbour_each_side),
    TU_CASE(test_free_at_zero_and_top),
    TU_CASE(test_full_space_allocate_and_free),
    TU_CASE(test_allocate_at_exact),
    TU_CASE(test_fixed_pool_no_heap),
    TU_CASE(test_strerror_words),
};

TU_MAIN(cases)
