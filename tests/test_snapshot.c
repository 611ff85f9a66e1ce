/*
 * Snapshot and restore (docs/SNAPSHOT.md): round trips, every kind of
 * corruption rejected with the target tree unchanged, truncated buffers,
 * wrong version, hostile counts, too-small pools, restore in a
 * transaction.  Hand-built snapshots come from a small encoder written
 * here from the format document (not from src/snapshot.c).
 */
#include "testutil.h"

#define M UINT64_MAX

static iva_tree src, dst;
static tu_dump before;
static unsigned char buf[4096], enc[4096];

/* ---- a tiny encoder of the documented format --------------------------- */

static size_t enc_len;

static void put(uint64_t v, unsigned bytes)
{
    unsigned i;
    for (i = 0; i < bytes; i++)
        enc[enc_len++] = (unsigned char)(v >> (8u * i));
}

static void enc_header(uint32_t version, uint64_t seed, uint32_t count)
{
    enc_len = 0;
    put('I', 1);
    put('V', 1);
    put('A', 1);
    put('S', 1);
    put(version, 4);
    put(seed, 8);
    put(count, 4);
}

static void enc_node(uint64_t min, uint64_t max, unsigned state,
                     uint64_t data)
{
    put(min, 8);
    put(max, 8);
    put(state, 1);
    if (state == 2u)
        put(data, 8);
}

static void enc_finish(void)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < enc_len; i++) {
        h ^= enc[i];
        h *= 16777619u;
    }
    put(h, 4);
}

/* ---- fixtures ------------------------------------------------------------ */

static iva_status build_src(void)
{
    iva_constraint c = IVA_CONSTRAINT(0x1000);
    iva_range r;
    uint64_t d = 0xfeedu;
    iva_status st = iva_init_heap(&src, NULL, 0xabcdefu);
    if (st == IVA_OK)
        st = iva_insert(&src, R(0, 0xfffff), NULL);
    if (st == IVA_OK)
        st = iva_allocate(&src, &c, &r);
    if (st == IVA_OK)
        st = iva_update(&src, r, d, NULL);
    c.align = 0x4000;
    if (st == IVA_OK)
        st = iva_allocate(&src, &c, &r);
    if (st == IVA_OK)
        st = iva_insert(&src, R(M - 5, M), &d);
    if (st == IVA_OK)
        st = iva_insert(&src, R(0x100000, 0x100000), NULL);
    return st;
}

/* dst: a different non-empty tree, dumped into `before`. */
static iva_status build_dst(void)
{
    uint64_t d = 3u;
    iva_status st = iva_init_heap(&dst, NULL, 5u);
    if (st == IVA_OK)
        st = iva_insert(&dst, R(50, 60), &d);
    if (st == IVA_OK)
        st = iva_insert(&dst, R(70, 80), NULL);
    tu_take(&dst, &before);
    return st;
}

static int empty(const iva_tree *t)
{
    iva_stats s;
    iva_get_stats(t, &s);
    return s.nodes == 0u;
}

static void finish(void)
{
    iva_fini(&src);
    iva_fini(&dst);
}

/* Restore of enc must be refused as corrupt with dst unchanged. */
#define REJECTS(p, n)                                                          \
    do {                                                                       \
        CHECK_ST(iva_restore(&dst, (p), (n)), IVA_ERR_CORRUPT);                \
        CHECK_UNCHANGED(&dst, &before);                                        \
    } while (0)

static void test_snapshot_roundtrip_equal_tree(void)
{
    size_t len = 0;
    tu_dump a, b;
    CHECK_OK(build_src());
    CHECK_OK(build_dst());
    CHECK_OK(iva_snapshot(&src, buf, sizeof buf, &len));
    CHECK(len == iva_snapshot_size(&src));
    /* 24 + 17 N + 8 V: 6 nodes, 2 VALUED */
    CHECK(len == 24u + 17u * 6u + 8u * 2u);
    CHECK_OK(iva_restore(&dst, buf, len));
    CHECK_TREE(&dst);
    tu_take(&src, &a);
    tu_take(&dst, &b);
    CHECK(tu_same_content(&a, &b));
    finish();
}

/* The restored tree answers every later operation like the original. */
static void test_snapshot_roundtrip_same_future(void)
{
    size_t len = 0;
    int i;
    CHECK_OK(build_src());
    CHECK_OK(build_dst());
    CHECK_OK(iva_snapshot(&src, buf, sizeof buf, &len));
    CHECK_OK(iva_restore(&dst, buf, len));
    tu_rng_state = 17u;
    for (i = 0; i < 300; i++) {
        iva_constraint c = IVA_CONSTRAINT(1 + tu_below(0x3000));
        iva_range r1 = {0, 0}, r2 = {0, 0};
        iva_status s1, s2;
        c.align = (uint64_t)1 << tu_below(14);
        c.policy = (iva_policy)tu_below(3);
        s1 = iva_allocate(&src, &c, &r1);
        s2 = iva_allocate(&dst, &c, &r2);
        CHECK(s1 == s2 && r1.min == r2.min && r1.max == r2.max);
        if (s1 == IVA_OK && tu_below(3) == 0) {
            CHECK_OK(iva_free(&src, r1, NULL));
            CHECK_OK(iva_free(&dst, r2, NULL));
        }
    }
    {
        tu_dump a, b;
        tu_take(&src, &a);
        tu_take(&dst, &b);
        CHECK(tu_same_content(&a, &b) && !a.overflow);
    }
    finish();
}

static void test_snapshot_empty_tree(void)
{
    size_t len = 0;
    CHECK_OK(iva_init_heap(&src, NULL, 9u));
    CHECK_OK(build_dst());
    CHECK(iva_snapshot_size(&src) == 24u);
    CHECK_OK(iva_snapshot(&src, buf, sizeof buf, &len));
    CHECK_OK(iva_restore(&dst, buf, len));
    CHECK(empty(&dst));
    CHECK_TREE(&dst);
    finish();
}

static void test_snapshot_buffer_too_small(void)
{
    size_t need, len = 12345u;
    CHECK_OK(build_src());
    need = iva_snapshot_size(&src);
    memset(buf, 0xa5, sizeof buf);
    CHECK_ST(iva_snapshot(&src, buf, need - 1u, &len), IVA_ERR_NO_MEMORY);
    CHECK(buf[need - 1u] == 0xa5 && buf[need] == 0xa5);
    CHECK_ST(iva_snapshot(&src, buf, 0, &len), IVA_ERR_NO_MEMORY);
    CHECK_OK(iva_snapshot(&src, buf, need, &len));
    CHECK(len == need && buf[need] == 0xa5);
    iva_fini(&src);
}

/* Any one changed byte (header, record, checksum) is rejected. */
static void test_restore_rejects_every_byte_flip(void)
{
    size_t len = 0, i;
    CHECK_OK(build_src());
    CHECK_OK(build_dst());
    CHECK_OK(iva_snapshot(&src, buf, sizeof buf, &len));
    for (i = 0; i < len; i++) {
        buf[i] ^= 0x01u;
        REJECTS(buf, len);
        buf[i] ^= 0x81u;
        REJECTS(buf, len);
        buf[i] ^= 0x80u;
    }
    CHECK_OK(iva_restore(&dst, buf, len)); /* intact again */
    finish();
}

static void test_restore_rejects_truncation_and_trailing(void)
{
    size_t len = 0, n;
    CHECK_OK(build_src());
    CHECK_OK(build_dst());
    CHECK_OK(iva_snapshot(&src, buf, sizeof buf, &len));
    for (n = 0; n < len; n++)
        REJECTS(buf, n);
    REJECTS(NULL, 0);
    /* an extra byte before the checksum, checksum recomputed */
    memcpy(enc, buf, len - 4u);
    enc_len = len - 4u;
    put(0, 1);
    enc_finish();
    REJECTS(enc, enc_len);
    finish();
}

static void test_restore_rejects_bad_header(void)
{
    CHECK_OK(build_dst());
    enc_header(1, 1, 0);
    enc_finish();
    CHECK_OK(iva_restore(&dst, enc, enc_len)); /* the encoder is right */
    CHECK(empty(&dst));
    iva_fini(&dst);
    CHECK_OK(build_dst());
    enc_header(2, 1, 0); /* unknown version */
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(0, 1, 0);
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 0);
    enc[3] = 'Z'; /* magic */
    enc_finish();
    REJECTS(enc, enc_len);
    iva_fini(&dst);
}

static void test_restore_rejects_bad_records(void)
{
    CHECK_OK(build_dst());
    enc_header(1, 1, 1); /* min > max */
    enc_node(10, 9, 0, 0);
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 1); /* state 3 */
    enc_node(10, 19, 3, 0);
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 2); /* out of order */
    enc_node(20, 29, 0, 0);
    enc_node(10, 19, 0, 0);
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 2); /* overlapping by one point */
    enc_node(10, 20, 1, 0);
    enc_node(20, 29, 0, 0);
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 2); /* duplicate key */
    enc_node(10, 20, 1, 0);
    enc_node(10, 20, 1, 0);
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 1); /* VALUED without its data word */
    enc_node(10, 20, 1, 0);
    enc[enc_len - 1u] = 2u;
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 1); /* FREE followed by a stray data word */
    enc_node(10, 20, 0, 0);
    put(7, 8);
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 3); /* count says 3, two records */
    enc_node(0, 1, 0, 0);
    enc_node(2, 3, 2, 9);
    enc_finish();
    REJECTS(enc, enc_len);
    enc_header(1, 1, 1); /* count says 1, two records */
    enc_node(0, 1, 0, 0);
    enc_node(2, 3, 0, 0);
    enc_finish();
    REJECTS(enc, enc_len);
    /* the same shapes, valid, are accepted: the encoder is right */
    enc_header(1, 1, 3);
    enc_node(0, 1, 0, 0);
    enc_node(2, 3, 2, 9);
    enc_node(4, M, 1, 0);
    enc_finish();
    CHECK_OK(iva_restore(&dst, enc, enc_len));
    CHECK_NODES(&dst, E(0, 1, IVA_FREE, 0), E(2, 3, IVA_VALUED, 9),
                E(4, M, IVA_ALLOCATED, 0));
    CHECK_TREE(&dst);
    iva_fini(&dst);
}

/* Allocation hook that records the largest request. */
static size_t biggest;
static void *rec_realloc(void *ctx, void *p, size_t o, size_t n)
{
    (void)ctx;
    (void)o;
    biggest = n > biggest ? n : biggest;
    return realloc(p, n);
}
static void rec_free(void *ctx, void *p, size_t n)
{
    (void)ctx;
    (void)n;
    free(p);
}

static void test_restore_hostile_count_allocates_nothing(void)
{
    static const iva_allocator hooks = {rec_realloc, rec_free, NULL};
    uint32_t counts[] = {0xffffffffu, 0x3fffffffu, 0x40000000u, 2u};
    size_t i;
    CHECK_OK(iva_init_heap(&dst, &hooks, 1u));
    tu_take(&dst, &before);
    biggest = 0;
    for (i = 0; i < sizeof counts / sizeof counts[0]; i++) {
        enc_header(1, 1, counts[i]);
        enc_node(0, 1, 0, 0); /* one record only */
        enc_finish();
        REJECTS(enc, enc_len);
    }
    CHECK(biggest == 0u); /* rejected before any allocation */
    iva_fini(&dst);
}

static void test_restore_no_memory_fixed_pool(void)
{
    static iva_node pool[3];
    size_t len = 0;
    uint64_t d = 1u;
    CHECK_OK(build_src()); /* 6 nodes */
    CHECK_OK(iva_snapshot(&src, buf, sizeof buf, &len));
    CHECK_OK(iva_init(&dst, pool, 3, 1u));
    CHECK_OK(iva_insert(&dst, R(5, 6), &d));
    tu_take(&dst, &before);
    CHECK_ST(iva_restore(&dst, buf, len), IVA_ERR_NO_MEMORY);
    CHECK_UNCHANGED(&dst, &before);
    enc_header(1, 1, 3); /* exactly the capacity */
    enc_node(0, 1, 0, 0);
    enc_node(2, 3, 0, 0);
    enc_node(4, 5, 0, 0);
    enc_finish();
    CHECK_OK(iva_restore(&dst, enc, enc_len));
    CHECK_TREE(&dst);
    iva_fini(&src);
}

static void test_restore_refused_in_transaction(void)
{
    size_t len = 0;
    CHECK_OK(build_src());
    CHECK_OK(build_dst());
    CHECK_OK(iva_snapshot(&src, buf, sizeof buf, &len));
    CHECK_OK(iva_txn_begin(&dst, NULL, 0));
    CHECK_ST(iva_restore(&dst, buf, len), IVA_ERR_TXN);
    CHECK_UNCHANGED(&dst, &before);
    CHECK_OK(iva_txn_rollback(&dst));
    CHECK_OK(iva_restore(&dst, buf, len));
    finish();
}

static const tu_case cases[] = {
    TU_CASE(test_snapshot_roundtrip_equal_tree),
    TU_CASE(test_snapshot_roundtrip_same_future),
    TU_CASE(test_snapshot_empty_tree),
    TU_CASE(test_snapshot_buffer_too_small),
    TU_CASE(test_restore_rejects_every_byte_flip),
    TU_CASE(test_restore_rejects_truncation_and_trailing),
    TU_CASE(test_restore_rejects_bad_header),
    TU_CASE(test_restore_rejects_bad_records),
    TU_CASE(test_restore_hostile_count_allocates_nothing),
    TU_CASE(test_restore_no_memory_fixed_pool),
    TU_CASE(test_restore_refused_in_transaction),
};

TU_MAIN(cases)
