/*
 * The depth bound (docs/DESIGN.md, "Depth bound").  A treap is balanced
 * only in expectation: with bad luck in the priorities its height exceeds
 * 3*log2(n).  After every operation that changes the tree's shape, the
 * library compares the height with that bound (O(1)); when it is exceeded,
 * the priority key is re-derived and the tree rebuilt in O(n) under the
 * new priorities: same nodes and slots, new links (I3 holds for the new
 * key).  A rebuilt tree is a fresh random treap, so a second rebuild in a
 * row is rare; after IVA__REBUILD_TRIES the last shape is kept (it is
 * valid, only deeper).  No allocation, constant stack.
 */
#include "iva_internal.h"
#include "iva_acsl.h"

#define IVA__REBUILD_TRIES 8u

/* 2^h > c, for c < 2^63: p doubles only while p <= c, so it stays below
 * 2^64. */
/*@ requires c <= 0x7fffffffffffffff;
    assigns \nothing;
*/
static bool pow2_above(uint32_t h, uint64_t c)
{
    uint64_t p = 1u;
    uint32_t i = 0u;
    /*@ loop invariant 0 <= i <= h && p >= 1;
        loop assigns p, i;
        loop variant h - i;
    */
    while (i < h && p <= c) {
        p *= 2u;
        i++;
    }
    return p > c;
}

/* 2^h > n^3, i.e. h > 3*log2(n).  Exact for n < 2^21 (n^3 < 2^63).
 * Above, m = n / 2^11 (so m^3 * 2^33 <= n^3) stands for n: 2^h > n^3
 * implies 2^(h-33) > m^3, so no tree above the bound passes; a tree
 * within it but less than 0.5% of log2 below may be rebuilt early. */
/*@ requires n >= 1;
    assigns \nothing;
*/
bool iva__above_bound(uint32_t h, uint32_t n)
{
    uint64_t m;
    if (n < (1u << 21))
        return pow2_above(h, (uint64_t)n * n * n);
    if (h <= 33u)
        return false; /* 2^h <= 2^33 < 2^63 <= n^3 */
    m = n / 2048u; /* n >> 11, written so that the bound m < 2^21 shows */
    //@ assert m <= 2097151;
    //@ assert m * m <= 4398042316801;
    return pow2_above(h - 33u, m * m * m);
}

/* True when the tree's height exceeds 3*log2(count). */
/*@ requires iva_shape(t) && t->root_ != IVA__NIL;
    assigns \nothing;
    ensures t->count_ < 2 ==> \result == \false;
*/
static bool too_deep(const iva_tree *t)
{
    if (t->count_ < 2u)
        return false; /* one node: height 1 > 3*log2(1) = 0 is no defect */
    return iva__above_bound(iva__height(&t->nodes_[t->root_]), t->count_);
}

/* Link every node to its in-order successor through big_ (recomputed
 * later), so that the links themselves can be rewritten.  Returns the
 * first node. */
/* Terminates: each successor's key lies above the node before it
 * (iva__next's `beyond`). */
/*@ requires iva_shape(t) && iva_keys(t) && \valid(t);
    requires win: iva_wtree(t);
    assigns t->nodes_[0 .. t->hw_ - 1].big_;
    ensures iva_shape(t) && iva_keys(t) && iva_link(t, \result);
*/
static uint32_t thread_in_order(iva_tree *t)
{
    uint32_t first = iva__first(t), x = first;
    /*@ loop invariant iva_shape(t) && iva_keys(t) && iva_link(t, x);
        loop invariant in: x != IVA__NIL ==> iva_in(x);
        loop invariant lk: iva_lk_same{Pre, Here}(t);
        loop invariant win: iva_wtree(t);
        loop invariant t->hw_ == \at(t->hw_, Pre);
        loop assigns x, t->nodes_[0 .. \at(t->hw_, Pre) - 1].big_;
        loop variant x == IVA__NIL ? 0 : 0x10000000000000000 - iva_kmin(t, x);
    */
    while (x != IVA__NIL) {
        uint32_t nx = iva__next(t, x);
        t->nodes_[x].big_ = nx;
        x = nx;
    }
    return first;
}

/* Hang x, the next node in order, on the right spine of the tree built so
 * far (last: the previous node): it climbs while it outranks the spine
 * node above it and takes the nodes it passed as its left subtree.  Keeps
 * I2 (in-order unchanged) and I3 among the nodes placed. */
/* Partial correctness: the climb ends at the root of an acyclic spine. */
/*@ requires iva_shape(t) && \valid(t) && x < t->hw_ && iva_link(t, last);
    assigns t->root_, t->nodes_[0 .. t->hw_ - 1].left_,
            t->nodes_[0 .. t->hw_ - 1].right_,
            t->nodes_[0 .. t->hw_ - 1].parent_;
    ensures iva_shape(t);
*/
static void place_next(iva_tree *t, uint32_t x, uint32_t last)
{
    uint32_t px = iva__prio(t, x), y = last, z = IVA__NIL;
    /*@ loop invariant iva_link(t, y) && iva_link(t, z);
        loop assigns y, z;
    */
    while (y != IVA__NIL && iva__prio(t, y) < px) {
        z = y;
        y = t->nodes_[y].parent_;
    }
    t->nodes_[x].left_ = z;
    t->nodes_[x].right_ = IVA__NIL;
    t->nodes_[x].parent_ = y;
    if (z != IVA__NIL)
        t->nodes_[z].parent_ = x;
    if (y != IVA__NIL)
        t->nodes_[y].right_ = x;
    else
        t->root_ = x;
}

/* Rebuild the links from the in-order thread (Cartesian tree of the
 * priorities, O(n): every node is passed on the spine at most once). */
/* Partial correctness (the thread ends in NIL only if acyclic).  A
 * thread entry that is not a used slot (only in a corrupted pool) ends
 * the walk, so the links stay links. */
/*@ requires iva_shape(t) && \valid(t) && iva_link(t, first);
    assigns t->root_, t->nodes_[0 .. t->hw_ - 1].left_,
            t->nodes_[0 .. t->hw_ - 1].right_,
            t->nodes_[0 .. t->hw_ - 1].parent_;
    ensures iva_shape(t);
*/
static void relink(iva_tree *t, uint32_t first)
{
    uint32_t x = first, last = IVA__NIL;
    t->root_ = IVA__NIL;
    /*@ loop invariant iva_shape(t) && iva_link(t, x) && iva_link(t, last);
        loop invariant t->hw_ == \at(t->hw_, Pre);
        loop assigns x, last, t->root_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].left_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].right_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].parent_;
    */
    while (x != IVA__NIL) {
        uint64_t nb = t->nodes_[x].big_;
        uint32_t nx = nb < t->hw_ ? (uint32_t)nb : IVA__NIL;
        place_next(t, x, last);
        last = x;
        x = nx;
    }
}

void iva__rebuild(iva_tree *t)
{
    uint32_t first = thread_in_order(t);
    relink(t, first);
    iva__pull_all(t); /* restores I4 */
}

void iva__rebalance(iva_tree *t)
{
    uint32_t tries = 0u; /* root_ != IVA__NIL: see iva__balance */
    while (tries < IVA__REBUILD_TRIES && too_deep(t)) {
        iva__reseed(t); /* new priorities: I3 is restored by the rebuild */
        iva__rebuild(t);
        t->rebuilds_++; /* wraps (unsigned), as documented */
        tries++;
    }
}
