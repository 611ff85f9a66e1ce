/*
 * Measuring one (workload, n) cell: timed ivalloc repetitions, and one
 * untimed ivalloc pass that watches the tree shape after every operation
 * and replays windows of the same operation sequence on the linear-scan
 * baseline (timed), comparing every result.
 */
#ifndef IVA_BENCH_RUN_H
#define IVA_BENCH_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "workload.h"

typedef struct cell {
    wl_kind kind;
    uint64_t n;
    uint64_t seed;
    size_t ops;            /* measured operations per ivalloc repetition */
    double iva_ns;         /* median ns per measured operation */
    uint64_t allocs;       /* allocations in the measured phase */
    double visits;         /* nodes visited per allocate (measured phase) */
    uint64_t failed;       /* operations that did not succeed */
    uint64_t heap_calls;   /* malloc-family calls during timed loops */
    uint32_t nodes;        /* tree nodes after set-up */
    uint32_t live;         /* allocated ranges after set-up */
    uint32_t depth_max;    /* largest depth seen after any operation */
    double depth_ratio;    /* largest depth / log2(nodes) at that moment */
    uint32_t rebuilds;     /* depth-bound rebuilds in the untimed pass */
    double depth_mean;     /* mean node depth, after set-up */
    uint32_t slots_used;   /* pool high-water mark, slots */
    double lin_ns;         /* baseline median ns per operation */
    size_t lin_ops;        /* baseline operations timed per repetition */
    int lin_full;          /* baseline ran the whole sequence */
    uint64_t mismatches;   /* baseline results that differ from ivalloc */
} cell;

typedef struct run_opts {
    int reps;          /* ivalloc repetitions (median) */
    int lin_reps;      /* baseline replays of each window (median) */
    int with_lin;      /* run the baseline at all */
    uint64_t lin_work; /* baseline budget: ops * nodes */
} run_opts;

/* Time with CLOCK_MONOTONIC (wall != 0) or, by default, with the
 * thread's CPU time (CLOCK_THREAD_CPUTIME_ID). */
void run_use_wall_clock(int wall);
/* Measure cell c (kind, n, seed set by the caller). */
void run_cell(cell *c, const run_opts *o);

#endif
