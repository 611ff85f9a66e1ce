/*
 * fuzz_ops: every operation of SPEC section 3 (plus allocate_at, boundary
 * constraints, all policies, iteration, range queries, statistics and
 * transactions) on a heap tree, differentially against the reference
 * model (model.c), with iva_check() and a full dump compared after every
 * op (fuzz_exec.h).  No NO_MEMORY is expected here: the pool and the
 * journal can always grow (fuzz_oom covers exhaustion).
 *
 * Input: config byte, then ops (fuzz_common.h).
 *   config bit 0: transactions use a caller journal (else heap journal)
 *   config bit 1: an open transaction is rolled back at the end (else
 *                 committed)
 *   config bits 2-7: treap seed selector
 * Extra op: iva_reserve(v % 8), must succeed.
 *
 * Builds: libFuzzer (-DFUZZ_LIBFUZZER), AFL++ (-DFUZZ_AFL), replay main().
 * IVA_FUZZ_PRINT_TRACE=1 or `fuzz_ops_replay --trace FILE` prints the
 * input as a SPEC section 6 trace.
 */
#include "fuzz_exec.h"

#define JOURNAL_CAP (4u * FZ_MAX_OPS + 16u)

static iva_txn_rec journal[JOURNAL_CAP];

static void ops_extra(fz_session *s, const fz_op *op)
{
    iva_status st = iva_reserve(&s->t, (uint32_t)(op->v % 8u));
    FZ_CHECK(st == IVA_OK, "reserve: %s", iva_strerror(st));
}

static void run_ops(const uint8_t *data, size_t len)
{
    fz_in in = {data, len};
    fz_session s;
    uint8_t cfg = fz_u8(&in);
    uint64_t seed = 0x9e3779b97f4a7c15ull * (uint64_t)((cfg >> 2) + 1u);
    iva_status st;
    fz_session_init(&s, SIZE_MAX);
    st = iva_init_heap(&s.t, NULL, seed);
    FZ_CHECK(st == IVA_OK, "init_heap: %s", iva_strerror(st));
    if (cfg & 1u) {
        s.journal = journal;
        s.journal_cap = JOURNAL_CAP;
    }
    s.extra = ops_extra;
    s.extra_name = "reserve";
    fz_run_ops(&s, &in);
    fz_finish(&s, (cfg & 2u) != 0);
    iva_fini(&s.t);
    fz_session_fini(&s);
}

FZ_DRIVER(run_ops)
