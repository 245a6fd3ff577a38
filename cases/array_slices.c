/*
 * name: array_slices
 * summary: four threads fill their own disjoint slice of an array indexed by thread number
 * verdict: race-free
 * category: unsynchronised-global
 * origin: racecard catalog: unsynchronised globals, the fix
 * why: each element of squares is written by exactly one thread, so no two
 *      accesses from different threads touch the same memory location; C11
 *      5.1.2.4 only calls conflicting accesses (same location, at least one a
 *      write) a race, and main's reads come after pthread_join, which
 *      synchronises memory (POSIX XBD 4.12).
 *
 * array_slices_offbyone with the bound fixed: the loop says `i < end`, so
 * thread t stores into [64 t, 64 t + 64) and nothing else.  Neighbouring
 * slices share cache lines but not elements; that costs speed (false
 * sharing), not correctness, and a detector reporting put_square() would be
 * wrong.  main prints the sum of squares below 256.
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
    squares[i] = i * i; /* NORACE(boundary) */
}

static void *fill(void *arg)
{
    long t = (long)(intptr_t)arg;
    long start = t * SLICE;
    long end = start + SLICE;

    pthread_barrier_wait(&start_line);
    for (long i = start; i < end && i < LEN; i++)
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
            fprintf(stderr, "array_slices: cannot create thread %ld\n", t);
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
