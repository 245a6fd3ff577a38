/*
 * name: heap_fields_same
 * summary: two threads count into the same int field of one malloc'd struct, the field next to it left alone
 * verdict: race
 * category: heap
 * origin: racecard catalog: heap
 * why: both threads write c->left, one memory location (C11 3.14), and
 *      nothing orders their writes (the barrier orders only what comes before
 *      it), so the writes conflict without happens-before: a data race under
 *      C11 5.1.2.4p25.
 *
 * The twin of heap_fields_distinct, which differs in one thing: the address
 * the second thread is given, &c->left here, &c->right there.  That the
 * struct is on the heap changes nothing; what matters is that both threads
 * name the same field.  The program prints "left = 4000, right = 0": both
 * threads end by storing 4000, which hides the race in the output, while
 * every earlier value of left was overwritten by whichever thread ran.
 *
 * The one racing line is store(), run by both threads (a RACE with itself),
 * so every detector sees the same pair whatever the interleaving.  The
 * threads meet at a barrier and yield every 200 iterations so that their
 * loops overlap even under Valgrind, which runs one thread at a time.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define ITERATIONS (4000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 200

struct counters {
    volatile int left;   /* a count */
    volatile int right;  /* another count, next to it */
};

static pthread_barrier_t start_line;

static void store(volatile int *field, int v)
{
    *field = v; /* RACE(field, self) */
}

static void *counter(void *arg)
{
    volatile int *field = arg;

    pthread_barrier_wait(&start_line);
    for (int i = 1; i <= ITERATIONS; i++) {
        store(field, i);
        if (i % YIELD_EVERY == 0)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    struct counters *c = malloc(sizeof *c);

    if (c == NULL) {
        fprintf(stderr, "heap_fields_same: out of memory\n");
        return 1;
    }
    c->left = 0;
    c->right = 0;
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&a, NULL, counter, (void *)&c->left) != 0 ||
        pthread_create(&b, NULL, counter, (void *)&c->left) != 0) {
        fprintf(stderr, "heap_fields_same: cannot create threads\n");
        return 1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_barrier_destroy(&start_line);

    printf("left = %d, right = %d\n", c->left, c->right);
    free(c);
    return 0;
}
