/*
 * The node pool: an array of slots indexed by uint32_t (indices survive
 * growth, pointers would not).  Slots [0, hw_) have been used; released
 * ones form a singly linked list through left_.  Slots [hw_, cap_) were
 * never touched, so initialising a pool is O(1).
 * I6: reachable + n_unused_ + (cap_ - hw_) == cap_ at every return.
 */
#include <stdlib.h>

#include "iva_internal.h"
#include "iva_acsl.h"

/*@ // An empty tree, whatever its pool: no node, no journal, every
    // counter 0, the seed given.  (prio_key_ is the hash of the seed, not
    // stated: see iva__mix64.)  The pool (nodes_, cap_, heap_) and the
    // allocator hooks are not named: each init function states its own.
  predicate iva_empty{L}(iva_tree *t, integer seed) =
    t->hw_ == 0 && t->free_head_ == IVA__NIL && t->n_unused_ == 0 &&
    t->root_ == IVA__NIL && t->count_ == 0 &&
    t->n_state_[0] == 0 && t->n_state_[1] == 0 && t->n_state_[2] == 0 &&
    t->free_span_hi_ == 0 && t->free_span_lo_ == 0 &&
    t->seed_ == seed && t->visits_ == 0 &&
    !t->txn_active_ && !t->txn_heap_ && t->rebuilds_ == 0 &&
    t->txn_ == \null && t->txn_len_ == 0 && t->txn_cap_ == 0;

  // What tree_clear leaves: an empty tree with no pool.
  predicate iva_cleared{L}(iva_tree *t, integer seed) =
    t->nodes_ == \null && t->cap_ == 0 && iva_empty(t, seed);
*/

/* The seed is mixed once (prio_key_, the key of iva__prio) so that seeds
 * differing by a multiple of the step constant do not give shifted copies
 * of one priority list. */
/*@ requires \valid(t);
    assigns t->seed_, t->prio_key_;
    ensures t->seed_ == seed;
*/
void iva__set_seed(iva_tree *t, uint64_t seed)
{
    t->seed_ = seed;
    t->prio_key_ = iva__mix64(seed ^ 0x5851f42d4c957f2du);
}

/*@ requires \valid(t);
    assigns t->prio_key_;
*/
void iva__reseed(iva_tree *t)
{
    t->prio_key_ = iva__mix64(t->prio_key_ ^ 0xd1b54a32d192ed03u);
}

static void *std_realloc(void *ctx, void *ptr, size_t old_size,
                         size_t new_size)
{
    (void)ctx;
    (void)old_size;
    return realloc(ptr, new_size);
}

static void std_free(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)size;
    free(ptr);
}

/*@ requires \valid(t);
    assigns *t, iva_gin[0 .. IVA_MAX_NODES - 1];
    ensures cleared: iva_cleared(t, seed) && !t->heap_;
    ensures no_node: \forall integer i; !iva_in(i);
    ensures no_hooks: t->alloc_.realloc_fn == \null &&
      t->alloc_.free_fn == \null && t->alloc_.ctx == \null;
*/
static void tree_clear(iva_tree *t, uint64_t seed)
{
    /* field by field (a struct copy is one record equality to the
     * provers, docs/PROOFS.md); every field of iva_tree is written */
    t->nodes_ = NULL;
    t->cap_ = 0u;
    iva__pool_reset(t); /* hw, free list, root, counters, span */
    iva__set_seed(t, seed);
    t->visits_ = 0u;
    t->alloc_.realloc_fn = NULL;
    t->alloc_.free_fn = NULL;
    t->alloc_.ctx = NULL;
    t->heap_ = false;
    t->txn_active_ = false;
    t->txn_heap_ = false;
    t->rebuilds_ = 0u;
    t->txn_ = NULL;
    t->txn_len_ = 0u;
    t->txn_cap_ = 0u;
    /* no slot is in the tree: the base case of the ghost windows */
    /*@ ghost
      /@ loop invariant 0 <= i <= IVA_MAX_NODES;
         loop invariant \forall integer j; 0 <= j < i ==> !iva_gin[j];
         loop assigns i, iva_gin[0 .. IVA_MAX_NODES - 1];
         loop variant IVA_MAX_NODES - i;
      @/
      for (uint32_t i = 0u; i < IVA_MAX_NODES; i++)
          iva_gin[i] = false;
    */
}

/* An error writes nothing; success leaves an empty tree over the pool,
 * which satisfies the shape invariant (the base case of I1-I6: no node,
 * every counter 0, cap_ slots never used). */
/*@ requires \valid(t);
    requires pool_ok: pool != \null && cap <= IVA_MAX_NODES ==>
      \valid(pool + (0 .. cap - 1)) && \separated(t, pool + (0 .. cap - 1));
    behavior invalid:
      assumes cap > IVA_MAX_NODES || (pool == \null && cap > 0);
      assigns \nothing;
      ensures \result == IVA_ERR_INVALID;
    behavior ok:
      assumes cap <= IVA_MAX_NODES && (pool != \null || cap == 0);
      assigns *t, iva_gin[0 .. IVA_MAX_NODES - 1];
      ensures \result == IVA_OK;
      ensures fields: t->nodes_ == pool && t->cap_ == cap && !t->heap_ &&
        iva_empty(t, seed);
      ensures shape: iva_shape(t) && iva_keys(t);
      ensures win: iva_wtree(t);
    complete behaviors;
    disjoint behaviors;
*/
iva_status iva_init(iva_tree *t, iva_node *pool, uint32_t cap, uint64_t seed)
{
    if (cap > IVA_MAX_NODES || (pool == NULL && cap > 0u))
        return IVA_ERR_INVALID;
    tree_clear(t, seed);
    t->nodes_ = pool;
    t->cap_ = cap;
    return IVA_OK;
}

/* Hooks are checked before anything is written: an error leaves *t as it
 * was (a live tree passed by mistake keeps its pool). */
/*@ requires \valid(t);
    requires a != \null ==> \valid_read(a) && \separated(t, a);
    behavior invalid:
      assumes a != \null && (a->realloc_fn == \null || a->free_fn == \null);
      assigns \nothing;
      ensures \result == IVA_ERR_INVALID;
    behavior ok:
      assumes a == \null || (a->realloc_fn != \null && a->free_fn != \null);
      assigns *t, iva_gin[0 .. IVA_MAX_NODES - 1];
      ensures \result == IVA_OK;
      ensures fields: iva_cleared(t, seed) && t->heap_;
      ensures hooks: t->alloc_.realloc_fn != \null && t->alloc_.free_fn != \null;
      ensures given: a != \null ==>
        t->alloc_.realloc_fn == a->realloc_fn &&
        t->alloc_.free_fn == a->free_fn && t->alloc_.ctx == a->ctx;
      ensures shape: iva_shape(t) && iva_keys(t);
      ensures win: iva_wtree(t);
    complete behaviors;
    disjoint behaviors;
*/
iva_status iva_init_heap(iva_tree *t, const iva_allocator *a, uint64_t seed)
{
    if (a != NULL && (a->realloc_fn == NULL || a->free_fn == NULL))
        return IVA_ERR_INVALID;
    tree_clear(t, seed);
    t->heap_ = true;
    if (a != NULL) {
        t->alloc_ = *a;
    } else {
        t->alloc_.realloc_fn = std_realloc;
        t->alloc_.free_fn = std_free;
    }
    return IVA_OK;
}

void iva_fini(iva_tree *t)
{
    if (t->heap_ && t->nodes_ != NULL)
        t->alloc_.free_fn(t->alloc_.ctx, t->nodes_,
                          (size_t)t->cap_ * sizeof(iva_node));
    if (t->txn_heap_ && t->txn_ != NULL)
        t->alloc_.free_fn(t->alloc_.ctx, t->txn_,
                          t->txn_cap_ * sizeof(iva_txn_rec));
    tree_clear(t, t->seed_);
}

/*@ requires \valid_read(t) && t->hw_ <= t->cap_;
    requires t->n_unused_ + (t->cap_ - t->hw_) <= UINT32_MAX;
    assigns \nothing;
    ensures \result == t->n_unused_ + (t->cap_ - t->hw_);
*/
static uint32_t unused_slots(const iva_tree *t)
{
    return t->n_unused_ + (t->cap_ - t->hw_);
}

/* Grow a heap pool so that at least `need` slots exist.  Not proved
 * (docs/PROOFS.md): WP cannot follow the call through the realloc_fn hook.
 * Its contract is what iva__reserve's proof relies on; it assumes the
 * hook behaves like realloc (NULL, or a block with the old contents) and
 * writes no part of the tree. */
/*@ requires \valid(t);
    assigns t->nodes_, t->cap_;
    ensures \result == IVA_OK || \result == IVA_ERR_NO_MEMORY;
    ensures \result != IVA_OK ==>
      t->nodes_ == \old(t->nodes_) && t->cap_ == \old(t->cap_);
*/
static iva_status grow(iva_tree *t, uint32_t need)
{
    uint32_t ncap = t->cap_ < 16u ? 16u : t->cap_;
    void *p;
    while (ncap < need)
        ncap = ncap > IVA_MAX_NODES / 2u ? IVA_MAX_NODES : ncap * 2u;
    if ((uint64_t)ncap * sizeof(iva_node) > SIZE_MAX)
        return IVA_ERR_NO_MEMORY;
    p = t->alloc_.realloc_fn(t->alloc_.ctx, t->nodes_,
                             (size_t)t->cap_ * sizeof(iva_node),
                             (size_t)ncap * sizeof(iva_node));
    if (p == NULL)
        return IVA_ERR_NO_MEMORY;
    t->nodes_ = p;
    t->cap_ = ncap;
    return IVA_OK;
}

/* A reserve that needs no slot, and one that a fixed pool cannot
 * satisfy, change nothing; a failed growth leaves the pool as it was
 * (through grow's contract, which is assumed, see there). */
/*@ requires \valid(t) && t->hw_ <= t->cap_ && t->cap_ <= IVA_MAX_NODES;
    requires t->n_unused_ <= t->hw_;
    assigns t->nodes_, t->cap_;
    ensures status: \result == IVA_OK || \result == IVA_ERR_NO_MEMORY;
    ensures failed_unchanged: \result != IVA_OK ==>
      t->nodes_ == \old(t->nodes_) && t->cap_ == \old(t->cap_);
    behavior room:
      assumes t->n_unused_ + (t->cap_ - t->hw_) >= n;
      assigns \nothing;
      ensures \result == IVA_OK;
    behavior fixed_full:
      assumes t->n_unused_ + (t->cap_ - t->hw_) < n && !t->heap_;
      assigns \nothing;
      ensures \result == IVA_ERR_NO_MEMORY;
    disjoint behaviors;
*/
iva_status iva__reserve(iva_tree *t, uint32_t n)
{
    uint32_t have = unused_slots(t);
    if (have >= n)
        return IVA_OK;
    if (!t->heap_ || n - have > IVA_MAX_NODES - t->cap_)
        return IVA_ERR_NO_MEMORY;
    return grow(t, t->cap_ + (n - have));
}

/*@ requires \valid(t) && t->hw_ <= t->cap_ && t->cap_ <= IVA_MAX_NODES;
    requires t->n_unused_ <= t->hw_;
    assigns t->nodes_, t->cap_;
    ensures status: \result == IVA_OK || \result == IVA_ERR_NO_MEMORY;
    ensures failed_unchanged: \result != IVA_OK ==>
      t->nodes_ == \old(t->nodes_) && t->cap_ == \old(t->cap_);
    behavior room:
      assumes t->n_unused_ + (t->cap_ - t->hw_) >= n;
      ensures \result == IVA_OK;
    behavior fixed_full:
      assumes t->n_unused_ + (t->cap_ - t->hw_) < n && !t->heap_;
      ensures \result == IVA_ERR_NO_MEMORY;
    disjoint behaviors;
*/
iva_status iva_reserve(iva_tree *t, uint32_t n)
{
    return iva__reserve(t, n);
}

/*@ requires \valid(t) && iva_shape(t);
    requires room: t->free_head_ != IVA__NIL || t->hw_ < t->cap_;
    requires list: t->free_head_ != IVA__NIL ==>
      t->free_head_ < t->hw_ && t->n_unused_ >= 1;
    assigns t->free_head_, t->n_unused_, t->hw_;
    ensures used: \result < t->hw_ && t->hw_ <= t->cap_;
    behavior reuse:
      assumes t->free_head_ != IVA__NIL;
      ensures \result == \old(t->free_head_);
      ensures t->free_head_ == \old(t->nodes_[t->free_head_].left_);
      ensures t->n_unused_ == \old(t->n_unused_) - 1;
      ensures t->hw_ == \old(t->hw_);
    behavior fresh:
      assumes t->free_head_ == IVA__NIL;
      ensures \result == \old(t->hw_) && t->hw_ == \old(t->hw_) + 1;
      ensures t->free_head_ == IVA__NIL && t->n_unused_ == \old(t->n_unused_);
    complete behaviors;
    disjoint behaviors;
*/
uint32_t iva__slot_take(iva_tree *t)
{
    uint32_t i;
    if (t->free_head_ != IVA__NIL) {
        i = t->free_head_;
        t->free_head_ = t->nodes_[i].left_;
        t->n_unused_--;
    } else {
        i = t->hw_++;
    }
    return i;
}

/* The released slot holds [0, 0] (so iva_keys keeps holding), no links
 * but the free list's, and the UNUSED state. */
/*@ requires \valid(t) && iva_shape(t) && i < t->hw_;
    requires iva_link(t, t->free_head_) && t->n_unused_ < UINT32_MAX;
    assigns t->nodes_[i], t->free_head_, t->n_unused_;
    ensures cleared: t->nodes_[i].min_ == 0 && t->nodes_[i].max_ == 0 &&
      t->nodes_[i].data_ == 0 && t->nodes_[i].big_ == 0 &&
      t->nodes_[i].right_ == IVA__NIL && t->nodes_[i].parent_ == IVA__NIL &&
      t->nodes_[i].hs_ == 0xC0000000;
    ensures listed: t->nodes_[i].left_ == \old(t->free_head_) &&
      t->free_head_ == i && t->n_unused_ == \old(t->n_unused_) + 1;
    ensures shape: iva_shape(t);
    ensures keys: iva_keys{Pre}(t) ==> iva_keys(t);
    ensures kept: t->root_ == \old(t->root_) && t->hw_ == \old(t->hw_) &&
      t->nodes_ == \old(t->nodes_) && t->count_ == \old(t->count_) &&
      t->cap_ == \old(t->cap_) && t->prio_key_ == \old(t->prio_key_);
    ensures others: \forall integer j; 0 <= j < t->hw_ && j != i ==>
      t->nodes_[j].left_ == \old(t->nodes_[j].left_) &&
      t->nodes_[j].right_ == \old(t->nodes_[j].right_) &&
      t->nodes_[j].parent_ == \old(t->nodes_[j].parent_) &&
      iva_kmin(t, j) == \old(iva_kmin(t, j)) &&
      iva_kmax(t, j) == \old(iva_kmax(t, j));
*/
void iva__slot_release(iva_tree *t, uint32_t i)
{
    iva_node *n = &t->nodes_[i];
    n->min_ = 0u;
    n->max_ = 0u;
    n->data_ = 0u;
    n->big_ = 0u;
    n->right_ = IVA__NIL;
    n->parent_ = IVA__NIL;
    n->hs_ = IVA__UNUSED << IVA__SSHIFT;
    n->left_ = t->free_head_;
    t->free_head_ = i;
    t->n_unused_++;
}

/*@ requires \valid(t);
    assigns t->hw_, t->free_head_, t->n_unused_, t->root_, t->count_,
            t->n_state_[0 .. 2], t->free_span_hi_, t->free_span_lo_;
    ensures t->hw_ == 0 && t->n_unused_ == 0 && t->count_ == 0;
    ensures t->free_head_ == IVA__NIL && t->root_ == IVA__NIL;
    ensures t->n_state_[0] == 0 && t->n_state_[1] == 0 && t->n_state_[2] == 0;
    ensures t->free_span_hi_ == 0 && t->free_span_lo_ == 0;
*/
void iva__pool_reset(iva_tree *t)
{
    t->hw_ = 0u;
    t->free_head_ = IVA__NIL;
    t->n_unused_ = 0u;
    t->root_ = IVA__NIL;
    t->count_ = 0u;
    t->n_state_[0] = t->n_state_[1] = t->n_state_[2] = 0u;
    t->free_span_hi_ = 0u;
    t->free_span_lo_ = 0u;
}
