/*
 * iva_check(): recompute every invariant of SPEC.md section 5 (I1..I6) and
 * every cached counter, and report the first one that fails.  Constant
 * stack, no allocation; every walk is bounded by the pool capacity, so a
 * corrupted pool cannot make it loop.
 */
#include "iva_internal.h"

typedef struct acc {
    iva_check_report *rep;
    uint32_t count;
    uint32_t per_state[3];
    uint64_t span_lo;
    uint32_t span_hi;
    bool have_prev;
    uint64_t prev_max;
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

/* Facts about node x that need only x and its children. */
static iva_status check_local(const iva_tree *t, uint32_t x, acc *a)
{
    const iva_node *n = &t->nodes_[x];
    uint32_t st = iva__state(n), hl = 0u, hr = 0u;
    uint64_t own, big;
    if (st == IVA__UNUSED)
        return fail(a->rep, 6, x, "released slot is reachable");
    if (!link_ok(t, n->left_) || !link_ok(t, n->right_) ||
        (n->left_ != IVA__NIL && n->left_ == n->right_))
        return fail(a->rep, 6, x, "child link out of range or doubled");
    if (n->min_ > n->max_)
        return fail(a->rep, 1, x, "key has min > max");
    if (st != IVA_VALUED && n->data_ != 0u)
        return fail(a->rep, 5, x, "FREE/ALLOCATED node carries data");
    own = st == IVA_FREE ? iva__len_sat(n->min_, n->max_) : 0u;
    big = own;
    if (n->left_ != IVA__NIL) {
        const iva_node *l = &t->nodes_[n->left_];
        if (l->parent_ != x)
            return fail(a->rep, 6, n->left_, "parent link mismatch");
        if (iva__prio(t, n->left_) > iva__prio(t, x))
            return fail(a->rep, 3, n->left_, "child outranks parent");
        hl = iva__height(l);
        big = l->big_ > big ? l->big_ : big;
    }
    if (n->right_ != IVA__NIL) {
        const iva_node *r = &t->nodes_[n->right_];
        if (r->parent_ != x)
            return fail(a->rep, 6, n->right_, "parent link mismatch");
        if (iva__prio(t, n->right_) > iva__prio(t, x))
            return fail(a->rep, 3, n->right_, "child outranks parent");
        hr = iva__height(r);
        big = r->big_ > big ? r->big_ : big;
    }
    if (iva__height(n) != 1u + (hl > hr ? hl : hr))
        return fail(a->rep, 4, x, "cached height is stale");
    if (n->big_ != big)
        return fail(a->rep, 4, x, "cached largest FREE span is stale");
    return IVA_OK;
}

/* In-order visit: order (I2) and the counters to compare later (I4). */
static iva_status check_visit(const iva_tree *t, uint32_t x, acc *a)
{
    const iva_node *n = &t->nodes_[x];
    uint32_t st = iva__state(n);
    uint64_t lo;
    if (a->have_prev && a->prev_max >= n->min_)
        return fail(a->rep, 2, x, "keys out of order or overlapping");
    a->have_prev = true;
    a->prev_max = n->max_;
    a->count++;
    a->per_state[st]++;
    if (st == IVA_FREE) {
        lo = a->span_lo;
        a->span_lo = lo + (n->max_ - n->min_);
        a->span_hi += a->span_lo < lo;
        lo = a->span_lo;
        a->span_lo = lo + 1u;
        a->span_hi += a->span_lo < lo;
    }
    return IVA_OK;
}

/* Stackless in-order walk over parent links, checking every node. */
static iva_status check_tree(const iva_tree *t, acc *a)
{
    uint32_t x = t->root_, prev = IVA__NIL;
    uint64_t steps = 0u, limit = 3u * (uint64_t)t->cap_ + 3u;
    iva_status st;
    while (x != IVA__NIL) {
        const iva_node *n = &t->nodes_[x];
        if (++steps > limit)
            return fail(a->rep, 6, x, "walk does not terminate");
        if (prev == n->parent_) {
            st = check_local(t, x, a);
            if (st != IVA_OK)
                return st;
            if (n->left_ != IVA__NIL) {
                prev = x;
                x = n->left_;
                continue;
            }
        }
        if (prev == n->parent_ || (prev == n->left_ && prev != IVA__NIL)) {
            st = check_visit(t, x, a);
            if (st != IVA_OK)
                return st;
            if (n->right_ != IVA__NIL) {
                prev = x;
                x = n->right_;
                continue;
            }
        }
        prev = x;
        x = n->parent_;
    }
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

iva_status iva_check(const iva_tree *t, iva_check_report *rep)
{
    acc a = {0};
    iva_status st;
    a.rep = rep;
    if (rep != NULL) {
        rep->invariant = 0;
        rep->node = IVA__NIL;
        rep->what = "ok";
    }
    if (t->cap_ > IVA_MAX_NODES || t->hw_ > t->cap_ ||
        t->n_unused_ > t->hw_ || !link_ok(t, t->root_) ||
        !link_ok(t, t->free_head_))
        return fail(rep, 6, IVA__NIL, "pool bookkeeping out of range");
    if (t->root_ != IVA__NIL && t->nodes_[t->root_].parent_ != IVA__NIL)
        return fail(rep, 6, t->root_, "root has a parent");
    st = check_free_list(t, rep);
    if (st == IVA_OK)
        st = check_tree(t, &a);
    if (st == IVA_OK)
        st = check_counts(t, &a);
    return st;
}
