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

/*@
  // ---- logic of the augmented fields (I4), local to one node --------
  logic integer iva_max2(integer a, integer b) = a >= b ? a : b;

  // Length saturated to UINT64_MAX, as iva__len_sat computes it.
  logic integer iva_sat(integer v) = v > UINT64_MAX ? UINT64_MAX : v;

  // Height and big of link x: 0 for IVA__NIL (height_of, big_of).
  logic integer iva_h{L}(iva_tree *t, integer x) =
    x == IVA__NIL ? 0 : (t->nodes_[x].hs_ & IVA__HMASK);
  logic integer iva_b{L}(iva_tree *t, integer x) =
    x == IVA__NIL ? 0 : t->nodes_[x].big_;

  // Own contribution to big of a node with state word hs and key
  // [min, max]: its saturated length if FREE (state bits 0), else 0.
  logic integer iva_own(integer hs, integer min, integer max) =
    (hs & 0xC0000000) == 0 ? iva_sat(iva_len(min, max)) : 0;

  // Larger height / big of the two children of x.
  logic integer iva_hkids{L}(iva_tree *t, integer x) =
    iva_max2(iva_h(t, t->nodes_[x].left_), iva_h(t, t->nodes_[x].right_));
  logic integer iva_bkids{L}(iva_tree *t, integer x) =
    iva_max2(iva_b(t, t->nodes_[x].left_), iva_b(t, t->nodes_[x].right_));

  // The state word hs0 with its height bits (0..29) replaced by h, as
  // iva__set_height stores it: the state bits (30, 31) are those of hs0.
  logic integer iva_pack(integer hs0, integer h) =
    (hs0 & 0xC0000000) | (h & IVA__HMASK);

  // I4 at node x, as iva__pull leaves it: big is the recomputation, and
  // the state word is hs0 (x's word before the recompute: same state
  // bits) with height 1 + max(children heights).  Stated on the written
  // word because no solver here reads bits back out of a `|` of masks
  // (docs/PROOFS.md).
  predicate iva_pulled{L}(iva_tree *t, integer x, integer hs0) =
    t->nodes_[x].big_ ==
      iva_max2(iva_own(hs0, t->nodes_[x].min_, t->nodes_[x].max_),
               iva_bkids(t, x)) &&
    t->nodes_[x].hs_ == iva_pack(hs0, 1 + iva_hkids(t, x));

  // No used slot is its own child (true in any tree; iva__pull needs it).
  predicate iva_no_self{L}(iva_tree *t) =
    \forall integer i; 0 <= i < t->hw_ ==>
      t->nodes_[i].left_ != i && t->nodes_[i].right_ != i;

  // The 65-bit total FREE span hi * 2^64 + lo.
  logic integer iva_span{L}(iva_tree *t) =
    t->free_span_hi_ * 18446744073709551616 + t->free_span_lo_;
*/

/*@ requires iva_shape(t) && iva_link(t, x);
    assigns \nothing;
    ensures \result == iva_h(t, x);
    ensures \result <= IVA__HMASK;
*/
static uint32_t height_of(const iva_tree *t, uint32_t x)
{
    return x == IVA__NIL ? 0u : iva__height(&t->nodes_[x]);
}

/*@ requires iva_shape(t) && iva_link(t, x);
    assigns \nothing;
    ensures \result == iva_b(t, x);
*/
static uint64_t big_of(const iva_tree *t, uint32_t x)
{
    return x == IVA__NIL ? 0u : t->nodes_[x].big_;
}

/* x's own contribution to big: its FREE length (saturated), else 0. */
/*@ requires iva_shape(t) && x < t->hw_;
    requires I1: t->nodes_[x].min_ <= t->nodes_[x].max_;
    assigns \nothing;
    ensures \result == iva_own(t->nodes_[x].hs_, t->nodes_[x].min_,
                              t->nodes_[x].max_);
*/
static inline uint64_t own_of(const iva_tree *t, uint32_t x)
{
    const iva_node *n = &t->nodes_[x];
    return iva__state(n) == IVA_FREE ? iva__len_sat(n->min_, n->max_) : 0u;
}

/* Big of x recomputed from x's own FREE length and its children's big
 * (the big half of I4 at x; the height is left alone). */
/*@ requires iva_shape(t) && x < t->hw_;
    requires I1: t->nodes_[x].min_ <= t->nodes_[x].max_;
    assigns \nothing;
    ensures \result == iva_max2(iva_own(t->nodes_[x].hs_, t->nodes_[x].min_,
                                        t->nodes_[x].max_), iva_bkids(t, x));
*/
static inline uint64_t big_here(const iva_tree *t, uint32_t x)
{
    uint64_t own = own_of(t, x);
    uint64_t bl = big_of(t, t->nodes_[x].left_);
    uint64_t br = big_of(t, t->nodes_[x].right_);
    uint64_t b = own > bl ? own : bl;
    return b > br ? b : br;
}

/* I4 at x: big and height recomputed from x and its children. */
/*@ requires iva_shape(t) && x < t->hw_;
    requires I1: t->nodes_[x].min_ <= t->nodes_[x].max_;
    requires no_self: t->nodes_[x].left_ != x && t->nodes_[x].right_ != x;
    assigns t->nodes_[x].hs_, t->nodes_[x].big_;
    ensures big: t->nodes_[x].big_ ==
      iva_max2(iva_own(\old(t->nodes_[x].hs_), t->nodes_[x].min_,
                       t->nodes_[x].max_), iva_bkids(t, x));
    ensures hs: t->nodes_[x].hs_ ==
      iva_pack(\old(t->nodes_[x].hs_), 1 + iva_hkids(t, x));
    ensures I4: iva_pulled(t, x, \old(t->nodes_[x].hs_));
    ensures shape: iva_shape(t);
    ensures keys: iva_keys{Pre}(t) ==> iva_keys(t);
    ensures no_self: iva_no_self{Pre}(t) ==> iva_no_self(t);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
*/
static inline void iva__pull(iva_tree *t, uint32_t x)
{
    iva_node *n = &t->nodes_[x];
    uint32_t hl = height_of(t, n->left_), hr = height_of(t, n->right_);
    n->big_ = big_here(t, x);
    iva__set_height(n, 1u + (hl > hr ? hl : hr)); /* restores I4 at x */
}

/* The walk above a node c whose height came out unchanged, so that only
 * big can still change on c's path (heights depend on heights alone).
 * c's big went from ob to nb.  Each ancestor's other sources of big (its
 * own length, its other child) are unchanged, and its big was their
 * maximum with ob (I4 held before, or it would be stale).  So when big
 * grew, an ancestor's new big is max(big, nb), and the first one already
 * at nb or above ends the walk; when it shrank, an ancestor above ob owes
 * its big to another source and ends the walk, one equal to ob is
 * recomputed (from its own length, its other child's big and nb: only
 * the child on the path changed), and the walk goes on while that changes
 * its big (ob is then also the ancestor's old big).  Restores I4 on the
 * path at the cost of one or two loads per node instead of a full
 * recompute. */
/* Partial correctness, as pull_from. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t);
    requires c < t->hw_;
    requires win: iva_wtree(t) && iva_in(c);
    assigns t->nodes_[0 .. t->hw_ - 1].big_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
*/
static void settle(iva_tree *t, uint32_t c, uint64_t ob, uint64_t nb)
{
    uint32_t p = t->nodes_[c].parent_;
    //@ assert wc: iva_wnode(t, c);
    /*@ loop invariant iva_shape(t) && iva_keys(t) && iva_no_self(t);
        loop invariant iva_link(t, p);
        loop invariant lk: iva_lk_same{Pre, Here}(t);
        loop invariant hdr: iva_hdr_same{Pre, Here}(t);
        loop invariant win: iva_wtree(t) && (p != IVA__NIL ==> iva_in(p));
        loop assigns p, t->nodes_[0 .. t->hw_ - 1].big_;
        loop variant p == IVA__NIL ? 0 : 18446744073709551616 - (iva_ghi[p] - iva_glo[p]);
    */
    while (nb > ob && p != IVA__NIL && t->nodes_[p].big_ < nb) {
        //@ assert wp: iva_wnode(t, p);
        //@ assert wq: t->nodes_[p].parent_ != IVA__NIL ==> iva_wnode(t, t->nodes_[p].parent_);
        t->nodes_[p].big_ = nb;
        p = t->nodes_[p].parent_;
    }
    /*@ loop invariant iva_shape(t) && iva_keys(t) && iva_no_self(t);
        loop invariant iva_link(t, p) && c < t->hw_;
        loop invariant lk: iva_lk_same{Pre, Here}(t);
        loop invariant hdr: iva_hdr_same{Pre, Here}(t);
        loop invariant win: iva_wtree(t) && (p != IVA__NIL ==> iva_in(p));
        loop assigns p, c, nb, t->nodes_[0 .. t->hw_ - 1].big_;
        loop variant p == IVA__NIL ? 0 : 18446744073709551616 - (iva_ghi[p] - iva_glo[p]);
    */
    while (nb < ob && p != IVA__NIL && t->nodes_[p].big_ == ob) {
        const iva_node *n = &t->nodes_[p];
        uint64_t own = own_of(t, p);
        uint64_t bo = big_of(t, n->left_ == c ? n->right_ : n->left_);
        uint64_t b = own > bo ? own : bo;
        nb = b > nb ? b : nb;
        //@ assert wp: iva_wnode(t, p);
        //@ assert wq: t->nodes_[p].parent_ != IVA__NIL ==> iva_wnode(t, t->nodes_[p].parent_);
        t->nodes_[p].big_ = nb;
        c = p;
        p = t->nodes_[p].parent_;
    }
}

/* Recompute x and its ancestors (restores I4 on the path).  Every node
 * strictly below `stop` is recomputed, and so is `stale` (a node whose own
 * fields changed without a recompute) if it is on the path; above both,
 * once a node's height comes out unchanged, settle() finishes the walk
 * with big alone, and stops where big stops changing: nothing above can
 * change.  stop == IVA__NIL or a stale node off the path recompute up to
 * the root, which is always correct. */
/* Partial correctness: the walk follows parent links, which end at the
 * root only in an acyclic tree (not part of iva_shape), so no decreases. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t);
    requires iva_link(t, x);
    requires win: iva_wtree(t) && (x != IVA__NIL ==> iva_in(x));
    assigns t->nodes_[0 .. t->hw_ - 1].hs_, t->nodes_[0 .. t->hw_ - 1].big_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures win: iva_wtree(t);
*/
static void pull_from(iva_tree *t, uint32_t x, uint32_t stop, uint32_t stale)
{
    /* strictly below stop: recompute unconditionally; then fully up to
     * the first node whose height is unchanged once stale is done */
    /*@ loop invariant shape: iva_shape(t);
        loop invariant keys: iva_keys(t);
        loop invariant no_self: iva_no_self(t);
        loop invariant iva_link(t, x);
        loop invariant t->hw_ == \at(t->hw_, Pre);
        loop invariant lk: iva_lk_same{Pre, Here}(t);
        loop invariant hdr: iva_hdr_same{Pre, Here}(t);
        loop invariant win: iva_wtree(t) && (x != IVA__NIL ==> iva_in(x));
        loop assigns x, stale,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].hs_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].big_;
        loop variant x == IVA__NIL ? 0 : 18446744073709551616 - (iva_ghi[x] - iva_glo[x]);
    */
    while (x != IVA__NIL && x != stop) {
        //@ assert wx: iva_wnode(t, x);
        //@ assert wq: t->nodes_[x].parent_ != IVA__NIL ==> iva_wnode(t, t->nodes_[x].parent_);
        iva__pull(t, x);
        if (x == stale)
            stale = IVA__NIL;
        x = t->nodes_[x].parent_;
    }
    /*@ loop invariant shape: iva_shape(t);
        loop invariant keys: iva_keys(t);
        loop invariant no_self: iva_no_self(t);
        loop invariant iva_link(t, x);
        loop invariant t->hw_ == \at(t->hw_, Pre);
        loop invariant lk: iva_lk_same{Pre, Here}(t);
        loop invariant hdr: iva_hdr_same{Pre, Here}(t);
        loop invariant win: iva_wtree(t) && (x != IVA__NIL ==> iva_in(x));
        loop assigns x, stale,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].hs_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].big_;
        loop variant x == IVA__NIL ? 0 : 18446744073709551616 - (iva_ghi[x] - iva_glo[x]);
    */
    while (x != IVA__NIL) { /* stop and above */
        uint32_t hs0 = t->nodes_[x].hs_;
        uint64_t b0 = t->nodes_[x].big_;
        //@ assert wx: iva_wnode(t, x);
        //@ assert wq: t->nodes_[x].parent_ != IVA__NIL ==> iva_wnode(t, t->nodes_[x].parent_);
        iva__pull(t, x);
        if (x == stale)
            stale = IVA__NIL;
        if (stale == IVA__NIL && t->nodes_[x].hs_ == hs0) {
            settle(t, x, b0, t->nodes_[x].big_);
            return;
        }
        x = t->nodes_[x].parent_;
    }
}

/* Recompute every node, children before parents (a stackless post-order
 * walk over parent links): restores I4 everywhere, O(n).  Used after a
 * rebuild (balance.c), when every augmented field is stale. */
/* Terminates under iva_wtree: every step moves the walk forward in the
 * order iva_tour numbers (src/iva_acsl.h). */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t);
    requires win: iva_wtree(t);
    assigns t->nodes_[0 .. t->hw_ - 1].hs_, t->nodes_[0 .. t->hw_ - 1].big_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t);
    ensures lk: iva_lk_same{Pre, Post}(t);
*/
void iva__pull_all(iva_tree *t)
{
    uint32_t x = t->root_, prev = IVA__NIL;
    /*@ loop invariant shape: iva_shape(t);
        loop invariant keys: iva_keys(t);
        loop invariant no_self: iva_no_self(t);
        loop invariant iva_link(t, x) && iva_link(t, prev);
        loop invariant t->hw_ == \at(t->hw_, Pre);
        loop invariant lk: iva_lk_same{Pre, Here}(t);
        loop invariant win: iva_wtree(t);
        loop invariant walk: iva_walk_at(t, x, prev);
        loop assigns x, prev,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].hs_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].big_;
        loop variant iva_pt(0x10000000000000000) - iva_tour(t, x, prev, 0);
    */
    while (x != IVA__NIL) {
        const iva_node *n = &t->nodes_[x];
        uint32_t up = n->parent_;
        if (prev == up && n->left_ != IVA__NIL) {
            prev = x;
            x = n->left_;
        } else if ((prev == up || prev == n->left_) && n->right_ != IVA__NIL) {
            prev = x;
            x = n->right_;
        } else {
            iva__pull(t, x);
            prev = x;
            x = up;
        }
    }
}

/* Recompute x and its ancestors, stopping where nothing can change any
 * more (pull_from with stop = x): valid when only x's own fields or x's
 * subtree changed. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t);
    requires iva_link(t, x);
    requires win: iva_wtree(t) && (x != IVA__NIL ==> iva_in(x));
    assigns t->nodes_[0 .. t->hw_ - 1].hs_, t->nodes_[0 .. t->hw_ - 1].big_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t);
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
*/
static void pull_up(iva_tree *t, uint32_t x)
{
    pull_from(t, x, x, IVA__NIL);
}

/* Point the link that referred to `old` (root or a child of p) at `nu`. */
/*@ requires iva_shape(t) && \valid(t);
    requires iva_link(t, p) && iva_link(t, nu);
    assigns t->root_,
            { t->nodes_[i].left_ | integer i; i == p && p != IVA__NIL },
            { t->nodes_[i].right_ | integer i; i == p && p != IVA__NIL },
            { t->nodes_[i].parent_ | integer i; i == nu && nu != IVA__NIL };
    ensures root: p == IVA__NIL ==> t->root_ == nu;
    ensures root_kept: p != IVA__NIL ==> t->root_ == \old(t->root_);
    ensures left: p != IVA__NIL && \old(t->nodes_[p].left_) == old ==>
      t->nodes_[p].left_ == nu && t->nodes_[p].right_ == \old(t->nodes_[p].right_);
    ensures right: p != IVA__NIL && \old(t->nodes_[p].left_) != old ==>
      t->nodes_[p].right_ == nu && t->nodes_[p].left_ == \old(t->nodes_[p].left_);
    ensures parent: nu != IVA__NIL ==> t->nodes_[nu].parent_ == p;
    ensures shape: iva_shape(t);
    ensures keys: iva_keys{Pre}(t) ==> iva_keys(t);
    ensures no_self: iva_no_self{Pre}(t) && p != nu ==> iva_no_self(t);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures frame_lr: \forall integer i; 0 <= i < t->hw_ && i != p ==>
      t->nodes_[i].left_ == \old(t->nodes_[i].left_) &&
      t->nodes_[i].right_ == \old(t->nodes_[i].right_);
    ensures frame_up: \forall integer i; 0 <= i < t->hw_ && i != nu ==>
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
*/
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

/* Make c the child of p on the `right` (or left) side: p's link and c's
 * parent link (c may be IVA__NIL: then only p's link). */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t);
    requires p < t->hw_ && iva_link(t, c) && c != p;
    assigns t->nodes_[p].left_, t->nodes_[p].right_,
            { t->nodes_[i].parent_ | integer i; i == c && c != IVA__NIL };
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures right: right ==> t->nodes_[p].right_ == c &&
                             t->nodes_[p].left_ == \old(t->nodes_[p].left_);
    ensures left: !right ==> t->nodes_[p].left_ == c &&
                             t->nodes_[p].right_ == \old(t->nodes_[p].right_);
    ensures parent: c != IVA__NIL ==> t->nodes_[c].parent_ == p;
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures frame_lr: \forall integer i; 0 <= i < t->hw_ && i != p ==>
      t->nodes_[i].left_ == \old(t->nodes_[i].left_) &&
      t->nodes_[i].right_ == \old(t->nodes_[i].right_);
    ensures frame_up: \forall integer i; 0 <= i < t->hw_ && i != c ==>
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
*/
static void set_child(iva_tree *t, uint32_t p, bool right, uint32_t c)
{
    if (right)
        t->nodes_[p].right_ = c;
    else
        t->nodes_[p].left_ = c;
    if (c != IVA__NIL)
        t->nodes_[c].parent_ = p;
}

/*@ // The slots rotate_up(t, x) rewires besides x: x's parent p, p's
    // parent g, and mid, the child of x that changes sides.  In its
    // assigns clause a NIL g or mid is replaced by x itself
    // (iva_or_self), so that the clause lists fixed locations (no set
    // comprehension) and callers see every other slot unchanged.
  logic integer iva_rot_p{L}(iva_tree *t, integer x) = t->nodes_[x].parent_;
  logic integer iva_rot_g{L}(iva_tree *t, integer x) =
    t->nodes_[t->nodes_[x].parent_].parent_;
  logic integer iva_rot_mid{L}(iva_tree *t, integer x) =
    t->nodes_[t->nodes_[x].parent_].left_ == x ? t->nodes_[x].right_
                                               : t->nodes_[x].left_;
  logic integer iva_or_self(integer a, integer x) = a == IVA__NIL ? x : a;
*/

/* The three link writes of rotate_up(t, x), given the values it read
 * first: x's parent p, p's parent g, mid (the child of x that changes
 * sides) and `left` (x is p's left child).  mid takes x's place under p,
 * p hangs under x on mid's old side, x takes p's place under g (or
 * becomes the root).  A separate function so that the frame facts of the
 * three calls stay out of the proof of the I4 part (rotate_pull). */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && p < t->hw_ && iva_link(t, g) && iva_link(t, mid);
    requires apart: p != x && g != x && g != p && mid != p && mid != x &&
      (g != IVA__NIL ==> mid != g);
    assigns t->root_,
      t->nodes_[x].left_, t->nodes_[x].right_, t->nodes_[x].parent_,
      t->nodes_[p].left_, t->nodes_[p].right_, t->nodes_[p].parent_,
      t->nodes_[iva_or_self(g, x)].left_, t->nodes_[iva_or_self(g, x)].right_,
      t->nodes_[iva_or_self(mid, x)].parent_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures p_links: t->nodes_[p].parent_ == x &&
      t->nodes_[p].left_ == (left ? mid : \old(t->nodes_[p].left_)) &&
      t->nodes_[p].right_ == (left ? \old(t->nodes_[p].right_) : mid);
    ensures x_links: t->nodes_[x].parent_ == g &&
      t->nodes_[x].left_ == (left ? \old(t->nodes_[x].left_) : p) &&
      t->nodes_[x].right_ == (left ? p : \old(t->nodes_[x].right_));
    ensures mid_links: mid != IVA__NIL ==> t->nodes_[mid].parent_ == p &&
      t->nodes_[mid].left_ == \old(t->nodes_[mid].left_) &&
      t->nodes_[mid].right_ == \old(t->nodes_[mid].right_);
    ensures g_links: g != IVA__NIL ==>
      t->nodes_[g].parent_ == \old(t->nodes_[g].parent_) &&
      (\old(t->nodes_[g].left_) == p ?
         t->nodes_[g].left_ == x && t->nodes_[g].right_ == \old(t->nodes_[g].right_)
       : t->nodes_[g].right_ == x && t->nodes_[g].left_ == \old(t->nodes_[g].left_));
    ensures root: g == IVA__NIL ? t->root_ == x : t->root_ == \old(t->root_);
    ensures frame: \forall integer i; 0 <= i < t->hw_ && i != x && i != p &&
      i != g && i != mid ==>
      t->nodes_[i].left_ == \old(t->nodes_[i].left_) &&
      t->nodes_[i].right_ == \old(t->nodes_[i].right_) &&
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
    ensures hs_kept: t->nodes_[p].hs_ == \old(t->nodes_[p].hs_) &&
      t->nodes_[x].hs_ == \old(t->nodes_[x].hs_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
*/
static void rotate_relink(iva_tree *t, uint32_t x, uint32_t p, uint32_t g,
                          uint32_t mid, bool left)
{
    set_child(t, p, !left, mid); /* mid takes x's place under p */
    set_child(t, x, left, p);    /* p hangs under x, on mid's old side */
    replace_child(t, g, p, x);   /* x takes p's place under g */
}

/* The I4 part of rotate_up: recompute p, then x (p is now x's child, and
 * x is not p's child, so pulling x leaves p's I4 alone).  The ghost
 * copies of p's children and their fields, taken between the two pulls,
 * carry that fact across the second pull for the provers (s10 proves
 * with z3 or cvc5, not with cvc4 alone). */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t);
    requires p < t->hw_ && x < t->hw_ && p != x;
    requires kids: t->nodes_[p].left_ != x && t->nodes_[p].right_ != x;
    assigns t->nodes_[p].hs_, t->nodes_[p].big_,
            t->nodes_[x].hs_, t->nodes_[x].big_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures I4_p: iva_pulled(t, p, \old(t->nodes_[p].hs_));
    ensures I4_x: iva_pulled(t, x, \old(t->nodes_[x].hs_));
    ensures root_kept: t->root_ == \old(t->root_);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
    ensures hdr: iva_hdr_same{Pre, Post}(t);
*/
static void rotate_pull(iva_tree *t, uint32_t p, uint32_t x)
{
    //@ ghost uint32_t ph0 = t->nodes_[p].hs_, xh0 = t->nodes_[x].hs_;
    iva__pull(t, p);
    //@ assert s4: t->nodes_[p].left_ != x && t->nodes_[p].right_ != x;
    //@ assert s5: iva_pulled(t, p, ph0) && t->nodes_[x].hs_ == xh0;
    /*@ ghost uint32_t pl1 = t->nodes_[p].left_, pr1 = t->nodes_[p].right_;
              uint64_t pb1 = t->nodes_[p].big_;
              uint32_t hl1 = pl1 != IVA__NIL ? t->nodes_[pl1].hs_ : 0u,
                       hr1 = pr1 != IVA__NIL ? t->nodes_[pr1].hs_ : 0u;
              uint64_t bl1 = pl1 != IVA__NIL ? t->nodes_[pl1].big_ : 0u,
                       br1 = pr1 != IVA__NIL ? t->nodes_[pr1].big_ : 0u; */
    /*@ assert s5b: t->nodes_[p].big_ ==
          iva_max2(iva_own(ph0, t->nodes_[p].min_, t->nodes_[p].max_),
                   iva_max2(bl1, br1)) &&
        t->nodes_[p].hs_ == iva_pack(ph0, 1 + iva_max2(
          pl1 == IVA__NIL ? 0 : (hl1 & IVA__HMASK),
          pr1 == IVA__NIL ? 0 : (hr1 & IVA__HMASK))); */
    iva__pull(t, x);
    //@ assert s6a: t->nodes_[p].left_ == pl1 && t->nodes_[p].right_ == pr1;
    //@ assert s6b: t->nodes_[p].big_ == pb1;
    //@ assert s6c: pl1 != IVA__NIL ==> t->nodes_[pl1].hs_ == hl1;
    //@ assert s6e: pl1 != IVA__NIL ==> t->nodes_[pl1].big_ == bl1;
    //@ assert s6d: pr1 != IVA__NIL ==> t->nodes_[pr1].hs_ == hr1;
    //@ assert s6f: pr1 != IVA__NIL ==> t->nodes_[pr1].big_ == br1;
    /*@ assert s7: t->nodes_[p].big_ ==
          iva_max2(iva_own(ph0, t->nodes_[p].min_, t->nodes_[p].max_),
                   iva_max2(bl1, br1)) &&
        t->nodes_[p].hs_ == iva_pack(ph0, 1 + iva_max2(
          pl1 == IVA__NIL ? 0 : (hl1 & IVA__HMASK),
          pr1 == IVA__NIL ? 0 : (hr1 & IVA__HMASK))); */
    /*@ assert s8: iva_b(t, pl1) == bl1 && iva_b(t, pr1) == br1 &&
          iva_h(t, pl1) == (pl1 == IVA__NIL ? 0 : (hl1 & IVA__HMASK)) &&
          iva_h(t, pr1) == (pr1 == IVA__NIL ? 0 : (hr1 & IVA__HMASK)); */
    //@ assert s9: iva_bkids(t, p) == iva_max2(bl1, br1);
    /*@ assert s9h: iva_hkids(t, p) == iva_max2(
          pl1 == IVA__NIL ? 0 : (hl1 & IVA__HMASK),
          pr1 == IVA__NIL ? 0 : (hr1 & IVA__HMASK)); */
    /*@ assert s10b: t->nodes_[p].big_ ==
          iva_max2(iva_own(ph0, t->nodes_[p].min_, t->nodes_[p].max_),
                   iva_bkids(t, p)); */
    //@ assert s10h: t->nodes_[p].hs_ == iva_pack(ph0, 1 + iva_hkids(t, p));
    //@ assert s10: iva_pulled(t, p, ph0);
}

/* Rotate x above its parent p.  Keeps I2 (in-order unchanged); the caller
 * restores I3.  Recomputes p then x (restores I4 for both).  Every link
 * is read before the first write, so that each write (set_child,
 * replace_child) depends only on those values.  Proved: memory safety,
 * the shape facts every caller relies on, exactly which links change to
 * what, and I4 at p and x; not that the in-order sequence and the heap
 * order of the whole tree are kept (docs/PROOFS.md says why).  The `tree`
 * and `child` preconditions hold in any acyclic tree: p is neither x, nor
 * x's child, nor its own parent, x is not p's parent, and x is exactly
 * one of p's children.  The writes are in two helpers, rotate_relink
 * (the links) and rotate_pull (I4), so that each is proved in a small
 * context. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_;
    requires has_parent: t->nodes_[x].parent_ != IVA__NIL;
    requires tree: t->nodes_[x].parent_ != x &&
      t->nodes_[t->nodes_[x].parent_].parent_ != x &&
      t->nodes_[t->nodes_[x].parent_].parent_ != t->nodes_[x].parent_ &&
      t->nodes_[x].left_ != t->nodes_[x].parent_ &&
      t->nodes_[x].right_ != t->nodes_[x].parent_;
    requires child: \let p = t->nodes_[x].parent_;
      (t->nodes_[p].left_ == x && t->nodes_[p].right_ != x) ||
      (t->nodes_[p].right_ == x && t->nodes_[p].left_ != x);
    requires mid_g: iva_rot_g(t, x) != IVA__NIL ==>
      iva_rot_mid(t, x) != iva_rot_g(t, x);
    assigns t->root_,
      t->nodes_[x].left_, t->nodes_[x].right_, t->nodes_[x].parent_,
      t->nodes_[x].hs_, t->nodes_[x].big_,
      t->nodes_[iva_rot_p(t, x)].left_, t->nodes_[iva_rot_p(t, x)].right_,
      t->nodes_[iva_rot_p(t, x)].parent_, t->nodes_[iva_rot_p(t, x)].hs_,
      t->nodes_[iva_rot_p(t, x)].big_,
      t->nodes_[iva_or_self(iva_rot_g(t, x), x)].left_,
      t->nodes_[iva_or_self(iva_rot_g(t, x), x)].right_,
      t->nodes_[iva_or_self(iva_rot_mid(t, x), x)].parent_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures root: iva_rot_g{Pre}(t, x) == IVA__NIL ? t->root_ == x
                                                 : t->root_ == \old(t->root_);
    ensures x_links: \let p = iva_rot_p{Pre}(t, x);
      \let l = \old(t->nodes_[p].left_) == x;
      t->nodes_[x].parent_ == iva_rot_g{Pre}(t, x) &&
      t->nodes_[x].left_ == (l ? \old(t->nodes_[x].left_) : p) &&
      t->nodes_[x].right_ == (l ? p : \old(t->nodes_[x].right_));
    ensures p_links: \let p = iva_rot_p{Pre}(t, x);
      \let l = \old(t->nodes_[p].left_) == x;
      t->nodes_[p].parent_ == x &&
      t->nodes_[p].left_ ==
        (l ? iva_rot_mid{Pre}(t, x) : \old(t->nodes_[p].left_)) &&
      t->nodes_[p].right_ ==
        (l ? \old(t->nodes_[p].right_) : iva_rot_mid{Pre}(t, x));
    ensures mid_links: \let m = iva_rot_mid{Pre}(t, x); m != IVA__NIL ==>
      t->nodes_[m].parent_ == iva_rot_p{Pre}(t, x) &&
      t->nodes_[m].left_ == \old(t->nodes_[iva_rot_mid(t, x)].left_) &&
      t->nodes_[m].right_ == \old(t->nodes_[iva_rot_mid(t, x)].right_);
    ensures g_links: \let g = iva_rot_g{Pre}(t, x); g != IVA__NIL ==>
      t->nodes_[g].parent_ == \old(t->nodes_[iva_rot_g(t, x)].parent_) &&
      (\old(t->nodes_[iva_rot_g(t, x)].left_) == iva_rot_p{Pre}(t, x) ?
         t->nodes_[g].left_ == x &&
         t->nodes_[g].right_ == \old(t->nodes_[iva_rot_g(t, x)].right_)
       : t->nodes_[g].right_ == x &&
         t->nodes_[g].left_ == \old(t->nodes_[iva_rot_g(t, x)].left_));
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
    ensures frame: \forall integer i; 0 <= i < t->hw_ && i != x &&
      i != iva_rot_p{Pre}(t, x) && i != iva_rot_g{Pre}(t, x) &&
      i != iva_rot_mid{Pre}(t, x) ==>
      t->nodes_[i].left_ == \old(t->nodes_[i].left_) &&
      t->nodes_[i].right_ == \old(t->nodes_[i].right_) &&
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
    ensures I4_p: iva_pulled(t, \old(t->nodes_[x].parent_),
                            \old(t->nodes_[t->nodes_[x].parent_].hs_));
    ensures I4_x: iva_pulled(t, x, \old(t->nodes_[x].hs_));
    ensures hdr: iva_hdr_same{Pre, Post}(t);
*/
static void rotate_up(iva_tree *t, uint32_t x)
{
    uint32_t p = t->nodes_[x].parent_;
    uint32_t g = t->nodes_[p].parent_;
    bool left = t->nodes_[p].left_ == x; /* x is p's left child */
    uint32_t mid = left ? t->nodes_[x].right_ : t->nodes_[x].left_;
    //@ assert read: p < t->hw_ && iva_link(t, g) && iva_link(t, mid);
    /*@ assert apart: p != x && g != x && g != p && mid != p && mid != x &&
          (g != IVA__NIL ==> mid != g); */
    rotate_relink(t, x, p, g, mid, left);
    //@ assert kids: t->nodes_[p].left_ != x && t->nodes_[p].right_ != x;
    rotate_pull(t, p, x);
}

/* ---- ghost windows: the arrays (their meaning and the predicates over
 * them are in src/iva_acsl.h; docs/PROOFS.md, "Ghost windows") ---- */
//@ ghost bool iva_gin[IVA_MAX_NODES];
//@ ghost uint64_t iva_glo[IVA_MAX_NODES];
//@ ghost uint64_t iva_ghi[IVA_MAX_NODES];

/*@ // I3 (heap order), stated on the tree nodes by their parent links:
    // a node's parent has at least its priority.
    logic integer iva_pr{L}(iva_tree *t, integer i) =
      iva_prio(t->prio_key_, i);
    predicate iva_heap{L}(iva_tree *t) =
      \forall integer i; iva_in(i) && t->nodes_[i].parent_ != IVA__NIL ==>
        iva_pr(t, t->nodes_[i].parent_) >= iva_pr(t, i);
    // The parent of x has at least the priority of x's children.
    predicate iva_heap_gp{L}(iva_tree *t, integer x) =
      t->nodes_[x].parent_ != IVA__NIL ==>
      \forall integer i; iva_in(i) && t->nodes_[i].parent_ == x ==>
        iva_pr(t, t->nodes_[x].parent_) >= iva_pr(t, i);
    // I3 but at x, which may outrank its parent (the lift loop).
    predicate iva_heap_up{L}(iva_tree *t, integer x) =
      (\forall integer i; iva_in(i) && i != x &&
         t->nodes_[i].parent_ != IVA__NIL ==>
         iva_pr(t, t->nodes_[i].parent_) >= iva_pr(t, i)) &&
      iva_heap_gp(t, x);
    // I3 but for the pairs that contain x (x sinks to be removed).
    predicate iva_heap_down{L}(iva_tree *t, integer x) =
      (\forall integer i; iva_in(i) && i != x &&
         t->nodes_[i].parent_ != IVA__NIL && t->nodes_[i].parent_ != x ==>
         iva_pr(t, t->nodes_[i].parent_) >= iva_pr(t, i)) &&
      iva_heap_gp(t, x);
*/

/* Rotate x above its parent p (rotate_up) and move the ghost windows with
 * it: x takes p's window, p keeps its outer bound and is cut at x's key.
 * The code is rotate_up's; the rest is proof.  Proved: rotate_up's `tree`
 * and `child` preconditions follow from the ghost-window invariant, and
 * the rotation keeps it (iva_wtree: I1, I2, links agree both ways, one
 * root, no cycle).  Node by node: x, p, g, mid (the child of x that moves
 * to p), a (x's other child), c (p's other child), and every other tree
 * node, whose links, key and window are untouched. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && t->nodes_[x].parent_ != IVA__NIL;
    requires win: iva_wtree(t) && iva_in(x);
    assigns t->root_,
      t->nodes_[x].left_, t->nodes_[x].right_, t->nodes_[x].parent_,
      t->nodes_[x].hs_, t->nodes_[x].big_,
      t->nodes_[iva_rot_p(t, x)].left_, t->nodes_[iva_rot_p(t, x)].right_,
      t->nodes_[iva_rot_p(t, x)].parent_, t->nodes_[iva_rot_p(t, x)].hs_,
      t->nodes_[iva_rot_p(t, x)].big_,
      t->nodes_[iva_or_self(iva_rot_g(t, x), x)].left_,
      t->nodes_[iva_or_self(iva_rot_g(t, x), x)].right_,
      t->nodes_[iva_or_self(iva_rot_mid(t, x), x)].parent_,
      iva_glo[x], iva_ghi[x],
      iva_glo[iva_rot_p(t, x)], iva_ghi[iva_rot_p(t, x)];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t);
    ensures up: t->nodes_[x].parent_ == iva_rot_g{Pre}(t, x);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures parents: \let p = iva_rot_p{Pre}(t, x);
      \let m = iva_rot_mid{Pre}(t, x);
      t->nodes_[p].parent_ == x && p != x &&
      (m != IVA__NIL ==> t->nodes_[m].parent_ == p && m != x && m != p &&
         \old(t->nodes_[iva_rot_mid(t, x)].parent_) == x) &&
      \forall integer i; 0 <= i < t->hw_ && i != x && i != p && i != m ==>
        t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
    ensures grow: \old(iva_ghi[x] - iva_glo[x]) < iva_ghi[x] - iva_glo[x];
    ensures shrink: \let p = iva_rot_p{Pre}(t, x);
      iva_ghi[p] - iva_glo[p] < \old(iva_ghi[iva_rot_p(t, x)] -
                                      iva_glo[iva_rot_p(t, x)]);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
*/
static void rotate(iva_tree *t, uint32_t x)
{
    //@ assert wx0: iva_wnode(t, x);
    /* Every tree node's window facts, unfolded at the pre-state (the
     * "others" part of the proof reads them from here). */
    /*@ assert o_k0: \forall integer i; iva_in(i) ==> i < t->hw_ &&
          iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i]; */
    /*@ assert o_l0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].left_ != IVA__NIL ==>
       iva_in(t->nodes_[i].left_) &&
       t->nodes_[t->nodes_[i].left_].parent_ == i &&
       iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
       iva_ghi[t->nodes_[i].left_] + 1 == iva_kmin(t, i)); */
    /*@ assert o_r0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].right_ != IVA__NIL ==>
       iva_in(t->nodes_[i].right_) &&
       t->nodes_[t->nodes_[i].right_].parent_ == i &&
       iva_glo[t->nodes_[i].right_] == iva_kmax(t, i) + 1 &&
       iva_ghi[t->nodes_[i].right_] == iva_ghi[i]); */
    /*@ assert o_u0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].parent_ == IVA__NIL ? t->root_ == i :
       iva_in(t->nodes_[i].parent_) &&
       (t->nodes_[t->nodes_[i].parent_].left_ == i ||
        t->nodes_[t->nodes_[i].parent_].right_ == i)); */
    //@ ghost uint32_t p = t->nodes_[x].parent_;
    //@ assert wp0: iva_in(p) && iva_wnode(t, p) && p < t->hw_;
    /*@ ghost uint32_t g = t->nodes_[p].parent_;
              bool left = t->nodes_[p].left_ == x;
              uint32_t mid = left ? t->nodes_[x].right_ : t->nodes_[x].left_;
              uint32_t a = left ? t->nodes_[x].left_ : t->nodes_[x].right_;
              uint32_t c = left ? t->nodes_[p].right_ : t->nodes_[p].left_;
              uint64_t xmin = t->nodes_[x].min_, xmax = t->nodes_[x].max_;
              uint64_t pmin = t->nodes_[p].min_, pmax = t->nodes_[p].max_;
              uint64_t plo = iva_glo[p], phi = iva_ghi[p];
              uint32_t ml = mid != IVA__NIL ? t->nodes_[mid].left_ : 0u,
                       mr = mid != IVA__NIL ? t->nodes_[mid].right_ : 0u,
                       gp = g != IVA__NIL ? t->nodes_[g].parent_ : 0u,
                       gl = g != IVA__NIL ? t->nodes_[g].left_ : 0u,
                       gr = g != IVA__NIL ? t->nodes_[g].right_ : 0u; */
    /*@ assert xwin: left ? iva_glo[x] == plo && iva_ghi[x] + 1 == pmin
                          : t->nodes_[p].right_ == x &&
                            iva_glo[x] == pmax + 1 && iva_ghi[x] == phi; */
    //@ assert px: p != x && (left ==> t->nodes_[p].right_ != x);
    /*@ assert gw: g == IVA__NIL ? t->root_ == p && plo == 0 &&
                                   phi == UINT64_MAX
                 : iva_in(g) && iva_wnode(t, g) &&
                   (t->nodes_[g].left_ == p || t->nodes_[g].right_ == p); */
    /*@ assert sz_p: g != IVA__NIL ==>
          phi - plo < iva_ghi[g] - iva_glo[g] && g != p; */
    //@ assert sz_x: iva_ghi[x] - iva_glo[x] < phi - plo;
    //@ assert gx: g != x;
    /*@ assert mw: mid != IVA__NIL ==> iva_in(mid) && iva_wnode(t, mid) &&
          t->nodes_[mid].parent_ == x &&
          iva_ghi[mid] - iva_glo[mid] < iva_ghi[x] - iva_glo[x]; */
    //@ assert md: mid != IVA__NIL ==> mid != x && mid != p && mid != g;
    /*@ assert aw: a != IVA__NIL ==> iva_in(a) && t->nodes_[a].parent_ == x &&
          iva_ghi[a] - iva_glo[a] < iva_ghi[x] - iva_glo[x]; */
    //@ assert ad: a != IVA__NIL ==> a != x && a != p && a != g && a != mid;
    /*@ assert cw: c != IVA__NIL ==> iva_in(c) && t->nodes_[c].parent_ == p &&
          iva_ghi[c] - iva_glo[c] < phi - plo; */
    /*@ assert cd: c != IVA__NIL ==>
          c != x && c != p && c != g && c != mid && c != a; */
    /*@ assert o_kids: \forall integer i; iva_in(i) && i != x && i != p &&
          i != g ==> t->nodes_[i].left_ != x && t->nodes_[i].left_ != p &&
          t->nodes_[i].right_ != x && t->nodes_[i].right_ != p; */
    /*@ assert o_kidm: mid != IVA__NIL ==> \forall integer i; iva_in(i) &&
          i != x ==> t->nodes_[i].left_ != mid && t->nodes_[i].right_ != mid; */
    /*@ assert o_up: \forall integer i; iva_in(i) && i != x && i != p &&
          i != g && i != mid ==>
          (t->nodes_[i].parent_ == x ==> i == a) &&
          (t->nodes_[i].parent_ == p ==> i == c) &&
          (t->nodes_[i].parent_ == IVA__NIL ==> g != IVA__NIL); */
    /*@ assert g_up: g != IVA__NIL ==> t->nodes_[g].parent_ != x &&
          t->nodes_[g].parent_ != p; */
    //@ assert xk: plo <= xmin && xmax <= phi;
    /*@ assert aw2: a != IVA__NIL ==>
          (left ? iva_glo[a] == plo && iva_ghi[a] + 1 == xmin
                : iva_glo[a] == xmax + 1 && iva_ghi[a] == phi); */
    /*@ assert mw2: mid != IVA__NIL ==>
          (left ? iva_glo[mid] == xmax + 1 && iva_ghi[mid] + 1 == pmin
                : iva_glo[mid] == pmax + 1 && iva_ghi[mid] + 1 == xmin); */
    /*@ assert cw2: c != IVA__NIL ==>
          (left ? iva_glo[c] == pmax + 1 && iva_ghi[c] == phi
                : iva_glo[c] == plo && iva_ghi[c] + 1 == pmin); */
    /*@ assert mk: mid != IVA__NIL ==>
          (ml != IVA__NIL ==> iva_in(ml) && ml < t->hw_ && ml != x &&
             ml != p && ml != g && ml != mid && t->nodes_[ml].parent_ == mid) &&
          (mr != IVA__NIL ==> iva_in(mr) && mr < t->hw_ && mr != x &&
             mr != p && mr != g && mr != mid && t->nodes_[mr].parent_ == mid); */
    /*@ assert gk: g != IVA__NIL ==>
          (gl != IVA__NIL && gl != p ==> iva_in(gl) && gl != x && gl != g &&
             gl != mid && t->nodes_[gl].parent_ == g) &&
          (gr != IVA__NIL && gr != p ==> iva_in(gr) && gr != x && gr != g &&
             gr != mid && t->nodes_[gr].parent_ == g); */
    /*@ assert gw2: g != IVA__NIL ==>
          (gl == p ? iva_glo[p] == iva_glo[g] && iva_ghi[p] + 1 == iva_kmin(t, g)
                   : gr == p && iva_glo[p] == iva_kmax(t, g) + 1 &&
                     iva_ghi[p] == iva_ghi[g]); */
    /*@ assert gw3: g != IVA__NIL ==>
          (gl != IVA__NIL && gl != p ==>
             iva_glo[gl] == iva_glo[g] && iva_ghi[gl] + 1 == iva_kmin(t, g)) &&
          (gr != IVA__NIL && gr != p ==>
             iva_glo[gr] == iva_kmax(t, g) + 1 && iva_ghi[gr] == iva_ghi[g]); */
    /*@ assert gw4: g != IVA__NIL ==>
          (gp == IVA__NIL ? t->root_ == g :
             iva_in(gp) && gp != x && gp != p && gp != g && gp != mid &&
             (t->nodes_[gp].left_ == g || t->nodes_[gp].right_ == g)); */
    /*@ assert o_kid2: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
          (t->nodes_[i].right_ != IVA__NIL ==> t->nodes_[i].right_ < t->hw_ &&
             t->nodes_[i].right_ != x && t->nodes_[i].right_ != p &&
             t->nodes_[i].right_ != mid &&
             (t->nodes_[i].right_ == g ==> gp == i)) &&
          (t->nodes_[i].left_ != IVA__NIL ==> t->nodes_[i].left_ < t->hw_ &&
             t->nodes_[i].left_ != x && t->nodes_[i].left_ != p &&
             t->nodes_[i].left_ != mid &&
             (t->nodes_[i].left_ == g ==> gp == i)); */
    //@ ghost uint32_t rt = t->root_;
    /*@ assert rw: rt != IVA__NIL && iva_in(rt) &&
          t->nodes_[rt].parent_ == IVA__NIL && rt != x &&
          (g != IVA__NIL ==> rt != p) &&
          (mid != IVA__NIL ==> rt != mid) &&
          iva_glo[rt] == 0 && iva_ghi[rt] == UINT64_MAX; */
    //@ assert bound: left ? xmax < UINT64_MAX : xmin >= 1;
    rotate_up(t, x);
    //@ assert f_hw: t->hw_ == \at(t->hw_, Pre);
    /*@ assert f_x: t->nodes_[x].parent_ == g &&
          t->nodes_[x].left_ == (left ? a : p) &&
          t->nodes_[x].right_ == (left ? p : a); */
    /*@ assert f_p: t->nodes_[p].parent_ == x &&
          t->nodes_[p].left_ == (left ? mid : c) &&
          t->nodes_[p].right_ == (left ? c : mid); */
    /*@ assert f_m: mid != IVA__NIL ==> t->nodes_[mid].parent_ == p &&
          t->nodes_[mid].left_ == ml && t->nodes_[mid].right_ == mr; */
    /*@ assert f_g: g != IVA__NIL ==> t->nodes_[g].parent_ == gp &&
          (gl == p ? t->nodes_[g].left_ == x && t->nodes_[g].right_ == gr
                   : t->nodes_[g].right_ == x && t->nodes_[g].left_ == gl); */
    /*@ assert f_o: \forall integer i; 0 <= i < t->hw_ && i != x &&
          i != p && i != g && i != mid ==>
          t->nodes_[i].left_ == \at(t->nodes_[i].left_, Pre) &&
          t->nodes_[i].right_ == \at(t->nodes_[i].right_, Pre) &&
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, Pre); */
    /*@ assert f_up: \forall integer j; 0 <= j < t->hw_ && j != x && j != p &&
          j != mid ==> t->nodes_[j].parent_ == \at(t->nodes_[j].parent_, Pre); */
    /*@ assert fm_l: mid != IVA__NIL && ml != IVA__NIL ==>
          t->nodes_[ml].parent_ == mid; */
    /*@ assert fm_r: mid != IVA__NIL && mr != IVA__NIL ==>
          t->nodes_[mr].parent_ == mid; */
    /*@ assert fm_kids: mid != IVA__NIL ==>
          (ml != IVA__NIL ==> t->nodes_[ml].parent_ == mid) &&
          (mr != IVA__NIL ==> t->nodes_[mr].parent_ == mid); */
    /*@ assert qr0: g != IVA__NIL ==> t->root_ == rt &&
          t->nodes_[rt].parent_ == IVA__NIL; */
    /*@ assert qo_lk: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
          t->nodes_[i].left_ == \at(t->nodes_[i].left_, Pre) &&
          t->nodes_[i].right_ == \at(t->nodes_[i].right_, Pre); */
    /*@ assert qo_rc0: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
          t->nodes_[i].right_ != IVA__NIL ==>
          t->nodes_[t->nodes_[i].right_].parent_ ==
            \at(t->nodes_[\at(t->nodes_[i].right_, Pre)].parent_, Pre); */
    /*@ assert qo_rc: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
          t->nodes_[i].right_ != IVA__NIL ==>
          t->nodes_[t->nodes_[i].right_].parent_ == i; */
    /*@ assert qo_lc0: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
          t->nodes_[i].left_ != IVA__NIL ==>
          t->nodes_[t->nodes_[i].left_].parent_ ==
            \at(t->nodes_[\at(t->nodes_[i].left_, Pre)].parent_, Pre); */
    /*@ assert qo_lc: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
          t->nodes_[i].left_ != IVA__NIL ==>
          t->nodes_[t->nodes_[i].left_].parent_ == i; */
    /*@ assert f_k: \forall integer i; 0 <= i < t->hw_ ==>
          iva_kmin(t, i) == \at(iva_kmin(t, i), Pre) &&
          iva_kmax(t, i) == \at(iva_kmax(t, i), Pre); */
    /*@ assert f_r: g == IVA__NIL ? t->root_ == x
                                  : t->root_ == \at(t->root_, Pre); */
    /*@ ghost
      if (left) {
          iva_ghi[x] = phi;
          iva_glo[p] = xmax + 1u;
      } else {
          iva_glo[x] = plo;
          iva_ghi[p] = xmin - 1u;
      }
    */
    //@ assert nx: iva_glo[x] == plo && iva_ghi[x] == phi;
    /*@ assert np: left ? iva_glo[p] == xmax + 1 && iva_ghi[p] == phi
                        : iva_glo[p] == plo && iva_ghi[p] + 1 == xmin; */
    /*@ assert f_w: \forall integer i; i != x && i != p ==>
          iva_glo[i] == \at(iva_glo[i], Pre) &&
          iva_ghi[i] == \at(iva_ghi[i], Pre); */
    /*@ assert qo_k: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
          i < t->hw_ &&
          iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i]; */
    /*@ assert qo_l: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
       (t->nodes_[i].left_ != IVA__NIL ==>
       iva_in(t->nodes_[i].left_) &&
       t->nodes_[t->nodes_[i].left_].parent_ == i &&
       iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
       iva_ghi[t->nodes_[i].left_] + 1 == iva_kmin(t, i)); */
    /*@ assert qo_r: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
       (t->nodes_[i].right_ != IVA__NIL ==>
       iva_in(t->nodes_[i].right_) &&
       t->nodes_[t->nodes_[i].right_].parent_ == i &&
       iva_glo[t->nodes_[i].right_] == iva_kmax(t, i) + 1 &&
       iva_ghi[t->nodes_[i].right_] == iva_ghi[i]); */
    /*@ assert qo_u: \forall integer i; iva_in(i) && i != x && i != p && i != g && i != mid ==>
       (t->nodes_[i].parent_ == IVA__NIL ? t->root_ == i :
       iva_in(t->nodes_[i].parent_) &&
       (t->nodes_[t->nodes_[i].parent_].left_ == i ||
        t->nodes_[t->nodes_[i].parent_].right_ == i)); */
    /*@ assert qx_k: x < t->hw_ &&
          iva_glo[x] <= iva_kmin(t, x) <= iva_kmax(t, x) <= iva_ghi[x]; */
    /*@ assert qx_a: a != IVA__NIL ==> t->nodes_[a].parent_ == x &&
          (left ? iva_glo[a] == plo && iva_ghi[a] + 1 == xmin
                : iva_glo[a] == xmax + 1 && iva_ghi[a] == phi); */
    /*@ assert qx_l: t->nodes_[x].left_ != IVA__NIL ==>
       iva_in(t->nodes_[x].left_) &&
       t->nodes_[t->nodes_[x].left_].parent_ == x &&
       iva_glo[t->nodes_[x].left_] == iva_glo[x] &&
       iva_ghi[t->nodes_[x].left_] + 1 == iva_kmin(t, x); */
    /*@ assert qx_r: t->nodes_[x].right_ != IVA__NIL ==>
       iva_in(t->nodes_[x].right_) &&
       t->nodes_[t->nodes_[x].right_].parent_ == x &&
       iva_glo[t->nodes_[x].right_] == iva_kmax(t, x) + 1 &&
       iva_ghi[t->nodes_[x].right_] == iva_ghi[x]; */
    /*@ assert qx_u: t->nodes_[x].parent_ == IVA__NIL ? t->root_ == x :
       iva_in(t->nodes_[x].parent_) &&
       (t->nodes_[t->nodes_[x].parent_].left_ == x ||
        t->nodes_[t->nodes_[x].parent_].right_ == x); */
    //@ assert qx: iva_wnode(t, x);
    /*@ assert qp_k: p < t->hw_ &&
          iva_glo[p] <= iva_kmin(t, p) <= iva_kmax(t, p) <= iva_ghi[p]; */
    /*@ assert qp_l: (t->nodes_[p].left_ != IVA__NIL ==>
       iva_in(t->nodes_[p].left_) &&
       t->nodes_[t->nodes_[p].left_].parent_ == p &&
       iva_glo[t->nodes_[p].left_] == iva_glo[p] &&
       iva_ghi[t->nodes_[p].left_] + 1 == iva_kmin(t, p)); */
    /*@ assert qp_r: (t->nodes_[p].right_ != IVA__NIL ==>
       iva_in(t->nodes_[p].right_) &&
       t->nodes_[t->nodes_[p].right_].parent_ == p &&
       iva_glo[t->nodes_[p].right_] == iva_kmax(t, p) + 1 &&
       iva_ghi[t->nodes_[p].right_] == iva_ghi[p]); */
    /*@ assert qp_u: (t->nodes_[p].parent_ == IVA__NIL ? t->root_ == p :
       iva_in(t->nodes_[p].parent_) &&
       (t->nodes_[t->nodes_[p].parent_].left_ == p ||
        t->nodes_[t->nodes_[p].parent_].right_ == p)); */
    //@ assert qp: iva_wnode(t, p);
    /*@ assert fg_kids: g != IVA__NIL ==>
          (gl != IVA__NIL && gl != p ==> t->nodes_[gl].parent_ == g) &&
          (gr != IVA__NIL && gr != p ==> t->nodes_[gr].parent_ == g); */
    /*@ assert fg_up: g != IVA__NIL && gp != IVA__NIL ==>
          (t->nodes_[gp].left_ == g || t->nodes_[gp].right_ == g); */
    /*@ assert fg_root: g != IVA__NIL && gp == IVA__NIL ==> t->root_ == g; */
    /*@ assert qg_k: g != IVA__NIL ==> g < t->hw_ &&
          iva_glo[g] <= iva_kmin(t, g) <= iva_kmax(t, g) <= iva_ghi[g]; */
    /*@ assert qg_l: g != IVA__NIL ==> (t->nodes_[g].left_ != IVA__NIL ==>
       iva_in(t->nodes_[g].left_) &&
       t->nodes_[t->nodes_[g].left_].parent_ == g &&
       iva_glo[t->nodes_[g].left_] == iva_glo[g] &&
       iva_ghi[t->nodes_[g].left_] + 1 == iva_kmin(t, g)); */
    /*@ assert qg_r: g != IVA__NIL ==> (t->nodes_[g].right_ != IVA__NIL ==>
       iva_in(t->nodes_[g].right_) &&
       t->nodes_[t->nodes_[g].right_].parent_ == g &&
       iva_glo[t->nodes_[g].right_] == iva_kmax(t, g) + 1 &&
       iva_ghi[t->nodes_[g].right_] == iva_ghi[g]); */
    /*@ assert qg_u: g != IVA__NIL ==> (t->nodes_[g].parent_ == IVA__NIL ? t->root_ == g :
       iva_in(t->nodes_[g].parent_) &&
       (t->nodes_[t->nodes_[g].parent_].left_ == g ||
        t->nodes_[t->nodes_[g].parent_].right_ == g)); */
    //@ assert qg: g != IVA__NIL ==> iva_wnode(t, g);
    /*@ assert qm_k: mid != IVA__NIL ==> mid < t->hw_ &&
          iva_glo[mid] <= iva_kmin(t, mid) <= iva_kmax(t, mid) <= iva_ghi[mid]; */
    /*@ assert qm_l: mid != IVA__NIL ==> (t->nodes_[mid].left_ != IVA__NIL ==>
       iva_in(t->nodes_[mid].left_) &&
       t->nodes_[t->nodes_[mid].left_].parent_ == mid &&
       iva_glo[t->nodes_[mid].left_] == iva_glo[mid] &&
       iva_ghi[t->nodes_[mid].left_] + 1 == iva_kmin(t, mid)); */
    /*@ assert qm_r: mid != IVA__NIL ==> (t->nodes_[mid].right_ != IVA__NIL ==>
       iva_in(t->nodes_[mid].right_) &&
       t->nodes_[t->nodes_[mid].right_].parent_ == mid &&
       iva_glo[t->nodes_[mid].right_] == iva_kmax(t, mid) + 1 &&
       iva_ghi[t->nodes_[mid].right_] == iva_ghi[mid]); */
    /*@ assert qm_u: mid != IVA__NIL ==> (t->nodes_[mid].parent_ == IVA__NIL ? t->root_ == mid :
       iva_in(t->nodes_[mid].parent_) &&
       (t->nodes_[t->nodes_[mid].parent_].left_ == mid ||
        t->nodes_[t->nodes_[mid].parent_].right_ == mid)); */
    //@ assert qm: mid != IVA__NIL ==> iva_wnode(t, mid);
    /*@ assert qo: \forall integer i; iva_in(i) && i != x && i != p &&
          i != g && i != mid ==> iva_wnode(t, i); */
    //@ assert qall: \forall integer i; iva_in(i) ==> iva_wnode(t, i);
    /*@ assert qr: t->root_ != IVA__NIL && iva_in(t->root_) &&
          t->nodes_[t->root_].parent_ == IVA__NIL &&
          iva_glo[t->root_] == 0 && iva_ghi[t->root_] == UINT64_MAX; */
}

/* ---- counters (part of I4) ----------------------------------------- */

/* The total FREE span is at most 2^64 (FREE keys are disjoint inside
 * [0, UINT64_MAX], I2), so hi is 0 or 1 and never overflows. */
/*@ requires \valid(t) && min <= max;
    requires fits: iva_span(t) + iva_len(min, max) <= 18446744073709551616;
    assigns t->free_span_lo_, t->free_span_hi_;
    ensures iva_span(t) == \old(iva_span(t)) + iva_len(min, max);
*/
static void span_add(iva_tree *t, uint64_t min, uint64_t max)
{
    iva__add65(&t->free_span_lo_, &t->free_span_hi_, min, max);
}

/*@ requires \valid(t) && min <= max;
    requires counted: iva_len(min, max) <= iva_span(t);
    assigns t->free_span_lo_, t->free_span_hi_;
    ensures iva_span(t) == \old(iva_span(t)) - iva_len(min, max);
*/
static void span_sub(iva_tree *t, uint64_t min, uint64_t max)
{
    uint64_t d = max - min, lo = t->free_span_lo_;
    /* subtract d + 1 as (d) then (1), borrowing from hi; no unsigned wrap */
    if (lo < d) { /* lo - d + 2^64 */
        lo = UINT64_MAX - (d - lo) + 1u;
        t->free_span_hi_--;
    } else {
        lo -= d;
    }
    if (lo == 0u) {
        lo = UINT64_MAX;
        t->free_span_hi_--;
    } else {
        lo--;
    }
    t->free_span_lo_ = lo;
}

/*@ // A state with a counter (not IVA__UNUSED).  Stated twice in the
    // contracts below, as `hs_ >> 30 <= 2` and as this predicate: WP's
    // simplifier turns the comparison into a bound on hs_ (which proves the
    // index check) and loses the bound on the index itself, which the
    // predicate keeps (it separates n_state_[st] from the other fields).
    predicate iva_counted_state(integer st) = 0 <= st <= IVA_VALUED;
*/
/* Count a node of state st with key [min, max] in (I4's counters). */
/*@ requires \valid(t);
    requires state_idx: iva_counted_state(st);
    requires I1: min <= max;
    requires room: t->n_state_[st] < UINT32_MAX;
    requires fits: st == IVA_FREE ==>
      iva_span(t) + iva_len(min, max) <= 18446744073709551616;
    assigns t->n_state_[st], t->free_span_lo_, t->free_span_hi_;
    ensures count: t->n_state_[st] == \old(t->n_state_[st]) + 1;
    ensures free: st == IVA_FREE ==>
      iva_span(t) == \old(iva_span(t)) + iva_len(min, max);
    ensures other: st != IVA_FREE ==> iva_span(t) == \old(iva_span(t));
*/
static void count_key(iva_tree *t, uint32_t st, uint64_t min, uint64_t max)
{
    t->n_state_[st]++;
    if (st == IVA_FREE)
        span_add(t, min, max);
}

/*@ requires \valid(t) && \valid_read(n) && \separated(n, t);
    requires state: n->hs_ >> IVA__SSHIFT <= IVA_VALUED;
    requires state_idx: iva_counted_state(n->hs_ >> IVA__SSHIFT);
    requires I1: n->min_ <= n->max_;
    requires room: t->n_state_[n->hs_ >> IVA__SSHIFT] < UINT32_MAX;
    requires fits: n->hs_ >> IVA__SSHIFT == IVA_FREE ==>
      iva_span(t) + iva_len(n->min_, n->max_) <= 18446744073709551616;
    assigns t->n_state_[n->hs_ >> IVA__SSHIFT], t->free_span_lo_,
            t->free_span_hi_;
    ensures count: t->n_state_[n->hs_ >> IVA__SSHIFT] ==
                   \old(t->n_state_[n->hs_ >> IVA__SSHIFT]) + 1;
    ensures free: n->hs_ >> IVA__SSHIFT == IVA_FREE ==>
      iva_span(t) == \old(iva_span(t)) + iva_len(n->min_, n->max_);
    ensures other: n->hs_ >> IVA__SSHIFT != IVA_FREE ==>
      iva_span(t) == \old(iva_span(t));
*/
static void count_in(iva_tree *t, const iva_node *n)
{
    count_key(t, iva__state(n), n->min_, n->max_);
}

/*@ requires \valid(t) && \valid_read(n) && \separated(n, t);
    requires state: n->hs_ >> IVA__SSHIFT <= IVA_VALUED;
    requires state_idx: iva_counted_state(n->hs_ >> IVA__SSHIFT);
    requires I1: n->min_ <= n->max_;
    requires counted: t->n_state_[n->hs_ >> IVA__SSHIFT] >= 1;
    requires counted_span: n->hs_ >> IVA__SSHIFT == IVA_FREE ==>
      iva_len(n->min_, n->max_) <= iva_span(t);
    assigns t->n_state_[n->hs_ >> IVA__SSHIFT], t->free_span_lo_,
            t->free_span_hi_;
    ensures count: t->n_state_[n->hs_ >> IVA__SSHIFT] ==
                   \old(t->n_state_[n->hs_ >> IVA__SSHIFT]) - 1;
    ensures free: n->hs_ >> IVA__SSHIFT == IVA_FREE ==>
      iva_span(t) == \old(iva_span(t)) - iva_len(n->min_, n->max_);
    ensures other: n->hs_ >> IVA__SSHIFT != IVA_FREE ==>
      iva_span(t) == \old(iva_span(t));
*/
static void count_out(iva_tree *t, const iva_node *n)
{
    uint32_t st = iva__state(n);
    t->n_state_[st]--;
    if (st == IVA_FREE)
        span_sub(t, n->min_, n->max_);
}

/* ---- lookup --------------------------------------------------------- */

/* The descents below terminate: each step enters a child, whose ghost
 * window is strictly inside its parent's (the loop variant). */
/*@ requires iva_shape(t) && iva_wtree(t);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures in: \result != IVA__NIL ==> iva_in(\result);
    ensures \result != IVA__NIL ==>
      t->nodes_[\result].min_ == min && t->nodes_[\result].max_ == max;
*/
uint32_t iva__find_exact(const iva_tree *t, uint64_t min, uint64_t max)
{
    uint32_t x = t->root_;
    /*@ loop invariant iva_link(t, x) && (x != IVA__NIL ==> iva_in(x));
        loop assigns x;
        loop variant x == IVA__NIL ? -1 : iva_ghi[x] - iva_glo[x];
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

/*@ requires iva_shape(t) && iva_wtree(t);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures in: \result != IVA__NIL ==> iva_in(\result);
    ensures \result != IVA__NIL ==>
      t->nodes_[\result].min_ <= p <= t->nodes_[\result].max_;
*/
uint32_t iva__find_point(const iva_tree *t, uint64_t p)
{
    uint32_t x = t->root_;
    /*@ loop invariant iva_link(t, x) && (x != IVA__NIL ==> iva_in(x));
        loop assigns x;
        loop variant x == IVA__NIL ? -1 : iva_ghi[x] - iva_glo[x];
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
/*@ requires iva_shape(t) && iva_wtree(t);
    assigns \nothing;
*/
bool iva__intersects_any(const iva_tree *t, uint64_t min, uint64_t max)
{
    uint32_t x = t->root_, best = IVA__NIL;
    /*@ loop invariant iva_link(t, x) && iva_link(t, best);
        loop invariant x != IVA__NIL ==> iva_in(x);
        loop invariant best != IVA__NIL ==> t->nodes_[best].min_ <= max;
        loop assigns x, best;
        loop variant x == IVA__NIL ? -1 : iva_ghi[x] - iva_glo[x];
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

/*@ requires iva_shape(t) && iva_wtree(t);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures in: \result != IVA__NIL ==> iva_in(\result);
    ensures \result == IVA__NIL <==> t->root_ == IVA__NIL;
    ensures \result != IVA__NIL ==> t->nodes_[\result].left_ == IVA__NIL;
*/
uint32_t iva__first(const iva_tree *t)
{
    uint32_t x = t->root_;
    if (x == IVA__NIL)
        return x;
    /*@ loop invariant iva_link(t, x) && x != IVA__NIL && iva_in(x);
        loop assigns x;
        loop variant iva_ghi[x] - iva_glo[x];
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

/* In-order successor (fwd) or predecessor (!fwd) of x; IVA__NIL if none.
 * Both walks terminate: down, each node's window is strictly inside the
 * previous one's; up, strictly around it. */
/* beyond: the result's key lies beyond x's in the walk's direction (what
 * makes a walk over iva__next / iva__prev terminate). */
/*@ requires iva_shape(t) && x < t->hw_ && iva_wtree(t) && iva_in(x);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures in: \result != IVA__NIL ==> iva_in(\result);
    ensures beyond: \result != IVA__NIL ==>
      (fwd ? iva_kmin(t, \result) > iva_kmax(t, x)
           : iva_kmax(t, \result) < iva_kmin(t, x));
*/
static uint32_t step(const iva_tree *t, uint32_t x, bool fwd)
{
    uint32_t p;
    if (side(t, x, fwd) != IVA__NIL) {
        x = side(t, x, fwd);
        /*@ loop invariant x < t->hw_ && iva_in(x);
            loop invariant cut: fwd ? iva_glo[x] == iva_kmax(t, \at(x, Pre)) + 1
                                    : iva_ghi[x] + 1 == iva_kmin(t, \at(x, Pre));
            loop assigns x;
            loop variant iva_ghi[x] - iva_glo[x];
        */
        while (side(t, x, !fwd) != IVA__NIL)
            x = side(t, x, !fwd);
        return x;
    }
    p = t->nodes_[x].parent_;
    /*@ loop invariant iva_link(t, p) && x < t->hw_ && iva_in(x);
        loop invariant p == t->nodes_[x].parent_;
        loop invariant around: fwd ? iva_kmax(t, \at(x, Pre)) <= iva_ghi[x]
                                   : iva_kmin(t, \at(x, Pre)) >= iva_glo[x];
        loop assigns x, p;
        loop variant UINT64_MAX - (iva_ghi[x] - iva_glo[x]);
    */
    while (p != IVA__NIL && side(t, p, fwd) == x) {
        x = p;
        p = t->nodes_[p].parent_;
    }
    return p;
}

/*@ requires iva_shape(t) && x < t->hw_ && iva_wtree(t) && iva_in(x);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures in: \result != IVA__NIL ==> iva_in(\result);
    ensures beyond: \result != IVA__NIL ==> iva_kmin(t, \result) > iva_kmax(t, x);
*/
uint32_t iva__next(const iva_tree *t, uint32_t x)
{
    return step(t, x, true);
}

/*@ requires iva_shape(t) && x < t->hw_ && iva_wtree(t) && iva_in(x);
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures in: \result != IVA__NIL ==> iva_in(\result);
    ensures beyond: \result != IVA__NIL ==> iva_kmax(t, \result) < iva_kmin(t, x);
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
/*@ requires iva_shape(t) && \valid(t);
    requires x < t->hw_ && iva_link(t, p);
    assigns t->nodes_[x].parent_, t->root_,
            { t->nodes_[i].left_ | integer i; i == p && p != IVA__NIL },
            { t->nodes_[i].right_ | integer i; i == p && p != IVA__NIL };
    ensures parent: t->nodes_[x].parent_ == p;
    ensures root: p == IVA__NIL ==> t->root_ == x;
    ensures root_kept: p != IVA__NIL ==> t->root_ == \old(t->root_);
    ensures right: p != IVA__NIL && right ==>
      t->nodes_[p].right_ == x && t->nodes_[p].left_ == \old(t->nodes_[p].left_);
    ensures left: p != IVA__NIL && !right ==>
      t->nodes_[p].left_ == x && t->nodes_[p].right_ == \old(t->nodes_[p].right_);
    ensures shape: iva_shape(t);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures frame_lr: \forall integer i; 0 <= i < t->hw_ && i != p ==>
      t->nodes_[i].left_ == \old(t->nodes_[i].left_) &&
      t->nodes_[i].right_ == \old(t->nodes_[i].right_);
    ensures frame_up: \forall integer i; 0 <= i < t->hw_ && i != x ==>
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
*/
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

/*@ predicate iva_hung{L1, L2}(iva_tree *t, integer x) =
      \let p = \at(t->nodes_[x].parent_, L2);
      (p == IVA__NIL && \at(t->root_, L1) == IVA__NIL &&
       \at(t->root_, L2) == x) ||
      (p != IVA__NIL && p < \at(t->hw_, L2) &&
       \at(t->root_, L2) == \at(t->root_, L1) &&
       ((\at(t->nodes_[p].left_, L1) == IVA__NIL &&
         \at(t->nodes_[p].left_, L2) == x) ||
        (\at(t->nodes_[p].right_, L1) == IVA__NIL &&
         \at(t->nodes_[p].right_, L2) == x)));
*/
/* Hang slot x as a leaf below p (on its right side if `right`; the root
 * of an empty tree if p is NIL), at a place found by the caller: p's
 * link on that side is empty and x's key lies in that link's window.  x
 * enters the tree with the window of the link it fills, and the tree
 * keeps iva_wtree (I1, I2, links, no cycle). */
/*@ requires iva_shape(t) && \valid(t) && x < t->hw_;
    requires win: iva_wtree(t) && !iva_in(x);
    requires leaf: t->nodes_[x].left_ == IVA__NIL &&
                   t->nodes_[x].right_ == IVA__NIL;
    requires I1: iva_kmin(t, x) <= iva_kmax(t, x);
    requires place: iva_link(t, p) &&
      (p == IVA__NIL ==> t->root_ == IVA__NIL) &&
      (p != IVA__NIL ==> iva_in(p) &&
         (right ? t->nodes_[p].right_ == IVA__NIL
                : t->nodes_[p].left_ == IVA__NIL));
    requires fits: p != IVA__NIL ==>
      (right ? iva_kmax(t, p) < iva_kmin(t, x) && iva_kmax(t, x) <= iva_ghi[p]
             : iva_glo[p] <= iva_kmin(t, x) && iva_kmax(t, x) < iva_kmin(t, p));
    assigns t->root_, t->nodes_[x].parent_,
            t->nodes_[0 .. t->hw_ - 1].left_, t->nodes_[0 .. t->hw_ - 1].right_,
            iva_gin[x], iva_glo[x], iva_ghi[x];
    ensures shape: iva_shape(t);
    ensures hung: iva_hung{Pre, Post}(t, x);
    ensures win: iva_wtree(t) && iva_in(x);
    ensures others_in: \forall integer j; j != x ==>
      (iva_in(j) <==> \old(iva_in(j)));
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures keys: iva_keys{Pre}(t) ==> iva_keys(t);
    ensures no_self: iva_no_self{Pre}(t) ==> iva_no_self(t);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
    ensures up_same: \forall integer i; 0 <= i < t->hw_ && i != x ==>
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
    ensures leaf: t->nodes_[x].left_ == IVA__NIL &&
                  t->nodes_[x].right_ == IVA__NIL;
*/
static void hang_leaf(iva_tree *t, uint32_t x, uint32_t p, bool right)
{
    /*@ ghost uint64_t lo = p == IVA__NIL ? 0u :
          right ? t->nodes_[p].max_ + 1u : iva_glo[p]; */
    /*@ ghost uint64_t hi = p == IVA__NIL ? UINT64_MAX :
          right ? iva_ghi[p] : t->nodes_[p].min_ - 1u; */
    /* the window facts of every tree node, unfolded at the pre-state */
    /*@ assert o_l0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].left_ != IVA__NIL ==>
       iva_in(t->nodes_[i].left_) &&
       t->nodes_[t->nodes_[i].left_].parent_ == i &&
       iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
       iva_ghi[t->nodes_[i].left_] + 1 == iva_kmin(t, i)); */
    /*@ assert o_r0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].right_ != IVA__NIL ==>
       iva_in(t->nodes_[i].right_) &&
       t->nodes_[t->nodes_[i].right_].parent_ == i &&
       iva_glo[t->nodes_[i].right_] == iva_kmax(t, i) + 1 &&
       iva_ghi[t->nodes_[i].right_] == iva_ghi[i]); */
    /*@ assert o_u0: \forall integer i; iva_in(i) ==>
       i < t->hw_ && (t->nodes_[i].parent_ == IVA__NIL ? t->root_ == i :
       iva_in(t->nodes_[i].parent_) &&
       (t->nodes_[t->nodes_[i].parent_].left_ == i ||
        t->nodes_[t->nodes_[i].parent_].right_ == i)); */
    //@ assert o_x: \forall integer i; iva_in(i) ==> i != x;
    /*@ assert o_k0: \forall integer i; iva_in(i) ==> i < t->hw_ &&
          iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i]; */
    //@ assert gap: p != IVA__NIL ==> p != x;
    hang(t, x, p, right);
    //@ assert a_hw: t->hw_ == \at(t->hw_, Pre);
    /*@ assert a_keys: \forall integer i; 0 <= i < t->hw_ ==>
          t->nodes_[i].min_ == \at(t->nodes_[i].min_, Pre) &&
          t->nodes_[i].max_ == \at(t->nodes_[i].max_, Pre); */
    /*@ assert a_ns: iva_no_self{Pre}(t) ==> iva_no_self(t); */
    /*@ ghost
      iva_gin[x] = true;
      iva_glo[x] = lo;
      iva_ghi[x] = hi;
    */
    /*@ assert qx: iva_wnode(t, x); */
    /*@ assert qp_l: p != IVA__NIL ==> (t->nodes_[p].left_ != IVA__NIL ==>
       iva_in(t->nodes_[p].left_) &&
       t->nodes_[t->nodes_[p].left_].parent_ == p &&
       iva_glo[t->nodes_[p].left_] == iva_glo[p] &&
       iva_ghi[t->nodes_[p].left_] + 1 == iva_kmin(t, p)); */
    /*@ assert qp_r: p != IVA__NIL ==> (t->nodes_[p].right_ != IVA__NIL ==>
       iva_in(t->nodes_[p].right_) &&
       t->nodes_[t->nodes_[p].right_].parent_ == p &&
       iva_glo[t->nodes_[p].right_] == iva_kmax(t, p) + 1 &&
       iva_ghi[t->nodes_[p].right_] == iva_ghi[p]); */
    //@ assert qp: p != IVA__NIL ==> iva_wnode(t, p);
    /*@ assert qo_k: \forall integer i; iva_in(i) && i != x && i != p ==>
          i < t->hw_ &&
          iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i]; */
    /*@ assert qo_lk: \forall integer i; iva_in(i) && i != x && i != p ==>
          t->nodes_[i].left_ == \at(t->nodes_[i].left_, Pre) &&
          t->nodes_[i].right_ == \at(t->nodes_[i].right_, Pre); */
    /*@ assert qo_lc0: \forall integer i; iva_in(i) && i != x && i != p ==>
          t->nodes_[i].left_ != IVA__NIL ==>
          t->nodes_[t->nodes_[i].left_].parent_ ==
            \at(t->nodes_[\at(t->nodes_[i].left_, Pre)].parent_, Pre) &&
          iva_glo[t->nodes_[i].left_] ==
            \at(iva_glo[\at(t->nodes_[i].left_, Pre)], Pre) &&
          iva_ghi[t->nodes_[i].left_] ==
            \at(iva_ghi[\at(t->nodes_[i].left_, Pre)], Pre); */
    /*@ assert qo_rc0: \forall integer i; iva_in(i) && i != x && i != p ==>
          t->nodes_[i].right_ != IVA__NIL ==>
          t->nodes_[t->nodes_[i].right_].parent_ ==
            \at(t->nodes_[\at(t->nodes_[i].right_, Pre)].parent_, Pre) &&
          iva_glo[t->nodes_[i].right_] ==
            \at(iva_glo[\at(t->nodes_[i].right_, Pre)], Pre) &&
          iva_ghi[t->nodes_[i].right_] ==
            \at(iva_ghi[\at(t->nodes_[i].right_, Pre)], Pre); */
    /*@ assert qo_l: \forall integer i; iva_in(i) && i != x && i != p ==>
       (t->nodes_[i].left_ != IVA__NIL ==>
       iva_in(t->nodes_[i].left_) &&
       t->nodes_[t->nodes_[i].left_].parent_ == i &&
       iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
       iva_ghi[t->nodes_[i].left_] + 1 == iva_kmin(t, i)); */
    /*@ assert qo_r: \forall integer i; iva_in(i) && i != x && i != p ==>
       (t->nodes_[i].right_ != IVA__NIL ==>
       iva_in(t->nodes_[i].right_) &&
       t->nodes_[t->nodes_[i].right_].parent_ == i &&
       iva_glo[t->nodes_[i].right_] == iva_kmax(t, i) + 1 &&
       iva_ghi[t->nodes_[i].right_] == iva_ghi[i]); */
    /*@ assert qo_u: \forall integer i; iva_in(i) && i != x && i != p ==>
       (t->nodes_[i].parent_ == IVA__NIL ? t->root_ == i :
       iva_in(t->nodes_[i].parent_) &&
       (t->nodes_[t->nodes_[i].parent_].left_ == i ||
        t->nodes_[t->nodes_[i].parent_].right_ == i)); */
    /*@ assert qo: \forall integer i; iva_in(i) && i != x && i != p ==>
          iva_wnode(t, i); */
    //@ assert qall: \forall integer i; iva_in(i) ==> iva_wnode(t, i);
}

/* Where slot x goes as a leaf, found from the root (I2 holds: its key is
 * disjoint from all): the parent whose empty link on x's side (right
 * when x's key is above the parent's) takes x, or NIL for an empty tree.
 * The descent carries the window of the link it follows, which is the
 * window x enters the tree with (hang_leaf's precondition).  The windows
 * also bound the descent: each step enters a strictly smaller window
 * (the loop variant), so it terminates. */
/*@ requires iva_shape(t) && x < t->hw_;
    requires win: iva_wtree(t) && !iva_in(x);
    requires I1: iva_kmin(t, x) <= iva_kmax(t, x);
    requires I2: \forall integer j; iva_in(j) ==>
      iva_kmax(t, x) < iva_kmin(t, j) || iva_kmax(t, j) < iva_kmin(t, x);
    assigns \nothing;
    ensures place: iva_link(t, \result) &&
      (\result == IVA__NIL ==> t->root_ == IVA__NIL) &&
      (\result != IVA__NIL ==> iva_in(\result) &&
         (iva_kmin(t, x) > iva_kmin(t, \result)
            ? t->nodes_[\result].right_ == IVA__NIL
            : t->nodes_[\result].left_ == IVA__NIL));
    ensures fits: \result != IVA__NIL ==>
      (iva_kmin(t, x) > iva_kmin(t, \result)
         ? iva_kmax(t, \result) < iva_kmin(t, x) &&
           iva_kmax(t, x) <= iva_ghi[\result]
         : iva_glo[\result] <= iva_kmin(t, x) &&
           iva_kmax(t, x) < iva_kmin(t, \result));
*/
static uint32_t leaf_place(const iva_tree *t, uint32_t x)
{
    uint64_t k = t->nodes_[x].min_;
    uint32_t p = IVA__NIL, c = t->root_;
    //@ ghost bool right = false;
    //@ ghost uint64_t lo = 0u, hi = UINT64_MAX;
    /* the window facts of every tree node, unfolded at the pre-state */
    /*@ assert o_l0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].left_ != IVA__NIL ==>
       iva_in(t->nodes_[i].left_) &&
       t->nodes_[t->nodes_[i].left_].parent_ == i &&
       iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
       iva_ghi[t->nodes_[i].left_] + 1 == iva_kmin(t, i)); */
    /*@ assert o_r0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].right_ != IVA__NIL ==>
       iva_in(t->nodes_[i].right_) &&
       t->nodes_[t->nodes_[i].right_].parent_ == i &&
       iva_glo[t->nodes_[i].right_] == iva_kmax(t, i) + 1 &&
       iva_ghi[t->nodes_[i].right_] == iva_ghi[i]); */
    /*@ assert o_k0: \forall integer i; iva_in(i) ==> i < t->hw_ &&
          iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i]; */
    /*@ loop invariant iva_link(t, c) && iva_link(t, p);
        loop invariant p == IVA__NIL ==> c == t->root_;
        loop invariant p != IVA__NIL ==>
          c == (right ? t->nodes_[p].right_ : t->nodes_[p].left_);
        loop invariant w_c: c != IVA__NIL ==>
          iva_in(c) && iva_glo[c] == lo && iva_ghi[c] == hi;
        loop invariant w_k: lo <= iva_kmin(t, x) && iva_kmax(t, x) <= hi;
        loop invariant w_root: p == IVA__NIL ==> lo == 0 && hi == UINT64_MAX;
        loop invariant w_s: p != IVA__NIL ==> (right <==> k > iva_kmin(t, p));
        loop invariant w_x: k == iva_kmin(t, x);
        loop invariant w_p: p != IVA__NIL ==> iva_in(p) && p < t->hw_ &&
          (right ? lo == iva_kmax(t, p) + 1 && hi == iva_ghi[p]
                 : lo == iva_glo[p] && hi + 1 == iva_kmin(t, p));
        loop assigns p, c, right, lo, hi;
        loop variant hi - lo;
    */
    while (c != IVA__NIL) {
        p = c;
        /*@ ghost
          right = k > t->nodes_[c].min_;
          if (right) lo = t->nodes_[c].max_ + 1u;
          else hi = t->nodes_[c].min_ - 1u;
        */
        c = side(t, c, k > t->nodes_[c].min_);
    }
    //@ assert empty: p == IVA__NIL ==> t->root_ == IVA__NIL;
    //@ assert side: p != IVA__NIL ==> (right <==> iva_kmin(t, x) > iva_kmin(t, p));
    return p;
}

/* Where slot x goes as a leaf to become the in-order successor (after)
 * or predecessor of node `near`: no search from the root.  The caller
 * knows that x's key lies between near and near's neighbour on that side
 * (`between`) and inside near's window; the walk (down to the nearest
 * node on that side) keeps the window of the link it follows, whose
 * low (after) or high end stays cut at near's key (the loop variant: the
 * window shrinks at each step). */
/*@ requires iva_shape(t) && x < t->hw_;
    requires win: iva_wtree(t) && !iva_in(x);
    requires I1: iva_kmin(t, x) <= iva_kmax(t, x);
    requires near: near < t->hw_ && iva_in(near);
    requires after: after ==> iva_kmax(t, near) < iva_kmin(t, x) &&
      iva_kmax(t, x) <= iva_ghi[near];
    requires before: !after ==> iva_glo[near] <= iva_kmin(t, x) &&
      iva_kmax(t, x) < iva_kmin(t, near);
    requires between: \forall integer j; iva_in(j) ==>
      (after ? iva_kmin(t, j) > iva_kmax(t, near) ==>
                 iva_kmax(t, x) < iva_kmin(t, j)
             : iva_kmax(t, j) < iva_kmin(t, near) ==>
                 iva_kmax(t, j) < iva_kmin(t, x));
    assigns \nothing;
    ensures place: iva_link(t, \result) &&
      (\result == IVA__NIL ==> t->root_ == IVA__NIL) &&
      (\result != IVA__NIL ==> iva_in(\result) &&
         (iva_kmin(t, x) > iva_kmin(t, \result)
            ? t->nodes_[\result].right_ == IVA__NIL
            : t->nodes_[\result].left_ == IVA__NIL));
    ensures fits: \result != IVA__NIL ==>
      (iva_kmin(t, x) > iva_kmin(t, \result)
         ? iva_kmax(t, \result) < iva_kmin(t, x) &&
           iva_kmax(t, x) <= iva_ghi[\result]
         : iva_glo[\result] <= iva_kmin(t, x) &&
           iva_kmax(t, x) < iva_kmin(t, \result));
*/
static uint32_t next_place(const iva_tree *t, uint32_t x, uint32_t near,
                           bool after)
{
    uint32_t p = near;
    (void)x; /* the new node: named for the contract only */
    //@ assert wn: iva_wnode(t, near);
    if (side(t, p, after) == IVA__NIL)
        return p;
    p = side(t, p, after);
    /*@ loop invariant p_in: p < t->hw_ && iva_in(p) && iva_wnode(t, p);
        loop invariant p_lo: after ==> iva_glo[p] == iva_kmax(t, near) + 1;
        loop invariant p_hi: !after ==> iva_ghi[p] + 1 == iva_kmin(t, near);
        loop assigns p;
        loop variant iva_ghi[p] - iva_glo[p];
    */
    while (side(t, p, !after) != IVA__NIL)
        p = side(t, p, !after);
    return p;
}

/* Hang the new node x: from the root (near NIL: leaf_place) or next to
 * node near (next_place); its side is given by the keys. */
/*@ requires iva_shape(t) && \valid(t) && x < t->hw_;
    requires win: iva_wtree(t) && !iva_in(x);
    requires leaf: t->nodes_[x].left_ == IVA__NIL &&
                   t->nodes_[x].right_ == IVA__NIL;
    requires I1: iva_kmin(t, x) <= iva_kmax(t, x);
    requires I2: near == IVA__NIL ==> \forall integer j; iva_in(j) ==>
      iva_kmax(t, x) < iva_kmin(t, j) || iva_kmax(t, j) < iva_kmin(t, x);
    requires near: near != IVA__NIL ==> near < t->hw_ && iva_in(near) &&
      (after ? iva_kmax(t, near) < iva_kmin(t, x) &&
               iva_kmax(t, x) <= iva_ghi[near]
             : iva_glo[near] <= iva_kmin(t, x) &&
               iva_kmax(t, x) < iva_kmin(t, near)) &&
      \forall integer j; iva_in(j) ==>
        (after ? iva_kmin(t, j) > iva_kmax(t, near) ==>
                   iva_kmax(t, x) < iva_kmin(t, j)
               : iva_kmax(t, j) < iva_kmin(t, near) ==>
                   iva_kmax(t, j) < iva_kmin(t, x));
    assigns t->root_, t->nodes_[x].parent_,
            t->nodes_[0 .. t->hw_ - 1].left_, t->nodes_[0 .. t->hw_ - 1].right_,
            iva_gin[x], iva_glo[x], iva_ghi[x];
    ensures shape: iva_shape(t);
    ensures hung: iva_hung{Pre, Post}(t, x);
    ensures win: iva_wtree(t) && iva_in(x);
    ensures others_in: \forall integer j; j != x ==>
      (iva_in(j) <==> \old(iva_in(j)));
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures keys: iva_keys{Pre}(t) ==> iva_keys(t);
    ensures no_self: iva_no_self{Pre}(t) ==> iva_no_self(t);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
    ensures up_same: \forall integer i; 0 <= i < t->hw_ && i != x ==>
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
    ensures leaf: t->nodes_[x].left_ == IVA__NIL &&
                  t->nodes_[x].right_ == IVA__NIL;
*/
static void attach(iva_tree *t, uint32_t x, uint32_t near, bool after)
{
    uint32_t p = near == IVA__NIL ? leaf_place(t, x)
                                  : next_place(t, x, near, after);
    hang_leaf(t, x, p, p != IVA__NIL && t->nodes_[x].min_ > t->nodes_[p].min_);
}

/* The ground facts behind the axiom iva_state_bits (src/iva_acsl.h). */
_Static_assert((0u * (1u << IVA__SSHIFT)) >> IVA__SSHIFT == 0u, "state 0");
_Static_assert((1u * (1u << IVA__SSHIFT)) >> IVA__SSHIFT == 1u, "state 1");
_Static_assert((2u * (1u << IVA__SSHIFT)) >> IVA__SSHIFT == 2u, "state 2");
_Static_assert((3u * (1u << IVA__SSHIFT)) >> IVA__SSHIFT == 3u, "state 3");

/* The state word of a new node: the state bits, height 0 (iva__pull sets
 * it).  A helper so that its bit fact (iva_state_bits) proves in a small
 * context. */
/*@ requires \valid(n) && state <= 3;
    assigns n->hs_;
    ensures word: n->hs_ == state * 0x40000000;
    ensures state: n->hs_ >> IVA__SSHIFT == state;
*/
static void init_state_word(iva_node *n, uint32_t state)
{
    n->hs_ = state * (1u << IVA__SSHIFT);
}

/* A new node in a slot from the pool, not yet linked: key [min, max],
 * no links, the state bits of `state`, data only if VALUED (I5).
 * Proved: the slot is one that is not in the tree (the free-list head
 * or the next fresh slot), its fields are as described, and the tree
 * invariants (iva_wtree with it) carry over. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires room: t->free_head_ != IVA__NIL || t->hw_ < t->cap_;
    requires list: t->free_head_ != IVA__NIL ==>
      t->free_head_ < t->hw_ && t->n_unused_ >= 1;
    requires free_out: t->free_head_ != IVA__NIL ==> !iva_in(t->free_head_);
    requires win: iva_wtree(t);
    requires min <= max && state <= IVA_VALUED;
    assigns t->free_head_, t->n_unused_, t->hw_,
      t->nodes_[0 .. t->cap_ - 1];
    ensures shape: iva_shape(t);
    ensures keys: iva_keys(t);
    ensures no_self: iva_no_self(t);
    ensures win: iva_wtree(t) && !iva_in(\result);
    ensures slot: \result < t->hw_ && \old(t->hw_) <= t->hw_;
    ensures fields: iva_kmin(t, \result) == min && iva_kmax(t, \result) == max &&
      t->nodes_[\result].left_ == IVA__NIL &&
      t->nodes_[\result].right_ == IVA__NIL &&
      t->nodes_[\result].parent_ == IVA__NIL &&
      t->nodes_[\result].hs_ == state * 0x40000000;
    ensures state: t->nodes_[\result].hs_ >> IVA__SSHIFT == state;
    ensures hdr: t->count_ == \old(t->count_) && t->cap_ == \old(t->cap_) &&
      t->prio_key_ == \old(t->prio_key_);
    ensures frame: iva_in_same{Pre, Post}(t);
*/
static uint32_t new_node(iva_tree *t, uint64_t min, uint64_t max,
                         uint32_t state, uint64_t data)
{
    uint32_t x = iva__slot_take(t);
    iva_node *n = &t->nodes_[x];
    //@ assert out: !iva_in(x) && x < t->hw_;
    //@ ghost N: ;
    n->min_ = min;
    n->max_ = max;
    n->data_ = state == IVA_VALUED ? data : 0u; /* I5 */
    n->left_ = IVA__NIL;
    n->right_ = IVA__NIL;
    n->parent_ = IVA__NIL;
    init_state_word(n, state);
    //@ assert others: iva_in_same{Pre, Here}(t);
    //@ assert gsame: iva_ghost_same{Pre, Here};
    /*@ assert same: t->root_ == \at(t->root_, Pre) &&
          t->nodes_ == \at(t->nodes_, Pre) && \at(t->hw_, Pre) <= t->hw_ &&
          t->cap_ == \at(t->cap_, Pre) && t->hw_ <= t->cap_; */
    /*@ assert links: \forall integer i; 0 <= i < t->hw_ && i != x ==>
          t->nodes_[i].left_ == \at(t->nodes_[i].left_, N) &&
          t->nodes_[i].right_ == \at(t->nodes_[i].right_, N) &&
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, N) &&
          t->nodes_[i].min_ == \at(t->nodes_[i].min_, N) &&
          t->nodes_[i].max_ == \at(t->nodes_[i].max_, N); */
    return x;
}

/* One step of lift: rotate x above its parent, which it outranks.  The
 * code is rotate's; the rest proves that I3 but at x (iva_heap_up) is
 * kept: p now hangs below x, which outranks it; mid (the child of x that
 * moves to p) had p as its grandparent, which outranks it; x's new parent
 * g outranked p, which outranked x's other children. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && t->nodes_[x].parent_ != IVA__NIL;
    requires win: iva_wtree(t) && iva_in(x);
    requires heap: iva_heap_up(t, x);
    requires outranks: iva_pr(t, t->nodes_[x].parent_) < iva_pr(t, x);
    assigns t->root_,
      t->nodes_[x].left_, t->nodes_[x].right_, t->nodes_[x].parent_,
      t->nodes_[x].hs_, t->nodes_[x].big_,
      t->nodes_[iva_rot_p(t, x)].left_, t->nodes_[iva_rot_p(t, x)].right_,
      t->nodes_[iva_rot_p(t, x)].parent_, t->nodes_[iva_rot_p(t, x)].hs_,
      t->nodes_[iva_rot_p(t, x)].big_,
      t->nodes_[iva_or_self(iva_rot_g(t, x), x)].left_,
      t->nodes_[iva_or_self(iva_rot_g(t, x), x)].right_,
      t->nodes_[iva_or_self(iva_rot_mid(t, x), x)].parent_,
      iva_glo[x], iva_ghi[x],
      iva_glo[iva_rot_p(t, x)], iva_ghi[iva_rot_p(t, x)];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t);
    ensures heap: iva_heap_up(t, x);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures grow: \old(iva_ghi[x] - iva_glo[x]) < iva_ghi[x] - iva_glo[x];
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
*/
static void lift_step(iva_tree *t, uint32_t x)
{
    //@ ghost uint32_t hp = t->nodes_[x].parent_;
    //@ ghost uint32_t hg = t->nodes_[hp].parent_;
    /*@ ghost uint32_t hm = t->nodes_[hp].left_ == x ? t->nodes_[x].right_
                                                     : t->nodes_[x].left_; */
    //@ ghost uint64_t k = t->prio_key_;
    /*@ assert o_1: \forall integer i; iva_in(i) && i != x &&
          t->nodes_[i].parent_ != IVA__NIL ==>
          iva_prio(k, t->nodes_[i].parent_) >= iva_prio(k, i); */
    /*@ assert o_gp: \forall integer i; iva_in(i) &&
          t->nodes_[i].parent_ == x ==> iva_prio(k, hp) >= iva_prio(k, i); */
    //@ assert h_gp: hg != IVA__NIL ==> iva_prio(k, hg) >= iva_prio(k, hp);
    //@ assert h_up: iva_prio(k, hp) < iva_prio(k, x);
    //@ assert o_wx: iva_wnode(t, x);
    /*@ assert o_m: hm != IVA__NIL ==> iva_in(hm) &&
          t->nodes_[hm].parent_ == x; */
    //@ assert h_1b: hm != IVA__NIL ==> iva_prio(k, hp) >= iva_prio(k, hm);
    //@ ghost L: ;
    rotate(t, x);
    //@ assert h_key: t->prio_key_ == k;
    /*@ assert h_par: t->nodes_[x].parent_ == hg && t->nodes_[hp].parent_ == x &&
          (hm != IVA__NIL ==> t->nodes_[hm].parent_ == hp && hm != x &&
             hm != hp && \at(t->nodes_[hm].parent_, L) == x); */
    /*@ assert h_fr: \forall integer i; 0 <= i < t->hw_ && i != x && i != hp &&
          i != hm ==> t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, L); */
    //@ assert h_in: \forall integer i; iva_in(i) ==> 0 <= i < t->hw_;
    //@ assert h_1a: iva_prio(k, x) >= iva_prio(k, hp);
    /*@ assert h_1c: \forall integer i; iva_in(i) && i != x && i != hp &&
          i != hm && t->nodes_[i].parent_ != IVA__NIL ==>
          iva_prio(k, t->nodes_[i].parent_) >= iva_prio(k, i); */
    /*@ assert h_1: \forall integer i; iva_in(i) && i != x &&
          t->nodes_[i].parent_ != IVA__NIL ==>
          iva_prio(k, t->nodes_[i].parent_) >= iva_prio(k, i); */
    //@ assert h_pr: \forall integer i; iva_pr(t, i) == iva_prio(k, i);
    /*@ assert h_2: t->nodes_[x].parent_ != IVA__NIL ==>
          \forall integer i; iva_in(i) && t->nodes_[i].parent_ == x ==>
          iva_prio(k, t->nodes_[x].parent_) >= iva_prio(k, i); */
    /*@ assert h_inv1: \forall integer i; iva_in(i) && i != x &&
          t->nodes_[i].parent_ != IVA__NIL ==>
          iva_pr(t, t->nodes_[i].parent_) >= iva_pr(t, i); */
    //@ assert h_inv2: iva_heap_gp(t, x);
    //@ assert h_inv: iva_heap_up(t, x);
}

/* Lift x while it outranks its parent (restores I3 around x).  A stale
 * node the rotations recompute is no longer stale: returns `stale`, or
 * NIL once it was x's parent at a rotation.  Proved: the ghost-window
 * invariant is kept (each step is a rotate) and x stays in the tree.
 * Terminates: x's window grows at every rotation (it takes its parent's)
 * and stays inside [0, UINT64_MAX]. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires iva_link(t, stale);
    requires heap: iva_heap_up(t, x);
    assigns t->root_,
      t->nodes_[0 .. t->hw_ - 1].left_, t->nodes_[0 .. t->hw_ - 1].right_,
      t->nodes_[0 .. t->hw_ - 1].parent_, t->nodes_[0 .. t->hw_ - 1].hs_,
      t->nodes_[0 .. t->hw_ - 1].big_,
      iva_glo[0 .. IVA_MAX_NODES - 1], iva_ghi[0 .. IVA_MAX_NODES - 1];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t) && iva_in(x);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures heap: iva_heap(t);
    ensures stale: iva_link(t, \result);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
*/
static uint32_t lift(iva_tree *t, uint32_t x, uint32_t stale)
{
    uint32_t px = iva__prio(t, x);
    /*@ loop invariant iva_shape(t) && iva_keys(t) && iva_no_self(t);
        loop invariant win: iva_wtree(t) && iva_in(x);
        loop invariant same_hw: t->hw_ == \at(t->hw_, Pre);
        loop invariant hdr: iva_hdr_same{Pre, Here}(t);
        loop invariant stale: stale == IVA__NIL || stale < t->hw_;
        loop invariant heap: iva_heap_up(t, x);
        loop invariant keys_same: \forall integer i; 0 <= i < t->hw_ ==>
          iva_kmin(t, i) == \at(iva_kmin(t, i), Pre) &&
          iva_kmax(t, i) == \at(iva_kmax(t, i), Pre);
        loop assigns stale, t->root_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].left_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].right_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].parent_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].hs_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].big_,
          iva_glo[0 .. IVA_MAX_NODES - 1], iva_ghi[0 .. IVA_MAX_NODES - 1];
        loop variant UINT64_MAX - (iva_ghi[x] - iva_glo[x]);
    */
    while (t->nodes_[x].parent_ != IVA__NIL &&
           iva__prio(t, t->nodes_[x].parent_) < px) {
        //@ assert wx: iva_wnode(t, x);
        //@ assert idx_p: iva_rot_p(t, x) < t->hw_;
        //@ assert idx_g: iva_link(t, t->nodes_[t->nodes_[x].parent_].parent_);
        //@ assert idx_g2: iva_or_self(iva_rot_g(t, x), x) < t->hw_;
        /*@ assert idx_m: iva_link(t, t->nodes_[x].left_) &&
              iva_link(t, t->nodes_[x].right_); */
        //@ assert idx_m2: iva_or_self(iva_rot_mid(t, x), x) < t->hw_;
        /*@ assert idx_pre: 0 <= iva_rot_p(t, x) < \at(t->hw_, Pre) &&
              0 <= iva_or_self(iva_rot_g(t, x), x) < \at(t->hw_, Pre) &&
              0 <= iva_or_self(iva_rot_mid(t, x), x) < \at(t->hw_, Pre) &&
              0 <= x < \at(t->hw_, Pre); */
        if (t->nodes_[x].parent_ == stale) /* recomputed by the rotation */
            stale = IVA__NIL;
        lift_step(t, x);
    }
    /*@ assert h_end: t->nodes_[x].parent_ != IVA__NIL ==>
          iva_pr(t, t->nodes_[x].parent_) >= iva_pr(t, x); */
    return stale;
}

/* The bookkeeping of adding x: the node count, the per-state counters
 * and span (I4's counters), the journal record.  Done while x's state
 * word is exactly the one new_node wrote. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_;
    requires counted: t->nodes_[x].hs_ >> IVA__SSHIFT <= IVA_VALUED &&
      iva_counted_state(t->nodes_[x].hs_ >> IVA__SSHIFT) &&
      t->n_state_[t->nodes_[x].hs_ >> IVA__SSHIFT] < UINT32_MAX &&
      t->count_ < UINT32_MAX &&
      (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ==>
         iva_span(t) + iva_len(t->nodes_[x].min_, t->nodes_[x].max_) <=
           18446744073709551616);
    requires I1: t->nodes_[x].min_ <= t->nodes_[x].max_;
    requires journal: t->txn_active_ ==> txn_room(t, t->nodes_ + x);
    requires journal_apart:
      \separated(t->txn_ + t->txn_len_, t, t->nodes_ + (0 .. t->cap_ - 1));
    assigns t->txn_len_, t->txn_[t->txn_len_], t->n_state_[0 .. 2],
      t->free_span_lo_, t->free_span_hi_, t->count_;
    ensures shape: iva_shape(t);
    ensures keys: iva_keys(t);
    ensures no_self: iva_no_self(t);
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures count: t->count_ == \old(t->count_) + 1;
    ensures kept: t->cap_ == \old(t->cap_) &&
      t->prio_key_ == \old(t->prio_key_) &&
      t->free_head_ == \old(t->free_head_) &&
      t->n_unused_ == \old(t->n_unused_) &&
      t->nodes_[x].hs_ == \old(t->nodes_[x].hs_);
*/
static void note_added(iva_tree *t, uint32_t x)
{
    t->count_++;
    count_in(t, &t->nodes_[x]);
    iva__journal_added(t, x);
}

/* The new node x is in the tree as a leaf: recompute it, lift it to its
 * heap position (I3), and recompute the path above (I4). */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires iva_link(t, stale);
    requires heap: iva_heap_up(t, x);
    assigns t->root_,
      t->nodes_[0 .. t->hw_ - 1].left_, t->nodes_[0 .. t->hw_ - 1].right_,
      t->nodes_[0 .. t->hw_ - 1].parent_, t->nodes_[0 .. t->hw_ - 1].hs_,
      t->nodes_[0 .. t->hw_ - 1].big_,
      iva_glo[0 .. IVA_MAX_NODES - 1], iva_ghi[0 .. IVA_MAX_NODES - 1];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t) && iva_in(x);
    ensures heap: iva_heap(t);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures \result == x;
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
*/
static uint32_t finish_add(iva_tree *t, uint32_t x, uint32_t stale)
{
    //@ assert wx: iva_wnode(t, x);
    iva__pull(t, x);
    //@ assert u_win: iva_wtree(t);
    //@ assert u_heap: iva_heap_up(t, x);
    stale = lift(t, x, stale);
    //@ ghost H: ;
    pull_from(t, t->nodes_[x].parent_, t->nodes_[x].parent_, stale);
    //@ assert p_win: iva_wtree(t);
    /*@ assert p_par: \forall integer i; iva_in(i) ==>
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, H); */
    //@ assert p_key: t->prio_key_ == \at(t->prio_key_, H);
    //@ assert p_heap: iva_heap(t);
    return x;
}

/* Add a node: at its BST position from the root (near NIL; I2: the
 * caller checked that the key is disjoint from every node's) or next to
 * node near (its key between near and near's neighbour on that side),
 * then lift it (I3) and recompute the path (I4, and the stale node).
 * Proved: the ghost-window invariant holds with the new node in the
 * tree, every other slot's membership is unchanged (the set of nodes
 * gains exactly the new one), its key is [min, max], and the node count
 * grows by one.  The preconditions the code does not check are the
 * callers' facts: the key is valid and disjoint from the tree's, the pool
 * has a slot (reserved by the operation), the free-list head is not a
 * tree node, the counters have room, the journal has room. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires room: t->free_head_ != IVA__NIL || t->hw_ < t->cap_;
    requires list: t->free_head_ != IVA__NIL ==>
      t->free_head_ < t->hw_ && t->n_unused_ >= 1;
    requires free_out: t->free_head_ != IVA__NIL ==> !iva_in(t->free_head_);
    requires win: iva_wtree(t);
    requires heap: iva_heap(t);
    requires key: min <= max;
    requires I2: near == IVA__NIL ==> \forall integer j; iva_in(j) ==>
      max < iva_kmin(t, j) || iva_kmax(t, j) < min;
    requires near: near != IVA__NIL ==> near < t->hw_ && iva_in(near) &&
      (after ? iva_kmax(t, near) < min && max <= iva_ghi[near]
             : iva_glo[near] <= min && max < iva_kmin(t, near)) &&
      \forall integer j; iva_in(j) ==>
        (after ? iva_kmin(t, j) > iva_kmax(t, near) ==> max < iva_kmin(t, j)
               : iva_kmax(t, j) < iva_kmin(t, near) ==> iva_kmax(t, j) < min);
    requires stale: iva_link(t, stale);
    requires counted: iva_counted_state(state) &&
      t->n_state_[state] < UINT32_MAX && t->count_ < UINT32_MAX &&
      (state == IVA_FREE ==>
         iva_span(t) + iva_len(min, max) <= 18446744073709551616);
    requires journal: t->txn_active_ ==> t->txn_len_ < t->txn_cap_ &&
      \valid(t->txn_ + t->txn_len_);
    requires journal_apart:
      \separated(t->txn_ + t->txn_len_, t, t->nodes_ + (0 .. t->cap_ - 1));
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t) && iva_in(\result);
    ensures heap: iva_heap(t);
    ensures others: \forall integer i; i != \result ==>
      (iva_in(i) <==> \old(iva_in(i)));
    ensures new: \result < t->hw_ && \old(t->hw_) <= t->hw_ &&
      iva_kmin(t, \result) == min && iva_kmax(t, \result) == max;
    ensures count: t->count_ == \old(t->count_) + 1;
*/
static uint32_t add_at(iva_tree *t, uint64_t min, uint64_t max,
                       uint32_t state, uint64_t data, uint32_t near,
                       bool after, uint32_t stale)
{
    uint32_t x = new_node(t, min, max, state, data);
    //@ assert n0_st: t->nodes_[x].hs_ >> IVA__SSHIFT == state;
    //@ assert n0_n: t->n_state_[state] == \at(t->n_state_[state], Pre);
    //@ assert n0_c: t->count_ == \at(t->count_, Pre);
    /*@ assert n0_s: t->free_span_lo_ == \at(t->free_span_lo_, Pre) &&
          t->free_span_hi_ == \at(t->free_span_hi_, Pre); */
    note_added(t, x);
    /*@ assert n1: x < t->hw_ && \at(t->hw_, Pre) <= t->hw_ &&
          iva_kmin(t, x) == min && iva_kmax(t, x) == max; */
    /*@ assert n_par0: \forall integer i; iva_in(i) ==> i < t->hw_ &&
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, Pre); */
    //@ ghost A: ;
    attach(t, x, near, after);
    //@ assert n_hw: t->hw_ == \at(t->hw_, A);
    //@ assert n_in1: \forall integer i; iva_in(i) && i != x ==> \at(iva_in(i), A);
    //@ assert n_in2: \forall integer i; iva_in(i) && i != x ==> 0 <= i < t->hw_;
    /*@ assert n_par1: \forall integer i; iva_in(i) && i != x ==>
          \at(iva_in(i), A) &&
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, A); */
    /*@ assert n2: x < t->hw_ && \at(t->hw_, Pre) <= t->hw_ &&
          iva_kmin(t, x) == min && iva_kmax(t, x) == max; */
    /*@ assert n_par: \forall integer i; iva_in(i) && i != x ==>
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, Pre) &&
          \at(iva_in(i), Pre); */
    //@ assert n_key: t->prio_key_ == \at(t->prio_key_, Pre);
    //@ assert n_kids: \forall integer i; iva_in(i) ==> t->nodes_[i].parent_ != x;
    /*@ assert n_h1: \forall integer i; iva_in(i) && i != x &&
          t->nodes_[i].parent_ != IVA__NIL ==>
          iva_pr(t, t->nodes_[i].parent_) >= iva_pr(t, i); */
    //@ assert n_heap: iva_heap_up(t, x);
    return finish_add(t, x, stale);
}

/* The entry point of insert, restore and rollback.  No contract of its
 * own yet: its callers' success paths do not carry the ghost-window
 * invariant (docs/PROOFS.md), and a contract here would turn their
 * proved error paths' call sites into unprovable goals.  What is proved
 * is add_at's contract. */
uint32_t iva__node_add(iva_tree *t, uint64_t min, uint64_t max,
                       uint32_t state, uint64_t data)
{
    return add_at(t, min, max, state, data, IVA__NIL, false, IVA__NIL);
}

/* Add a node next to `near` (its predecessor or successor, adjacent to
 * it): cheaper than a descent from the root.  No contract of its own, as
 * iva__node_add; what is proved is add_at's contract. */
uint32_t iva__node_add_next_to(iva_tree *t, uint32_t near, bool after,
                               uint64_t min, uint64_t max, uint32_t state,
                               uint32_t stale)
{
    return add_at(t, min, max, state, 0u, near, after, stale);
}

/* The child of x that must rise when x sinks (higher priority). */
/*@ requires iva_shape(t) && x < t->hw_;
    assigns \nothing;
    ensures iva_link(t, \result);
    ensures \result == t->nodes_[x].left_ || \result == t->nodes_[x].right_;
    ensures \result == IVA__NIL <==>
      (t->nodes_[x].left_ == IVA__NIL && t->nodes_[x].right_ == IVA__NIL);
    ensures heavier: \result != IVA__NIL ==>
      (t->nodes_[x].left_ != IVA__NIL ==>
         iva_pr(t, \result) >= iva_pr(t, t->nodes_[x].left_)) &&
      (t->nodes_[x].right_ != IVA__NIL ==>
         iva_pr(t, \result) >= iva_pr(t, t->nodes_[x].right_));
*/
static uint32_t heavier_child(const iva_tree *t, uint32_t x)
{
    uint32_t l = t->nodes_[x].left_, r = t->nodes_[x].right_;
    if (l == IVA__NIL)
        return r;
    if (r == IVA__NIL)
        return l;
    return iva__prio(t, l) >= iva__prio(t, r) ? l : r;
}

/* One step of sink: rotate x's heavier child c above x.  The code is
 * rotate's; the rest proves that I3 but for the pairs with x
 * (iva_heap_down) is kept: c now hangs below x's old parent g, which
 * outranked x's children; mid (the child of c that moves to x) and x's
 * other child d now hang below x, and c, their new grandparent,
 * outranks both (mid was c's child, d lost the heavier-child test). */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires heap: iva_heap_down(t, x);
    requires child: c != IVA__NIL && c < t->hw_ && iva_in(c) &&
      t->nodes_[c].parent_ == x &&
      (t->nodes_[x].left_ == c || t->nodes_[x].right_ == c);
    requires heavier:
      (t->nodes_[x].left_ != IVA__NIL ==>
         iva_pr(t, c) >= iva_pr(t, t->nodes_[x].left_)) &&
      (t->nodes_[x].right_ != IVA__NIL ==>
         iva_pr(t, c) >= iva_pr(t, t->nodes_[x].right_));
    assigns t->root_,
      t->nodes_[c].left_, t->nodes_[c].right_, t->nodes_[c].parent_,
      t->nodes_[c].hs_, t->nodes_[c].big_,
      t->nodes_[iva_rot_p(t, c)].left_, t->nodes_[iva_rot_p(t, c)].right_,
      t->nodes_[iva_rot_p(t, c)].parent_, t->nodes_[iva_rot_p(t, c)].hs_,
      t->nodes_[iva_rot_p(t, c)].big_,
      t->nodes_[iva_or_self(iva_rot_g(t, c), c)].left_,
      t->nodes_[iva_or_self(iva_rot_g(t, c), c)].right_,
      t->nodes_[iva_or_self(iva_rot_mid(t, c), c)].parent_,
      iva_glo[c], iva_ghi[c],
      iva_glo[iva_rot_p(t, c)], iva_ghi[iva_rot_p(t, c)];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t);
    ensures heap: iva_heap_down(t, x);
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures shrink: iva_ghi[x] - iva_glo[x] < \old(iva_ghi[x] - iva_glo[x]);
*/
static void sink_step(iva_tree *t, uint32_t x, uint32_t c)
{
    (void)x; /* c's parent: named for the contract and the proof only */
    //@ ghost uint32_t g = t->nodes_[x].parent_;
    /*@ ghost uint32_t m = t->nodes_[x].left_ == c ? t->nodes_[c].right_
                                                   : t->nodes_[c].left_; */
    /*@ ghost uint32_t d = t->nodes_[x].left_ == c ? t->nodes_[x].right_
                                                   : t->nodes_[x].left_; */
    //@ ghost uint64_t k = t->prio_key_;
    //@ assert wx: iva_wnode(t, x);
    //@ assert wc: iva_wnode(t, c);
    //@ assert lr: t->nodes_[x].left_ != t->nodes_[x].right_;
    /*@ assert o_1: \forall integer i; iva_in(i) && i != x &&
          t->nodes_[i].parent_ != IVA__NIL && t->nodes_[i].parent_ != x ==>
          iva_prio(k, t->nodes_[i].parent_) >= iva_prio(k, i); */
    /*@ assert o_gp: g != IVA__NIL ==> \forall integer i; iva_in(i) &&
          t->nodes_[i].parent_ == x ==> iva_prio(k, g) >= iva_prio(k, i); */
    /*@ assert o_d: d != IVA__NIL ==> iva_in(d) && t->nodes_[d].parent_ == x &&
          d != c && iva_prio(k, c) >= iva_prio(k, d); */
    /*@ assert o_m: m != IVA__NIL ==> iva_in(m) && t->nodes_[m].parent_ == c &&
          m != x && iva_prio(k, c) >= iva_prio(k, m); */
    /*@ assert o_kids: \forall integer i; iva_in(i) &&
          t->nodes_[i].parent_ == x ==> i == c || i == d; */
    //@ assert o_gc: g != IVA__NIL ==> iva_prio(k, g) >= iva_prio(k, c);
    //@ ghost L: ;
    rotate(t, c);
    //@ assert h_key: t->prio_key_ == k;
    /*@ assert h_par: t->nodes_[c].parent_ == g && t->nodes_[x].parent_ == c &&
          (m != IVA__NIL ==> t->nodes_[m].parent_ == x); */
    /*@ assert h_fr: \forall integer i; 0 <= i < t->hw_ && i != x && i != c &&
          i != m ==> t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, L); */
    //@ assert h_in: \forall integer i; iva_in(i) ==> 0 <= i < t->hw_;
    //@ assert h_gx: g != x && g != c;
    /*@ assert h_1a: t->nodes_[c].parent_ != IVA__NIL ==>
          iva_prio(k, t->nodes_[c].parent_) >= iva_prio(k, c); */
    /*@ assert h_1c0: \forall integer i; iva_in(i) && i != x && i != c &&
          i != m && t->nodes_[i].parent_ != x ==>
          \at(t->nodes_[i].parent_, L) != x; */
    /*@ assert h_1c: \forall integer i; iva_in(i) && i != x && i != c &&
          i != m && t->nodes_[i].parent_ != IVA__NIL &&
          t->nodes_[i].parent_ != x ==>
          iva_prio(k, t->nodes_[i].parent_) >= iva_prio(k, i); */
    /*@ assert h_1: \forall integer i; iva_in(i) && i != x &&
          t->nodes_[i].parent_ != IVA__NIL && t->nodes_[i].parent_ != x ==>
          iva_prio(k, t->nodes_[i].parent_) >= iva_prio(k, i); */
    /*@ assert h_2: \forall integer i; iva_in(i) &&
          t->nodes_[i].parent_ == x ==> iva_prio(k, c) >= iva_prio(k, i); */
    //@ assert h_pr: \forall integer i; iva_pr(t, i) == iva_prio(k, i);
    /*@ assert h_inv1: \forall integer i; iva_in(i) && i != x &&
          t->nodes_[i].parent_ != IVA__NIL && t->nodes_[i].parent_ != x ==>
          iva_pr(t, t->nodes_[i].parent_) >= iva_pr(t, i); */
    //@ assert h_inv2: iva_heap_gp(t, x);
}

/* Sink x to a leaf: rotate its heavier child above it until it has none.
 * Proved: the ghost-window invariant is kept (each step is a rotate) and
 * x stays in the tree, now a leaf.  Terminates: x's window shrinks at
 * every rotation (x is cut at its risen child's key). */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires heap: iva_heap_down(t, x);
    assigns t->root_,
      t->nodes_[0 .. t->hw_ - 1].left_, t->nodes_[0 .. t->hw_ - 1].right_,
      t->nodes_[0 .. t->hw_ - 1].parent_, t->nodes_[0 .. t->hw_ - 1].hs_,
      t->nodes_[0 .. t->hw_ - 1].big_,
      iva_glo[0 .. IVA_MAX_NODES - 1], iva_ghi[0 .. IVA_MAX_NODES - 1];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t) && iva_in(x);
    ensures heap: iva_heap_down(t, x);
    ensures leaf: t->nodes_[x].left_ == IVA__NIL &&
                  t->nodes_[x].right_ == IVA__NIL;
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
*/
static void sink(iva_tree *t, uint32_t x)
{
    uint32_t c;
    /*@ loop invariant iva_shape(t) && iva_keys(t) && iva_no_self(t);
        loop invariant win: iva_wtree(t) && iva_in(x);
        loop invariant same_hw: t->hw_ == \at(t->hw_, Pre);
        loop invariant hdr: iva_hdr_same{Pre, Here}(t);
        loop invariant heap: iva_heap_down(t, x);
        loop assigns c, t->root_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].left_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].right_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].parent_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].hs_,
          t->nodes_[0 .. \at(t->hw_, Pre) - 1].big_,
          iva_glo[0 .. IVA_MAX_NODES - 1], iva_ghi[0 .. IVA_MAX_NODES - 1];
        loop variant iva_ghi[x] - iva_glo[x];
    */
    while ((c = heavier_child(t, x)) != IVA__NIL) {
        //@ assert wx: iva_wnode(t, x);
        //@ assert cx: iva_in(c) && c < t->hw_ && t->nodes_[c].parent_ == x;
        //@ assert idx_p: iva_rot_p(t, c) == x;
        //@ assert idx_g: iva_link(t, t->nodes_[x].parent_);
        //@ assert idx_g2: iva_or_self(iva_rot_g(t, c), c) < t->hw_;
        /*@ assert idx_m: iva_link(t, t->nodes_[c].left_) &&
              iva_link(t, t->nodes_[c].right_); */
        //@ assert idx_m2: iva_or_self(iva_rot_mid(t, c), c) < t->hw_;
        /*@ assert idx_pre: 0 <= iva_or_self(iva_rot_g(t, c), c) < \at(t->hw_, Pre) &&
              0 <= iva_or_self(iva_rot_mid(t, c), c) < \at(t->hw_, Pre) &&
              0 <= c < \at(t->hw_, Pre) && 0 <= x < \at(t->hw_, Pre); */
        sink_step(t, x, c);
    }
}

/* Unlink the leaf x from its parent (or the root) and take it out of the
 * ghost tree.  Returns its parent.  Proved: the ghost-window invariant
 * holds without x, every other slot's membership is unchanged.  When x
 * is the root, a ghost walk shows it is the only tree node: from any
 * tree node the parent links climb (windows grow, so the climb ends) to
 * the root, through a child of it, and a leaf root has none. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires leaf: t->nodes_[x].left_ == IVA__NIL &&
                   t->nodes_[x].right_ == IVA__NIL;
    requires heap: iva_heap_down(t, x);
    assigns t->root_,
      { t->nodes_[i].left_ | integer i; i == t->nodes_[x].parent_ &&
                                        t->nodes_[x].parent_ != IVA__NIL },
      { t->nodes_[i].right_ | integer i; i == t->nodes_[x].parent_ &&
                                         t->nodes_[x].parent_ != IVA__NIL },
      iva_gin[x];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t) && !iva_in(x);
    ensures heap: iva_heap(t);
    ensures others: \forall integer i; i != x ==> (iva_in(i) <==> \old(iva_in(i)));
    ensures same_hw: t->hw_ == \old(t->hw_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures \result == \old(t->nodes_[x].parent_);
*/
static uint32_t unlink_leaf(iva_tree *t, uint32_t x)
{
    uint32_t p = t->nodes_[x].parent_;
    //@ assert wx: iva_wnode(t, x);
    /*@ ghost
      if (p == IVA__NIL) {
        /@ loop invariant 0 <= k <= IVA_MAX_NODES;
           loop invariant lone: \forall integer j; 0 <= j < k && iva_in(j) ==> j == x;
           loop assigns k;
           loop variant IVA_MAX_NODES - k; @/
        for (uint32_t k = 0; k < IVA_MAX_NODES; k++) {
          if (iva_gin[k]) {
            uint32_t cur = k, prev = k;
            /@ loop invariant cin: iva_in(cur) && cur < t->hw_;
               loop invariant chain: cur == k ||
                 (iva_in(prev) && t->nodes_[prev].parent_ == cur);
               loop assigns cur, prev;
               loop variant UINT64_MAX - (iva_ghi[cur] - iva_glo[cur]); @/
            while (t->nodes_[cur].parent_ != IVA__NIL) {
              /@ assert wc: iva_wnode(t, cur); @/
              /@ assert wq: iva_wnode(t, t->nodes_[cur].parent_); @/
              prev = cur;
              cur = t->nodes_[cur].parent_;
            }
            /@ assert top: iva_wnode(t, cur) && cur == x; @/
            /@ assert wpv: cur != k ==> iva_wnode(t, prev); @/
            /@ assert kx: k == x; @/
          }
        }
      }
    */
    /*@ assert o_kids: \forall integer i; iva_in(i) && i != p ==>
          t->nodes_[i].left_ != x && t->nodes_[i].right_ != x; */
    /*@ assert o_up: \forall integer i; iva_in(i) ==> t->nodes_[i].parent_ != x; */
    /*@ assert o_k0: \forall integer i; iva_in(i) ==> i < t->hw_ &&
          iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i]; */
    /*@ assert o_l0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].left_ != IVA__NIL ==>
       iva_in(t->nodes_[i].left_) &&
       t->nodes_[t->nodes_[i].left_].parent_ == i &&
       iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
       iva_ghi[t->nodes_[i].left_] + 1 == iva_kmin(t, i)); */
    /*@ assert o_r0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].right_ != IVA__NIL ==>
       iva_in(t->nodes_[i].right_) &&
       t->nodes_[t->nodes_[i].right_].parent_ == i &&
       iva_glo[t->nodes_[i].right_] == iva_kmax(t, i) + 1 &&
       iva_ghi[t->nodes_[i].right_] == iva_ghi[i]); */
    /*@ assert o_u0: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].parent_ == IVA__NIL ? t->root_ == i :
       iva_in(t->nodes_[i].parent_) &&
       (t->nodes_[t->nodes_[i].parent_].left_ == i ||
        t->nodes_[t->nodes_[i].parent_].right_ == i)); */
    /*@ assert pw: p != IVA__NIL ==> iva_in(p) && p < t->hw_ && p != x &&
          (t->nodes_[p].left_ == x || t->nodes_[p].right_ == x); */
    //@ ghost uint32_t pl = p != IVA__NIL ? t->nodes_[p].left_ : 0u;
    //@ ghost uint32_t pr = p != IVA__NIL ? t->nodes_[p].right_ : 0u;
    //@ ghost uint32_t rt = t->root_;
    //@ assert rw: p != IVA__NIL ==> rt != x && rt != IVA__NIL;
    replace_child(t, p, x, IVA__NIL);
    //@ assert f_hw: t->hw_ == \at(t->hw_, Pre);
    /*@ assert f_r: p == IVA__NIL ? t->root_ == IVA__NIL : t->root_ == rt; */
    /*@ assert f_p: p != IVA__NIL ==>
          (pl == x ? t->nodes_[p].left_ == IVA__NIL && t->nodes_[p].right_ == pr
                   : t->nodes_[p].right_ == IVA__NIL && t->nodes_[p].left_ == pl); */
    /*@ assert f_lr: \forall integer i; 0 <= i < t->hw_ && i != p ==>
          t->nodes_[i].left_ == \at(t->nodes_[i].left_, Pre) &&
          t->nodes_[i].right_ == \at(t->nodes_[i].right_, Pre); */
    /*@ assert f_up: \forall integer i; 0 <= i < t->hw_ ==>
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, Pre); */
    /*@ assert f_k: \forall integer i; 0 <= i < t->hw_ ==>
          iva_kmin(t, i) == \at(iva_kmin(t, i), Pre) &&
          iva_kmax(t, i) == \at(iva_kmax(t, i), Pre); */
    //@ ghost iva_gin[x] = false;
    /*@ assert q_k: \forall integer i; iva_in(i) ==> i < t->hw_ &&
          iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i]; */
    /*@ assert q_l: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].left_ != IVA__NIL ==>
       iva_in(t->nodes_[i].left_) &&
       t->nodes_[t->nodes_[i].left_].parent_ == i &&
       iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
       iva_ghi[t->nodes_[i].left_] + 1 == iva_kmin(t, i)); */
    /*@ assert q_r: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].right_ != IVA__NIL ==>
       iva_in(t->nodes_[i].right_) &&
       t->nodes_[t->nodes_[i].right_].parent_ == i &&
       iva_glo[t->nodes_[i].right_] == iva_kmax(t, i) + 1 &&
       iva_ghi[t->nodes_[i].right_] == iva_ghi[i]); */
    /*@ assert q_u: \forall integer i; iva_in(i) ==>
       (t->nodes_[i].parent_ == IVA__NIL ? t->root_ == i :
       iva_in(t->nodes_[i].parent_) &&
       (t->nodes_[t->nodes_[i].parent_].left_ == i ||
        t->nodes_[t->nodes_[i].parent_].right_ == i)); */
    //@ assert qall: \forall integer i; iva_in(i) ==> iva_wnode(t, i);
    /*@ assert qr: t->root_ != IVA__NIL ==> iva_in(t->root_) &&
          t->nodes_[t->root_].parent_ == IVA__NIL &&
          iva_glo[t->root_] == 0 && iva_ghi[t->root_] == UINT64_MAX; */
    //@ assert h_key: t->prio_key_ == \at(t->prio_key_, Pre);
    /*@ assert h_1: \forall integer i; iva_in(i) &&
          t->nodes_[i].parent_ != IVA__NIL ==>
          \at(iva_in(i), Pre) && i != x &&
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, Pre) &&
          t->nodes_[i].parent_ != x; */
    //@ assert h_heap: iva_heap(t);
    return p;
}

/* The bookkeeping of removing x: the journal record, the per-state
 * counters and span (I4's counters), the node count.  Writes no link,
 * key or ghost state (iva_lk_same), so the tree invariants carry over. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_;
    requires counted: t->nodes_[x].hs_ >> IVA__SSHIFT <= IVA_VALUED &&
      iva_counted_state(t->nodes_[x].hs_ >> IVA__SSHIFT) &&
      t->n_state_[t->nodes_[x].hs_ >> IVA__SSHIFT] >= 1 && t->count_ >= 1 &&
      (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ==>
         iva_len(t->nodes_[x].min_, t->nodes_[x].max_) <= iva_span(t));
    requires journal: t->txn_active_ ==> txn_room(t, t->nodes_ + x);
    requires journal_apart:
      \separated(t->txn_ + t->txn_len_, t, t->nodes_ + (0 .. t->cap_ - 1));
    assigns t->txn_len_, t->txn_[t->txn_len_], t->n_state_[0 .. 2],
      t->free_span_lo_, t->free_span_hi_, t->count_;
    ensures shape: iva_shape(t);
    ensures keys: iva_keys(t);
    ensures no_self: iva_no_self(t);
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures count: t->count_ == \old(t->count_) - 1;
    ensures kept: t->cap_ == \old(t->cap_) &&
      t->prio_key_ == \old(t->prio_key_) &&
      t->free_head_ == \old(t->free_head_) &&
      t->n_unused_ == \old(t->n_unused_);
*/
static void forget(iva_tree *t, uint32_t x)
{
    iva__journal_removed(t, x);
    count_out(t, &t->nodes_[x]);
    t->count_--;
}

/* Remove node x (bookkeeping, sink, unlink, I4 walk, release).
 * Proved: the ghost-window invariant holds after, without x, and every
 * other slot's membership is unchanged (the set of nodes loses exactly
 * x); the node count drops by one.  The preconditions the code does not
 * check are the callers' facts: x is a counted tree node, the journal
 * has room (the operation reserved it), the free list can take it. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires heap: iva_heap(t);
    requires iva_link(t, stale);
    requires counted: t->nodes_[x].hs_ >> IVA__SSHIFT <= IVA_VALUED &&
      iva_counted_state(t->nodes_[x].hs_ >> IVA__SSHIFT) &&
      t->n_state_[t->nodes_[x].hs_ >> IVA__SSHIFT] >= 1 && t->count_ >= 1 &&
      (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ==>
         iva_len(t->nodes_[x].min_, t->nodes_[x].max_) <= iva_span(t));
    requires journal: t->txn_active_ ==> txn_room(t, t->nodes_ + x);
    requires journal_apart:
      \separated(t->txn_ + t->txn_len_, t, t->nodes_ + (0 .. t->cap_ - 1));
    requires release: iva_link(t, t->free_head_) && t->n_unused_ < UINT32_MAX;
    assigns t->txn_len_, t->txn_[t->txn_len_], t->n_state_[0 .. 2],
      t->free_span_lo_, t->free_span_hi_, t->count_, t->root_,
      t->nodes_[0 .. t->hw_ - 1], t->free_head_, t->n_unused_,
      iva_gin[x], iva_glo[0 .. IVA_MAX_NODES - 1],
      iva_ghi[0 .. IVA_MAX_NODES - 1];
    ensures iva_shape(t) && iva_keys(t);
    ensures win: iva_wtree(t) && !iva_in(x);
    ensures heap: iva_heap(t);
    ensures others: \forall integer i; i != x ==> (iva_in(i) <==> \old(iva_in(i)));
    ensures count: t->count_ == \old(t->count_) - 1;
    ensures same_hw: t->hw_ == \old(t->hw_);
*/
static void remove_node(iva_tree *t, uint32_t x, uint32_t stale)
{
    uint32_t p, g = t->nodes_[x].parent_;
    //@ assert d_wx: iva_wnode(t, x);
    /*@ assert d_gp: t->nodes_[x].parent_ != IVA__NIL ==>
          iva_pr(t, t->nodes_[x].parent_) >= iva_pr(t, x); */
    //@ assert d_heap: iva_heap_down(t, x);
    forget(t, x);
    //@ assert f_win: iva_wtree(t);
    /*@ assert f_par: \forall integer i; iva_in(i) ==> 0 <= i < t->hw_ &&
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, Pre); */
    //@ assert f_key: t->prio_key_ == \at(t->prio_key_, Pre);
    //@ assert f_heap: iva_heap_down(t, x);
    sink(t, x); /* each rotation keeps I2 and I3 for the others */
    /*@ assert s_p: t->hw_ == \at(t->hw_, Pre) &&
          (t->nodes_[x].parent_ == IVA__NIL ||
           t->nodes_[x].parent_ < \at(t->hw_, Pre)); */
    p = unlink_leaf(t, x);
    //@ assert u_hw: t->hw_ == \at(t->hw_, Pre);
    //@ ghost U: ;
    /* the risen nodes between p and g, and stale: restores I4 */
    pull_from(t, p, g, stale);
    //@ assert p_win: iva_wtree(t);
    /*@ assert p_par: \forall integer i; iva_in(i) ==>
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, U); */
    //@ assert p_key: t->prio_key_ == \at(t->prio_key_, U);
    //@ assert p_heap: iva_heap(t);
    //@ assert p_hw: t->hw_ == \at(t->hw_, Pre) && x < t->hw_;
    /*@ assert p_hdr: t->count_ == \at(t->count_, Pre) - 1 &&
          t->free_head_ == \at(t->free_head_, Pre) &&
          t->n_unused_ == \at(t->n_unused_, Pre) &&
          t->cap_ == \at(t->cap_, Pre); */
    //@ assert r_pre: \forall integer i; iva_in(i) ==> i < t->hw_ && i != x;
    //@ ghost R: ;
    iva__slot_release(t, x); /* restores I6 */
    //@ assert r_in: iva_in_same{R, Here}(t);
    //@ assert r_g: iva_ghost_same{R, Here};
    /*@ assert r_same: t->root_ == \at(t->root_, R) &&
          t->hw_ == \at(t->hw_, R) && t->nodes_ == \at(t->nodes_, R); */
    //@ assert r_win: iva_wtree(t);
    /*@ assert r_par: \forall integer i; iva_in(i) ==>
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, R); */
    //@ assert r_key: t->prio_key_ == \at(t->prio_key_, R);
    //@ assert r_heap: iva_heap(t);
}

/* The entry point of delete, free's merge, split and rollback; no
 * contract of its own yet, for the reason given at iva__node_add.  What
 * is proved is remove_node's contract. */
void iva__node_remove_stale(iva_tree *t, uint32_t x, uint32_t stale)
{
    remove_node(t, x, stale);
}

void iva__node_remove(iva_tree *t, uint32_t x)
{
    iva__node_remove_stale(t, x, IVA__NIL);
}

/* ---- a key changed in place ----------------------------------------- */

/*@ // The four clauses of iva_wnode (src/iva_acsl.h), one by one, so that
    // the walks below can say which one they have not restored yet; the
    // child clauses take the key bound k they are cut at (iva_wnode's is
    // the node's own min for the left child, its max for the right).
  predicate iva_wk{L}(iva_tree *t, integer i) =
    i < t->hw_ &&
    iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i];
  predicate iva_wl_at{L}(iva_tree *t, integer i, integer k) =
    t->nodes_[i].left_ != IVA__NIL ==>
      iva_in(t->nodes_[i].left_) &&
      t->nodes_[t->nodes_[i].left_].parent_ == i &&
      iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
      iva_ghi[t->nodes_[i].left_] + 1 == k;
  predicate iva_wr_at{L}(iva_tree *t, integer i, integer k) =
    t->nodes_[i].right_ != IVA__NIL ==>
      iva_in(t->nodes_[i].right_) &&
      t->nodes_[t->nodes_[i].right_].parent_ == i &&
      iva_glo[t->nodes_[i].right_] == k + 1 &&
      iva_ghi[t->nodes_[i].right_] == iva_ghi[i];
  predicate iva_wu{L}(iva_tree *t, integer i) =
    t->nodes_[i].parent_ == IVA__NIL ? t->root_ == i :
      iva_in(t->nodes_[i].parent_) &&
      (t->nodes_[t->nodes_[i].parent_].left_ == i ||
       t->nodes_[t->nodes_[i].parent_].right_ == i);

  // The tree but for x's child clauses: every node's key lies in its
  // window and its parent link is right, and every node but x has its
  // child clauses.
  predicate iva_wbut{L}(iva_tree *t, integer x) =
    (\forall integer i; iva_in(i) ==> iva_wk(t, i) && iva_wu(t, i)) &&
    (\forall integer i; iva_in(i) && i != x ==>
       iva_wl_at(t, i, iva_kmin(t, i)) && iva_wr_at(t, i, iva_kmax(t, i)));
*/

/* After x's key changed (kept inside x's window), x's left subtree still
 * has the window of x's old key: its right spine (the left child, its
 * right child, and so on) carries the high end old min - 1.  Walk that
 * spine and set the high end to the new min - 1 (the keys on it lie below
 * the new min: `below`).  Ghost code only: the compiler sees none of it.
 * x's right clause (cut at b) is kept. */
/*@ ghost
  /@ requires iva_shape(t) && iva_no_self(t) && x < t->hw_ && iva_in(x);
     requires but: iva_wbut(t, x);
     requires xl: iva_wl_at(t, x, iva_ghi[t->nodes_[x].left_] + 1);
     requires xr: iva_wr_at(t, x, b);
     requires root: t->root_ != IVA__NIL ==> iva_ghi[t->root_] == UINT64_MAX;
     requires cut: t->nodes_[x].left_ != IVA__NIL ==>
       iva_ghi[t->nodes_[x].left_] < iva_kmax(t, x);
     requires below: t->nodes_[x].left_ != IVA__NIL ==>
       \forall integer j; iva_in(j) && j != x &&
         iva_kmax(t, j) <= iva_ghi[t->nodes_[x].left_] ==>
         iva_kmax(t, j) < iva_kmin(t, x);
     assigns iva_ghi[0 .. IVA_MAX_NODES - 1];
     ensures but: iva_wbut(t, x);
     ensures xl: iva_wl_at(t, x, iva_kmin(t, x));
     ensures xr: iva_wr_at(t, x, b);
     ensures ghi_x: iva_ghi[x] == \old(iva_ghi[x]);
     ensures root: t->root_ != IVA__NIL ==> iva_ghi[t->root_] == UINT64_MAX;
  @/
  void spine_hi(iva_tree *t, uint32_t x, uint64_t b)
  {
    uint32_t n = t->nodes_[x].left_, p = x;
    if (n == IVA__NIL)
      return;
    uint64_t h = iva_ghi[n], v = t->nodes_[x].min_ - 1u, lo = iva_glo[n];
    /@ loop invariant s_all: \forall integer i; iva_in(i) ==>
          iva_wk(t, i) && iva_wu(t, i);
       loop invariant s_rest: \forall integer i; iva_in(i) && i != x &&
          i != p ==> iva_wl_at(t, i, iva_kmin(t, i)) &&
                     iva_wr_at(t, i, iva_kmax(t, i));
       loop invariant s_xl: p != x ==> iva_wl_at(t, x, iva_kmin(t, x));
       loop invariant s_xr: iva_wr_at(t, x, b);
       loop invariant s_p: p != x ==> iva_in(p) && p < t->hw_ &&
          iva_wl_at(t, p, iva_kmin(t, p)) && iva_ghi[p] == v &&
          t->nodes_[p].right_ == n;
       loop invariant s_px: p == x ==> t->nodes_[x].left_ == n;
       loop invariant s_n: n != IVA__NIL ==> iva_in(n) && n < t->hw_ &&
          t->nodes_[n].parent_ == p && iva_ghi[n] == h && iva_glo[n] == lo &&
          (p == x ? lo == iva_glo[x] : lo == iva_kmax(t, p) + 1);
       loop invariant s_h: h == \at(iva_ghi[t->nodes_[x].left_], Pre) &&
          h < iva_kmax(t, x) && v + 1 == iva_kmin(t, x);
       loop invariant s_root: t->root_ != IVA__NIL ==>
          iva_ghi[t->root_] == UINT64_MAX;
       loop invariant s_gx: iva_ghi[x] == \at(iva_ghi[x], Pre);
       loop assigns n, p, lo, iva_ghi[0 .. IVA_MAX_NODES - 1];
       loop variant h - lo;
    @/
    while (n != IVA__NIL) {
      iva_ghi[n] = v;
      lo = t->nodes_[n].max_ + 1u;
      p = n;
      n = t->nodes_[n].right_;
    }
  }
*/

/* The mirror of spine_hi: x's right subtree's left spine carries the low
 * end old max + 1; set it to the new max + 1 (the keys on it lie above the
 * new max: `above`).  x's left clause (cut at a) is kept. */
/*@ ghost
  /@ requires iva_shape(t) && iva_no_self(t) && x < t->hw_ && iva_in(x);
     requires but: iva_wbut(t, x);
     requires xl: iva_wl_at(t, x, a);
     requires xr: iva_wr_at(t, x, iva_glo[t->nodes_[x].right_] - 1);
     requires root: t->root_ != IVA__NIL ==> iva_glo[t->root_] == 0;
     requires cut: t->nodes_[x].right_ != IVA__NIL ==>
       iva_kmin(t, x) < iva_glo[t->nodes_[x].right_];
     requires above: t->nodes_[x].right_ != IVA__NIL ==>
       \forall integer j; iva_in(j) && j != x &&
         iva_glo[t->nodes_[x].right_] <= iva_kmin(t, j) ==>
         iva_kmax(t, x) < iva_kmin(t, j);
     assigns iva_glo[0 .. IVA_MAX_NODES - 1];
     ensures but: iva_wbut(t, x);
     ensures xl: iva_wl_at(t, x, a);
     ensures xr: iva_wr_at(t, x, iva_kmax(t, x));
     ensures glo_x: iva_glo[x] == \old(iva_glo[x]);
     ensures root: t->root_ != IVA__NIL ==> iva_glo[t->root_] == 0;
  @/
  void spine_lo(iva_tree *t, uint32_t x, uint64_t a)
  {
    uint32_t n = t->nodes_[x].right_, p = x;
    if (n == IVA__NIL)
      return;
    uint64_t g = iva_glo[n], u = t->nodes_[x].max_ + 1u, hi = iva_ghi[n];
    /@ loop invariant s_all: \forall integer i; iva_in(i) ==>
          iva_wk(t, i) && iva_wu(t, i);
       loop invariant s_rest: \forall integer i; iva_in(i) && i != x &&
          i != p ==> iva_wl_at(t, i, iva_kmin(t, i)) &&
                     iva_wr_at(t, i, iva_kmax(t, i));
       loop invariant s_xr: p != x ==> iva_wr_at(t, x, iva_kmax(t, x));
       loop invariant s_xl: iva_wl_at(t, x, a);
       loop invariant s_p: p != x ==> iva_in(p) && p < t->hw_ &&
          iva_wr_at(t, p, iva_kmax(t, p)) && iva_glo[p] == u &&
          t->nodes_[p].left_ == n;
       loop invariant s_px: p == x ==> t->nodes_[x].right_ == n;
       loop invariant s_n: n != IVA__NIL ==> iva_in(n) && n < t->hw_ &&
          t->nodes_[n].parent_ == p && iva_glo[n] == g && iva_ghi[n] == hi &&
          (p == x ? hi == iva_ghi[x] : hi + 1 == iva_kmin(t, p));
       loop invariant s_g: g == \at(iva_glo[t->nodes_[x].right_], Pre) &&
          iva_kmin(t, x) < g && u == iva_kmax(t, x) + 1;
       loop invariant s_root: t->root_ != IVA__NIL ==> iva_glo[t->root_] == 0;
       loop invariant s_gx: iva_glo[x] == \at(iva_glo[x], Pre);
       loop assigns n, p, hi, iva_glo[0 .. IVA_MAX_NODES - 1];
       loop variant hi - g;
    @/
    while (n != IVA__NIL) {
      iva_glo[n] = u;
      hi = t->nodes_[n].min_ - 1u;
      p = n;
      n = t->nodes_[n].left_;
    }
  }
*/

/* Change x's key in place to [min, max], which overlaps the old key and
 * lies inside x's window, with no tree node between the old and the new
 * bounds (`lower`, `upper`: the nodes left of the old key stay left of
 * the new one, and so on).  The links are unchanged; the ghost windows of
 * the two spines below x follow the new key.  Proved: iva_wtree is kept,
 * with the same nodes, the same other keys, and x's own window. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires key: min <= max && iva_glo[x] <= min && max <= iva_ghi[x];
    requires overlap: min <= iva_kmax(t, x) && iva_kmin(t, x) <= max;
    requires lower: \forall integer j; iva_in(j) && j != x &&
      iva_kmax(t, j) < iva_kmin(t, x) ==> iva_kmax(t, j) < min;
    requires upper: \forall integer j; iva_in(j) && j != x &&
      iva_kmin(t, j) > iva_kmax(t, x) ==> max < iva_kmin(t, j);
    assigns t->nodes_[x].min_, t->nodes_[x].max_,
            iva_glo[0 .. IVA_MAX_NODES - 1], iva_ghi[0 .. IVA_MAX_NODES - 1];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t);
    ensures in: \forall integer i; iva_in(i) <==> \old(iva_in(i));
    ensures key: iva_kmin(t, x) == min && iva_kmax(t, x) == max;
    ensures window: iva_glo[x] == \old(iva_glo[x]) &&
      iva_ghi[x] == \old(iva_ghi[x]);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ && i != x ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
    ensures links: \forall integer i; 0 <= i < t->hw_ ==>
      t->nodes_[i].left_ == \old(t->nodes_[i].left_) &&
      t->nodes_[i].right_ == \old(t->nodes_[i].right_) &&
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
    ensures same: t->root_ == \old(t->root_) && t->hw_ == \old(t->hw_) &&
      t->nodes_ == \old(t->nodes_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
*/
static void change_key(iva_tree *t, uint32_t x, uint64_t min, uint64_t max)
{
    //@ ghost uint64_t b = t->nodes_[x].max_;
    //@ assert w0: \forall integer i; iva_in(i) ==> iva_wnode(t, i);
    //@ assert r0: t->root_ != IVA__NIL ==> iva_in(t->root_);
    t->nodes_[x].min_ = min;
    t->nodes_[x].max_ = max;
    /*@ assert c_keys: \forall integer i; 0 <= i < t->hw_ && i != x ==>
          iva_kmin(t, i) == \at(iva_kmin(t, i), Pre) &&
          iva_kmax(t, i) == \at(iva_kmax(t, i), Pre); */
    /*@ assert c_links: \forall integer i; 0 <= i < t->hw_ ==>
          t->nodes_[i].left_ == \at(t->nodes_[i].left_, Pre) &&
          t->nodes_[i].right_ == \at(t->nodes_[i].right_, Pre) &&
          t->nodes_[i].parent_ == \at(t->nodes_[i].parent_, Pre); */
    //@ assert c_wk: \forall integer i; iva_in(i) ==> iva_wk(t, i);
    //@ assert c_wu: \forall integer i; iva_in(i) ==> iva_wu(t, i);
    /*@ assert c_wl: \forall integer i; iva_in(i) && i != x ==>
          iva_wl_at(t, i, iva_kmin(t, i)); */
    /*@ assert c_wr: \forall integer i; iva_in(i) && i != x ==>
          iva_wr_at(t, i, iva_kmax(t, i)); */
    //@ assert k_but: iva_wbut(t, x);
    //@ assert k_xl: iva_wl_at(t, x, iva_ghi[t->nodes_[x].left_] + 1);
    //@ assert k_xr: iva_wr_at(t, x, b);
    //@ ghost spine_hi(t, x, b);
    //@ assert h_xr: iva_wr_at(t, x, iva_glo[t->nodes_[x].right_] - 1);
    //@ ghost spine_lo(t, x, min);
    //@ assert l_all: \forall integer i; iva_in(i) ==> iva_wnode(t, i);
}

/* Copy node n to *old (the journal's copy of a node about to change). */
/*@ requires \valid(old) && \valid_read(n) && \separated(old, n);
    assigns *old;
    ensures old->min_ == n->min_ && old->max_ == n->max_ &&
      old->hs_ == n->hs_ && old->data_ == n->data_;
*/
static void save_node(iva_node *old, const iva_node *n)
{
    *old = *n;
}

/* The first part of a key change: copy x to *old, count it out. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_;
    requires out: \valid(old) &&
      \separated(old, t, t->nodes_ + (0 .. t->cap_ - 1));
    requires counted: t->nodes_[x].hs_ >> IVA__SSHIFT <= IVA_VALUED &&
      iva_counted_state(t->nodes_[x].hs_ >> IVA__SSHIFT) &&
      t->n_state_[t->nodes_[x].hs_ >> IVA__SSHIFT] >= 1 &&
      (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ==>
         iva_len(iva_kmin(t, x), iva_kmax(t, x)) <= iva_span(t));
    assigns *old, t->n_state_[0 .. 2], t->free_span_lo_, t->free_span_hi_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures old: old->min_ == t->nodes_[x].min_ &&
      old->max_ == t->nodes_[x].max_ &&
      old->hs_ == t->nodes_[x].hs_ && old->data_ == t->nodes_[x].data_;
    ensures word: t->nodes_[x].hs_ == \old(t->nodes_[x].hs_);
    ensures span: iva_span(t) == \old(iva_span(t)) -
      (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ?
         iva_len(iva_kmin(t, x), iva_kmax(t, x)) : 0);
    ensures counts: \forall integer s; 0 <= s <= 2 ==>
      t->n_state_[s] <= \old(t->n_state_[s]);
*/
static void uncount(iva_tree *t, uint32_t x, iva_node *old)
{
    save_node(old, &t->nodes_[x]);
    count_out(t, &t->nodes_[x]);
}

/* The last part of a key change: x's data (I5) and state, counted in. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_;
    requires state: iva_counted_state(state) &&
      t->n_state_[state] < UINT32_MAX;
    requires fits: state == IVA_FREE ==>
      iva_span(t) + iva_len(iva_kmin(t, x), iva_kmax(t, x)) <=
        18446744073709551616;
    assigns t->nodes_[x].data_, t->nodes_[x].hs_, t->n_state_[0 .. 2],
            t->free_span_lo_, t->free_span_hi_;
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures data: t->nodes_[x].data_ == (state == IVA_VALUED ? data : 0);
*/
static void recount(iva_tree *t, uint32_t x, uint32_t state, uint64_t data)
{
    iva_node *n = &t->nodes_[x];
    n->data_ = state == IVA_VALUED ? data : 0u; /* I5 */
    iva__set_state_bits(n, state);
    count_key(t, state, n->min_, n->max_);
}

/* x's key, state and data change in place; its old fields are copied to
 * *old (for the journal: iva__node_journal_change).  The counters follow
 * (I4's counters: count_out, count_key).  x's augmented fields are left
 * for the caller's walk (iva__node_pull_up, or the stale argument of the
 * insertion or removal that follows).  Proved: iva_wtree is kept (the
 * key moves inside x's window, change_key), the same nodes are in the
 * tree with the same links, x has the new key and data (I5: data only
 * for VALUED), *old is x's old key, state word and data, and the header
 * is unchanged but for the counters; the heap order I3 is kept (links
 * and priorities are untouched). */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires out: \valid(old) &&
      \separated(old, t, t->nodes_ + (0 .. t->cap_ - 1));
    requires key: min <= max && iva_glo[x] <= min && max <= iva_ghi[x];
    requires overlap: min <= iva_kmax(t, x) && iva_kmin(t, x) <= max;
    requires lower: \forall integer j; iva_in(j) && j != x &&
      iva_kmax(t, j) < iva_kmin(t, x) ==> iva_kmax(t, j) < min;
    requires upper: \forall integer j; iva_in(j) && j != x &&
      iva_kmin(t, j) > iva_kmax(t, x) ==> max < iva_kmin(t, j);
    requires counted: t->nodes_[x].hs_ >> IVA__SSHIFT <= IVA_VALUED &&
      iva_counted_state(t->nodes_[x].hs_ >> IVA__SSHIFT) &&
      t->n_state_[t->nodes_[x].hs_ >> IVA__SSHIFT] >= 1 &&
      (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ==>
         iva_len(iva_kmin(t, x), iva_kmax(t, x)) <= iva_span(t));
    requires new_state: iva_counted_state(state) &&
      t->n_state_[state] < UINT32_MAX;
    requires new_fits: state == IVA_FREE ==>
      iva_span(t) - (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ?
                       iva_len(iva_kmin(t, x), iva_kmax(t, x)) : 0) +
      iva_len(min, max) <= 18446744073709551616;
    assigns *old, t->nodes_[x].min_, t->nodes_[x].max_, t->nodes_[x].data_,
            t->nodes_[x].hs_, t->n_state_[0 .. 2], t->free_span_lo_,
            t->free_span_hi_,
            iva_glo[0 .. IVA_MAX_NODES - 1], iva_ghi[0 .. IVA_MAX_NODES - 1];
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t);
    ensures in: \forall integer i; iva_in(i) <==> \old(iva_in(i));
    ensures key: iva_kmin(t, x) == min && iva_kmax(t, x) == max;
    ensures data: t->nodes_[x].data_ == (state == IVA_VALUED ? data : 0);
    ensures old: old->min_ == \old(t->nodes_[x].min_) &&
      old->max_ == \old(t->nodes_[x].max_) &&
      old->hs_ == \old(t->nodes_[x].hs_) &&
      old->data_ == \old(t->nodes_[x].data_);
    ensures links: \forall integer i; 0 <= i < t->hw_ ==>
      t->nodes_[i].left_ == \old(t->nodes_[i].left_) &&
      t->nodes_[i].right_ == \old(t->nodes_[i].right_) &&
      t->nodes_[i].parent_ == \old(t->nodes_[i].parent_);
    ensures keys_same: \forall integer i; 0 <= i < t->hw_ && i != x ==>
      iva_kmin(t, i) == \old(iva_kmin(t, i)) &&
      iva_kmax(t, i) == \old(iva_kmax(t, i));
    ensures same: t->root_ == \old(t->root_) && t->hw_ == \old(t->hw_) &&
      t->nodes_ == \old(t->nodes_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures heap: iva_heap{Pre}(t) ==> iva_heap(t);
*/
static void change_node(iva_tree *t, uint32_t x, uint64_t min, uint64_t max,
                        uint32_t state, uint64_t data, iva_node *old)
{
    uncount(t, x, old);
    //@ assert o_win: iva_wtree(t);
    change_key(t, x, min, max);
    //@ ghost K: ;
    recount(t, x, state, data);
    //@ assert e_win: iva_wtree(t);
}

/* The entry point of split, free's merge and iva__node_set; no contract
 * of its own, for the reason given at iva__node_add.  What is proved is
 * change_node's contract. */
void iva__node_change(iva_tree *t, uint32_t x, uint64_t min, uint64_t max,
                      uint32_t state, uint64_t data, iva_node *old)
{
    change_node(t, x, min, max, state, data, old);
}

/* The journal records of a key change: x's old fields (removed), then its
 * new ones (added). */
/*@ requires iva_shape(t) && \valid(t) && x < t->hw_ && \valid_read(old);
    requires journal: t->txn_active_ ==> t->txn_len_ + 2 <= t->txn_cap_ &&
      \valid(t->txn_ + (t->txn_len_ .. t->txn_len_ + 1));
    requires journal_apart:
      \separated(t->txn_ + (t->txn_len_ .. t->txn_len_ + 1), t, old,
                 t->nodes_ + (0 .. t->cap_ - 1));
    assigns t->txn_len_, t->txn_[t->txn_len_ .. t->txn_len_ + 1];
    ensures idle: !t->txn_active_ ==> t->txn_len_ == \old(t->txn_len_);
    ensures active: t->txn_active_ ==> t->txn_len_ == \old(t->txn_len_) + 2;
    ensures same: t->root_ == \old(t->root_) && t->hw_ == \old(t->hw_) &&
      t->nodes_ == \old(t->nodes_) && t->cap_ == \old(t->cap_) &&
      t->txn_active_ == \old(t->txn_active_);
    ensures hdr: iva_hdr_same{Pre, Post}(t);
    ensures slots: \forall integer i; 0 <= i < t->hw_ ==>
      iva_slot_same{Pre, Post}(t, i);
    ensures lk: iva_lk_same{Pre, Post}(t);
    ensures shape: iva_shape(t);
    ensures keys: iva_keys{Pre}(t) ==> iva_keys(t);
    ensures no_self: iva_no_self{Pre}(t) ==> iva_no_self(t);
*/
static void journal_change(iva_tree *t, uint32_t x, const iva_node *old)
{
    iva__journal_removed_node(t, old);
    /*@ assert r_same: t->root_ == \at(t->root_, Pre) &&
          t->hw_ == \at(t->hw_, Pre) && t->nodes_ == \at(t->nodes_, Pre) &&
          t->cap_ == \at(t->cap_, Pre) && t->txn_ == \at(t->txn_, Pre) &&
          t->txn_cap_ == \at(t->txn_cap_, Pre) &&
          t->txn_active_ == \at(t->txn_active_, Pre); */
    //@ assert r_hdr: iva_hdr_same{Pre, Here}(t);
    /*@ assert r_slots: \forall integer i; 0 <= i < t->hw_ ==>
          iva_slot_same{Pre, Here}(t, i); */
    /*@ assert r_len: t->txn_active_ ==>
          t->txn_len_ == \at(t->txn_len_, Pre) + 1; */
    iva__journal_added(t, x);
}

/* The entry point of split and free's merge; no contract of its own, for
 * the reason given at iva__node_add.  What is proved is journal_change's
 * contract. */
void iva__node_journal_change(iva_tree *t, uint32_t x, const iva_node *old)
{
    journal_change(t, x, old);
}

void iva__node_pull_up(iva_tree *t, uint32_t x)
{
    pull_up(t, x);
}

/* A key change with its I4 walk and journal records (update).  Proved:
 * change_node's guarantees (iva_wtree and I3 kept, the same nodes, x's
 * new key and data), and two journal records when a transaction is
 * active. */
/*@ requires iva_shape(t) && iva_keys(t) && iva_no_self(t) && \valid(t);
    requires x < t->hw_ && iva_wtree(t) && iva_in(x);
    requires key: min <= max && iva_glo[x] <= min && max <= iva_ghi[x];
    requires overlap: min <= iva_kmax(t, x) && iva_kmin(t, x) <= max;
    requires lower: \forall integer j; iva_in(j) && j != x &&
      iva_kmax(t, j) < iva_kmin(t, x) ==> iva_kmax(t, j) < min;
    requires upper: \forall integer j; iva_in(j) && j != x &&
      iva_kmin(t, j) > iva_kmax(t, x) ==> max < iva_kmin(t, j);
    requires counted: t->nodes_[x].hs_ >> IVA__SSHIFT <= IVA_VALUED &&
      iva_counted_state(t->nodes_[x].hs_ >> IVA__SSHIFT) &&
      t->n_state_[t->nodes_[x].hs_ >> IVA__SSHIFT] >= 1 &&
      (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ==>
         iva_len(iva_kmin(t, x), iva_kmax(t, x)) <= iva_span(t));
    requires new_state: iva_counted_state(state) &&
      t->n_state_[state] < UINT32_MAX;
    requires new_fits: state == IVA_FREE ==>
      iva_span(t) - (t->nodes_[x].hs_ >> IVA__SSHIFT == IVA_FREE ?
                       iva_len(iva_kmin(t, x), iva_kmax(t, x)) : 0) +
      iva_len(min, max) <= 18446744073709551616;
    requires journal: t->txn_active_ ==> t->txn_len_ + 2 <= t->txn_cap_ &&
      \valid(t->txn_ + (t->txn_len_ .. t->txn_len_ + 1));
    requires journal_apart:
      \separated(t->txn_ + (t->txn_len_ .. t->txn_len_ + 1), t,
                 t->nodes_ + (0 .. t->cap_ - 1));
    ensures iva_shape(t) && iva_keys(t) && iva_no_self(t);
    ensures win: iva_wtree(t);
    ensures in: \forall integer i; iva_in(i) <==> \old(iva_in(i));
    ensures key: iva_kmin(t, x) == min && iva_kmax(t, x) == max;
    ensures data: t->nodes_[x].data_ == (state == IVA_VALUED ? data : 0);
    ensures heap: iva_heap{Pre}(t) ==> iva_heap(t);
    ensures idle: !t->txn_active_ ==> t->txn_len_ == \old(t->txn_len_);
    ensures active: t->txn_active_ ==> t->txn_len_ == \old(t->txn_len_) + 2;
*/
static void set_node(iva_tree *t, uint32_t x, uint64_t min, uint64_t max,
                     uint32_t state, uint64_t data)
{
    iva_node old;
    change_node(t, x, min, max, state, data, &old);
    /*@ assert c_j: t->txn_active_ == \at(t->txn_active_, Pre) &&
          t->txn_len_ == \at(t->txn_len_, Pre) &&
          t->txn_cap_ == \at(t->txn_cap_, Pre) &&
          t->txn_ == \at(t->txn_, Pre); */
    //@ ghost C: ;
    pull_up(t, x); /* restores I4 on x's path */
    //@ assert p_data: t->nodes_[x].data_ == \at(t->nodes_[x].data_, C);
    //@ ghost P: ;
    /*@ assert j_pre: t->txn_active_ == \at(t->txn_active_, C) &&
          t->txn_len_ == \at(t->txn_len_, C) &&
          t->txn_cap_ == \at(t->txn_cap_, C) &&
          t->txn_ == \at(t->txn_, C); */
    journal_change(t, x, &old);
    //@ assert j_g: iva_ghost_same{P, Here};
    //@ assert j_lk: iva_lk_same{P, Here}(t);
    //@ assert j_win: iva_wtree(t);
    //@ assert j_sh: iva_shape(t) && iva_keys(t) && iva_no_self(t);
    //@ assert j_sl: iva_slot_same{P, Here}(t, x);
    //@ assert j_data: t->nodes_[x].data_ == \at(t->nodes_[x].data_, P);
}

/* The entry point of update; no contract of its own, for the reason
 * given at iva__node_add.  What is proved is set_node's contract. */
void iva__node_set(iva_tree *t, uint32_t x, uint64_t min, uint64_t max,
                   uint32_t state, uint64_t data)
{
    set_node(t, x, min, max, state, data);
}
