/*
 * name: atomic_flag_spinlock
 * summary: two threads add to a plain counter 500 times each inside a spinlock made of an atomic_flag (test_and_set acquire, clear release)
 * verdict: race-free
 * category: atomics
 * origin: racecard catalog: atomics
 * why: each unlock is a release clear of the flag and the next successful
 *      lock is an acquire test_and_set that reads the false that clear
 *      stored (every failed try stores true over true), so the sections
 *      synchronize in turn (C11 7.17.8, 5.1.2.4p11) and every plain access to
 *      the counter happens before the next: no data race (5.1.2.4p25).
 *
 * atomic_flag is the one type C11 guarantees to be lock-free, and the
 * spinlock is its textbook use: lock spins on test_and_set until it returns
 * false, unlock clears.  The spin here is bounded and yields the CPU after
 * every failed try (a spinlock that spins without yielding can starve the
 * holder on one CPU, and would be intolerable under Valgrind, which runs one
 * thread at a time); giving up reports an error.  The counter is a plain
 * long; the program prints "counter 1000 (1000 expected)".
 *
 * ThreadSanitizer models test_and_set and clear and reports nothing.
 * Helgrind and DRD do not model C11 atomics, so they see no ordering between
 * the critical sections and report the counter's increment (one line run by
 * both threads) as racing with itself: a false positive.  They also see the
 * flag itself: test_and_set is a locked exchange, which they treat as a
 * plain read, but clear compiles to a plain store, which conflicts with the
 * other thread's exchanges and clears: a second false positive, on the flag.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define ITERATIONS 500 /* not scaled (support/scale.h): run 100 times as often, Helgrind stops pairing the two clears */
#define SPIN_LIMIT 10000000L

static atomic_flag busy = ATOMIC_FLAG_INIT;
static long counter; /* guarded by busy */

static bool try_lock(void)
{
    return !atomic_flag_test_and_set_explicit(&busy, memory_order_acquire); /* NORACE(flag) */
}

static void lock(void)
{
    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (try_lock())
            return;
        sched_yield();
    }
    fprintf(stderr, "atomic_flag_spinlock: lock not acquired after %ld tries\n", SPIN_LIMIT);
    exit(1);
}

static void unlock(void)
{
    atomic_flag_clear_explicit(&busy, memory_order_release); /* NORACE(flag) */
}

static void bump(void)
{
    counter++; /* NORACE(counter) */
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERATIONS; i++) {
        lock();
        bump();
        unlock();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    if (pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, worker, NULL) != 0) {
        fprintf(stderr, "atomic_flag_spinlock: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter %ld (%d expected)\n", counter, 2 * ITERATIONS);
    scale_busy(); /* support/scale.h; ITERATIONS says why not the loop */
    return 0;
}
