/*
 * unit.h - the few macros racecard's unit tests need: count failed checks,
 * say where each failed, exit non-zero if any did; and a memory stream that
 * stops the test at once when it cannot be had.
 */
#ifndef RACECARD_UNIT_H
#define RACECARD_UNIT_H

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_checks, unit_failures;

#define UNIT_CHECK(cond)                                                         \
    do {                                                                         \
        unit_checks++;                                                           \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            unit_failures++;                                                     \
        }                                                                        \
    } while (0)

#define UNIT_STREQ(got, want)                                                    \
    do {                                                                         \
        const char *unit_g = (got), *unit_w = (want);                            \
        unit_checks++;                                                           \
        if (!unit_g || strcmp(unit_g, unit_w) != 0) {                            \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
                    unit_g ? unit_g : "(null)", unit_w);                         \
            unit_failures++;                                                     \
        }                                                                        \
    } while (0)

/*
 * A check that guards what comes after it: counted and reported like
 * UNIT_CHECK, and true when cond held, so that an element is read only once
 * the count that makes it exist has been checked:
 *     if (UNIT_HOLDS(l.n == 3)) UNIT_STREQ(l.v[2], "c");
 * A wrong count then fails the check, never reads past the end.
 */
#define UNIT_HOLDS(cond) unit_holds((cond) != 0, __FILE__, __LINE__, #cond)

static inline int unit_holds(int ok, const char *file, int line, const char *what)
{
    unit_checks++;
    if (!ok) {
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
        unit_failures++;
    }
    return ok;
}

/* Doubles agree within 1e-9 (NaN never does), enough for hand-computed fractions. */
#define UNIT_NEAR(got, want)                                                     \
    do {                                                                         \
        double unit_gd = (got), unit_wd = (want), unit_dd = unit_gd - unit_wd;   \
        unit_checks++;                                                           \
        if (!(unit_dd < 1e-9 && unit_dd > -1e-9)) {                              \
            fprintf(stderr, "%s:%d: %s is %.12g, want %.12g\n", __FILE__, __LINE__, \
                    #got, unit_gd, unit_wd);                                     \
            unit_failures++;                                                     \
        }                                                                        \
    } while (0)

/* An undefined ratio, which racecard keeps as NaN. */
#define UNIT_NAN(got)                                                            \
    do {                                                                         \
        double unit_gn = (got);                                                  \
        unit_checks++;                                                           \
        if (!isnan(unit_gn)) {                                                   \
            fprintf(stderr, "%s:%d: %s is %.12g, want NaN\n", __FILE__, __LINE__, \
                    #got, unit_gn);                                              \
            unit_failures++;                                                     \
        }                                                                        \
    } while (0)

/*
 * The end of a unit program: fails if a check failed, or if no check ran at
 * all (a program whose tests were all left out or returned early proves
 * nothing, and must not pass).
 */
static int unit_finish(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
    if (unit_checks == 0)
        fprintf(stderr, "%s: no check ran, so nothing was tested\n", name);
    return unit_failures != 0 || unit_checks == 0;
}

/*
 * open_memstream for a test that writes into memory: never NULL.  Without
 * its stream a test has nothing to check, and going on would only crash in
 * the code under test, far from the cause; so it stops here, saying where.
 */
#define unit_memstream(buf, len) unit_memstream_at((buf), (len), __FILE__, __LINE__)

static inline FILE *unit_memstream_at(char **buf, size_t *len, const char *file, int line)
{
    FILE *f = open_memstream(buf, len);
    if (!f) {
        fprintf(stderr, "%s:%d: open_memstream failed: %s\n", file, line, strerror(errno));
        exit(1);
    }
    return f;
}

#endif
