/*
 * ivm — an independent reference model of SPEC.md sections 3 and 4.
 *
 * Written from the SPEC text only; it shares no code with src/ (it includes
 * ivalloc.h for the public types and status codes alone).  The model is a
 * sorted array of nodes {min, max, state, data} and every operation is a
 * linear scan: slow, obvious, and meant to be right.  Tests and fuzzers run
 * the same operations on the library and on the model and compare.
 *
 * Besides SPEC sections 3-4 the model covers the issue-7 extras:
 *  - boundary constraints (c->boundary: 0 none, else a power of two the
 *    placed range must not cross; size > boundary is IVA_ERR_INVALID);
 *  - exact-address allocation ivm_allocate_at();
 *  - a node limit, so that a library tree on a fixed pool of `limit` slots
 *    can be predicted: an operation that needs more nodes than the limit
 *    leaves fails with IVA_ERR_NO_MEMORY and changes nothing.  Errors are
 *    decided in the library's order: INVALID, then OVERLAP / NOT_FOUND /
 *    STATE / NO_SPACE (allocate searches first), then NO_MEMORY.
 *
 * Memory: the model's own array grows with realloc; if that fails the
 * model aborts (it is a test oracle, not a product).
 */
#ifndef IVA_FUZZ_MODEL_H
#define IVA_FUZZ_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ivalloc.h"

/** One model node.  data is 0 unless state == IVA_VALUED. */
typedef struct ivm_node {
    uint64_t min;
    uint64_t max;
    uint64_t data;
    iva_state state;
} ivm_node;

/** The model: nodes v[0..n) sorted by min, pairwise disjoint. */
typedef struct ivm {
    ivm_node *v;
    size_t n;
    size_t room;  /* allocated slots of v */
    size_t limit; /* most nodes allowed (SIZE_MAX: unlimited) */
} ivm;

/** Counts recomputed from the nodes (compare with iva_get_stats). */
typedef struct ivm_stats {
    size_t nodes;
    size_t per_state[3];     /* indexed by iva_state */
    uint64_t free_span_lo;   /* total FREE length = hi * 2^64 + lo */
    uint64_t free_span_hi;
    bool has_free;
    uint64_t largest_free_m1; /* largest FREE length - 1, if has_free */
} ivm_stats;

/** Empty model holding at most `limit` nodes (SIZE_MAX: unlimited). */
void ivm_init(ivm *m, size_t limit);
/** Release the model's memory; it is empty (and still usable) after. */
void ivm_fini(ivm *m);
/** Make dst an exact copy of src (dst must be initialised). */
void ivm_copy(ivm *dst, const ivm *src);
/** Same nodes, states and data (the limits are not compared). */
bool ivm_equal(const ivm *a, const ivm *b);

/* The operations; same contracts as the iva_* functions of ivalloc.h.
 * Output pointers may be NULL; they are written only on IVA_OK. */
iva_status ivm_insert(ivm *m, iva_range key, const uint64_t *data);
iva_status ivm_delete(ivm *m, iva_range key, iva_entry *old);
iva_status ivm_update(ivm *m, iva_range key, uint64_t data, iva_entry *old);
iva_status ivm_get(const ivm *m, iva_range key, iva_entry *out);
iva_status ivm_get_superset(const ivm *m, iva_range key, iva_entry *out);
iva_status ivm_get_by_id(const ivm *m, uint64_t id, uint64_t *data);
iva_status ivm_allocate(ivm *m, const iva_constraint *c, iva_range *out);
iva_status ivm_allocate_at(ivm *m, iva_range r);
iva_status ivm_free(ivm *m, iva_range key, iva_entry *old);

/** Node i (0 <= i < m->n) as an iva_entry. */
void ivm_entry(const ivm *m, size_t i, iva_entry *out);
/** Recompute the statistics from scratch. */
void ivm_get_stats(const ivm *m, ivm_stats *s);

#endif /* IVA_FUZZ_MODEL_H */
