/*
 * name: handoff_once
 * summary: two threads both call pthread_once to build a shared lookup table, then read it
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: handoff
 * why: pthread_once runs the initialiser exactly once and no caller returns
 *      before it has completed; POSIX XBD 4.12 lists pthread_once among the
 *      functions that synchronize memory, so the table's writes happen before
 *      every caller's reads (C11 5.1.2.4p25).
 *
 * Lazy initialisation done right: both threads want the table of squares
 * and both call pthread_once(&table_once, build_table) before using it.
 * Whichever thread gets there first runs build_table; the other, if it
 * arrives meanwhile, blocks until the table is complete, and a later caller
 * returns at once.  Each thread then sums the table; main prints both sums
 * ("328350 and 328350").  handoff_lazy_init_flag hand-rolls the same with a
 * plain flag and races.
 *
 * ThreadSanitizer and DRD intercept pthread_once and report nothing.
 * Helgrind has no model of it: glibc implements it with an atomic state word
 * and a futex, which Helgrind does not see as synchronisation, so it reports
 * the builder's writes of the table against the other thread's reads, a
 * false positive (the one line pair whichever thread builds).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#define N 100

static int table[N];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* NORACE(table) */
}

static long sum_table(void)
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += table[i]; /* NORACE(table) */
    return s;
}

static void *user(void *arg)
{
    long *result = arg;

    pthread_once(&table_once, build_table);
    *result = sum_table();
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    long result[2] = { 0, 0 };

    for (int i = 0; i < 2; i++) {
        if (pthread_create(&t[i], NULL, user, &result[i]) != 0) {
            fprintf(stderr, "handoff_once: cannot create threads\n");
            return 1;
        }
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("sums %ld and %ld (328350 expected)\n", result[0], result[1]);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
