/*
 * Every error of SPEC.md section 3, each asserting that the tree is
 * exactly unchanged afterwards: full in-order dump, statistics and
 * iva_check compared before and after.  NO_MEMORY is produced with full
 * fixed pools and with an allocator hook that fails on purpose, including
 * an allocate that needs two new nodes when only one is available.
 */
#include "testutil.h"

#define M UINT64_MAX

static iva_tree t;
static tu_dump before;

/* FREE [0,9], VALUED [10,19]=5, ALLOCATED [20,29], FREE [30,39],
 * FREE [100,199], VALUED [M-9,M]=6 (gaps at 40..99 and 200..M-10). */
static iva_status build(iva_tree *tr)
{
    uint64_t five = 5u, six = 6u;
    iva_status st = iva_insert(tr, R(0, 9), NULL);
    if (st == IVA_OK)
        st = iva_insert(tr, R(10, 19), &five);
    if (st == IVA_OK)
        st = iva_insert(tr, R(20, 29), NULL);
    if (st == IVA_OK)
        st = iva_allocate_at(tr, R(20, 29));
    if (st == IVA_OK)
        st = iva_insert(tr, R(30, 39), NULL);
    if (st == IVA_OK)
        st = iva_insert(tr, R(100, 199), NULL);
    if (st == IVA_OK)
        st = iva_insert(tr, R(M - 9, M), &six);
    return st;
}

static iva_status setup(void)
{
    iva_status st = iva_init_heap(&t, NULL, 99u);
    if (st == IVA_OK)
        st = build(&t);
    tu_take(&t, &before);
    return st;
}

/* Run `op`, expect `err`, expect nothing changed. */
#define FAILS(op, err)                                                         \
    do {                                                                       \
        CHECK_ST((op), (err));                                                 \
        CHECK_UNCHANGED(&t, &before);                                          \
    } while (0)

static iva_constraint con(uint64_t size)
{
    return IVA_CONSTRAINT(size);
}

static void test_insert_invalid(void)
{
    CHECK_OK(setup());
    FAILS(iva_insert(&t, R(50, 49), NULL), IVA_ERR_INVALID);
    FAILS(iva_insert(&t, R(M, 0), NULL), IVA_ERR_INVALID);
    iva_fini(&t);
}

static void test_insert_overlap_every_shape(void)
{
    uint64_t d = 1u;
    CHECK_OK(setup());
    FAILS(iva_insert(&t, R(30, 39), NULL), IVA_ERR_OVERLAP); /* same */
    FAILS(iva_insert(&t, R(35, 45), NULL), IVA_ERR_OVERLAP); /* right end */
    FAILS(iva_insert(&t, R(95, 100), &d), IVA_ERR_OVERLAP);  /* left end */
    FAILS(iva_insert(&t, R(120, 130), NULL), IVA_ERR_OVERLAP); /* inside */
    FAILS(iva_insert(&t, R(40, 250), NULL), IVA_ERR_OVERLAP); /* covers */
    FAILS(iva_insert(&t, R(0, M), NULL), IVA_ERR_OVERLAP);
    FAILS(iva_insert(&t, R(M, M), NULL), IVA_ERR_OVERLAP);
    FAILS(iva_insert(&t, R(0, 0), NULL), IVA_ERR_OVERLAP);
    FAILS(iva_insert(&t, R(199, 200), NULL), IVA_ERR_OVERLAP);
    iva_fini(&t);
}

static void test_delete_not_found(void)
{
    CHECK_OK(setup());
    FAILS(iva_delete(&t, R(40, 99), NULL), IVA_ERR_NOT_FOUND); /* gap */
    FAILS(iva_delete(&t, R(100, 198), NULL), IVA_ERR_NOT_FOUND); /* inside */
    FAILS(iva_delete(&t, R(0, 19), NULL), IVA_ERR_NOT_FOUND); /* two nodes */
    FAILS(iva_delete(&t, R(10, 9), NULL), IVA_ERR_NOT_FOUND); /* min > max */
    iva_fini(&t);
}

static void test_update_not_found_and_state(void)
{
    CHECK_OK(setup());
    FAILS(iva_update(&t, R(21, 29), 1, NULL), IVA_ERR_NOT_FOUND);
    FAILS(iva_update(&t, R(40, 41), 1, NULL), IVA_ERR_NOT_FOUND);
    FAILS(iva_update(&t, R(0, 9), 1, NULL), IVA_ERR_STATE); /* FREE */
    FAILS(iva_update(&t, R(100, 199), 1, NULL), IVA_ERR_STATE);
    iva_fini(&t);
}

static void test_get_superset_getid_not_found(void)
{
    iva_entry e;
    uint64_t d;
    CHECK_OK(setup());
    FAILS(iva_get(&t, R(10, 18), &e), IVA_ERR_NOT_FOUND);
    FAILS(iva_get(&t, R(50, 60), &e), IVA_ERR_NOT_FOUND);
    FAILS(iva_get_superset(&t, R(5, 15), &e), IVA_ERR_NOT_FOUND);
    FAILS(iva_get_superset(&t, R(50, 60), &e), IVA_ERR_NOT_FOUND);
    FAILS(iva_get_superset(&t, R(15, 12), &e), IVA_ERR_NOT_FOUND);
    FAILS(iva_get_by_id(&t, 5, &d), IVA_ERR_NOT_FOUND);  /* FREE */
    FAILS(iva_get_by_id(&t, 25, &d), IVA_ERR_NOT_FOUND); /* ALLOCATED */
    FAILS(iva_get_by_id(&t, 60, &d), IVA_ERR_NOT_FOUND); /* no node */
    iva_fini(&t);
}

static void test_free_not_found(void)
{
    CHECK_OK(setup());
    FAILS(iva_free(&t, R(20, 28), NULL), IVA_ERR_NOT_FOUND); /* inside */
    FAILS(iva_free(&t, R(20, 30), NULL), IVA_ERR_NOT_FOUND); /* larger */
    FAILS(iva_free(&t, R(41, 50), NULL), IVA_ERR_NOT_FOUND); /* gap */
    FAILS(iva_free(&t, R(M - 9, M - 1), NULL), IVA_ERR_NOT_FOUND);
    FAILS(iva_free(&t, R(29, 20), NULL), IVA_ERR_NOT_FOUND);
    iva_fini(&t);
}

static void test_free_state_double_free(void)
{
    CHECK_OK(setup());
    FAILS(iva_free(&t, R(30, 39), NULL), IVA_ERR_STATE);
    CHECK_OK(iva_free(&t, R(20, 29), NULL)); /* merges with [30,39] */
    CHECK_NODES(&t, E(0, 9, IVA_FREE, 0), E(10, 19, IVA_VALUED, 5),
                E(20, 39, IVA_FREE, 0), E(100, 199, IVA_FREE, 0),
                E(M - 9, M, IVA_VALUED, 6));
    tu_take(&t, &before);
    FAILS(iva_free(&t, R(20, 29), NULL), IVA_ERR_NOT_FOUND); /* merged */
    FAILS(iva_free(&t, R(20, 39), NULL), IVA_ERR_STATE);
    iva_fini(&t);
}

static void test_allocate_invalid(void)
{
    iva_constraint c;
    iva_range r;
    CHECK_OK(setup());
    c = con(0);
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_INVALID);
    c = con(1);
    c.min = 101;
    c.max = 100;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_INVALID);
    c = con(1);
    c.align = 3;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_INVALID);
    c.align = 0x8000000000000001u;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_INVALID);
    c = con(1);
    c.boundary = 6;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_INVALID);
    c = con(17);
    c.boundary = 16; /* size > boundary */
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_INVALID);
    c = con(1);
    c.policy = (iva_policy)3;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_INVALID);
    FAILS(iva_allocate_at(&t, R(5, 4)), IVA_ERR_INVALID);
    iva_fini(&t);
}

static void test_allocate_no_space(void)
{
    iva_constraint c = con(101);
    iva_range r;
    CHECK_OK(setup());
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c.policy = IVA_LAST_FIT;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c.policy = IVA_BEST_FIT;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c = con(10);
    c.min = 1; /* [1,9] is 9 long; [30,39] and [100,..] above max */
    c.max = 29;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c = con(2);
    c.align = 256; /* no multiple of 256 in [1,9], [30,39], [100,199] */
    c.min = 1;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c = con(8);
    c.boundary = 8;
    c.min = 101;
    c.max = 110; /* starts 101..103 cross 104 */
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    c = con(1);
    c.min = 200;
    c.max = M - 10; /* the gap */
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_SPACE);
    FAILS(iva_allocate_at(&t, R(25, 25)), IVA_ERR_NO_SPACE);
    FAILS(iva_allocate_at(&t, R(35, 40)), IVA_ERR_NO_SPACE);
    FAILS(iva_allocate_at(&t, R(300, 300)), IVA_ERR_NO_SPACE);
    iva_fini(&t);
}

static void test_no_space_empty_tree(void)
{
    iva_constraint c = con(1);
    CHECK_OK(iva_init_heap(&t, NULL, 1u));
    tu_take(&t, &before);
    FAILS(iva_allocate(&t, &c, NULL), IVA_ERR_NO_SPACE);
    FAILS(iva_allocate_at(&t, R(0, M)), IVA_ERR_NO_SPACE);
    FAILS(iva_free(&t, R(0, M), NULL), IVA_ERR_NOT_FOUND);
    iva_fini(&t);
}

/* ---- NO_MEMORY with a caller-supplied pool ------------------------------ */

static iva_node pool[8];

/* Fixed tree of `cap` slots holding FREE [0,99] and FREE [200,299]. */
static iva_status fixed(uint32_t cap)
{
    iva_status st = iva_init(&t, pool, cap, 3u);
    if (st == IVA_OK)
        st = iva_insert(&t, R(0, 99), NULL);
    if (st == IVA_OK)
        st = iva_insert(&t, R(200, 299), NULL);
    tu_take(&t, &before);
    return st;
}

static void test_no_memory_fixed_insert(void)
{
    uint64_t d = 1u;
    CHECK_OK(fixed(2));
    FAILS(iva_insert(&t, R(100, 199), &d), IVA_ERR_NO_MEMORY);
    /* errors decided before memory keep their own word */
    FAILS(iva_insert(&t, R(50, 150), NULL), IVA_ERR_OVERLAP);
    FAILS(iva_insert(&t, R(150, 140), NULL), IVA_ERR_INVALID);
    iva_fini(&t);
}

static void test_no_memory_fixed_allocate_one_node(void)
{
    iva_constraint c = con(10);
    iva_range r;
    CHECK_OK(fixed(2));
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_MEMORY); /* [10,99] left */
    c.policy = IVA_LAST_FIT;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_MEMORY);
    FAILS(iva_allocate_at(&t, R(0, 0)), IVA_ERR_NO_MEMORY);
    /* a whole-node allocation needs no new node */
    c = con(100);
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK(r.min == 0 && r.max == 99);
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_no_memory_fixed_allocate_two_nodes_one_free(void)
{
    iva_constraint c = con(10);
    iva_range r;
    CHECK_OK(fixed(3)); /* one spare slot */
    c.min = 50;         /* splits [0,99] into three: needs two */
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_MEMORY);
    FAILS(iva_allocate_at(&t, R(250, 250)), IVA_ERR_NO_MEMORY);
    c.policy = IVA_BEST_FIT;
    FAILS(iva_allocate(&t, &c, &r), IVA_ERR_NO_MEMORY);
    /* needing one is fine */
    CHECK_OK(iva_allocate_at(&t, R(290, 299)));
    CHECK_NODES(&t, E(0, 99, IVA_FREE, 0), E(200, 289, IVA_FREE, 0),
                E(290, 299, IVA_ALLOCATED, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_no_memory_fixed_zero_capacity(void)
{
    iva_constraint c = con(1);
    CHECK_OK(iva_init(&t, NULL, 0, 1u));
    tu_take(&t, &before);
    FAILS(iva_insert(&t, R(0, M), NULL), IVA_ERR_NO_MEMORY);
    FAILS(iva_allocate(&t, &c, NULL), IVA_ERR_NO_SPACE);
    FAILS(iva_reserve(&t, 1), IVA_ERR_NO_MEMORY);
    CHECK_OK(iva_reserve(&t, 0));
    iva_fini(&t);
}

/* Operations that need no new node still work in a full pool. */
static void test_full_pool_free_delete_update_work(void)
{
    iva_constraint c = con(100);
    iva_range r;
    CHECK_OK(fixed(2));
    CHECK_OK(iva_allocate(&t, &c, &r));
    CHECK_OK(iva_update(&t, r, 9u, NULL));
    CHECK_OK(iva_free(&t, r, NULL));
    CHECK_OK(iva_delete(&t, R(200, 299), NULL));
    CHECK_OK(iva_insert(&t, R(100, 199), NULL));
    CHECK_NODES(&t, E(0, 99, IVA_FREE, 0), E(100, 199, IVA_FREE, 0));
    CHECK_TREE(&t);
    iva_fini(&t);
}

/* ---- NO_MEMORY with a failing allocator hook ---------------------------- */

typedef struct hook_ctx {
    int grants; /* reallocs still allowed; < 0: unlimited */
    size_t live;
} hook_ctx;

static void *hook_realloc(void *ctx, void *ptr, size_t old_size,
                          size_t new_size)
{
    hook_ctx *h = ctx;
    void *p;
    if (h->grants == 0)
        return NULL;
    p = realloc(ptr, new_size);
    if (p == NULL)
        return NULL;
    if (h->grants > 0)
        h->grants--;
    h->live += new_size - old_size;
    return p;
}

static void hook_free(void *ctx, void *ptr, size_t size)
{
    hook_ctx *h = ctx;
    h->live -= size;
    free(ptr);
}

static hook_ctx hctx;
static const iva_allocator hooks = {hook_realloc, hook_free, &hctx};

/* Bad set-up arguments on a live tree: INVALID, and the tree (with its
 * heap pool) is left as it was: the hooks are checked before anything is
 * written. */
static void test_init_invalid_changes_nothing(void)
{
    iva_allocator no_realloc = {NULL, hook_free, &hctx};
    iva_allocator no_free = {hook_realloc, NULL, &hctx};
    CHECK_OK(setup());
    FAILS(iva_init_heap(&t, &no_realloc, 7u), IVA_ERR_INVALID);
    FAILS(iva_init_heap(&t, &no_free, 7u), IVA_ERR_INVALID);
    FAILS(iva_init(&t, NULL, 1u, 7u), IVA_ERR_INVALID);
    FAILS(iva_init(&t, pool, IVA_MAX_NODES + 1u, 7u), IVA_ERR_INVALID);
    CHECK_TREE(&t);
    iva_fini(&t);
}

static void test_no_memory_hook_first_node(void)
{
    iva_constraint c = con(1);
    hctx.grants = 0;
    hctx.live = 0;
    CHECK_OK(iva_init_heap(&t, &hooks, 5u));
    tu_take(&t, &before);
    FAILS(iva_insert(&t, R(0, 9), NULL), IVA_ERR_NO_MEMORY);
    FAILS(iva_reserve(&t, 1), IVA_ERR_NO_MEMORY);
    FAILS(iva_allocate(&t, &c, NULL), IVA_ERR_NO_SPACE);
    hctx.grants = -1;
    CHECK_OK(iva_insert(&t, R(0, 9), NULL));
    CHECK_TREE(&t);
    iva_fini(&t);
    CHECK(hctx.live == 0u);
}

/* Fill the first pool allocation to one spare slot, then refuse growth. */
static void test_no_memory_hook_two_nodes_one_free(void)
{
    iva_constraint c = con(1);
    iva_stats s;
    uint64_t i;
    uint32_t spare;
    hctx.grants = 1;
    hctx.live = 0;
    CHECK_OK(iva_init_heap(&t, &hooks, 5u));
    CHECK_OK(iva_insert(&t, R(0, 9), NULL));
    iva_get_stats(&t, &s);
    spare = s.capacity - s.nodes;
    CHECK(spare >= 2u);
    for (i = 1; i < spare; i++) /* leave exactly one free slot */
        CHECK_OK(iva_insert(&t, R(100 * i, 100 * i + 9), NULL));
    iva_get_stats(&t, &s);
    CHECK(s.capacity - s.nodes == 1u);
    tu_take(&t, &before);
    c.min = 5; /* splits [0,9] in three */
    FAILS(iva_allocate(&t, &c, NULL), IVA_ERR_NO_MEMORY);
    FAILS(iva_allocate_at(&t, R(105, 105)), IVA_ERR_NO_MEMORY);
    c.policy = IVA_LAST_FIT;
    c.max = 8;
    FAILS(iva_allocate(&t, &c, NULL), IVA_ERR_NO_MEMORY);
    FAILS(iva_reserve(&t, 2), IVA_ERR_NO_MEMORY);
    /* one new node is available */
    CHECK_OK(iva_allocate_at(&t, R(0, 4)));
    CHECK_TREE(&t);
    iva_get_stats(&t, &s);
    CHECK(s.capacity - s.nodes == 0u);
    tu_take(&t, &before);
    FAILS(iva_insert(&t, R(50, 59), NULL), IVA_ERR_NO_MEMORY);
    FAILS(iva_allocate_at(&t, R(5, 5)), IVA_ERR_NO_MEMORY);
    /* growth allowed again: the same operation succeeds */
    hctx.grants = -1;
    CHECK_OK(iva_allocate_at(&t, R(5, 5)));
    CHECK_OK(iva_insert(&t, R(50, 59), NULL));
    CHECK_TREE(&t);
    iva_fini(&t);
    CHECK(hctx.live == 0u);
}

static const tu_case cases[] = {
    TU_CASE(test_insert_invalid),
    TU_CASE(test_insert_overlap_every_shape),
    TU_CASE(test_delete_not_found),
    TU_CASE(test_update_not_found_and_state),
    TU_CASE(test_get_superset_getid_not_found),
    TU_CASE(test_free_not_found),
    TU_CASE(test_free_state_double_free),
    TU_CASE(test_allocate_invalid),
    TU_CASE(test_allocate_no_space),
    TU_CASE(test_no_space_empty_tree),
    TU_CASE(test_no_memory_fixed_insert),
    TU_CASE(test_no_memory_fixed_allocate_one_node),
    TU_CASE(test_no_memory_fixed_allocate_two_nodes_one_free),
    TU_CASE(test_no_memory_fixed_zero_capacity),
    TU_CASE(test_full_pool_free_delete_update_work),
    TU_CASE(test_init_invalid_changes_nothing),
    TU_CASE(test_no_memory_hook_first_node),
    TU_CASE(test_no_memory_hook_two_nodes_one_free),
};

TU_MAIN(cases)
