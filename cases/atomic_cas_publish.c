/*
 * name: atomic_cas_publish
 * summary: a producer fills a malloc'd node and installs it in an empty slot with a release compare-exchange; the consumer takes it with an acquire exchange and reads its fields
 * verdict: race-free
 * category: atomics
 * origin: lock-free publication of a new object (the push of a Treiber stack, a one-slot mailbox)
 * why: a successful compare-exchange is a read-modify-write with the success
 *      order, here release (C11 7.17.7.4p2); the consumer's acquire exchange
 *      reads the pointer it wrote, so it synchronizes with it (5.1.2.4p11)
 *      and the node's initialisation happens before the consumer's reads:
 *      no data race (5.1.2.4p25).
 *
 * The producer builds the node with a plain write and publishes it only if the
 * slot is still empty: compare_exchange_strong(&slot, &expected (NULL), node,
 * memory_order_release, memory_order_relaxed).  The failure order is
 * relaxed, which is fine: a failed exchange publishes nothing.  The consumer
 * polls with exchange(&slot, NULL, memory_order_acquire), which both takes
 * the node and empties the slot; it copies the node and main frees the node
 * after joining both threads.  It prints "consumer took node 7: 49".
 * atomic_cas_publish_relaxed uses relaxed orders.
 *
 * ThreadSanitizer models both read-modify-writes and reports nothing.
 * Helgrind and DRD do not model C11 atomics and report the node's fields
 * (DRD only the consumer's reads, always the later access); the slot is
 * hidden from them (support/untracked.h).
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
    *n = (struct node){ 7, 49 }; /* NORACE(node) */
}

static void *producer(void *arg)
{
    struct node *n = arg;
    struct node *expected = NULL;

    fill(n);
    if (!atomic_compare_exchange_strong_explicit(&slot, &expected, n, memory_order_release,
                                                 memory_order_relaxed))
        fprintf(stderr, "producer: the slot was taken\n");
    return NULL;
}

static void *consumer(void *arg)
{
    struct node *copy = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        struct node *n = atomic_exchange_explicit(&slot, NULL, memory_order_acquire);

        if (n != NULL) {
            *copy = *n; /* NORACE(node) */
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
        fprintf(stderr, "atomic_cas_publish: out of memory\n");
        return 1;
    }
    UNTRACKED(slot);
    if (pthread_create(&c, NULL, consumer, &copy) != 0 ||
        pthread_create(&p, NULL, producer, n) != 0) {
        fprintf(stderr, "atomic_cas_publish: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    free(n);
    printf("consumer took node %d: %d\n", copy.key, copy.value);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return copy.key == 7 ? 0 : 1;
}
