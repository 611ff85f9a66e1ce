/*
 * Transactions: rollback restores the tree exactly, commit keeps every
 * change, a full journal gives NO_MEMORY with nothing changed, misuse
 * gives IVA_ERR_TXN.
 */
#include "testutil.h"

#define M UINT64_MAX

static iva_tree t, plain;
static tu_dump before;

static iva_status base(iva_tree *tr, iva_node *pool, uint32_t cap)
{
    uint64_t d = 4u;
    iva_status st = pool != NULL ? iva_init(tr, pool, cap, 8u)
                                 : iva_init_heap(tr, NULL, 8u);
    if (st == IVA_OK)
        st = iva_insert(tr, R(0, 0xffff), NULL);
    if (st == IVA_OK)
        st = iva_insert(tr, R(0x10000, 0x10fff), &d);
    if (st == IVA_OK)
        st = iva_insert(tr, R(0x11000, 0x1ffff), NULL);
    return st;
}

/* A mix of every mutating operation; same on any tree. */
static iva_status script(iva_tree *tr)
{
    iva_constraint c = IVA_CONSTRAINT(0x100);
    iva_range r1, r2;
    iva_status st;
    c.align = 0x100;
    c.min = 0x800;
    st = iva_allocate(tr, &c, &r1);
    if (st == IVA_OK)
        st = iva_update(tr, r1, 11u, NULL);
    c.policy = IVA_LAST_FIT;
    if (st == IVA_OK)
        st = iva_allocate(tr, &c, &r2);
    if (st == IVA_OK)
        st = iva_free(tr, R(0x10000, 0x10fff), NULL); /* merges both */
    if (st == IVA_OK)
        st = iva_insert(tr, R(0x20000, 0x2ffff), NULL);
    if (st == IVA_OK)
        st = iva_allocate_at(tr, R(0x20000, 0x20fff));
    if (st == IVA_OK)
        st = iva_delete(tr, R(0x20000, 0x20fff), NULL);
    if (st == IVA_OK)
        st = iva_free(tr, r1, NULL);
    return st;
}

static void test_txn_rollback_restores_exactly(void)
{
    CHECK_OK(base(&t, NULL, 0));
    tu_take(&t, &before);
    CHECK_OK(iva_txn_begin(&t, NULL, 0));
    CHECK(iva_txn_active(&t));
    CHECK_OK(script(&t));
    CHECK_OK(iva_txn_rollback(&t));
    CHECK(!iva_txn_active(&t));
    CHECK_UNCHANGED(&t, &before);
    iva_fini(&t);
}

static void test_txn_commit_keeps_changes(void)
{
    tu_dump want, got;
    CHECK_OK(base(&t, NULL, 0));
    CHECK_OK(base(&plain, NULL, 0));
    CHECK_OK(script(&plain));
    CHECK_OK(iva_txn_begin(&t, NULL, 0));
    CHECK_OK(script(&t));
    CHECK_OK(iva_txn_commit(&t));
    CHECK(!iva_txn_active(&t));
    tu_take(&plain, &want);
    tu_take(&t, &got);
    CHECK(tu_same(&want, &got));
    CHECK_TREE(&t);
    /* committed changes survive a later transaction's rollback */
    CHECK_OK(iva_txn_begin(&t, NULL, 0));
    CHECK_OK(iva_insert(&t, R(0x40000, 0x40000), NULL));
    CHECK_OK(iva_txn_rollback(&t));
    tu_take(&t, &got);
    CHECK(tu_same(&want, &got));
    iva_fini(&t);
    iva_fini(&plain);
}

static void test_txn_caller_journal_full(void)
{
    iva_txn_rec journal[4];
    iva_constraint c = IVA_CONSTRAINT(0x10);
    tu_dump mid;
    iva_entry e;
    CHECK_OK(base(&t, NULL, 0));
    tu_take(&t, &before);
    CHECK_OK(iva_txn_begin(&t, journal, 4));
    c.min = 0x100; /* split in three: 4 records */
    CHECK_OK(iva_allocate(&t, &c, NULL));
    tu_take(&t, &mid);
    CHECK_ST(iva_insert(&t, R(0x30000, 0x30000), NULL), IVA_ERR_NO_MEMORY);
    CHECK_UNCHANGED(&t, &mid);
    CHECK_ST(iva_allocate(&t, &c, NULL), IVA_ERR_NO_MEMORY);
    CHECK_UNCHANGED(&t, &mid);
    CHECK_ST(iva_free(&t, R(0x100, 0x10f), NULL), IVA_ERR_NO_MEMORY);
    CHECK_UNCHANGED(&t, &mid);
    CHECK_ST(iva_delete(&t, R(0x100, 0x10f), NULL), IVA_ERR_NO_MEMORY);
    CHECK_UNCHANGED(&t, &mid);
    CHECK_ST(iva_update(&t, R(0x100, 0x10f), 1u, NULL), IVA_ERR_NO_MEMORY);
    CHECK_UNCHANGED(&t, &mid);
    /* reads and errors decided earlier still work */
    CHECK_OK(iva_get(&t, R(0x100, 0x10f), &e));
    CHECK_ST(iva_free(&t, R(0x101, 0x10f), NULL), IVA_ERR_NOT_FOUND);
    CHECK_OK(iva_txn_rollback(&t));
    CHECK_UNCHANGED(&t, &before);
    iva_fini(&t);
}

static int grow_ok;
static void *maybe_realloc(void *ctx, void *p, size_t o, size_t n)
{
    (void)ctx;
    (void)o;
    return grow_ok ? realloc(p, n) : NULL;
}
static void plain_free(void *ctx, void *p, size_t n)
{
    (void)ctx;
    (void)n;
    free(p);
}

static void test_txn_heap_journal_growth_fails(void)
{
    static const iva_allocator hooks = {maybe_realloc, plain_free, NULL};
    CHECK_OK(iva_init_heap(&t, &hooks, 2u));
    grow_ok = 1;
    CHECK_OK(iva_insert(&t, R(0, 99), NULL));
    CHECK_OK(iva_reserve(&t, 8));
    tu_take(&t, &before);
    CHECK_OK(iva_txn_begin(&t, NULL, 0));
    grow_ok = 0; /* the journal cannot get its first records */
    CHECK_ST(iva_insert(&t, R(200, 299), NULL), IVA_ERR_NO_MEMORY);
    CHECK_UNCHANGED(&t, &before);
    grow_ok = 1;
    CHECK_OK(iva_insert(&t, R(200, 299), NULL));
    CHECK_OK(iva_txn_rollback(&t));
    CHECK_UNCHANGED(&t, &before);
    iva_fini(&t);
}

static void test_txn_misuse(void)
{
    iva_node pool[4];
    iva_txn_rec j[8];
    CHECK_OK(base(&t, NULL, 0));
    tu_take(&t, &before);
    CHECK_ST(iva_txn_commit(&t), IVA_ERR_TXN);
    CHECK_ST(iva_txn_rollback(&t), IVA_ERR_TXN);
    CHECK_OK(iva_txn_begin(&t, NULL, 0));
    CHECK_ST(iva_txn_begin(&t, NULL, 0), IVA_ERR_TXN); /* nested */
    CHECK_ST(iva_txn_begin(&t, j, 8), IVA_ERR_TXN);
    CHECK(iva_txn_active(&t));
    CHECK_OK(iva_txn_commit(&t));
    CHECK_ST(iva_txn_commit(&t), IVA_ERR_TXN);
    CHECK_UNCHANGED(&t, &before);
    iva_fini(&t);
    /* a caller pool has no allocator: it needs a caller journal */
    CHECK_OK(iva_init(&t, pool, 4, 1u));
    CHECK_ST(iva_txn_begin(&t, NULL, 0), IVA_ERR_INVALID);
    CHECK_ST(iva_txn_begin(&t, NULL, 3), IVA_ERR_INVALID);
    CHECK(!iva_txn_active(&t));
    CHECK_OK(iva_txn_begin(&t, j, 8));
    CHECK_OK(iva_txn_rollback(&t));
}

/* Rollback in a full fixed pool never runs out of nodes. */
static void test_txn_rollback_full_fixed_pool(void)
{
    static iva_node pool[5];
    iva_txn_rec j[64];
    iva_constraint c = IVA_CONSTRAINT(0x10);
    CHECK_OK(base(&t, pool, 5));
    CHECK_OK(iva_allocate_at(&t, R(0x100, 0x1ff))); /* 5 nodes: full */
    tu_take(&t, &before);
    CHECK_OK(iva_txn_begin(&t, j, 64));
    CHECK_OK(iva_free(&t, R(0x100, 0x1ff), NULL));   /* 3 nodes */
    CHECK_OK(iva_free(&t, R(0x10000, 0x10fff), NULL)); /* 1 node */
    c.min = 0x5000;
    CHECK_OK(iva_allocate(&t, &c, NULL)); /* 3 */
    c.min = 0x9000;
    CHECK_OK(iva_allocate(&t, &c, NULL)); /* 5 */
    CHECK_ST(iva_allocate(&t, &c, NULL), IVA_ERR_NO_MEMORY);
    CHECK_OK(iva_txn_rollback(&t));
    CHECK_UNCHANGED(&t, &before);
}

/* Random transactions: rollback equals the dump taken at begin, commit
 * equals the same operations run without a transaction. */
static void test_txn_random_rollback_and_commit(void)
{
    int round, i;
    tu_seed_init("test_txn");
    CHECK_OK(iva_init_heap(&t, NULL, tu_rand()));
    CHECK_OK(iva_init_heap(&plain, NULL, tu_rand()));
    CHECK_OK(iva_insert(&t, R(0, 9999), NULL));
    CHECK_OK(iva_insert(&plain, R(0, 9999), NULL));
    for (round = 0; round < 200; round++) {
        int keep = (int)tu_below(2);
        tu_dump a, b;
        tu_take(&t, &before);
        CHECK_OK(iva_txn_begin(&t, NULL, 0));
        for (i = 0; i < 10; i++) { /* same ops on t (and plain if kept) */
            iva_constraint c = IVA_CONSTRAINT(1 + tu_below(200));
            iva_range r1, r2;
            iva_entry e;
            iva_status s1, s2;
            uint64_t p = tu_below(10000);
            c.policy = (iva_policy)tu_below(3);
            if (tu_below(2)) {
                s1 = iva_allocate(&t, &c, &r1);
                s2 = keep ? iva_allocate(&plain, &c, &r2) : s1;
                CHECK(s1 == s2);
            } else if (iva_get_superset(&t, R(p, p), &e) == IVA_OK &&
                       e.state != IVA_FREE) {
                CHECK_OK(iva_free(&t, e.key, NULL));
                if (keep)
                    CHECK_OK(iva_free(&plain, e.key, NULL));
            }
        }
        if (keep) {
            CHECK_OK(iva_txn_commit(&t));
            tu_take(&t, &a);
            tu_take(&plain, &b);
            CHECK(tu_same_content(&a, &b) && !a.overflow);
        } else {
            CHECK_OK(iva_txn_rollback(&t));
            CHECK_UNCHANGED(&t, &before);
        }
        CHECK_TREE(&t);
    }
    iva_fini(&t);
    iva_fini(&plain);
}

static const tu_case cases[] = {
    TU_CASE(test_txn_rollback_restores_exactly),
    TU_CASE(test_txn_commit_keeps_changes),
    TU_CASE(test_txn_caller_journal_full),
    TU_CASE(test_txn_heap_journal_growth_fails),
    TU_CASE(test_txn_misuse),
    TU_CASE(test_txn_rollback_full_fixed_pool),
    TU_CASE(test_txn_random_rollback_and_commit),
};

TU_MAIN(cases)
