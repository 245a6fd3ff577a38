/*
 * name: atomic_volatile_counter
 * summary: two threads increment a volatile counter and an atomic counter 20000 times each; the volatile one loses updates
 * verdict: race
 * category: atomics
 * origin: racecard catalog: atomics
 * flags: atomicity-violation
 * why: volatile makes each access happen as written but makes none of them
 *      atomic (C11 5.1.2.3p2-6); only atomic objects and operations are
 *      exempt from data races (5.1.2.4p25), so the two threads' unordered
 *      read-modify-writes of the volatile counter race.
 *
 * `volatile` is often taken for "safe to share between threads".  It is not:
 * it tells the compiler not to cache or drop the accesses, so `hits++` on a
 * volatile long is still a load, an add and a store, and two threads that
 * interleave between the load and the store lose an update.  Next to it the
 * same loop adds to an atomic_long with atomic_fetch_add, one indivisible
 * read-modify-write.  The program prints both totals: the atomic one is
 * always 40000; the volatile one falls short whenever the two loops really
 * run at the same time and an update is lost, which depends on the machine
 * and its load (on one CPU it is nearly always 40000).  The race is there
 * whatever the total.
 *
 * The race is one line run by both threads (bump_volatile), so every
 * detector names that line whichever thread comes first.  The atomic counter
 * is not racy: ThreadSanitizer models it, and Helgrind and DRD take its
 * locked add for a plain read, which conflicts with nothing.  The barrier
 * before the loops and the sched_yield every 500 iterations only make the
 * loops overlap; neither orders the increments.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#define ITERATIONS (20000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 500

static volatile long hits;  /* volatile, not atomic */
static atomic_long counted; /* atomic */
static pthread_barrier_t start_line;

static void bump_volatile(void)
{
    hits++; /* RACE(hits, self) */
}

static void bump_atomic(void)
{
    atomic_fetch_add_explicit(&counted, 1, memory_order_relaxed); /* NORACE(counted) */
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ITERATIONS; i++) {
        bump_volatile();
        bump_atomic();
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, worker, NULL) != 0) {
        fprintf(stderr, "atomic_volatile_counter: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);
    printf("volatile counter %ld, atomic counter %ld (%ld expected)\n", hits,
           atomic_load_explicit(&counted, memory_order_relaxed), 2 * ITERATIONS);
    return 0;
}
