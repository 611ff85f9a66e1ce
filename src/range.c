/*
 * Range math, constraint validation and the per-node placement rules of
 * SPEC.md section 4.  Pure functions: no tree, no memory, no side effects.
 * Everything here is safe at the top of the uint64 space: no expression
 * computes the length of [0, UINT64_MAX].
 */
#include "iva_internal.h"
#include "iva_acsl.h"

/*@ assigns \nothing;
    ensures \result <==> iva_pow2(x);
*/
bool iva__is_pow2(uint64_t x)
{
    return x != 0u && (x & (x - 1u)) == 0u;
}

/*@ requires \valid(out);
    assigns *out;
    behavior fits:
      assumes iva_round_up(x, iva_ealign(align)) <= UINT64_MAX;
      ensures \result == \true;
      ensures *out == iva_round_up(x, iva_ealign(align));
      ensures x <= *out && *out % iva_ealign(align) == 0;
    behavior overflow:
      assumes iva_round_up(x, iva_ealign(align)) > UINT64_MAX;
      assigns \nothing;
      ensures \result == \false;
      ensures none: \forall integer m; x <= m <= UINT64_MAX ==>
                      m % iva_ealign(align) != 0;
    complete behaviors;
    disjoint behaviors;
*/
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

/*@ assigns \nothing;
    ensures \result == iva_round_down(x, iva_ealign(align));
    ensures \result <= x && \result % iva_ealign(align) == 0;
*/
uint64_t iva__align_down(uint64_t x, uint64_t align)
{
    if (align <= 1u)
        return x;
    return x - x % align;
}

/*@ assigns \nothing;
    ensures \result <==> (min <= kmin && kmax <= max);
*/
bool iva__contains(uint64_t min, uint64_t max, uint64_t kmin, uint64_t kmax)
{
    return min <= kmin && kmax <= max;
}

/* True when [s, s + size - 1] crosses a multiple of boundary (s + size - 1
 * is known not to overflow). */
/*@ requires size >= 1 && s + size - 1 <= UINT64_MAX;
    assigns \nothing;
    ensures \result <==> iva_crosses(s, size, boundary);
*/
static bool crosses(uint64_t s, uint64_t size, uint64_t boundary)
{
    if (boundary == 0u)
        return false;
    return s / boundary != (s + (size - 1u)) / boundary;
}

/* Clip [nmin, nmax] to the constraint window; false if empty. */
/*@ requires \valid_read(c) && \valid(a) && \valid(b);
    requires \separated(a, b, c);
    assigns *a, *b;
    ensures *a == \max(nmin, c->min) && *b == \min(nmax, c->max);
    ensures \result <==> *a <= *b;
*/
static bool clip(uint64_t nmin, uint64_t nmax, const iva_constraint *c,
                 uint64_t *a, uint64_t *b)
{
    *a = nmin > c->min ? nmin : c->min;
    *b = nmax < c->max ? nmax : c->max;
    return *a <= *b;
}

/*@ requires \valid_read(c) && \valid(start) && \separated(c, start);
    requires iva_cons_ok(*c);
    requires nmin <= nmax;
    assigns *start;
    ensures found: \result ==> iva_admits(nmin, nmax, *c, *start);
    ensures lowest: \result ==> \forall integer s; s < *start ==>
                      !iva_admits(nmin, nmax, *c, s);
    ensures none: !\result ==> \forall integer s;
                      !iva_admits(nmin, nmax, *c, s);
*/
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
    /*@ assert below: \forall integer t; t < s ==>
                        !iva_admits(nmin, nmax, *c, t); */
    if (crosses(s, c->size, c->boundary)) {
        /* Crossing implies align < boundary, so the next multiple of the
         * boundary is aligned too, and size <= boundary fits before the
         * following one. */
        /*@ assert c->align > 1 ==> iva_pow2(c->align); */
        /*@ assert small: iva_ealign(c->align) <= c->boundary; */
        /*@ assert div: c->boundary % iva_ealign(c->align) == 0; */
        uint64_t base = s - s % c->boundary;
        /*@ assert rest: \forall integer t; s <= t < base + c->boundary ==>
                           iva_crosses(t, c->size, c->boundary); */
        if (base > UINT64_MAX - c->boundary)
            return false;
        s = base + c->boundary;
        /*@ assert s % c->boundary == 0; */
        /*@ assert s % iva_ealign(c->align) == 0; */
        /*@ assert !iva_crosses(s, c->size, c->boundary); */
        if (s > b || b - s < c->size - 1u)
            return false;
    }
    *start = s;
    return true;
}

/*@ requires \valid_read(c) && \valid(start) && \separated(c, start);
    requires iva_cons_ok(*c);
    requires nmin <= nmax;
    assigns *start;
    ensures found: \result ==> iva_admits(nmin, nmax, *c, *start);
    ensures highest: \result ==> \forall integer s; s > *start ==>
                       !iva_admits(nmin, nmax, *c, s);
    ensures none: !\result ==> \forall integer s;
                      !iva_admits(nmin, nmax, *c, s);
*/
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
    /*@ assert above: \forall integer t; t > s ==>
                        !iva_admits(nmin, nmax, *c, t); */
    if (crosses(s, c->size, c->boundary)) {
        /* End the range just below the boundary it crossed. */
        /*@ assert c->align > 1 ==> iva_pow2(c->align); */
        /*@ assert small: iva_ealign(c->align) <= c->boundary; */
        /*@ assert div: c->boundary % iva_ealign(c->align) == 0; */
        uint64_t end = s + (c->size - 1u);
        uint64_t edge = end - end % c->boundary;
        /*@ assert before: \forall integer t; 0 <= t <= s &&
                 t + c->size - 1 >= edge ==> iva_crosses(t, c->size, c->boundary); */
        if (edge < c->size)
            return false;
        /*@ assert edge % c->boundary == 0 && edge >= c->boundary; */
        /*@ assert (edge - c->boundary) % iva_ealign(c->align) == 0; */
        s = iva__align_down(edge - c->size, c->align);
        /*@ assert edge - c->boundary <= s && s + c->size - 1 < edge; */
        /*@ assert !iva_crosses(s, c->size, c->boundary); */
        if (s < a)
            return false;
    }
    *start = s;
    return true;
}

/*@ requires \valid(c);
    assigns *c;
    ensures c->size == size && c->min == 0 && c->max == UINT64_MAX;
    ensures c->align == 0 && c->boundary == 0;
    ensures c->policy == IVA_FIRST_FIT;
*/
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

/*@ requires \valid_read(c);
    assigns \nothing;
    behavior ok:
      assumes iva_cons_ok(*c);
      ensures \result == IVA_OK;
    behavior invalid:
      assumes !iva_cons_ok(*c);
      ensures \result == IVA_ERR_INVALID;
    complete behaviors;
    disjoint behaviors;
*/
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
