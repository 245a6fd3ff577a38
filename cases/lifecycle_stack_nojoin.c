/*
 * name: lifecycle_stack_nojoin
 * summary: a worker counts multiples of 3 into a slot on main's stack, passed as its argument; main reads the slot while the worker runs, before pthread_join
 * verdict: race
 * category: thread-lifecycle
 * origin: racecard catalog: thread lifecycle
 * why: the worker writes main's local through the pointer it was given and
 *      main reads that local while the worker runs; only the later
 *      pthread_join would order them (POSIX XBD 4.12), so the conflicting
 *      accesses are a data race under C11 5.1.2.4p25.
 *
 * The twin of lifecycle_stack_join, which differs in one thing: main
 * watches the slot before joining the worker instead of after.  Being on
 * main's stack does not make the slot private: once its address is passed
 * to pthread_create it is shared.  main sees the count grow (the program
 * prints how many distinct values it saw, usually many).  The join still
 * comes before main returns, so the slot outlives the worker.
 *
 * The race has two sides, store_slot() in the worker and load_slot() in
 * main, and each thread runs only its own; a detector that reports pairs
 * sees that pair in any interleaving.  DRD does not look at stack variables
 * by default (--check-stack-var=no) and reports nothing here.  The barrier
 * and the yields every 200 iterations make the loops overlap natively.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#define ITERATIONS (4000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 200

static pthread_barrier_t start_line;

static void store_slot(volatile long *slot, long v)
{
    *slot = v; /* RACE(slot) */
}

static long load_slot(volatile long *slot)
{
    return *slot; /* RACE(slot) */
}

static void *worker(void *arg)
{
    volatile long *slot = arg;
    long count = 0;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ITERATIONS; i++) {
        if (i % 3 == 0)
            count++;
        store_slot(slot, count);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

/* Reads the slot ITERATIONS times; returns how many values it saw. */
static int watch(volatile long *slot, long *last)
{
    int changes = 0;

    *last = -1;
    for (int i = 0; i < ITERATIONS; i++) {
        long v = load_slot(slot);
        if (v != *last) {
            changes++;
            *last = v;
        }
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return changes;
}

int main(void)
{
    pthread_t t;
    volatile long slot = 0; /* main's stack slot, the worker's output */
    long last;
    int seen;

    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t, NULL, worker, (void *)&slot) != 0) {
        fprintf(stderr, "lifecycle_stack_nojoin: cannot create a thread\n");
        return 1;
    }
    pthread_barrier_wait(&start_line);
    seen = watch(&slot, &last);
    pthread_join(t, NULL);
    pthread_barrier_destroy(&start_line);

    printf("multiples of 3 below %ld: %ld last seen, %ld final\n",
           ITERATIONS, last, (ITERATIONS + 2) / 3);
    printf("distinct values seen by main: %d\n", seen);
    return 0;
}
