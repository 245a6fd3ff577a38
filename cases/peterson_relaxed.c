/*
 * name: peterson_relaxed
 * summary: peterson_seq_cst with every lock operation relaxed: nothing orders one critical section before the next
 * verdict: race
 * category: memory-order
 * origin: G. L. Peterson, "Myths about the mutual exclusion problem", IPL 1981; in C11 it needs sequential consistency
 * flags: atomicity-violation
 * why: relaxed atomic operations create no synchronizes-with edge (C11
 *      7.17.3p1-2), so even when the lock keeps the threads apart in time,
 *      nothing makes one thread's increment of the counter happen before the
 *      other's: conflicting plain accesses without happens-before, a data
 *      race (5.1.2.4p25).
 *
 * The lock of peterson_seq_cst with memory_order_relaxed everywhere.  It
 * loses both things the lock is for: the store-load order that gives mutual
 * exclusion, and the release/acquire that makes one critical section's
 * writes visible in the next.  On x86 the program still usually prints
 * "counter 600 (600 expected)".
 *
 * Every detector reports the counter's increment racing with itself:
 * ThreadSanitizer sees relaxed operations and no happens-before, Helgrind and
 * DRD model no atomics (the lock's words are hidden from them,
 * support/untracked.h).  peterson_acq_rel is the weakening ThreadSanitizer
 * does not catch.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "untracked.h"

#define ITERATIONS (300 * scale_n) /* support/scale.h */
#define SPIN_LIMIT 10000000L

static atomic_int interested[2];
static atomic_int victim;
static long counter; /* guarded by the lock */

static void lock(int me)
{
    int other = 1 - me;

    atomic_store_explicit(&interested[me], 1, memory_order_relaxed);
    atomic_store_explicit(&victim, me, memory_order_relaxed);
    for (long i = 0; atomic_load_explicit(&interested[other], memory_order_relaxed) &&
                     atomic_load_explicit(&victim, memory_order_relaxed) == me; i++) {
        if (i == SPIN_LIMIT) {
            fprintf(stderr, "peterson: thread %d never got the lock\n", me);
            exit(1);
        }
        sched_yield();
    }
}

static void unlock(int me)
{
    atomic_store_explicit(&interested[me], 0, memory_order_relaxed);
}

static void *worker(void *arg)
{
    int me = *(int *)arg;

    for (int i = 0; i < ITERATIONS; i++) {
        lock(me);
        counter++; /* RACE(counter, self) */
        unlock(me);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    int ids[2] = { 0, 1 };

    UNTRACKED(interested);
    UNTRACKED(victim);
    for (int i = 0; i < 2; i++)
        if (pthread_create(&t[i], NULL, worker, &ids[i]) != 0) {
            fprintf(stderr, "peterson: cannot create threads\n");
            return 1;
        }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("counter %ld (%ld expected)\n", counter, 2 * ITERATIONS);
    return 0;
}
