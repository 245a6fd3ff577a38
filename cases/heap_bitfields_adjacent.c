/*
 * name: heap_bitfields_adjacent
 * summary: two threads each cycle their own 4-bit bit-field through 0..15; the two bit-fields sit next to each other in one malloc'd struct
 * verdict: race
 * category: heap
 * origin: racecard catalog: heap
 * flags: atomicity-violation
 * why: a sequence of adjacent bit-fields of non-zero width is one memory
 *      location (C11 3.14), so the writes to f->low and f->high conflict
 *      (C11 5.1.2.4p4), and nothing orders them: a data race under C11
 *      5.1.2.4p25, although each thread has "its own" field.
 *
 * The twin of heap_bitfields_split, which differs in one thing: here no
 * zero-width bit-field separates low and high.  A CPU cannot store 4 bits,
 * so each assignment loads the byte (or word) holding both fields, changes
 * its own 4 bits and stores the whole byte back, rewriting the other
 * thread's field with the value it had at the load.  An update of high can
 * therefore undo an update of low.  Both threads end by writing 15; the
 * program prints both fields after joining the threads, and a lost final
 * update shows as a value other than 15 (rarely: most lost updates are
 * overwritten by the next iteration).
 *
 * set_low() runs only in one thread and set_high() only in the other, so
 * every detector sees that one pair.  DRD names only the later access of a
 * pair, so it names both lines only if each thread writes after the other
 * has; overlapping loops make that likely, not certain (under load one loop
 * can end before the other thread is scheduled).  So the threads first take
 * turns: low, high, low, counted in a relaxed atomic.  That fixes the order
 * of those three writes in time on every run and, being relaxed, orders
 * nothing in the memory model; its operations are read-modify-writes, which
 * Valgrind's tools do not report (and do not treat as synchronisation).  The
 * loops that follow, yielding every 200 iterations, are there to lose
 * updates natively.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define ITERATIONS (4000 * scale_n) /* a multiple of 16 at every scale (support/scale.h), so both fields end at 15 */
#define YIELD_EVERY 200

struct nibbles {
    unsigned low : 4;
    unsigned high : 4;
};

static atomic_int turn; /* whose go it is in the opening rounds; relaxed */

/* Yields until the turn counter reaches t.  Relaxed: it orders nothing. */
static void wait_turn(int t)
{
    while (atomic_fetch_add_explicit(&turn, 0, memory_order_relaxed) != t)
        sched_yield();
}

static void pass_turn(void)
{
    atomic_fetch_add_explicit(&turn, 1, memory_order_relaxed);
}

static void set_low(volatile struct nibbles *f, unsigned v)
{
    f->low = v; /* RACE(nibble) */
}

static void set_high(volatile struct nibbles *f, unsigned v)
{
    f->high = v; /* RACE(nibble) */
}

static void *low_writer(void *arg)
{
    volatile struct nibbles *f = arg;

    wait_turn(0);
    set_low(f, 1);
    pass_turn();
    wait_turn(2);
    set_low(f, 2);
    pass_turn();
    for (int i = 0; i < ITERATIONS; i++) {
        set_low(f, (unsigned)i % 16);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

static void *high_writer(void *arg)
{
    volatile struct nibbles *f = arg;

    wait_turn(1);
    set_high(f, 1);
    pass_turn();
    for (int i = 0; i < ITERATIONS; i++) {
        set_high(f, (unsigned)i % 16);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    volatile struct nibbles *f = malloc(sizeof *f);

    if (f == NULL) {
        fprintf(stderr, "heap_bitfields_adjacent: out of memory\n");
        return 1;
    }
    f->low = 0;
    f->high = 0;
    if (pthread_create(&a, NULL, low_writer, (void *)f) != 0 ||
        pthread_create(&b, NULL, high_writer, (void *)f) != 0) {
        fprintf(stderr, "heap_bitfields_adjacent: cannot create threads\n");
        return 1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);

    printf("low = %u, high = %u (15 and 15 unless an update was lost)\n",
           f->low, f->high);
    free((void *)f);
    return 0;
}
