/*
 * name: rwlock_write_under_rdlock
 * summary: two threads look up a table under a read lock and, still under the read lock, bump a shared hit counter
 * verdict: race
 * category: mutex
 * origin: racecard catalog: lock patterns
 * flags: atomicity-violation
 * why: a read lock excludes writers, not other readers, so both threads can
 *      hold it and modify hits at once, which POSIX XBD 4.12 forbids; nothing
 *      orders one thread's increments before the other's, so the writes are a
 *      data race under C11 5.1.2.4p25.
 *
 * A lookup cache: the table is filled before the threads start and only read
 * afterwards, so reading it under the read lock is right.  The bug is the
 * statistics line: lookup() also counts the hit, a read-modify-write, while it
 * holds only the read lock, and both threads can hold that at the same time.
 * main prints the sum of the values looked up (always the same) and the hit
 * count, which can fall short of 2000.
 *
 * The race is one line, the increment in lookup(), run by both threads, so
 * the tag races with itself.  On each thread's first lookup the two threads
 * are made to hold the read lock at the same time, both before their
 * increment: the first takes it and waits, inside, for the second to be
 * inside too (a turn, support/turn.h, which creates no happens-before).  So
 * every run is one in which both readers hold the lock at once, the
 * execution the verdict is about, and no detector's answer rests on whether
 * a read unlock orders a later read lock.  The table reads are shared but only read after
 * main's writes, which pthread_create orders before them.  hits is volatile
 * only so that an optimising build keeps one update per lookup; volatile
 * orders nothing.  rwlock_write_under_wrlock is the same program with the fix.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define LOOKUPS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50
#define TABLE_SIZE 64

static int table[TABLE_SIZE];
static volatile long hits;
static long found[2]; /* found[i] is written by thread i only */
static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_barrier_t start_line;
static struct turn inside; /* first lookups: both threads hold the read lock */

/* Reader 0 waits, holding the read lock, until reader 1 holds it too. */
static void meet_inside(int me)
{
    if (me == 0) {
        turn_pass(&inside, 1);
        turn_wait(&inside, 2);
    } else {
        turn_wait(&inside, 1);
        turn_pass(&inside, 2);
    }
}

static int lookup(int key, int me, int first)
{
    int value;

    pthread_rwlock_rdlock(&table_lock);
    if (first)
        meet_inside(me);
    value = table[key % TABLE_SIZE];
    hits += 1; /* RACE(hits, self) */
    pthread_rwlock_unlock(&table_lock);
    return value;
}

static void *reader(void *arg)
{
    long *sum = arg;
    int me = (int)(sum - found);

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < LOOKUPS; i++) {
        *sum += lookup(i, me, i == 0);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    for (int i = 0; i < TABLE_SIZE; i++)
        table[i] = i;
    pthread_barrier_init(&start_line, NULL, 2);
    turn_init(&inside);
    if (pthread_create(&t1, NULL, reader, &found[0]) != 0 ||
        pthread_create(&t2, NULL, reader, &found[1]) != 0) {
        fprintf(stderr, "rwlock_write_under_rdlock: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("sum of values %ld, hits %ld of %ld\n", found[0] + found[1], hits,
           2 * LOOKUPS);
    return 0;
}
