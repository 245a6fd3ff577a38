/*
 * name: race_without_overlap
 * summary: a writer finishes all its work on a table before a reader starts on it, in time, but nothing orders the two threads: no lock, no join, no atomic with an order
 * verdict: race
 * category: detector-limits
 * origin: the happens-before definition of a data race, against the intuition (and the detectors) that look for accesses at the same time
 * why: C11 defines a data race by happens-before, not by time (5.1.2.4p25):
 *      the writer's plain writes and the reader's plain reads of the table
 *      conflict and no synchronization orders them, so they race even though
 *      on every run the reads begin after the last write has ended.
 *
 * The writer fills the table and hands over a turn (support/turn.h), a
 * relaxed atomic token that fixes the order in time and creates no
 * happens-before; the reader waits for it and sums the table.  The threads
 * never run their accesses at the same time, and the program prints
 * "sum 4950" on x86; the compiler and a weakly ordered machine are still free
 * to let the reader see stale values.
 *
 * What to look at: every happens-before detector here reports the pair,
 * because they compare vector clocks, not timestamps (DRD names the read,
 * the later access).  A detector that only catches accesses that overlap in
 * time (watchpoint and sampling detectors such as DataCollider or KCSAN)
 * could not see it at all.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define N 100

static int table[N];
static struct turn order; /* the writer finishes, then the reader starts */

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < N; i++)
        table[i] = i; /* RACE(table) */
    turn_pass(&order, 1);
    return NULL;
}

static void *reader(void *arg)
{
    long *sum = arg;

    turn_wait(&order, 1);
    for (int i = 0; i < N; i++)
        *sum += table[i]; /* RACE(table) */
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    long sum = 0;

    turn_init(&order);
    if (pthread_create(&r, NULL, reader, &sum) != 0 ||
        pthread_create(&w, NULL, writer, NULL) != 0) {
        fprintf(stderr, "race_without_overlap: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("sum %ld\n", sum);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
