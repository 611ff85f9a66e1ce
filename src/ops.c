/*
 * The keyed operations of SPEC.md section 3: insert, delete, update, get,
 * get_superset, get_by_id, free (with the merge rule of section 4).
 * Each validates everything and reserves every resource (pool slot,
 * journal record) BEFORE the first change, so an error changes nothing.
 */
#include "iva_internal.h"
#include "iva_acsl.h"

/*@ requires iva_shape(t) && x < t->hw_;
    requires e == \null ||
             (\valid(e) && \separated(e, t->nodes_ + (0 .. t->cap_ - 1)));
    assigns e[0 .. (e == \null ? -1 : 0)];
    behavior none:
      assumes e == \null;
    behavior out:
      assumes e != \null;
      ensures e->key.min == t->nodes_[x].min_ &&
              e->key.max == t->nodes_[x].max_;
      ensures e->state == t->nodes_[x].hs_ >> IVA__SSHIFT;
      ensures e->data == t->nodes_[x].data_;
    complete behaviors;
    disjoint behaviors;
*/
static void put_entry(const iva_tree *t, uint32_t x, iva_entry *e)
{
    if (e != NULL)
        iva__entry(t, x, e);
}

/* Specified: the status; INVALID assigns nothing; OVERLAP and NO_MEMORY
 * change nothing (NO_MEMORY through grow's assumed contract, pool.c).
 * The success path (node insertion) has no contract yet. */
/*@ requires iva_shape(t) && \valid(t);
    requires win: iva_wtree(t);
    requires data == \null || \valid_read(data);
    requires t->n_unused_ <= t->hw_;
    requires journal: iva_journal_ok(t);
    ensures status: \result == IVA_OK || \result == IVA_ERR_INVALID ||
      \result == IVA_ERR_OVERLAP || \result == IVA_ERR_NO_MEMORY;
    ensures overlap: \result == IVA_ERR_OVERLAP ==>
      iva_tree_same{Pre, Post}(t);
    ensures no_memory: \result == IVA_ERR_NO_MEMORY ==>
      iva_tree_same{Pre, Post}(t);
    behavior invalid:
      assumes key.min > key.max;
      assigns \nothing;
      ensures \result == IVA_ERR_INVALID;
*/
iva_status iva_insert(iva_tree *t, iva_range key, const uint64_t *data)
{
    iva_status st;
    if (key.min > key.max) /* I1 */
        return IVA_ERR_INVALID;
    if (iva__intersects_any(t, key.min, key.max)) /* I2 */
        return IVA_ERR_OVERLAP;
    st = iva__journal_reserve(t, 1u); /* first: see take (place.c) */
    if (st == IVA_OK)
        st = iva__reserve(t, 1u);
    if (st != IVA_OK)
        return st;
    (void)iva__node_add(t, key.min, key.max,
                        data != NULL ? IVA_VALUED : IVA_FREE,
                        data != NULL ? *data : 0u);
    iva__balance(t);
    return IVA_OK;
}

/* The errors: NOT_FOUND, and NO_MEMORY (journal full) change nothing.
 * The success path (node removal) has no contract yet. */
/*@ requires iva_shape(t) && \valid(t);
    requires win: iva_wtree(t);
    requires iva_entry_out(t, old);
    requires journal: iva_journal_ok(t);
    ensures status: \result == IVA_OK || \result == IVA_ERR_NOT_FOUND ||
                    \result == IVA_ERR_NO_MEMORY;
    ensures not_found: \result == IVA_ERR_NOT_FOUND ==>
      iva_untouched{Pre, Post}(t, old);
    ensures no_memory: \result == IVA_ERR_NO_MEMORY ==>
      iva_untouched{Pre, Post}(t, old);
*/
iva_status iva_delete(iva_tree *t, iva_range key, iva_entry *old)
{
    uint32_t x = iva__find_exact(t, key.min, key.max);
    iva_status st;
    if (x == IVA__NIL)
        return IVA_ERR_NOT_FOUND;
    st = iva__journal_reserve(t, 1u);
    if (st != IVA_OK)
        return st;
    put_entry(t, x, old);
    iva__node_remove(t, x);
    iva__balance(t);
    return IVA_OK;
}

/* The errors: NOT_FOUND, STATE (the node is FREE) and NO_MEMORY (journal
 * full) change nothing.  The success path has no contract yet. */
/*@ requires iva_shape(t) && \valid(t);
    requires win: iva_wtree(t);
    requires iva_entry_out(t, old);
    requires journal: iva_journal_ok(t);
    ensures status: \result == IVA_OK || \result == IVA_ERR_NOT_FOUND ||
                    \result == IVA_ERR_STATE || \result == IVA_ERR_NO_MEMORY;
    ensures not_found: \result == IVA_ERR_NOT_FOUND ==>
      iva_untouched{Pre, Post}(t, old);
    ensures state: \result == IVA_ERR_STATE ==>
      iva_untouched{Pre, Post}(t, old);
    ensures no_memory: \result == IVA_ERR_NO_MEMORY ==>
      iva_untouched{Pre, Post}(t, old);
*/
iva_status iva_update(iva_tree *t, iva_range key, uint64_t data,
                      iva_entry *old)
{
    uint32_t x = iva__find_exact(t, key.min, key.max);
    iva_status st;
    if (x == IVA__NIL)
        return IVA_ERR_NOT_FOUND;
    if (iva__state(&t->nodes_[x]) == IVA_FREE)
        return IVA_ERR_STATE;
    st = iva__journal_reserve(t, 2u);
    if (st != IVA_OK)
        return st;
    put_entry(t, x, old);
    iva__node_set(t, x, key.min, key.max, IVA_VALUED, data);
    return IVA_OK;
}

/*@ requires iva_shape(t);
    requires win: iva_wtree(t);
    requires iva_entry_out(t, out);
    ensures \result == IVA_OK || \result == IVA_ERR_NOT_FOUND;
    assigns out[0 .. (out == \null ? -1 : 0)];
    behavior none:
      assumes out == \null;
    behavior out:
      assumes out != \null;
      ensures found: \result == IVA_OK ==>
        out->key.min == key.min && out->key.max == key.max &&
        \exists integer i; 0 <= i < t->hw_ && iva_entry_of(t, out, i);
      ensures unchanged: \result != IVA_OK ==> iva_entry_same{Pre, Post}(out);
    complete behaviors;
    disjoint behaviors;
*/
iva_status iva_get(const iva_tree *t, iva_range key, iva_entry *out)
{
    uint32_t x = iva__find_exact(t, key.min, key.max);
    if (x == IVA__NIL)
        return IVA_ERR_NOT_FOUND;
    put_entry(t, x, out);
    //@ assert wit: out != \null ==> 0 <= x < t->hw_ && iva_entry_of(t, out, x);
    return IVA_OK;
}

/*@ requires iva_shape(t);
    requires win: iva_wtree(t);
    requires iva_entry_out(t, out);
    ensures \result == IVA_OK || \result == IVA_ERR_NOT_FOUND;
    ensures empty: key.min > key.max ==> \result == IVA_ERR_NOT_FOUND;
    assigns out[0 .. (out == \null ? -1 : 0)];
    behavior none:
      assumes out == \null;
    behavior out:
      assumes out != \null;
      ensures found: \result == IVA_OK ==>
        out->key.min <= key.min && key.max <= out->key.max &&
        \exists integer i; 0 <= i < t->hw_ && iva_entry_of(t, out, i);
      ensures unchanged: \result != IVA_OK ==> iva_entry_same{Pre, Post}(out);
    complete behaviors;
    disjoint behaviors;
*/
iva_status iva_get_superset(const iva_tree *t, iva_range key, iva_entry *out)
{
    uint32_t x;
    if (key.min > key.max)
        return IVA_ERR_NOT_FOUND;
    x = iva__find_point(t, key.min);
    if (x == IVA__NIL || !iva__contains(t->nodes_[x].min_, t->nodes_[x].max_,
                                        key.min, key.max))
        return IVA_ERR_NOT_FOUND;
    put_entry(t, x, out);
    return IVA_OK;
}

/*@ requires iva_shape(t);
    requires win: iva_wtree(t);
    requires data == \null ||
             (\valid(data) &&
              \separated(data, t, t->nodes_ + (0 .. t->cap_ - 1)));
    ensures \result == IVA_OK || \result == IVA_ERR_NOT_FOUND;
    assigns data[0 .. (data == \null ? -1 : 0)];
    behavior none:
      assumes data == \null;
    behavior out:
      assumes data != \null;
      ensures found: \result == IVA_OK ==>
        \exists integer i; 0 <= i < t->hw_ &&
          t->nodes_[i].min_ <= id <= t->nodes_[i].max_ &&
          iva_valued_at(t, i) &&
          *data == t->nodes_[i].data_;
      ensures unchanged: \result != IVA_OK ==> *data == \old(*data);
    complete behaviors;
    disjoint behaviors;
*/
iva_status iva_get_by_id(const iva_tree *t, uint64_t id, uint64_t *data)
{
    uint32_t x = iva__find_point(t, id);
    if (x == IVA__NIL || iva__state(&t->nodes_[x]) != IVA_VALUED)
        return IVA_ERR_NOT_FOUND;
    if (data != NULL)
        *data = t->nodes_[x].data_;
    return IVA_OK;
}

/* The in-order neighbour y of x (previous if !after) when it is FREE and
 * touches x's key; IVA__NIL otherwise.  By I2 the node containing
 * x.min - 1 (x.max + 1), if any, is that neighbour. */
/*@ requires iva_shape(t) && x < t->hw_;
    requires win: iva_wtree(t) && iva_in(x);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures free: \result != IVA__NIL ==> iva_free_at(t, \result);
    ensures touches: \result != IVA__NIL ==>
      (after ? t->nodes_[\result].min_ == t->nodes_[x].max_ + 1
             : t->nodes_[\result].max_ + 1 == t->nodes_[x].min_);
*/
static uint32_t free_neighbour(const iva_tree *t, uint32_t x, bool after)
{
    uint32_t y = after ? iva__next(t, x) : iva__prev(t, x);
    const iva_node *n = &t->nodes_[x];
    if (y == IVA__NIL || iva__state(&t->nodes_[y]) != IVA_FREE)
        return IVA__NIL;
    /* adjacency without wrap-around even on a corrupted tree: x.max + 1
     * (x.min - 1) is only formed where it exists (the edge test is a
     * value, not a branch: no valid tree has a neighbour beyond the edge) */
    if (after) {
        uint64_t in = n->max_ != UINT64_MAX;
        return in * (t->nodes_[y].min_ == n->max_ + in) != 0u ? y : IVA__NIL;
    }
    {
        uint64_t in = n->min_ != 0u;
        return in * (t->nodes_[y].max_ == n->min_ - in) != 0u ? y : IVA__NIL;
    }
}

/* The errors: NOT_FOUND, STATE (double free) and NO_MEMORY (journal
 * full) change nothing.  The success path (merge) has no contract yet. */
/*@ requires iva_shape(t) && \valid(t);
    requires win: iva_wtree(t);
    requires iva_entry_out(t, old);
    requires journal: iva_journal_ok(t);
    ensures status: \result == IVA_OK || \result == IVA_ERR_NOT_FOUND ||
                    \result == IVA_ERR_STATE || \result == IVA_ERR_NO_MEMORY;
    ensures not_found: \result == IVA_ERR_NOT_FOUND ==>
      iva_untouched{Pre, Post}(t, old);
    ensures state: \result == IVA_ERR_STATE ==>
      iva_untouched{Pre, Post}(t, old);
    ensures no_memory: \result == IVA_ERR_NO_MEMORY ==>
      iva_untouched{Pre, Post}(t, old);
*/
iva_status iva_free(iva_tree *t, iva_range key, iva_entry *old)
{
    uint32_t x = iva__find_exact(t, key.min, key.max);
    uint32_t l = IVA__NIL, r = IVA__NIL;
    uint64_t nmin = key.min, nmax = key.max;
    iva_node was;
    iva_status st;
    if (x == IVA__NIL)
        return IVA_ERR_NOT_FOUND;
    if (iva__state(&t->nodes_[x]) == IVA_FREE)
        return IVA_ERR_STATE;
    /* merge rule: at most one FREE neighbour on each side */
    l = free_neighbour(t, x, false);
    r = free_neighbour(t, x, true);
    st = iva__journal_reserve(t, 4u);
    if (st != IVA_OK)
        return st;
    put_entry(t, x, old);
    if (l != IVA__NIL)
        nmin = t->nodes_[l].min_;
    if (r != IVA__NIL)
        nmax = t->nodes_[r].max_;
    /* x takes the merged key; I2 holds again once l and r are gone.  The
     * first removal's walk to the root recomputes x too (restores I4). */
    iva__node_change(t, x, nmin, nmax, IVA_FREE, 0u, &was);
    if (l != IVA__NIL)
        iva__node_remove_stale(t, l, x);
    if (r != IVA__NIL)
        iva__node_remove_stale(t, r, l == IVA__NIL ? x : IVA__NIL);
    if (l == IVA__NIL && r == IVA__NIL)
        iva__node_pull_up(t, x); /* restores I4 */
    iva__node_journal_change(t, x, &was); /* after the removals (txn.c) */
    iva__balance(t);
    return IVA_OK;
}
