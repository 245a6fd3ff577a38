/*
 * name: dotprod_mutex
 * summary: four threads each compute a slice of a dot product and add it to a shared total under one mutex
 * verdict: race-free
 * category: mutex
 * origin: seed article, the dot product with a mutex (dotprod_mutex.c, V. Sonnad and B. Barney), rewritten
 * why: every update of dotstr.sum is made while holding mutexsum, and POSIX
 *      (XBD 4.12) makes pthread_mutex_unlock synchronise memory with the next
 *      pthread_mutex_lock, so the updates are ordered; the vectors are written
 *      before pthread_create and the total is read after pthread_join, both of
 *      which also synchronise memory.
 *
 * Each thread multiplies its own 100000-element slice of a and b (all ones)
 * into a private partial sum, then takes the mutex, adds the partial sum to
 * the shared total and releases it.  main prints "Sum = 400000.000000" every
 * time.  A detector reporting the update of the total would be wrong.
 *
 * The article's version does not compile as printed: the loop that fills the
 * vectors tests `i < veclen*numthrds`, names that do not exist (the macros are
 * VECLEN and NUMTHRDS).
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
static pthread_mutex_t mutexsum = PTHREAD_MUTEX_INITIALIZER;

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

    pthread_mutex_lock(&mutexsum);
    dotstr.sum += mysum; /* NORACE(sum) */
    pthread_mutex_unlock(&mutexsum);
    return NULL;
}

int main(void)
{
    pthread_t threads[NUMTHRDS];
    double *a = malloc(NUMTHRDS * VECLEN * sizeof *a);
    double *b = malloc(NUMTHRDS * VECLEN * sizeof *b);

    if (a == NULL || b == NULL) {
        fprintf(stderr, "dotprod_mutex: out of memory\n");
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
            fprintf(stderr, "dotprod_mutex: cannot create thread %ld\n", i);
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
