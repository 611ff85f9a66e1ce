/*
 * Placement policies (SPEC.md section 4) and the split of the chosen FREE
 * node.  The search is a pruned in-order walk over parent links (no stack,
 * no recursion): a subtree is entered only if its augmented `big` says it
 * holds a FREE node of at least `size`, and only if its key window can
 * meet [c.min, c.max].  FIRST_FIT walks left-to-right, LAST_FIT the mirror
 * image, BEST_FIT walks left-to-right without stopping.
 */
#include "iva_internal.h"
#include "iva_acsl.h"

/* Walk direction: child `first` is visited before the node, `second`
 * after.  For FIRST_FIT first = left. */
typedef struct walk {
    const iva_constraint *c;
    bool rev; /* true: right-to-left (LAST_FIT) */
} walk;

/*@ requires iva_shape(t) && x < t->hw_;
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures \result == (right ? t->nodes_[x].right_ : t->nodes_[x].left_);
*/
static uint32_t child(const iva_tree *t, uint32_t x, bool right)
{
    return right ? t->nodes_[x].right_ : t->nodes_[x].left_;
}

/* May the `right` (or left) subtree of x hold a placement? */
/*@ requires iva_shape(t) && x < t->hw_;
    requires \valid_read(w) && \valid_read(w->c);
    assigns \nothing;
    ensures \result <==>
      (right ? t->nodes_[x].right_ : t->nodes_[x].left_) != IVA__NIL &&
      t->nodes_[right ? t->nodes_[x].right_ : t->nodes_[x].left_].big_ >=
        w->c->size &&
      (right ? t->nodes_[x].max_ < w->c->max : t->nodes_[x].min_ > w->c->min);
*/
static bool side_viable(const iva_tree *t, const walk *w, uint32_t x,
                        bool right)
{
    uint32_t ch = child(t, x, right);
    if (ch == IVA__NIL || t->nodes_[ch].big_ < w->c->size)
        return false;
    /* left subtree keys lie below x.min, right ones above x.max */
    return right ? t->nodes_[x].max_ < w->c->max
                 : t->nodes_[x].min_ > w->c->min;
}

/* Placement inside node x by the walk's rule; false if none. */
/*@ requires iva_shape(t) && x < t->hw_;
    requires t->nodes_[x].min_ <= t->nodes_[x].max_;
    requires \valid_read(w) && \valid_read(w->c) && iva_cons_ok(*w->c);
    requires \valid(s);
    requires \separated(s, t, w, w->c, t->nodes_ + (0 .. t->cap_ - 1));
    assigns *s;
    ensures free: \result ==> iva_free_at(t, x);
    ensures admitted: \result ==>
      iva_admits(t->nodes_[x].min_, t->nodes_[x].max_, *w->c, *s);
    ensures lowest: \result && !w->rev ==> \forall integer u; u < *s ==>
      !iva_admits(t->nodes_[x].min_, t->nodes_[x].max_, *w->c, u);
    ensures highest: \result && w->rev ==> \forall integer u; u > *s ==>
      !iva_admits(t->nodes_[x].min_, t->nodes_[x].max_, *w->c, u);
    ensures none: !\result && iva_free_at(t, x) ==>
      \forall integer u;
        !iva_admits(t->nodes_[x].min_, t->nodes_[x].max_, *w->c, u);
*/
static bool fits(const iva_tree *t, const walk *w, uint32_t x, uint64_t *s)
{
    const iva_node *n = &t->nodes_[x];
    if (iva__state(n) != IVA_FREE ||
        iva__len_sat(n->min_, n->max_) < w->c->size)
        return false;
    return w->rev ? iva__fit_high(n->min_, n->max_, w->c, s)
                  : iva__fit_low(n->min_, n->max_, w->c, s);
}

/* Length - 1 of node x (exact, never overflows). */
/*@ requires iva_shape(t) && x < t->hw_;
    requires t->nodes_[x].min_ <= t->nodes_[x].max_;
    assigns \nothing;
    ensures \result == t->nodes_[x].max_ - t->nodes_[x].min_;
*/
static uint64_t span_m1(const iva_tree *t, uint32_t x)
{
    return t->nodes_[x].max_ - t->nodes_[x].min_;
}

/*
 * The pruned walk.  `prev` tells where we came from: the parent (descend),
 * the first child (visit x, then go second), or the second child (ascend).
 * best_only == false: return the first node that fits.  true: keep the
 * smallest fitting node (ties: earliest in walk order), stop early on an
 * exact size match.
 */
/*@ requires iva_shape(t) && iva_keys(t) && \valid(t);
    requires \valid_read(w) && \valid_read(w->c) && iva_cons_ok(*w->c);
    requires \valid(start);
    requires \separated(start, t, w, w->c, t->nodes_ + (0 .. t->cap_ - 1));
    requires \separated(w, w->c, t->nodes_ + (0 .. t->cap_ - 1));
    requires win: iva_wtree(t);
    assigns *start, t->visits_;
    ensures iva_link(t, \result);
    ensures free: \result != IVA__NIL ==> iva_free_at(t, \result);
    ensures admitted: \result != IVA__NIL ==>
      iva_admits(t->nodes_[\result].min_, t->nodes_[\result].max_, *w->c,
                 *start);
    ensures lowest: \result != IVA__NIL && !w->rev ==>
      \forall integer u; u < *start ==>
        !iva_admits(t->nodes_[\result].min_, t->nodes_[\result].max_, *w->c, u);
    ensures highest: \result != IVA__NIL && w->rev ==>
      \forall integer u; u > *start ==>
        !iva_admits(t->nodes_[\result].min_, t->nodes_[\result].max_, *w->c, u);
*/
static uint32_t search(iva_tree *t, const walk *w, bool best_only,
                       uint64_t *start)
{
    bool f = w->rev, s = !w->rev; /* first / second side */
    uint32_t x = t->root_, prev = IVA__NIL, best = IVA__NIL;
    uint64_t bs = 0u, cand, visits = t->visits_;
    if (x != IVA__NIL && t->nodes_[x].big_ < w->c->size)
        return IVA__NIL;
    /*@ loop invariant iva_link(t, x) && iva_link(t, prev) &&
                       iva_link(t, best);
        loop invariant f == w->rev && s == !w->rev;
        loop invariant best_free: best != IVA__NIL ==> iva_free_at(t, best);
        loop invariant best_admitted: best != IVA__NIL ==>
          iva_admits(t->nodes_[best].min_, t->nodes_[best].max_, *w->c, bs);
        loop invariant best_lowest: best != IVA__NIL && !w->rev ==>
          \forall integer u; u < bs ==>
            !iva_admits(t->nodes_[best].min_, t->nodes_[best].max_, *w->c, u);
        loop invariant best_highest: best != IVA__NIL && w->rev ==>
          \forall integer u; u > bs ==>
            !iva_admits(t->nodes_[best].min_, t->nodes_[best].max_, *w->c, u);
        loop invariant walk: iva_walk_at(t, x, prev);
        loop assigns x, prev, best, bs, cand, visits;
        loop variant iva_pt(0x10000000000000000) - iva_tour(t, x, prev, w->rev);
    */
    while (x != IVA__NIL) {
        uint32_t up = t->nodes_[x].parent_;
        /* ++ that wraps at 2^64 exactly like unsigned ++, written out so
         * that the proof's unsigned-overflow check sees the wrap is meant;
         * counted in a local, stored once after the walk */
        visits = visits == UINT64_MAX ? 0u : visits + 1u;
        if (prev == up && side_viable(t, w, x, f)) {
            prev = x;
            x = child(t, x, f);
            continue;
        }
        if (prev == up || prev == child(t, x, f)) {
            if (fits(t, w, x, &cand) &&
                (best == IVA__NIL || span_m1(t, x) < span_m1(t, best))) {
                best = x;
                bs = cand;
                if (!best_only || span_m1(t, x) == w->c->size - 1u)
                    break;
            }
            if (side_viable(t, w, x, s)) {
                prev = x;
                x = child(t, x, s);
                continue;
            }
        }
        prev = x;
        x = up;
    }
    t->visits_ = visits;
    *start = bs;
    return best;
}

/* True when every FREE node of at least c->size admits c: the window is
 * the whole space and neither align nor boundary moves the start. */
/*@ requires \valid_read(c);
    assigns \nothing;
    ensures \result <==> (c->min == 0 && c->max == UINT64_MAX &&
                          c->align <= 1 && c->boundary == 0);
*/
static bool unconstrained(const iva_constraint *c)
{
    return c->min == 0u && c->max == UINT64_MAX && c->align <= 1u &&
           c->boundary == 0u;
}

/* FIRST_FIT (LAST_FIT: w->rev) for an unconstrained c: the first (last)
 * FREE node of at least c->size in order, found in one walk down: I4's
 * `big` says on which side of x such a node lies, so nothing is
 * revisited. */
/* Terminates: each step enters a child, whose ghost window is strictly
 * inside its parent's (the loop variant). */
/*@ requires iva_shape(t) && iva_keys(t) && \valid(t);
    requires win: iva_wtree(t);
    requires \valid_read(w) && \valid_read(w->c) && iva_cons_ok(*w->c);
    requires size_only: w->c->min == 0 && w->c->max == UINT64_MAX &&
                        w->c->align <= 1 && w->c->boundary == 0;
    requires \valid(start);
    requires \separated(start, t, w, w->c, t->nodes_ + (0 .. t->cap_ - 1));
    requires \separated(w, w->c, t->nodes_ + (0 .. t->cap_ - 1));
    assigns *start, t->visits_;
    ensures iva_link(t, \result);
    ensures free: \result != IVA__NIL ==> iva_free_at(t, \result);
    ensures admitted: \result != IVA__NIL ==>
      iva_admits(t->nodes_[\result].min_, t->nodes_[\result].max_, *w->c,
                 *start);
    ensures lowest: \result != IVA__NIL && !w->rev ==>
      \forall integer u; u < *start ==>
        !iva_admits(t->nodes_[\result].min_, t->nodes_[\result].max_, *w->c, u);
    ensures highest: \result != IVA__NIL && w->rev ==>
      \forall integer u; u > *start ==>
        !iva_admits(t->nodes_[\result].min_, t->nodes_[\result].max_, *w->c, u);
*/
static uint32_t descend(iva_tree *t, const walk *w, uint64_t *start)
{
    bool f = w->rev; /* first side: right for LAST_FIT */
    uint64_t size = w->c->size, visits = t->visits_;
    uint32_t x = t->root_;
    if (x != IVA__NIL && t->nodes_[x].big_ < size)
        x = IVA__NIL;
    /*@ loop invariant iva_link(t, x) && (x != IVA__NIL ==> iva_in(x));
        loop invariant f == w->rev && size == w->c->size;
        loop assigns x, visits, *start;
        loop variant x == IVA__NIL ? -1 : iva_ghi[x] - iva_glo[x];
    */
    while (x != IVA__NIL) {
        uint32_t a = child(t, x, f);
        visits = visits == UINT64_MAX ? 0u : visits + 1u;
        if (a != IVA__NIL && t->nodes_[a].big_ >= size) {
            x = a;
            continue;
        }
        if (iva__state(&t->nodes_[x]) == IVA_FREE &&
            iva__len_sat(t->nodes_[x].min_, t->nodes_[x].max_) >= size) {
            /* unconstrained: the node's own lowest (highest) start */
            *start = f ? t->nodes_[x].max_ - (size - 1u) : t->nodes_[x].min_;
            break;
        }
        /* I4: the other side holds the node (else the walk ends: NIL) */
        x = child(t, x, !f);
    }
    t->visits_ = visits;
    return x;
}

/* Split FREE node x around [s, e]; slots already reserved. */
static void split(iva_tree *t, uint32_t x, uint64_t s, uint64_t e)
{
    uint64_t nmin = t->nodes_[x].min_, nmax = t->nodes_[x].max_;
    uint32_t stale = x; /* x's new fields are recomputed by the first add */
    iva_node old;
    iva__node_change(t, x, s, e, IVA_ALLOCATED, 0u, &old);
    iva__node_journal_change(t, x, &old);
    /* the remainders are x's in-order neighbours: no search from root */
    if (s > nmin) {
        (void)iva__node_add_next_to(t, x, false, nmin, s - 1u, IVA_FREE,
                                    stale);
        stale = IVA__NIL;
    }
    if (e < nmax) {
        (void)iva__node_add_next_to(t, x, true, e + 1u, nmax, IVA_FREE,
                                    stale);
        stale = IVA__NIL;
    }
    if (stale != IVA__NIL)
        iva__node_pull_up(t, x); /* restores I4 (exact fit) */
}

/* Slots a split of x around [s, e] needs: one per non-empty remainder. */
/*@ requires iva_shape(t) && x < t->hw_;
    assigns \nothing;
    ensures \result == (s > t->nodes_[x].min_ ? 1 : 0) +
                        (e < t->nodes_[x].max_ ? 1 : 0);
*/
static uint32_t split_cost(const iva_tree *t, uint32_t x, uint64_t s,
                           uint64_t e)
{
    return (uint32_t)(s > t->nodes_[x].min_) + (uint32_t)(e < t->nodes_[x].max_);
}

/* Reserve everything, then split x so that [s, e] becomes ALLOCATED.
 * Specified: the status, and that NO_MEMORY changes nothing (split has
 * no contract yet). */
/*@ requires iva_shape(t) && \valid(t) && x < t->hw_;
    requires t->n_unused_ <= t->hw_;
    requires journal: iva_journal_ok(t);
    requires out == \null ||
             (\valid(out) && \separated(out, t, t->nodes_ + (0 .. t->cap_ - 1)));
    ensures status: \result == IVA_OK || \result == IVA_ERR_NO_MEMORY;
    ensures no_memory: \result == IVA_ERR_NO_MEMORY ==>
      iva_tree_same{Pre, Post}(t);
*/
static iva_status take(iva_tree *t, uint32_t x, uint64_t s, uint64_t e,
                       iva_range *out)
{
    /* the journal first: its growth is invisible if the pool then fails */
    iva_status st = iva__journal_reserve(t, 4u);
    if (st == IVA_OK)
        st = iva__reserve(t, split_cost(t, x, s, e));
    if (st != IVA_OK)
        return st;
    if (out != NULL) { /* nothing can fail from here on */
        out->min = s;
        out->max = e;
    }
    split(t, x, s, e);
    iva__balance(t);
    return IVA_OK;
}

/* Specified: the status; INVALID assigns nothing; NO_SPACE and NO_MEMORY
 * change nothing but the visit counter.  The success path goes through
 * split, which has no contract yet. */
/*@ requires iva_shape(t) && iva_keys(t) && \valid(t);
    requires win: iva_wtree(t);
    requires \valid_read(c);
    requires \separated(c, t) && \separated(c, t->nodes_ + (0 .. t->cap_ - 1));
    requires t->n_unused_ <= t->hw_;
    requires journal: iva_journal_ok(t);
    requires out == \null ||
             (\valid(out) && \separated(out, c, t, t->nodes_ + (0 .. t->cap_ - 1)));
    ensures status: \result == IVA_OK || \result == IVA_ERR_INVALID ||
      \result == IVA_ERR_NO_SPACE || \result == IVA_ERR_NO_MEMORY;
    ensures no_space: \result == IVA_ERR_NO_SPACE ==>
      iva_tree_same{Pre, Post}(t);
    ensures no_memory: \result == IVA_ERR_NO_MEMORY ==>
      iva_tree_same{Pre, Post}(t);
    behavior invalid:
      assumes !iva_cons_ok(*c);
      assigns \nothing;
      ensures \result == IVA_ERR_INVALID;
*/
iva_status iva_allocate(iva_tree *t, const iva_constraint *c, iva_range *out)
{
    walk w;
    uint32_t x;
    uint64_t s = 0u;
    if (iva_constraint_check(c) != IVA_OK)
        return IVA_ERR_INVALID;
    w.c = c;
    w.rev = c->policy == IVA_LAST_FIT;
    if (c->policy != IVA_BEST_FIT && unconstrained(c))
        x = descend(t, &w, &s);
    else
        x = search(t, &w, c->policy == IVA_BEST_FIT, &s);
    if (x == IVA__NIL)
        return IVA_ERR_NO_SPACE;
    //@ assert searched: iva_tree_same{Pre, Here}(t);
    return take(t, x, s, s + (c->size - 1u), out);
}

/* Specified as iva_allocate: the status; INVALID assigns nothing;
 * NO_SPACE and NO_MEMORY change nothing. */
/*@ requires iva_shape(t) && \valid(t);
    requires win: iva_wtree(t);
    requires t->n_unused_ <= t->hw_;
    requires journal: iva_journal_ok(t);
    ensures status: \result == IVA_OK || \result == IVA_ERR_INVALID ||
      \result == IVA_ERR_NO_SPACE || \result == IVA_ERR_NO_MEMORY;
    ensures no_space: \result == IVA_ERR_NO_SPACE ==>
      iva_tree_same{Pre, Post}(t);
    ensures no_memory: \result == IVA_ERR_NO_MEMORY ==>
      iva_tree_same{Pre, Post}(t);
    behavior invalid:
      assumes r.min > r.max;
      assigns \nothing;
      ensures \result == IVA_ERR_INVALID;
*/
iva_status iva_allocate_at(iva_tree *t, iva_range r)
{
    uint32_t x;
    if (r.min > r.max)
        return IVA_ERR_INVALID;
    x = iva__find_point(t, r.min);
    if (x == IVA__NIL || iva__state(&t->nodes_[x]) != IVA_FREE ||
        !iva__contains(t->nodes_[x].min_, t->nodes_[x].max_, r.min, r.max))
        return IVA_ERR_NO_SPACE;
    return take(t, x, r.min, r.max, NULL);
}
