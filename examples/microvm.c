/*
 * microVM resource manager: the example behind `ivalloc demo`.
 *
 * Read it top to bottom: the pool layout of a small x86-64 microVM, the
 * plug/unplug logic (one transaction per pool, committed together or all
 * rolled back), the /proc/iomem-like map, then the demo script.
 */
#include "microvm.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define KiB(x) ((uint64_t)(x) << 10)
#define MiB(x) ((uint64_t)(x) << 20)
#define GiB(x) ((uint64_t)(x) << 30)

/* ---- pool layout ----------------------------------------------------- */

/* Every pool: its name, the FREE windows it starts with, how to print. */
typedef struct layout {
    const char *name;
    iva_range window[2];
    size_t nwindows;
    int hex_digits; /* 0: print decimal numbers */
} layout;

static const layout LAYOUT[MVM_NKINDS] = {
    [MVM_IRQ] = {"legacy-irq", {{5, 15}}, 1, 0},
    [MVM_MSI] = {"msi-vector", {{24, 1023}}, 1, 0},
    [MVM_PIO] = {"ioport", {{0x0, 0xffff}}, 1, 4},
    /* below 4 GiB: 3 GiB .. the IOAPIC at 0xfec00000 */
    [MVM_MMIO32] = {"mmio32", {{0xc0000000u, 0xfebfffffu}}, 1, 8},
    /* above guest RAM: 64 GiB .. 128 GiB */
    [MVM_MMIO64] = {"mmio64", {{GiB(64), GiB(128) - 1u}}, 1, 12},
    /* guest RAM: below the 32-bit MMIO hole, and 4 GiB .. 64 GiB */
    [MVM_MEM] = {"guest-mem", {{0, 0xbfffffffu}, {GiB(4), GiB(64) - 1u}},
                 2, 12},
    [MVM_MEMSLOT] = {"kvm-memslot", {{0, 508}}, 1, 0},
    [MVM_DEVID] = {"pci-devid", {{0, 31}}, 1, 0},
};

/* Legacy ports a PC-compatible guest expects: taken from the start. */
typedef struct reserved {
    mvm_kind kind;
    iva_range r;
    const char *owner;
} reserved;

static const reserved RESERVED[] = {
    {MVM_PIO, {0x20, 0x21}, "pic-master"},
    {MVM_PIO, {0x40, 0x43}, "pit"},
    {MVM_PIO, {0x60, 0x64}, "i8042"},
    {MVM_PIO, {0x70, 0x71}, "rtc"},
    {MVM_PIO, {0xa0, 0xa1}, "pic-slave"},
    {MVM_PIO, {0x2f8, 0x2ff}, "serial1"},
    {MVM_PIO, {0x3f8, 0x3ff}, "serial0"},
    {MVM_PIO, {0xcf8, 0xcff}, "pci-config"},
    {MVM_DEVID, {0, 0}, "host-bridge"},
};

/* Index of `name` in the owner table (added when new). */
static uint64_t owner_id(mvm_manager *m, const char *name)
{
    size_t i;
    for (i = 0; i < m->nowners; i++)
        if (strcmp(m->owner[i], name) == 0)
            return i;
    if (m->nowners == MVM_MAX_OWNERS)
        return MVM_MAX_OWNERS; /* printed as "?" */
    m->owner[m->nowners] = name;
    return m->nowners++;
}

static const char *owner_name(const mvm_manager *m, uint64_t id)
{
    return id < m->nowners ? m->owner[id] : "?";
}

/* Take exactly r for `owner` (a reserved range). */
static iva_status take_exact(mvm_manager *m, mvm_kind k, iva_range r,
                             const char *owner)
{
    iva_tree *t = &m->pool[k].tree;
    iva_status st = iva_allocate_at(t, r);
    if (st == IVA_OK)
        st = iva_update(t, r, owner_id(m, owner), NULL);
    return st;
}

static iva_status pool_init(mvm_manager *m, mvm_kind k)
{
    mvm_pool *p = &m->pool[k];
    const layout *l = &LAYOUT[k];
    iva_status st;
    size_t i;
    p->name = l->name;
    st = iva_init(&p->tree, p->nodes, MVM_POOL_NODES, 0x5eed0000u + k);
    for (i = 0; st == IVA_OK && i < l->nwindows; i++)
        st = iva_insert(&p->tree, l->window[i], NULL);
    return st;
}

/* Guest RAM: the low part below the MMIO hole (allocated with a max
 * constraint, as dbs-allocator's own example does), the rest above 4 GiB;
 * each region gets a KVM memory slot. */
static iva_status map_ram(mvm_manager *m, uint64_t size, uint64_t min,
                          uint64_t max)
{
    iva_constraint c = IVA_CONSTRAINT(size);
    iva_range r, slot;
    iva_status st;
    c.min = min;
    c.max = max;
    c.align = MiB(2);
    st = iva_allocate(&m->pool[MVM_MEM].tree, &c, &r);
    if (st == IVA_OK)
        st = iva_update(&m->pool[MVM_MEM].tree, r, owner_id(m, "guest-ram"),
                        NULL);
    c = IVA_CONSTRAINT(1);
    if (st == IVA_OK)
        st = iva_allocate(&m->pool[MVM_MEMSLOT].tree, &c, &slot);
    if (st == IVA_OK)
        st = iva_update(&m->pool[MVM_MEMSLOT].tree, slot,
                        owner_id(m, "guest-ram"), NULL);
    return st;
}

iva_status mvm_init(mvm_manager *m, uint64_t ram)
{
    uint64_t low = ram < GiB(3) ? ram : GiB(3);
    iva_status st = IVA_OK;
    size_t i;
    memset(m, 0, sizeof *m);
    for (i = 0; st == IVA_OK && i < MVM_NKINDS; i++)
        st = pool_init(m, (mvm_kind)i);
    for (i = 0; st == IVA_OK && i < sizeof RESERVED / sizeof RESERVED[0]; i++)
        st = take_exact(m, RESERVED[i].kind, RESERVED[i].r, RESERVED[i].owner);
    if (st == IVA_OK && low > 0u)
        st = map_ram(m, low, 0, 0xbfffffffu);
    if (st == IVA_OK && ram > low)
        st = map_ram(m, ram - low, GiB(4), UINT64_MAX);
    return st;
}

/* ---- plug / unplug: one transaction per pool, all or nothing --------- */

static iva_status begin_all(mvm_manager *m)
{
    size_t i;
    for (i = 0; i < MVM_NKINDS; i++) {
        mvm_pool *p = &m->pool[i];
        iva_status st = iva_txn_begin(&p->tree, p->journal, MVM_JOURNAL);
        if (st != IVA_OK) {
            while (i-- > 0u) {
                iva_status undo = iva_txn_rollback(&m->pool[i].tree);
                (void)undo; /* cannot fail: we began it just above */
            }
            return st;
        }
    }
    return IVA_OK;
}

/* Commit (keep = true) or roll back every pool's transaction. */
static void end_all(mvm_manager *m, bool keep)
{
    size_t i;
    for (i = 0; i < MVM_NKINDS; i++) {
        iva_tree *t = &m->pool[i].tree;
        iva_status st = keep ? iva_txn_commit(t) : iva_txn_rollback(t);
        (void)st; /* cannot fail: begin_all started every one */
    }
}

/* Allocate one request and tag it with the device as owner. */
static iva_status take_one(mvm_manager *m, const mvm_device *d,
                           const mvm_request *q, iva_range *got)
{
    iva_tree *t = &m->pool[q->kind].tree;
    iva_constraint c = IVA_CONSTRAINT(q->size);
    iva_status st;
    c.align = q->align;
    c.policy = q->policy;
    if (q->min != 0u)
        c.min = q->min;
    st = iva_allocate(t, &c, got);
    if (st == IVA_OK)
        st = iva_update(t, *got, owner_id(m, d->name), NULL);
    return st;
}

iva_status mvm_plug(mvm_manager *m, mvm_device *d, size_t *failed_at)
{
    iva_range got[MVM_MAX_REQ];
    iva_status st;
    size_t i = 0;
    if (d->nreq > MVM_MAX_REQ)
        return IVA_ERR_INVALID;
    if (d->plugged)
        return IVA_ERR_STATE; /* its resources are held already */
    st = begin_all(m);
    if (st != IVA_OK)
        return st;
    for (; st == IVA_OK && i < d->nreq; i++)
        st = take_one(m, d, &d->req[i], &got[i]);
    if (st != IVA_OK && failed_at != NULL)
        *failed_at = i - 1u; /* the loop stepped past the failing one */
    end_all(m, st == IVA_OK);
    if (st == IVA_OK) {
        memcpy(d->got, got, d->nreq * sizeof got[0]);
        d->plugged = true;
    }
    return st;
}

/* Deliberately does not look at d->plugged: releasing twice is left to
 * the library to refuse (the demo shows it). */
iva_status mvm_unplug(mvm_manager *m, mvm_device *d)
{
    iva_status st = begin_all(m);
    size_t i;
    if (st != IVA_OK)
        return st;
    for (i = 0; st == IVA_OK && i < d->nreq; i++)
        st = iva_free(&m->pool[d->req[i].kind].tree, d->got[i], NULL);
    end_all(m, st == IVA_OK);
    if (st == IVA_OK)
        d->plugged = false;
    return st;
}

/* ---- the resource map -------------------------------------------------- */

static void print_span(FILE *out, const layout *l, iva_range r)
{
    if (l->hex_digits == 0 && r.min == r.max)
        fprintf(out, "  %" PRIu64, r.min);
    else if (l->hex_digits == 0)
        fprintf(out, "  %" PRIu64 "-%" PRIu64, r.min, r.max);
    else
        fprintf(out, "  %0*" PRIx64 "-%0*" PRIx64, l->hex_digits, r.min,
                l->hex_digits, r.max);
}

static void print_pool(const mvm_manager *m, mvm_kind k, FILE *out)
{
    const iva_tree *t = &m->pool[k].tree;
    iva_stats s;
    iva_iter it;
    iva_entry e;
    iva_get_stats(t, &s);
    fprintf(out, "%s: %" PRIu32 " ranges, %" PRIu32 " in use\n",
            m->pool[k].name, s.nodes, s.allocated_nodes + s.valued_nodes);
    iva_iter_all(&it, t);
    while (iva_iter_next(&it, &e)) {
        print_span(out, &LAYOUT[k], e.key);
        if (e.state == IVA_VALUED)
            fprintf(out, " : %s\n", owner_name(m, e.data));
        else
            fprintf(out, " : %s\n", e.state == IVA_FREE ? "(free)"
                                                        : "(allocated)");
    }
}

void mvm_print_map(const mvm_manager *m, FILE *out)
{
    size_t k;
    fprintf(out, "---- resource map ----\n");
    for (k = 0; k < MVM_NKINDS; k++)
        print_pool(m, (mvm_kind)k, out);
}

/* ---- the demo ------------------------------------------------------------ */

static const char *const KIND_NAME[MVM_NKINDS] = {
    "irq", "msi", "pio", "mmio32", "mmio64", "mem", "memslot", "devid"};

/* Devices of a typical secure-container microVM.  virtio devices use the
 * virtio-mmio transport (4 KiB window, one legacy IRQ, MSI vectors);
 * PCI passthrough devices need a device number, BARs with natural
 * alignment (the 64-bit BAR placed from the top of the window) and MSI-X
 * vectors in an aligned block. */
static const mvm_device DEVICES[] = {
    {"virtio-blk0", 2,
     {{MVM_MMIO32, KiB(4), KiB(4), IVA_FIRST_FIT, 0, "MMIO window"},
      {MVM_IRQ, 1, 0, IVA_FIRST_FIT, 0, "IRQ"}}, {{0, 0}}, false},
    {"virtio-net0", 3,
     {{MVM_MMIO32, KiB(4), KiB(4), IVA_FIRST_FIT, 0, "MMIO window"},
      {MVM_IRQ, 1, 0, IVA_FIRST_FIT, 0, "IRQ"},
      {MVM_MSI, 3, 0, IVA_FIRST_FIT, 0, "MSI rx/tx/config"}}, {{0, 0}}, false},
    {"virtio-vsock0", 2,
     {{MVM_MMIO32, KiB(4), KiB(4), IVA_FIRST_FIT, 0, "MMIO window"},
      {MVM_IRQ, 1, 0, IVA_FIRST_FIT, 0, "IRQ"}}, {{0, 0}}, false},
    {"vfio-gpu0", 5,
     {{MVM_DEVID, 1, 0, IVA_FIRST_FIT, 0, "PCI device"},
      {MVM_MMIO32, MiB(16), MiB(16), IVA_FIRST_FIT, 0, "BAR0 (32-bit)"},
      {MVM_MMIO64, GiB(16), GiB(16), IVA_LAST_FIT, 0, "BAR2 (64-bit)"},
      {MVM_MSI, 16, 16, IVA_FIRST_FIT, 0, "MSI-X vectors"},
      {MVM_MEMSLOT, 1, 0, IVA_FIRST_FIT, 0, "KVM slot for BAR2"}},
     {{0, 0}}, false},
    {"vfio-nic0", 4,
     {{MVM_DEVID, 1, 0, IVA_FIRST_FIT, 0, "PCI device"},
      {MVM_PIO, 0x20, 0x20, IVA_FIRST_FIT, 0x1000, "I/O BAR"},
      {MVM_MMIO32, KiB(128), KiB(128), IVA_FIRST_FIT, 0, "BAR1"},
      {MVM_MSI, 4, 4, IVA_FIRST_FIT, 0, "MSI-X vectors"}}, {{0, 0}}, false},
};

/* Asks for a 128 GiB BAR: larger than the whole 64-bit window, so the
 * plug fails at its fourth request after three have succeeded. */
static const mvm_device TOO_BIG = {
    "vfio-gpu1", 5,
    {{MVM_DEVID, 1, 0, IVA_FIRST_FIT, 0, "PCI device"},
     {MVM_MSI, 16, 16, IVA_FIRST_FIT, 0, "MSI-X vectors"},
     {MVM_MMIO32, MiB(16), MiB(16), IVA_FIRST_FIT, 0, "BAR0 (32-bit)"},
     {MVM_MMIO64, GiB(128), GiB(128), IVA_LAST_FIT, 0, "BAR2 (64-bit)"},
     {MVM_MEMSLOT, 1, 0, IVA_FIRST_FIT, 0, "KVM slot for BAR2"}},
    {{0, 0}}, false};

#define NDEV (sizeof DEVICES / sizeof DEVICES[0])

typedef struct demo {
    mvm_manager *m;
    mvm_device dev[NDEV];
    FILE *out;
    int bad; /* number of unexpected outcomes */
} demo;

static void unexpected(demo *d, const char *what, iva_status st)
{
    fprintf(d->out, "UNEXPECTED: %s (%s)\n", what, iva_strerror(st));
    d->bad++;
}

static void expect(demo *d, bool ok, const char *what)
{
    if (!ok) {
        fprintf(d->out, "UNEXPECTED: %s\n", what);
        d->bad++;
    }
}

static void print_device(demo *d, const mvm_device *v)
{
    size_t i;
    fprintf(d->out, "plugged %s:\n", v->name);
    for (i = 0; i < v->nreq; i++) {
        fprintf(d->out, "  %-18s %-8s", v->req[i].what,
                KIND_NAME[v->req[i].kind]);
        print_span(d->out, &LAYOUT[v->req[i].kind], v->got[i]);
        fprintf(d->out, "\n");
    }
}

static void plug(demo *d, mvm_device *v)
{
    iva_status st = mvm_plug(d->m, v, NULL);
    if (st != IVA_OK)
        unexpected(d, v->name, st);
    else
        print_device(d, v);
}

/* Snapshot bytes of every pool (to show a rollback restores them). */
typedef struct image {
    unsigned char bytes[MVM_NKINDS][4096];
    size_t len[MVM_NKINDS];
} image;

static bool take_image(const mvm_manager *m, image *im)
{
    size_t k;
    for (k = 0; k < MVM_NKINDS; k++)
        if (iva_snapshot(&m->pool[k].tree, im->bytes[k], sizeof im->bytes[k],
                         &im->len[k]) != IVA_OK)
            return false;
    return true;
}

static bool same_image(const image *a, const image *b)
{
    size_t k;
    for (k = 0; k < MVM_NKINDS; k++)
        if (a->len[k] != b->len[k] ||
            memcmp(a->bytes[k], b->bytes[k], a->len[k]) != 0)
            return false;
    return true;
}

/* A plug that fails midway leaves every pool byte-for-byte as it was. */
static void show_rollback(demo *d)
{
    static image before, after;
    mvm_device v = TOO_BIG;
    size_t at = 0;
    iva_status st;
    expect(d, take_image(d->m, &before), "snapshot before");
    st = mvm_plug(d->m, &v, &at);
    fprintf(d->out, "plug %s: %s at request %zu (%s), rolled back\n", v.name,
            iva_strerror(st), at, v.req[at].what);
    expect(d, st == IVA_ERR_NO_SPACE && at == 3u, "plug must fail at BAR2");
    expect(d, take_image(d->m, &after), "snapshot after");
    expect(d, same_image(&before, &after), "rollback restores every pool");
    fprintf(d->out, "  every pool is byte-for-byte as before: %s\n",
            same_image(&before, &after) ? "yes" : "no");
}

/* Who owns legacy IRQ `irq`?  (get_by_id on the IRQ pool.) */
static void show_owner(demo *d, uint64_t irq)
{
    uint64_t id = 0;
    iva_status st = iva_get_by_id(&d->m->pool[MVM_IRQ].tree, irq, &id);
    fprintf(d->out, "owner of IRQ %" PRIu64 ": %s\n", irq,
            st == IVA_OK ? owner_name(d->m, id) : iva_strerror(st));
}

/* Hot-unplug virtio-net0, refuse its double free, re-plug it. */
static void show_hotplug(demo *d)
{
    mvm_device *net = &d->dev[1];
    iva_range old[MVM_MAX_REQ];
    iva_status st;
    memcpy(old, net->got, sizeof old);
    st = mvm_unplug(d->m, net);
    fprintf(d->out, "hot-unplug %s: %s\n", net->name, iva_strerror(st));
    expect(d, st == IVA_OK, "unplug");
    show_owner(d, old[1].min);
    st = iva_free(&d->m->pool[MVM_IRQ].tree, old[1], NULL);
    fprintf(d->out, "free IRQ %" PRIu64 " again (double free): refused: %s\n",
            old[1].min, iva_strerror(st));
    expect(d, st == IVA_ERR_STATE, "double free gives state");
    st = mvm_unplug(d->m, net);
    fprintf(d->out, "hot-unplug %s again: refused: %s\n", net->name,
            iva_strerror(st));
    expect(d, st == IVA_ERR_STATE, "second unplug gives state");
    plug(d, net);
    expect(d, memcmp(old, net->got, sizeof old) == 0,
           "re-plug gets the same resources back");
    show_owner(d, old[1].min);
}

/* Freeing with the wrong size is refused: the key must match exactly. */
static void show_wrong_size(demo *d)
{
    const mvm_device *gpu = &d->dev[3];
    iva_range half = gpu->got[2];
    iva_status st;
    half.max = half.min + (GiB(8) - 1u);
    st = iva_free(&d->m->pool[MVM_MMIO64].tree, half, NULL);
    fprintf(d->out,
            "free 8 GiB of %s's 16 GiB BAR2 [0x%" PRIx64 "-0x%" PRIx64
            "]: refused: %s\n",
            gpu->name, half.min, half.max, iva_strerror(st));
    expect(d, st == IVA_ERR_NOT_FOUND, "wrong-size free gives not-found");
}

static void check_pools(demo *d)
{
    size_t k;
    for (k = 0; k < MVM_NKINDS; k++) {
        iva_check_report rep;
        if (iva_check(&d->m->pool[k].tree, &rep) != IVA_OK) {
            fprintf(d->out, "UNEXPECTED: %s: I%d broken: %s\n",
                    d->m->pool[k].name, rep.invariant, rep.what);
            d->bad++;
        }
    }
}

static void run(demo *d)
{
    size_t i;
    iva_status st = mvm_init(d->m, GiB(4));
    if (st != IVA_OK) {
        unexpected(d, "setting up the pools", st);
        return;
    }
    fprintf(d->out, "microVM with 4 GiB of RAM: %d resource pools\n",
            (int)MVM_NKINDS);
    for (i = 0; i < NDEV; i++) {
        d->dev[i] = DEVICES[i];
        plug(d, &d->dev[i]);
    }
    show_rollback(d);
    show_hotplug(d);
    show_wrong_size(d);
    check_pools(d);
    mvm_print_map(d->m, d->out);
}

int iva_demo_run(FILE *out)
{
    demo d;
    memset(&d, 0, sizeof d);
    d.out = out;
    d.m = malloc(sizeof *d.m);
    if (d.m == NULL) {
        fprintf(out, "UNEXPECTED: out of memory\n");
        return 1;
    }
    run(&d);
    free(d.m);
    fprintf(out, "%s\n", d.bad == 0 ? "demo finished: every outcome as expected"
                                    : "demo finished with unexpected outcomes");
    return d.bad == 0 ? 0 : 1;
}
