/*
 * docs/API.md, group "set-up": version queries, a tree on a caller pool
 * (no allocation ever), a heap tree with counting allocator hooks,
 * reserve and fini.  Exits 0 when every expectation holds.
 */
#include <ivalloc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__,        \
                    #cond);                                                    \
            return 1;                                                          \
        }                                                                      \
    } while (0)

/* Allocator hooks that keep count of the bytes they hold. */
typedef struct counting {
    size_t live_bytes;
    unsigned calls;
} counting;

static void *count_realloc(void *ctx, void *ptr, size_t old_size,
                           size_t new_size)
{
    counting *c = ctx;
    void *p = realloc(ptr, new_size);
    if (p != NULL) {
        c->live_bytes = c->live_bytes - old_size + new_size;
        c->calls++;
    }
    return p;
}

static void count_free(void *ctx, void *ptr, size_t size)
{
    counting *c = ctx;
    c->live_bytes -= size;
    free(ptr);
}

static int version_and_status_words(void)
{
    /* The library linked is the one the header describes. */
    EXPECT(strcmp(iva_version(), IVA_VERSION_STRING) == 0);
    EXPECT(iva_version_number() == IVA_VERSION_NUMBER);
    EXPECT(strcmp(iva_strerror(IVA_OK), "ok") == 0);
    EXPECT(strcmp(iva_strerror(IVA_ERR_NO_SPACE), "no-space") == 0);
    EXPECT(strcmp(iva_strerror((iva_status)99), "unknown") == 0);
    printf("ivalloc %s\n", iva_version());
    return 0;
}

/* A tree on 3 caller-supplied slots: the third node is the last one. */
static int caller_pool(void)
{
    iva_tree t;
    iva_node pool[3];
    iva_range r;
    iva_entry e;
    const iva_constraint one = IVA_CONSTRAINT(1);

    EXPECT(iva_init(&t, NULL, 3, 1) == IVA_ERR_INVALID); /* no pool */
    EXPECT(iva_init(&t, pool, 3, 1) == IVA_OK);
    EXPECT(iva_insert(&t, (iva_range){10, 19}, NULL) == IVA_OK);
    EXPECT(iva_reserve(&t, 2) == IVA_OK);        /* 2 slots left */
    EXPECT(iva_reserve(&t, 3) == IVA_ERR_NO_MEMORY);
    /* [10,19] -> [10,10] ALLOCATED + [11,19] FREE: 2 nodes. */
    EXPECT(iva_allocate(&t, &one, &r) == IVA_OK && r.min == 10 && r.max == 10);
    /* [11,19] -> [11,11] + [12,19]: needs a third node. */
    EXPECT(iva_allocate(&t, &one, &r) == IVA_OK && r.min == 11);
    /* A fourth node does not fit: NO_MEMORY, and nothing changed. */
    EXPECT(iva_allocate(&t, &one, &r) == IVA_ERR_NO_MEMORY);
    EXPECT(iva_get(&t, (iva_range){12, 19}, &e) == IVA_OK);
    EXPECT(e.state == IVA_FREE);
    iva_fini(&t); /* no-op for caller pools, harmless */
    return 0;
}

/* A heap tree: the pool grows through the hooks, fini gives it all back. */
static int heap_tree(void)
{
    counting c = {0, 0};
    iva_allocator hooks = {count_realloc, count_free, &c};
    iva_tree t;
    iva_range r;
    iva_constraint page = IVA_CONSTRAINT(0x1000);

    EXPECT(iva_init_heap(&t, &hooks, 42) == IVA_OK);
    EXPECT(c.live_bytes == 0); /* nothing allocated yet */
    EXPECT(iva_reserve(&t, 100) == IVA_OK);
    EXPECT(c.live_bytes >= 100 * sizeof(iva_node));
    EXPECT(iva_insert(&t, (iva_range){0x100000, 0x1fffff}, NULL) == IVA_OK);
    page.align = 0x1000;
    for (unsigned i = 0; i < 50; i++) {
        EXPECT(iva_allocate(&t, &page, &r) == IVA_OK);
        EXPECT(r.min == 0x100000 + (uint64_t)i * 0x1000);
        EXPECT(r.max == r.min + 0xfff);
    }
    iva_fini(&t);
    EXPECT(c.live_bytes == 0);
    printf("heap tree: %u allocator calls, all memory returned\n", c.calls);
    return 0;
}

int main(void)
{
    if (version_and_status_words() != 0 || caller_pool() != 0 ||
        heap_tree() != 0)
        return 1;
    puts("ex_setup: ok");
    return 0;
}
