/*
 * scale.h - the work-scale knob: CASE_SCALE multiplies a case's work.
 *
 * A case runs in milliseconds, so timing it under a detector mostly times
 * the detector starting up.  To measure what a detector costs per access,
 * `racecard score --scale` runs a case with CASE_SCALE=N in its
 * environment, and the case does N times its work.  A case whose threads
 * loop writes its loop bounds in terms of scale_n,
 *
 *   #define ITERATIONS (100000 * scale_n)
 *
 * and a case with no loop of its own calls scale_busy() at the end of main,
 * which does N - 1 units of work on memory no other thread touches.
 *
 * Why it is built this way:
 *
 * - N = 1 (the variable unset) is the case exactly as it was written, so
 *   the expected files and the catalog's figures are those of scale 1.
 * - The knob must not change what a detector finds: the same lines race at
 *   every scale, and a loop run more often reports the same pairs (every
 *   detector reports a pair of stacks once).  `racecard score --scale`
 *   compares each run's findings with those of scale 1 and names any case
 *   where they differ.
 * - scale_n is set by a constructor, before main and before any thread
 *   exists, so the threads' reads of it are ordered after its write and
 *   getenv runs before any thread could call setenv (POSIX XSH 2.9.1 lets
 *   the two race, and one case calls setenv on purpose).  Being set before
 *   main, it needs no call in the case: adding the knob to a case changes
 *   none of its line numbers below the include, so its markers, expected
 *   files and recorded logs keep their lines.
 * - The variable's name holds no word a blind copy of a case may not
 *   show (racecard blind: nothing in it may say "race"), so it is not
 *   named after racecard.
 * - A value that is not a whole number from 1 to SCALE_MAX is an error on
 *   stderr and exit status 2, never silently 1: a cost measured at the
 *   wrong scale would look right.  SCALE_MAX keeps a scaled int loop
 *   counter below INT_MAX for base counts up to 200000.
 * - scale_busy works in a static array only main touches, after every
 *   thread has been joined or has let go of everything shared, so it adds no
 *   access a detector could pair with another thread's; its indices depend
 *   on the previous values so that no compiler can keep the array in
 *   registers, and an empty asm that claims to read the result and memory
 *   keeps the loop from being thrown away.
 */
#ifndef CASES_SUPPORT_SCALE_H
#define CASES_SUPPORT_SCALE_H

#include <stdio.h>
#include <stdlib.h>

#define SCALE_ENV "CASE_SCALE"
#define SCALE_MAX 10000L
#define SCALE_BUSY_UNIT 200000L /* array updates per unit of scale_busy */

/* The work scale, 1 unless CASE_SCALE says otherwise. */
static long scale_n = 1;

/* Reads CASE_SCALE into scale_n before main; exits 2 when it is bad. */
__attribute__((constructor)) static void scale_read(void)
{
    const char *s = getenv(SCALE_ENV);
    if (!s || !*s)
        return;
    char *end;
    long n = strtol(s, &end, 10);
    if (*end != '\0' || n < 1 || n > SCALE_MAX) {
        fprintf(stderr, "%s=%s: not a whole number from 1 to %ld\n", SCALE_ENV, s, SCALE_MAX);
        exit(2);
    }
    scale_n = n;
}

/* scale_n - 1 units of private work, for a case without a loop. */
static inline void scale_busy(void)
{
    static unsigned cells[256];
    unsigned v = 1;
    for (long u = 1; u < scale_n; u++)
        for (long i = 0; i < SCALE_BUSY_UNIT; i++) {
            v = v * 1103515245u + 12345u;
            cells[(v >> 16) & 255u] += v;
            v ^= cells[(v >> 8) & 255u];
        }
    /* The work must happen: the empty asm claims to read v and memory. */
    __asm__ volatile("" : : "r"(v) : "memory");
}

#endif
