/*
 * Trace runner of `ivalloc replay`: executes SPEC.md section 6 traces
 * (plus the extensions of docs/TRACE.md) against one tree and prints the
 * specified output.  Also used by the fuzz_trace harness.
 */
#ifndef IVA_TRACE_H
#define IVA_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses of a run (and of `ivalloc replay`). */
enum {
    IVT_OK = 0,        /* every line ran */
    IVT_MALFORMED = 2, /* a line is not an operation: stopped there */
    IVT_CHECK = 3      /* a `check` found a broken invariant */
};

/*
 * Run the trace buf[0..len) (any bytes) on a fresh heap tree with `seed`.
 * Results go to `out` (NULL: none), diagnostics "NAME:LINE: message" to
 * `err` (NULL: none).  Returns IVT_OK, IVT_MALFORMED or IVT_CHECK, or 1 if
 * memory for the tree itself ran out.
 */
int ivt_run_buffer(const char *name, const char *buf, size_t len, FILE *out,
                   FILE *err, uint64_t seed);

#endif
