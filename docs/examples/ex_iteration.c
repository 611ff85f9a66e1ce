/*
 * docs/API.md, group "iteration and statistics": walk all nodes and the
 * nodes meeting a range, and compare the O(1) statistics with what the
 * walk counts.  Exits 0 when every expectation holds.
 */
#include <ivalloc.h>

#include <stdio.h>

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__,        \
                    #cond);                                                    \
            return 1;                                                          \
        }                                                                      \
    } while (0)

/* Counts gathered by a walk, to compare with iva_get_stats(). */
typedef struct tally {
    uint32_t nodes, free_nodes, valued;
    uint64_t free_len, largest_free;
    uint64_t prev_max;
    int ordered;
} tally;

static void count(tally *k, const iva_entry *e)
{
    uint64_t len = e->key.max - e->key.min + 1; /* no [0, 2^64-1] here */
    if (k->nodes > 0 && e->key.min <= k->prev_max)
        k->ordered = 0;
    k->prev_max = e->key.max;
    k->nodes++;
    if (e->state == IVA_FREE) {
        k->free_nodes++;
        k->free_len += len;
        if (len > k->largest_free)
            k->largest_free = len;
    }
    if (e->state == IVA_VALUED)
        k->valued++;
}

/* PCI slots 0..31 as one FREE node; devices 3, 7 and 8 plugged. */
static int build(iva_tree *t)
{
    const uint64_t dev = 0xd0;
    EXPECT(iva_insert(t, (iva_range){0, 31}, NULL) == IVA_OK);
    EXPECT(iva_allocate_at(t, (iva_range){3, 3}) == IVA_OK);
    EXPECT(iva_allocate_at(t, (iva_range){7, 8}) == IVA_OK);
    EXPECT(iva_update(t, (iva_range){7, 8}, dev, NULL) == IVA_OK);
    /* Nodes: [0,2] F, [3,3] A, [4,6] F, [7,8] V, [9,31] F. */
    return 0;
}

int main(void)
{
    iva_tree t;
    iva_iter it;
    iva_entry e;
    iva_stats st;
    tally all = {0, 0, 0, 0, 0, 0, 1};
    uint32_t in_range = 0;

    EXPECT(iva_init_heap(&t, NULL, 7) == IVA_OK);
    EXPECT(build(&t) == 0);

    iva_iter_all(&it, &t);
    while (iva_iter_next(&it, &e))
        count(&all, &e);
    EXPECT(all.ordered == 1);
    EXPECT(all.nodes == 5 && all.free_nodes == 3 && all.valued == 1);

    iva_get_stats(&t, &st);
    EXPECT(st.nodes == all.nodes && st.free_nodes == all.free_nodes);
    EXPECT(st.valued_nodes == all.valued && st.allocated_nodes == 1);
    EXPECT(st.free_span_hi == 0 && st.free_span_lo == all.free_len);
    EXPECT(st.has_free && st.largest_free_m1 + 1 == all.largest_free);
    EXPECT(st.depth >= 3 && st.depth <= st.nodes); /* 5 nodes: height >= 3 */

    /* Nodes meeting [5, 9]: [4,6], [7,8], [9,31]. */
    iva_iter_range(&it, &t, (iva_range){5, 9});
    while (iva_iter_next(&it, &e)) {
        EXPECT(e.key.max >= 5 && e.key.min <= 9);
        in_range++;
    }
    EXPECT(in_range == 3);
    iva_iter_range(&it, &t, (iva_range){9, 5}); /* empty range: no node */
    EXPECT(!iva_iter_next(&it, &e));

    printf("%u nodes, %llu free slots, largest gap %llu\n", st.nodes,
           (unsigned long long)st.free_span_lo,
           (unsigned long long)st.largest_free_m1 + 1);
    iva_fini(&t);
    puts("ex_iteration: ok");
    return 0;
}
