/*
 * ACSL logic shared by the contracts of ivalloc (Frama-C/WP, proofs/run.sh).
 * Comments only: the compiler sees an empty header.  docs/PROOFS.md
 * explains every definition and the one axiom below.
 */
#ifndef IVA_ACSL_H
#define IVA_ACSL_H

/*@
  // Length of the closed range [min, max] as a mathematical integer.
  logic integer iva_len(integer min, integer max) = max - min + 1;

  // Effective alignment: 0 and 1 mean "none" (SPEC section 2).
  logic integer iva_ealign(integer a) = a <= 1 ? 1 : a;

  // Smallest multiple of a that is >= x (x >= 0, a > 0).
  logic integer iva_round_up(integer x, integer a) =
    x % a == 0 ? x : x + (a - x % a);

  // Largest multiple of a that is <= x (x >= 0, a > 0).
  logic integer iva_round_down(integer x, integer a) = x - x % a;

  // Power of two, with the bit test the code uses.
  predicate iva_pow2(integer x) = x > 0 && (x & (x - 1)) == 0;

  // [s, s + size - 1] crosses a multiple of boundary b (0: no boundary).
  predicate iva_crosses(integer s, integer size, integer b) =
    b != 0 && s / b != (s + size - 1) / b;

  // A constraint that iva_constraint_check() accepts (SPEC sections 2, 3).
  predicate iva_cons_ok(iva_constraint c) =
    c.size != 0 && c.min <= c.max &&
    (c.align <= 1 || iva_pow2(c.align)) &&
    (c.boundary == 0 || (iva_pow2(c.boundary) && c.size <= c.boundary)) &&
    (c.policy == IVA_FIRST_FIT || c.policy == IVA_LAST_FIT ||
     c.policy == IVA_BEST_FIT);

  // s is a start admitted by constraint c inside node [nmin, nmax]:
  // node and window containment, alignment, size, no boundary crossing.
  predicate iva_admits(integer nmin, integer nmax, iva_constraint c,
                       integer s) =
    nmin <= s && c.min <= s &&
    s + c.size - 1 <= nmax && s + c.size - 1 <= c.max &&
    s % iva_ealign(c.align) == 0 &&
    !iva_crosses(s, c.size, c.boundary);

  // ---- tree shape: every index the code follows is a used slot -------
  // x is IVA__NIL or a slot below the high-water mark.
  predicate iva_link(iva_tree *t, integer x) =
    x == IVA__NIL || 0 <= x < t->hw_;

  // The pool is an array of cap_ valid nodes, disjoint from the tree
  // header; the root and every child/parent/free-list link of a used slot
  // is a link (the shape part of I6; no claim on order or acyclicity).
  predicate iva_shape{L}(iva_tree *t) =
    \valid_read(t) && t->hw_ <= t->cap_ && t->cap_ <= IVA_MAX_NODES &&
    \valid(t->nodes_ + (0 .. t->cap_ - 1)) &&
    \separated(t, t->nodes_ + (0 .. t->cap_ - 1)) &&
    iva_link(t, t->root_) &&
    (\forall integer i; 0 <= i < t->hw_ ==>
       iva_link(t, t->nodes_[i].left_) && iva_link(t, t->nodes_[i].right_) &&
       iva_link(t, t->nodes_[i].parent_));

  // Slot i holds a FREE node: the state bits 30..31 of hs_ are 0
  // (IVA_FREE), i.e. iva__state() is IVA_FREE.  Written as a mask, the
  // form WP's simplifier gives `hs_ >> 30 == 0`; callers see one term.
  predicate iva_free_at{L}(iva_tree *t, integer i) =
    (t->nodes_[i].hs_ & 0xC0000000) == 0;

  // Slot i holds a VALUED node (state bits 30..31 are 2), same form.
  predicate iva_valued_at{L}(iva_tree *t, integer i) =
    (t->nodes_[i].hs_ & 0xC0000000) == 0x80000000;

  // I1 on every slot below the high-water mark (a released slot holds
  // the key [0, 0], so this holds for used and released slots alike).
  predicate iva_keys{L}(iva_tree *t) =
    \forall integer i; 0 <= i < t->hw_ ==>
      t->nodes_[i].min_ <= t->nodes_[i].max_;

  // Slot i's key bounds, as logic functions.  The window predicates read
  // the keys through them on purpose.  After a call that writes only big_ / hs_, WP's simplifier
  // rewrites a plain field read back to the pre-state memory wherever it
  // sees one, but not inside a predicate, and the solvers then fail to
  // redo that step inside the window predicates (measured: rotate's
  // window goals timed out).  A function application is left alone, so
  // the "keys unchanged" facts stated with them (iva__pull's keys_same,
  // carried up to rotate_up) match the terms inside those predicates
  // as they are.
  logic integer iva_kmin{L}(iva_tree *t, integer i) = t->nodes_[i].min_;
  logic integer iva_kmax{L}(iva_tree *t, integer i) = t->nodes_[i].max_;

  // ---- the iva_entry output of the lookups ----------------------------
  // e is NULL (no output wanted) or a writable entry outside the tree.
  predicate iva_entry_out{L}(iva_tree *t, iva_entry *e) =
    e == \null ||
    (\valid(e) && \separated(e, t, t->nodes_ + (0 .. t->cap_ - 1)));

  // e holds the key, state bits (30..31, IVA__SSHIFT of iva_internal.h,
  // which proofs/lemmas.c does not include) and data of slot i.
  predicate iva_entry_of{L}(iva_tree *t, iva_entry *e, integer i) =
    e->key.min == t->nodes_[i].min_ && e->key.max == t->nodes_[i].max_ &&
    e->state == t->nodes_[i].hs_ >> 30 &&
    e->data == t->nodes_[i].data_;

  // Every field of *e is as it was at label A.
  predicate iva_entry_same{A, B}(iva_entry *e) =
    \at(e->key.min, A) == \at(e->key.min, B) &&
    \at(e->key.max, A) == \at(e->key.max, B) &&
    \at(e->state, A) == \at(e->state, B) &&
    \at(e->data, A) == \at(e->data, B);

  // ---- "an error changes nothing" ----------------------------------
  // Nothing of the tree changed between labels A and B: every field of
  // the header and every field of every pool slot (compared one by one:
  // the solvers do not unpack struct equalities).  Left out: visits_
  // (it counts the work of allocate, failed searches included) and the
  // journal buffer (txn_, txn_cap_: an operation may grow it before a
  // later check fails; its records, txn_len_, are compared).
  predicate iva_slot_same{A, B}(iva_tree *t, integer i) =
    \at(t->nodes_[i].min_, A) == \at(t->nodes_[i].min_, B) &&
    \at(t->nodes_[i].max_, A) == \at(t->nodes_[i].max_, B) &&
    \at(t->nodes_[i].data_, A) == \at(t->nodes_[i].data_, B) &&
    \at(t->nodes_[i].big_, A) == \at(t->nodes_[i].big_, B) &&
    \at(t->nodes_[i].left_, A) == \at(t->nodes_[i].left_, B) &&
    \at(t->nodes_[i].right_, A) == \at(t->nodes_[i].right_, B) &&
    \at(t->nodes_[i].parent_, A) == \at(t->nodes_[i].parent_, B) &&
    \at(t->nodes_[i].hs_, A) == \at(t->nodes_[i].hs_, B);
  predicate iva_tree_same{A, B}(iva_tree *t) =
    \at(t->nodes_, A) == \at(t->nodes_, B) &&
    \at(t->cap_, A) == \at(t->cap_, B) &&
    \at(t->hw_, A) == \at(t->hw_, B) &&
    \at(t->free_head_, A) == \at(t->free_head_, B) &&
    \at(t->n_unused_, A) == \at(t->n_unused_, B) &&
    \at(t->root_, A) == \at(t->root_, B) &&
    \at(t->count_, A) == \at(t->count_, B) &&
    \at(t->n_state_[0], A) == \at(t->n_state_[0], B) &&
    \at(t->n_state_[1], A) == \at(t->n_state_[1], B) &&
    \at(t->n_state_[2], A) == \at(t->n_state_[2], B) &&
    \at(t->free_span_hi_, A) == \at(t->free_span_hi_, B) &&
    \at(t->free_span_lo_, A) == \at(t->free_span_lo_, B) &&
    \at(t->seed_, A) == \at(t->seed_, B) &&
    \at(t->prio_key_, A) == \at(t->prio_key_, B) &&
    \at(t->heap_, A) == \at(t->heap_, B) &&
    \at(t->txn_active_, A) == \at(t->txn_active_, B) &&
    \at(t->txn_heap_, A) == \at(t->txn_heap_, B) &&
    \at(t->txn_len_, A) == \at(t->txn_len_, B) &&
    \at(t->rebuilds_, A) == \at(t->rebuilds_, B) &&
    \forall integer i; 0 <= i < \at(t->cap_, A) ==> iva_slot_same{A, B}(t, i);

  // An error of a keyed operation changed nothing: the tree, and the
  // optional output entry e.
  predicate iva_untouched{A, B}(iva_tree *t, iva_entry *e) =
    iva_tree_same{A, B}(t) && (e != \null ==> iva_entry_same{A, B}(e));

  // The journal fields as iva__journal_reserve requires them.
  predicate iva_journal_ok(iva_tree *t) =
    t->txn_len_ <= t->txn_cap_ &&
    t->txn_cap_ <= SIZE_MAX / sizeof(iva_txn_rec);

  // The journal can take one more record: there is room below txn_cap_,
  // the record slot is writable and apart from the tree header and the
  // node n being recorded (src/txn.c; apart from the rest of the pool
  // only where a caller requires it, iva__node_remove_stale).
  predicate txn_room{L}(iva_tree *t, iva_node *n) =
    t->txn_len_ < t->txn_cap_ && \valid(t->txn_ + t->txn_len_) &&
    \separated(t->txn_ + t->txn_len_, t, n);

  // "Nothing changed" composes (used when an operation fails after a
  // step that changed only what iva_tree_same leaves out).
  lemma iva_tree_same_trans{A, B, C}: \forall iva_tree *t;
    iva_tree_same{A, B}(t) && iva_tree_same{B, C}(t) ==>
    iva_tree_same{A, C}(t);

  lemma iva_mod_range: \forall integer x, a; x >= 0 && a > 0 ==>
    0 <= x % a < a && x == (x / a) * a + x % a;

  lemma iva_round_up_ge: \forall integer x, a; x >= 0 && a > 0 ==>
    x <= iva_round_up(x, a) < x + a;

  lemma iva_round_up_mult: \forall integer x, a; x >= 0 && a > 0 ==>
    iva_round_up(x, a) % a == 0;

  lemma iva_round_up_least: \forall integer x, a, m; x >= 0 && a > 0 &&
    x <= m < iva_round_up(x, a) ==> m % a != 0;

  lemma iva_round_down_le: \forall integer x, a; x >= 0 && a > 0 ==>
    x - a < iva_round_down(x, a) <= x && iva_round_down(x, a) % a == 0;

  lemma iva_round_down_greatest: \forall integer x, a, m; x >= 0 && a > 0 &&
    iva_round_down(x, a) < m <= x ==> m % a != 0;

  // Division by b > 0 is monotonic and constant on [k*b, k*b + b).
  lemma iva_div_mono: \forall integer x, y, b; 0 <= x <= y && b > 0 ==>
    x / b <= y / b;

  lemma iva_div_block: \forall integer x, k, b; b > 0 && k >= 0 &&
    k * b <= x < k * b + b ==> x / b == k;

  lemma iva_mod_mult: \forall integer k, b; k >= 0 && b > 0 ==>
    (k * b) % b == 0;

  lemma iva_mult_ge: \forall integer x, b; x > 0 && b > 0 && x % b == 0 ==>
    x >= b;

  // Two points of [x, x + b) with x a multiple of b share their block.
  lemma iva_same_block: \forall integer x, s, t, b;
    b > 0 && x >= 0 && x % b == 0 && x <= s <= t < x + b ==> s / b == t / b;

  lemma iva_block_start_nocross: \forall integer s, size, b;
    s >= 0 && b > 0 && 1 <= size <= b && s % b == 0 ==>
    !iva_crosses(s, size, b);

  // If s0 crosses, so does every later start of the same block.
  lemma iva_cross_rest: \forall integer s0, s, size, b;
    b > 0 && size >= 1 && 0 <= s0 <= s < s0 - s0 % b + b &&
    iva_crosses(s0, size, b) ==> iva_crosses(s, size, b);

  // If s0 crosses, so does every earlier start whose end reaches the
  // boundary multiple that s0's range crosses.
  lemma iva_cross_before: \forall integer s0, s, size, b;
    b > 0 && size >= 1 && 0 <= s <= s0 && iva_crosses(s0, size, b) &&
    s + size - 1 >= (s0 + size - 1) - (s0 + size - 1) % b ==>
    iva_crosses(s, size, b);

  // The one axiom (see docs/PROOFS.md): a multiple of a power of two is a
  // multiple of every smaller power of two.  SMT solvers cannot derive it
  // from the bit-level definition above; it is the textbook fact
  // x = k * 2^j = (k * 2^(j-i)) * 2^i for i <= j.
  // The second axiom (see docs/PROOFS.md): for the state word a new node
  // gets, s * 2^30 (s = 0..3), the right shift by 30 is the division by
  // 2^30 (C11 6.5.7: E1 >> E2 of an unsigned E1 is the integral part of
  // E1 / 2^E2).  Four ground facts of bit arithmetic, which no solver here
  // evaluates (WP's >> is uninterpreted for them); src/treap.c checks the
  // same four values with _Static_assert.
  axiomatic IvaStateBits {
    axiom iva_state_bits: \forall integer s; 0 <= s <= 3 ==>
      ((s * 0x40000000) >> 30) == (s * 0x40000000) / 0x40000000;
  }

  axiomatic IvaPow2 {
    axiom iva_pow2_multiple: \forall integer a, b, x;
      iva_pow2(a) && iva_pow2(b) && a <= b && x >= 0 && x % b == 0 ==>
      x % a == 0;
  }
*/

/* ---- ghost windows (proof only: docs/PROOFS.md, "Ghost windows") ----
 * For the proofs the tree under study carries, per pool slot, a ghost
 * flag "in the tree" and a ghost key window [glo, ghi]: the interval of
 * keys its subtree may cover.  The root's window is [0, UINT64_MAX]; a
 * left child's is its parent's cut just below the parent's key, a right
 * child's just above it.  Every fact is then about one node and its
 * neighbours, first order: I1 and I2 (keys inside the window, so
 * in-order = key order), the links agree both ways, one root, and, since
 * a child's window is strictly inside its parent's, no cycle.  The
 * compiler sees none of this; the arrays are defined in src/treap.c. */
//@ ghost extern bool iva_gin[IVA_MAX_NODES];
//@ ghost extern uint64_t iva_glo[IVA_MAX_NODES];
//@ ghost extern uint64_t iva_ghi[IVA_MAX_NODES];

/*@
  // Slot i is in the tree.  Reads only ghost state, so that the same
  // term denotes the same fact before and after a call that writes the
  // pool (a predicate reading t->hw_ would not: docs/PROOFS.md).
  predicate iva_in{L}(integer i) = 0 <= i < IVA_MAX_NODES && iva_gin[i];

  // Node i of the tree: I1, its key inside its window, its children's
  // windows cut at its key, each child's parent link back to i, and its
  // parent link: NIL for the root, else a tree node holding i as a child.
  predicate iva_wnode{L}(iva_tree *t, integer i) =
    i < t->hw_ &&
    iva_glo[i] <= iva_kmin(t, i) <= iva_kmax(t, i) <= iva_ghi[i] &&
    (t->nodes_[i].left_ != IVA__NIL ==>
       iva_in(t->nodes_[i].left_) &&
       t->nodes_[t->nodes_[i].left_].parent_ == i &&
       iva_glo[t->nodes_[i].left_] == iva_glo[i] &&
       iva_ghi[t->nodes_[i].left_] + 1 == iva_kmin(t, i)) &&
    (t->nodes_[i].right_ != IVA__NIL ==>
       iva_in(t->nodes_[i].right_) &&
       t->nodes_[t->nodes_[i].right_].parent_ == i &&
       iva_glo[t->nodes_[i].right_] == iva_kmax(t, i) + 1 &&
       iva_ghi[t->nodes_[i].right_] == iva_ghi[i]) &&
    (t->nodes_[i].parent_ == IVA__NIL ? t->root_ == i :
       iva_in(t->nodes_[i].parent_) &&
       (t->nodes_[t->nodes_[i].parent_].left_ == i ||
        t->nodes_[t->nodes_[i].parent_].right_ == i));

  // The whole tree: the root (if any) is a tree node with no parent and
  // the full window; every tree node satisfies iva_wnode.
  predicate iva_wtree{L}(iva_tree *t) =
    (t->root_ == IVA__NIL ==> \forall integer i; !iva_in(i)) &&
    (t->root_ != IVA__NIL ==>
       iva_in(t->root_) && t->nodes_[t->root_].parent_ == IVA__NIL &&
       iva_glo[t->root_] == 0 && iva_ghi[t->root_] == UINT64_MAX) &&
    \forall integer i; iva_in(i) ==> iva_wnode(t, i);

  // Where a stackless depth-first walk over the tree stands, as a number
  // that grows with every step (the variant of iva__pull_all and of
  // place.c's search).  The walk's state is (x, prev): x the node it is
  // at, prev where it came from (x's parent: it arrives; x's first child:
  // it is back from there; x's second child: it leaves).  rev: the first
  // child is the right one (rev != 0).  Each state is a point of the key space (the
  // walk's keys are mirrored when rev) and a tie-break: arriving at x is
  // the start of x's window less the window's size (a left descent keeps
  // the start and shrinks the window), being back from the first child is
  // x's key, leaving is the end of x's window plus its size (an ascent
  // from a second child keeps the end and grows the window).  Points are
  // 2^66 apart, more than twice any size, so the point decides first;
  // every step moves forward (docs/PROOFS.md, "Termination").  Past the
  // root (x NIL) the walk is over: the largest value.
  logic integer iva_pt(integer k) = k * 0x40000000000000000;

  logic integer iva_wsize(integer i) = iva_ghi[i] - iva_glo[i];

  logic integer iva_tour{L}(iva_tree *t, integer x, integer prev,
                            integer rev) =
    x == IVA__NIL ? iva_pt(0x10000000000000000) :
    prev == t->nodes_[x].parent_ ?
      iva_pt(rev != 0 ? UINT64_MAX - iva_ghi[x] : iva_glo[x]) - iva_wsize(x) :
    prev == (rev != 0 ? t->nodes_[x].right_ : t->nodes_[x].left_) ?
      iva_pt(rev != 0 ? UINT64_MAX - iva_kmax(t, x) : iva_kmin(t, x)) :
      iva_pt(rev != 0 ? UINT64_MAX - iva_glo[x] : iva_ghi[x]) + iva_wsize(x);

  // The walk's state is one it can be in: x is a tree node, and prev is
  // its parent, or one of its children.
  predicate iva_walk_at{L}(iva_tree *t, integer x, integer prev) =
    x != IVA__NIL ==> iva_in(x) &&
      (prev == t->nodes_[x].parent_ ||
       (prev != IVA__NIL && (prev == t->nodes_[x].left_ ||
                             prev == t->nodes_[x].right_)));

  // Between A and B the header's root and high-water mark, the pool
  // pointer, and the links and key of every used slot are unchanged (what
  // the calls that write only augmented fields or counters ensure).
  predicate iva_lk_same{A, B}(iva_tree *t) =
    \at(t->root_, A) == \at(t->root_, B) &&
    \at(t->hw_, A) == \at(t->hw_, B) &&
    \at(t->nodes_, A) == \at(t->nodes_, B) &&
    \forall integer i; 0 <= i < \at(t->hw_, A) ==>
       \at(t->nodes_[i].left_, A) == \at(t->nodes_[i].left_, B) &&
       \at(t->nodes_[i].right_, A) == \at(t->nodes_[i].right_, B) &&
       \at(t->nodes_[i].parent_, A) == \at(t->nodes_[i].parent_, B) &&
       iva_kmin{A}(t, i) == iva_kmin{B}(t, i) &&
       iva_kmax{A}(t, i) == iva_kmax{B}(t, i);

  // The pool bookkeeping and the priority key of the header are the
  // same at A and B (what the link-only and augmented-field-only steps
  // of an insertion or removal keep).
  predicate iva_hdr_same{A, B}(iva_tree *t) =
    \at(t->count_, A) == \at(t->count_, B) &&
    \at(t->free_head_, A) == \at(t->free_head_, B) &&
    \at(t->n_unused_, A) == \at(t->n_unused_, B) &&
    \at(t->cap_, A) == \at(t->cap_, B) &&
    \at(t->prio_key_, A) == \at(t->prio_key_, B);

  // The ghost windows are the same at A and B.
  predicate iva_ghost_same{A, B} =
    \forall integer i; \at(iva_gin[i], A) == \at(iva_gin[i], B) &&
       \at(iva_glo[i], A) == \at(iva_glo[i], B) &&
       \at(iva_ghi[i], A) == \at(iva_ghi[i], B);

  lemma iva_wtree_lk{A, B}: \forall iva_tree *t;
    iva_wtree{A}(t) && iva_lk_same{A, B}(t) && iva_ghost_same{A, B} ==>
    iva_wtree{B}(t);

  lemma iva_lk_same_trans{A, B, C}: \forall iva_tree *t;
    iva_lk_same{A, B}(t) && iva_lk_same{B, C}(t) ==> iva_lk_same{A, C}(t);

  // Frame of the window invariant: it survives any change that keeps the
  // header's root, the pool pointer, the ghost state (the high-water mark
  // may grow),
  // and the links and key of every tree node (used where a call writes
  // only augmented fields, counters, or slots outside the tree).
  // Every tree node (at A) has the same links and key at B.
  predicate iva_in_same{A, B}(iva_tree *t) =
    \forall integer i; iva_in{A}(i) ==>
       \at(t->nodes_[i].left_, A) == \at(t->nodes_[i].left_, B) &&
       \at(t->nodes_[i].right_, A) == \at(t->nodes_[i].right_, B) &&
       \at(t->nodes_[i].parent_, A) == \at(t->nodes_[i].parent_, B) &&
       iva_kmin{A}(t, i) == iva_kmin{B}(t, i) &&
       iva_kmax{A}(t, i) == iva_kmax{B}(t, i);

  lemma iva_wtree_frame{A, B}: \forall iva_tree *t;
    iva_wtree{A}(t) &&
    \at(t->root_, A) == \at(t->root_, B) &&
    \at(t->hw_, A) <= \at(t->hw_, B) &&
    \at(t->nodes_, A) == \at(t->nodes_, B) &&
    iva_ghost_same{A, B} && iva_in_same{A, B}(t) ==>
    iva_wtree{B}(t);
*/

#endif
