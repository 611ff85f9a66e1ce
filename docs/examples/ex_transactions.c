/*
 * docs/API.md, group "transactions": hot-plugging a device needs several
 * resources; if one is missing, roll back so that nothing leaks.  Exits 0
 * when every expectation holds.
 */
#include <ivalloc.h>

#include <stdio.h>

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__,        \
                    #cond);                                                    \
            return 1;                                                          \
        }                                                                      \
    } while (0)

/* Take `n` single IRQs inside one transaction: all or nothing. */
static iva_status take_irqs(iva_tree *t, iva_txn_rec *journal, size_t cap,
                            unsigned n)
{
    iva_constraint one = IVA_CONSTRAINT(1);
    iva_range r;
    iva_status st = iva_txn_begin(t, journal, cap);
    if (st != IVA_OK)
        return st;
    for (unsigned i = 0; i < n && st == IVA_OK; i++)
        st = iva_allocate(t, &one, &r);
    if (st != IVA_OK) {
        iva_status rb = iva_txn_rollback(t);
        return rb == IVA_OK ? st : rb;
    }
    return iva_txn_commit(t);
}

static uint32_t free_irqs(const iva_tree *t)
{
    iva_stats s;
    iva_get_stats(t, &s);
    return (uint32_t)s.free_span_lo;
}

int main(void)
{
    iva_tree t;
    iva_node pool[32];
    iva_txn_rec journal[64];

    EXPECT(iva_init(&t, pool, 32, 3) == IVA_OK);
    EXPECT(iva_insert(&t, (iva_range){5, 10}, NULL) == IVA_OK); /* 6 IRQs */

    /* 4 IRQs: fits, committed. */
    EXPECT(take_irqs(&t, journal, 64, 4) == IVA_OK);
    EXPECT(free_irqs(&t) == 2 && !iva_txn_active(&t));
    /* 3 more: only 2 left, the whole request is undone. */
    EXPECT(take_irqs(&t, journal, 64, 3) == IVA_ERR_NO_SPACE);
    EXPECT(free_irqs(&t) == 2 && !iva_txn_active(&t));
    EXPECT(iva_check(&t, NULL) == IVA_OK);

    /* A journal too small for the work: the operation that would overflow
     * it fails with NO_MEMORY (changing nothing), then we roll back. */
    EXPECT(take_irqs(&t, journal, 1, 2) == IVA_ERR_NO_MEMORY);
    EXPECT(free_irqs(&t) == 2);

    /* Misuse is reported, not ignored. */
    EXPECT(iva_txn_commit(&t) == IVA_ERR_TXN);
    EXPECT(iva_txn_begin(&t, journal, 64) == IVA_OK && iva_txn_active(&t));
    EXPECT(iva_txn_begin(&t, journal, 64) == IVA_ERR_TXN);
    EXPECT(iva_txn_begin(&t, NULL, 0) == IVA_ERR_TXN);
    EXPECT(iva_txn_rollback(&t) == IVA_OK);
    /* Caller-pool trees have no allocator to grow a journal with. */
    EXPECT(iva_txn_begin(&t, NULL, 0) == IVA_ERR_INVALID);

    puts("ex_transactions: ok");
    return 0;
}
