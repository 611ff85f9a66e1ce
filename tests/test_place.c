/*
 * Placement policies of SPEC.md section 4, exact results: FIRST_FIT,
 * LAST_FIT, BEST_FIT with min / max / align / boundary, and the
 * exact-address allocate_at.
 */
#include "testutil.h"

#define M UINT64_MAX
#define F IVA_FREE
#define A IVA_ALLOCATED
#define V IVA_VALUED

static iva_tree t;

/* Tree with FREE [0,9] [20,59] [100,115] [200,1000], VALUED between. */
static iva_status holes(void)
{
    uint64_t d = 1u;
    iva_status st = iva_init_heap(&t, NULL, 7u);
    if (st == IVA_OK)
        st = iva_insert(&t, R(0, 9), NULL);
    if (st == IVA_OK)
        st = iva_insert(&t, R(10, 19), &d);
    if (st == IVA_OK)
        st = iva_insert(&t, R(20, 59), NULL);
    if (st == IVA_OK)
        st = iva_insert(&t, R(60, 99), &d);
    if (st == IVA_OK)
        st = iva_insert(&t, R(100, 115), NULL);
    if (st == IVA_OK)
        st = iva_insert(&t, R(116, 199), &d);
    if (st == IVA_OK)
        st = iva_insert(&t, R(200, 1000), NULL);
    return st;
}

static iva_constraint con(uint64_t size, uint64_t align, iva_policy p)
{
    iva_constraint c = IVA_CONSTRAINT(size);
    c.align = align;
    c.policy = p;
    return c;
}

/* Allocate c and compare the placed range. */
#define PLACE(c, lo, hi)                                                       \
    do {                                                                       \
        iva_range pl_r_;                                                       \
        CHECK_OK(iva_allocate(&t, &(c), &pl_r_));                              \
        CHECK_EQ_U64(pl_r_.min, (lo));                                         \
        CHECK_EQ_U64(pl_r_.max, (hi));                                         \
        CHECK_TREE(&t);                                                        \
    } while (0)

static void test_first_fit_lowest_node(void)
{
    iva_constraint c = con(10, 0, IVA_FIRST_FIT);
    CHECK_OK(holes());
    PLACE(c, 0, 9); /* exactly fills [0,9] */
    PLACE(c, 20, 29);
    c.size = 16;
    PLACE(c, 30, 45);
    PLACE(c, 100, 115);
    PLACE(c, 200, 215);
    iva_fini(&t);
}

static void test_first_fit_skips_too_small(void)
{
    iva_constraint c = con(41, 0, IVA_FIRST_FIT);
    CHECK_OK(holes());
    PLACE(c, 200, 240);
    iva_fini(&t);
}

static void test_first_fit_alignment_skips_node(void)
{
    /* [20,59] aligned to 32 starts at 32, 28 units left: too few for 30 */
    iva_constraint c = con(30, 32, IVA_FIRST_FIT);
    CHECK_OK(holes());
    PLACE(c, 224, 253);
    c.size = 28;
    PLACE(c, 32, 59);
    CHECK_NODES(&t, E(0, 9, F, 0), E(10, 19, V, 1), E(20, 31, F, 0),
                E(32, 59, A, 0), E(60, 99, V, 1), E(100, 115, F, 0),
                E(116, 199, V, 1), E(200, 223, F, 0), E(224, 253, A, 0),
                E(254, 1000, F, 0));
    iva_fini(&t);
}

static void test_first_fit_min_max_clip(void)
{
    iva_constraint c = con(5, 0, IVA_FIRST_FIT);
    CHECK_OK(holes());
    c.min = 25;
    c.max = 110;
    PLACE(c, 25, 29);
    c.min = 57; /* [57,59] is too short; next is [100,104] */
    PLACE(c, 100, 104);
    c.min = 112; /* [112,115] too short, [200..] above max */
    c.max = 150;
    CHECK_ST(iva_allocate(&t, &c, NULL), IVA_ERR_NO_SPACE);
    c.min = 105;
    c.max = 109;
    PLACE(c, 105, 109);
    iva_fini(&t);
}

static void test_last_fit_highest(void)
{
    iva_constraint c = con(10, 0, IVA_LAST_FIT);
    CHECK_OK(holes());
    PLACE(c, 991, 1000);
    c.max = 500;
    PLACE(c, 491, 500);
    c.max = 150;
    PLACE(c, 106, 115);
    c.align = 16;
    c.max = 115; /* [100,105] is too short; [20,59]: 50 -> 48 */
    PLACE(c, 48, 57);
    iva_fini(&t);
}

static void test_last_fit_align_and_min(void)
{
    iva_constraint c = con(0x1000, 0x1000, IVA_LAST_FIT);
    CHECK_OK(iva_init_heap(&t, NULL, 3u));
    CHECK_OK(iva_insert(&t, R(0x10000, 0x2ffff), NULL));
    PLACE(c, 0x2f000, 0x2ffff);
    c.size = 0x1800; /* highest start 0x2d800, aligned down: 0x2d000 */
    PLACE(c, 0x2d000, 0x2e7ff);
    c.min = 0x2c001; /* no aligned start >= min that fits below 0x2cfff */
    c.size = 0x800;
    CHECK_ST(iva_allocate(&t, &c, NULL), IVA_ERR_NO_SPACE);
    c.min = 0x2c000;
    PLACE(c, 0x2c000, 0x2c7ff);
    CHECK_NODES(&t, E(0x10000, 0x2bfff, F, 0), E(0x2c000, 0x2c7ff, A, 0),
                E(0x2c800, 0x2cfff, F, 0), E(0x2d000, 0x2e7ff, A, 0),
                E(0x2e800, 0x2efff, F, 0), E(0x2f000, 0x2ffff, A, 0));
    iva_fini(&t);
}

static void test_best_fit_smallest_node(void)
{
    iva_constraint c = con(10, 0, IVA_BEST_FIT);
    CHECK_OK(holes());
    PLACE(c, 0, 9); /* [0,9] length 10 is the smallest */
    PLACE(c, 100, 109); /* then [100,115] length 16 */
    PLACE(c, 20, 29); /* [110,115] too small; [20,59] length 40 */
    c.size = 6;
    PLACE(c, 110, 115);
    iva_fini(&t);
}

static void test_best_fit_tie_lowest_address(void)
{
    iva_constraint c = con(4, 0, IVA_BEST_FIT);
    uint64_t d = 1u;
    CHECK_OK(iva_init_heap(&t, NULL, 5u));
    CHECK_OK(iva_insert(&t, R(100, 107), NULL));
    CHECK_OK(iva_insert(&t, R(108, 199), &d));
    CHECK_OK(iva_insert(&t, R(200, 207), NULL));
    CHECK_OK(iva_insert(&t, R(10, 17), NULL));
    CHECK_OK(iva_insert(&t, R(0, 9), &d));
    PLACE(c, 10, 13);
    PLACE(c, 14, 17);
    PLACE(c, 100, 103);
    iva_fini(&t);
}

/* BEST_FIT picks by node length, not by the room left after alignment. */
static void test_best_fit_only_fitting_nodes_count(void)
{
    iva_constraint c = con(8, 8, IVA_BEST_FIT);
    uint64_t d = 1u;
    CHECK_OK(iva_init_heap(&t, NULL, 5u));
    CHECK_OK(iva_insert(&t, R(1, 12), NULL)); /* 12 long, no aligned 8 */
    CHECK_OK(iva_insert(&t, R(13, 31), &d));
    CHECK_OK(iva_insert(&t, R(32, 63), NULL)); /* 32 long */
    CHECK_OK(iva_insert(&t, R(64, 79), &d));
    CHECK_OK(iva_insert(&t, R(81, 100), NULL)); /* 20 long: start 88 */
    PLACE(c, 88, 95);
    iva_fini(&t);
}

static void test_boundary_first_fit(void)
{
    /* 0x3000 bytes may not cross a 0x4000 boundary: [0x2000..] crosses */
    iva_constraint c = con(0x3000, 0x1000, IVA_FIRST_FIT);
    c.boundary = 0x4000;
    CHECK_OK(iva_init_heap(&t, NULL, 1u));
    CHECK_OK(iva_insert(&t, R(0x2000, 0xffff), NULL));
    PLACE(c, 0x4000, 0x6fff);
    PLACE(c, 0x8000, 0xafff);
    c.size = 0x1000;
    PLACE(c, 0x2000, 0x2fff);
    c.size = 0x4000; /* size == boundary: must start on a boundary */
    PLACE(c, 0xc000, 0xffff);
    iva_fini(&t);
}

static void test_boundary_last_fit(void)
{
    iva_constraint c = con(0x3000, 0, IVA_LAST_FIT);
    c.boundary = 0x4000;
    CHECK_OK(iva_init_heap(&t, NULL, 1u));
    CHECK_OK(iva_insert(&t, R(0x0, 0x9fff), NULL));
    /* highest start 0x7000 crosses 0x8000: end just below it */
    PLACE(c, 0x5000, 0x7fff);
    /* [0x8000,0x9fff] too short; [0,0x4fff]: 0x2000.. crosses 0x4000 */
    PLACE(c, 0x1000, 0x3fff);
    CHECK_NODES(&t, E(0, 0xfff, F, 0), E(0x1000, 0x3fff, A, 0),
                E(0x4000, 0x4fff, F, 0), E(0x5000, 0x7fff, A, 0),
                E(0x8000, 0x9fff, F, 0));
    iva_fini(&t);
}

static void test_boundary_4gib_dma_window(void)
{
    /* a DMA buffer that must not cross 4 GiB, in [3 GiB, 6 GiB) */
    iva_constraint c = con(0x80000000u, 0, IVA_FIRST_FIT);
    c.boundary = 0x100000000u;
    CHECK_OK(iva_init_heap(&t, NULL, 2u));
    CHECK_OK(iva_insert(&t, R(0xc0000000u, 0x17fffffffu), NULL));
    PLACE(c, 0x100000000u, 0x17fffffffu);
    CHECK_ST(iva_allocate(&t, &c, NULL), IVA_ERR_NO_SPACE);
    c.size = 0x40000000u;
    PLACE(c, 0xc0000000u, 0xffffffffu);
    iva_fini(&t);
}

static void test_boundary_at_top_of_space(void)
{
    iva_constraint c = con(0x10, 0, IVA_FIRST_FIT);
    c.boundary = 0x10;
    CHECK_OK(iva_init_heap(&t, NULL, 3u));
    CHECK_OK(iva_insert(&t, R(M - 0x18, M), NULL));
    PLACE(c, M - 0xf, M);
    CHECK_ST(iva_allocate(&t, &c, NULL), IVA_ERR_NO_SPACE);
    c.size = 8;
    PLACE(c, M - 0x18, M - 0x11);
    CHECK_ST(iva_allocate(&t, &c, NULL), IVA_ERR_NO_SPACE);
    iva_fini(&t);
}

static void test_allocate_at_cases(void)
{
    CHECK_OK(holes());
    CHECK_OK(iva_allocate_at(&t, R(30, 39)));
    CHECK_ST(iva_allocate_at(&t, R(35, 36)), IVA_ERR_NO_SPACE); /* taken */
    CHECK_ST(iva_allocate_at(&t, R(55, 65)), IVA_ERR_NO_SPACE); /* spans */
    CHECK_ST(iva_allocate_at(&t, R(2000, 2001)), IVA_ERR_NO_SPACE);
    CHECK_ST(iva_allocate_at(&t, R(9, 8)), IVA_ERR_INVALID);
    CHECK_OK(iva_allocate_at(&t, R(200, 1000)));
    CHECK_NODES(&t, E(0, 9, F, 0), E(10, 19, V, 1), E(20, 29, F, 0),
                E(30, 39, A, 0), E(40, 59, F, 0), E(60, 99, V, 1),
                E(100, 115, F, 0), E(116, 199, V, 1), E(200, 1000, A, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

/* Many FREE nodes: FIRST and LAST fit agree with a scan of the nodes. */
static void test_first_last_fit_many_nodes(void)
{
    iva_constraint c;
    uint64_t i, d = 1u;
    CHECK_OK(iva_init_heap(&t, NULL, 11u));
    for (i = 0; i < 200; i++) /* FREE node i has length i + 1 */
        CHECK_OK(iva_insert(&t, R(i * 1000, i * 1000 + i), NULL));
    for (i = 0; i < 199; i++)
        CHECK_OK(iva_insert(&t, R(i * 1000 + i + 1, i * 1000 + 999), &d));
    c = con(150, 0, IVA_FIRST_FIT);
    PLACE(c, 149000, 149149);
    c = con(150, 0, IVA_LAST_FIT);
    PLACE(c, 199050, 199199);
    c = con(60, 64, IVA_FIRST_FIT); /* node i at i*1000 aligned to 64 */
    /* node 64: [64000, 64064] start 64000 (64000 = 1000*64) fits 60 */
    PLACE(c, 64000, 64059);
    iva_fini(&t);
}

static const tu_case cases[] = {
    TU_CASE(test_first_fit_lowest_node),
    TU_CASE(test_first_fit_skips_too_small),
    TU_CASE(test_first_fit_alignment_skips_node),
    TU_CASE(test_first_fit_min_max_clip),
    TU_CASE(test_last_fit_highest),
    TU_CASE(test_last_fit_align_and_min),
    TU_CASE(test_best_fit_smallest_node),
    TU_CASE(test_best_fit_tie_lowest_address),
    TU_CASE(test_best_fit_only_fitting_nodes_count),
    TU_CASE(test_boundary_first_fit),
    TU_CASE(test_boundary_last_fit),
    TU_CASE(test_boundary_4gib_dma_window),
    TU_CASE(test_boundary_at_top_of_space),
    TU_CASE(test_allocate_at_cases),
    TU_CASE(test_first_last_fit_many_nodes),
};

TU_MAIN(cases)
