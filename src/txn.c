/*
 * Transactions: a journal of node-level changes.  Every mutation is a
 * sequence of "node removed (key, state, data)" and "node added (key)"
 * records, removals of one operation always before its additions.
 * Rollback replays the journal backwards: delete what was added, re-insert
 * what was removed.  It only revisits states the tree already held, so it
 * never needs more slots than the pool has: it cannot fail.
 */
#include "iva_internal.h"

enum { REC_ADDED = 1, REC_REMOVED = 2 };

iva_status iva_txn_begin(iva_tree *t, iva_txn_rec *journal, size_t cap)
{
    if (t->txn_active_)
        return IVA_ERR_TXN;
    if (journal == NULL && (cap != 0u || !t->heap_))
        return IVA_ERR_INVALID;
    t->txn_heap_ = journal == NULL;
    t->txn_ = journal;
    t->txn_cap_ = cap;
    t->txn_len_ = 0u;
    t->txn_active_ = true;
    return IVA_OK;
}

bool iva_txn_active(const iva_tree *t)
{
    return t->txn_active_;
}

/* Drop the journal (and its memory when the tree owns it). */
static void txn_end(iva_tree *t)
{
    if (t->txn_heap_ && t->txn_ != NULL)
        t->alloc_.free_fn(t->alloc_.ctx, t->txn_,
                          t->txn_cap_ * sizeof(iva_txn_rec));
    t->txn_ = NULL;
    t->txn_cap_ = 0u;
    t->txn_len_ = 0u;
    t->txn_heap_ = false;
    t->txn_active_ = false;
}

iva_status iva_txn_commit(iva_tree *t)
{
    if (!t->txn_active_)
        return IVA_ERR_TXN;
    txn_end(t);
    return IVA_OK;
}

iva_status iva__journal_reserve(iva_tree *t, size_t n)
{
    size_t ncap;
    void *p;
    if (!t->txn_active_ || t->txn_cap_ - t->txn_len_ >= n)
        return IVA_OK;
    if (!t->txn_heap_)
        return IVA_ERR_NO_MEMORY;
    ncap = t->txn_cap_ < 16u ? 16u : t->txn_cap_;
    while (ncap - t->txn_len_ < n) {
        if (ncap > SIZE_MAX / 2u / sizeof(iva_txn_rec))
            return IVA_ERR_NO_MEMORY;
        ncap *= 2u;
    }
    p = t->alloc_.realloc_fn(t->alloc_.ctx, t->txn_,
                             t->txn_cap_ * sizeof(iva_txn_rec),
                             ncap * sizeof(iva_txn_rec));
    if (p == NULL)
        return IVA_ERR_NO_MEMORY;
    t->txn_ = p;
    t->txn_cap_ = ncap;
    return IVA_OK;
}

static void record(iva_tree *t, const iva_node *n, uint32_t kind)
{
    iva_txn_rec *r;
    if (!t->txn_active_)
        return;
    r = &t->txn_[t->txn_len_++]; /* room reserved by the operation */
    r->min_ = n->min_;
    r->max_ = n->max_;
    r->kind_ = kind;
    r->state_ = kind == REC_REMOVED ? iva__state(n) : 0u;
    r->data_ = kind == REC_REMOVED ? n->data_ : 0u;
}

void iva__journal_removed(iva_tree *t, uint32_t x)
{
    record(t, &t->nodes_[x], REC_REMOVED);
}

void iva__journal_removed_node(iva_tree *t, const iva_node *n)
{
    record(t, n, REC_REMOVED);
}

void iva__journal_added(iva_tree *t, uint32_t x)
{
    record(t, &t->nodes_[x], REC_ADDED);
}

iva_status iva_txn_rollback(iva_tree *t)
{
    size_t i;
    if (!t->txn_active_)
        return IVA_ERR_TXN;
    t->txn_active_ = false; /* the undo itself is not journalled */
    for (i = t->txn_len_; i-- > 0u;) {
        const iva_txn_rec *r = &t->txn_[i];
        if (r->kind_ == REC_ADDED)
            iva__node_remove(t, iva__find_exact(t, r->min_, r->max_));
        else
            (void)iva__node_add(t, r->min_, r->max_, r->state_, r->data_);
    }
    txn_end(t);
    iva__balance(t);
    return IVA_OK;
}
