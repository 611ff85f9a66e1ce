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

#define IVA__REBUILD_TRIES 8u

/* 2^h > n^3, i.e. h > 3*log2(n), exactly, for 1 <= n < 2^32.  n^3 < 2^96
 * is computed as hi * 2^32 + lo (lo < 2^32) without overflow. */
static bool above_bound(uint32_t h, uint32_t n)
{
    uint64_t n2 = (uint64_t)n * n, lo, hi;
    if (h >= 96u)
        return true;
    lo = (n2 & 0xffffffffu) * n;
    hi = (n2 >> 32) * n + (lo >> 32);
    lo &= 0xffffffffu;
    if (h >= 32u)
        return (UINT64_C(1) << (h - 32u)) > hi;
    return hi == 0u && (UINT64_C(1) << h) > lo;
}

/* True when the tree's height exceeds 3*log2(count). */
static bool too_deep(const iva_tree *t)
{
    if (t->root_ == IVA__NIL || t->count_ < 2u)
        return false; /* one node: height 1 > 3*log2(1) = 0 is no defect */
    return above_bound(iva__height(&t->nodes_[t->root_]), t->count_);
}

/* Link every node to its in-order successor through big_ (recomputed
 * later), so that the links themselves can be rewritten.  Returns the
 * first node. */
static uint32_t thread_in_order(iva_tree *t)
{
    uint32_t first = iva__first(t), x = first;
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
static void place_next(iva_tree *t, uint32_t x, uint32_t last)
{
    uint32_t px = iva__prio(t, x), y = last, z = IVA__NIL;
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
static void relink(iva_tree *t, uint32_t first)
{
    uint32_t x = first, last = IVA__NIL;
    t->root_ = IVA__NIL;
    while (x != IVA__NIL) {
        uint32_t nx = (uint32_t)t->nodes_[x].big_;
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
    uint32_t tries = 0u;
    while (tries < IVA__REBUILD_TRIES && too_deep(t)) {
        iva__reseed(t); /* new priorities: I3 is restored by the rebuild */
        iva__rebuild(t);
        t->rebuilds_ = t->rebuilds_ == UINT32_MAX ? 0u : t->rebuilds_ + 1u;
        tries++;
    }
}
