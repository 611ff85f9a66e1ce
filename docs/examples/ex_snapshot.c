/*
 * docs/API.md, group "snapshot / restore": save a tree (live migration,
 * VMM restart), restore it into a new tree, and see a damaged snapshot or a
 * short buffer refused without harm.  Exits 0 when every expectation
 * holds.
 */
#include <ivalloc.h>

#include <stdio.h>
#include <stdlib.h>

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__,        \
                    #cond);                                                    \
            return 1;                                                          \
        }                                                                      \
    } while (0)

/* 1 when both trees hold the same nodes, states and data, in order. */
static int same_nodes(const iva_tree *a, const iva_tree *b)
{
    iva_iter ia, ib;
    iva_entry ea, eb;
    bool more_a, more_b;
    iva_iter_all(&ia, a);
    iva_iter_all(&ib, b);
    do {
        more_a = iva_iter_next(&ia, &ea);
        more_b = iva_iter_next(&ib, &eb);
        if (more_a != more_b)
            return 0;
        if (more_a && (ea.key.min != eb.key.min || ea.key.max != eb.key.max ||
                       ea.state != eb.state || ea.data != eb.data))
            return 0;
    } while (more_a);
    return 1;
}

/* Guest memory map: RAM below 3 GiB handed out, the rest FREE. */
static int fill(iva_tree *t)
{
    iva_constraint c = IVA_CONSTRAINT(0x40000000u); /* 1 GiB */
    iva_range r;
    EXPECT(iva_insert(t, (iva_range){0, 0xffffffffffu}, NULL) == IVA_OK);
    for (uint64_t i = 0; i < 3; i++) {
        EXPECT(iva_allocate(t, &c, &r) == IVA_OK);
        EXPECT(iva_update(t, r, 0x100 + i, NULL) == IVA_OK);
    }
    return 0;
}

int main(void)
{
    iva_tree src, dst;
    size_t n, len = 0;
    unsigned char *buf;
    iva_range r;
    iva_constraint c = IVA_CONSTRAINT(0x1000);
    iva_stats st;

    EXPECT(iva_init_heap(&src, NULL, 11) == IVA_OK);
    EXPECT(iva_init_heap(&dst, NULL, 99) == IVA_OK);
    EXPECT(fill(&src) == 0);

    n = iva_snapshot_size(&src);
    buf = malloc(n);
    EXPECT(buf != NULL);
    EXPECT(iva_snapshot(&src, buf, n - 1, NULL) == IVA_ERR_NO_MEMORY);
    EXPECT(iva_snapshot(&src, buf, n, &len) == IVA_OK && len == n);

    /* A flipped byte anywhere is caught; dst stays empty. */
    for (size_t i = 0; i < n; i++) {
        buf[i] ^= 0x20;
        EXPECT(iva_restore(&dst, buf, n) == IVA_ERR_CORRUPT);
        buf[i] ^= 0x20;
    }
    EXPECT(iva_restore(&dst, buf, n - 1) == IVA_ERR_CORRUPT);
    iva_get_stats(&dst, &st);
    EXPECT(st.nodes == 0);

    EXPECT(iva_restore(&dst, buf, n) == IVA_OK);
    EXPECT(same_nodes(&src, &dst));
    EXPECT(iva_check(&dst, NULL) == IVA_OK);
    iva_get_stats(&dst, &st);
    EXPECT(st.nodes == 4 && st.valued_nodes == 3);
    /* The restored tree is live: the first free page is at 3 GiB. */
    EXPECT(iva_allocate(&dst, &c, &r) == IVA_OK && r.min == 0xc0000000u);

    printf("snapshot of %u nodes: %zu bytes\n", st.nodes, n);
    free(buf);
    iva_fini(&src);
    iva_fini(&dst);
    puts("ex_snapshot: ok");
    return 0;
}
