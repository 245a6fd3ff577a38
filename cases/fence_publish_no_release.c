/*
 * name: fence_publish_no_release
 * summary: fence_publish without the release fence: the producer raises the flag with a relaxed store straight after writing the payload; the consumer still fences before reading
 * verdict: race
 * category: memory-order
 * origin: C11 7.17.4 (fences): release/acquire publication made with standalone fences
 * why: an acquire fence synchronizes only with a release operation, or a
 *      release fence, sequenced before the atomic write whose value the
 *      load before the fence reads (C11 7.17.4p2,4); the producer's relaxed
 *      store is neither, so nothing orders the write of the payload before
 *      the read of it: a data race (5.1.2.4p25).
 *
 * fence_publish with the producer's atomic_thread_fence(memory_order_release)
 * removed.  The consumer's acquire fence is still there and gives nothing to
 * synchronise with: a fence orders only against the other side's fence or
 * release/acquire operation.  The read follows the write in time on every run
 * and on x86, which keeps stores in order, the program prints "consumer read
 * 42"; the compiler, though, may sink the plain store of the payload below the
 * relaxed store of the flag.
 *
 * Every detector that sees the pair reports it: ThreadSanitizer sees no
 * release, Helgrind and DRD model no atomics (the flag is hidden from them,
 * support/untracked.h; DRD names the read, always the later access).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "untracked.h"

#define SPIN_LIMIT 10000000L

static long payload;     /* plain data, published through ready */
static atomic_int ready; /* relaxed flag; only the consumer fences */

static void *producer(void *arg)
{
    (void)arg;
    payload = 42; /* RACE(payload) */
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&ready, memory_order_relaxed)) {
            atomic_thread_fence(memory_order_acquire);
            *seen = payload; /* RACE(payload) */
            return NULL;
        }
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long seen = -1;

    UNTRACKED(ready);
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "fence_publish_no_release: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
