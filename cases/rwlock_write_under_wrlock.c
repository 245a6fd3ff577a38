/*
 * name: rwlock_write_under_wrlock
 * summary: two threads look up a table and bump a shared hit counter, holding the rwlock for writing
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: lock patterns, the fix
 * why: a write lock excludes every other holder, and POSIX (XBD 4.12) makes
 *      pthread_rwlock_unlock synchronise memory with the next
 *      pthread_rwlock_wrlock, so the updates of hits are ordered.
 *
 * rwlock_write_under_rdlock with one difference: lookup() changes shared
 * state (the hit count), so it takes the lock for writing.  Lookups no longer
 * run side by side, the price of counting in the same critical section; the
 * hit count is exact and main prints "hits 2000 of 2000" every time.  A
 * detector reporting the increment would be wrong.  hits stays volatile only
 * so that the twins differ in the lock call alone.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#define LOOKUPS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50
#define TABLE_SIZE 64

static int table[TABLE_SIZE];
static volatile long hits;
static long found[2]; /* found[i] is written by thread i only */
static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static pthread_barrier_t start_line;

static int lookup(int key)
{
    int value;

    pthread_rwlock_wrlock(&table_lock);
    value = table[key % TABLE_SIZE];
    hits += 1; /* NORACE(hits) */
    pthread_rwlock_unlock(&table_lock);
    return value;
}

static void *reader(void *arg)
{
    long *sum = arg;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < LOOKUPS; i++) {
        *sum += lookup(i);
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
    if (pthread_create(&t1, NULL, reader, &found[0]) != 0 ||
        pthread_create(&t2, NULL, reader, &found[1]) != 0) {
        fprintf(stderr, "rwlock_write_under_wrlock: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("sum of values %ld, hits %ld of %ld\n", found[0] + found[1], hits,
           2 * LOOKUPS);
    return 0;
}
