/*
 * name: release_sequence_store
 * summary: release_sequence_rmw with the relay storing stage 2 with a relaxed store instead of a fetch_add: the consumer reads the relay's value, which no release heads
 * verdict: race
 * category: memory-order
 * origin: C11 5.1.2.4p10 (release sequences): only read-modify-writes by other threads continue one
 * why: a release sequence continues only through the head's own thread's
 *      stores and other threads' read-modify-writes (C11 5.1.2.4p10); the
 *      relay's relaxed store of 2 ends it, so the consumer's acquire load,
 *      which reads that 2, synchronizes with no release (5.1.2.4p11) and the
 *      payload's write and read are unordered: a data race (5.1.2.4p25).
 *
 * One call differs from release_sequence_rmw: the relay, once it has seen
 * stage 1, stores 2 with atomic_store_explicit(..., memory_order_relaxed)
 * instead of adding 1 with a read-modify-write.  The value the consumer sees
 * is the same, 2, written at the same moment; what it synchronizes with is
 * not.  A store from another thread is not part of the producer's release
 * sequence, and the relay's own store is relaxed, so the acquire load takes
 * no ordering from anyone.  On x86 it prints "consumer read 42".
 *
 * Helgrind and DRD report the payload here as on the twin (the stage word is
 * hidden from them, support/untracked.h; DRD names the read, the later
 * access).  ThreadSanitizer keeps, per atomic, the ordering the last release
 * left on it, and a relaxed store does not clear it: it treats the relaxed
 * store as if it continued the release sequence, so the consumer's acquire
 * still picks up the producer's release, and it misses the race.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "untracked.h"

#define SPIN_LIMIT 10000000L

static long payload;     /* plain data */
static atomic_int stage; /* 0, then 1 (producer, release), then 2 (relay) */

static int wait_stage(int want, memory_order order)
{
    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&stage, order) == want)
            return 1;
        sched_yield();
    }
    return 0;
}

static void *producer(void *arg)
{
    (void)arg;
    payload = 42; /* RACE(payload) */
    atomic_store_explicit(&stage, 1, memory_order_release);
    return NULL;
}

static void *relay(void *arg)
{
    (void)arg;
    if (wait_stage(1, memory_order_relaxed))
        atomic_store_explicit(&stage, 2, memory_order_relaxed);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    if (wait_stage(2, memory_order_acquire))
        *seen = payload; /* RACE(payload) */
    return NULL;
}

int main(void)
{
    pthread_t p, r, c;
    long seen = -1;

    UNTRACKED(stage);
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&r, NULL, relay, NULL) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "release_sequence_store: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(r, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* its only loop is a bounded wait: support/scale.h */
    return seen == 42 ? 0 : 1;
}
