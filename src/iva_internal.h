/*
 * Internal declarations shared by the ivalloc sources.  Not installed.
 *
 * Invariants (SPEC.md section 5), cited in comments as I1..I6:
 *  I1 every key has min <= max.
 *  I2 in-order keys are strictly increasing and disjoint: a.max < b.min.
 *  I3 treap heap order: no child has a higher priority than its parent.
 *  I4 every cached/augmented field (height, big, per-state counts, total
 *     FREE span) equals its recomputation.
 *  I5 FREE and ALLOCATED nodes carry no data (data_ == 0).
 *  I6 reachable + unused slots == capacity; no slot reachable twice; the
 *     node count matches.
 */
#ifndef IVA_INTERNAL_H
#define IVA_INTERNAL_H

#include "ivalloc.h"

#define IVA__NIL UINT32_MAX
#define IVA__HMASK 0x3fffffffu
#define IVA__SSHIFT 30u
#define IVA__UNUSED 3u /* state of a slot on the free list */

/* ---- node field access (one place knows the packing of hs_) -------- */

/*@ requires \valid_read(n);
    assigns \nothing;
    ensures \result == n->hs_ >> IVA__SSHIFT;
*/
static inline uint32_t iva__state(const iva_node *n)
{
    return n->hs_ >> IVA__SSHIFT;
}

/*@ requires \valid_read(n);
    assigns \nothing;
    ensures \result == (n->hs_ & IVA__HMASK);
*/
static inline uint32_t iva__height(const iva_node *n)
{
    return n->hs_ & IVA__HMASK;
}

/* st * 2^30 rather than st << 30: the same bits for st <= 3, and the
 * absence of overflow is then provable (docs/PROOFS.md). */
/*@ requires \valid(n) && st <= 3;
    assigns n->hs_;
    ensures n->hs_ == ((\old(n->hs_) & IVA__HMASK) | (st * 0x40000000));
*/
static inline void iva__set_state_bits(iva_node *n, uint32_t st)
{
    n->hs_ = (n->hs_ & IVA__HMASK) | (st * (1u << IVA__SSHIFT));
}

/*@ requires \valid(n);
    assigns n->hs_;
    ensures n->hs_ == ((\old(n->hs_) & ~IVA__HMASK) | (h & IVA__HMASK));
*/
static inline void iva__set_height(iva_node *n, uint32_t h)
{
    n->hs_ = (n->hs_ & ~IVA__HMASK) | (h & IVA__HMASK);
}

/* ---- range math (range.c) ------------------------------------------ */

/* Length of [min, max] saturated to UINT64_MAX (only [0, UINT64_MAX] is
 * saturated: its length 2^64 does not fit).  Inline: iva__pull and the
 * placement walk call it at every node. */
/*@ requires min <= max;
    assigns \nothing;
    ensures \result == (max - min + 1 > UINT64_MAX ? UINT64_MAX
                                                  : max - min + 1);
*/
static inline uint64_t iva__len_sat(uint64_t min, uint64_t max)
{
    uint64_t d = max - min; /* min <= max (I1): no wrap */
    return d == UINT64_MAX ? UINT64_MAX : d + 1u;
}
/* *hi * 2^64 + *lo grows by max - min + 1, added as (d) then (1) with the
 * carries written out (no unsigned wrap).  The caller keeps the sum below
 * 2^96 (so *hi does not overflow).  Used by the tree's FREE-span counter
 * and by iva_check's recount. */
/*@ requires \valid(lo) && \valid(hi) && \separated(lo, hi) && min <= max;
    requires room: *hi * 18446744073709551616 + *lo + (max - min + 1) <
                   4294967296 * 18446744073709551616;
    assigns *lo, *hi;
    ensures *hi * 18446744073709551616 + *lo ==
            \old(*hi * 18446744073709551616 + *lo) + (max - min + 1);
*/
static inline void iva__add65(uint64_t *lo, uint32_t *hi, uint64_t min,
                              uint64_t max)
{
    uint64_t d = max - min, l = *lo;
    if (d > UINT64_MAX - l) { /* l + d >= 2^64 */
        l = d - (UINT64_MAX - l) - 1u;
        (*hi)++;
    } else {
        l += d;
    }
    if (l == UINT64_MAX) {
        l = 0u;
        (*hi)++;
    } else {
        l++;
    }
    *lo = l;
}

/* x rounded up to a multiple of align (align 0/1: x); false on overflow. */
bool iva__align_up(uint64_t x, uint64_t align, uint64_t *out);
/* x rounded down to a multiple of align (align 0/1: x). */
uint64_t iva__align_down(uint64_t x, uint64_t align);
bool iva__is_pow2(uint64_t x);
/* [min, max] contains [kmin, kmax]. */
bool iva__contains(uint64_t min, uint64_t max, uint64_t kmin, uint64_t kmax);
/* Lowest start in [nmin, nmax] admitting c (FIRST_FIT rule). */
bool iva__fit_low(uint64_t nmin, uint64_t nmax, const iva_constraint *c,
                  uint64_t *start);
/* Highest start in [nmin, nmax] admitting c (LAST_FIT rule). */
bool iva__fit_high(uint64_t nmin, uint64_t nmax, const iva_constraint *c,
                   uint64_t *start);

/* ---- node pool (pool.c) -------------------------------------------- */

/* A 64-bit mixing function (the splitmix64 finaliser constants); the
 * multiplications wrap on purpose: it is a hash.  The contract is not
 * proved (-warn-unsigned-overflow rejects the intended wrap); it states
 * what reading the body shows: only a value is computed. */
/*@ assigns \nothing; */
static inline uint64_t iva__mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Treap priority of slot i: a hash of (seed, i).  Keeping it out of the
 * node saves four bytes per range; a slot keeps its priority for life
 * (until a depth-bound rebuild re-derives the key, balance.c).  Inline:
 * every rotation step compares two.  The contract is not proved (the
 * hash wraps on purpose, which -warn-unsigned-overflow rejects); it
 * states what reading the body shows: only a value is computed, and it
 * depends only on prio_key_ and i (iva_prio, the model of I3). */
/*@ axiomatic IvaPrio {
      // The priority iva__prio computes for slot i under the key k.  No
      // definition (it is a hash) and no axiom: the logic only knows that
      // the priority is a function of (k, i).
      logic integer iva_prio(integer k, integer i);
    } */
/*@ assigns \nothing;
    ensures \result == iva_prio(t->prio_key_, i); */
static inline uint32_t iva__prio(const iva_tree *t, uint32_t i)
{
    return (uint32_t)(iva__mix64(t->prio_key_ +
                                 (uint64_t)i * 0x9e3779b97f4a7c15u) >>
                      32);
}
/* Set the seed and the priority key derived from it. */
void iva__set_seed(iva_tree *t, uint64_t seed);
/* Derive a new priority key from the current one (the seed stays). */
void iva__reseed(iva_tree *t);
/* Guarantee `n` free slots (grows heap pools).  NO_MEMORY otherwise. */
iva_status iva__reserve(iva_tree *t, uint32_t n);
/* Take a slot; caller reserved it. */
uint32_t iva__slot_take(iva_tree *t);
/* Give a detached slot back (marks it unused, restores I6). */
void iva__slot_release(iva_tree *t, uint32_t i);
/* Forget every node (slots become unused).  O(1). */
void iva__pool_reset(iva_tree *t);

/* ---- treap core (treap.c) ------------------------------------------ */

/* Exact key lookup; IVA__NIL when absent. */
uint32_t iva__find_exact(const iva_tree *t, uint64_t min, uint64_t max);
/* Node containing point p; IVA__NIL when none. */
uint32_t iva__find_point(const iva_tree *t, uint64_t p);
/* True when some node intersects [min, max]. */
bool iva__intersects_any(const iva_tree *t, uint64_t min, uint64_t max);
/* Add a node (slot reserved by caller, key disjoint from all). */
uint32_t iva__node_add(iva_tree *t, uint64_t min, uint64_t max,
                       uint32_t state, uint64_t data);
/* Add a data-less node whose key is the in-order neighbour of node near
 * (after: successor), adjacent to it; cheaper than iva__node_add.
 * stale: IVA__NIL, or a node changed by iva__node_change whose
 * augmented fields this call recomputes (restores I4 there too). */
uint32_t iva__node_add_next_to(iva_tree *t, uint32_t near, bool after,
                               uint64_t min, uint64_t max, uint32_t state,
                               uint32_t stale);
/* Remove node x and release its slot. */
void iva__node_remove(iva_tree *t, uint32_t x);
/* The same, also recomputing `stale` (as for iva__node_add_next_to). */
void iva__node_remove_stale(iva_tree *t, uint32_t x, uint32_t stale);
/* Change key/state/data of x in place; the new key must keep I2. */
void iva__node_set(iva_tree *t, uint32_t x, uint64_t min, uint64_t max,
                   uint32_t state, uint64_t data);
/* iva__node_set in parts, so that one walk to the root restores I4 for x
 * and for a neighbour added or removed next to it: _change changes x and
 * its counters and saves the old node in *old (I4 is broken on x's path
 * until a _stale call with x, or iva__node_pull_up(x), recomputes it);
 * _journal_change journals the change (old removed, x added), placed by
 * the caller where iva__node_set would have journalled it, so that the
 * journal, and with it a rollback, is exactly as with iva__node_set. */
void iva__node_change(iva_tree *t, uint32_t x, uint64_t min, uint64_t max,
                      uint32_t state, uint64_t data, iva_node *old);
void iva__node_journal_change(iva_tree *t, uint32_t x, const iva_node *old);
void iva__node_pull_up(iva_tree *t, uint32_t x);
/* Leftmost / next / previous node in order. */
uint32_t iva__first(const iva_tree *t);
uint32_t iva__next(const iva_tree *t, uint32_t x);
uint32_t iva__prev(const iva_tree *t, uint32_t x);
/* Fill a public entry from node x. */
void iva__entry(const iva_tree *t, uint32_t x, iva_entry *e);

/* Recompute the augmented fields of every node (restores I4).  O(n). */
void iva__pull_all(iva_tree *t);

/* ---- depth bound (balance.c) --------------------------------------- */

/* Relink every node as the treap of the current priority key.  O(n). */
void iva__rebuild(iva_tree *t);
/* 2^h > n^3 (h > 3*log2(n)), for 1 <= n; exact below n = 2^21, never
 * false when true above (see balance.c).  Exposed for tests. */
bool iva__above_bound(uint32_t h, uint32_t n);
/* Rebuild under new priority keys until the height is within
 * 3*log2(count) (at most a few tries).  O(n) per rebuild.  The tree must
 * not be empty (iva__balance checks). */
void iva__rebalance(iva_tree *t);

/* Keep the height within 3*log2(count): called at the end of every
 * operation that changes the tree's shape.  The common case costs one
 * shift: 2^(h/3 + 1) <= count already proves h < 3*log2(count); only
 * otherwise does iva__rebalance compare exactly (and rebuild if need be). */
static inline void iva__balance(iva_tree *t)
{
    uint32_t q;
    if (t->root_ == IVA__NIL)
        return;
    q = iva__height(&t->nodes_[t->root_]) / 3u + 1u;
    if (q >= 32u || (UINT32_C(1) << q) > t->count_)
        iva__rebalance(t);
}

/* ---- transaction journal (txn.c) ----------------------------------- */

/* Make room for `n` journal records if a transaction is active. */
iva_status iva__journal_reserve(iva_tree *t, size_t n);
void iva__journal_removed(iva_tree *t, uint32_t x);
/* The same for a copy of a node taken before it changed. */
void iva__journal_removed_node(iva_tree *t, const iva_node *n);
void iva__journal_added(iva_tree *t, uint32_t x);

#endif
