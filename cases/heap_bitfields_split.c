/*
 * name: heap_bitfields_split
 * summary: two threads each cycle their own 4-bit bit-field through 0..15; a zero-width bit-field separates the two in one malloc'd struct
 * verdict: race-free
 * category: heap
 * origin: racecard catalog: heap
 * why: a zero-width bit-field ends a sequence of adjacent bit-fields, so low
 *      and high are separate memory locations (C11 3.14, whose example is
 *      this struct) and the writes to them do not conflict (C11 5.1.2.4p4);
 *      malloc and initialisation before pthread_create and the reads after
 *      pthread_join are ordered (POSIX XBD 4.12).
 *
 * The twin of heap_bitfields_adjacent, which differs in one thing: the
 * unnamed `unsigned : 0` between the fields.  It makes the compiler start
 * high in a new storage unit, and C11 forbids a store to one memory
 * location from touching another, so each thread's read-modify-write of
 * its field stays within its own unit.  The program prints "low = 15, high
 * = 15" every time.  The threads take turns for their first writes and
 * then loop, as in the twin, so a detector sees the same order in both; the
 * turn counter is a relaxed atomic and orders nothing.
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
    unsigned : 0;     /* ends the sequence: high is a new memory location */
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
    f->low = v; /* NORACE(nibble) */
}

static void set_high(volatile struct nibbles *f, unsigned v)
{
    f->high = v; /* NORACE(nibble) */
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
        fprintf(stderr, "heap_bitfields_split: out of memory\n");
        return 1;
    }
    f->low = 0;
    f->high = 0;
    if (pthread_create(&a, NULL, low_writer, (void *)f) != 0 ||
        pthread_create(&b, NULL, high_writer, (void *)f) != 0) {
        fprintf(stderr, "heap_bitfields_split: cannot create threads\n");
        return 1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);

    printf("low = %u, high = %u\n",
           f->low, f->high);
    free((void *)f);
    return 0;
}
