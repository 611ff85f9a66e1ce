/*
 * Range math, constraint validation and the per-node placement rules of
 * SPEC.md section 4.  Pure functions: no tree, no memory, no side effects.
 * Everything here is safe at the top of the uint64 space: no expression
 * computes the length of [0, UINT64_MAX].
 */
#include "iva_internal.h"

uint64_t iva__len_sat(uint64_t min, uint64_t max)
{
    uint64_t d = max - min; /* min <= max (I1): no wrap */
    return d == UINT64_MAX ? UINT64_MAX : d + 1u;
}

bool iva__is_pow2(uint64_t x)
{
    return x != 0u && (x & (x - 1u)) == 0u;
}

bool iva__align_up(uint64_t x, uint64_t align, uint64_t *out)
{
    uint64_t r;
    if (align <= 1u) {
        *out = x;
        return true;
    }
    r = x % align;
    if (r == 0u) {
        *out = x;
        return true;
    }
    if (x > UINT64_MAX - (align - r))
        return false;
    *out = x + (align - r);
    return true;
}

uint64_t iva__align_down(uint64_t x, uint64_t align)
{
    if (align <= 1u)
        return x;
    return x - x % align;
}

bool iva__contains(uint64_t min, uint64_t max, uint64_t kmin, uint64_t kmax)
{
    return min <= kmin && kmax <= max;
}

/* True when [s, s + size - 1] crosses a multiple of boundary (s + size - 1
 * is known not to overflow). */
static bool crosses(uint64_t s, uint64_t size, uint64_t boundary)
{
    if (boundary == 0u)
        return false;
    return s / boundary != (s + (size - 1u)) / boundary;
}

/* Clip [nmin, nmax] to the constraint window; false if empty. */
static bool clip(uint64_t nmin, uint64_t nmax, const iva_constraint *c,
                 uint64_t *a, uint64_t *b)
{
    *a = nmin > c->min ? nmin : c->min;
    *b = nmax < c->max ? nmax : c->max;
    return *a <= *b;
}

bool iva__fit_low(uint64_t nmin, uint64_t nmax, const iva_constraint *c,
                  uint64_t *start)
{
    uint64_t a, b, s;
    if (!clip(nmin, nmax, c, &a, &b))
        return false;
    if (!iva__align_up(a, c->align, &s) || s > b)
        return false;
    if (b - s < c->size - 1u)
        return false;
    if (crosses(s, c->size, c->boundary)) {
        /* Crossing implies align < boundary, so the next multiple of the
         * boundary is aligned too, and size <= boundary fits before the
         * following one. */
        uint64_t base = s - s % c->boundary;
        if (base > UINT64_MAX - c->boundary)
            return false;
        s = base + c->boundary;
        if (s > b || b - s < c->size - 1u)
            return false;
    }
    *start = s;
    return true;
}

bool iva__fit_high(uint64_t nmin, uint64_t nmax, const iva_constraint *c,
                   uint64_t *start)
{
    uint64_t a, b, s;
    if (!clip(nmin, nmax, c, &a, &b))
        return false;
    if (b - a < c->size - 1u)
        return false;
    s = iva__align_down(b - (c->size - 1u), c->align);
    if (s < a)
        return false;
    if (crosses(s, c->size, c->boundary)) {
        /* End the range just below the boundary it crossed. */
        uint64_t end = s + (c->size - 1u);
        uint64_t edge = end - end % c->boundary;
        if (edge < c->size)
            return false;
        s = iva__align_down(edge - c->size, c->align);
        if (s < a)
            return false;
    }
    *start = s;
    return true;
}

void iva_constraint_init(iva_constraint *c, uint64_t size)
{
    /* Field by field (same values as IVA_CONSTRAINT(size)): WP cannot see
     * through a compound-literal copy. */
    c->size = size;
    c->min = 0u;
    c->max = UINT64_MAX;
    c->align = 0u;
    c->boundary = 0u;
    c->policy = IVA_FIRST_FIT;
}

iva_status iva_constraint_check(const iva_constraint *c)
{
    if (c->size == 0u || c->min > c->max)
        return IVA_ERR_INVALID;
    if (c->align > 1u && !iva__is_pow2(c->align))
        return IVA_ERR_INVALID;
    if (c->boundary != 0u &&
        (!iva__is_pow2(c->boundary) || c->size > c->boundary))
        return IVA_ERR_INVALID;
    if (c->policy != IVA_FIRST_FIT && c->policy != IVA_LAST_FIT &&
        c->policy != IVA_BEST_FIT)
        return IVA_ERR_INVALID;
    return IVA_OK;
}
