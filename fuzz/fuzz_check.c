/*
 * fuzz_check: iva_check() on corrupted trees.
 *
 * iva_check() promises to find broken invariants without ever looping
 * forever or reading outside the pool (ivalloc.h: "walks are bounded by
 * the capacity").  This harness builds a small tree with real operations,
 * then corrupts it the way a stray write would: bytes of the used pool
 * slots [0, hw) and the bookkeeping fields the checker validates (root,
 * counts, span, free list, high-water mark, priority key) -- never the pool pointer or
 * any capacity below IVA_MAX_NODES, which the checker cannot verify (the
 * caller owns the pool).
 *
 * Input (format version 2; version 1 had no seed or capacity targets):
 *   byte 0      number of build operations (% 32)
 *   then        build ops: op byte, then operands (see ck_build)
 *   then        corruptions, 4 bytes each: u16 offset, xor byte, target
 *               (target even: pool bytes; odd: a bookkeeping field)
 * Oracles: no crash, no sanitizer report, no hang (libFuzzer -timeout);
 * an uncorrupted tree passes; after a corruption the report is consistent
 * (IVA_OK with invariant 0, or IVA_ERR_CORRUPT naming I1..I6) and the
 * same without a report (rep == NULL); and when
 * the corrupted tree still passes, it is usable: it snapshots, and the
 * snapshot restores into a tree that passes too.
 */
#include "fuzz_common.h"

#define CK_POOL 64u
#define CK_CORRUPTIONS 8u

#define CK_CHECK(cond, what) FZ_CHECK(cond, "%s", what)

/* A few real operations, so that links, heights and spans are real. */
static void ck_build(fz_in *in, iva_tree *t)
{
    unsigned n = fz_u8(in) % 32u;
    for (unsigned i = 0; i < n && fz_more(in); i++) {
        uint8_t op = fz_u8(in);
        uint64_t a = fz_le(in, 2) << (op & 0x30u), len = fz_u8(in);
        iva_range r = {a, a + len};
        iva_constraint c = IVA_CONSTRAINT(len + 1u);
        c.policy = (iva_policy)((op >> 6) % 3u);
        iva_status st; /* any outcome is fine: the tree stays valid */
        switch (op % 4u) {
        case 0:
            st = iva_insert(t, r, (op & 8u) ? &a : NULL);
            break;
        case 1:
            st = iva_allocate(t, &c, NULL);
            break;
        case 2:
            st = iva_free(t, r, NULL);
            break;
        default:
            st = iva_delete(t, r, NULL);
            break;
        }
        (void)st;
    }
}

/* Flip bits of one bookkeeping field the checker is meant to validate. */
static void ck_field(iva_tree *t, unsigned which, uint16_t v, uint8_t x)
{
    switch (which % 11u) {
    case 0:
        t->root_ ^= (uint32_t)v | ((uint32_t)x << 24);
        break;
    case 1:
        t->count_ ^= x;
        break;
    case 2:
        t->n_state_[v % 3u] ^= x;
        break;
    case 3:
        t->free_span_lo_ ^= (uint64_t)x << (v % 57u);
        break;
    case 4:
        t->free_span_hi_ ^= x;
        break;
    case 5:
        t->free_head_ ^= (uint32_t)v | ((uint32_t)x << 24);
        break;
    case 6:
        t->n_unused_ ^= x;
        break;
    case 7: /* the high-water mark: within the pool, or just past it */
        t->hw_ = (t->hw_ ^ x) % (t->cap_ + 1u + (v & 1u));
        break;
    case 8: /* the priority key: every priority changes (I3) */
        t->prio_key_ ^= (uint64_t)v << (x % 49u);
        break;
    case 9: /* a capacity above IVA_MAX_NODES (refused before any read) */
        t->cap_ |= 0x40000000u;
        break;
    default:
        t->root_ = UINT32_MAX; /* "no root" */
        break;
    }
}

static void ck_corrupt(fz_in *in, iva_tree *t, iva_node *pool)
{
    for (unsigned i = 0; i < CK_CORRUPTIONS && fz_more(in); i++) {
        uint16_t off = (uint16_t)fz_le(in, 2);
        uint8_t x = fz_u8(in), target = fz_u8(in);
        uint32_t hw = t->hw_ < CK_POOL ? t->hw_ : CK_POOL; /* hw_ may lie */
        size_t used = (size_t)hw * sizeof(iva_node);
        if ((target & 1u) == 0u && used > 0u)
            ((uint8_t *)pool)[off % used] ^= x;
        else
            ck_field(t, target >> 1, off, x);
    }
}

/* A tree that passes the checker must be usable. */
static void ck_usable(const iva_tree *t)
{
    size_t need = iva_snapshot_size(t), len = 0u;
    uint8_t *buf = malloc(need);
    iva_tree u;
    CK_CHECK(buf != NULL, "malloc");
    CK_CHECK(iva_snapshot(t, buf, need, &len) == IVA_OK && len == need,
             "a tree that passes iva_check does not snapshot");
    CK_CHECK(iva_init_heap(&u, NULL, 1u) == IVA_OK, "init heap");
    CK_CHECK(iva_restore(&u, buf, len) == IVA_OK,
             "the snapshot of a tree that passes iva_check is rejected");
    CK_CHECK(iva_check(&u, NULL) == IVA_OK, "restored tree fails");
    iva_fini(&u);
    free(buf);
}

static void run_check(const uint8_t *data, size_t size)
{
    static iva_node pool[CK_POOL];
    fz_in in = {data, size};
    iva_tree t;
    iva_check_report rep = {-1, 0u, NULL};
    iva_status st;
    memset(pool, 0, sizeof pool);
    CK_CHECK(iva_init(&t, pool, CK_POOL, 0x5eedu) == IVA_OK, "init");
    ck_build(&in, &t);
    CK_CHECK(iva_check(&t, &rep) == IVA_OK && rep.invariant == 0,
             "tree built by the API fails iva_check");
    ck_corrupt(&in, &t, pool);
    st = iva_check(&t, &rep);
    CK_CHECK(st == IVA_OK || st == IVA_ERR_CORRUPT, "status");
    CK_CHECK(iva_check(&t, NULL) == st, "status depends on the report");
    CK_CHECK(st == IVA_OK ? rep.invariant == 0
                          : rep.invariant >= 1 && rep.invariant <= 6 &&
                                rep.what != NULL,
             "report does not match the status");
    if (fz_trace() != NULL)
        fprintf(fz_trace(), "# iva_check: %s I%d %s\n", iva_strerror(st),
                rep.invariant, rep.what != NULL ? rep.what : "");
    if (st == IVA_OK)
        ck_usable(&t);
}

FZ_DRIVER(run_check)
