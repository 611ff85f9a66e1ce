/* malloc-family call counter (see heapcount.h). */
#include "heapcount.h"

#include <stddef.h>

#ifdef IVA_BENCH_WRAP
static uint64_t g_calls;

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

void *__wrap_malloc(size_t n)
{
    g_calls++;
    return __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    g_calls++;
    return __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    g_calls++;
    return __real_realloc(p, n);
}

void __wrap_free(void *p)
{
    g_calls++;
    __real_free(p);
}

uint64_t heap_calls(void)
{
    return g_calls;
}
#else
uint64_t heap_calls(void)
{
    return UINT64_MAX;
}
#endif
