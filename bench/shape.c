/* Mean node depth by a stackless walk over parent links (see shape.h). */
#include "shape.h"

#include "../src/iva_internal.h"

/* Next step of an in-order walk: from x, having come from `prev`.
 * Updates *d (depth of the returned node) and returns IVA__NIL at the
 * end.  *entered is set when the returned node is seen for the first
 * time. */
static uint32_t step(const iva_tree *t, uint32_t x, uint32_t prev,
                     uint32_t *d, int *entered)
{
    const iva_node *n = &t->nodes_[x];
    *entered = 0;
    if (prev == n->parent_ && n->left_ != IVA__NIL) {
        (*d)++;
        *entered = 1;
        return n->left_;
    }
    if ((prev == n->parent_ || prev == n->left_) && n->right_ != IVA__NIL) {
        (*d)++;
        *entered = 1;
        return n->right_;
    }
    (*d)--;
    return n->parent_;
}

void shape_of(const iva_tree *t, shape *s)
{
    uint32_t x = t->root_, prev = IVA__NIL, d = 1u, maxd = 0u, cnt = 0u;
    double sum = 0.0;
    int entered = 1;
    while (x != IVA__NIL) {
        uint32_t nx;
        if (entered) {
            cnt++;
            sum += (double)d;
            maxd = d > maxd ? d : maxd;
        }
        nx = step(t, x, prev, &d, &entered);
        prev = x;
        x = nx;
    }
    s->nodes = cnt;
    s->max_depth = maxd;
    s->mean_depth = cnt > 0u ? sum / (double)cnt : 0.0;
    s->slots_used = t->hw_;
}
