/*
 * The linear-scan baseline (see linear.h).  Placement rules are written
 * from SPEC.md section 4, independently of src/.
 */
#include "linear.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lin_init(lin *l)
{
    l->v = NULL;
    l->n = 0u;
    l->room = 0u;
}

void lin_fini(lin *l)
{
    free(l->v);
    lin_init(l);
}

/* Make room for `need` nodes; aborts when memory runs out. */
static void lin_room(lin *l, size_t need)
{
    size_t r = l->room < 64u ? 64u : l->room;
    void *p;
    if (need <= l->room)
        return;
    while (r < need)
        r *= 2u;
    p = realloc(l->v, r * sizeof(lin_node));
    if (p == NULL) {
        fprintf(stderr, "bench: out of memory (baseline)\n");
        abort();
    }
    l->v = p;
    l->room = r;
}

void lin_load(lin *l, const iva_tree *t)
{
    iva_stats s;
    iva_iter it;
    iva_entry e;
    iva_get_stats(t, &s);
    lin_room(l, (size_t)s.nodes + 2u);
    l->n = 0u;
    iva_iter_all(&it, t);
    while (iva_iter_next(&it, &e)) {
        l->v[l->n].min = e.key.min;
        l->v[l->n].max = e.key.max;
        l->v[l->n].state = e.state == IVA_FREE ? IVA_FREE : IVA_ALLOCATED;
        l->n++;
    }
}

void lin_copy(lin *dst, const lin *src)
{
    lin_room(dst, src->n + 2u);
    memcpy(dst->v, src->v, src->n * sizeof(lin_node));
    dst->n = src->n;
}

/* Clip node [min, max] to the constraint window; false if disjoint. */
static int lin_clip(const lin_node *x, const iva_constraint *c, uint64_t *a,
                    uint64_t *b)
{
    *a = x->min > c->min ? x->min : c->min;
    *b = x->max < c->max ? x->max : c->max;
    return *a <= *b;
}

/* FIRST_FIT start inside x: lowest aligned a' with room for size. */
static int lin_fit_low(const lin_node *x, const iva_constraint *c,
                       uint64_t *s)
{
    uint64_t a, b, m = c->align > 1u ? c->align - 1u : 0u;
    if (!lin_clip(x, c, &a, &b))
        return 0;
    if (a > UINT64_MAX - m)
        return 0;
    a = (a + m) & ~m;
    if (a > b || b - a < c->size - 1u)
        return 0;
    *s = a;
    return 1;
}

/* LAST_FIT start inside x: highest aligned start with room for size. */
static int lin_fit_high(const lin_node *x, const iva_constraint *c,
                        uint64_t *s)
{
    uint64_t a, b, m = c->align > 1u ? c->align - 1u : 0u, top;
    if (!lin_clip(x, c, &a, &b) || b - a < c->size - 1u)
        return 0;
    top = (b - (c->size - 1u)) & ~m;
    if (top < a)
        return 0;
    *s = top;
    return 1;
}

/* Index of the node the policy picks, or l->n when none; *s its start. */
static size_t lin_pick(const lin *l, const iva_constraint *c, uint64_t *s)
{
    size_t i;
    if (c->policy == IVA_LAST_FIT) {
        for (i = l->n; i-- > 0u;)
            if (l->v[i].state == IVA_FREE && lin_fit_high(&l->v[i], c, s))
                return i;
        return l->n;
    }
    for (i = 0u; i < l->n; i++)
        if (l->v[i].state == IVA_FREE && lin_fit_low(&l->v[i], c, s))
            return i;
    return l->n;
}

/* Open a gap of k nodes at index i (shifts the tail right). */
static void lin_open(lin *l, size_t i, size_t k)
{
    lin_room(l, l->n + k);
    memmove(&l->v[i + k], &l->v[i], (l->n - i) * sizeof(lin_node));
    l->n += k;
}

/* Remove k nodes at index i (shifts the tail left). */
static void lin_close(lin *l, size_t i, size_t k)
{
    memmove(&l->v[i], &l->v[i + k], (l->n - i - k) * sizeof(lin_node));
    l->n -= k;
}

static void lin_set(lin_node *x, uint64_t min, uint64_t max, uint32_t st)
{
    x->min = min;
    x->max = max;
    x->state = st;
}

/* Split FREE node i around [s, e] (SPEC.md section 4). */
static void lin_split(lin *l, size_t i, uint64_t s, uint64_t e)
{
    lin_node old = l->v[i];
    size_t k = (size_t)(s > old.min) + (size_t)(e < old.max), j = i;
    if (k > 0u)
        lin_open(l, i + 1u, k);
    if (s > old.min)
        lin_set(&l->v[j++], old.min, s - 1u, IVA_FREE);
    lin_set(&l->v[j++], s, e, IVA_ALLOCATED);
    if (e < old.max)
        lin_set(&l->v[j], e + 1u, old.max, IVA_FREE);
}

iva_status lin_allocate(lin *l, const iva_constraint *c, iva_range *out)
{
    uint64_t s = 0u;
    size_t i;
    if (c->size == 0u || c->min > c->max || c->boundary != 0u)
        return IVA_ERR_INVALID;
    i = lin_pick(l, c, &s);
    if (i == l->n)
        return IVA_ERR_NO_SPACE;
    lin_split(l, i, s, s + (c->size - 1u));
    out->min = s;
    out->max = s + (c->size - 1u);
    return IVA_OK;
}

/* Index of the node whose min equals `min`, or l->n. */
static size_t lin_find(const lin *l, uint64_t min)
{
    size_t lo = 0u, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2u;
        if (l->v[mid].min < min)
            lo = mid + 1u;
        else
            hi = mid;
    }
    return lo < l->n && l->v[lo].min == min ? lo : l->n;
}

static int lin_free_adjacent(const lin_node *a, const lin_node *b)
{
    return a->state == IVA_FREE && b->state == IVA_FREE &&
           a->max + 1u == b->min;
}

iva_status lin_free(lin *l, iva_range key)
{
    size_t i = lin_find(l, key.min);
    if (i == l->n || l->v[i].max != key.max)
        return IVA_ERR_NOT_FOUND;
    if (l->v[i].state == IVA_FREE)
        return IVA_ERR_STATE;
    l->v[i].state = IVA_FREE;
    if (i + 1u < l->n && lin_free_adjacent(&l->v[i], &l->v[i + 1u])) {
        l->v[i].max = l->v[i + 1u].max;
        lin_close(l, i + 1u, 1u);
    }
    if (i > 0u && lin_free_adjacent(&l->v[i - 1u], &l->v[i])) {
        l->v[i - 1u].max = l->v[i].max;
        lin_close(l, i, 1u);
    }
    return IVA_OK;
}
