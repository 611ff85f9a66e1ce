/*
 * A program that uses ivalloc the way a VMM would, built against an
 * installed or vendored ivalloc (see CMakeLists.txt, Makefile and
 * tools/stages/74-consumers.sh).  Exits 0 only when every result is right.
 */
#include <ivalloc.h>

#include <stdio.h>
#include <string.h>

#ifndef CONSUMER_HOW
#define CONSUMER_HOW "unknown"
#endif

static int fail(const char *what)
{
    fprintf(stderr, "consumer (%s): %s\n", CONSUMER_HOW, what);
    return 1;
}

/* 64-bit MMIO window; a 2 MiB BAR from the top, aligned to its size. */
static int run(iva_tree *t)
{
    iva_constraint c = IVA_CONSTRAINT(0x200000);
    iva_range bar;
    iva_stats st;
    uint64_t handle = 0;

    c.align = 0x200000;
    c.policy = IVA_LAST_FIT;
    if (iva_insert(t, (iva_range){0x4000000000u, 0x7fffffffffu}, NULL) !=
        IVA_OK)
        return fail("insert");
    if (iva_allocate(t, &c, &bar) != IVA_OK)
        return fail("allocate");
    if (bar.min != 0x7fffe00000u || bar.max != 0x7fffffffffu)
        return fail("allocate placed the BAR at the wrong address");
    if (iva_update(t, bar, 42, NULL) != IVA_OK ||
        iva_get_by_id(t, bar.min + 0x1234, &handle) != IVA_OK ||
        handle != 42)
        return fail("update / get_by_id");
    if (iva_free(t, bar, NULL) != IVA_OK || iva_check(t, NULL) != IVA_OK)
        return fail("free / check");
    iva_get_stats(t, &st);
    if (st.nodes != 1 || st.free_nodes != 1 || st.free_span_lo != 0x4000000000u)
        return fail("the window did not merge back into one FREE node");
    printf("consumer (%s): ivalloc %s, BAR [0x%llx, 0x%llx]: ok\n",
           CONSUMER_HOW, iva_version(), (unsigned long long)bar.min,
           (unsigned long long)bar.max);
    return 0;
}

int main(void)
{
    iva_tree t;
    int rc;

    if (strcmp(iva_version(), IVA_VERSION_STRING) != 0 ||
        iva_version_number() != IVA_VERSION_NUMBER)
        return fail("header and linked library disagree on the version");
    if (iva_init_heap(&t, NULL, 2026) != IVA_OK)
        return fail("init");
    rc = run(&t);
    iva_fini(&t);
    return rc;
}
