/*
 * ivalloc — command-line front end.
 *   ivalloc replay [--quiet] [--seed N] FILE|-   run a trace (SPEC.md sec. 6)
 *   ivalloc demo                                 the microVM resource demo
 *   ivalloc version                              print the library version
 * Exit status: 0 ok, 1 usage or I/O error, 2 malformed trace line,
 * 3 failed `check`.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivalloc.h"
#include "microvm.h"
#include "trace.h"

static int usage(void)
{
    fputs("usage: ivalloc replay [--quiet] [--seed N] FILE|-\n"
          "       ivalloc demo\n"
          "       ivalloc version\n",
          stderr);
    return 1;
}

/* Read all of f into a malloc'ed buffer. */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 1u << 16, n = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0u)
            break;
        if (n == cap) {
            char *nb = cap > SIZE_MAX / 2u ? NULL : realloc(buf, cap * 2u);
            if (nb == NULL) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2u;
        }
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static bool parse_seed(const char *s, uint64_t *seed)
{
    char *end;
    errno = 0;
    *seed = strtoull(s, &end, 0);
    return errno == 0 && *s != '\0' && *s != '-' && *end == '\0';
}

static int replay(int argc, char **argv)
{
    bool quiet = false;
    uint64_t seed = 0x1e5eedu;
    const char *path = NULL;
    FILE *f;
    char *buf;
    size_t len = 0;
    int rc;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--quiet") == 0)
            quiet = true;
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            if (!parse_seed(argv[++i], &seed))
                return usage();
        } else if (path == NULL)
            path = argv[i];
        else
            return usage();
    }
    if (path == NULL)
        return usage();
    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "ivalloc: cannot open %s: %s\n", path, strerror(errno));
        return 1;
    }
    buf = slurp(f, &len);
    if (f != stdin)
        fclose(f);
    if (buf == NULL) {
        fprintf(stderr, "ivalloc: cannot read %s\n", path);
        return 1;
    }
    rc = ivt_run_buffer(strcmp(path, "-") == 0 ? "<stdin>" : path, buf, len,
                        quiet ? NULL : stdout, stderr, seed);
    free(buf);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "replay") == 0)
        return replay(argc - 2, argv + 2);
    if (strcmp(argv[1], "demo") == 0 && argc == 2)
        return iva_demo_run(stdout) == 0 ? 0 : 1;
    if (strcmp(argv[1], "version") == 0 || strcmp(argv[1], "--version") == 0) {
        printf("ivalloc %s\n", iva_version());
        return 0;
    }
    return usage();
}
