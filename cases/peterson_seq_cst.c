/*
 * name: peterson_seq_cst
 * summary: two threads add to a plain counter 300 times each inside Peterson's lock, its flags and victim word seq_cst atomics
 * verdict: race-free
 * category: memory-order
 * origin: G. L. Peterson, "Myths about the mutual exclusion problem", IPL 1981; in C11 it needs sequential consistency
 * why: all of the lock's operations are seq_cst, so they fall in one total
 *      order that each load respects (C11 7.17.3p6), which gives mutual
 *      exclusion; and a thread enters only after an acquire load has read a
 *      release store the other made after its last critical section (its
 *      flag cleared, or the victim word set), so the critical sections
 *      happen before one another in turn (5.1.2.4p11): no data race on the
 *      counter (5.1.2.4p25).
 *
 * Peterson's two-thread lock: raise my flag, make myself the victim, wait
 * while the other's flag is up and I am still the victim; unlock by lowering
 * my flag.  Its correctness hangs on the store of my flag not being passed by
 * the load of the other's: the store-load order that only seq_cst gives
 * (x86 reorders exactly that pair without a fence).  peterson_acq_rel and
 * peterson_relaxed weaken the orders.  The wait is bounded and yields the
 * CPU; a thread that gives up stops with an error instead of entering.  The
 * program prints "counter 600 (600 expected)".
 *
 * ThreadSanitizer models the atomics and reports nothing.  Helgrind and DRD
 * do not model C11 atomics, see no ordering between the critical sections,
 * and report the counter; the lock's words are hidden from them
 * (support/untracked.h) so that only the counter is judged.
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

    atomic_store_explicit(&interested[me], 1, memory_order_seq_cst);
    atomic_store_explicit(&victim, me, memory_order_seq_cst);
    for (long i = 0; atomic_load_explicit(&interested[other], memory_order_seq_cst) &&
                     atomic_load_explicit(&victim, memory_order_seq_cst) == me; i++) {
        if (i == SPIN_LIMIT) {
            fprintf(stderr, "peterson: thread %d never got the lock\n", me);
            exit(1);
        }
        sched_yield();
    }
}

static void unlock(int me)
{
    atomic_store_explicit(&interested[me], 0, memory_order_seq_cst);
}

static void *worker(void *arg)
{
    int me = *(int *)arg;

    for (int i = 0; i < ITERATIONS; i++) {
        lock(me);
        counter++; /* NORACE(counter) */
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
