/*
 * name: fence_publish
 * summary: a producer writes a plain payload, issues a release fence and raises a flag with a relaxed store; the consumer sees the flag with a relaxed load, issues an acquire fence and reads the payload
 * verdict: race-free
 * category: memory-order
 * origin: C11 7.17.4 (fences): release/acquire publication made with standalone fences
 * why: the release fence is sequenced before the relaxed store of ready, and
 *      the acquire fence after the relaxed load that reads that store, so the
 *      release fence synchronizes with the acquire fence (C11 7.17.4p2) and
 *      the payload's write happens before its read: no data race
 *      (5.1.2.4p25).
 *
 * The fence form of atomic_publish_acqrel: the flag's own operations are
 * relaxed and the ordering comes from atomic_thread_fence on each side, as
 * lock-free code written against hardware fences (and the Linux kernel's
 * smp_wmb/smp_rmb) does it.  The consumer waits for the flag in a bounded
 * loop that yields the CPU; if it gives up it reads nothing, so that
 * execution has no race either.  It prints "consumer read 42".
 * fence_publish_no_acquire and fence_publish_no_release each drop one fence.
 *
 * What to look at: the fences.  A detector that orders memory only through
 * atomic operations with release or acquire orders, and ignores standalone
 * fences, sees two relaxed operations and reports the payload.  Helgrind and
 * DRD do not model C11 atomics or fences at all; the flag is hidden from them
 * (support/untracked.h) so that their reports are about the payload only.
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
static atomic_int ready; /* relaxed flag; the fences do the ordering */

static void *producer(void *arg)
{
    (void)arg;
    payload = 42; /* NORACE(payload) */
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&ready, memory_order_relaxed)) {
            atomic_thread_fence(memory_order_acquire);
            *seen = payload; /* NORACE(payload) */
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
        fprintf(stderr, "fence_publish: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
