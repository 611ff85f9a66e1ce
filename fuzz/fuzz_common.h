/*
 * Shared fuzz helpers (header-only, so every harness is ONE .c file):
 *  - the input reader (bytes, little-endian words, zero padding at EOF);
 *  - the oracle macro FZ_CHECK (prints, then abort()s: libFuzzer, AFL++
 *    and ctest all see a crash);
 *  - the op decoder: byte stream -> bounded sequence of fz_op with
 *    state-aware tagged operands (live node keys and edges +/- small
 *    deltas, the top of the uint64 space, powers of two +/- 1, invalid
 *    aligns, size 0, min > max, ...), resolved against the model's state;
 *  - the SPEC section 6 trace printer (IVA_FUZZ_PRINT_TRACE=1 or --trace);
 *  - FZ_DRIVER(fn): the entry point for each build: libFuzzer
 *    (FUZZ_LIBFUZZER), AFL++ persistent mode (FUZZ_AFL), else a replay
 *    main() over files and directories.
 *
 * Input format version FZ_FORMAT_VERSION: bump it whenever the meaning of
 * input bytes changes (the corpus then has to be regenerated; see
 * docs/FUZZING.md).  Layout: harness config bytes, then ops:
 *   op byte (kind = byte % 16, see fz_decode_op), then the op's operands.
 */
#ifndef IVA_FUZZ_COMMON_H
#define IVA_FUZZ_COMMON_H

#include <dirent.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#if defined(FUZZ_AFL)
#include <unistd.h> /* read(), used by the AFL++ persistent-mode macros */
#endif

#include "ivalloc.h"
#include "model.h"

#define FZ_FORMAT_VERSION 1
#define FZ_MAX_OPS 256        /* ops per input: checks are O(n) per op */
#define FZ_MAX_INPUT 65536    /* replay refuses larger files */

/* Intentional wrap-around in decoders is not a finding. */
#if defined(__clang__)
#define FZ_WRAPS __attribute__((no_sanitize("unsigned-integer-overflow")))
#else
#define FZ_WRAPS
#endif

#define FZ_CHECK(cond, ...)                                                    \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "FUZZ ORACLE FAILED %s:%d: %s: ", __FILE__,        \
                    __LINE__, #cond);                                          \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* ---- input reader ---------------------------------------------------- */

typedef struct fz_in {
    const uint8_t *p;
    size_t n;
} fz_in;

static inline bool fz_more(const fz_in *in)
{
    return in->n > 0;
}

static inline uint8_t fz_u8(fz_in *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

/* n bytes little-endian (n <= 8). */
static inline uint64_t fz_le(fz_in *in, unsigned n)
{
    uint64_t v = 0;
    unsigned i;
    for (i = 0; i < n; i++)
        v |= (uint64_t)fz_u8(in) << (8 * i);
    return v;
}

/* ---- tagged operand values ------------------------------------------ */

/* Signed delta -4..3 from three bits, applied with wrap-around. */
FZ_WRAPS static inline uint64_t fz_nudge(uint64_t v, unsigned bits)
{
    return v + (uint64_t)(int64_t)((int)(bits & 7u) - 4);
}

/* The k-th live node of the model (k from one byte), or NULL. */
static inline const ivm_node *fz_node(fz_in *in, const ivm *m)
{
    uint8_t k = fz_u8(in);
    return m->n == 0 ? NULL : &m->v[k % m->n];
}

/* A uint64 operand: tag byte, then 0-8 bytes. */
FZ_WRAPS static inline uint64_t fz_val(fz_in *in, const ivm *m)
{
    uint8_t tag = fz_u8(in);
    const ivm_node *n;
    uint8_t b;
    switch (tag % 10u) {
    case 0: return fz_u8(in);                              /* small */
    case 1: return fz_le(in, 8);                           /* raw */
    case 2:                                                /* node edge +/- */
        n = fz_node(in, m);
        if (n == NULL)
            return tag >> 4;
        return fz_nudge((tag & 8u) ? n->max : n->min, (unsigned)tag >> 4);
    case 3: return UINT64_MAX - fz_u8(in);                 /* top */
    case 4:                                                /* 2^k +/- 1 */
        b = fz_u8(in);
        return ((uint64_t)1 << (b & 63u)) + (uint64_t)(int64_t)((b >> 6) % 3 - 1);
    case 5: return 0;
    case 6: return UINT64_MAX;
    case 7: return fz_le(in, 2);
    case 8: return fz_le(in, 4) << (tag >> 4);             /* mid, shifted */
    default:                                               /* one past a node */
        n = fz_node(in, m);
        if (n == NULL)
            return UINT64_MAX - (tag >> 4);
        return (tag & 16u) ? n->max + 1 : n->min - 1;
    }
}

/* A range operand (may be invalid: min > max). */
FZ_WRAPS static inline iva_range fz_range(fz_in *in, const ivm *m)
{
    uint8_t tag = fz_u8(in);
    const ivm_node *n = NULL;
    iva_range r;
    uint64_t len;
    unsigned sel = tag % 8u;
    if (sel <= 1u || sel == 6u) {
        n = fz_node(in, m);
        if (n == NULL)
            sel = 2;
    }
    switch (sel) {
    case 0: r.min = n->min; r.max = n->max; break;          /* exact key */
    case 1:                                                  /* key nudged */
        r.min = fz_nudge(n->min, (unsigned)tag >> 3);
        r.max = fz_nudge(n->max, (unsigned)tag >> 5);
        break;
    case 2: r.min = fz_val(in, m); r.max = fz_val(in, m); break;
    case 3:                                                  /* [v, v+len-1] */
        r.min = fz_val(in, m);
        len = (uint64_t)fz_u8(in) + 1;
        r.max = UINT64_MAX - r.min < len - 1 ? UINT64_MAX : r.min + (len - 1);
        break;
    case 4: r.max = fz_val(in, m); r.min = r.max + 1 + (tag >> 3); break;
    case 5: r.min = fz_val(in, m); r.max = UINT64_MAX - (tag >> 3); break;
    case 6:                                                  /* gap after n */
        r.min = n->max + 1;
        r.max = n + 1 < m->v + m->n ? n[1].min - 1 : UINT64_MAX;
        break;
    default:
        if (tag & 8u) {
            r.min = 0;
            r.max = UINT64_MAX;
        } else {
            r.min = r.max = fz_val(in, m);
        }
        break;
    }
    return r;
}

/* allocate(): size.  0 is invalid on purpose. */
FZ_WRAPS static inline uint64_t fz_size(fz_in *in, const ivm *m)
{
    uint8_t tag = fz_u8(in);
    const ivm_node *n;
    switch (tag % 6u) {
    case 0: return (uint64_t)(tag >> 3) + 1;
    case 1: return fz_u8(in);
    case 2: return (uint64_t)1 << (fz_u8(in) & 63u);
    case 3: return fz_val(in, m);
    case 4:                                   /* a live node's length */
        n = fz_node(in, m);
        return n == NULL ? 1 : n->max - n->min + 1 - (tag >> 7);
    default: return 0;
    }
}

/* Alignment or boundary: mostly 0 or powers of two, sometimes invalid. */
static inline uint64_t fz_pow2ish(fz_in *in, const ivm *m)
{
    uint8_t tag = fz_u8(in);
    switch (tag % 6u) {
    case 0: return 0;
    case 1: return 1;
    case 2:
    case 3: return (uint64_t)1 << (fz_u8(in) & 63u);
    case 4: return (uint64_t)1 << ((tag >> 3) & 15u);
    default: return fz_val(in, m);            /* often not a power of two */
    }
}

/* ---- operations ------------------------------------------------------ */

typedef enum fz_kind {
    FZ_INSERT, FZ_DELETE, FZ_UPDATE, FZ_GET, FZ_SUPERSET, FZ_GETID,
    FZ_ALLOC, FZ_ALLOC_AT, FZ_FREE, FZ_BEGIN, FZ_COMMIT, FZ_ROLLBACK,
    FZ_QUERY, FZ_EXTRA /* harness-specific: reserve, arm a failure, ... */
} fz_kind;

typedef struct fz_op {
    fz_kind kind;
    iva_range r;        /* key / range */
    bool has_data;      /* insert: VALUED */
    uint64_t v;         /* data, id, or the extra op's argument */
    iva_constraint c;   /* alloc */
} fz_op;

/* Op byte -> kind; allocation-heavy on purpose. */
static inline fz_kind fz_kind_of(uint8_t b)
{
    static const fz_kind map[16] = {
        FZ_INSERT, FZ_INSERT, FZ_INSERT, FZ_DELETE, FZ_UPDATE, FZ_GET,
        FZ_SUPERSET, FZ_GETID, FZ_ALLOC, FZ_ALLOC, FZ_ALLOC_AT, FZ_FREE,
        FZ_FREE, FZ_BEGIN, FZ_QUERY, FZ_EXTRA};
    return map[b % 16u];
}

static inline void fz_decode_alloc(fz_in *in, const ivm *m, fz_op *op)
{
    static const iva_policy pol[8] = {
        IVA_FIRST_FIT, IVA_FIRST_FIT, IVA_LAST_FIT, IVA_LAST_FIT,
        IVA_BEST_FIT, IVA_BEST_FIT, IVA_LAST_FIT, (iva_policy)3};
    uint8_t f = fz_u8(in);
    iva_constraint *c = &op->c;
    iva_constraint_init(c, fz_size(in, m));
    if (f & 1u)
        c->min = fz_val(in, m);
    if (f & 2u)
        c->max = fz_val(in, m);
    if (f & 4u) {                      /* window from a node or a range */
        iva_range w = fz_range(in, m);
        c->min = w.min;
        c->max = w.max;
    }
    if (f & 8u)
        c->align = fz_pow2ish(in, m);
    if (f & 16u)
        c->boundary = fz_pow2ish(in, m);
    c->policy = pol[f >> 5];
}

/* Decode the next op against the model's current state. */
static inline void fz_decode_op(fz_in *in, const ivm *m, fz_op *op)
{
    uint8_t b = fz_u8(in);
    memset(op, 0, sizeof *op);
    op->kind = fz_kind_of(b);
    switch (op->kind) {
    case FZ_INSERT:
        op->r = fz_range(in, m);
        op->has_data = (b & 16u) != 0;
        if (op->has_data)
            op->v = fz_val(in, m);
        break;
    case FZ_UPDATE:
        op->r = fz_range(in, m);
        op->v = fz_val(in, m);
        break;
    case FZ_GETID:
        op->v = fz_val(in, m);
        break;
    case FZ_ALLOC:
        fz_decode_alloc(in, m, op);
        break;
    case FZ_BEGIN:                     /* begin, commit or rollback */
        op->kind = (fz_kind)(FZ_BEGIN + (b >> 4) % 3u);
        break;
    case FZ_EXTRA:
        op->v = fz_u8(in);
        break;
    default:                           /* keyed ops and query */
        op->r = fz_range(in, m);
        break;
    }
}

/* ---- SPEC section 6 trace output ------------------------------------- */

static inline const char *fz_policy_word(iva_policy p)
{
    switch (p) {
    case IVA_FIRST_FIT: return "first";
    case IVA_LAST_FIT: return "last";
    case IVA_BEST_FIT: return "best";
    }
    return NULL;
}

static inline void fz_print_alloc(FILE *f, const iva_constraint *c)
{
    const char *pw = fz_policy_word(c->policy);
    if (pw == NULL)
        fputs("# not expressible in a trace (unknown policy): ", f);
    fprintf(f, "alloc 0x%" PRIx64, c->size);
    if (c->min != 0)
        fprintf(f, " min=0x%" PRIx64, c->min);
    if (c->max != UINT64_MAX)
        fprintf(f, " max=0x%" PRIx64, c->max);
    if (c->align != 0)
        fprintf(f, " align=0x%" PRIx64, c->align);
    if (c->boundary != 0)
        fprintf(f, " boundary=0x%" PRIx64, c->boundary);
    fprintf(f, " policy=%s\n", pw != NULL ? pw : "3");
}

/* Print op as one trace line (extra ops: `extra_name`, as a comment).
 * Returns false when the op is not a trace operation (printed as a
 * comment only, so its expected output must not be printed). */
static inline bool fz_print_op(FILE *f, const fz_op *op,
                               const char *extra_name)
{
    static const char *const word[] = {
        "insert", "delete", "update", "get", "superset", "getid",
        "alloc", "alloc-at", "free", "begin", "commit", "rollback",
        "query"};
    if (f == NULL)
        return false;
    switch (op->kind) {
    case FZ_ALLOC:
        fz_print_alloc(f, &op->c);
        return fz_policy_word(op->c.policy) != NULL;
    case FZ_GETID: fprintf(f, "getid 0x%" PRIx64 "\n", op->v); return true;
    case FZ_BEGIN:
    case FZ_COMMIT:
    case FZ_ROLLBACK: fprintf(f, "%s\n", word[op->kind]); return true;
    case FZ_EXTRA:
        fprintf(f, "# %s %" PRIu64 "\n", extra_name, op->v);
        return false;
    default: break;
    }
    fprintf(f, "%s 0x%" PRIx64 " 0x%" PRIx64, word[op->kind], op->r.min,
            op->r.max);
    if (op->kind == FZ_UPDATE || (op->kind == FZ_INSERT && op->has_data))
        fprintf(f, " 0x%" PRIx64, op->v);
    fputc('\n', f);
    return true;
}

/* Trace destination: stdout when IVA_FUZZ_PRINT_TRACE=1 or --trace. */
static FILE *fz_trace_file;

static inline FILE *fz_trace(void)
{
    static int env = -1;
    if (env < 0) {
        const char *e = getenv("IVA_FUZZ_PRINT_TRACE");
        env = e != NULL && e[0] == '1';
        if (env)
            fz_trace_file = stdout;
    }
    return fz_trace_file;
}

/* ---- drivers --------------------------------------------------------- */

typedef void (*fz_run_fn)(const uint8_t *data, size_t len);

/* Run one file; 0 ok, 1 unreadable. */
static inline int fz_run_file(fz_run_fn run, const char *path)
{
    static uint8_t buf[FZ_MAX_INPUT];
    FILE *f = fopen(path, "rb");
    size_t len;
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (fz_trace() != NULL)
        fprintf(fz_trace(), "# replay of %s (fuzz input format %d)\n",
                path, FZ_FORMAT_VERSION);
    run(buf, len);
    return 0;
}

/* Run a file, or every regular file of a directory (not recursive).
 * *count receives the number of inputs run. */
static inline int fz_run_path(fz_run_fn run, const char *path,
                              unsigned *count)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int bad = 0;
    char sub[4096];
    if (stat(path, &st) != 0) {
        fprintf(stderr, "cannot stat %s\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*count)++;
        return fz_run_file(run, path);
    }
    d = opendir(path);
    if (d == NULL)
        return 1;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')       /* ., .., .gitkeep */
            continue;
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (stat(sub, &st) == 0 && S_ISREG(st.st_mode)) {
            (*count)++;
            bad |= fz_run_file(run, sub);
        }
    }
    closedir(d);
    return bad;
}

/* Replay driver: `prog [--trace] FILE|DIR...`; `prog --format` prints
 * the input format version. */
static inline int fz_replay_main(fz_run_fn run, int argc, char **argv)
{
    unsigned count = 0;
    int i, bad = 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--trace") == 0) {
            fz_trace_file = stdout;
        } else if (strcmp(argv[i], "--format") == 0) {
            printf("%d\n", FZ_FORMAT_VERSION);
            return 0;
        } else {
            bad |= fz_run_path(run, argv[i], &count);
        }
    }
    if (fz_trace() == NULL)
        fprintf(stderr, "%s: %u inputs replayed\n", argv[0], count);
    return bad;
}

#if defined(FUZZ_LIBFUZZER)
#define FZ_DRIVER(fn)                                                          \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);              \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)               \
    {                                                                          \
        fn(data, size);                                                        \
        return 0;                                                              \
    }
#elif defined(FUZZ_AFL)
#define FZ_DRIVER(fn)                                                          \
    __AFL_FUZZ_INIT();                                                         \
    int main(int argc, char **argv)                                            \
    {                                                                          \
        const uint8_t *buf;                                                    \
        if (argc > 1)                                                          \
            return fz_replay_main(fn, argc, argv);                             \
        __AFL_INIT();                                                          \
        buf = __AFL_FUZZ_TESTCASE_BUF;                                         \
        while (__AFL_LOOP(10000))                                              \
            fn(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);                          \
        return 0;                                                              \
    }
#else
#define FZ_DRIVER(fn)                                                          \
    int main(int argc, char **argv)                                            \
    {                                                                          \
        return fz_replay_main(fn, argc, argv);                                 \
    }
#endif

#endif /* IVA_FUZZ_COMMON_H */
