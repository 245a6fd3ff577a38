/*
 * name: racy_counter
 * summary: one thread adds 1 and another subtracts 1, 100000 times each, on a shared global with no lock
 * verdict: race
 * category: unsynchronised-global
 * origin: seed article, the Python threading counter that printed -7149
 * flags: atomicity-violation
 * why: x is read and written by both threads and no lock, join or atomic
 *      operation orders one loop before the other, so the conflicting accesses
 *      are a data race under C11 5.1.2.4p25 and the behaviour is undefined.
 *
 * The C version of the seed's foo/bar program.  Each update of x is a load,
 * an add and a store; when the threads interleave between the load and the
 * store, one update overwrites the other and the total drifts from 0.  On two
 * cores it usually prints a non-zero total, as the Python program printed
 * -7149.  x is volatile only so that an optimising build still loads and
 * stores once per iteration instead of folding the loop into one add of
 * 100000; volatile makes nothing atomic and orders nothing.
 *
 * The race has two sides: the add in increment() and the subtract in
 * decrement().  foo only ever runs the first and bar only the second, so any
 * detector that sees the race sees that one pair, whatever the interleaving.
 * Both threads wait at a barrier before their loops, and each offers the CPU
 * every 1000 iterations, so that the loops overlap natively and lose updates.
 * DRD names only the later access of a pair, so for it to name both lines on
 * every run, the first update of each thread is made in a fixed order by a
 * turn (support/turn.h): foo adds once, then bar subtracts once, then foo
 * goes on, whatever the scheduler does.  None of this is synchronisation:
 * the barrier orders what comes before it, not the loops after it, and the
 * turn is a relaxed atomic token, which creates no happens-before (C11
 * 5.1.2.4) and which Helgrind and DRD are told to ignore, so no detector
 * sees a conflict or an ordering in it.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define ITERATIONS (100000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 1000

static volatile int x; /* the shared value, like the seed's global x */
static struct turn order; /* fixes the order of the first updates; orders nothing */
static pthread_barrier_t start_line;

static void increment(void)
{
    x += 1; /* RACE(x) */
}

static void decrement(void)
{
    x -= 1; /* RACE(x) */
}

static void *foo(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    increment();
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    for (int i = 1; i < ITERATIONS; i++) {
        increment();
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

static void *bar(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    turn_wait(&order, 1);
    decrement();
    turn_pass(&order, 2);
    for (int i = 1; i < ITERATIONS; i++) {
        decrement();
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_barrier_init(&start_line, NULL, 2);
    turn_init(&order);
    if (pthread_create(&t1, NULL, foo, NULL) != 0 ||
        pthread_create(&t2, NULL, bar, NULL) != 0) {
        fprintf(stderr, "racy_counter: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    /* Both loops are over (joined), so this read is ordered after them. */
    printf("%d\n", x);
    return 0;
}
