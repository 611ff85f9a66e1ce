/*
 * Counts calls to malloc, calloc, realloc and free made by anything in the
 * process (the library included), through the linker's --wrap option, so
 * that the benchmark can show that pool-mode operations allocate nothing.
 * heap_calls() returns UINT64_MAX when the build could not wrap them.
 */
#ifndef IVA_BENCH_HEAPCOUNT_H
#define IVA_BENCH_HEAPCOUNT_H

#include <stdint.h>

uint64_t heap_calls(void);

#endif
