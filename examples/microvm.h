/*
 * A microVM resource manager built on ivalloc, set up the way a
 * Dragonball-style VMM does it: one interval tree per resource kind
 * (legacy IRQs, MSI vectors, port I/O, 32-bit and 64-bit MMIO windows,
 * guest memory, KVM memory slots, PCI device numbers), devices that ask for
 * a list of resources, plugged all-or-nothing with transactions and
 * released on hot-unplug.  Every pool runs on a fixed node array: the
 * manager never calls malloc once it exists.
 *
 * The CLI's `ivalloc demo` calls iva_demo_run().
 */
#ifndef IVA_MICROVM_H
#define IVA_MICROVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ivalloc.h"

/** The resource kinds, one pool each. */
typedef enum mvm_kind {
    MVM_IRQ,     /* legacy (INTx / GSI) interrupt lines */
    MVM_MSI,     /* MSI / MSI-X vectors */
    MVM_PIO,     /* x86 port I/O space */
    MVM_MMIO32,  /* MMIO window below 4 GiB */
    MVM_MMIO64,  /* MMIO window above guest RAM */
    MVM_MEM,     /* guest physical memory */
    MVM_MEMSLOT, /* KVM memory slot numbers */
    MVM_DEVID,   /* PCI device numbers on bus 0 */
    MVM_NKINDS
} mvm_kind;

#define MVM_POOL_NODES 128u  /* node slots per pool (fixed, no malloc) */
#define MVM_JOURNAL 64u      /* transaction records per pool */
#define MVM_MAX_REQ 8u       /* resources per device */
#define MVM_MAX_OWNERS 64u   /* names a pool entry can point at */

/** One pool: a tree on its own node array and journal. */
typedef struct mvm_pool {
    const char *name;
    iva_tree tree;
    iva_node nodes[MVM_POOL_NODES];
    iva_txn_rec journal[MVM_JOURNAL];
} mvm_pool;

/** One resource a device asks for. */
typedef struct mvm_request {
    mvm_kind kind;
    uint64_t size;
    uint64_t align;  /* 0: none */
    iva_policy policy;
    uint64_t min;     /* lowest acceptable start (0: pool start) */
    const char *what; /* "MMIO BAR0", "IRQ", ... */
} mvm_request;

/** A device: what it asks for, and what it got while plugged. */
typedef struct mvm_device {
    const char *name;
    size_t nreq;
    mvm_request req[MVM_MAX_REQ];
    iva_range got[MVM_MAX_REQ];
    bool plugged;
} mvm_device;

/** The whole manager.  Pool entries carry an owner index (VALUED data). */
typedef struct mvm_manager {
    mvm_pool pool[MVM_NKINDS];
    const char *owner[MVM_MAX_OWNERS];
    size_t nowners;
} mvm_manager;

/** Set up every pool for a microVM with `ram` bytes of guest memory
 *  (reserved legacy ports are entered as taken).  IVA_OK or an error. */
iva_status mvm_init(mvm_manager *m, uint64_t ram);

/** Allocate every resource of d, all or nothing.  On failure nothing is
 *  held and *failed_at (may be NULL) is the index of the request that
 *  failed.  IVA_ERR_STATE if d is plugged already. */
iva_status mvm_plug(mvm_manager *m, mvm_device *d, size_t *failed_at);

/** Release every resource of d (hot-unplug), all or nothing: a resource
 *  that is not held exactly (double or wrong-size free) makes the library
 *  refuse (IVA_ERR_STATE / IVA_ERR_NOT_FOUND) and nothing is released. */
iva_status mvm_unplug(mvm_manager *m, mvm_device *d);

/** Print the resource map of every pool, like /proc/iomem. */
void mvm_print_map(const mvm_manager *m, FILE *out);

/** The demo `ivalloc demo` runs.  Returns 0 when everything behaved as
 *  expected, non-zero otherwise (and prints UNEXPECTED: ...). */
int iva_demo_run(FILE *out);

#endif /* IVA_MICROVM_H */
