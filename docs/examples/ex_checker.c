/*
 * docs/API.md, group "checker": iva_check() after every step of a seeded
 * random workload (allocate, update, free, insert, delete).  The printed
 * seed replays the run.  Exits 0 when every check passes and the final
 * tree holds exactly what the workload says it should.
 */
#include <ivalloc.h>

#include <stdio.h>
#include <stdlib.h>

#define EXPECT(cond)                                                           \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__,        \
                    #cond);                                                    \
            return 1;                                                          \
        }                                                                      \
    } while (0)

#define STEPS 2000u
#define SLOTS 64u

static uint64_t next_rand(uint64_t *s)
{
    /* xorshift64 */
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Stop at the first broken invariant and say which one. */
static int checked(const iva_tree *t, unsigned step)
{
    iva_check_report rep;
    if (iva_check(t, &rep) != IVA_OK) {
        fprintf(stderr, "step %u: I%d broken at node %u: %s\n", step,
                rep.invariant, (unsigned)rep.node, rep.what);
        return 1;
    }
    return rep.invariant != 0;
}

/* One random step on live[] (the ranges we hold).  Returns 0, or 1 when
 * the library answers something the workload rules out. */
static int step(iva_tree *t, iva_range *live, unsigned *n_live, uint64_t *s)
{
    uint64_t r = next_rand(s);
    iva_constraint c = IVA_CONSTRAINT(1 + r % 64);
    c.align = (uint64_t)1 << (r >> 8) % 5;
    c.policy = (iva_policy)((r >> 16) % 3);
    if ((r >> 20) % 2 == 0 && *n_live < SLOTS) {
        iva_status st = iva_allocate(t, &c, &live[*n_live]);
        EXPECT(st == IVA_OK || st == IVA_ERR_NO_SPACE);
        if (st == IVA_OK)
            ++*n_live;
    } else if (*n_live > 0) {
        unsigned i = (unsigned)((r >> 24) % *n_live);
        if ((r >> 40) % 4 == 0)
            EXPECT(iva_update(t, live[i], r >> 32, NULL) == IVA_OK);
        EXPECT(iva_free(t, live[i], NULL) == IVA_OK);
        live[i] = live[--*n_live];
    }
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 0x5eed1234u;
    uint64_t s = seed;
    iva_range live[SLOTS];
    unsigned n_live = 0;
    iva_tree t;
    iva_stats st;

    printf("ex_checker: seed 0x%llx\n", (unsigned long long)seed);
    EXPECT(iva_init_heap(&t, NULL, seed) == IVA_OK);
    EXPECT(checked(&t, 0) == 0); /* the empty tree is valid */
    EXPECT(iva_insert(&t, (iva_range){0x1000, 0x2fff}, NULL) == IVA_OK);
    for (unsigned i = 1; i <= STEPS; i++) {
        EXPECT(step(&t, live, &n_live, &s) == 0);
        EXPECT(checked(&t, i) == 0);
    }
    /* The tree holds exactly our live ranges, handed out. */
    iva_get_stats(&t, &st);
    EXPECT(st.allocated_nodes + st.valued_nodes == n_live);
    for (unsigned i = 0; i < n_live; i++)
        EXPECT(iva_free(&t, live[i], NULL) == IVA_OK);
    /* Everything merged back into the one FREE node we started with. */
    iva_get_stats(&t, &st);
    EXPECT(st.nodes == 1 && st.free_nodes == 1);
    EXPECT(checked(&t, STEPS + 1) == 0);
    iva_fini(&t);
    puts("ex_checker: ok");
    return 0;
}
