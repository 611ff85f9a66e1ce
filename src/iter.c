/*
 * In-order iteration (all nodes, or those meeting a range) and O(1)
 * statistics read from the cached counters (I4 keeps them exact).
 */
#include "iva_internal.h"
#include "iva_acsl.h"

/*@ requires iva_shape(t) && \valid(it) && \separated(it, t);
    requires win: iva_wtree(t);
    assigns *it;
    ensures it->t_ == t && it->lim_max_ == UINT64_MAX;
    ensures iva_link(t, it->next_);
    ensures in: it->next_ != IVA__NIL ==> iva_in(it->next_);
    ensures it->next_ == IVA__NIL <==> t->root_ == IVA__NIL;
*/
void iva_iter_all(iva_iter *it, const iva_tree *t)
{
    uint32_t x = iva__first(t);
    it->t_ = t;
    it->next_ = x;
    it->lim_max_ = UINT64_MAX;
}

/* Leftmost node whose max >= p: the first one that can meet [p, ...]. */
/*@ requires iva_shape(t) && iva_wtree(t);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures in: \result != IVA__NIL ==> iva_in(\result);
    ensures \result != IVA__NIL ==> t->nodes_[\result].max_ >= p;
*/
static uint32_t first_ending_at_or_after(const iva_tree *t, uint64_t p)
{
    uint32_t x = t->root_, best = IVA__NIL;
    /*@ loop invariant iva_link(t, x) && iva_link(t, best);
        loop invariant in: (x != IVA__NIL ==> iva_in(x)) &&
          (best != IVA__NIL ==> iva_in(best));
        loop invariant best != IVA__NIL ==> t->nodes_[best].max_ >= p;
        loop assigns x, best;
        loop variant x == IVA__NIL ? -1 : iva_ghi[x] - iva_glo[x];
    */
    while (x != IVA__NIL) {
        if (t->nodes_[x].max_ >= p) {
            best = x;
            x = t->nodes_[x].left_;
        } else {
            x = t->nodes_[x].right_;
        }
    }
    return best;
}

/*@ requires iva_shape(t) && \valid(it) && \separated(it, t);
    requires win: iva_wtree(t);
    assigns *it;
    ensures it->t_ == t && it->lim_max_ == r.max && iva_link(t, it->next_);
    ensures in: it->next_ != IVA__NIL ==> iva_in(it->next_);
    ensures r.min > r.max ==> it->next_ == IVA__NIL;
    ensures it->next_ != IVA__NIL ==> t->nodes_[it->next_].max_ >= r.min;
*/
void iva_iter_range(iva_iter *it, const iva_tree *t, iva_range r)
{
    uint32_t x = r.min > r.max ? IVA__NIL : first_ending_at_or_after(t, r.min);
    it->t_ = t;
    it->lim_max_ = r.max;
    it->next_ = x;
}

/*@ requires \valid(it) && iva_shape(it->t_) && iva_link(it->t_, it->next_);
    requires win: iva_wtree(it->t_) &&
      (it->next_ != IVA__NIL ==> iva_in(it->next_));
    requires \separated(it, it->t_, it->t_->nodes_ + (0 .. it->t_->cap_ - 1));
    requires \valid(out) &&
             \separated(out, it, it->t_, it->t_->nodes_ + (0 .. it->t_->cap_ - 1));
    assigns it->next_, *out;
    ensures iva_link(it->t_, it->next_);
    ensures in: it->next_ != IVA__NIL ==> iva_in(it->next_);
    behavior done:
      assumes it->next_ == IVA__NIL ||
              it->t_->nodes_[it->next_].min_ > it->lim_max_;
      assigns it->next_;
      ensures !\result && it->next_ == IVA__NIL;
    behavior more:
      assumes it->next_ != IVA__NIL &&
              it->t_->nodes_[it->next_].min_ <= it->lim_max_;
      ensures \result;
      ensures out->key.min == it->t_->nodes_[\old(it->next_)].min_ &&
              out->key.max == it->t_->nodes_[\old(it->next_)].max_;
      ensures out->state == it->t_->nodes_[\old(it->next_)].hs_ >> IVA__SSHIFT;
      ensures out->data == it->t_->nodes_[\old(it->next_)].data_;
    complete behaviors;
    disjoint behaviors;
*/
bool iva_iter_next(iva_iter *it, iva_entry *out)
{
    const iva_tree *t = it->t_;
    uint32_t x = it->next_, nx;
    if (x == IVA__NIL || t->nodes_[x].min_ > it->lim_max_) {
        it->next_ = IVA__NIL;
        return false;
    }
    nx = iva__next(t, x);
    iva__entry(t, x, out);
    it->next_ = nx;
    return true;
}

/* Largest FREE length - 1.  `big` saturates only for [0, UINT64_MAX],
 * which is then the only node (I2), so the root tells the two apart. */
/*@ requires iva_shape(t) && t->root_ != IVA__NIL;
    requires t->nodes_[t->root_].big_ >= 1;
    assigns \nothing;
    ensures \result == (t->nodes_[t->root_].big_ == UINT64_MAX &&
                        t->nodes_[t->root_].min_ == 0 &&
                        t->nodes_[t->root_].max_ == UINT64_MAX
                        ? UINT64_MAX : t->nodes_[t->root_].big_ - 1);
*/
static uint64_t largest_free_m1(const iva_tree *t)
{
    const iva_node *r = &t->nodes_[t->root_];
    if (r->big_ == UINT64_MAX && r->min_ == 0u && r->max_ == UINT64_MAX)
        return UINT64_MAX;
    return r->big_ - 1u;
}

/*@ requires iva_shape(t) && \valid(s);
    requires \separated(s, t, t->nodes_ + (0 .. t->cap_ - 1));
    requires I4: t->n_state_[IVA_FREE] > 0 ==>
      t->root_ != IVA__NIL && t->nodes_[t->root_].big_ >= 1;
    assigns *s;
    ensures s->nodes == t->count_ && s->capacity == t->cap_;
    ensures s->free_nodes == t->n_state_[IVA_FREE] &&
            s->allocated_nodes == t->n_state_[IVA_ALLOCATED] &&
            s->valued_nodes == t->n_state_[IVA_VALUED];
    ensures s->depth == (t->root_ == IVA__NIL ? 0 :
                         (t->nodes_[t->root_].hs_ & IVA__HMASK));
    ensures s->free_span_lo == t->free_span_lo_ &&
            s->free_span_hi == t->free_span_hi_;
    ensures s->has_free <==> t->n_state_[IVA_FREE] > 0;
    ensures s->visits == t->visits_;
    ensures s->rebuilds == t->rebuilds_;
    ensures t->n_state_[IVA_FREE] == 0 ==> s->largest_free_m1 == 0;
    ensures t->n_state_[IVA_FREE] > 0 ==> s->largest_free_m1 ==
      (t->nodes_[t->root_].big_ == UINT64_MAX &&
       t->nodes_[t->root_].min_ == 0 &&
       t->nodes_[t->root_].max_ == UINT64_MAX
       ? UINT64_MAX : t->nodes_[t->root_].big_ - 1);
*/
void iva_get_stats(const iva_tree *t, iva_stats *s)
{
    s->nodes = t->count_;
    s->free_nodes = t->n_state_[IVA_FREE];
    s->allocated_nodes = t->n_state_[IVA_ALLOCATED];
    s->valued_nodes = t->n_state_[IVA_VALUED];
    s->capacity = t->cap_;
    s->depth = t->root_ == IVA__NIL ? 0u : iva__height(&t->nodes_[t->root_]);
    s->free_span_lo = t->free_span_lo_;
    s->free_span_hi = t->free_span_hi_;
    s->has_free = t->n_state_[IVA_FREE] > 0u;
    s->largest_free_m1 = s->has_free ? largest_free_m1(t) : 0u;
    s->visits = t->visits_;
    s->rebuilds = t->rebuilds_;
}
