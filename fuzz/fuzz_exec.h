/*
 * Differential executor shared by fuzz_ops and fuzz_oom (header-only).
 * Runs each decoded op on the library tree and on the reference model
 * (model.h) and checks, after every op:
 *  - same status, same result (range, old entry, entry, data);
 *  - iva_check() passes;
 *  - the in-order dump (iva_iter_all) equals the model;
 *  - iva_get_stats() equals the counts recomputed from the model;
 *  - on any error, the model did not change (so the tree did not either);
 *  - a NO_MEMORY the model did not predict is allowed only when the
 *    harness says so (fz_session.nomem_ok), and then nothing changed.
 * Transactions: the model is copied at begin; rollback must give it back.
 */
#ifndef IVA_FUZZ_EXEC_H
#define IVA_FUZZ_EXEC_H

#include "fuzz_common.h"

/* Where expected output lines go ("#  => LINE"): the trace file while
 * the current op is a trace operation, else NULL. */
static FILE *fz_expect_file;

typedef struct fz_session fz_session;

struct fz_session {
    iva_tree t;
    ivm m;            /* the model of t */
    ivm before;       /* the model before the current op */
    ivm saved;        /* the model at iva_txn_begin */
    bool txn;         /* a transaction is active (model view) */
    iva_txn_rec *journal; /* caller journal for begin (NULL: heap) */
    size_t journal_cap;
    /* May the library fail with NO_MEMORY where the model succeeds
     * (injected allocator failure, full caller journal)? */
    bool (*nomem_ok)(fz_session *s);
    /* Called before each op (may be NULL). */
    void (*pre_op)(fz_session *s);
    /* The harness's FZ_EXTRA op. */
    void (*extra)(fz_session *s, const fz_op *op);
    const char *extra_name;
    void *ctx;        /* harness data */
};

static inline bool fz_no_nomem(fz_session *s)
{
    (void)s;
    return false;
}

/* ---- comparisons ----------------------------------------------------- */

static inline bool fz_entry_eq(const iva_entry *a, const iva_entry *b)
{
    return a->key.min == b->key.min && a->key.max == b->key.max &&
           a->state == b->state && a->data == b->data;
}

static inline void fz_check_dump(const fz_session *s)
{
    iva_iter it;
    iva_entry e, me;
    size_t i = 0;
    iva_iter_all(&it, &s->t);
    while (iva_iter_next(&it, &e)) {
        FZ_CHECK(i < s->m.n, "tree has more nodes than the model (%zu)",
                 s->m.n);
        ivm_entry(&s->m, i, &me);
        FZ_CHECK(fz_entry_eq(&e, &me),
                 "node %zu: tree [%" PRIx64 ",%" PRIx64 "] st %d data %" PRIx64
                 " model [%" PRIx64 ",%" PRIx64 "] st %d data %" PRIx64,
                 i, e.key.min, e.key.max, (int)e.state, e.data, me.key.min,
                 me.key.max, (int)me.state, me.data);
        i++;
    }
    FZ_CHECK(i == s->m.n, "tree has %zu nodes, model %zu", i, s->m.n);
}

static inline void fz_check_stats(const fz_session *s)
{
    iva_stats st;
    ivm_stats ms;
    iva_get_stats(&s->t, &st);
    ivm_get_stats(&s->m, &ms);
    FZ_CHECK(st.nodes == ms.nodes, "stats nodes %u vs %zu", st.nodes,
             ms.nodes);
    FZ_CHECK(st.free_nodes == ms.per_state[IVA_FREE] &&
                 st.allocated_nodes == ms.per_state[IVA_ALLOCATED] &&
                 st.valued_nodes == ms.per_state[IVA_VALUED],
             "per-state counts %u/%u/%u", st.free_nodes, st.allocated_nodes,
             st.valued_nodes);
    FZ_CHECK(st.free_span_lo == ms.free_span_lo &&
                 st.free_span_hi == ms.free_span_hi,
             "free span %u:%" PRIx64 " vs %" PRIu64 ":%" PRIx64,
             st.free_span_hi, st.free_span_lo, ms.free_span_hi,
             ms.free_span_lo);
    FZ_CHECK(st.has_free == ms.has_free, "has_free");
    FZ_CHECK(!ms.has_free || st.largest_free_m1 == ms.largest_free_m1,
             "largest free %" PRIx64 " vs %" PRIx64, st.largest_free_m1,
             ms.largest_free_m1);
    FZ_CHECK(st.capacity >= st.nodes, "capacity %u < nodes", st.capacity);
    FZ_CHECK((st.depth == 0) == (st.nodes == 0) && st.depth <= st.nodes,
             "depth %u for %u nodes", st.depth, st.nodes);
    /* the depth bound (docs/DESIGN.md): 2^depth <= nodes^3 from 2 nodes
     * on; nodes < 2^21 keeps nodes^3 below 2^63 */
    FZ_CHECK(st.nodes < 2u || st.nodes >= (1u << 21) ||
                 (st.depth < 63u && (UINT64_C(1) << st.depth) <=
                                        (uint64_t)st.nodes * st.nodes * st.nodes),
             "depth %u above 3*log2(%u nodes)", st.depth, st.nodes);
}

/* Everything that must hold between two ops. */
static inline void fz_check_all(const fz_session *s)
{
    iva_check_report rep;
    iva_status st = iva_check(&s->t, &rep);
    FZ_CHECK(st == IVA_OK, "iva_check: I%d node %u: %s", rep.invariant,
             rep.node, rep.what != NULL ? rep.what : "?");
    FZ_CHECK(iva_txn_active(&s->t) == s->txn, "txn active %d vs model %d",
             (int)iva_txn_active(&s->t), (int)s->txn);
    fz_check_dump(s);
    fz_check_stats(s);
}

/* When tracing: the model's expected output line, as a comment. */
static inline void fz_expect_err(iva_status st)
{
    if (fz_expect_file != NULL && st != IVA_OK)
        fprintf(fz_expect_file, "#  => error %s\n", iva_strerror(st));
}

static inline void fz_expect_status(iva_status st)
{
    if (fz_expect_file != NULL && st == IVA_OK)
        fputs("#  => ok\n", fz_expect_file);
    fz_expect_err(st);
}

/* "MIN MAX state [DATA]" as in iter/query output. */
static inline void fz_print_node(FILE *f, const iva_entry *e)
{
    static const char *const sw[] = {"free", "allocated", "valued"};
    fprintf(f, "0x%" PRIx64 " 0x%" PRIx64 " %s", e->key.min, e->key.max,
            sw[e->state]);
    if (e->state == IVA_VALUED)
        fprintf(f, " 0x%" PRIx64, e->data);
}

static inline void fz_expect_entry(const fz_op *op, const iva_entry *e)
{
    static const char *const sw[] = {"free", "allocated", "valued"};
    FILE *f = fz_expect_file;
    if (f == NULL)
        return;
    fputs("#  => ", f);
    if (op->kind == FZ_SUPERSET)
        fprintf(f, "0x%" PRIx64 " 0x%" PRIx64 " ", e->key.min, e->key.max);
    if (op->kind == FZ_GET || op->kind == FZ_SUPERSET)
        fputs(sw[e->state], f);
    else
        fputs("ok", f);
    if (e->state == IVA_VALUED)
        fprintf(f, " 0x%" PRIx64 "\n", e->data);
    else
        fputs(op->kind == FZ_GET || op->kind == FZ_SUPERSET ? "\n" : " -\n",
              f);
}

/* Library status `lib` against the model's `mod` for the current op.
 * Returns true when both succeeded and results must be compared. */
static inline bool fz_status(fz_session *s, iva_status lib, iva_status mod)
{
    if (lib == IVA_ERR_NO_MEMORY && mod == IVA_OK && s->nomem_ok(s)) {
        if (fz_expect_file != NULL)    /* not predicted by the model */
            fputs("#  => error no-memory (allocator or journal)\n",
                  fz_expect_file);
        ivm_copy(&s->m, &s->before);   /* nothing may change */
        return false;
    }
    fz_expect_err(mod);
    FZ_CHECK(lib == mod, "status %s, model %s", iva_strerror(lib),
             iva_strerror(mod));
    if (lib != IVA_OK)
        FZ_CHECK(ivm_equal(&s->m, &s->before), "model changed on error");
    return lib == IVA_OK;
}

/* ---- one op ---------------------------------------------------------- */

static inline void fz_do_keyed(fz_session *s, const fz_op *op)
{
    iva_entry a, b;
    iva_status x, y;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    switch (op->kind) {
    case FZ_DELETE:
        x = iva_delete(&s->t, op->r, &a);
        y = ivm_delete(&s->m, op->r, &b);
        break;
    case FZ_UPDATE:
        x = iva_update(&s->t, op->r, op->v, &a);
        y = ivm_update(&s->m, op->r, op->v, &b);
        break;
    case FZ_GET:
        x = iva_get(&s->t, op->r, &a);
        y = ivm_get(&s->m, op->r, &b);
        break;
    case FZ_SUPERSET:
        x = iva_get_superset(&s->t, op->r, &a);
        y = ivm_get_superset(&s->m, op->r, &b);
        break;
    default: /* FZ_FREE */
        x = iva_free(&s->t, op->r, &a);
        y = ivm_free(&s->m, op->r, &b);
        break;
    }
    if (!fz_status(s, x, y))
        return;
    fz_expect_entry(op, &b);
    FZ_CHECK(fz_entry_eq(&a, &b), "entry differs");
}

static inline void fz_do_insert(fz_session *s, const fz_op *op)
{
    const uint64_t *d = op->has_data ? &op->v : NULL;
    if (fz_status(s, iva_insert(&s->t, op->r, d),
                  ivm_insert(&s->m, op->r, d)) &&
        fz_expect_file != NULL)
        fputs("#  => ok\n", fz_expect_file);
}

static inline void fz_do_getid(fz_session *s, const fz_op *op)
{
    uint64_t a = 0, b = 0;
    if (!fz_status(s, iva_get_by_id(&s->t, op->v, &a),
                   ivm_get_by_id(&s->m, op->v, &b)))
        return;
    if (fz_expect_file != NULL)
        fprintf(fz_expect_file, "#  => 0x%" PRIx64 "\n", b);
    FZ_CHECK(a == b, "getid data %" PRIx64 " vs %" PRIx64, a, b);
}

static inline void fz_do_alloc(fz_session *s, const fz_op *op)
{
    iva_range a = {0, 0}, b = {0, 0};
    if (!fz_status(s, iva_allocate(&s->t, &op->c, &a),
                   ivm_allocate(&s->m, &op->c, &b)))
        return;
    if (fz_expect_file != NULL)
        fprintf(fz_expect_file, "#  => 0x%" PRIx64 " 0x%" PRIx64 "\n", b.min,
                b.max);
    FZ_CHECK(a.min == b.min && a.max == b.max,
                 "placed [%" PRIx64 ",%" PRIx64 "], model [%" PRIx64
                 ",%" PRIx64 "]",
                 a.min, a.max, b.min, b.max);
}

static inline void fz_do_alloc_at(fz_session *s, const fz_op *op)
{
    if (fz_status(s, iva_allocate_at(&s->t, op->r),
                  ivm_allocate_at(&s->m, op->r)) &&
        fz_expect_file != NULL)
        fprintf(fz_expect_file, "#  => 0x%" PRIx64 " 0x%" PRIx64 "\n",
                op->r.min, op->r.max);
}

/* query: iva_iter_range against a filter of the model. */
static inline void fz_do_query(const fz_session *s, const fz_op *op)
{
    iva_iter it;
    iva_entry e, me;
    size_t i, seen = 0, want = 0;
    FILE *f = fz_expect_file;
    if (f != NULL)
        fputs("#  =>", f);
    iva_iter_range(&it, &s->t, op->r);
    for (i = 0; i < s->m.n; i++) {
        if (op->r.min > op->r.max || s->m.v[i].max < op->r.min ||
            s->m.v[i].min > op->r.max)
            continue;
        want++;
        FZ_CHECK(iva_iter_next(&it, &e), "query ended early");
        ivm_entry(&s->m, i, &me);
        FZ_CHECK(fz_entry_eq(&e, &me), "query node %zu differs", i);
        if (f != NULL) {
            fputs(seen > 0 ? ", " : " ", f);
            fz_print_node(f, &me);
        }
        seen++;
    }
    if (f != NULL)
        fputs(seen > 0 ? "\n" : " empty\n", f);
    FZ_CHECK(!iva_iter_next(&it, &e), "query returned extra nodes");
    FZ_CHECK(seen == want, "query count");
}

static inline void fz_do_txn(fz_session *s, const fz_op *op)
{
    iva_status x;
    if (op->kind == FZ_BEGIN) {
        x = iva_txn_begin(&s->t, s->journal, s->journal_cap);
        fz_expect_status(s->txn ? IVA_ERR_TXN : IVA_OK);
        FZ_CHECK(x == (s->txn ? IVA_ERR_TXN : IVA_OK), "begin: %s",
                 iva_strerror(x));
        if (!s->txn)
            ivm_copy(&s->saved, &s->m);
        s->txn = true;
        return;
    }
    x = op->kind == FZ_COMMIT ? iva_txn_commit(&s->t)
                              : iva_txn_rollback(&s->t);
    fz_expect_status(s->txn ? IVA_OK : IVA_ERR_TXN);
    FZ_CHECK(x == (s->txn ? IVA_OK : IVA_ERR_TXN), "commit/rollback: %s",
             iva_strerror(x));
    if (s->txn && op->kind == FZ_ROLLBACK)
        ivm_copy(&s->m, &s->saved);    /* the tree must be as at begin */
    s->txn = false;
}

/* Run op on both sides, print it when tracing, check everything. */
static inline void fz_exec(fz_session *s, const fz_op *op)
{
    fz_expect_file = fz_print_op(fz_trace(), op, s->extra_name) ? fz_trace()
                                                                 : NULL;
    ivm_copy(&s->before, &s->m);
    if (s->pre_op != NULL)
        s->pre_op(s);
    switch (op->kind) {
    case FZ_INSERT: fz_do_insert(s, op); break;
    case FZ_GETID: fz_do_getid(s, op); break;
    case FZ_ALLOC: fz_do_alloc(s, op); break;
    case FZ_ALLOC_AT: fz_do_alloc_at(s, op); break;
    case FZ_BEGIN:
    case FZ_COMMIT:
    case FZ_ROLLBACK: fz_do_txn(s, op); break;
    case FZ_QUERY: fz_do_query(s, op); break;
    case FZ_EXTRA: s->extra(s, op); break;
    default: fz_do_keyed(s, op); break;
    }
    fz_check_all(s);
}

/* ---- whole input ----------------------------------------------------- */

static inline void fz_session_init(fz_session *s, size_t limit)
{
    memset(s, 0, sizeof *s);
    ivm_init(&s->m, limit);
    ivm_init(&s->before, limit);
    ivm_init(&s->saved, limit);
    s->nomem_ok = fz_no_nomem;
    s->extra_name = "extra";
}

/* Decode and run up to FZ_MAX_OPS ops. */
static inline void fz_run_ops(fz_session *s, fz_in *in)
{
    fz_op op;
    unsigned i;
    fz_check_all(s);
    for (i = 0; i < FZ_MAX_OPS && fz_more(in); i++) {
        fz_decode_op(in, &s->m, &op);
        fz_exec(s, &op);
    }
}

/* End of input: close the transaction, free every live node, then delete
 * everything; the tree must end empty.  Injected failures must be off. */
static inline void fz_finish(fz_session *s, bool rollback)
{
    fz_op op;
    memset(&op, 0, sizeof op);
    if (s->txn) {
        op.kind = rollback ? FZ_ROLLBACK : FZ_COMMIT;
        fz_exec(s, &op);
    }
    op.kind = FZ_FREE;
    for (size_t i = 0; i < s->m.n; i++) {
        if (s->m.v[i].state == IVA_FREE)
            continue;
        op.r.min = s->m.v[i].min;
        op.r.max = s->m.v[i].max;
        fz_exec(s, &op);               /* may merge: rescan from i - 1 */
        i = i > 0 ? i - 1 : 0;
    }
    for (size_t i = 0; i < s->m.n; i++)
        FZ_CHECK(s->m.v[i].state == IVA_FREE, "node %zu still live", i);
    op.kind = FZ_DELETE;
    while (s->m.n > 0) {
        op.r.min = s->m.v[s->m.n / 2].min;
        op.r.max = s->m.v[s->m.n / 2].max;
        fz_exec(s, &op);
    }
    if (fz_trace() != NULL)
        fputs("check\n#  => ok\n", fz_trace());
}

static inline void fz_session_fini(fz_session *s)
{
    ivm_fini(&s->m);
    ivm_fini(&s->before);
    ivm_fini(&s->saved);
}

#endif /* IVA_FUZZ_EXEC_H */
