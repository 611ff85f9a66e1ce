/*
 * The benchmark workloads (issue 5).  A workload has a set-up phase, run
 * once on an ivalloc tree to reach n live ranges, and a measured phase: a
 * deterministic sequence of allocate/free operations.  The measured phase
 * is produced one operation at a time (wl_next), the caller executes it on
 * ivalloc or on the baseline and reports the result (wl_done), so the same
 * sequence can be timed on ivalloc and replayed on the baseline.
 *
 *  fill      pool [0, 2n): n unit allocations, free all in random order,
 *            allocate n again (3n measured operations).
 *  fragment  n unit allocations, free every other one (1-wide holes), then
 *            allocate(size 2)+free pairs; only the tail can hold size 2.
 *  vmm       MMIO32 (4-64 KiB, aligned, FIRST_FIT), MMIO64 (4 KiB-1 GiB,
 *            aligned, LAST_FIT), PIO, IRQ and MSI (aligned blocks) in
 *            disjoint windows; n allocations, then max(n, 100000) churn
 *            pairs: free a random live range, allocate a new one.
 *  aligned   n/2 63-wide holes none of which holds a 64-aligned start, then
 *            allocate(size 32, align 64)+free pairs: the size admits every
 *            hole, the alignment rejects each one (worst case for pruning).
 */
#ifndef IVA_BENCH_WORKLOAD_H
#define IVA_BENCH_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "ivalloc.h"

typedef enum wl_kind { WL_FILL, WL_FRAGMENT, WL_VMM, WL_ALIGNED } wl_kind;

typedef enum bop_kind { BOP_ALLOC, BOP_FREE } bop_kind;

/* One measured operation. */
typedef struct bop {
    bop_kind kind;
    iva_constraint c; /* BOP_ALLOC */
    iva_range key;    /* BOP_FREE */
} bop;

typedef struct wl {
    wl_kind kind;
    uint64_t n;
    size_t nops;      /* measured operations */
    size_t step;      /* next measured operation */
    iva_range *live;  /* allocated ranges the workload may free */
    size_t nlive;
    size_t cap_live;
    uint64_t rng;
    uint64_t failed;  /* allocations that did not succeed */
} wl;

const char *wl_name(wl_kind k);
/* Restrict vmm to one class: "mmio32", "mmio64", "pio", "irq" or "msi"
 * (-1 if unknown).  For studying which class costs what. */
int wl_vmm_only(const char *cls);
/* Nodes the tree can need at most (size of the caller pool). */
uint32_t wl_pool_slots(wl_kind k, uint64_t n);
/* Measured operations of the workload at size n. */
size_t wl_ops(wl_kind k, uint64_t n);
/* Prepare w and bring tree t (empty) to its starting state.  Aborts on an
 * unexpected error (the benchmark would measure nothing meaningful). */
void wl_setup(wl *w, wl_kind k, uint64_t n, iva_tree *t, uint64_t seed);
void wl_fini(wl *w);
/* The next measured operation (w->step < w->nops). */
void wl_next(wl *w, bop *op);
/* Report the outcome of the operation wl_next gave. */
void wl_done(wl *w, const bop *op, iva_status st, iva_range got);

#endif
