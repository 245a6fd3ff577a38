/*
 * name: peterson_acq_rel
 * summary: peterson_seq_cst with release stores and acquire loads: the store of a thread's flag may be passed by its load of the other's, and both threads may enter
 * verdict: race
 * category: memory-order
 * origin: G. L. Peterson, "Myths about the mutual exclusion problem", IPL 1981; in C11 it needs sequential consistency
 * flags: atomicity-violation
 * why: release stores and acquire loads do not take part in the single total
 *      order of seq_cst operations (C11 7.17.3p6), so an execution in which
 *      each thread's load of the other's flag reads the initial 0 is allowed:
 *      both threads then enter, no release/acquire pair orders their
 *      increments, and the increments race (5.1.2.4p25).
 *
 * The lock of peterson_seq_cst with every store release and every load
 * acquire, a common "it is only a flag" weakening.  Release/acquire orders
 * what comes before a store and after a load; it does not keep a store
 * before a later load of another variable, and Peterson's lock needs exactly
 * that.  On x86 a release store is a plain mov that sits in the store buffer
 * while the following load goes ahead, so both threads can read the other's
 * flag as 0 and enter at once (store buffering, the litmus test "SB").
 *
 * What to look at: the detectors' answers.  Helgrind and DRD do not model
 * C11 atomics and report the counter, as they do on peterson_seq_cst; here
 * it is the true race (the lock's words are hidden from them,
 * support/untracked.h).  ThreadSanitizer misses it: it checks the execution
 * it watches for happens-before, and in the runs it watches mutual exclusion
 * holds and every entry reads the other thread's release store, so every
 * critical section is ordered after the previous one.  It cannot see the
 * allowed execution in which the loads read stale values, which is the one
 * that races (its runtime also takes a lock around each release store, which
 * drains x86's store buffer and makes that execution rarer still).
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

    atomic_store_explicit(&interested[me], 1, memory_order_release);
    atomic_store_explicit(&victim, me, memory_order_release);
    for (long i = 0; atomic_load_explicit(&interested[other], memory_order_acquire) &&
                     atomic_load_explicit(&victim, memory_order_acquire) == me; i++) {
        if (i == SPIN_LIMIT) {
            fprintf(stderr, "peterson: thread %d never got the lock\n", me);
            exit(1);
        }
        sched_yield();
    }
}

static void unlock(int me)
{
    atomic_store_explicit(&interested[me], 0, memory_order_release);
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
