/*
 * Reference model of SPEC.md sections 3-4 (see model.h).  Deliberately the
 * simplest code that can work: a sorted array and linear scans.  It shares
 * no code with src/.
 */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the array ------------------------------------------------------ */

void ivm_init(ivm *m, size_t limit)
{
    m->v = NULL;
    m->n = 0;
    m->room = 0;
    m->limit = limit;
}

void ivm_fini(ivm *m)
{
    free(m->v);
    m->v = NULL;
    m->n = 0;
    m->room = 0;
}

static void ensure_room(ivm *m, size_t want)
{
    size_t room = m->room ? m->room : 16;
    ivm_node *p;
    if (want <= m->room)
        return;
    while (room < want)
        room *= 2;
    p = realloc(m->v, room * sizeof *p);
    if (p == NULL) {
        fputs("ivm: out of memory\n", stderr);
        abort();
    }
    m->v = p;
    m->room = room;
}

void ivm_copy(ivm *dst, const ivm *src)
{
    ensure_room(dst, src->n);
    if (src->n > 0)
        memcpy(dst->v, src->v, src->n * sizeof *src->v);
    dst->n = src->n;
    dst->limit = src->limit;
}

bool ivm_equal(const ivm *a, const ivm *b)
{
    size_t i;
    if (a->n != b->n)
        return false;
    for (i = 0; i < a->n; i++) {
        const ivm_node *x = &a->v[i], *y = &b->v[i];
        if (x->min != y->min || x->max != y->max || x->state != y->state ||
            x->data != y->data)
            return false;
    }
    return true;
}

/* Put a node at position i, shifting the rest up. */
static void put_at(ivm *m, size_t i, uint64_t min, uint64_t max,
                   iva_state st, uint64_t data)
{
    ensure_room(m, m->n + 1);
    memmove(&m->v[i + 1], &m->v[i], (m->n - i) * sizeof *m->v);
    m->v[i].min = min;
    m->v[i].max = max;
    m->v[i].state = st;
    m->v[i].data = data;
    m->n++;
}

/* Remove the node at position i. */
static void remove_at(ivm *m, size_t i)
{
    memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof *m->v);
    m->n--;
}

/* Index of the first node whose min is >= x (m->n if none). */
static size_t lower_index(const ivm *m, uint64_t x)
{
    size_t i = 0;
    while (i < m->n && m->v[i].min < x)
        i++;
    return i;
}

/* Index of the node with exactly [min, max], or SIZE_MAX. */
static size_t find_exact(const ivm *m, iva_range k)
{
    size_t i;
    for (i = 0; i < m->n; i++)
        if (m->v[i].min == k.min && m->v[i].max == k.max)
            return i;
    return SIZE_MAX;
}

/* Index of the node containing point p, or SIZE_MAX. */
static size_t find_point(const ivm *m, uint64_t p)
{
    size_t i;
    for (i = 0; i < m->n; i++)
        if (m->v[i].min <= p && p <= m->v[i].max)
            return i;
    return SIZE_MAX;
}

void ivm_entry(const ivm *m, size_t i, iva_entry *out)
{
    out->key.min = m->v[i].min;
    out->key.max = m->v[i].max;
    out->state = m->v[i].state;
    out->data = m->v[i].data;
}

static void entry_out(const ivm *m, size_t i, iva_entry *out)
{
    if (out != NULL)
        ivm_entry(m, i, out);
}

/* ---- keyed operations (SPEC section 3) ------------------------------ */

iva_status ivm_insert(ivm *m, iva_range key, const uint64_t *data)
{
    size_t i;
    if (key.min > key.max)
        return IVA_ERR_INVALID;
    for (i = 0; i < m->n; i++)
        if (m->v[i].min <= key.max && key.min <= m->v[i].max)
            return IVA_ERR_OVERLAP;
    if (m->n + 1 > m->limit)
        return IVA_ERR_NO_MEMORY;
    put_at(m, lower_index(m, key.min), key.min, key.max,
           data != NULL ? IVA_VALUED : IVA_FREE, data != NULL ? *data : 0);
    return IVA_OK;
}

iva_status ivm_delete(ivm *m, iva_range key, iva_entry *old)
{
    size_t i = find_exact(m, key);
    if (i == SIZE_MAX)
        return IVA_ERR_NOT_FOUND;
    entry_out(m, i, old);
    remove_at(m, i);
    return IVA_OK;
}

iva_status ivm_update(ivm *m, iva_range key, uint64_t data, iva_entry *old)
{
    size_t i = find_exact(m, key);
    if (i == SIZE_MAX)
        return IVA_ERR_NOT_FOUND;
    if (m->v[i].state == IVA_FREE)
        return IVA_ERR_STATE;
    entry_out(m, i, old);
    m->v[i].state = IVA_VALUED;
    m->v[i].data = data;
    return IVA_OK;
}

iva_status ivm_get(const ivm *m, iva_range key, iva_entry *out)
{
    size_t i = find_exact(m, key);
    if (i == SIZE_MAX)
        return IVA_ERR_NOT_FOUND;
    entry_out(m, i, out);
    return IVA_OK;
}

iva_status ivm_get_superset(const ivm *m, iva_range key, iva_entry *out)
{
    size_t i;
    if (key.min > key.max)
        return IVA_ERR_NOT_FOUND;
    for (i = 0; i < m->n; i++) {
        if (m->v[i].min <= key.min && key.max <= m->v[i].max) {
            entry_out(m, i, out);
            return IVA_OK;
        }
    }
    return IVA_ERR_NOT_FOUND;
}

iva_status ivm_get_by_id(const ivm *m, uint64_t id, uint64_t *data)
{
    size_t i = find_point(m, id);
    if (i == SIZE_MAX || m->v[i].state != IVA_VALUED)
        return IVA_ERR_NOT_FOUND;
    if (data != NULL)
        *data = m->v[i].data;
    return IVA_OK;
}

iva_status ivm_free(ivm *m, iva_range key, iva_entry *old)
{
    size_t i = find_exact(m, key);
    if (i == SIZE_MAX)
        return IVA_ERR_NOT_FOUND;
    if (m->v[i].state == IVA_FREE)
        return IVA_ERR_STATE;
    entry_out(m, i, old);
    m->v[i].state = IVA_FREE;
    m->v[i].data = 0;
    /* right neighbour first so that index i stays valid */
    if (key.max < UINT64_MAX && i + 1 < m->n &&
        m->v[i + 1].min == key.max + 1 && m->v[i + 1].state == IVA_FREE) {
        m->v[i].max = m->v[i + 1].max;
        remove_at(m, i + 1);
    }
    if (key.min > 0 && i > 0 && m->v[i - 1].max == key.min - 1 &&
        m->v[i - 1].state == IVA_FREE) {
        m->v[i - 1].max = m->v[i].max;
        remove_at(m, i);
    }
    return IVA_OK;
}

/* ---- placement (SPEC section 4 + boundary) -------------------------- */

static bool pow2(uint64_t x)
{
    return x != 0 && (x & (x - 1)) == 0;
}

static bool constraint_ok(const iva_constraint *c)
{
    if (c->size == 0 || c->min > c->max)
        return false;
    if (c->align > 1 && !pow2(c->align))
        return false;
    if (c->boundary != 0 && (!pow2(c->boundary) || c->size > c->boundary))
        return false;
    return c->policy == IVA_FIRST_FIT || c->policy == IVA_LAST_FIT ||
           c->policy == IVA_BEST_FIT;
}

/* x rounded up to a multiple of al (al 0/1: x); false if that overflows. */
static bool round_up(uint64_t x, uint64_t al, uint64_t *out)
{
    uint64_t rem;
    if (al <= 1) {
        *out = x;
        return true;
    }
    rem = x % al;
    if (rem == 0) {
        *out = x;
        return true;
    }
    if (UINT64_MAX - x < al - rem)
        return false;
    *out = x + (al - rem);
    return true;
}

static uint64_t round_down(uint64_t x, uint64_t al)
{
    return al <= 1 ? x : x - x % al;
}

/* [s, s + size - 1] (no overflow) crosses a multiple of the boundary. */
static bool crosses(const iva_constraint *c, uint64_t s)
{
    uint64_t e = s + (c->size - 1);
    if (c->boundary == 0)
        return false;
    return e / c->boundary != s / c->boundary;
}

/* Lowest start s >= a, s aligned, with [s, s+size-1] inside [a, b]. */
static bool lowest_aligned(const iva_constraint *c, uint64_t a, uint64_t b,
                           uint64_t *s)
{
    if (!round_up(a, c->align, s) || *s > b)
        return false;
    return b - *s >= c->size - 1;
}

/* FIRST_FIT inside node n: the lowest admissible start. */
static bool place_low(const ivm_node *n, const iva_constraint *c,
                      uint64_t *start)
{
    uint64_t a = n->min > c->min ? n->min : c->min;
    uint64_t b = n->max < c->max ? n->max : c->max;
    uint64_t s;
    if (a > b || !lowest_aligned(c, a, b, &s))
        return false;
    if (crosses(c, s)) {
        /* every start before the next multiple of the boundary crosses it */
        uint64_t blk = s - s % c->boundary;
        if (UINT64_MAX - blk < c->boundary)
            return false;
        if (!lowest_aligned(c, blk + c->boundary, b, &s) || crosses(c, s))
            return false;
    }
    *start = s;
    return true;
}

/* LAST_FIT inside node n: the highest admissible start. */
static bool place_high(const ivm_node *n, const iva_constraint *c,
                       uint64_t *start)
{
    uint64_t a = n->min > c->min ? n->min : c->min;
    uint64_t b = n->max < c->max ? n->max : c->max;
    uint64_t s;
    if (a > b || b - a < c->size - 1)
        return false;
    s = round_down(b - (c->size - 1), c->align);
    if (s < a)
        return false;
    if (crosses(c, s)) {
        /* every later start crosses the same multiple: end just below it */
        uint64_t edge = s + (c->size - 1);
        edge -= edge % c->boundary;
        if (edge < c->size)
            return false;
        s = round_down(edge - c->size, c->align);
        if (s < a || crosses(c, s))
            return false;
    }
    *start = s;
    return true;
}

/* Index of the node chosen by c->policy and its start, or SIZE_MAX. */
static size_t choose(const ivm *m, const iva_constraint *c, uint64_t *start)
{
    size_t i, best = SIZE_MAX;
    uint64_t s = 0, best_s = 0;
    for (i = 0; i < m->n; i++) {
        size_t k = c->policy == IVA_LAST_FIT ? m->n - 1 - i : i;
        const ivm_node *n = &m->v[k];
        bool ok;
        if (n->state != IVA_FREE)
            continue;
        ok = c->policy == IVA_LAST_FIT ? place_high(n, c, &s)
                                       : place_low(n, c, &s);
        if (!ok)
            continue;
        if (c->policy != IVA_BEST_FIT) {
            *start = s;
            return k;
        }
        if (best == SIZE_MAX ||
            n->max - n->min < m->v[best].max - m->v[best].min) {
            best = k;
            best_s = s;
        }
    }
    *start = best_s;
    return best;
}

/* Nodes a split of node i around [s, e] adds. */
static size_t split_need(const ivm *m, size_t i, uint64_t s, uint64_t e)
{
    return (size_t)(s > m->v[i].min) + (size_t)(e < m->v[i].max);
}

/* Node i becomes [s, e] ALLOCATED plus up to two FREE remainders. */
static iva_status split(ivm *m, size_t i, uint64_t s, uint64_t e)
{
    ivm_node n = m->v[i];
    if (m->n + split_need(m, i, s, e) > m->limit)
        return IVA_ERR_NO_MEMORY;
    m->v[i].min = s;
    m->v[i].max = e;
    m->v[i].state = IVA_ALLOCATED;
    m->v[i].data = 0;
    if (e < n.max)
        put_at(m, i + 1, e + 1, n.max, IVA_FREE, 0);
    if (s > n.min)
        put_at(m, i, n.min, s - 1, IVA_FREE, 0);
    return IVA_OK;
}

iva_status ivm_allocate(ivm *m, const iva_constraint *c, iva_range *out)
{
    uint64_t s = 0;
    size_t i;
    iva_status st;
    if (!constraint_ok(c))
        return IVA_ERR_INVALID;
    i = choose(m, c, &s);
    if (i == SIZE_MAX)
        return IVA_ERR_NO_SPACE;
    st = split(m, i, s, s + (c->size - 1));
    if (st == IVA_OK && out != NULL) {
        out->min = s;
        out->max = s + (c->size - 1);
    }
    return st;
}

iva_status ivm_allocate_at(ivm *m, iva_range r)
{
    size_t i;
    if (r.min > r.max)
        return IVA_ERR_INVALID;
    i = find_point(m, r.min);
    if (i == SIZE_MAX || m->v[i].state != IVA_FREE || m->v[i].max < r.max)
        return IVA_ERR_NO_SPACE;
    return split(m, i, r.min, r.max);
}

/* ---- statistics ----------------------------------------------------- */

void ivm_get_stats(const ivm *m, ivm_stats *s)
{
    size_t i;
    memset(s, 0, sizeof *s);
    s->nodes = m->n;
    for (i = 0; i < m->n; i++) {
        const ivm_node *n = &m->v[i];
        uint64_t m1 = n->max - n->min; /* length - 1 */
        s->per_state[n->state]++;
        if (n->state != IVA_FREE)
            continue;
        /* add m1 + 1 to the 128-bit total */
        s->free_span_lo += m1;
        if (s->free_span_lo < m1)
            s->free_span_hi++;
        s->free_span_lo += 1;
        if (s->free_span_lo == 0)
            s->free_span_hi++;
        if (!s->has_free || m1 > s->largest_free_m1)
            s->largest_free_m1 = m1;
        s->has_free = true;
    }
}
