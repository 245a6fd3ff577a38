/*
 * name: dekker_acq_rel
 * summary: dekker_seq_cst with release stores and acquire loads: a thread's load of the other's flag may pass the store of its own, and both may enter
 * verdict: race
 * category: memory-order
 * origin: E. W. Dijkstra, "Cooperating sequential processes" (1965), Dekker's algorithm; in C11 it needs sequential consistency
 * flags: atomicity-violation
 * why: release stores and acquire loads are outside the single total order
 *      of seq_cst operations (C11 7.17.3p6), so an execution in which both
 *      threads raise their flags and each reads the other's as 0 is allowed;
 *      both enter, nothing orders one increment of the counter before the
 *      other, and they race (5.1.2.4p25).
 *
 * The lock of dekker_seq_cst with every store release and every load
 * acquire.  "Raise my flag, then look at yours" is the store-load pair that
 * release/acquire does not keep in order, and x86 reorders it through its
 * store buffer without a full fence: the litmus test "SB" in the middle of
 * the algorithm.
 *
 * Helgrind and DRD do not model C11 atomics and report the counter, the true
 * race here (the lock's words are hidden from them, support/untracked.h).
 * ThreadSanitizer misses it, as on peterson_acq_rel: in the runs it watches
 * mutual exclusion holds and each entry reads a release store the other
 * thread made after its critical section, so it sees every increment
 * ordered; the allowed execution with stale loads is not one it runs.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "untracked.h"

#define ITERATIONS (200 * scale_n) /* support/scale.h */
#define SPIN_LIMIT 10000000L

static atomic_int wants[2];
static atomic_int turn;
static long counter; /* guarded by the lock */

static void backoff(long *spins, int me)
{
    if (++*spins == SPIN_LIMIT) {
        fprintf(stderr, "dekker: thread %d never got the lock\n", me);
        exit(1);
    }
    sched_yield();
}

static void lock(int me)
{
    int other = 1 - me;
    long spins = 0;

    atomic_store_explicit(&wants[me], 1, memory_order_release);
    while (atomic_load_explicit(&wants[other], memory_order_acquire)) {
        if (atomic_load_explicit(&turn, memory_order_acquire) != me) {
            atomic_store_explicit(&wants[me], 0, memory_order_release);
            while (atomic_load_explicit(&turn, memory_order_acquire) != me)
                backoff(&spins, me);
            atomic_store_explicit(&wants[me], 1, memory_order_release);
        } else {
            backoff(&spins, me);
        }
    }
}

static void unlock(int me)
{
    atomic_store_explicit(&turn, 1 - me, memory_order_release);
    atomic_store_explicit(&wants[me], 0, memory_order_release);
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

    UNTRACKED(wants);
    UNTRACKED(turn);
    for (int i = 0; i < 2; i++)
        if (pthread_create(&t[i], NULL, worker, &ids[i]) != 0) {
            fprintf(stderr, "dekker: cannot create threads\n");
            return 1;
        }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("counter %ld (%ld expected)\n", counter, 2 * ITERATIONS);
    return 0;
}
