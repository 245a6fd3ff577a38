/*
 * name: array_slices_offbyone
 * summary: four threads fill their own slice of an array indexed by thread number, but the loop bound is off by one
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard catalog: unsynchronised globals
 * why: thread t writes squares[64 * (t + 1)], the first element of thread
 *      t + 1's slice, and thread t + 1 writes it too; nothing orders the two
 *      writes (the start barrier orders only what comes before it), so they
 *      are a data race under C11 5.1.2.4p25.
 *
 * Each of four threads owns the 64 elements [64 t, 64 t + 64) of a global
 * array and stores i * i into each.  The loop says `i <= end` where it means
 * `i < end` (the `i < LEN` guard keeps the last thread inside the array), so
 * threads 0, 1 and 2 each write one element past their slice: the element the
 * next thread writes first.  Both store the same value, so main always prints
 * the right sum; the program is racy all the same.
 *
 * All three racing elements are stored by the same line, put_square(), run
 * by every thread, so the tag races with itself.  Every other element is
 * written by one thread only.  array_slices is the same program with the
 * bound fixed.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#define NTHREADS 4
#define SLICE 64
#define LEN (NTHREADS * SLICE)

static long squares[LEN];
static pthread_barrier_t start_line;

static void put_square(long i)
{
    squares[i] = i * i; /* RACE(boundary, self) */
}

static void *fill(void *arg)
{
    long t = (long)(intptr_t)arg;
    long start = t * SLICE;
    long end = start + SLICE;

    pthread_barrier_wait(&start_line);
    for (long i = start; i <= end && i < LEN; i++)
        put_square(i);
    return NULL;
}

int main(void)
{
    pthread_t threads[NTHREADS];
    long sum = 0;

    pthread_barrier_init(&start_line, NULL, NTHREADS);
    for (long t = 0; t < NTHREADS; t++) {
        if (pthread_create(&threads[t], NULL, fill, (void *)(intptr_t)t) != 0) {
            fprintf(stderr, "array_slices_offbyone: cannot create thread %ld\n", t);
            return 1;
        }
    }
    for (long t = 0; t < NTHREADS; t++)
        pthread_join(threads[t], NULL);
    pthread_barrier_destroy(&start_line);

    /* Every thread is joined, so these reads are ordered after all stores. */
    for (long i = 0; i < LEN; i++)
        sum += squares[i];
    printf("sum of squares below %d: %ld (expected %ld)\n", LEN, sum,
           (long)(LEN - 1) * LEN * (2 * LEN - 1) / 6);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
