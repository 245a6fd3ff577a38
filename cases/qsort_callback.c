/*
 * name: qsort_callback
 * summary: a sorter qsorts a shared score table with a comparator that reads a shared sort-order flag; later, unordered, another thread flips the flag and reads the table
 * verdict: race
 * category: detector-limits
 * origin: a library calling back into program code: accesses made inside libc (the moves of qsort) and in program code called from libc (the comparator)
 * why: qsort moves the table's elements with plain writes on the caller's
 *      behalf and calls the comparator, which reads the flag (C11
 *      7.22.5.2); the other thread's write of the flag and read of the table
 *      conflict with those accesses and nothing orders them (the turn
 *      between them is relaxed): two data races (5.1.2.4p25).
 *
 * Two kinds of access a detector sees differently.  The table's writes are
 * made by qsort itself, in libc, which ThreadSanitizer does not instrument: it
 * sees them only if it intercepts qsort; Helgrind and DRD run libc
 * instrumented and name qsort's caller.  The flag's reads are made by the
 * comparator, program code called from libc: every detector instruments it,
 * and its stack runs through qsort's frames back to the program.  A turn
 * (support/turn.h) runs the sort before the other thread's accesses, without
 * creating any happens-before, so DRD names those, the later accesses, on
 * every run.  It prints "lowest score 3".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "turn.h"

#define N 64

static int scores[N];
static int descending;    /* the sort order the comparator follows */
static struct turn order; /* sort, then flip and read */

static int compare(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    int sign = descending ? -1 : 1; /* RACE(flag) */

    return sign * ((x > y) - (x < y));
}

static void *sorter(void *arg)
{
    (void)arg;
    qsort(scores, N, sizeof scores[0], compare); /* RACE(scores) */
    turn_pass(&order, 1);
    return NULL;
}

static void *viewer(void *arg)
{
    int *lowest = arg;

    turn_wait(&order, 1);
    descending = 1; /* RACE(flag) */
    *lowest = scores[0]; /* RACE(scores) */
    return NULL;
}

int main(void)
{
    pthread_t s, v;
    int lowest = -1;

    for (int i = 0; i < N; i++)
        scores[i] = (i * 37) % N + 3;
    turn_init(&order);
    if (pthread_create(&v, NULL, viewer, &lowest) != 0 ||
        pthread_create(&s, NULL, sorter, NULL) != 0) {
        fprintf(stderr, "qsort_callback: cannot create threads\n");
        return 1;
    }
    pthread_join(s, NULL);
    pthread_join(v, NULL);
    printf("lowest score %d\n", lowest);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
