/*
 * Trace parser and executor (SPEC.md section 6, extensions in
 * docs/TRACE.md).  A line is split into at most MAX_TOK tokens (enough for
 * an alloc line repeating each of its five options several times); numbers are
 * decimal or 0x-hex uint64 (anything else, including overflow, is a
 * malformed line).  Each operation prints exactly one line.
 */
#include "trace.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ivalloc.h"

#define MAX_TOK 64

typedef struct tok {
    const char *p;
    size_t n;
} tok;

typedef struct ctx {
    iva_tree tree;
    FILE *out;
    FILE *err;
    const char *name;
    size_t line;
    uint8_t *snap; /* the `snapshot` slot */
    size_t snap_len;
} ctx;

/* ---- lexing --------------------------------------------------------- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Split line[0..n) into tokens; returns the count, or MAX_TOK + 1 when
 * there are too many. */
static size_t split(const char *s, size_t n, tok *tv)
{
    size_t i = 0, k = 0;
    while (i < n) {
        size_t b;
        while (i < n && is_blank(s[i]))
            i++;
        if (i == n)
            break;
        if (k == MAX_TOK)
            return MAX_TOK + 1u;
        b = i;
        while (i < n && !is_blank(s[i]))
            i++;
        tv[k].p = s + b;
        tv[k].n = i - b;
        k++;
    }
    return k;
}

static bool tok_is(const tok *t, const char *w)
{
    size_t n = strlen(w);
    return t->n == n && memcmp(t->p, w, n) == 0;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decimal or 0x-hex uint64 from p[0..n); false on anything else. */
static bool parse_u64(const char *p, size_t n, uint64_t *v)
{
    uint64_t base = 10u, acc = 0u;
    size_t i = 0;
    if (n > 2u && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16u;
        i = 2;
    }
    if (i == n)
        return false;
    for (; i < n; i++) {
        int d = hex_digit(p[i]);
        if (d < 0 || (uint64_t)d >= base)
            return false;
        if (acc > (UINT64_MAX - (uint64_t)d) / base)
            return false;
        acc = acc * base + (uint64_t)d;
    }
    *v = acc;
    return true;
}

/* ---- diagnostics and output ---------------------------------------- */

static int malformed(ctx *c, const char *msg, const tok *t)
{
    if (c->out != NULL) /* earlier output first when both go to one pipe */
        fflush(c->out);
    if (c->err != NULL) {
        fprintf(c->err, "%s:%zu: %s", c->name, c->line, msg);
        if (t != NULL)
            fprintf(c->err, " '%.*s'", (int)(t->n > 64u ? 64u : t->n), t->p);
        fputc('\n', c->err);
    }
    return IVT_MALFORMED;
}

static void out_hex(ctx *c, uint64_t v)
{
    if (c->out != NULL)
        fprintf(c->out, "0x%" PRIx64, v);
}

static void out_str(ctx *c, const char *s)
{
    if (c->out != NULL)
        fputs(s, c->out);
}

static int out_error(ctx *c, iva_status st)
{
    out_str(c, "error ");
    out_str(c, iva_strerror(st));
    out_str(c, "\n");
    return IVT_OK;
}

static const char *state_word(iva_state s)
{
    return s == IVA_FREE ? "free" : s == IVA_ALLOCATED ? "allocated" : "valued";
}

/* "free" | "allocated" | "valued DATA" */
static void out_state(ctx *c, const iva_entry *e)
{
    out_str(c, state_word(e->state));
    if (e->state == IVA_VALUED) {
        out_str(c, " ");
        out_hex(c, e->data);
    }
}

static void out_range(ctx *c, iva_range r)
{
    out_hex(c, r.min);
    out_str(c, " ");
    out_hex(c, r.max);
}

/* "ok DATA" or "ok -" for the entry an operation replaced. */
static int out_old(ctx *c, const iva_entry *old)
{
    out_str(c, "ok ");
    if (old->state == IVA_VALUED)
        out_hex(c, old->data);
    else
        out_str(c, "-");
    out_str(c, "\n");
    return IVT_OK;
}

/* ---- argument helpers ---------------------------------------------- */

/* Exactly `want` numeric arguments after the op (or want..want+opt). */
static int numbers(ctx *c, const tok *tv, size_t nt, size_t want, size_t opt,
                   uint64_t *v)
{
    if (nt < 1u + want)
        return malformed(c, "missing field for", &tv[0]);
    if (nt > 1u + want + opt)
        return malformed(c, "too many fields for", &tv[0]);
    for (size_t i = 1; i < nt; i++)
        if (!parse_u64(tv[i].p, tv[i].n, &v[i - 1u]))
            return malformed(c, "bad number", &tv[i]);
    return IVT_OK;
}

static iva_range rng(const uint64_t *v)
{
    iva_range r;
    r.min = v[0];
    r.max = v[1];
    return r;
}

/* ---- SPEC section 6 operations ------------------------------------- */

static int op_insert(ctx *c, const tok *tv, size_t nt)
{
    uint64_t v[3];
    int rc = numbers(c, tv, nt, 2, 1, v);
    iva_status st;
    if (rc != IVT_OK)
        return rc;
    st = iva_insert(&c->tree, rng(v), nt == 4u ? &v[2] : NULL);
    if (st != IVA_OK)
        return out_error(c, st);
    out_str(c, "ok\n");
    return IVT_OK;
}

/* delete/free MIN MAX: both print what the node held. */
static int keyed_change(ctx *c, const tok *tv, size_t nt,
                        iva_status (*fn)(iva_tree *, iva_range, iva_entry *))
{
    uint64_t v[2];
    iva_entry old;
    int rc = numbers(c, tv, nt, 2, 0, v);
    iva_status st;
    if (rc != IVT_OK)
        return rc;
    st = fn(&c->tree, rng(v), &old);
    return st != IVA_OK ? out_error(c, st) : out_old(c, &old);
}

static int op_delete(ctx *c, const tok *tv, size_t nt)
{
    return keyed_change(c, tv, nt, iva_delete);
}

static int op_free(ctx *c, const tok *tv, size_t nt)
{
    return keyed_change(c, tv, nt, iva_free);
}

static int op_update(ctx *c, const tok *tv, size_t nt)
{
    uint64_t v[3];
    iva_entry old;
    int rc = numbers(c, tv, nt, 3, 0, v);
    iva_status st;
    if (rc != IVT_OK)
        return rc;
    st = iva_update(&c->tree, rng(v), v[2], &old);
    return st != IVA_OK ? out_error(c, st) : out_old(c, &old);
}

/* "MIN MAX state[ DATA]" */
static void out_entry(ctx *c, const iva_entry *e)
{
    out_range(c, e->key);
    out_str(c, " ");
    out_state(c, e);
}

/* get/superset MIN MAX: look a node up, print it with or without key. */
static int lookup(ctx *c, const tok *tv, size_t nt, bool with_key,
                  iva_status (*fn)(const iva_tree *, iva_range, iva_entry *))
{
    uint64_t v[2];
    iva_entry e;
    int rc = numbers(c, tv, nt, 2, 0, v);
    iva_status st;
    if (rc != IVT_OK)
        return rc;
    st = fn(&c->tree, rng(v), &e);
    if (st != IVA_OK)
        return out_error(c, st);
    if (with_key)
        out_entry(c, &e);
    else
        out_state(c, &e);
    out_str(c, "\n");
    return IVT_OK;
}

static int op_get(ctx *c, const tok *tv, size_t nt)
{
    return lookup(c, tv, nt, false, iva_get);
}

static int op_superset(ctx *c, const tok *tv, size_t nt)
{
    return lookup(c, tv, nt, true, iva_get_superset);
}

static int op_getid(ctx *c, const tok *tv, size_t nt)
{
    uint64_t v[1], data;
    int rc = numbers(c, tv, nt, 1, 0, v);
    iva_status st;
    if (rc != IVT_OK)
        return rc;
    st = iva_get_by_id(&c->tree, v[0], &data);
    if (st != IVA_OK)
        return out_error(c, st);
    out_hex(c, data);
    out_str(c, "\n");
    return IVT_OK;
}

/* policy=first|last|best; anything else is malformed. */
static bool parse_policy(const char *p, size_t n, iva_policy *pol)
{
    tok t;
    t.p = p;
    t.n = n;
    if (tok_is(&t, "first"))
        *pol = IVA_FIRST_FIT;
    else if (tok_is(&t, "last"))
        *pol = IVA_LAST_FIT;
    else if (tok_is(&t, "best"))
        *pol = IVA_BEST_FIT;
    else
        return false;
    return true;
}

/* One KEY=VALUE option of alloc into *k. */
static int alloc_option(ctx *c, const tok *t, iva_constraint *k)
{
    static const char *const names[] = {"min=", "max=", "align=", "boundary="};
    uint64_t *fields[] = {&k->min, &k->max, &k->align, &k->boundary};
    if (t->n > 7u && memcmp(t->p, "policy=", 7) == 0)
        return parse_policy(t->p + 7, t->n - 7u, &k->policy)
                   ? IVT_OK
                   : malformed(c, "bad policy", t);
    for (size_t i = 0; i < 4u; i++) {
        size_t ln = strlen(names[i]);
        if (t->n > ln && memcmp(t->p, names[i], ln) == 0)
            return parse_u64(t->p + ln, t->n - ln, fields[i])
                       ? IVT_OK
                       : malformed(c, "bad number", t);
    }
    return malformed(c, "unknown alloc option", t);
}

static int op_alloc(ctx *c, const tok *tv, size_t nt)
{
    iva_constraint k = IVA_CONSTRAINT(0);
    iva_range r;
    iva_status st;
    if (nt < 2u)
        return malformed(c, "missing field for", &tv[0]);
    if (!parse_u64(tv[1].p, tv[1].n, &k.size))
        return malformed(c, "bad number", &tv[1]);
    for (size_t i = 2; i < nt; i++) {
        int rc = alloc_option(c, &tv[i], &k);
        if (rc != IVT_OK)
            return rc;
    }
    st = iva_allocate(&c->tree, &k, &r);
    if (st != IVA_OK)
        return out_error(c, st);
    out_range(c, r);
    out_str(c, "\n");
    return IVT_OK;
}

static int op_check(ctx *c, const tok *tv, size_t nt)
{
    iva_check_report rep;
    if (nt > 1u)
        return malformed(c, "too many fields for", &tv[0]);
    if (iva_check(&c->tree, &rep) != IVA_OK) {
        if (c->out != NULL)
            fflush(c->out);
        if (c->err != NULL)
            fprintf(c->err, "%s:%zu: check failed: I%d: %s (node %u)\n",
                    c->name, c->line, rep.invariant, rep.what, rep.node);
        return IVT_CHECK;
    }
    out_str(c, "ok\n");
    return IVT_OK;
}

/* ---- extensions (docs/TRACE.md) ------------------------------------ */

static int op_alloc_at(ctx *c, const tok *tv, size_t nt)
{
    uint64_t v[2];
    int rc = numbers(c, tv, nt, 2, 0, v);
    iva_status st;
    if (rc != IVT_OK)
        return rc;
    st = iva_allocate_at(&c->tree, rng(v));
    if (st != IVA_OK)
        return out_error(c, st);
    out_range(c, rng(v));
    out_str(c, "\n");
    return IVT_OK;
}

/* Print a walk as "E, E, ..." or "empty". */
static void out_walk(ctx *c, iva_iter *it)
{
    iva_entry e;
    bool any = false;
    while (iva_iter_next(it, &e)) {
        if (any)
            out_str(c, ", ");
        out_entry(c, &e);
        any = true;
    }
    out_str(c, any ? "\n" : "empty\n");
}

static int op_iter(ctx *c, const tok *tv, size_t nt)
{
    iva_iter it;
    if (nt > 1u)
        return malformed(c, "too many fields for", &tv[0]);
    iva_iter_all(&it, &c->tree);
    out_walk(c, &it);
    return IVT_OK;
}

static int op_query(ctx *c, const tok *tv, size_t nt)
{
    uint64_t v[2];
    iva_iter it;
    int rc = numbers(c, tv, nt, 2, 0, v);
    if (rc != IVT_OK)
        return rc;
    iva_iter_range(&it, &c->tree, rng(v));
    out_walk(c, &it);
    return IVT_OK;
}

/* A length that may be 2^64, given as hi * 2^64 + lo. */
static void out_len(ctx *c, uint32_t hi, uint64_t lo)
{
    if (c->out == NULL)
        return;
    if (hi != 0u)
        fprintf(c->out, "0x%" PRIx32 "%016" PRIx64, hi, lo);
    else
        fprintf(c->out, "0x%" PRIx64, lo);
}

static int op_stats(ctx *c, const tok *tv, size_t nt)
{
    iva_stats s;
    if (nt > 1u)
        return malformed(c, "too many fields for", &tv[0]);
    iva_get_stats(&c->tree, &s);
    if (c->out != NULL)
        fprintf(c->out, "nodes %u free %u allocated %u valued %u free-span ",
                s.nodes, s.free_nodes, s.allocated_nodes, s.valued_nodes);
    out_len(c, s.free_span_hi, s.free_span_lo);
    out_str(c, " largest-free ");
    if (!s.has_free)
        out_str(c, "-");
    else if (s.largest_free_m1 == UINT64_MAX)
        out_len(c, 1u, 0u);
    else
        out_hex(c, s.largest_free_m1 + 1u);
    if (c->out != NULL)
        fprintf(c->out, " depth %u\n", s.depth);
    return IVT_OK;
}

static int op_snapshot(ctx *c, const tok *tv, size_t nt)
{
    size_t need = iva_snapshot_size(&c->tree);
    uint8_t *p;
    if (nt > 1u)
        return malformed(c, "too many fields for", &tv[0]);
    p = malloc(need);
    if (p == NULL || iva_snapshot(&c->tree, p, need, NULL) != IVA_OK) {
        free(p);
        return out_error(c, IVA_ERR_NO_MEMORY);
    }
    free(c->snap);
    c->snap = p;
    c->snap_len = need;
    out_str(c, "ok\n");
    return IVT_OK;
}

static int op_restore(ctx *c, const tok *tv, size_t nt)
{
    iva_status st;
    if (nt > 1u)
        return malformed(c, "too many fields for", &tv[0]);
    st = iva_restore(&c->tree, c->snap, c->snap_len);
    if (st != IVA_OK)
        return out_error(c, st);
    out_str(c, "ok\n");
    return IVT_OK;
}

static int op_txn(ctx *c, const tok *tv, size_t nt)
{
    iva_status st;
    if (nt > 1u)
        return malformed(c, "too many fields for", &tv[0]);
    if (tok_is(&tv[0], "begin"))
        st = iva_txn_begin(&c->tree, NULL, 0u);
    else if (tok_is(&tv[0], "commit"))
        st = iva_txn_commit(&c->tree);
    else
        st = iva_txn_rollback(&c->tree);
    if (st != IVA_OK)
        return out_error(c, st);
    out_str(c, "ok\n");
    return IVT_OK;
}

/* ---- dispatch ------------------------------------------------------- */

typedef int (*op_fn)(ctx *, const tok *, size_t);

static const struct {
    const char *name;
    op_fn fn;
} ops[] = {
    {"insert", op_insert},     {"delete", op_delete},
    {"update", op_update},     {"get", op_get},
    {"superset", op_superset}, {"getid", op_getid},
    {"alloc", op_alloc},       {"free", op_free},
    {"check", op_check},       {"alloc-at", op_alloc_at},
    {"iter", op_iter},         {"query", op_query},
    {"stats", op_stats},       {"snapshot", op_snapshot},
    {"restore", op_restore},   {"begin", op_txn},
    {"commit", op_txn},        {"rollback", op_txn},
};

static int run_line(ctx *c, const char *s, size_t n)
{
    tok tv[MAX_TOK];
    size_t nt = split(s, n, tv);
    if (nt == 0u || tv[0].p[0] == '#')
        return IVT_OK;
    if (nt > MAX_TOK)
        return malformed(c, "too many fields", NULL);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (tok_is(&tv[0], ops[i].name))
            return ops[i].fn(c, tv, nt);
    return malformed(c, "unknown operation", &tv[0]);
}

int ivt_run_buffer(const char *name, const char *buf, size_t len, FILE *out,
                   FILE *err, uint64_t seed)
{
    ctx c;
    size_t i = 0;
    int rc = IVT_OK;
    memset(&c, 0, sizeof c);
    if (iva_init_heap(&c.tree, NULL, seed) != IVA_OK)
        return 1;
    c.out = out;
    c.err = err;
    c.name = name;
    while (i < len && rc == IVT_OK) {
        const char *nl = memchr(buf + i, '\n', len - i);
        size_t n = nl != NULL ? (size_t)(nl - (buf + i)) : len - i;
        c.line++;
        rc = run_line(&c, buf + i, n);
        i += n + 1u;
    }
    free(c.snap);
    iva_fini(&c.tree);
    return rc;
}
