/*
 * name: lifecycle_stack_join
 * summary: a worker counts multiples of 3 into a slot on main's stack, passed as its argument; main reads the slot after pthread_join
 * verdict: race-free
 * category: thread-lifecycle
 * origin: racecard catalog: thread lifecycle
 * why: the worker's writes through the pointer to main's local and main's
 *      reads of that local are ordered by pthread_join, which synchronises
 *      memory (POSIX XBD 4.12), so they do not race (C11 5.1.2.4p25); that
 *      the object lives on main's stack changes nothing.
 *
 * The twin of lifecycle_stack_nojoin, which differs in one thing: main
 * watches the slot before joining the worker instead of after.  A local
 * passed by address is as shared as a global while the thread runs; the
 * local must also outlive the thread, which it does because main joins the
 * worker before returning.  Here main reads only after the join and sees
 * one value, the final count (the program prints "distinct values seen by
 * main: 1").  Both threads meet at a barrier first, as in the twin.
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
    *slot = v; /* NORACE(slot) */
}

static long load_slot(volatile long *slot)
{
    return *slot; /* NORACE(slot) */
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
        fprintf(stderr, "lifecycle_stack_join: cannot create a thread\n");
        return 1;
    }
    pthread_barrier_wait(&start_line);
    pthread_join(t, NULL);
    seen = watch(&slot, &last);
    pthread_barrier_destroy(&start_line);

    printf("multiples of 3 below %ld: %ld (%ld expected)\n", ITERATIONS, last,
           (ITERATIONS + 2) / 3);
    printf("distinct values seen by main: %d\n", seen);
    return 0;
}
