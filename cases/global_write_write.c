/*
 * name: global_write_write
 * summary: two threads each store their own number into one global, 1000 times each, with no lock
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard catalog: unsynchronised globals
 * why: both threads write last_writer and nothing (no lock, no join between
 *      them, no atomic) orders one thread's stores before the other's; two
 *      conflicting writes without a happens-before relation are a data race
 *      under C11 5.1.2.4p25, however small and aligned the int is.
 *
 * A "who was here last" note: each worker stores its own number into
 * last_writer once per step, and main prints whose number was left.  Only
 * writes, no read-modify-write, and on x86-64 an aligned int store is never
 * torn, so the output is always "thread 1" or "thread 2" and looks harmless.
 * It is still a data race, and the C11 behaviour is undefined: a compiler may,
 * for instance, use the variable as scratch space between the stores.
 *
 * The racing store is one line, note_writer(), run by both threads, so it is
 * tagged as racing with itself.  last_writer is volatile only so that an
 * optimising build keeps one store per step instead of folding each run of
 * steps into a single store; volatile orders nothing.  global_write_write_locked
 * is the same program with the fix.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#define STEPS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

static volatile int last_writer;
static pthread_barrier_t start_line;

static void note_writer(int id)
{
    last_writer = id; /* RACE(last_writer, self) */
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < STEPS; i++) {
        note_writer(id);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, worker, (void *)(intptr_t)1) != 0 ||
        pthread_create(&t2, NULL, worker, (void *)(intptr_t)2) != 0) {
        fprintf(stderr, "global_write_write: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    /* Both workers are joined, so this read is ordered after every store. */
    printf("last writer: thread %d\n", last_writer);
    return 0;
}
