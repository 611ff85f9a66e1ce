/*
 * Range math and constraints: constraint validation, alignment near the
 * top of the space (no overflow), [0, UINT64_MAX] pools, the boundary
 * rule.  Mostly through the public API; the pure helpers of range.c are
 * called directly where the API cannot reach an edge.
 */
#include "testutil.h"

#include "iva_internal.h"

#define M UINT64_MAX

static void test_constraint_init_defaults(void)
{
    iva_constraint c;
    iva_constraint_init(&c, 7);
    CHECK(c.size == 7 && c.min == 0 && c.max == M && c.align == 0 &&
          c.boundary == 0 && c.policy == IVA_FIRST_FIT);
    CHECK_OK(iva_constraint_check(&c));
}

static void test_constraint_check_rules(void)
{
    iva_constraint c = IVA_CONSTRAINT(1);
    uint64_t i;
    c.size = 0;
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
    c.size = M;
    CHECK_OK(iva_constraint_check(&c));
    c.min = 5;
    c.max = 4;
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
    c.max = 5; /* min == max is a one-point window, valid */
    CHECK_OK(iva_constraint_check(&c));
    c = IVA_CONSTRAINT(1);
    for (i = 0; i < 64; i++) { /* every power of two is a valid align */
        c.align = (uint64_t)1 << i;
        CHECK_OK(iva_constraint_check(&c));
        if (i >= 2) {
            c.align += 1u;
            CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
        }
    }
    c.align = 0;
    CHECK_OK(iva_constraint_check(&c));
    c.align = M;
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
    c.align = 6;
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
}

static void test_constraint_check_boundary(void)
{
    iva_constraint c = IVA_CONSTRAINT(16);
    c.boundary = 16;
    CHECK_OK(iva_constraint_check(&c));
    c.boundary = 8;
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
    c.boundary = 24;
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
    c.boundary = 1; /* size 16 > 1 */
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
    c.size = 1;
    CHECK_OK(iva_constraint_check(&c));
    c.boundary = (uint64_t)1 << 63;
    c.size = (uint64_t)1 << 63;
    CHECK_OK(iva_constraint_check(&c));
    c.size++;
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
    c = IVA_CONSTRAINT(1);
    c.policy = (iva_policy)7;
    CHECK_ST(iva_constraint_check(&c), IVA_ERR_INVALID);
}

static void test_len_sat_full_space(void)
{
    CHECK_EQ_U64(iva__len_sat(0, M), M);
    CHECK_EQ_U64(iva__len_sat(1, M), M);
    CHECK_EQ_U64(iva__len_sat(0, M - 1), M);
    CHECK_EQ_U64(iva__len_sat(5, 5), 1);
    CHECK_EQ_U64(iva__len_sat(M, M), 1);
}

static void test_align_up_overflow(void)
{
    uint64_t out = 0;
    CHECK(iva__align_up(M, 0, &out) && out == M);
    CHECK(iva__align_up(M, 1, &out) && out == M);
    CHECK(!iva__align_up(M, 2, &out));
    CHECK(!iva__align_up(M - 0xffe, 0x1000, &out));
    CHECK(iva__align_up(M - 0xfff, 0x1000, &out) && out == M - 0xfff);
    CHECK(iva__align_up(1, (uint64_t)1 << 63, &out) &&
          out == (uint64_t)1 << 63);
    CHECK(!iva__align_up(((uint64_t)1 << 63) + 1, (uint64_t)1 << 63, &out));
    CHECK_EQ_U64(iva__align_down(M, 0x1000), M - 0xfff);
    CHECK_EQ_U64(iva__align_down(0xfff, 0x1000), 0);
    CHECK_EQ_U64(iva__align_down(77, 0), 77);
}

/* Alignment at the top: the aligned start must not wrap around. */
static void test_align_at_top_of_space(void)
{
    iva_tree t;
    iva_constraint c = IVA_CONSTRAINT(1);
    iva_range r;
    CHECK_OK(iva_init_heap(&t, NULL, 1u));
    CHECK_OK(iva_insert(&t, R(M - 0xffe, M), NULL)); /* no 0x1000 multiple */
    c.align = 0x1000;
    CHECK_ST(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c.policy = IVA_LAST_FIT;
    CHECK_ST(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c.policy = IVA_BEST_FIT;
    CHECK_ST(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c.align = 2;
    c.policy = IVA_FIRST_FIT;
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == M - 0xffd && r.max == M - 0xffd); /* M-0xffe is odd */
    c.policy = IVA_LAST_FIT;
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == M - 1 && r.max == M - 1);
    c.align = 0;
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == M && r.max == M);
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_full_space_pool_placements(void)
{
    iva_tree t;
    iva_constraint c = IVA_CONSTRAINT((uint64_t)1 << 63);
    iva_range r;
    CHECK_OK(iva_init_heap(&t, NULL, 2u));
    CHECK_OK(iva_insert(&t, R(0, M), NULL));
    c.align = (uint64_t)1 << 63;
    c.policy = IVA_LAST_FIT;
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == (uint64_t)1 << 63 && r.max == M);
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 0 && r.max == ((uint64_t)1 << 63) - 1);
    CHECK_ST(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    CHECK_OK(iva_free(&t, R(0, ((uint64_t)1 << 63) - 1), NULL));
    CHECK_OK(iva_free(&t, R((uint64_t)1 << 63, M), NULL));
    CHECK_NODES(&t, E(0, M, IVA_FREE, 0));
    c = IVA_CONSTRAINT(M);
    c.min = 1;
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 1 && r.max == M);
    CHECK_TREE(&t);
    iva_fini(&t);
}

/* The boundary rule: [s, s+size-1] stays inside one boundary block. */
static void test_boundary_rule_exhaustive_small(void)
{
    uint64_t b, size, base;
    for (b = 1; b <= 16; b <<= 1)
        for (size = 1; size <= b; size++)
            for (base = 0; base < 20; base++) {
                iva_tree t;
                iva_constraint c = IVA_CONSTRAINT(size);
                iva_range r;
                uint64_t want = base;
                c.boundary = b;
                if (want / b != (want + size - 1) / b)
                    want = (want / b + 1) * b; /* next block start */
                CHECK_OK(iva_init_heap(&t, NULL, 1u));
                CHECK_OK(iva_insert(&t, R(base, base + 40), NULL));
                CHECK_OK(iva_allocate(&t, &c, &r));
                CHECK_EQ_U64(r.min, want);
                CHECK_EQ_U64(r.min / b, r.max / b);
                iva_fini(&t);
            }
}

static void test_boundary_rule_last_fit_small(void)
{
    uint64_t b, size, top;
    for (b = 1; b <= 16; b <<= 1)
        for (size = 1; size <= b; size++)
            for (top = 40; top < 60; top++) {
                iva_tree t;
                iva_constraint c = IVA_CONSTRAINT(size);
                iva_range r;
                uint64_t want = top - (size - 1);
                c.boundary = b;
                c.policy = IVA_LAST_FIT;
                if (want / b != top / b)
                    want = top / b * b - size; /* end just below block */
                CHECK_OK(iva_init_heap(&t, NULL, 1u));
                CHECK_OK(iva_insert(&t, R(0, top), NULL));
                CHECK_OK(iva_allocate(&t, &c, &r));
                CHECK_EQ_U64(r.min, want);
                CHECK_EQ_U64(r.min / b, r.max / b);
                iva_fini(&t);
            }
}

static const tu_case cases[] = {
    TU_CASE(test_constraint_init_defaults),
    TU_CASE(test_constraint_check_rules),
    TU_CASE(test_constraint_check_boundary),
    TU_CASE(test_len_sat_full_space),
    TU_CASE(test_align_up_overflow),
    TU_CASE(test_align_at_top_of_space),
    TU_CASE(test_full_space_pool_placements),
    TU_CASE(test_boundary_rule_exhaustive_small),
    TU_CASE(test_boundary_rule_last_fit_small),
};

TU_MAIN(cases)
