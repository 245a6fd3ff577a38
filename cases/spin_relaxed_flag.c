/*
 * name: spin_relaxed_flag
 * summary: spin_volatile_flag with the flag a C11 atomic_int stored and loaded with memory_order_relaxed: the flag no longer races, the payload still does
 * verdict: race
 * category: custom-sync
 * origin: busy-waiting on an atomic flag
 * why: the flag's accesses are atomic and never race (C11 5.1.2.4p25), but
 *      relaxed operations create no synchronizes-with edge (7.17.3p1-2), so
 *      seeing the flag set orders nothing: the payload's plain write and
 *      read race (5.1.2.4p25).
 *
 * The usual first fix of spin_volatile_flag: make the flag atomic.  That
 * removes the race on the flag and keeps the one that matters, on the
 * payload, because a relaxed load that sees 1 takes no ordering from the
 * store that wrote it.  spin_acquire_flag adds the orders.  The consumer
 * reads the flag once before the producer starts (a turn, support/turn.h,
 * which creates no happens-before), so the flag is read before and after its
 * store on every run.  It prints "consumer read 42".
 *
 * ThreadSanitizer reports the payload only.  Helgrind and DRD do not model
 * C11 atomics: the relaxed store and load are plain movs to them, and they
 * report the flag too, a false positive (DRD names the store, after the
 * first load, and the load after the store), besides the payload, the true
 * race (DRD names its read).
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
    payload = 42; /* RACE(payload) */
    atomic_store_explicit(&ready, 1, memory_order_relaxed); /* NORACE(ready) */
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&ready, memory_order_relaxed)) { /* NORACE(ready) */
            *seen = payload; /* RACE(payload) */
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
        fprintf(stderr, "spin_relaxed_flag: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* its only loop is a bounded wait: support/scale.h */
    return seen == 42 ? 0 : 1;
}
