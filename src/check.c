/*
 * iva_check(): recompute every invariant of SPEC.md section 5 (I1..I6) and
 * every cached counter, and report the first one that fails.  Constant
 * stack, no allocation; every walk is bounded by the pool capacity, so a
 * corrupted pool cannot make it loop.
 */
#include "iva_internal.h"

/* What iva_check recomputes, to compare with the cached counters. */
typedef struct acc {
    iva_check_report *rep;
    uint32_t count;        /* nodes the tree walk visited */
    uint32_t per_state[3]; /* used slots in each state */
    uint64_t span_lo;      /* their total FREE length, hi * 2^64 + lo */
    uint32_t span_hi;
} acc;

/*@
  // ---- logic of the checker (docs/PROOFS.md) -------------------------
  // c is IVA__NIL or a slot below the high-water mark (link_ok).
  predicate ck_link(iva_tree *t, integer c) =
    c == IVA__NIL || 0 <= c < t->hw_;

  // The pool bookkeeping iva_check() verifies first.
  predicate ck_books{L}(iva_tree *t) =
    t->cap_ <= IVA_MAX_NODES && t->hw_ <= t->cap_ &&
    t->n_unused_ <= t->hw_ && ck_link(t, t->root_) &&
    ck_link(t, t->free_head_);

  // The tree header and the cap_ pool slots can be read.
  predicate ck_pool{L}(iva_tree *t) =
    \valid_read(t) && \valid_read(t->nodes_ + (0 .. t->cap_ - 1));

  // The report is absent, or writable and apart from the tree.
  predicate ck_rep_ok{L}(iva_tree *t, iva_check_report *rep) =
    rep == \null ||
    (\valid(rep) && \separated(rep, t, t->nodes_ + (0 .. t->cap_ - 1)));

  // The report fields are as they were at label A (OK paths leave them).
  predicate ck_rep_same{A, B}(iva_check_report *rep) =
    rep == \null ||
    (\at(rep->invariant, A) == \at(rep->invariant, B) &&
     \at(rep->node, A) == \at(rep->node, B) &&
     \at(rep->what, A) == \at(rep->what, B));
*/

/*@ requires rep == \null || \valid(rep);
    assigns rep[0 .. (rep == \null ? -1 : 0)];
    ensures \result == IVA_ERR_CORRUPT;
    ensures rep != \null ==>
      rep->invariant == inv && rep->node == node && rep->what == what;
*/
static iva_status fail(iva_check_report *rep, int inv, uint32_t node,
                       const char *what)
{
    if (rep != NULL) {
        rep->invariant = inv;
        rep->node = node;
        rep->what = what;
    }
    return IVA_ERR_CORRUPT;
}

/*@ requires \valid_read(t);
    assigns \nothing;
    ensures \result <==> (c == IVA__NIL || c < t->hw_);
*/
static bool link_ok(const iva_tree *t, uint32_t c)
{
    return c == IVA__NIL || c < t->hw_;
}

/*@
  // What self_defect passed at slot x: a used slot in state 0..2 whose
  // child links are in range and whose key has min <= max.
  predicate ck_self_ok{L}(iva_tree *t, integer x) =
    0 <= x < t->hw_ && (t->nodes_[x].hs_ >> 30) <= 2 &&
    t->nodes_[x].min_ <= t->nodes_[x].max_ &&
    ck_link(t, t->nodes_[x].left_) && ck_link(t, t->nodes_[x].right_);

  // What local_defect passed at x: self_defect, and each child links back.
  predicate ck_local_ok{L}(iva_tree *t, integer x) =
    ck_self_ok(t, x) &&
    (t->nodes_[x].left_ != IVA__NIL ==>
       t->nodes_[t->nodes_[x].left_].parent_ == x) &&
    (t->nodes_[x].right_ != IVA__NIL ==>
       t->nodes_[t->nodes_[x].right_].parent_ == x);

  // An error report names one of the invariants I1..I6.
  predicate ck_named{L}(iva_check_report *rep) =
    rep != \null ==> 1 <= rep->invariant <= 6;

  // The tallies after n slots: each slot counts once in one state and
  // adds at most 2^64 to the span (so the 32-bit fields cannot overflow
  // while n < 2^32).
  logic integer ck_span(acc *a) =
    a->span_hi * 18446744073709551616 + a->span_lo;
  predicate ck_acc_ok{L}(acc *a, integer n) =
    a->per_state[0] <= n && a->per_state[1] <= n && a->per_state[2] <= n &&
    ck_span(a) <= n * 18446744073709551616;
*/

/* The defects the walk can find, and what iva_check reports for each:
 * the invariant (SPEC.md I1..I6) and the description.  _L / _R: found
 * at the left / right child (reported at that child). */
enum {
    CK_OK,
    CK_RELEASED,
    CK_LINKS,
    CK_KEY,
    CK_DATA,
    CK_PARENT_L,
    CK_PARENT_R,
    CK_RANK_L,
    CK_RANK_R,
    CK_HEIGHT,
    CK_BIG,
    CK_ORDER,
    CK_N
};

/* The invariant a defect breaks. */
/*@ assigns \nothing;
    ensures d != CK_OK ==> 1 <= \result <= 6;
*/
static int defect_inv(unsigned d)
{
    switch (d) {
    case CK_KEY: return 1;
    case CK_ORDER: return 2;
    case CK_RANK_L: case CK_RANK_R: return 3;
    case CK_HEIGHT: case CK_BIG: return 4;
    case CK_DATA: return 5;
    case CK_OK: return 0;
    default: return 6;
    }
}

/* Its description (a static string). */
/*@ assigns \result \from d; */
static const char *defect_what(unsigned d)
{
    switch (d) {
    case CK_RELEASED: return "released slot is reachable";
    case CK_LINKS: return "child link out of range or doubled";
    case CK_KEY: return "key has min > max";
    case CK_DATA: return "FREE/ALLOCATED node carries data";
    case CK_PARENT_L: case CK_PARENT_R: return "parent link mismatch";
    case CK_RANK_L: case CK_RANK_R: return "child outranks parent";
    case CK_HEIGHT: return "cached height is stale";
    case CK_BIG: return "cached largest FREE span is stale";
    case CK_ORDER: return "keys out of order or overlapping";
    default: return "ok";
    }
}

/* Report defect d (not CK_OK) found at slot `at`. */
/*@ requires rep == \null || \valid(rep);
    requires 0 < d < CK_N;
    assigns rep[0 .. (rep == \null ? -1 : 0)];
    ensures \result == IVA_ERR_CORRUPT;
    ensures named: ck_named(rep);
*/
static iva_status report(iva_check_report *rep, unsigned d, uint32_t at)
{
    return fail(rep, defect_inv(d), at, defect_what(d));
}

/* x's own fields: a used slot, the links in range and the children
 * distinct (I6), min <= max (I1), data only on a VALUED node (I5).  A
 * state above VALUED is the released one (IVA__UNUSED). */
/*@ requires ck_pool(t) && ck_books(t) && x < t->hw_;
    assigns \nothing;
    ensures \result < CK_N;
    ensures ok: \result == CK_OK ==> ck_self_ok(t, x);
*/
static unsigned self_defect(const iva_tree *t, uint32_t x)
{
    const iva_node *n = &t->nodes_[x];
    uint32_t st = iva__state(n);
    if (st > IVA_VALUED)
        return CK_RELEASED;
    if (!link_ok(t, n->left_) || !link_ok(t, n->right_) ||
        (n->left_ != IVA__NIL && n->left_ == n->right_))
        return CK_LINKS;
    if (n->min_ > n->max_)
        return CK_KEY;
    if (st != IVA_VALUED && n->data_ != 0u)
        return CK_DATA;
    return CK_OK;
}

/* Child link c of x (its right one if `right`), if not NIL: links back
 * to x (I6) and does not outrank it (I3). */
/*@ requires ck_pool(t) && ck_books(t) && x < t->hw_ && ck_link(t, c);
    assigns \nothing;
    ensures \result < CK_N;
    ensures ok: \result == CK_OK ==>
      (c != IVA__NIL ==> t->nodes_[c].parent_ == x);
*/
static unsigned child_defect(const iva_tree *t, uint32_t x, uint32_t c,
                             bool right)
{
    if (c == IVA__NIL)
        return CK_OK;
    if (t->nodes_[c].parent_ != x)
        return right ? CK_PARENT_R : CK_PARENT_L;
    if (iva__prio(t, c) > iva__prio(t, x))
        return right ? CK_RANK_R : CK_RANK_L;
    return CK_OK;
}

/* Height and big of child link c (0 for NIL). */
/*@ requires ck_pool(t) && ck_books(t) && ck_link(t, c);
    assigns \nothing;
    ensures \result <= IVA__HMASK;
*/
static uint32_t height_at(const iva_tree *t, uint32_t c)
{
    return c == IVA__NIL ? 0u : iva__height(&t->nodes_[c]);
}

/*@ requires ck_pool(t) && ck_books(t) && ck_link(t, c);
    assigns \nothing;
*/
static uint64_t big_at(const iva_tree *t, uint32_t c)
{
    return c == IVA__NIL ? 0u : t->nodes_[c].big_;
}

/* The cached fields of x against their recomputation (I4): height
 * 1 + the larger child height, big the largest of x's own FREE length
 * and its children's big. */
/*@ requires ck_pool(t) && ck_books(t) && ck_self_ok(t, x);
    assigns \nothing;
    ensures \result < CK_N;
*/
static unsigned cached_defect(const iva_tree *t, uint32_t x)
{
    const iva_node *n = &t->nodes_[x];
    uint32_t hl = height_at(t, n->left_), hr = height_at(t, n->right_);
    uint64_t bl = big_at(t, n->left_), br = big_at(t, n->right_);
    uint64_t big = iva__state(n) == IVA_FREE ? iva__len_sat(n->min_, n->max_)
                                             : 0u;
    big = bl > big ? bl : big;
    big = br > big ? br : big;
    if (iva__height(n) != 1u + (hl > hr ? hl : hr))
        return CK_HEIGHT;
    if (n->big_ != big)
        return CK_BIG;
    return CK_OK;
}

/* Facts about node x that need only x and its children: the first
 * defect found. */
/*@ requires ck_pool(t) && ck_books(t) && x < t->hw_;
    assigns \nothing;
    ensures \result < CK_N;
    ensures ok: \result == CK_OK ==> ck_local_ok(t, x);
*/
static unsigned local_defect(const iva_tree *t, uint32_t x)
{
    unsigned d = self_defect(t, x);
    if (d == CK_OK)
        d = child_defect(t, x, t->nodes_[x].left_, false);
    if (d == CK_OK)
        d = child_defect(t, x, t->nodes_[x].right_, true);
    if (d == CK_OK)
        d = cached_defect(t, x);
    return d;
}

/* The slot a defect of x is reported at: the child for a child's. */
/*@ requires ck_pool(t) && ck_books(t) && x < t->hw_;
    assigns \nothing;
*/
static uint32_t defect_at(const iva_tree *t, uint32_t x, unsigned d)
{
    if (d == CK_PARENT_L || d == CK_RANK_L)
        return t->nodes_[x].left_;
    if (d == CK_PARENT_R || d == CK_RANK_R)
        return t->nodes_[x].right_;
    return x;
}

/* Add the length of [min, max] to the 65-bit span. */
/*@ requires \valid(a) && min <= max;
    requires room: ck_span(a) + (max - min + 1) <
                   4294967296 * 18446744073709551616;
    assigns a->span_lo, a->span_hi;
    ensures ck_span(a) == \old(ck_span(a)) + (max - min + 1);
*/
static void acc_span(acc *a, uint64_t min, uint64_t max)
{
    iva__add65(&a->span_lo, &a->span_hi, min, max);
}

/* Tally used slot i (state st <= 2; the slots below i are tallied): its
 * state, and its length if FREE.  st is a parameter so that it is a
 * plain integer here: WP's simplifier rewrites tests on `hs_ >> 30` into
 * mask tests, from which no solver bounds an index (docs/PROOFS.md).  A
 * FREE slot with min > max (only in a pool whose tree walk already
 * failed) adds no length. */
/*@ requires ck_pool(t) && ck_books(t) && i < t->hw_ && st <= 2;
    requires \valid(a) && \separated(a, t) &&
             \separated(a, t->nodes_ + (0 .. t->cap_ - 1));
    requires ck_acc_ok(a, i);
    assigns a->per_state[0 .. 2], a->span_lo, a->span_hi;
    ensures ck_acc_ok(a, i + 1);
*/
static void tally_slot(const iva_tree *t, uint32_t i, uint32_t st, acc *a)
{
    const iva_node *k = &t->nodes_[i];
    if (st == IVA_FREE && k->min_ <= k->max_)
        acc_span(a, k->min_, k->max_);
    a->per_state[st]++;
}

/* Per-state counts and total FREE length of the used slots.  Once the
 * walk has visited count_ nodes and the free list holds the other
 * count_ - hw_ slots, the used slots are exactly the tree's nodes. */
/*@ requires ck_pool(t) && ck_books(t);
    requires \valid(a) && \separated(a, t) &&
             \separated(a, t->nodes_ + (0 .. t->cap_ - 1));
    requires a->per_state[0] == 0 && a->per_state[1] == 0 &&
             a->per_state[2] == 0 && a->span_lo == 0 && a->span_hi == 0;
    assigns a->per_state[0 .. 2], a->span_lo, a->span_hi;
*/
static void tally(const iva_tree *t, acc *a)
{
    uint32_t i;
    /*@ loop invariant 0 <= i <= t->hw_;
        loop invariant ck_acc_ok(a, i);
        loop assigns i, a->per_state[0 .. 2], a->span_lo, a->span_hi;
        loop variant t->hw_ - i;
    */
    for (i = 0u; i < t->hw_; i++) {
        uint32_t st = iva__state(&t->nodes_[i]);
        if (st <= IVA_VALUED)
            tally_slot(t, i, st, a);
    }
}

/* Ghost: the slots the walk has checked (local_defect found none) so
 * far.  A checked slot's parent is NIL or checked: the walk enters a
 * node only from its parent, so it climbs back only through checked
 * slots, and every read stays in the pool however the links are
 * corrupted. */
//@ ghost static bool ck_seen[IVA_MAX_NODES];

/*@ predicate ck_seen_at{L}(integer i) = 0 <= i < IVA_MAX_NODES && ck_seen[i];

    predicate ck_seen_ok{L}(iva_tree *t) =
      \forall integer i; ck_seen_at(i) ==>
        ck_local_ok(t, i) &&
        (t->nodes_[i].parent_ == IVA__NIL || ck_seen_at(t->nodes_[i].parent_));
*/

/* The next node of the walk from x, once x is checked: its left child
 * when entering, else (x visited) its right child or, when there is
 * none or x was left from the right, its parent. */
/*@ requires ck_pool(t) && ck_books(t) && ck_local_ok(t, x);
    assigns \nothing;
    ensures kid: (\result == t->nodes_[x].left_ ||
                  \result == t->nodes_[x].right_) && \result != IVA__NIL ||
                 \result == t->nodes_[x].parent_;
*/
static uint32_t walk_next(const iva_tree *t, uint32_t x, bool enter,
                          bool visited)
{
    const iva_node *n = &t->nodes_[x];
    if (enter && n->left_ != IVA__NIL)
        return n->left_;
    if (visited && n->right_ != IVA__NIL)
        return n->right_;
    return n->parent_;
}

/* Stackless in-order walk over parent links, checking every node (and,
 * at its in-order visit, that its key lies above the previous node's,
 * I2); *visited: the number of nodes visited.  At most 3 * cap + 3 steps
 * (a tree walk passes each node three times).  Reads only, until a
 * defect is reported. */
/*@ requires ck_pool(t) && ck_books(t) && ck_rep_ok(t, rep);
    requires t->root_ != IVA__NIL ==> t->nodes_[t->root_].parent_ == IVA__NIL;
    requires \valid(visited);
    requires \separated(visited, t) &&
             \separated(visited, t->nodes_ + (0 .. t->cap_ - 1));
    requires rep == \null || \separated(visited, rep);
    assigns *visited, rep[0 .. (rep == \null ? -1 : 0)],
            ck_seen[0 .. IVA_MAX_NODES - 1];
    ensures \result == IVA_OK || \result == IVA_ERR_CORRUPT;
    ensures ok: \result == IVA_OK ==> ck_rep_same{Pre, Post}(rep);
    ensures named: \result == IVA_ERR_CORRUPT ==> ck_named(rep);
*/
static iva_status check_tree(const iva_tree *t, iva_check_report *rep,
                             uint32_t *visited)
{
    uint32_t x = t->root_, prev = IVA__NIL, last = IVA__NIL, count = 0u;
    uint64_t steps = 0u, limit = 3u * (uint64_t)t->cap_ + 3u;
    unsigned d;
    bool enter, visit;
    /*@ ghost
      /@ loop invariant 0 <= i <= IVA_MAX_NODES;
         loop invariant \forall integer j; 0 <= j < i ==> !ck_seen[j];
         loop assigns i, ck_seen[0 .. IVA_MAX_NODES - 1];
         loop variant IVA_MAX_NODES - i;
      @/
      for (uint32_t i = 0u; i < IVA_MAX_NODES; i++)
          ck_seen[i] = false;
    */
    /*@ loop invariant links: ck_link(t, x) && ck_link(t, prev);
        loop invariant bounds: steps <= limit && count <= steps;
        loop invariant seen: ck_seen_ok(t);
        loop invariant prev_seen: prev == IVA__NIL || ck_seen_at(prev);
        loop invariant last_seen: last == IVA__NIL || ck_seen_at(last);
        loop invariant here: x != IVA__NIL ==>
          ck_seen_at(x) || t->nodes_[x].parent_ == prev;
        loop assigns x, prev, last, count, steps, d, enter, visit,
          ck_seen[0 .. IVA_MAX_NODES - 1];
        loop variant limit - steps;
    */
    while (x != IVA__NIL) {
        if (++steps > limit)
            return fail(rep, 6, x, "walk does not terminate");
        enter = prev == t->nodes_[x].parent_;
        if (enter) {
            d = local_defect(t, x);
            if (d != CK_OK)
                return report(rep, d, defect_at(t, x, d));
            //@ ghost ck_seen[x] = true;
        }
        //@ assert x_seen: ck_seen_at(x) && ck_local_ok(t, x);
        /*@ assert up: t->nodes_[x].parent_ == IVA__NIL ||
              (ck_seen_at(t->nodes_[x].parent_) &&
               ck_local_ok(t, t->nodes_[x].parent_)); */
        //@ assert last_ok: last == IVA__NIL || ck_local_ok(t, last);
        visit = enter ? t->nodes_[x].left_ == IVA__NIL
                      : prev == t->nodes_[x].left_ && prev != IVA__NIL;
        if (visit) {
            if (last != IVA__NIL &&
                t->nodes_[last].max_ >= t->nodes_[x].min_)
                return report(rep, CK_ORDER, x);
            last = x;
            count++;
        }
        prev = x;
        x = walk_next(t, x, enter, visit);
    }
    *visited = count;
    return IVA_OK;
}

/* Released slots: all marked unused, counted once each. */
/*@ requires ck_pool(t) && ck_books(t) && ck_rep_ok(t, rep);
    assigns rep[0 .. (rep == \null ? -1 : 0)];
    ensures \result == IVA_OK || \result == IVA_ERR_CORRUPT;
    ensures \result == IVA_OK ==> ck_rep_same{Pre, Post}(rep);
    ensures \result == IVA_ERR_CORRUPT && rep != \null ==>
      rep->invariant == 6;
*/
static iva_status check_free_list(const iva_tree *t, iva_check_report *rep)
{
    uint32_t i = t->free_head_, seen = 0u;
    /*@ loop invariant 0 <= seen <= t->n_unused_;
        loop assigns i, seen;
        loop variant t->n_unused_ - seen;
    */
    while (i != IVA__NIL) {
        if (i >= t->hw_ || seen >= t->n_unused_)
            return fail(rep, 6, i, "free list broken or too long");
        if (iva__state(&t->nodes_[i]) != IVA__UNUSED)
            return fail(rep, 6, i, "free list holds a live node");
        seen++;
        i = t->nodes_[i].left_;
    }
    if (seen != t->n_unused_)
        return fail(rep, 6, IVA__NIL, "free list count mismatch");
    return IVA_OK;
}

/* Cached counters against their recomputation (I4) and I6 accounting. */
/*@ requires ck_pool(t) && t->hw_ <= t->cap_ && \valid_read(a);
    requires ck_rep_ok(t, a->rep);
    requires a->rep == \null || \separated(a, a->rep);
    assigns a->rep[0 .. (a->rep == \null ? -1 : 0)];
    ensures \result == IVA_OK || \result == IVA_ERR_CORRUPT;
    ensures \result == IVA_OK ==> ck_rep_same{Pre, Post}(a->rep);
    ensures \result == IVA_OK ==>
      a->count == t->count_ &&
      a->count + t->n_unused_ + (t->cap_ - t->hw_) == t->cap_ &&
      a->per_state[0] == t->n_state_[0] &&
      a->per_state[1] == t->n_state_[1] &&
      a->per_state[2] == t->n_state_[2] &&
      a->span_lo == t->free_span_lo_ && a->span_hi == t->free_span_hi_;
    ensures \result == IVA_ERR_CORRUPT && a->rep != \null ==>
      (a->rep->invariant == 4 || a->rep->invariant == 6);
*/
static iva_status check_counts(const iva_tree *t, const acc *a)
{
    if (a->count != t->count_ ||
        (uint64_t)a->count + t->n_unused_ + (t->cap_ - t->hw_) != t->cap_)
        return fail(a->rep, 6, IVA__NIL, "node count does not add up");
    if (a->per_state[0] != t->n_state_[0] ||
        a->per_state[1] != t->n_state_[1] ||
        a->per_state[2] != t->n_state_[2])
        return fail(a->rep, 4, IVA__NIL, "per-state counts are stale");
    if (a->span_lo != t->free_span_lo_ || a->span_hi != t->free_span_hi_)
        return fail(a->rep, 4, IVA__NIL, "total FREE span is stale");
    return IVA_OK;
}

/* The header's bookkeeping (I6): pool bounds, the root and free-list
 * head in range, the root without a parent. */
/*@ requires ck_pool(t) && ck_rep_ok(t, rep);
    assigns rep[0 .. (rep == \null ? -1 : 0)];
    ensures \result == IVA_OK || \result == IVA_ERR_CORRUPT;
    ensures ok: \result == IVA_OK ==>
      ck_books(t) && ck_rep_same{Pre, Post}(rep) &&
      (t->root_ != IVA__NIL ==> t->nodes_[t->root_].parent_ == IVA__NIL);
    ensures named: \result == IVA_ERR_CORRUPT ==> ck_named(rep);
*/
static iva_status check_header(const iva_tree *t, iva_check_report *rep)
{
    if (t->cap_ > IVA_MAX_NODES || t->hw_ > t->cap_ ||
        t->n_unused_ > t->hw_ || !link_ok(t, t->root_) ||
        !link_ok(t, t->free_head_))
        return fail(rep, 6, IVA__NIL, "pool bookkeeping out of range");
    if (t->root_ != IVA__NIL && t->nodes_[t->root_].parent_ != IVA__NIL)
        return fail(rep, 6, t->root_, "root has a parent");
    return IVA_OK;
}

/* The tree walk, then the counters against what it and the slots show. */
/*@ requires ck_pool(t) && ck_books(t) && ck_rep_ok(t, rep);
    requires t->root_ != IVA__NIL ==> t->nodes_[t->root_].parent_ == IVA__NIL;
    assigns rep[0 .. (rep == \null ? -1 : 0)], ck_seen[0 .. IVA_MAX_NODES - 1];
    ensures \result == IVA_OK || \result == IVA_ERR_CORRUPT;
    ensures ok: \result == IVA_OK ==> ck_rep_same{Pre, Post}(rep);
    ensures named: \result == IVA_ERR_CORRUPT ==> ck_named(rep);
*/
static iva_status check_nodes(const iva_tree *t, iva_check_report *rep)
{
    acc a = {0};
    iva_status st;
    a.rep = rep;
    st = check_tree(t, rep, &a.count);
    if (st != IVA_OK)
        return st;
    tally(t, &a);
    return check_counts(t, &a);
}

/* Reads only (the report aside), terminates, and cannot read outside the
 * pool whatever the slots hold; the header's pool pointer and capacity
 * must describe readable memory (as iva_init left them). */
/*@ requires ck_pool(t) && ck_rep_ok(t, rep);
    assigns rep[0 .. (rep == \null ? -1 : 0)], ck_seen[0 .. IVA_MAX_NODES - 1];
    ensures \result == IVA_OK || \result == IVA_ERR_CORRUPT;
    ensures ok: \result == IVA_OK && rep != \null ==>
      rep->invariant == 0 && rep->node == IVA__NIL;
    ensures named: \result == IVA_ERR_CORRUPT ==> ck_named(rep);
*/
iva_status iva_check(const iva_tree *t, iva_check_report *rep)
{
    iva_status st;
    if (rep != NULL) {
        rep->invariant = 0;
        rep->node = IVA__NIL;
        rep->what = "ok";
    }
    st = check_header(t, rep);
    if (st == IVA_OK)
        st = check_free_list(t, rep);
    if (st == IVA_OK)
        st = check_nodes(t, rep);
    return st;
}
