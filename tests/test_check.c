/*
 * iva_check() detects deliberately corrupted trees and names the right
 * invariant (SPEC.md section 5).  Each test corrupts a COPY of a healthy
 * tree through its node array (so it includes src/iva_internal.h).
 */
#include "testutil.h"

#include "iva_internal.h"

#define NCAP 32u

static iva_node pool[NCAP], pool2[NCAP];
static iva_tree good, bad;

/* FREE/ALLOCATED/VALUED nodes at keys [16 i, 16 i + 7], i = 0..11. */
static iva_status build(void)
{
    iva_status st = iva_init(&good, pool, NCAP, 0x1234u);
    uint64_t i;
    for (i = 0; st == IVA_OK && i < 12u; i++) {
        uint64_t d = 100u + i;
        st = iva_insert(&good, R(16 * i, 16 * i + 7), i % 3 == 2 ? &d : NULL);
        if (st == IVA_OK && i % 3 == 1)
            st = iva_allocate_at(&good, R(16 * i, 16 * i + 7));
    }
    return st;
}

/* bad := copy of good with its own node array. */
static void copy(void)
{
    memcpy(pool2, pool, sizeof pool);
    bad = good;
    bad.nodes_ = pool2;
}

static uint32_t slot_of(uint64_t i)
{
    return iva__find_exact(&bad, 16 * i, 16 * i + 7);
}

/* iva_check(bad) must fail with invariant `inv`. */
#define DETECTS(inv)                                                           \
    do {                                                                       \
        iva_check_report rep_;                                                 \
        CHECK_ST(iva_check(&bad, &rep_), IVA_ERR_CORRUPT);                     \
        if (rep_.invariant != (inv))                                           \
            fprintf(stderr, "  reported I%d (%s)\n", rep_.invariant,          \
                    rep_.what);                                                \
        CHECK(rep_.invariant == (inv));                                        \
        CHECK(rep_.what != NULL);                                              \
    } while (0)

static void test_check_healthy_tree_passes(void)
{
    iva_check_report rep;
    CHECK_OK(build());
    copy();
    CHECK_OK(iva_check(&bad, &rep));
    CHECK(rep.invariant == 0);
    CHECK_OK(iva_check(&good, NULL));
}

static void test_check_i1_min_above_max(void)
{
    uint32_t x;
    CHECK_OK(build());
    copy();
    x = slot_of(4); /* ALLOCATED */
    bad.nodes_[x].min_ = 16 * 4 + 7;
    bad.nodes_[x].max_ = 16 * 4;
    DETECTS(1);
}

static void test_check_i2_swapped_keys(void)
{
    uint32_t a, b;
    CHECK_OK(build());
    copy();
    a = slot_of(1); /* both ALLOCATED: no cached field depends on them */
    b = slot_of(4);
    bad.nodes_[a].min_ = 64;
    bad.nodes_[a].max_ = 71;
    bad.nodes_[b].min_ = 16;
    bad.nodes_[b].max_ = 23;
    DETECTS(2);
}

static void test_check_i2_overlapping_keys(void)
{
    uint32_t a;
    CHECK_OK(build());
    copy();
    a = slot_of(4);
    bad.nodes_[a].min_ = 16 * 3 + 7; /* touches node 3's max */
    DETECTS(2);
}

static void test_check_i3_heap_order(void)
{
    iva_check_report rep;
    uint64_t s;
    int found = 0;
    CHECK_OK(build());
    /* Another priority key gives other priorities: one breaks heap order. */
    for (s = 1; s < 64 && !found; s++) {
        copy();
        bad.prio_key_ = good.prio_key_ + s;
        found = iva_check(&bad, &rep) != IVA_OK;
    }
    CHECK(found);
    CHECK(rep.invariant == 3);
}

static void test_check_i4_stale_big(void)
{
    CHECK_OK(build());
    copy();
    bad.nodes_[bad.root_].big_ += 1u;
    DETECTS(4);
    copy();
    bad.nodes_[slot_of(0)].big_ = 0u; /* a FREE leaf-or-not forgets itself */
    DETECTS(4);
}

static void test_check_i4_stale_height(void)
{
    CHECK_OK(build());
    copy();
    iva__set_height(&bad.nodes_[bad.root_],
                    iva__height(&bad.nodes_[bad.root_]) + 1u);
    DETECTS(4);
}

static void test_check_i4_stale_counters(void)
{
    CHECK_OK(build());
    copy();
    bad.n_state_[IVA_FREE]--;
    bad.n_state_[IVA_VALUED]++;
    DETECTS(4);
    copy();
    bad.free_span_lo_ += 1u;
    DETECTS(4);
}

/* A FREE node changed to ALLOCATED keeps a stale `big` upstream (I4). */
static void test_check_i4_state_flip(void)
{
    uint32_t x;
    CHECK_OK(build());
    copy();
    x = slot_of(0);
    iva__set_state_bits(&bad.nodes_[x], IVA_ALLOCATED);
    DETECTS(4);
}

static void test_check_i5_free_node_with_data(void)
{
    CHECK_OK(build());
    copy();
    bad.nodes_[slot_of(3)].data_ = 9u; /* FREE */
    DETECTS(5);
    copy();
    bad.nodes_[slot_of(4)].data_ = 9u; /* ALLOCATED */
    DETECTS(5);
}

static void test_check_i6_parent_link(void)
{
    uint32_t x, p;
    CHECK_OK(build());
    copy();
    x = slot_of(6);
    p = bad.nodes_[x].parent_;
    if (p == IVA__NIL) /* root: pick another node */
        x = slot_of(7);
    bad.nodes_[x].parent_ = x;
    DETECTS(6);
}

static void test_check_i6_count_mismatch(void)
{
    CHECK_OK(build());
    copy();
    bad.count_++;
    DETECTS(6);
}

static void test_check_i6_child_out_of_range(void)
{
    uint32_t x = 0, i;
    CHECK_OK(build());
    copy();
    for (i = 0; i < 12u; i++) { /* find a node without a left child */
        x = slot_of(i);
        if (bad.nodes_[x].left_ == IVA__NIL)
            break;
    }
    bad.nodes_[x].left_ = NCAP + 5u;
    DETECTS(6);
}

static void test_check_i6_node_reachable_twice(void)
{
    uint32_t x = 0, i, r = 0;
    CHECK_OK(build());
    copy();
    r = bad.root_;
    for (i = 0; i < 12u; i++) { /* a leaf that is not the root */
        x = slot_of(i);
        if (x != r && bad.nodes_[x].left_ == IVA__NIL &&
            bad.nodes_[x].right_ == IVA__NIL)
            break;
    }
    bad.nodes_[x].left_ = r; /* a cycle back to the root */
    DETECTS(6);
}

static void test_check_i6_slot_lost(void)
{
    CHECK_OK(build());
    CHECK_OK(iva_delete(&good, R(16 * 5, 16 * 5 + 7), NULL));
    copy();
    CHECK(bad.free_head_ != IVA__NIL); /* the released slot */
    bad.n_unused_--; /* the slot is neither reachable nor unused */
    bad.free_head_ = IVA__NIL;
    DETECTS(6);
}

static void test_check_i6_released_slot_reachable(void)
{
    uint32_t x = 0, i, dead;
    CHECK_OK(build());
    CHECK_OK(iva_delete(&good, R(16 * 5, 16 * 5 + 7), NULL));
    copy();
    dead = bad.free_head_;
    CHECK(dead != IVA__NIL);
    for (i = 0; i < 12u; i++) { /* a live node without a left child */
        if (i == 5u)
            continue;
        x = slot_of(i);
        if (bad.nodes_[x].left_ == IVA__NIL)
            break;
    }
    bad.nodes_[x].left_ = dead;
    bad.nodes_[dead].parent_ = x;
    DETECTS(6);
}

static void test_check_report_names_node(void)
{
    iva_check_report rep;
    uint32_t x;
    CHECK_OK(build());
    copy();
    x = slot_of(7);
    bad.nodes_[x].data_ = 1u; /* ALLOCATED with data */
    CHECK_ST(iva_check(&bad, &rep), IVA_ERR_CORRUPT);
    CHECK(rep.invariant == 5 && rep.node == x);
}

static const tu_case cases[] = {
    TU_CASE(test_check_healthy_tree_passes),
    TU_CASE(test_check_i1_min_above_max),
    TU_CASE(test_check_i2_swapped_keys),
    TU_CASE(test_check_i2_overlapping_keys),
    TU_CASE(test_check_i3_heap_order),
    TU_CASE(test_check_i4_stale_big),
    TU_CASE(test_check_i4_stale_height),
    TU_CASE(test_check_i4_stale_counters),
    TU_CASE(test_check_i4_state_flip),
    TU_CASE(test_check_i5_free_node_with_data),
    TU_CASE(test_check_i6_parent_link),
    TU_CASE(test_check_i6_count_mismatch),
    TU_CASE(test_check_i6_child_out_of_range),
    TU_CASE(test_check_i6_node_reachable_twice),
    TU_CASE(test_check_i6_slot_lost),
    TU_CASE(test_check_i6_released_slot_reachable),
    TU_CASE(test_check_report_names_node),
};

TU_MAIN(cases)
