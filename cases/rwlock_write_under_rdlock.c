/*
 * name: rwlock_write_under_rdlock
 * summary: two threads look up a table under a read lock and, still under the read lock, bump a shared hit counter
 * verdict: race
 * category: mutex
 * origin: racecard catalog: lock patterns
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
 * the tag races with itself.  The table reads are shared but only read after
 * main's writes, which pthread_create orders before them.  hits is volatile
 * only so that an optimising build keeps one update per lookup; volatile
 * orders nothing.  rwlock_write_under_wrlock is the same program with the fix.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>

#define LOOKUPS 1000
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

    pthread_rwlock_rdlock(&table_lock);
    value = table[key % TABLE_SIZE];
    hits += 1; /* RACE(hits, self) */
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
        fprintf(stderr, "rwlock_write_under_rdlock: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("sum of values %ld, hits %ld of %d\n", found[0] + found[1], hits,
           2 * LOOKUPS);
    return 0;
}
