/*
 * name: atomic_cas_publish_relaxed
 * summary: atomic_cas_publish with a relaxed compare-exchange and a relaxed exchange: the consumer gets the pointer but not the node's contents
 * verdict: race
 * category: atomics
 * origin: lock-free publication of a new object (the push of a Treiber stack, a one-slot mailbox)
 * why: a relaxed read-modify-write is still atomic but creates no
 *      synchronizes-with edge (C11 7.17.3p1-2), so the consumer's exchange,
 *      though it reads the very pointer the producer's compare-exchange
 *      wrote, orders nothing: the node's plain initialisation and the
 *      consumer's plain read of it race (5.1.2.4p25).
 *
 * atomic_cas_publish with memory_order_relaxed as the compare-exchange's
 * success order and on the consumer's exchange.  The compare-exchange still
 * guarantees that only one producer could have installed a node, which is
 * what the programmer was thinking about; it no longer guarantees that the
 * consumer sees what the producer wrote into it.  On x86 it prints "consumer
 * took node 7: 49": locked instructions are full barriers there, which C11
 * does not promise.
 *
 * Every detector reports the node: ThreadSanitizer sees relaxed operations
 * only, Helgrind and DRD model no atomics (DRD names the consumer's copy, the
 * later access; the slot is hidden from them, support/untracked.h).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "untracked.h"

#define SPIN_LIMIT 10000000L

struct node {
    int key;
    int value;
};

static _Atomic(struct node *) slot; /* NULL while empty */

static void fill(struct node *n)
{
    *n = (struct node){ 7, 49 }; /* RACE(node) */
}

static void *producer(void *arg)
{
    struct node *n = arg;
    struct node *expected = NULL;

    fill(n);
    if (!atomic_compare_exchange_strong_explicit(&slot, &expected, n, memory_order_relaxed,
                                                 memory_order_relaxed))
        fprintf(stderr, "producer: the slot was taken\n");
    return NULL;
}

static void *consumer(void *arg)
{
    struct node *copy = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        struct node *n = atomic_exchange_explicit(&slot, NULL, memory_order_relaxed);

        if (n != NULL) {
            *copy = *n; /* RACE(node) */
            return NULL;
        }
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    struct node copy = { -1, -1 };
    struct node *n = malloc(sizeof *n);

    if (n == NULL) {
        fprintf(stderr, "atomic_cas_publish_relaxed: out of memory\n");
        return 1;
    }
    UNTRACKED(slot);
    if (pthread_create(&c, NULL, consumer, &copy) != 0 ||
        pthread_create(&p, NULL, producer, n) != 0) {
        fprintf(stderr, "atomic_cas_publish_relaxed: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    free(n);
    printf("consumer took node %d: %d\n", copy.key, copy.value);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return copy.key == 7 ? 0 : 1;
}
