/*
 * The microVM resource manager of examples/: the demo succeeds and says
 * what it should, a failing plug and a repeated unplug leave every pool
 * exactly as it was.
 */
#include "testutil.h"

#include "microvm.h"

static mvm_manager mgr;
static tu_dump before[MVM_NKINDS];

static void take_all(void)
{
    size_t k;
    for (k = 0; k < MVM_NKINDS; k++)
        tu_take(&mgr.pool[k].tree, &before[k]);
}

static int all_same(void)
{
    size_t k;
    for (k = 0; k < MVM_NKINDS; k++) {
        tu_dump now;
        tu_take(&mgr.pool[k].tree, &now);
        if (!tu_same_content(&before[k], &now) ||
            iva_check(&mgr.pool[k].tree, NULL) != IVA_OK)
            return 0;
    }
    return 1;
}

static void test_microvm_demo_runs(void)
{
    static char text[16384];
    FILE *f = tmpfile();
    size_t n;
    CHECK(f != NULL);
    CHECK(iva_demo_run(f) == 0);
    rewind(f);
    n = fread(text, 1, sizeof text - 1u, f);
    fclose(f);
    text[n] = '\0';
    CHECK(strstr(text, "UNEXPECTED") == NULL);
    CHECK(strstr(text, "---- resource map ----") != NULL);
    CHECK(strstr(text, "(double free): refused: state") != NULL);
    CHECK(strstr(text, "refused: not-found") != NULL);
    CHECK(strstr(text, "rolled back") != NULL);
    CHECK(strstr(text, "0cf8-0cff : pci-config") != NULL);
}

static const mvm_device NIC = {
    "nic", 3,
    {{MVM_DEVID, 1, 0, IVA_FIRST_FIT, 0, "PCI device"},
     {MVM_MMIO64, 1u << 20, 1u << 20, IVA_LAST_FIT, 0, "BAR"},
     {MVM_MSI, 8, 8, IVA_FIRST_FIT, 0, "MSI-X"}},
    {{0, 0}}, false};

static void test_microvm_plug_unplug_roundtrip(void)
{
    mvm_device d = NIC;
    CHECK_OK(mvm_init(&mgr, (uint64_t)1 << 30));
    take_all();
    CHECK_OK(mvm_plug(&mgr, &d, NULL));
    CHECK(d.plugged);
    CHECK_ST(mvm_plug(&mgr, &d, NULL), IVA_ERR_STATE); /* plugged already */
    CHECK(d.got[0].min == 1 && d.got[0].max == 1); /* 0: host bridge */
    CHECK(d.got[1].max == ((uint64_t)128 << 30) - 1u); /* top of window */
    CHECK(d.got[2].min % 8u == 0u && d.got[2].max - d.got[2].min == 7u);
    CHECK(!all_same());
    CHECK_OK(mvm_unplug(&mgr, &d));
    CHECK(!d.plugged);
    CHECK(all_same());
    /* a second unplug is a double free: refused, nothing changes.  The
     * freed device number merged with its FREE neighbour, so its exact
     * key is gone: not-found (state when the key survives, see demo). */
    CHECK_ST(mvm_unplug(&mgr, &d), IVA_ERR_NOT_FOUND);
    CHECK(all_same());
}

static void test_microvm_failing_plug_changes_nothing(void)
{
    mvm_device d = NIC;
    size_t at = 99;
    d.req[2].size = 4096; /* more MSI vectors than the pool has */
    CHECK_OK(mvm_init(&mgr, (uint64_t)1 << 30));
    take_all();
    CHECK_ST(mvm_plug(&mgr, &d, &at), IVA_ERR_NO_SPACE);
    CHECK(at == 2u && !d.plugged);
    CHECK(all_same());
    d.req[0].kind = MVM_IRQ; /* first request fails: nothing to undo */
    d.req[0].size = 100;
    CHECK_ST(mvm_plug(&mgr, &d, &at), IVA_ERR_NO_SPACE);
    CHECK(at == 0u);
    CHECK(all_same());
}

static void test_microvm_pools_exhaust_cleanly(void)
{
    mvm_device d = NIC;
    int plugged = 0;
    iva_status st = IVA_OK;
    CHECK_OK(mvm_init(&mgr, (uint64_t)1 << 30));
    while (st == IVA_OK && plugged < 100) {
        d = NIC;
        st = mvm_plug(&mgr, &d, NULL);
        plugged += st == IVA_OK;
    }
    /* PCI device numbers 1..31 run out first (0 is the host bridge) */
    CHECK(plugged == 31);
    CHECK(st == IVA_ERR_NO_SPACE);
}

static const tu_case cases[] = {
    TU_CASE(test_microvm_demo_runs),
    TU_CASE(test_microvm_plug_unplug_roundtrip),
    TU_CASE(test_microvm_failing_plug_changes_nothing),
    TU_CASE(test_microvm_pools_exhaust_cleanly),
};

TU_MAIN(cases)
