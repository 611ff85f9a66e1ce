/*
 * Transactions: a journal of node-level changes.  Every mutation is a
 * sequence of "node removed (key, state, data)" and "node added (key)"
 * records, removals of one operation always before its additions.
 * Rollback replays the journal backwards: delete what was added, re-insert
 * what was removed.  It only revisits states the tree already held, so it
 * never needs more slots than the pool has: it cannot fail.
 */
#include "iva_internal.h"
#include "iva_acsl.h"

enum { REC_ADDED = 1, REC_REMOVED = 2 };

/*@ // Record i of the journal holds node n as record() writes it: key,
    // kind, and for a removal the state bits and data (0 otherwise).
    predicate txn_rec{L}(iva_tree *t, integer i, iva_node *n, integer kind) =
      t->txn_[i].min_ == n->min_ && t->txn_[i].max_ == n->max_ &&
      t->txn_[i].kind_ == kind &&
      t->txn_[i].state_ == (kind == REC_REMOVED ? n->hs_ >> IVA__SSHIFT : 0) &&
      t->txn_[i].data_ == (kind == REC_REMOVED ? n->data_ : 0);
*/

/*@ requires \valid(t);
    assigns t->txn_heap_, t->txn_, t->txn_cap_, t->txn_len_, t->txn_active_;
    behavior active:
      assumes t->txn_active_;
      assigns \nothing;
      ensures \result == IVA_ERR_TXN;
    behavior invalid:
      assumes !t->txn_active_ && journal == \null && (cap != 0 || !t->heap_);
      assigns \nothing;
      ensures \result == IVA_ERR_INVALID;
    behavior ok:
      assumes !t->txn_active_ && (journal != \null || (cap == 0 && t->heap_));
      ensures \result == IVA_OK;
      ensures t->txn_active_ && t->txn_ == journal && t->txn_cap_ == cap &&
              t->txn_len_ == 0;
      ensures t->txn_heap_ <==> journal == \null;
    complete behaviors;
    disjoint behaviors;
*/
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

/*@ requires \valid_read(t);
    assigns \nothing;
    ensures \result <==> t->txn_active_;
*/
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

/* Grow the tree-owned journal of an active transaction until n more
 * records fit.  Not proved (docs/PROOFS.md): WP cannot follow the call
 * through the realloc_fn hook; its contract is what iva__journal_reserve's
 * proof relies on, and it assumes the hook behaves like realloc (it returns
 * NULL or a block, and writes no part of the tree). */
/*@ requires \valid(t) && t->txn_len_ <= t->txn_cap_;
    requires t->txn_cap_ <= SIZE_MAX / sizeof(iva_txn_rec);
    assigns t->txn_, t->txn_cap_;
    ensures \result == IVA_OK || \result == IVA_ERR_NO_MEMORY;
    ensures \result == IVA_OK ==> t->txn_cap_ - t->txn_len_ >= n &&
            t->txn_cap_ <= SIZE_MAX / sizeof(iva_txn_rec);
    ensures \result != IVA_OK ==>
            t->txn_ == \old(t->txn_) && t->txn_cap_ == \old(t->txn_cap_);
*/
static iva_status journal_grow(iva_tree *t, size_t n)
{
    size_t ncap = t->txn_cap_ < 16u ? 16u : t->txn_cap_;
    void *p;
    /*@ loop invariant t->txn_len_ <= ncap && 16 <= ncap;
        loop invariant ncap <= SIZE_MAX / sizeof(iva_txn_rec);
        loop assigns ncap;
        loop variant SIZE_MAX - ncap;
    */
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

/*@ requires \valid(t) && t->txn_len_ <= t->txn_cap_;
    requires t->txn_cap_ <= SIZE_MAX / sizeof(iva_txn_rec);
    assigns t->txn_, t->txn_cap_;
    ensures failed_unchanged: \result != IVA_OK ==>
      t->txn_ == \old(t->txn_) && t->txn_cap_ == \old(t->txn_cap_);
    behavior room:
      assumes !t->txn_active_ || t->txn_cap_ - t->txn_len_ >= n;
      assigns \nothing;
      ensures \result == IVA_OK;
    behavior caller_journal_full:
      assumes t->txn_active_ && t->txn_cap_ - t->txn_len_ < n && !t->txn_heap_;
      assigns \nothing;
      ensures \result == IVA_ERR_NO_MEMORY;
    behavior grow:
      assumes t->txn_active_ && t->txn_cap_ - t->txn_len_ < n && t->txn_heap_;
      ensures \result == IVA_OK || \result == IVA_ERR_NO_MEMORY;
      ensures \result == IVA_OK ==> t->txn_cap_ - t->txn_len_ >= n;
      ensures \result != IVA_OK ==>
              t->txn_ == \old(t->txn_) && t->txn_cap_ == \old(t->txn_cap_);
    complete behaviors;
    disjoint behaviors;
*/
iva_status iva__journal_reserve(iva_tree *t, size_t n)
{
    if (!t->txn_active_ || t->txn_cap_ - t->txn_len_ >= n)
        return IVA_OK;
    if (!t->txn_heap_)
        return IVA_ERR_NO_MEMORY;
    return journal_grow(t, n);
}

/*@ requires \valid(t) && \valid_read(n);
    requires t->txn_active_ ==> txn_room(t, n);
    assigns t->txn_len_, t->txn_[t->txn_len_];
    behavior idle:
      assumes !t->txn_active_;
      assigns \nothing;
      ensures t->txn_len_ == \old(t->txn_len_);
    behavior active:
      assumes t->txn_active_;
      ensures t->txn_len_ == \old(t->txn_len_) + 1;
      ensures txn_rec(t, \old(t->txn_len_), n, kind);
    complete behaviors;
    disjoint behaviors;
*/
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

/*@ requires \valid(t) && \valid_read(t->nodes_ + x);
    requires t->txn_active_ ==> txn_room(t, t->nodes_ + x);
    assigns t->txn_len_, t->txn_[t->txn_len_];
    behavior idle:
      assumes !t->txn_active_;
      ensures t->txn_len_ == \old(t->txn_len_);
    behavior active:
      assumes t->txn_active_;
      ensures t->txn_len_ == \old(t->txn_len_) + 1;
      ensures txn_rec(t, \old(t->txn_len_), t->nodes_ + x, REC_REMOVED);
    complete behaviors;
    disjoint behaviors;
*/
void iva__journal_removed(iva_tree *t, uint32_t x)
{
    record(t, &t->nodes_[x], REC_REMOVED);
}

/*@ requires \valid(t) && \valid_read(n);
    requires t->txn_active_ ==> txn_room(t, n);
    assigns t->txn_len_, t->txn_[t->txn_len_];
    behavior idle:
      assumes !t->txn_active_;
      ensures t->txn_len_ == \old(t->txn_len_);
    behavior active:
      assumes t->txn_active_;
      ensures t->txn_len_ == \old(t->txn_len_) + 1;
      ensures txn_rec(t, \old(t->txn_len_), n, REC_REMOVED);
    complete behaviors;
    disjoint behaviors;
*/
void iva__journal_removed_node(iva_tree *t, const iva_node *n)
{
    record(t, n, REC_REMOVED);
}

/*@ requires \valid(t) && \valid_read(t->nodes_ + x);
    requires t->txn_active_ ==> txn_room(t, t->nodes_ + x);
    assigns t->txn_len_, t->txn_[t->txn_len_];
    behavior idle:
      assumes !t->txn_active_;
      ensures t->txn_len_ == \old(t->txn_len_);
    behavior active:
      assumes t->txn_active_;
      ensures t->txn_len_ == \old(t->txn_len_) + 1;
      ensures txn_rec(t, \old(t->txn_len_), t->nodes_ + x, REC_ADDED);
    complete behaviors;
    disjoint behaviors;
*/
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
