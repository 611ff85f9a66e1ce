/*
 * fuzz_oom: the fuzz_ops op stream (same decoder, same oracles) on trees
 * that run out of memory:
 *  - mode 0, a fixed pool of 0..47 slots (iva_init) and a caller journal
 *    of 0..31 records: the model, limited to the pool size, predicts
 *    exactly when an op fails with NO_MEMORY for lack of nodes; a full
 *    journal may add NO_MEMORY inside transactions;
 *  - mode 1, a heap tree whose allocator hook fails at fuzzer-chosen
 *    allocation counts (pool growth and journal growth).
 * Every NO_MEMORY must leave the tree exactly as it was (dump, checker,
 * stats) and lose nothing: the hook checks every size it is given and
 * that every block is freed by iva_fini().
 *
 * Input: mode byte (bit 0: heap mode; bit 1: roll back an open transaction
 * at the end; bits 2-7: seed selector), then
 *   mode 0: pool size byte (% 48), journal size byte (% 32);
 *   mode 1: first failure after N successful allocations (byte), number
 *           of consecutive failures (byte % 4 + 1);
 * then ops.  Extra op (byte v): mode 0: iva_reserve(v % 8) against the
 * model's free slots; mode 1: re-arm: fail after (v & 15) more allocations,
 * (v >> 4) + 1 times, then iva_reserve(v % 8).
 */
#include "fuzz_exec.h"

#define POOL_MAX 48u
#define JOURNAL_MAX 32u
#define BLOCKS 8

typedef struct hook {
    unsigned fail_after; /* successful calls left before failing */
    unsigned fail_run;   /* failures left once failing */
    unsigned injected;   /* failures injected during the current op */
    void *blk[BLOCKS];   /* live blocks and their sizes */
    size_t size[BLOCKS];
} hook;

static int find_block(const hook *h, const void *p)
{
    int i;
    for (i = 0; i < BLOCKS; i++)
        if (h->blk[i] == p)
            return i;
    return -1;
}

static void *hook_realloc(void *ctx, void *ptr, size_t old, size_t n)
{
    hook *h = ctx;
    int i = find_block(h, ptr);
    void *p;
    FZ_CHECK(i >= 0, "realloc of an unknown block");
    FZ_CHECK(ptr == NULL ? old == 0 : h->size[i] == old,
             "realloc old size %zu, block has %zu", old, h->size[i]);
    FZ_CHECK(n > 0, "realloc to 0 bytes");
    if (h->fail_after == 0 && h->fail_run > 0) {
        h->fail_run--;
        h->injected++;
        return NULL;
    }
    if (h->fail_after > 0)
        h->fail_after--;
    p = realloc(ptr, n);
    FZ_CHECK(p != NULL, "real out of memory");
    h->blk[i] = p;
    h->size[i] = n;
    return p;
}

static void hook_free(void *ctx, void *ptr, size_t size)
{
    hook *h = ctx;
    int i;
    if (ptr == NULL)
        return;
    i = find_block(h, ptr);
    FZ_CHECK(i >= 0, "free of an unknown block");
    FZ_CHECK(h->size[i] == size, "free size %zu, block has %zu", size,
             h->size[i]);
    free(ptr);
    h->blk[i] = NULL;
    h->size[i] = 0;
}

static bool heap_nomem_ok(fz_session *s)
{
    const hook *h = s->ctx;
    return h->injected > 0;
}

static bool fixed_nomem_ok(fz_session *s)
{
    return s->txn;                     /* caller journal may be full */
}

static void heap_pre_op(fz_session *s)
{
    hook *h = s->ctx;
    h->injected = 0;
}

/* NO_MEMORY from reserve: allowed when the model has too few free slots
 * (fixed pool) or a failure was injected (heap). */
static void check_reserve(fz_session *s, uint32_t n)
{
    iva_status st = iva_reserve(&s->t, n);
    bool room = s->m.limit - s->m.n >= n;
    if (s->ctx == NULL)
        FZ_CHECK(st == (room ? IVA_OK : IVA_ERR_NO_MEMORY), "reserve %u: %s",
                 n, iva_strerror(st));
    else
        FZ_CHECK(st == IVA_OK || heap_nomem_ok(s), "reserve %u: %s", n,
                 iva_strerror(st));
}

static void oom_extra(fz_session *s, const fz_op *op)
{
    hook *h = s->ctx;
    if (h != NULL) {
        h->fail_after = (unsigned)(op->v & 15u);
        h->fail_run = (unsigned)(op->v >> 4) + 1u;
    }
    check_reserve(s, (uint32_t)(op->v % 8u));
}

static iva_node pool[POOL_MAX];
static iva_txn_rec journal[JOURNAL_MAX];

static void set_up_fixed(fz_session *s, fz_in *in, uint64_t seed)
{
    uint32_t cap = fz_u8(in) % POOL_MAX;
    iva_status st;
    fz_session_init(s, cap);
    st = iva_init(&s->t, pool, cap, seed);
    FZ_CHECK(st == IVA_OK, "init: %s", iva_strerror(st));
    s->journal = journal;
    s->journal_cap = fz_u8(in) % JOURNAL_MAX;
    s->nomem_ok = fixed_nomem_ok;
}

static void set_up_heap(fz_session *s, fz_in *in, uint64_t seed, hook *h)
{
    iva_allocator a;
    iva_status st;
    memset(h, 0, sizeof *h);
    h->fail_after = fz_u8(in);
    h->fail_run = fz_u8(in) % 4u + 1u;
    a.realloc_fn = hook_realloc;
    a.free_fn = hook_free;
    a.ctx = h;
    fz_session_init(s, SIZE_MAX);
    st = iva_init_heap(&s->t, &a, seed);
    FZ_CHECK(st == IVA_OK, "init_heap: %s", iva_strerror(st));
    s->ctx = h;
    s->nomem_ok = heap_nomem_ok;
    s->pre_op = heap_pre_op;
}

static void run_oom(const uint8_t *data, size_t len)
{
    fz_in in = {data, len};
    fz_session s;
    hook h;
    uint8_t mode = fz_u8(&in);
    uint64_t seed = 0x2545f4914f6cdd1dull * (uint64_t)((mode >> 2) + 1u);
    if (mode & 1u)
        set_up_heap(&s, &in, seed, &h);
    else
        set_up_fixed(&s, &in, seed);
    s.extra = oom_extra;
    s.extra_name = (mode & 1u) ? "arm-failure-and-reserve" : "reserve";
    fz_run_ops(&s, &in);
    h.fail_run = 0;                    /* no injected failure from here */
    fz_finish(&s, (mode & 2u) != 0);
    iva_fini(&s.t);
    if (mode & 1u)
        for (int i = 0; i < BLOCKS; i++)
            FZ_CHECK(h.blk[i] == NULL, "block %d leaked", i);
    fz_session_fini(&s);
}

FZ_DRIVER(run_oom)
