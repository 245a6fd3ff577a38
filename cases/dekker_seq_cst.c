/*
 * name: dekker_seq_cst
 * summary: two threads add to a plain counter 200 times each inside Dekker's lock, its flags and turn word seq_cst atomics
 * verdict: race-free
 * category: memory-order
 * origin: E. W. Dijkstra, "Cooperating sequential processes" (1965), Dekker's algorithm; in C11 it needs sequential consistency
 * why: every operation of the lock is seq_cst, so a thread that raised its
 *      flag and then read the other's as 0 comes before the other's raise in
 *      the single total order (C11 7.17.3p6), which gives mutual exclusion;
 *      and a thread enters only after an acquire load has read a release
 *      store the other made after its last critical section, so each
 *      critical section happens before the next (5.1.2.4p11): the
 *      counter's plain accesses do not race (5.1.2.4p25).
 *
 * Dekker's lock: raise my flag; while the other's flag is up, if it is not
 * my turn lower my flag, wait for my turn and raise it again; unlock by
 * giving the turn away and lowering my flag.  The critical section adds 1
 * to a plain counter.  The core of the
 * algorithm is the pair "store my flag, then load the other's", which only
 * seq_cst keeps in that order; dekker_acq_rel weakens it.  The waits are
 * bounded and yield the CPU; a thread that gives up stops with an error.  It
 * prints "counter 400 (400 expected)".
 *
 * ThreadSanitizer models the atomics and reports nothing.  Helgrind and DRD
 * do not model C11 atomics and report the counter; the lock's words are hidden
 * from them (support/untracked.h) so that only the counter is judged.
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

    atomic_store_explicit(&wants[me], 1, memory_order_seq_cst);
    while (atomic_load_explicit(&wants[other], memory_order_seq_cst)) {
        if (atomic_load_explicit(&turn, memory_order_seq_cst) != me) {
            atomic_store_explicit(&wants[me], 0, memory_order_seq_cst);
            while (atomic_load_explicit(&turn, memory_order_seq_cst) != me)
                backoff(&spins, me);
            atomic_store_explicit(&wants[me], 1, memory_order_seq_cst);
        } else {
            backoff(&spins, me);
        }
    }
}

static void unlock(int me)
{
    atomic_store_explicit(&turn, 1 - me, memory_order_seq_cst);
    atomic_store_explicit(&wants[me], 0, memory_order_seq_cst);
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
