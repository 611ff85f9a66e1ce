/*
 * docs/API.md, group "operations": a VMM hands out guest MMIO windows and
 * legacy IRQs.  Every SPEC.md section 3 operation, the three placement
 * policies, alignment, boundary, exact-address allocation and the merge on
 * free.  Exits 0 when every expectation holds.
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

static int same(iva_range a, uint64_t min, uint64_t max)
{
    return a.min == min && a.max == max;
}

/* 32-bit MMIO hole [0xd000_0000, 0xfebf_ffff]: BARs by policy. */
static int mmio_windows(iva_tree *t)
{
    iva_constraint c;
    iva_range bar, fw;
    iva_entry e;

    EXPECT(iva_insert(t, (iva_range){0xd0000000u, 0xfebfffffu}, NULL) ==
           IVA_OK);
    EXPECT(iva_insert(t, (iva_range){0xd0000000u, 0xd0000fffu}, NULL) ==
           IVA_ERR_OVERLAP);

    /* A 1 MiB BAR aligned to its size, lowest address first. */
    iva_constraint_init(&c, 0x100000);
    c.align = 0x100000;
    EXPECT(iva_constraint_check(&c) == IVA_OK);
    EXPECT(iva_allocate(t, &c, &bar) == IVA_OK);
    EXPECT(same(bar, 0xd0000000u, 0xd00fffffu));

    /* Firmware table from the top of the hole. */
    c = IVA_CONSTRAINT(0x1000);
    c.policy = IVA_LAST_FIT;
    EXPECT(iva_allocate(t, &c, &fw) == IVA_OK);
    EXPECT(same(fw, 0xfebff000u, 0xfebfffffu));

    /* 0x3000 bytes that must not cross a 64 KiB boundary, above 0xd010_e000:
     * [0xd010e000, 0xd0110fff] would cross 0xd0110000, so it moves up. */
    c = IVA_CONSTRAINT(0x3000);
    c.min = 0xd010e000u;
    c.boundary = 0x10000;
    EXPECT(iva_allocate(t, &c, &bar) == IVA_OK);
    EXPECT(same(bar, 0xd0110000u, 0xd0112fffu));

    /* Invalid requests are refused and change nothing. */
    c.align = 3;
    EXPECT(iva_constraint_check(&c) == IVA_ERR_INVALID);
    EXPECT(iva_allocate(t, &c, &bar) == IVA_ERR_INVALID);
    c = IVA_CONSTRAINT(0x100000000u); /* larger than the hole */
    EXPECT(iva_allocate(t, &c, &bar) == IVA_ERR_NO_SPACE);

    /* The device gets its BAR: attach a handle, find it by any address. */
    EXPECT(iva_update(t, (iva_range){0xd0000000u, 0xd00fffffu}, 0xbeef, &e) ==
           IVA_OK);
    EXPECT(e.state == IVA_ALLOCATED);
    uint64_t handle = 0;
    EXPECT(iva_get_by_id(t, 0xd0012345u, &handle) == IVA_OK);
    EXPECT(handle == 0xbeef);
    EXPECT(iva_get_superset(t, (iva_range){0xd0000010u, 0xd0000017u}, &e) ==
           IVA_OK);
    EXPECT(same(e.key, 0xd0000000u, 0xd00fffffu) && e.state == IVA_VALUED);

    /* Unplug: free returns the old data; the hole merges back together. */
    EXPECT(iva_free(t, (iva_range){0xd0000000u, 0xd00fffffu}, &e) == IVA_OK);
    EXPECT(e.state == IVA_VALUED && e.data == 0xbeef);
    /* It merged with the FREE [0xd0100000, 0xd010ffff] above it, so its
     * key is gone; freeing the merged FREE node is a double free. */
    EXPECT(iva_free(t, (iva_range){0xd0000000u, 0xd00fffffu}, NULL) ==
           IVA_ERR_NOT_FOUND);
    EXPECT(iva_free(t, (iva_range){0xd0000000u, 0xd010ffffu}, NULL) ==
           IVA_ERR_STATE);
    EXPECT(iva_free(t, (iva_range){0xd0110000u, 0xd0112fffu}, NULL) == IVA_OK);
    EXPECT(iva_get(t, (iva_range){0xd0000000u, 0xfebfefffu}, &e) == IVA_OK);
    EXPECT(e.state == IVA_FREE);
    return 0;
}

/* Legacy IRQs 5..15: a fixed one, then the best fitting gap. */
static int irqs(iva_tree *t)
{
    iva_constraint c = IVA_CONSTRAINT(1);
    iva_range irq;
    iva_entry e;
    const uint64_t serial = 4;

    EXPECT(iva_insert(t, (iva_range){5, 15}, NULL) == IVA_OK);
    EXPECT(iva_allocate_at(t, (iva_range){8, 8}) == IVA_OK);
    EXPECT(iva_allocate_at(t, (iva_range){8, 8}) == IVA_ERR_NO_SPACE);
    /* FREE now: [5,7] (3 long) and [9,15] (7 long); best fit picks [5,7]. */
    c.policy = IVA_BEST_FIT;
    c.size = 2;
    EXPECT(iva_allocate(t, &c, &irq) == IVA_OK && same(irq, 5, 6));
    /* A VALUED node inserted directly, then deleted. */
    EXPECT(iva_insert(t, (iva_range){4, 4}, &serial) == IVA_OK);
    EXPECT(iva_get(t, (iva_range){4, 4}, &e) == IVA_OK);
    EXPECT(e.state == IVA_VALUED && e.data == serial);
    EXPECT(iva_delete(t, (iva_range){4, 4}, &e) == IVA_OK && e.data == serial);
    EXPECT(iva_delete(t, (iva_range){4, 4}, NULL) == IVA_ERR_NOT_FOUND);
    /* free needs the exact key, not a range inside it. */
    EXPECT(iva_free(t, (iva_range){5, 5}, NULL) == IVA_ERR_NOT_FOUND);
    EXPECT(iva_update(t, (iva_range){9, 15}, 1, NULL) == IVA_ERR_STATE);
    return 0;
}

int main(void)
{
    iva_tree mmio, irq;
    int rc;

    if (iva_init_heap(&mmio, NULL, 1) != IVA_OK ||
        iva_init_heap(&irq, NULL, 2) != IVA_OK)
        return 1;
    rc = mmio_windows(&mmio) != 0 || irqs(&irq) != 0;
    iva_fini(&mmio);
    iva_fini(&irq);
    if (rc == 0)
        puts("ex_operations: ok");
    return rc;
}
