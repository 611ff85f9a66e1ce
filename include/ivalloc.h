/*
 * ivalloc — a proven, fuzzed interval allocator for virtual machine monitors.
 *
 * ======================================================================
 *  CONVENTIONS (read this first)
 * ======================================================================
 *  - Prefix: functions and types are iva_*, constants IVA_*.  Names with
 *    two underscores (iva__*) are internal and not part of the API.
 *  - A range is a CLOSED interval [min, max] of uint64_t, min <= max.
 *    [0, UINT64_MAX] is valid; its length (2^64) is never computed in a
 *    uint64_t.  Lengths are reported as "length - 1" where they may be 2^64.
 *  - Every fallible function returns an iva_status (IVA_OK == 0).  On any
 *    error the tree is left EXACTLY as it was: same nodes, states, data
 *    (see SPEC.md section 3).  Results are marked warn-unused-result.
 *  - Who allocates: nobody, unless you ask.  iva_init() runs on a node pool
 *    you supply and never calls malloc.  iva_init_heap() grows a pool through
 *    allocator hooks (default: the C library's realloc/free).  No operation
 *    allocates per call except pool growth, which is amortised O(1).
 *  - NULL: pointer parameters documented "may be NULL" are optional outputs;
 *    every other pointer must be valid.  Passing NULL there, or a tree that
 *    was not initialised, is undefined behaviour (the library does not
 *    guess).  Passing bad VALUES (min > max, size 0, align 3, ...) is never
 *    undefined: it returns IVA_ERR_INVALID.
 *  - The structs below are visible only so that you can size them (put a
 *    tree on the stack, declare a pool array).  Their fields are private:
 *    do not read or write them.
 *  - Not thread-safe: one tree, one thread at a time (lock outside).
 *  - Complexity: n is the number of nodes in the tree, h the tree depth:
 *    a treap with priorities from a per-tree seed, whose height is kept
 *    at most 3*log2(n) by a rare O(n) rebuild (docs/DESIGN.md, "Depth
 *    bound"; iva_stats.rebuilds counts them).
 *    No function recurses; stack use is constant.
 *  - Invariants I1..I6 are defined in SPEC.md section 5 and checked by
 *    iva_check().
 * ======================================================================
 */
#ifndef IVALLOC_H
#define IVALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IVA_VERSION_MAJOR 0
#define IVA_VERSION_MINOR 1
#define IVA_VERSION_PATCH 0
#define IVA_VERSION_STRING "0.1.0"
/** Single number for compile-time comparisons: major*10000+minor*100+patch. */
#define IVA_VERSION_NUMBER                                                     \
    (IVA_VERSION_MAJOR * 10000 + IVA_VERSION_MINOR * 100 + IVA_VERSION_PATCH)

/* Symbol export.  IVA_STATIC_DEFINE: building or using the static library. */
#if defined(IVA_STATIC_DEFINE)
#define IVA_API
#elif defined(_WIN32)
#ifdef IVA_BUILDING
#define IVA_API __declspec(dllexport)
#else
#define IVA_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define IVA_API __attribute__((visibility("default")))
#else
#define IVA_API
#endif

#if defined(__GNUC__)
#define IVA_NODISCARD __attribute__((warn_unused_result))
#else
#define IVA_NODISCARD
#endif

/** Status codes.  One per SPEC.md error, plus snapshot/checker results. */
typedef enum iva_status {
    IVA_OK = 0,
    IVA_ERR_INVALID = 1,   /**< bad argument value (min > max, size 0, ...) */
    IVA_ERR_OVERLAP = 2,   /**< insert: key intersects an existing node */
    IVA_ERR_NOT_FOUND = 3, /**< no node with exactly this key / point */
    IVA_ERR_STATE = 4,     /**< node is FREE (update, double free) */
    IVA_ERR_NO_SPACE = 5,  /**< allocate: no FREE node admits a placement */
    IVA_ERR_NO_MEMORY = 6, /**< node pool or journal exhausted */
    IVA_ERR_CORRUPT = 7,   /**< snapshot rejected, or iva_check() failed */
    IVA_ERR_TXN = 8        /**< transaction misuse (begin twice, ...) */
} iva_status;

/** Node state (SPEC.md section 2). */
typedef enum iva_state {
    IVA_FREE = 0,      /**< available for allocate(); carries no data */
    IVA_ALLOCATED = 1, /**< handed out; carries no data */
    IVA_VALUED = 2     /**< handed out with one word of caller data */
} iva_state;

/** Placement policy (SPEC.md section 4). */
typedef enum iva_policy {
    IVA_FIRST_FIT = 0, /**< lowest address (dbs-allocator Default/FirstMatch) */
    IVA_LAST_FIT = 1,  /**< highest address */
    IVA_BEST_FIT = 2   /**< smallest FREE node that fits; ties: lowest */
} iva_policy;

/** Closed interval [min, max]. */
typedef struct iva_range {
    uint64_t min;
    uint64_t max;
} iva_range;

/**
 * What allocate() is asked for.  Initialise with IVA_CONSTRAINT(size) or
 * iva_constraint_init(), then narrow the fields you need.
 *  size     >= 1.
 *  min, max the placed range lies inside [min, max] (default 0, UINT64_MAX).
 *  align    0 or 1: none; else a power of two the start is a multiple of.
 *  boundary 0: none; else a power of two the range must not cross (the
 *           range lies inside one [k*boundary, (k+1)*boundary - 1]);
 *           size > boundary is IVA_ERR_INVALID.
 *  policy   IVA_FIRST_FIT, IVA_LAST_FIT or IVA_BEST_FIT.
 */
typedef struct iva_constraint {
    uint64_t size;
    uint64_t min;
    uint64_t max;
    uint64_t align;
    uint64_t boundary;
    iva_policy policy;
} iva_constraint;

/** A constraint for `size` units anywhere, FIRST_FIT, no alignment. */
#define IVA_CONSTRAINT(sz)                                                     \
    ((iva_constraint){(sz), 0u, UINT64_MAX, 0u, 0u, IVA_FIRST_FIT})

/** One node as seen by callers: key, state, data (0 unless VALUED). */
typedef struct iva_entry {
    iva_range key;
    iva_state state;
    uint64_t data;
} iva_entry;

/* ---- private layout (visible for sizing only) ---------------------- */

/** One pool slot: 48 bytes.  Private. */
typedef struct iva_node {
    uint64_t min_;   /* key */
    uint64_t max_;
    uint64_t data_;  /* caller word when VALUED, else 0 (I5) */
    uint64_t big_;   /* largest FREE length in subtree, saturating; 0: none */
    uint32_t left_;  /* pool indices, IVA__NIL when absent */
    uint32_t right_;
    uint32_t parent_;
    uint32_t hs_;    /* subtree height (bits 0..29) | state (bits 30..31) */
} iva_node;

/**
 * Allocator hooks for heap-backed trees.  realloc_fn behaves like
 * realloc(ptr, new_size) but also receives the old size; returning NULL
 * means "no memory" (the tree is unchanged, the call gets
 * IVA_ERR_NO_MEMORY).  free_fn(ctx, ptr, size) releases.  Tests use a hook
 * that fails on purpose to exercise every NO_MEMORY path.
 */
typedef struct iva_allocator {
    void *(*realloc_fn)(void *ctx, void *ptr, size_t old_size,
                        size_t new_size);
    void (*free_fn)(void *ctx, void *ptr, size_t size);
    void *ctx;
} iva_allocator;

/** One transaction journal record.  Private. */
typedef struct iva_txn_rec {
    uint64_t min_;
    uint64_t max_;
    uint64_t data_;
    uint32_t kind_;  /* added / removed */
    uint32_t state_;
} iva_txn_rec;

/** The tree.  Private fields; sizeof is part of the ABI. */
typedef struct iva_tree {
    iva_node *nodes_;
    uint32_t cap_;       /* slots in nodes_ */
    uint32_t hw_;        /* slots [hw_, cap_) were never used */
    uint32_t free_head_; /* singly linked list of released slots */
    uint32_t n_unused_;  /* released slots on the list */
    uint32_t root_;
    uint32_t count_;         /* reachable nodes */
    uint32_t n_state_[3];    /* reachable nodes per state */
    uint32_t free_span_hi_;  /* total FREE length = hi * 2^64 + lo */
    uint64_t free_span_lo_;
    uint64_t seed_;
    uint64_t prio_key_;      /* seed, mixed once: the priority hash key */
    uint64_t visits_;        /* nodes visited by allocate(), cumulative */
    iva_allocator alloc_;
    bool heap_;              /* nodes_ owned and grown through alloc_ */
    bool txn_active_;
    bool txn_heap_;          /* journal owned and grown through alloc_ */
    uint32_t rebuilds_;      /* depth-bound rebuilds (balance.c), wrapping */
    iva_txn_rec *txn_;
    size_t txn_len_;
    size_t txn_cap_;
} iva_tree;

/** Largest number of nodes one tree can hold. */
#define IVA_MAX_NODES ((uint32_t)0x3fffffffu)

/* ---- library information ------------------------------------------ */

/** Runtime version, IVA_VERSION_STRING of the library actually linked. */
IVA_API const char *iva_version(void);
/** Runtime IVA_VERSION_NUMBER of the library actually linked. */
IVA_API unsigned iva_version_number(void);
/** Static English text for a status ("no-space", ...): the SPEC trace word.
 *  Unknown values give "unknown".  O(1). */
IVA_API const char *iva_strerror(iva_status st);

/* ---- set-up -------------------------------------------------------- */

/**
 * Initialise an empty tree over a caller-supplied pool of `cap` slots.
 * The library never allocates; when the pool is full, operations that need
 * a node fail with IVA_ERR_NO_MEMORY.  `seed` picks the treap priorities:
 * the same seed and operations give the same tree.
 * Returns IVA_ERR_INVALID if cap > IVA_MAX_NODES or (pool == NULL and
 * cap > 0).  O(1): the pool is not touched until used.
 */
IVA_API IVA_NODISCARD iva_status iva_init(iva_tree *t, iva_node *pool,
                                          uint32_t cap, uint64_t seed);

/**
 * Initialise an empty tree whose pool grows on demand through `a`
 * (NULL: the C library's realloc and free).  Call iva_fini() when done.
 * O(1); nothing is allocated until the first node is needed.
 */
IVA_API IVA_NODISCARD iva_status iva_init_heap(iva_tree *t,
                                               const iva_allocator *a,
                                               uint64_t seed);

/** Release a heap tree's memory (no-op for caller pools).  The tree is
 *  empty afterwards and may be reused with iva_init*.  O(1). */
IVA_API void iva_fini(iva_tree *t);

/**
 * Make sure `n` more nodes can be added without growing the pool: for heap
 * trees, grows now; for caller pools, only checks.  Returns
 * IVA_ERR_NO_MEMORY if that cannot be guaranteed.  Amortised O(1).
 */
IVA_API IVA_NODISCARD iva_status iva_reserve(iva_tree *t, uint32_t n);

/* ---- the operations of SPEC.md section 3 --------------------------- */

/**
 * insert(key, data?): add a node.  data == NULL: FREE; else VALUED(*data).
 * Never merges with neighbours.
 * Errors: INVALID (key.min > key.max), OVERLAP, NO_MEMORY.  O(h).
 */
IVA_API IVA_NODISCARD iva_status iva_insert(iva_tree *t, iva_range key,
                                            const uint64_t *data);

/**
 * delete(key): remove the node whose key is exactly `key`, whatever its
 * state.  old (may be NULL) receives the node as it was.
 * Errors: NOT_FOUND.  O(h).
 */
IVA_API IVA_NODISCARD iva_status iva_delete(iva_tree *t, iva_range key,
                                            iva_entry *old);

/**
 * update(key, data): the ALLOCATED or VALUED node with exactly `key`
 * becomes VALUED(data).  old (may be NULL) receives it as it was.
 * Errors: NOT_FOUND, STATE (node is FREE).  O(h).
 */
IVA_API IVA_NODISCARD iva_status iva_update(iva_tree *t, iva_range key,
                                            uint64_t data, iva_entry *old);

/** get(key): the node with exactly `key`.  Errors: NOT_FOUND.  O(h). */
IVA_API IVA_NODISCARD iva_status iva_get(const iva_tree *t, iva_range key,
                                         iva_entry *out);

/**
 * get_superset(key): the node whose key contains all of `key`.
 * Errors: NOT_FOUND (also for key.min > key.max).  O(h).
 */
IVA_API IVA_NODISCARD iva_status iva_get_superset(const iva_tree *t,
                                                  iva_range key,
                                                  iva_entry *out);

/**
 * get_by_id(id): data of the VALUED node containing point `id`.
 * Errors: NOT_FOUND (no node, or node not VALUED).  O(h).
 */
IVA_API IVA_NODISCARD iva_status iva_get_by_id(const iva_tree *t,
                                               uint64_t id, uint64_t *data);

/**
 * allocate(c): place a range by c->policy (SPEC.md section 4) inside a
 * FREE node, split the node, mark the range ALLOCATED; *out receives it.
 * Errors: INVALID (size 0, min > max, align or boundary not 0/1/power of
 * two, size > boundary, unknown policy), NO_SPACE, NO_MEMORY (a split
 * needs up to two nodes; checked before anything changes).
 * Complexity: FIRST_FIT and LAST_FIT O(h) expected when alignment and
 * boundary reject no candidate (subtrees without a large enough FREE node
 * are skipped); each rejected candidate costs O(h) more.  BEST_FIT
 * visits every FREE node large enough: O(n) worst case.
 */
IVA_API IVA_NODISCARD iva_status iva_allocate(iva_tree *t,
                                              const iva_constraint *c,
                                              iva_range *out);

/**
 * Exact-address allocation: allocate exactly `r` if it lies inside one
 * FREE node (split as allocate does).
 * Errors: INVALID (min > max), NO_SPACE, NO_MEMORY.  O(h).
 */
IVA_API IVA_NODISCARD iva_status iva_allocate_at(iva_tree *t, iva_range r);

/**
 * free(key): the ALLOCATED or VALUED node with exactly `key` becomes FREE
 * and merges with a FREE node ending at key.min - 1 and one starting at
 * key.max + 1 (SPEC.md section 4).  old (may be NULL) receives it as it
 * was.  Errors: NOT_FOUND (no node with exactly this key, even if key lies
 * inside one), STATE (already FREE: double free).  O(h).
 */
IVA_API IVA_NODISCARD iva_status iva_free(iva_tree *t, iva_range key,
                                          iva_entry *old);

/** Fill *c with the defaults for `size` (see IVA_CONSTRAINT). */
IVA_API void iva_constraint_init(iva_constraint *c, uint64_t size);

/** IVA_OK if *c is a valid constraint, else IVA_ERR_INVALID.  O(1). */
IVA_API IVA_NODISCARD iva_status
iva_constraint_check(const iva_constraint *c);

/* ---- checker ------------------------------------------------------- */

/** Where iva_check() found a broken invariant. */
typedef struct iva_check_report {
    int invariant;   /**< 1..6 (SPEC.md I1..I6), 0 when all hold */
    uint32_t node;   /**< pool index of the offending node, or UINT32_MAX */
    const char *what;/**< static description */
} iva_check_report;

/**
 * Verify invariants I1..I6 and every cached counter.  Returns IVA_OK or
 * IVA_ERR_CORRUPT, with details in *rep (may be NULL).  Never loops
 * forever on a corrupted pool (walks are bounded by the capacity).
 * O(n + cap), no allocation, constant stack.
 */
IVA_API IVA_NODISCARD iva_status iva_check(const iva_tree *t,
                                           iva_check_report *rep);

/* ---- iteration and statistics -------------------------------------- */

/** Cursor for in-order walks.  Private fields. */
typedef struct iva_iter {
    const iva_tree *t_;
    uint32_t next_;
    uint64_t lim_max_;
} iva_iter;

/** Start a walk over every node, in increasing address order.  O(h). */
IVA_API void iva_iter_all(iva_iter *it, const iva_tree *t);

/** Start a walk over the nodes intersecting `r`, in increasing address
 *  order (none if r.min > r.max).  The whole walk is O(h + k) for k
 *  nodes.  O(h). */
IVA_API void iva_iter_range(iva_iter *it, const iva_tree *t, iva_range r);

/** Next node of the walk into *out; false when done.  The tree must not
 *  change during a walk.  Amortised O(1). */
IVA_API bool iva_iter_next(iva_iter *it, iva_entry *out);

/** Exact statistics, all O(1). */
typedef struct iva_stats {
    uint32_t nodes;            /**< all nodes */
    uint32_t free_nodes;
    uint32_t allocated_nodes;
    uint32_t valued_nodes;
    uint32_t capacity;         /**< pool slots (reachable + unused) */
    uint32_t depth;            /**< tree height: 0 empty, 1 one node */
    uint64_t free_span_lo;     /**< total FREE length = hi*2^64 + lo */
    uint32_t free_span_hi;
    bool has_free;             /**< some node is FREE */
    uint64_t largest_free_m1;  /**< largest FREE length - 1 (if has_free) */
    uint64_t visits;           /**< nodes visited by allocate, cumulative */
    uint32_t rebuilds;         /**< depth-bound rebuilds, cumulative (wraps) */
} iva_stats;

/** Fill *s.  O(1). */
IVA_API void iva_get_stats(const iva_tree *t, iva_stats *s);

/* ---- snapshot / restore -------------------------------------------- */

/**
 * Snapshot format version written by iva_snapshot() (docs/SNAPSHOT.md).
 */
#define IVA_SNAPSHOT_VERSION 1u

/** Exact size in bytes of the snapshot of t.  O(1). */
IVA_API size_t iva_snapshot_size(const iva_tree *t);

/**
 * Write the snapshot of t (nodes, states, data, seed) into buf[0..cap).
 * *len (may be NULL) receives the size written.  Errors: NO_MEMORY (cap
 * too small; nothing written beyond cap).  O(n).
 */
IVA_API IVA_NODISCARD iva_status iva_snapshot(const iva_tree *t, void *buf,
                                              size_t cap, size_t *len);

/**
 * Replace the contents of t by the snapshot in buf[0..len).  Everything is
 * validated first (magic, version, length, checksum, count, order,
 * disjointness, states, data); a bad snapshot gives IVA_ERR_CORRUPT and
 * leaves t unchanged.  NO_MEMORY (pool too small / growth failed) also
 * leaves t unchanged.  Never allocates more than the snapshot's own node
 * count.  The restored tree uses the snapshot's seed.  Must not be called
 * inside a transaction (IVA_ERR_TXN).  O(n log n).
 */
IVA_API IVA_NODISCARD iva_status iva_restore(iva_tree *t, const void *buf,
                                             size_t len);

/* ---- transactions -------------------------------------------------- */

/**
 * Start a transaction: until iva_txn_commit() or iva_txn_rollback(), every
 * change is journalled so that rollback restores the tree exactly.
 * journal/cap: caller-supplied record buffer (no allocation; an operation
 * that would overflow it fails with NO_MEMORY and changes nothing), or
 * NULL/0 for a journal grown through the tree's allocator (heap trees
 * only; IVA_ERR_INVALID otherwise).  Each operation needs at most 4
 * records.  Errors: TXN (already active), INVALID.  O(1).
 */
IVA_API IVA_NODISCARD iva_status iva_txn_begin(iva_tree *t,
                                               iva_txn_rec *journal,
                                               size_t cap);

/** Keep every change made since iva_txn_begin().  Errors: TXN (none
 *  active).  O(1). */
IVA_API IVA_NODISCARD iva_status iva_txn_commit(iva_tree *t);

/** Undo every change made since iva_txn_begin(); never fails for lack of
 *  memory.  Errors: TXN (none active).  O(k h) for k journal records. */
IVA_API IVA_NODISCARD iva_status iva_txn_rollback(iva_tree *t);

/** True while a transaction is active.  O(1). */
IVA_API bool iva_txn_active(const iva_tree *t);

#ifdef __cplusplus
}
#endif
#endif /* IVALLOC_H */
