/*
 * lin — the linear-scan baseline the benchmark compares ivalloc with.
 *
 * A sorted array of nodes {min, max, state}, the way allocators built on a
 * list or a plain ordered sequence work (dbs-allocator, vm-allocator,
 * crosvm): allocate scans the nodes in address order until one fits
 * (O(n)), a split or a merge shifts the tail of the array with memmove
 * (O(n)).  free finds its node by binary search (O(log n)), which is
 * generous to the baseline; its merge still costs a memmove.
 *
 * Placement follows SPEC.md section 4 (FIRST_FIT, LAST_FIT, min, max,
 * align; no boundary) so that every placement can be compared with
 * ivalloc's.  Written for the benchmark only: no data, no transactions.
 */
#ifndef IVA_BENCH_LINEAR_H
#define IVA_BENCH_LINEAR_H

#include <stddef.h>
#include <stdint.h>

#include "ivalloc.h"

typedef struct lin_node {
    uint64_t min;
    uint64_t max;
    uint32_t state; /* IVA_FREE or IVA_ALLOCATED */
} lin_node;

typedef struct lin {
    lin_node *v;
    size_t n;
    size_t room;
} lin;

/* Empty baseline.  lin_fini releases its array. */
void lin_init(lin *l);
void lin_fini(lin *l);
/* Replace the contents by the nodes of t, in order (VALUED counts as
 * ALLOCATED).  Aborts if memory runs out (a benchmark, not a product). */
void lin_load(lin *l, const iva_tree *t);
/* Make dst an exact copy of src. */
void lin_copy(lin *dst, const lin *src);
/* SPEC.md allocate (FIRST_FIT or LAST_FIT, boundary must be 0). */
iva_status lin_allocate(lin *l, const iva_constraint *c, iva_range *out);
/* SPEC.md free with the merge rule. */
iva_status lin_free(lin *l, iva_range key);

#endif
