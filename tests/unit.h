/*
 * unit.h - the few macros racecard's unit tests need: count failed checks,
 * say where each failed, exit non-zero if any did.
 */
#ifndef RACECARD_UNIT_H
#define RACECARD_UNIT_H

#include <stdio.h>
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

static int unit_finish(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
    return unit_failures != 0;
}

#endif
