/*
 * fuzz_restore: arbitrary bytes to iva_restore() on trees in several
 * states.  Restore must accept exactly the valid snapshots, reject the rest
 * with a typed error, and never leave anything half-loaded.
 *
 * Input (format version 2; version 1 had no synthesized snapshots): one
 * mode byte, then the bytes handed to iva_restore() (copied into a buffer
 * of exactly that length, so that any read beyond it is an ASan report).
 * Mode bits:
 *   0-1  target tree: 0 empty heap tree, 1 empty caller pool,
 *        2 heap tree with content, 3 caller pool with content
 *   2    a transaction is open on the target (restore must say TXN)
 *   3    heap trees: the allocator fails from now on (growth -> NO_MEMORY)
 *   4    without bit 7: pass a NULL buffer (length as given);
 *        with bit 7: the rest describes a snapshot to synthesize (below)
 *   5-6  caller pool capacity: 4, 8, 16 or 64 slots
 *   7    repair the trailing FNV-1a checksum before the call, so that the
 *        fuzzer explores the record validation behind it
 * Synthesized snapshot (structure-aware: valid snapshots of any size in a
 * few bytes, so that the fuzzers reach "valid but too big for the pool"
 * from scratch): flags byte (bit 0: keys start near UINT64_MAX; bit 1:
 * repair the checksum after the corruption; bits 2-7: record count), seed
 * byte, then per record gap, length, state (% 4: 3 is invalid), data
 * bytes; then a corruption: u16 offset, xor byte (0: none).
 *
 * Oracles:
 *  - the status is the one an independent validator of the documented
 *    format (docs/SNAPSHOT.md, written here from the format text) predicts:
 *    TXN inside a transaction; CORRUPT for an invalid snapshot; NO_MEMORY
 *    exactly when a valid snapshot holds more nodes than the tree can get;
 *    OK otherwise;
 *  - on any error the tree is unchanged: same in-order dump, same
 *    statistics, same snapshot bytes (so the same seed), iva_check passes;
 *  - on OK: iva_check passes; the snapshot of the restored tree is
 *    byte-for-byte the input (the format is canonical); restoring that into
 *    a fresh heap tree gives the same dump, statistics and snapshot.
 */
#include "fuzz_common.h"

#define RS_MAX_NODES 4096u

#define RS_CHECK(cond, what) FZ_CHECK(cond, "%s", what)

/* ---- an independent reading of the snapshot format ----------------- */

static uint64_t rs_le(const uint8_t *p, unsigned bytes)
{
    uint64_t v = 0u;
    for (unsigned i = 0; i < bytes; i++)
        v |= (uint64_t)p[i] << (8u * i);
    return v;
}

static uint32_t rs_fnv1a(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* Records of a snapshot whose header and checksum are fine. */
static bool rs_records_ok(const uint8_t *p, size_t len, uint64_t count)
{
    size_t off = 20u, end = len - 4u;
    uint64_t prev_max = 0u;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t mn, mx;
        if (end - off < 17u)
            return false;
        mn = rs_le(p + off, 8u);
        mx = rs_le(p + off + 8u, 8u);
        if (mn > mx || p[off + 16u] > 2u || (i > 0u && mn <= prev_max))
            return false;
        off += p[off + 16u] == 2u ? 25u : 17u;
        if (off > end)
            return false;
        prev_max = mx;
    }
    return off == end;
}

/* True when p[0..len) is a valid version-1 snapshot of `*count` nodes. */
static bool rs_valid(const uint8_t *p, size_t len, uint64_t *count)
{
    if (p == NULL || len < 24u || memcmp(p, "IVAS", 4u) != 0 ||
        rs_le(p + 4, 4u) != 1u)
        return false;
    if (rs_le(p + len - 4u, 4u) != rs_fnv1a(p, len - 4u))
        return false;
    *count = rs_le(p + 16, 4u);
    return *count <= IVA_MAX_NODES && rs_records_ok(p, len, *count);
}

/* ---- tree set-up --------------------------------------------------- */

/* Allocator hooks that can be told to fail. */
typedef struct rs_mem {
    bool fail;
    size_t max_req; /* largest size asked for since the last reset */
} rs_mem;

static void *rs_realloc(void *ctx, void *ptr, size_t old_size,
                        size_t new_size)
{
    rs_mem *m = ctx;
    (void)old_size;
    if (new_size > m->max_req)
        m->max_req = new_size;
    if (m->fail)
        return NULL;
    return realloc(ptr, new_size);
}

static void rs_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)size;
    free(ptr);
}

/* Four nodes of every state, one at the top of the space. */
static void rs_fill(iva_tree *t)
{
    const uint64_t v = 0x77u;
    iva_range a = {0x1000u, 0x1fffu}, b = {0x4000u, 0x4fffu};
    iva_range top = {UINT64_MAX - 0xffu, UINT64_MAX}, at = {0x1000u, 0x10ffu};
    RS_CHECK(iva_insert(t, a, NULL) == IVA_OK, "fill");
    RS_CHECK(iva_insert(t, b, &v) == IVA_OK, "fill");
    RS_CHECK(iva_insert(t, top, NULL) == IVA_OK, "fill");
    RS_CHECK(iva_allocate_at(t, at) == IVA_OK, "fill");
}

typedef struct rs_target {
    iva_tree t;
    iva_node pool[64];
    iva_txn_rec journal[8];
    rs_mem mem;
} rs_target;

static void rs_setup(rs_target *g, uint8_t mode)
{
    static const uint32_t caps[4] = {4u, 8u, 16u, 64u};
    iva_allocator al = {rs_realloc, rs_free, &g->mem};
    bool pooled = (mode & 1u) != 0u;
    g->mem.fail = false;
    if (pooled)
        RS_CHECK(iva_init(&g->t, g->pool, caps[(mode >> 5) & 3u], 5u) ==
                     IVA_OK,
                 "init");
    else
        RS_CHECK(iva_init_heap(&g->t, &al, 3u) == IVA_OK, "init heap");
    if (mode & 2u)
        rs_fill(&g->t);
    if (mode & 4u)
        RS_CHECK(iva_txn_begin(&g->t, pooled ? g->journal : NULL,
                               pooled ? 8u : 0u) == IVA_OK,
                 "txn begin");
    g->mem.fail = (mode & 8u) != 0u;
    g->mem.max_req = 0u;
}

/* Restore may allocate for the snapshot's own nodes only: a pool grown
 * by doubling to hold `count` nodes, nothing at all for a bad snapshot. */
static void rs_bounded(const rs_mem *m, iva_status st, const uint8_t *buf,
                       size_t len)
{
    uint64_t count = 0u, most;
    if (st == IVA_ERR_CORRUPT || st == IVA_ERR_TXN) {
        RS_CHECK(m->max_req == 0u, "a rejected restore allocated");
        return;
    }
    RS_CHECK(rs_valid(buf, len, &count), "validator");
    most = count * 2u > 16u ? count * 2u : 16u;
    RS_CHECK(m->max_req <= most * sizeof(iva_node), "restore over-allocated");
}

/* ---- comparing a tree before and after ----------------------------- */

typedef struct rs_image {
    iva_entry e[RS_MAX_NODES];
    size_t n;
    iva_stats s;
    uint8_t *snap;
    size_t len;
} rs_image;

static void rs_take(const iva_tree *t, rs_image *im)
{
    iva_iter it;
    im->n = 0u;
    iva_iter_all(&it, t);
    while (im->n < RS_MAX_NODES && iva_iter_next(&it, &im->e[im->n]))
        im->n++;
    iva_get_stats(t, &im->s);
    im->len = iva_snapshot_size(t);
    im->snap = malloc(im->len);
    RS_CHECK(im->snap != NULL, "malloc");
    RS_CHECK(iva_snapshot(t, im->snap, im->len, NULL) == IVA_OK, "snapshot");
}

static bool rs_entries_eq(const rs_image *a, const rs_image *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        const iva_entry *x = &a->e[i], *y = &b->e[i];
        if (x->key.min != y->key.min || x->key.max != y->key.max ||
            x->state != y->state || x->data != y->data)
            return false;
    }
    return true;
}

static bool rs_stats_eq(const iva_stats *a, const iva_stats *b)
{
    return a->nodes == b->nodes && a->free_nodes == b->free_nodes &&
           a->allocated_nodes == b->allocated_nodes &&
           a->valued_nodes == b->valued_nodes &&
           a->free_span_lo == b->free_span_lo &&
           a->free_span_hi == b->free_span_hi && a->has_free == b->has_free &&
           a->largest_free_m1 == b->largest_free_m1;
}

/* Same contents, statistics and snapshot (depth may differ). */
static void rs_same(const rs_image *a, const rs_image *b, const char *what)
{
    RS_CHECK(rs_entries_eq(a, b), what);
    RS_CHECK(rs_stats_eq(&a->s, &b->s), what);
    RS_CHECK(a->len == b->len && memcmp(a->snap, b->snap, a->len) == 0,
             what);
}

static void rs_check(const iva_tree *t, const char *what)
{
    iva_check_report rep;
    if (iva_check(t, &rep) != IVA_OK) {
        fprintf(stderr, "I%d at node %u: %s\n", rep.invariant,
                (unsigned)rep.node, rep.what);
        RS_CHECK(false, what);
    }
}

/* ---- API edges, run once per empty input ------------------------- */

/* Reserving the largest pool asks for exactly IVA_MAX_NODES slots once
 * (64-bit) or not at all (32-bit: the size does not fit a size_t); either
 * way it is NO_MEMORY and the tree stays empty. */
static void rs_reserve_all(void)
{
    rs_mem m = {true, 0u};
    iva_allocator al = {rs_realloc, rs_free, &m};
    uint64_t bytes = (uint64_t)IVA_MAX_NODES * sizeof(iva_node);
    iva_tree t;
    iva_stats s;
    RS_CHECK(iva_init_heap(&t, &al, 0u) == IVA_OK, "init heap");
    RS_CHECK(iva_reserve(&t, IVA_MAX_NODES) == IVA_ERR_NO_MEMORY, "reserve");
    /* a 32-bit size_t cannot express the size: nothing may be asked */
    RS_CHECK(m.max_req == (bytes > SIZE_MAX ? 0u : (size_t)bytes),
             "reserve asked for the wrong size");
    iva_get_stats(&t, &s);
    RS_CHECK(s.capacity == 0u && s.nodes == 0u, "failed reserve changed it");
    iva_fini(&t);
}

/* Misuse that must be refused with a typed error and change nothing:
 * bad init arguments, hooks without functions, reserving past the
 * largest pool, restore of a NULL buffer. */
static void rs_api_edges(void)
{
    static iva_node pool[4];
    iva_allocator half = {rs_realloc, NULL, NULL}, other = {NULL, rs_free, NULL};
    iva_tree t;
    iva_stats s;
    RS_CHECK(iva_init(&t, NULL, 1u, 0u) == IVA_ERR_INVALID, "init NULL pool");
    RS_CHECK(iva_init(&t, pool, IVA_MAX_NODES + 1u, 0u) == IVA_ERR_INVALID,
             "init cap");
    RS_CHECK(iva_init_heap(&t, &half, 0u) == IVA_ERR_INVALID, "init hooks");
    RS_CHECK(iva_init_heap(&t, &other, 0u) == IVA_ERR_INVALID, "init hooks");
    RS_CHECK(iva_init_heap(&t, NULL, 0u) == IVA_OK, "init heap");
    RS_CHECK(iva_reserve(&t, UINT32_MAX) == IVA_ERR_NO_MEMORY, "reserve");
    RS_CHECK(iva_restore(&t, NULL, 0u) == IVA_ERR_CORRUPT, "restore NULL");
    iva_get_stats(&t, &s);
    RS_CHECK(s.nodes == 0u && s.capacity == 0u, "edges changed the tree");
    iva_fini(&t);
    rs_reserve_all();
    RS_CHECK(iva_init(&t, pool, 4u, 0u) == IVA_OK, "init pool");
    RS_CHECK(iva_reserve(&t, 5u) == IVA_ERR_NO_MEMORY, "reserve pool");
    RS_CHECK(iva_reserve(&t, 4u) == IVA_OK, "reserve pool");
}

/* ---- the oracles --------------------------------------------------- */

/* The status the format and the tree's room predict. */
static iva_status rs_expect(const rs_target *g, uint8_t mode,
                            const uint8_t *buf, size_t len,
                            const iva_stats *before)
{
    uint64_t count = 0u;
    bool grows = (mode & 1u) == 0u && (mode & 8u) == 0u;
    if (mode & 4u)
        return IVA_ERR_TXN;
    if (!rs_valid(buf, len, &count))
        return IVA_ERR_CORRUPT;
    if (!grows && count > before->capacity)
        return IVA_ERR_NO_MEMORY;
    (void)g;
    return IVA_OK;
}

/* OK: canonical re-snapshot, and a second restore gives the same tree. */
static void rs_after_ok(const iva_tree *t, const uint8_t *buf, size_t len)
{
    static rs_image a, b;
    iva_tree u;
    rs_check(t, "restored tree fails iva_check");
    rs_take(t, &a);
    RS_CHECK(a.len == len && memcmp(a.snap, buf, len) == 0,
             "snapshot of the restored tree differs from the input");
    RS_CHECK(iva_init_heap(&u, NULL, 1u) == IVA_OK, "init heap");
    RS_CHECK(iva_restore(&u, a.snap, a.len) == IVA_OK, "re-restore");
    rs_check(&u, "re-restored tree fails iva_check");
    rs_take(&u, &b);
    rs_same(&a, &b, "re-restored tree differs");
    iva_fini(&u);
    free(a.snap);
    free(b.snap);
}

/* ---- synthesized snapshots ---------------------------------------- */

static void rs_put(uint8_t *p, uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++)
        p[i] = (uint8_t)(v >> (8u * i));
}

static void rs_seal(uint8_t *buf, size_t len)
{
    rs_put(buf + len - 4u, rs_fnv1a(buf, len - 4u), 4u);
}

/* Records into buf + 20; returns the bytes written, *count the records
 * that fit below UINT64_MAX. */
static size_t rs_records(fz_in *in, uint8_t *p, unsigned want, bool top,
                         uint32_t *count)
{
    uint64_t next = top ? UINT64_MAX - 0xffffu : 0u;
    size_t off = 0u;
    bool room = true;
    *count = 0u;
    for (unsigned i = 0; i < want && room; i++) {
        uint64_t mn = next + fz_u8(in), len = fz_u8(in);
        uint8_t st = fz_u8(in) % 4u, data = fz_u8(in);
        if (mn < next || mn > UINT64_MAX - len)
            break;
        rs_put(p + off, mn, 8u);
        rs_put(p + off + 8u, mn + len, 8u);
        p[off + 16u] = st;
        off += 17u;
        if (st == 2u) {
            rs_put(p + off, data, 8u);
            off += 8u;
        }
        (*count)++;
        room = mn + len < UINT64_MAX;
        next = mn + len + 1u;
    }
    return off;
}

/* Build the described snapshot (see the format comment). */
static uint8_t *rs_synth(const uint8_t *data, size_t size, size_t *len)
{
    fz_in in = {data, size};
    uint8_t flags = fz_u8(&in), seed = fz_u8(&in);
    unsigned want = flags >> 2;
    uint8_t *buf = malloc(24u + 25u * (size_t)want);
    uint32_t count;
    size_t body;
    uint16_t off;
    uint8_t x;
    RS_CHECK(buf != NULL, "malloc");
    memcpy(buf, "IVAS", 4u);
    rs_put(buf + 4, 1u, 4u);
    rs_put(buf + 8, (uint64_t)seed * 0x9e3779b97f4a7c15u, 8u);
    body = rs_records(&in, buf + 20, want, (flags & 1u) != 0u, &count);
    rs_put(buf + 16, count, 4u);
    *len = 24u + body;
    rs_seal(buf, *len);
    off = (uint16_t)fz_le(&in, 2);
    x = fz_u8(&in);
    buf[off % *len] ^= x;
    if (flags & 2u)
        rs_seal(buf, *len);
    return buf;
}

/* Copy of the input with, if asked, a repaired checksum. */
static uint8_t *rs_bytes(const uint8_t *data, size_t size, uint8_t mode)
{
    uint8_t *buf = malloc(size > 0u ? size : 1u);
    RS_CHECK(buf != NULL, "malloc");
    if (size > 0u)
        memcpy(buf, data, size);
    if ((mode & 0x80u) != 0u && size >= 4u) {
        uint32_t h = rs_fnv1a(buf, size - 4u);
        for (unsigned i = 0; i < 4u; i++)
            buf[size - 4u + i] = (uint8_t)(h >> (8u * i));
    }
    return buf;
}

static void run_restore(const uint8_t *data, size_t size)
{
    static rs_target g;
    static rs_image before, after;
    uint8_t mode = size > 0u ? data[0] : 0u;
    size_t len = size > 0u ? size - 1u : 0u;
    bool synth = (mode & 0x90u) == 0x90u;
    uint8_t *buf = synth ? rs_synth(data + 1, len, &len)
                         : rs_bytes(data + (size > 0u), len, mode);
    const uint8_t *arg = (mode & 0x90u) == 0x10u ? NULL : buf;
    iva_status want, got;
    if (size == 0u)
        rs_api_edges();
    rs_setup(&g, mode);
    rs_take(&g.t, &before);
    want = rs_expect(&g, mode, arg, len, &before.s);
    got = iva_restore(&g.t, arg, len);
    if (got != want)
        fprintf(stderr, "restore: %s, expected %s\n", iva_strerror(got),
                iva_strerror(want));
    RS_CHECK(got == want, "restore status");
    rs_bounded(&g.mem, got, arg, len);
    g.mem.fail = false;
    if (got == IVA_OK) {
        rs_after_ok(&g.t, buf, len);
    } else {
        rs_check(&g.t, "tree fails iva_check after a rejected restore");
        rs_take(&g.t, &after);
        rs_same(&before, &after, "a rejected restore changed the tree");
        free(after.snap);
    }
    free(before.snap);
    if (iva_txn_active(&g.t))
        RS_CHECK(iva_txn_rollback(&g.t) == IVA_OK, "rollback");
    iva_fini(&g.t);
    free(buf);
}

FZ_DRIVER(run_restore)
