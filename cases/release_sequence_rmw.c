/*
 * name: release_sequence_rmw
 * summary: a producer writes a plain payload and stores stage 1 with release; a relay thread bumps the stage to 2 with a relaxed fetch_add; the consumer waits for stage 2 with an acquire load and reads the payload
 * verdict: race-free
 * category: memory-order
 * origin: C11 5.1.2.4p10 (release sequences), the rule that lets reference counts and ticket locks pass an atomic on with relaxed read-modify-writes
 * why: the relay's relaxed fetch_add is a read-modify-write, so it continues
 *      the release sequence headed by the producer's release store (C11
 *      5.1.2.4p10); the consumer's acquire load reads a value written in that
 *      sequence, so the release store synchronizes with it (5.1.2.4p11) and
 *      the payload's write happens before its read: no data race.
 *
 * The consumer never reads the value the producer stored: it waits for 2,
 * written by the relay, which itself orders nothing (its operations are
 * relaxed, and it does not touch the payload).  The ordering still passes
 * through, because an acquire that reads any read-modify-write in a release
 * sequence synchronizes with the release at its head.  The waits are bounded
 * loops that yield the CPU; a thread that gives up skips its step, and the
 * consumer then reads nothing.  It prints "consumer read 42".
 * release_sequence_store is the twin in which the relay stores instead.
 *
 * ThreadSanitizer models the release sequence (a relaxed read-modify-write
 * leaves the ordering the release store left on the atomic in place) and
 * reports nothing.  Helgrind and DRD do not model C11 atomics and report the
 * payload; the stage word is hidden from them (support/untracked.h).
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
    payload = 42; /* NORACE(payload) */
    atomic_store_explicit(&stage, 1, memory_order_release);
    return NULL;
}

static void *relay(void *arg)
{
    (void)arg;
    if (wait_stage(1, memory_order_relaxed))
        atomic_fetch_add_explicit(&stage, 1, memory_order_relaxed);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    if (wait_stage(2, memory_order_acquire))
        *seen = payload; /* NORACE(payload) */
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
        fprintf(stderr, "release_sequence_rmw: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(r, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* its only loop is a bounded wait: support/scale.h */
    return seen == 42 ? 0 : 1;
}
