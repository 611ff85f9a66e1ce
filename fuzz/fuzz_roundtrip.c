/*
 * fuzz_roundtrip: snapshot/restore must preserve a tree exactly.
 *
 * Input (format version 2; version 1 had no extra byte after the getid and
 * transaction operands):
 *   byte 0      seed selector of tree A
 *   byte 1      number of build operations (mod RT_BUILD_OPS + 1)
 *   then        build operations, applied to tree A only
 *   then        check operations, applied to A and to B in lock step
 * Each operation is one op byte followed by tagged operands (see rt_val):
 * state-aware values (node boundaries +/- small deltas, the top of the
 * uint64 space, powers of two +/- 1, ...) so that the fuzzer reaches the
 * interesting corners within a few bytes.
 *
 * Oracles:
 *  - after the build phase, A passes iva_check(); its snapshot restores
 *    into a fresh tree B (heap tree with another seed, or a caller pool of
 *    exactly the needed size) with IVA_OK; B passes iva_check();
 *  - B equals A: same in-order dump (keys, states, data), same statistics
 *    (every field that does not depend on the tree shape or the pool:
 *    depth, capacity and visit counts legitimately differ), same snapshot
 *    bytes (so the same seed);
 *  - every check operation returns the same status and the same outputs
 *    on A and B, and the dumps stay equal after each one;
 *  - at the end both trees still pass iva_check() and snapshot to the
 *    same bytes.
 * `fuzz_roundtrip_replay --trace FILE` (or IVA_FUZZ_PRINT_TRACE=1) prints
 * the input as a SPEC section 6 trace: build ops, `snapshot`, `restore`
 * (the restored tree stands for B), check ops, each result as a comment.
 * FUZZ_SNAPSHOT_DIR=DIR writes A's snapshot (prefixed by a fuzz_restore
 * mode byte) into DIR: this is how corpus/fuzz_restore/ got its valid
 * snapshots.
 */
#include "fuzz_common.h"

#define RT_BUILD_OPS 64u
#define RT_CHECK_OPS 64u
#define RT_MAX_NODES 512u /* build + check ops add at most 2 nodes each */

#define RT_CHECK(cond, what) FZ_CHECK(cond, "%s", what)

/* ---- input decoding ------------------------------------------------ */

typedef struct rt_in {
    const uint8_t *p;
    size_t n;
} rt_in;

static uint8_t rt_u8(rt_in *in)
{
    uint8_t v;
    if (in->n == 0u)
        return 0u;
    v = *in->p++;
    in->n--;
    return v;
}

static uint64_t rt_uN(rt_in *in, unsigned bytes)
{
    uint64_t v = 0u;
    for (unsigned i = 0; i < bytes; i++)
        v |= (uint64_t)rt_u8(in) << (8u * i);
    return v;
}

/* The in-order dump of a tree: what "equal" means. */
typedef struct rt_dump {
    iva_entry e[RT_MAX_NODES];
    size_t n;
} rt_dump;

static void rt_dump_tree(const iva_tree *t, rt_dump *d)
{
    iva_iter it;
    d->n = 0u;
    iva_iter_all(&it, t);
    while (d->n < RT_MAX_NODES && iva_iter_next(&it, &d->e[d->n]))
        d->n++;
}

static bool rt_entry_eq(const iva_entry *a, const iva_entry *b)
{
    return a->key.min == b->key.min && a->key.max == b->key.max &&
           a->state == b->state && a->data == b->data;
}

static bool rt_dump_eq(const rt_dump *a, const rt_dump *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!rt_entry_eq(&a->e[i], &b->e[i]))
            return false;
    return true;
}

/* A boundary of a node of the dump (0 when the tree is empty). */
static uint64_t rt_node_edge(const rt_dump *d, uint8_t k, bool high)
{
    const iva_entry *e;
    if (d->n == 0u)
        return 0u;
    e = &d->e[k % d->n];
    return high ? e->key.max : e->key.min;
}

/* Tagged value: the low 3 bits of the tag pick a family. */
static uint64_t rt_val(rt_in *in, const rt_dump *d)
{
    uint8_t tag = rt_u8(in);
    uint8_t b = rt_u8(in);
    uint64_t delta = (uint64_t)(b & 7u);
    switch (tag & 7u) {
    case 0:
        return b;
    case 1:
        return rt_uN(in, 8u);
    case 2:
        return rt_node_edge(d, b, (tag & 8u) != 0u) + (uint64_t)(tag >> 4);
    case 3:
        return rt_node_edge(d, b, (tag & 8u) != 0u) - (uint64_t)(tag >> 4);
    case 4:
        return UINT64_MAX - b;
    case 5:
        return ((uint64_t)1u << (b & 63u)) + delta - 3u;
    case 6:
        return rt_uN(in, 2u) | ((uint64_t)b << 16);
    default:
        return (uint64_t)b << 12;
    }
}

/* A key: usually the exact key of an existing node. */
static iva_range rt_key(rt_in *in, const rt_dump *d)
{
    uint8_t sel = rt_u8(in);
    iva_range r;
    if (d->n > 0u && (sel & 3u) != 0u) {
        r = d->e[(size_t)(sel >> 2) % d->n].key;
        return r;
    }
    r.min = rt_val(in, d);
    r.max = rt_val(in, d);
    return r;
}

static void rt_constraint(rt_in *in, const rt_dump *d, iva_constraint *c)
{
    uint8_t flags = rt_u8(in);
    iva_constraint_init(c, rt_val(in, d));
    if (flags & 1u)
        c->min = rt_val(in, d);
    if (flags & 2u)
        c->max = rt_val(in, d);
    if (flags & 4u)
        c->align = rt_val(in, d);
    if (flags & 8u)
        c->boundary = rt_val(in, d);
    c->policy = (iva_policy)((flags >> 4) % 4u); /* 3: invalid policy */
}

/* ---- operations ---------------------------------------------------- */

enum {
    RT_INSERT,
    RT_INSERT_V,
    RT_DELETE,
    RT_UPDATE,
    RT_GET,
    RT_SUPERSET,
    RT_GETID,
    RT_ALLOC,
    RT_ALLOC_AT,
    RT_FREE,
    RT_QUERY,
    RT_TXN,
    RT_NOPS
};

/* One decoded operation, applied identically to one or two trees. */
typedef struct rt_op {
    unsigned kind;
    iva_range key;
    uint64_t v;
    iva_constraint c;
} rt_op;

/* What an operation returned: compared between A and B. */
typedef struct rt_res {
    iva_status st;
    iva_entry e;
    iva_range r;
    uint64_t v;
    size_t nq;
    iva_entry q[8];
} rt_res;

static void rt_decode(rt_in *in, const rt_dump *d, rt_op *op)
{
    memset(op, 0, sizeof *op);
    op->kind = rt_u8(in) % RT_NOPS;
    switch (op->kind) {
    case RT_GETID:
    case RT_TXN:
        op->v = rt_val(in, d);
        op->key.min = rt_u8(in);
        break;
    case RT_ALLOC:
        rt_constraint(in, d, &op->c);
        break;
    case RT_INSERT:
    case RT_INSERT_V:
    case RT_ALLOC_AT:
    case RT_QUERY:
        op->key.min = rt_val(in, d);
        op->key.max = rt_val(in, d);
        op->v = rt_val(in, d);
        break;
    default:
        op->key = rt_key(in, d);
        op->v = rt_val(in, d);
        break;
    }
}

static iva_status rt_query(const iva_tree *t, iva_range r, rt_res *res)
{
    iva_iter it;
    iva_entry e;
    size_t n = 0u;
    iva_iter_range(&it, t, r);
    while (iva_iter_next(&it, &e)) {
        if (n < 8u)
            res->q[n] = e;
        n++;
    }
    res->nq = n;
    return IVA_OK;
}

/* Caller journals: big enough that no check operation can overflow. */
#define RT_JOURNAL (4u * RT_CHECK_OPS + 4u)

static iva_status rt_txn(iva_tree *t, uint64_t v, iva_txn_rec *journal)
{
    switch (v % 3u) {
    case 0:
        return iva_txn_begin(t, journal, journal != NULL ? RT_JOURNAL : 0u);
    case 1:
        return iva_txn_commit(t);
    default:
        return iva_txn_rollback(t);
    }
}

static iva_status rt_apply(iva_tree *t, const rt_op *op, rt_res *res,
                           iva_txn_rec *journal)
{
    memset(res, 0, sizeof *res);
    switch (op->kind) {
    case RT_INSERT:
        return iva_insert(t, op->key, NULL);
    case RT_INSERT_V:
        return iva_insert(t, op->key, &op->v);
    case RT_DELETE:
        return iva_delete(t, op->key, &res->e);
    case RT_UPDATE:
        return iva_update(t, op->key, op->v, &res->e);
    case RT_GET:
        return iva_get(t, op->key, &res->e);
    case RT_SUPERSET:
        return iva_get_superset(t, op->key, &res->e);
    case RT_GETID: /* key.min odd: the data is not wanted (NULL) */
        return iva_get_by_id(t, op->v, (op->key.min & 1u) ? NULL : &res->v);
    case RT_ALLOC:
        return iva_allocate(t, &op->c, &res->r);
    case RT_ALLOC_AT:
        return iva_allocate_at(t, op->key);
    case RT_FREE:
        return iva_free(t, op->key, &res->e);
    case RT_QUERY:
        return rt_query(t, op->key, res);
    default:
        return rt_txn(t, op->v, journal);
    }
}

static bool rt_res_eq(const rt_res *a, const rt_res *b)
{
    if (a->st != b->st || a->st != IVA_OK)
        return a->st == b->st;
    if (!rt_entry_eq(&a->e, &b->e) || a->r.min != b->r.min ||
        a->r.max != b->r.max || a->v != b->v || a->nq != b->nq)
        return false;
    for (size_t i = 0; i < a->nq && i < 8u; i++)
        if (!rt_entry_eq(&a->q[i], &b->q[i]))
            return false;
    return true;
}

static void rt_trace_key(FILE *f, const char *word, iva_range k)
{
    fprintf(f, "%s %#" PRIx64 " %#" PRIx64, word, k.min, k.max);
}

static void rt_trace_alloc(FILE *f, const iva_constraint *c)
{
    static const char *const pol[] = {"first", "last", "best"};
    if ((unsigned)c->policy > 2u)
        fprintf(f, "# policy %d (invalid) for: ", (int)c->policy);
    fprintf(f, "alloc %#" PRIx64 " min=%#" PRIx64 " max=%#" PRIx64
               " align=%#" PRIx64 " boundary=%#" PRIx64 " policy=%s",
            c->size, c->min, c->max, c->align, c->boundary,
            pol[(unsigned)c->policy % 3u]);
}

static void rt_trace_line(FILE *f, const rt_op *op)
{
    static const char *const w[] = {"insert", "insert",   "delete",
                                    "update", "get",      "superset",
                                    "getid",  "alloc",    "alloc-at",
                                    "free",   "query",    "begin"};
    static const char *const txn[] = {"begin", "commit", "rollback"};
    if (op->kind == RT_GETID)
        fprintf(f, "getid %#" PRIx64, op->v);
    else if (op->kind == RT_TXN)
        fputs(txn[op->v % 3u], f);
    else if (op->kind == RT_ALLOC)
        rt_trace_alloc(f, &op->c);
    else
        rt_trace_key(f, w[op->kind], op->key);
    if (op->kind == RT_INSERT_V || op->kind == RT_UPDATE)
        fprintf(f, " %#" PRIx64, op->v);
}

/* One operation as a trace line, its status as a comment line (the
 * output stays a replayable trace). */
static void rt_trace(const rt_op *op, iva_status st)
{
    FILE *f = fz_trace();
    if (f == NULL)
        return;
    rt_trace_line(f, op);
    fprintf(f, "\n# -> %s\n", iva_strerror(st));
}

static void rt_trace_text(const char *line)
{
    if (fz_trace() != NULL)
        fprintf(fz_trace(), "%s\n", line);
}

/* ---- the comparison of two trees ----------------------------------- */

static void rt_check_tree(const iva_tree *t, const char *which)
{
    iva_check_report rep;
    if (iva_check(t, &rep) != IVA_OK)
        fprintf(stderr, "%s: I%d at node %u: %s\n", which, rep.invariant,
                (unsigned)rep.node, rep.what);
    RT_CHECK(iva_check(t, NULL) == IVA_OK, which);
}

static void rt_same_stats(const iva_tree *a, const iva_tree *b)
{
    iva_stats sa, sb;
    iva_get_stats(a, &sa);
    iva_get_stats(b, &sb);
    RT_CHECK(sa.nodes == sb.nodes, "node count");
    RT_CHECK(sa.free_nodes == sb.free_nodes, "free nodes");
    RT_CHECK(sa.allocated_nodes == sb.allocated_nodes, "allocated nodes");
    RT_CHECK(sa.valued_nodes == sb.valued_nodes, "valued nodes");
    RT_CHECK(sa.free_span_lo == sb.free_span_lo, "free span lo");
    RT_CHECK(sa.free_span_hi == sb.free_span_hi, "free span hi");
    RT_CHECK(sa.has_free == sb.has_free, "has_free");
    RT_CHECK(sa.largest_free_m1 == sb.largest_free_m1, "largest free");
}

/* Snapshot into a malloc'd buffer (size exact). */
static uint8_t *rt_snap(const iva_tree *t, size_t *len)
{
    size_t need = iva_snapshot_size(t);
    uint8_t *buf = malloc(need);
    RT_CHECK(buf != NULL, "malloc");
    RT_CHECK(iva_snapshot(t, buf, need, len) == IVA_OK, "snapshot");
    RT_CHECK(*len == need, "snapshot length");
    return buf;
}

static void rt_same_snapshot(const iva_tree *a, const iva_tree *b)
{
    size_t la, lb;
    uint8_t *sa = rt_snap(a, &la), *sb = rt_snap(b, &lb);
    RT_CHECK(la == lb && memcmp(sa, sb, la) == 0, "snapshot bytes");
    free(sa);
    free(sb);
}

static void rt_same_trees(const iva_tree *a, const iva_tree *b)
{
    static rt_dump da, db;
    rt_dump_tree(a, &da);
    rt_dump_tree(b, &db);
    RT_CHECK(rt_dump_eq(&da, &db), "in-order dumps differ");
    rt_same_stats(a, b);
}

/* ---- phases -------------------------------------------------------- */

static void rt_build(rt_in *in, iva_tree *a, unsigned nops)
{
    static rt_dump d;
    rt_op op;
    rt_res res;
    for (unsigned i = 0; i < nops && in->n > 0u; i++) {
        rt_dump_tree(a, &d);
        rt_decode(in, &d, &op);
        if (op.kind == RT_TXN)
            op.kind = RT_QUERY; /* no transaction left open across restore */
        rt_trace(&op, rt_apply(a, &op, &res, NULL));
    }
}

/* FUZZ_SNAPSHOT_DIR: write the snapshot as fuzz_restore seeds, once per
 * target kind (mode bytes of fuzz_restore.c, checksum repair on). */
static void rt_export(const uint8_t *snap, size_t len)
{
    static const uint8_t modes[] = {0x80u, 0xe1u, 0x82u, 0x83u, 0x86u, 0x8au};
    static unsigned serial;
    const char *dir = getenv("FUZZ_SNAPSHOT_DIR");
    char path[4096];
    FILE *f;
    if (dir == NULL)
        return;
    for (size_t i = 0; i < sizeof modes; i++) {
        snprintf(path, sizeof path, "%s/rt-%04u-%02x", dir, serial, modes[i]);
        f = fopen(path, "wb");
        if (f == NULL)
            return;
        (void)fwrite(&modes[i], 1u, 1u, f);
        (void)fwrite(snap, 1u, len, f);
        fclose(f);
    }
    serial++;
}

/* Restore A's snapshot into B: a heap tree, or a caller pool with room
 * for exactly the snapshot's nodes plus what the check phase may add. */
static iva_node *rt_restore(const iva_tree *a, iva_tree *b, uint8_t how)
{
    size_t len;
    uint8_t *snap = rt_snap(a, &len);
    iva_node *pool = NULL;
    iva_stats s;
    iva_get_stats(a, &s);
    if (how & 1u) {
        uint32_t cap = s.nodes + 2u * RT_CHECK_OPS;
        pool = malloc((size_t)cap * sizeof *pool);
        RT_CHECK(pool != NULL, "malloc");
        RT_CHECK(iva_init(b, pool, cap, 99u) == IVA_OK, "init pool");
    } else {
        RT_CHECK(iva_init_heap(b, NULL, (uint64_t)how * 7u) == IVA_OK,
                 "init heap");
    }
    rt_export(snap, len);
    rt_trace_text("snapshot\nrestore\n# restored into tree B; A and B run what follows");
    RT_CHECK(iva_restore(b, snap, len) == IVA_OK, "restore of a snapshot");
    free(snap);
    return pool;
}

/* Lock step: both trees use caller journals when B is on a caller pool
 * (a pool tree has no heap journal), else both grow theirs. */
static void rt_lockstep(rt_in *in, iva_tree *a, iva_tree *b, bool pooled)
{
    static rt_dump d;
    static iva_txn_rec ja[RT_JOURNAL], jb[RT_JOURNAL];
    rt_op op;
    rt_res ra, rb;
    for (unsigned i = 0; i < RT_CHECK_OPS && in->n > 0u; i++) {
        rt_dump_tree(a, &d);
        rt_decode(in, &d, &op);
        ra.st = rt_apply(a, &op, &ra, pooled ? ja : NULL);
        rb.st = rt_apply(b, &op, &rb, pooled ? jb : NULL);
        rt_trace(&op, ra.st);
        RT_CHECK(rt_res_eq(&ra, &rb), "A and B disagree on an operation");
        rt_same_trees(a, b);
    }
}

static void rt_end_txn(iva_tree *t)
{
    if (iva_txn_active(t))
        RT_CHECK(iva_txn_commit(t) == IVA_OK, "commit");
}

static void run_roundtrip(const uint8_t *data, size_t size)
{
    rt_in in = {data, size};
    iva_tree a, b;
    iva_node *pool;
    uint8_t seed = rt_u8(&in), how;
    RT_CHECK(iva_init_heap(&a, NULL, (uint64_t)seed * 0x9e3779b9u) == IVA_OK,
             "init heap");
    rt_build(&in, &a, rt_u8(&in) % (RT_BUILD_OPS + 1u));
    how = rt_u8(&in);
    rt_check_tree(&a, "A after build");
    pool = rt_restore(&a, &b, how);
    rt_check_tree(&b, "B after restore");
    rt_same_trees(&a, &b);
    rt_same_snapshot(&a, &b);
    rt_lockstep(&in, &a, &b, pool != NULL);
    rt_end_txn(&a);
    rt_end_txn(&b);
    rt_check_tree(&a, "A at end");
    rt_check_tree(&b, "B at end");
    rt_same_snapshot(&a, &b);
    iva_fini(&a);
    iva_fini(&b);
    free(pool);
}

FZ_DRIVER(run_roundtrip)
