/*
 * Snapshot and restore (format: docs/SNAPSHOT.md).  Little-endian:
 *   magic "IVAS" | u32 version | u64 seed | u32 count |
 *   count x { u64 min | u64 max | u8 state | u64 data if VALUED } |
 *   u32 FNV-1a checksum of every preceding byte.
 * Restore validates the whole buffer before touching the tree.
 */
#include "iva_internal.h"

#define HDR 20u
#define REC 17u
#define TAIL 4u

/*@ // The little-endian u32 at p (docs/SNAPSHOT.md).
    logic integer snap_u32{L}(uint8_t *p) =
      p[0] + p[1] * 0x100 + p[2] * 0x10000 + p[3] * 0x1000000;

    // The frame iva_restore() accepts before looking at the records:
    // long enough for header and checksum, magic "IVAS", version 1.
    predicate snap_head{L}(uint8_t *p, integer len) =
      len >= HDR + TAIL && p[0] == 'I' && p[1] == 'V' && p[2] == 'A' &&
      p[3] == 'S' && snap_u32(p + 4) == IVA_SNAPSHOT_VERSION;
*/

/*@ requires \valid(p + (0 .. 3));
    assigns p[0 .. 3];
*/
static void put32(uint8_t *p, uint32_t v)
{
    /*@ loop invariant 0 <= i <= 4;
        loop assigns i, p[0 .. 3];
        loop variant 4 - i;
    */
    for (unsigned i = 0; i < 4u; i++)
        p[i] = (uint8_t)((v >> (8u * i)) & 0xffu);
}

/*@ requires \valid(p + (0 .. 7));
    assigns p[0 .. 7];
*/
static void put64(uint8_t *p, uint64_t v)
{
    /*@ loop invariant 0 <= i <= 8;
        loop assigns i, p[0 .. 7];
        loop variant 8 - i;
    */
    for (unsigned i = 0; i < 8u; i++)
        p[i] = (uint8_t)((v >> (8u * i)) & 0xffu);
}

/*@ requires \valid_read(p + (0 .. 3));
    assigns \nothing;
    ensures \result == snap_u32(p);
*/
static uint32_t get32(const uint8_t *p)
{
    /* Byte k weighs 2^(8k) (a sum of non-overlapping bytes, i.e. the
     * same as OR-ing shifted bytes; written with * and + for WP). */
    return (uint32_t)p[0] + (uint32_t)p[1] * 0x100u +
           (uint32_t)p[2] * 0x10000u + (uint32_t)p[3] * 0x1000000u;
}

/*@ requires \valid_read(p + (0 .. 7));
    assigns \nothing;
    ensures \result == snap_u32(p) + snap_u32(p + 4) * 0x100000000;
*/
static uint64_t get64(const uint8_t *p)
{
    /* Two little-endian halves, each read by get32. */
    return (uint64_t)get32(p) + (uint64_t)get32(p + 4) * 0x100000000u;
}

/*@ requires \valid_read(p + (0 .. n - 1));
    assigns \nothing;
*/
static uint32_t fnv1a(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i, h;
        loop variant n - i;
    */
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        /* h *= 16777619u, written so that the wrap mod 2^32 is explicit */
        h = (uint32_t)(((uint64_t)h * 16777619u) & 0xffffffffu);
    }
    return h;
}

/*@ requires \valid_read(t);
    assigns \nothing;
    ensures \result == HDR + t->count_ * REC + t->n_state_[IVA_VALUED] * 8 + TAIL;
*/
size_t iva_snapshot_size(const iva_tree *t)
{
    return HDR + (size_t)t->count_ * REC +
           (size_t)t->n_state_[IVA_VALUED] * 8u + TAIL;
}

iva_status iva_snapshot(const iva_tree *t, void *buf, size_t cap,
                        size_t *len)
{
    size_t need = iva_snapshot_size(t), off = HDR;
    uint8_t *p = buf;
    uint32_t x;
    if (cap < need)
        return IVA_ERR_NO_MEMORY;
    p[0] = 'I';
    p[1] = 'V';
    p[2] = 'A';
    p[3] = 'S';
    put32(p + 4, IVA_SNAPSHOT_VERSION);
    put64(p + 8, t->seed_);
    put32(p + 16, t->count_);
    for (x = iva__first(t); x != IVA__NIL; x = iva__next(t, x)) {
        const iva_node *n = &t->nodes_[x];
        put64(p + off, n->min_);
        put64(p + off + 8, n->max_);
        p[off + 16] = (uint8_t)iva__state(n);
        off += REC;
        if (iva__state(n) == IVA_VALUED) {
            put64(p + off, n->data_);
            off += 8u;
        }
    }
    put32(p + off, fnv1a(p, off));
    if (len != NULL)
        *len = need;
    return IVA_OK;
}

/* Header, checksum and count: everything but the records themselves. */
/*@ requires \valid_read(p + (0 .. len - 1));
    requires \valid(count) && \separated(count, p + (0 .. len - 1));
    assigns *count;
    ensures \result == IVA_OK || \result == IVA_ERR_CORRUPT;
    behavior bad_head:
      assumes !snap_head(p, len);
      assigns \nothing;
      ensures \result == IVA_ERR_CORRUPT;
    behavior head_ok:
      assumes snap_head(p, len);
      ensures \result == IVA_OK ==>
        *count == snap_u32(p + 16) && *count <= IVA_MAX_NODES &&
        *count <= (len - HDR - TAIL) / REC;
    complete behaviors;
    disjoint behaviors;
*/
static iva_status check_frame(const uint8_t *p, size_t len, uint32_t *count)
{
    if (len < HDR + TAIL || p[0] != 'I' || p[1] != 'V' || p[2] != 'A' ||
        p[3] != 'S' || get32(p + 4) != IVA_SNAPSHOT_VERSION)
        return IVA_ERR_CORRUPT;
    if (get32(p + len - TAIL) != fnv1a(p, len - TAIL))
        return IVA_ERR_CORRUPT;
    *count = get32(p + 16);
    if (*count > IVA_MAX_NODES || *count > (len - HDR - TAIL) / REC)
        return IVA_ERR_CORRUPT;
    return IVA_OK;
}

/* Walk the records: order and disjointness (I1, I2), states, exact
 * length.  fill == true: also add the nodes (the tree is then empty). */
static iva_status walk_records(iva_tree *t, const uint8_t *p, size_t len,
                               uint32_t count, bool fill)
{
    size_t off = HDR, end = len - TAIL;
    uint64_t prev_max = 0u, data;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t mn, mx;
        uint8_t st;
        if (end - off < REC)
            return IVA_ERR_CORRUPT;
        mn = get64(p + off);
        mx = get64(p + off + 8);
        st = p[off + 16];
        off += REC;
        if (mn > mx || st > IVA_VALUED || (i > 0u && prev_max >= mn))
            return IVA_ERR_CORRUPT;
        data = 0u;
        if (st == IVA_VALUED) {
            if (end - off < 8u)
                return IVA_ERR_CORRUPT;
            data = get64(p + off);
            off += 8u;
        }
        prev_max = mx;
        if (fill)
            (void)iva__node_add(t, mn, mx, st, data);
    }
    return off == end ? IVA_OK : IVA_ERR_CORRUPT;
}

iva_status iva_restore(iva_tree *t, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    uint32_t count = 0u;
    iva_status st;
    if (t->txn_active_)
        return IVA_ERR_TXN;
    if (buf == NULL)
        return IVA_ERR_CORRUPT;
    st = check_frame(p, len, &count);
    if (st == IVA_OK)
        st = walk_records(t, p, len, count, false);
    if (st == IVA_OK && count > t->count_)
        st = iva__reserve(t, count - t->count_);
    if (st != IVA_OK)
        return st;
    iva__pool_reset(t);
    iva__set_seed(t, get64(p + 8));
    st = walk_records(t, p, len, count, true);
    iva__balance(t);
    return st;
}
