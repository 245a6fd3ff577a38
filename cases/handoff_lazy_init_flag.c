/*
 * name: handoff_lazy_init_flag
 * summary: lazy initialisation hand-rolled with a plain `initialized` flag: the first caller builds the table, a later caller sees the flag and reads the table
 * verdict: race
 * category: handoff
 * origin: racecard catalog: handoff
 * why: the flag and the table are plain objects written by the first caller
 *      and read by the second with no lock, pthread_once or release/acquire
 *      between them (POSIX XBD 4.12, C11 5.1.2.4p25): the flag's write and
 *      read race, and so do the table's, even when the first caller finished
 *      long before the second looked.
 *
 * The bug handoff_once avoids.  get_table() checks a plain flag, builds the
 * table if it is not set and then sets it.  Two threads call get_table():
 * the first builds, the second finds the flag set and uses the table.  The
 * second thread is started late on purpose: it waits until the first has
 * raised a `go` token, a turn of support/turn.h (a relaxed atomic).  The token
 * makes this interleaving the only one (so every detector sees the same
 * accesses), and orders nothing: relaxed operations do not synchronize
 * (C11 7.17.3), and Helgrind and DRD are told to ignore the token's
 * bytes.  So even in this most benign timing, where the table is complete
 * before the second thread looks, the program has two data races: the flag
 * (is_initialized / set_initialized) and the table (build_table /
 * sum_table).  In other timings both threads may also build the table, or
 * the second may see the flag before the table's entries; on x86 with this
 * timing both print 328350.
 *
 * DRD names only the later access of each pair, which is always the second
 * thread's read.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define N 100

static int table[N];
static int initialized; /* the hand-rolled "once" flag */
static struct turn go;   /* fixes the interleaving; orders nothing */

static int is_initialized(void)
{
    return initialized; /* RACE(flag) */
}

static void set_initialized(void)
{
    initialized = 1; /* RACE(flag) */
}

static void build_table(void)
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* RACE(table) */
}

static long sum_table(void)
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += table[i]; /* RACE(table) */
    return s;
}

static const int *get_table(void)
{
    if (!is_initialized()) {
        build_table();
        set_initialized();
    }
    return table;
}

static void *first(void *arg)
{
    long *result = arg;

    get_table();
    *result = sum_table();
    turn_pass(&go, 1);
    return NULL;
}

static void *second(void *arg)
{
    long *result = arg;

    if (turn_wait(&go, 1)) {
        get_table();
        *result = sum_table();
        return NULL;
    }
    *result = -1;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    long r1 = 0, r2 = 0;

    turn_init(&go);
    if (pthread_create(&t2, NULL, second, &r2) != 0 ||
        pthread_create(&t1, NULL, first, &r1) != 0) {
        fprintf(stderr, "handoff_lazy_init_flag: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    if (r2 < 0) {
        fprintf(stderr, "handoff_lazy_init_flag: no go\n");
        return 1;
    }
    printf("sums %ld and %ld (328350 expected)\n", r1, r2);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
