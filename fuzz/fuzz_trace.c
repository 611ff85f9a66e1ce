/*
 * fuzz_trace: arbitrary bytes to the trace runner of `ivalloc replay`
 * (tools/trace.c, ivt_run_buffer).  The input IS the trace text, so every
 * corpus file and every reproducer is a readable trace (docs/TRACE.md).
 *
 * Oracles:
 *  - no crash, no sanitizer report, no leak;
 *  - the status is IVT_OK or IVT_MALFORMED: IVT_CHECK would mean that a
 *    sequence of API calls broke an invariant (a library bug), 1 that the
 *    tree itself could not be created;
 *  - IVT_MALFORMED comes with a "NAME:LINE: message" diagnostic, IVT_OK
 *    with none;
 *  - IVT_OK prints exactly one output line per operation line (SPEC
 *    section 6: blank lines and '#' lines are not operations);
 *  - running the same trace twice prints the same bytes (no dependence on
 *    uninitialised memory or hidden state).
 * `fuzz_trace_replay --trace FILE` prints the input (it is the trace).
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "fuzz_common.h"
#include "trace.h"

#define TR_CHECK(cond, what) FZ_CHECK(cond, "%s", what)

/* What one run printed. */
typedef struct tr_run {
    int rc;
    char *out;
    size_t out_len;
    char *err;
    size_t err_len;
} tr_run;

static void tr_exec(const uint8_t *data, size_t size, tr_run *r)
{
    FILE *out = open_memstream(&r->out, &r->out_len);
    FILE *err = open_memstream(&r->err, &r->err_len);
    TR_CHECK(out != NULL && err != NULL, "open_memstream");
    r->rc = ivt_run_buffer("fuzz", (const char *)data, size, out, err,
                           0x1e5eedu);
    fclose(out);
    fclose(err);
}

static bool tr_sep(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Is line s[0..n) an operation (not blank, not a comment)? */
static bool tr_is_op(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && tr_sep(s[i]))
        i++;
    return i < n && s[i] != '#';
}

/* Operation lines of the trace. */
static size_t tr_ops(const char *s, size_t len)
{
    size_t i = 0, ops = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t n = nl != NULL ? (size_t)(nl - (s + i)) : len - i;
        ops += tr_is_op(s + i, n);
        i += n + 1u;
    }
    return ops;
}

static size_t tr_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

static void tr_free(tr_run *r)
{
    free(r->out);
    free(r->err);
}

static void run_trace(const uint8_t *data, size_t size)
{
    tr_run a, b;
    if (fz_trace() != NULL) /* the input is already a readable trace */
        fwrite(data, 1u, size, fz_trace());
    tr_exec(data, size, &a);
    if (a.rc != IVT_OK && a.rc != IVT_MALFORMED)
        fprintf(stderr, "status %d, stderr: %.*s\n", a.rc, (int)a.err_len,
                a.err);
    TR_CHECK(a.rc == IVT_OK || a.rc == IVT_MALFORMED, "trace status");
    if (a.rc == IVT_OK) {
        TR_CHECK(a.err_len == 0u, "diagnostic on a good trace");
        TR_CHECK(tr_lines(a.out, a.out_len) ==
                     tr_ops((const char *)data, size),
                 "not one output line per operation");
    } else {
        TR_CHECK(a.err_len > 5u && memcmp(a.err, "fuzz:", 5u) == 0,
                 "malformed trace without a NAME:LINE diagnostic");
    }
    tr_exec(data, size, &b);
    TR_CHECK(a.rc == b.rc && a.out_len == b.out_len &&
                 memcmp(a.out, b.out, a.out_len) == 0,
             "two runs of one trace differ");
    tr_free(&a);
    tr_free(&b);
}

FZ_DRIVER(run_trace)
