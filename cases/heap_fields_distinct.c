/*
 * name: heap_fields_distinct
 * summary: two threads count into two different int fields of one malloc'd struct, next to each other in memory
 * verdict: race-free
 * category: heap
 * origin: racecard catalog: heap
 * why: two non-bit-field members of a struct are distinct memory locations
 *      (C11 3.14), and accesses to distinct memory locations never conflict
 *      (C11 5.1.2.4p4), so the threads' writes do not race even though the
 *      fields share a cache line and an 8-byte word; malloc before
 *      pthread_create and the reads after pthread_join are ordered (POSIX
 *      XBD 4.12).
 *
 * The twin of heap_fields_same, which differs in one thing: the address the
 * second thread is given, &c->right here and &c->left there.  Each thread
 * stores a running count through the pointer it was given, in store(), the
 * line both threads run.  Sharing a cache line (false sharing) costs speed,
 * never correctness: the program prints "left = 4000, right = 4000".  A
 * detector that reports the store would be confusing locations with cache
 * lines or words.
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
    *field = v; /* NORACE(field) */
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
        fprintf(stderr, "heap_fields_distinct: out of memory\n");
        return 1;
    }
    c->left = 0;
    c->right = 0;
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&a, NULL, counter, (void *)&c->left) != 0 ||
        pthread_create(&b, NULL, counter, (void *)&c->right) != 0) {
        fprintf(stderr, "heap_fields_distinct: cannot create threads\n");
        return 1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_barrier_destroy(&start_line);

    printf("left = %d, right = %d\n", c->left, c->right);
    free(c);
    return 0;
}
