/*
 * Treap core: lookup, rotation, node insertion and removal, in-place key
 * changes, augmentation and the per-state counters.  Every loop walks
 * parent/child links; nothing recurses.
 *
 * Augmented fields of node x (I4): height = 1 + max(children heights);
 * big = max(own FREE length (saturated), children's big).
 */
#include "iva_internal.h"
#include "iva_acsl.h"

static uint32_t height_of(const iva_tree *t, uint32_t x)
{
    return x == IVA__NIL ? 0u : iva__height(&t->nodes_[x]);
}

static uint64_t big_of(const iva_tree *t, uint32_t x)
{
    return x == IVA__NIL ? 0u : t->nodes_[x].big_;
}

bool iva__pull(iva_tree *t, uint32_t x)
{
    iva_node *n = &t->nodes_[x];
    uint32_t hl = height_of(t, n->left_), hr = height_of(t, n->right_);
    uint32_t old_hs = n->hs_;
    uint64_t own = iva__state(n) == IVA_FREE ? iva__len_sat(n->min_, n->max_)
                                              : 0u;
    uint64_t bl = big_of(t, n->left_), br = big_of(t, n->right_);
    uint64_t b = own > bl ? own : bl, old_big = n->big_;
    n->big_ = b > br ? b : br;
    iva__set_height(n, 1u + (hl > hr ? hl : hr)); /* restores I4 at x */
    return n->hs_ != old_hs || n->big_ != old_big;
}

/* Recompute x and its ancestors (restores I4 on the path).  Every node
 * strictly below `stop` is recomputed, and so is `stale` (a node whose own
 * fields changed without a recompute) if it is on the path; above both,
 * the walk stops at the first node whose height and big come out
 * unchanged: nothing above it can change.  stop == IVA__NIL or a stale
 * node off the path recompute up to the root, which is always correct. */
static void pull_from(iva_tree *t, uint32_t x, uint32_t stop, uint32_t stale)
{
    bool forced = true;
    while (x != IVA__NIL) {
        bool changed = iva__pull(t, x);
        if (x == stale)
            stale = IVA__NIL;
        if (x == stop)
            forced = false;
        if (!changed && !forced && stale == IVA__NIL)
            return;
        x = t->nodes_[x].parent_;
    }
}

/* Recompute x and its ancestors, stopping at the first unchanged node:
 * valid when only x's own fields or x's subtree changed. */
static void pull_up(iva_tree *t, uint32_t x)
{
    pull_from(t, x, x, IVA__NIL);
}

/* Point the link that referred to `old` (root or a child of p) at `nu`. */
static void replace_child(iva_tree *t, uint32_t p, uint32_t old, uint32_t nu)
{
    if (p == IVA__NIL)
        t->root_ = nu;
    else if (t->nodes_[p].left_ == old)
        t->nodes_[p].left_ = nu;
    else
        t->nodes_[p].right_ = nu;
    if (nu != IVA__NIL)
        t->nodes_[nu].parent_ = p;
}

/* Rotate x above its parent p.  Keeps I2 (in-order unchanged); the caller
 * restores I3.  Recomputes p then x (restores I4 for both). */
static void rotate_up(iva_tree *t, uint32_t x)
{
    iva_node *nx = &t->nodes_[x];
    uint32_t p = nx->parent_;
    iva_node *np = &t->nodes_[p];
    uint32_t g = np->parent_;
    uint32_t mid;
    if (np->left_ == x) {
        mid = nx->right_;
        np->left_ = mid;
        nx->right_ = p;
    } else {
        mid = nx->left_;
        np->right_ = mid;
        nx->left_ = p;
    }
    if (mid != IVA__NIL)
        t->nodes_[mid].parent_ = p;
    np->parent_ = x;
    replace_child(t, g, p, x);
    (void)iva__pull(t, p);
    (void)iva__pull(t, x);
}

/* ---- counters (part of I4) ----------------------------------------- */

static void span_add(iva_tree *t, uint64_t min, uint64_t max)
{
    uint64_t d = max - min, lo = t->free_span_lo_;
    /* add d + 1 as (d) then (1), carrying into hi */
    t->free_span_lo_ = lo + d;
    if (t->free_span_lo_ < lo)
        t->free_span_hi_++;
    lo = t->free_span_lo_;
    t->free_span_lo_ = lo + 1u;
    if (t->free_span_lo_ < lo)
        t->free_span_hi_++;
}

static void span_sub(iva_tree *t, uint64_t min, uint64_t max)
{
    uint64_t d = max - min, lo = t->free_span_lo_;
    t->free_span_lo_ = lo - d;
    if (lo < d)
        t->free_span_hi_--;
    lo = t->free_span_lo_;
    t->free_span_lo_ = lo - 1u;
    if (lo < 1u)
        t->free_span_hi_--;
}

static void count_in(iva_tree *t, const iva_node *n)
{
    uint32_t st = iva__state(n);
    t->n_state_[st]++;
    if (st == IVA_FREE)
        span_add(t, n->min_, n->max_);
}

static void count_out(iva_tree *t, const iva_node *n)
{
    uint32_t st = iva__state(n);
    t->n_state_[st]--;
    if (st == IVA_FREE)
        span_sub(t, n->min_, n->max_);
}

/* ---- lookup --------------------------------------------------------- */

/*@ requires iva_shape(t);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures \result != IVA__NIL ==>
      t->nodes_[\result].min_ == min && t->nodes_[\result].max_ == max;
*/
uint32_t iva__find_exact(const iva_tree *t, uint64_t min, uint64_t max)
{
    uint32_t x = t->root_;
    /*@ loop invariant iva_link(t, x);
        loop assigns x;
    */
    while (x != IVA__NIL) {
        const iva_node *n = &t->nodes_[x];
        if (min < n->min_)
            x = n->left_;
        else if (min > n->min_)
            x = n->right_;
        else
            return n->max_ == max ? x : IVA__NIL;
    }
    return IVA__NIL;
}

/*@ requires iva_shape(t);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures \result != IVA__NIL ==>
      t->nodes_[\result].min_ <= p <= t->nodes_[\result].max_;
*/
uint32_t iva__find_point(const iva_tree *t, uint64_t p)
{
    uint32_t x = t->root_;
    /*@ loop invariant iva_link(t, x);
        loop assigns x;
    */
    while (x != IVA__NIL) {
        const iva_node *n = &t->nodes_[x];
        if (p < n->min_)
            x = n->left_;
        else if (p > n->max_)
            x = n->right_;
        else
            return x;
    }
    return IVA__NIL;
}

/* By I2, the node with the largest min <= max also has the largest max
 * among those starting at or below max: it is the only candidate. */
/*@ requires iva_shape(t);
    assigns \nothing;
*/
bool iva__intersects_any(const iva_tree *t, uint64_t min, uint64_t max)
{
    uint32_t x = t->root_, best = IVA__NIL;
    /*@ loop invariant iva_link(t, x) && iva_link(t, best);
        loop invariant best != IVA__NIL ==> t->nodes_[best].min_ <= max;
        loop assigns x, best;
    */
    while (x != IVA__NIL) {
        const iva_node *n = &t->nodes_[x];
        if (n->min_ <= max) {
            best = x;
            x = n->right_;
        } else {
            x = n->left_;
        }
    }
    return best != IVA__NIL && t->nodes_[best].max_ >= min;
}

/*@ requires iva_shape(t);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures \result == IVA__NIL <==> t->root_ == IVA__NIL;
    ensures \result != IVA__NIL ==> t->nodes_[\result].left_ == IVA__NIL;
*/
uint32_t iva__first(const iva_tree *t)
{
    uint32_t x = t->root_;
    if (x == IVA__NIL)
        return x;
    /*@ loop invariant iva_link(t, x) && x != IVA__NIL;
        loop assigns x;
    */
    while (t->nodes_[x].left_ != IVA__NIL)
        x = t->nodes_[x].left_;
    return x;
}

/*@ requires iva_shape(t) && x < t->hw_;
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures \result == (right ? t->nodes_[x].right_ : t->nodes_[x].left_);
*/
static uint32_t side(const iva_tree *t, uint32_t x, bool right)
{
    return right ? t->nodes_[x].right_ : t->nodes_[x].left_;
}

/* In-order successor (fwd) or predecessor (!fwd) of x; IVA__NIL if none. */
/*@ requires iva_shape(t) && x < t->hw_;
    assigns \nothing;
    ensures iva_link(t, \result);
*/
static uint32_t step(const iva_tree *t, uint32_t x, bool fwd)
{
    uint32_t p;
    if (side(t, x, fwd) != IVA__NIL) {
        x = side(t, x, fwd);
        /*@ loop invariant x < t->hw_;
            loop assigns x;
        */
        while (side(t, x, !fwd) != IVA__NIL)
            x = side(t, x, !fwd);
        return x;
    }
    p = t->nodes_[x].parent_;
    /*@ loop invariant iva_link(t, p) && x < t->hw_;
        loop assigns x, p;
    */
    while (p != IVA__NIL && side(t, p, fwd) == x) {
        x = p;
        p = t->nodes_[p].parent_;
    }
    return p;
}

/*@ requires iva_shape(t) && x < t->hw_;
    assigns \nothing;
    ensures iva_link(t, \result);
*/
uint32_t iva__next(const iva_tree *t, uint32_t x)
{
    return step(t, x, true);
}

/*@ requires iva_shape(t) && x < t->hw_;
    assigns \nothing;
    ensures iva_link(t, \result);
*/
uint32_t iva__prev(const iva_tree *t, uint32_t x)
{
    return step(t, x, false);
}

/*@ requires iva_shape(t) && x < t->hw_;
    requires \valid(e) && \separated(e, t->nodes_ + (0 .. t->cap_ - 1));
    assigns *e;
    ensures e->key.min == t->nodes_[x].min_ && e->key.max == t->nodes_[x].max_;
    ensures e->state == t->nodes_[x].hs_ >> IVA__SSHIFT;
    ensures e->data == t->nodes_[x].data_;
*/
void iva__entry(const iva_tree *t, uint32_t x, iva_entry *e)
{
    const iva_node *n = &t->nodes_[x];
    e->key.min = n->min_;
    e->key.max = n->max_;
    e->state = (iva_state)iva__state(n);
    e->data = n->data_;
}

/* ---- mutation ------------------------------------------------------- */

/* Hang slot x as a leaf under p (on its right side if `right`); p NIL:
 * x becomes the root. */
static void hang(iva_tree *t, uint32_t x, uint32_t p, bool right)
{
    t->nodes_[x].parent_ = p;
    if (p == IVA__NIL)
        t->root_ = x;
    else if (right)
        t->nodes_[p].right_ = x;
    else
        t->nodes_[p].left_ = x;
}

/* Hang slot x as a leaf at its BST position, found from the root (I2
 * holds: its key is disjoint from all). */
static void attach_leaf(iva_tree *t, uint32_t x)
{
    uint64_t k = t->nodes_[x].min_;
    uint32_t p = IVA__NIL, c = t->root_;
    bool right = false;
    while (c != IVA__NIL) {
        p = c;
        right = k > t->nodes_[c].min_;
        c = side(t, c, right);
    }
    hang(t, x, p, right);
}

/* Hang slot x as a leaf where it becomes the in-order successor (after)
 * or predecessor of node `near`: no search from the root. */
static void attach_next_to(iva_tree *t, uint32_t x, uint32_t near, bool after)
{
    uint32_t p = near;
    if (side(t, p, after) == IVA__NIL) {
        hang(t, x, p, after);
        return;
    }
    p = side(t, p, after);
    while (side(t, p, !after) != IVA__NIL)
        p = side(t, p, !after);
    hang(t, x, p, !after);
}

/* Add a node: attach as a leaf (next to `near` if not NIL), then rotate
 * it up to its heap position. */
static uint32_t add_at(iva_tree *t, uint32_t near, bool after, uint64_t min,
                       uint64_t max, uint32_t state, uint64_t data,
                       uint32_t stale)
{
    uint32_t x = iva__slot_take(t);
    iva_node *n = &t->nodes_[x];
    uint32_t px = iva__prio(t, x);
    n->min_ = min;
    n->max_ = max;
    n->data_ = state == IVA_VALUED ? data : 0u; /* I5 */
    n->left_ = IVA__NIL;
    n->right_ = IVA__NIL;
    n->hs_ = state << IVA__SSHIFT;
    if (near == IVA__NIL)
        attach_leaf(t, x);
    else
        attach_next_to(t, x, near, after);
    (void)iva__pull(t, x);
    /* restores I3: lift x while it outranks its parent */
    while (n->parent_ != IVA__NIL && iva__prio(t, n->parent_) < px) {
        if (n->parent_ == stale) /* recomputed by the rotation, final */
            stale = IVA__NIL;
        rotate_up(t, x);
    }
    pull_from(t, n->parent_, n->parent_, stale);
    t->count_++;
    count_in(t, n);
    iva__journal_added(t, x);
    return x;
}

uint32_t iva__node_add(iva_tree *t, uint64_t min, uint64_t max,
                       uint32_t state, uint64_t data)
{
    return add_at(t, IVA__NIL, false, min, max, state, data, IVA__NIL);
}

uint32_t iva__node_add_next_to(iva_tree *t, uint32_t near, bool after,
                               uint64_t min, uint64_t max, uint32_t state,
                               uint32_t stale)
{
    return add_at(t, near, after, min, max, state, 0u, stale);
}

/* The child of x that must rise when x sinks (higher priority). */
static uint32_t heavier_child(const iva_tree *t, uint32_t x)
{
    uint32_t l = t->nodes_[x].left_, r = t->nodes_[x].right_;
    if (l == IVA__NIL)
        return r;
    if (r == IVA__NIL)
        return l;
    return iva__prio(t, l) >= iva__prio(t, r) ? l : r;
}

void iva__node_remove_stale(iva_tree *t, uint32_t x, uint32_t stale)
{
    uint32_t c, p, g = t->nodes_[x].parent_;
    iva__journal_removed(t, x);
    count_out(t, &t->nodes_[x]);
    t->count_--;
    /* sink x to a leaf; each rotation keeps I2 and I3 for the others */
    while ((c = heavier_child(t, x)) != IVA__NIL)
        rotate_up(t, c);
    p = t->nodes_[x].parent_;
    replace_child(t, p, x, IVA__NIL);
    /* the risen nodes between p and g, and stale: restores I4 */
    pull_from(t, p, g, stale);
    iva__slot_release(t, x); /* restores I6 */
}

void iva__node_remove(iva_tree *t, uint32_t x)
{
    iva__node_remove_stale(t, x, IVA__NIL);
}

void iva__node_change(iva_tree *t, uint32_t x, uint64_t min, uint64_t max,
                      uint32_t state, uint64_t data, iva_node *old)
{
    iva_node *n = &t->nodes_[x];
    *old = *n;
    count_out(t, n);
    n->min_ = min;
    n->max_ = max;
    n->data_ = state == IVA_VALUED ? data : 0u; /* I5 */
    iva__set_state_bits(n, state);
    count_in(t, n);
}

void iva__node_journal_change(iva_tree *t, uint32_t x, const iva_node *old)
{
    iva__journal_removed_node(t, old);
    iva__journal_added(t, x);
}

void iva__node_pull_up(iva_tree *t, uint32_t x)
{
    pull_up(t, x);
}

void iva__node_set(iva_tree *t, uint32_t x, uint64_t min, uint64_t max,
                   uint32_t state, uint64_t data)
{
    iva_node old;
    iva__node_change(t, x, min, max, state, data, &old);
    pull_up(t, x); /* restores I4 on x's path */
    iva__node_journal_change(t, x, &old);
}
