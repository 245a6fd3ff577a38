/*
 * name: dotprod_nomutex
 * summary: the four-thread dot product with the mutex around the shared total removed
 * verdict: race
 * category: unsynchronised-global
 * origin: seed article, the dot product with a mutex (dotprod_mutex.c), with the lock taken out
 * flags: atomicity-violation
 * why: all four threads read and write dotstr.sum and nothing (no lock, no
 *      join between them, no atomic) orders one thread's update before
 *      another's, so the updates conflict without a happens-before relation:
 *      a data race under C11 5.1.2.4p25 (and a breach of POSIX XBD 4.12).
 *
 * Same program as dotprod_mutex without the lock.  The race is a single line
 * run by every thread, `dotstr.sum += mysum`, so it is tagged as racing with
 * itself.  Each thread spends most of its time on its own slice and touches
 * the total once, so the program nearly always still prints
 * "Sum = 400000.000000": a lost update needs two threads to reach the total
 * within a few instructions of each other.  (Under ThreadSanitizer it often
 * prints 300000 or less: the first report is written out between the load and
 * the store of a thread's update, which leaves time for the others to finish.)
 * A right answer does not make the program race-free: a detector must report.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define NUMTHRDS 4
#define VECLEN 100000

/* Everything the threads need, shared through one global structure. */
struct dotdata {
    const double *a;
    const double *b;
    double sum;
    long veclen;
};

static struct dotdata dotstr;

static void *dotprod(void *arg)
{
    long offset = (long)(intptr_t)arg;
    long len = dotstr.veclen;
    long start = offset * len;
    long end = start + len;
    const double *x = dotstr.a;
    const double *y = dotstr.b;
    double mysum = 0;

    for (long i = start; i < end; i++)
        mysum += x[i] * y[i];

    dotstr.sum += mysum; /* RACE(sum, self) */
    return NULL;
}

int main(void)
{
    pthread_t threads[NUMTHRDS];
    double *a = malloc(NUMTHRDS * VECLEN * sizeof *a);
    double *b = malloc(NUMTHRDS * VECLEN * sizeof *b);

    if (a == NULL || b == NULL) {
        fprintf(stderr, "dotprod_nomutex: out of memory\n");
        return 1;
    }
    for (long i = 0; i < NUMTHRDS * VECLEN; i++)
        a[i] = b[i] = 1.0;
    dotstr.a = a;
    dotstr.b = b;
    dotstr.veclen = VECLEN;
    dotstr.sum = 0;

    for (long i = 0; i < NUMTHRDS; i++) {
        if (pthread_create(&threads[i], NULL, dotprod, (void *)(intptr_t)i) != 0) {
            fprintf(stderr, "dotprod_nomutex: cannot create thread %ld\n", i);
            return 1;
        }
    }
    for (long i = 0; i < NUMTHRDS; i++)
        pthread_join(threads[i], NULL);

    printf("Sum = %f\n", dotstr.sum);
    free(a);
    free(b);
    scale_busy(); /* the slices span the vectors, longer ones would scale memory: support/scale.h */
    return 0;
}
