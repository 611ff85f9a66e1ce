/*
 * Bench-only views of a tree that the public API does not give: the depth
 * of every node (for the mean depth) and the pool high-water mark.  They
 * read private fields through src/iva_internal.h, which is fine for a
 * benchmark that lives in the repository; nothing else may do this.
 */
#ifndef IVA_BENCH_SHAPE_H
#define IVA_BENCH_SHAPE_H

#include <stdint.h>

#include "ivalloc.h"

typedef struct shape {
    uint32_t nodes;
    uint32_t max_depth; /* root has depth 1 (same as iva_stats.depth) */
    double mean_depth;  /* mean over all nodes */
    uint32_t slots_used; /* pool slots ever touched (high-water mark) */
} shape;

/* Walk every node of t (stackless, O(n)) and fill *s. */
void shape_of(const iva_tree *t, shape *s);

#endif
