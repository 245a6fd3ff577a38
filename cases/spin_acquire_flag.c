/*
 * name: spin_acquire_flag
 * summary: spin_relaxed_flag with a release store of the flag and acquire loads: the consumer that sees the flag sees the payload
 * verdict: race-free
 * category: custom-sync
 * origin: busy-waiting on an atomic flag
 * why: the consumer's acquire load that reads 1 reads the value written by
 *      the producer's release store, so the store synchronizes with it (C11
 *      5.1.2.4p11, 7.17.3p2) and the payload's write happens before its
 *      read; the flag is atomic and never races: no data race (5.1.2.4p25).
 *
 * The fix of spin_volatile_flag and spin_relaxed_flag: the flag is an
 * atomic_int, stored with memory_order_release after the payload is written
 * and loaded with memory_order_acquire in the spin.  The consumer reads the
 * flag once before the producer starts (a turn, support/turn.h, which
 * creates no happens-before), as in the twins.  It prints "consumer read 42".
 *
 * ThreadSanitizer models the release/acquire pair and reports nothing.
 * Helgrind and DRD do not model C11 atomics: they report the flag (plain
 * movs to them) and the payload (no ordering they know of), both false
 * positives.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define SPIN_LIMIT 10000000L

static long payload;
static atomic_int ready;
static struct turn order; /* the consumer reads the flag once before the producer starts */

static void *producer(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    payload = 42; /* NORACE(payload) */
    atomic_store_explicit(&ready, 1, memory_order_release); /* NORACE(ready) */
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&ready, memory_order_acquire)) { /* NORACE(ready) */
            *seen = payload; /* NORACE(payload) */
            return NULL;
        }
        if (i == 0)
            turn_pass(&order, 1);
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long seen = -1;

    turn_init(&order);
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "spin_acquire_flag: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* its only loop is a bounded wait: support/scale.h */
    return seen == 42 ? 0 : 1;
}
