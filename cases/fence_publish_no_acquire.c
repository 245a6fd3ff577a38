/*
 * name: fence_publish_no_acquire
 * summary: fence_publish without the acquire fence: the producer still fences and raises the flag, but the consumer reads the payload straight after its relaxed load of the flag
 * verdict: race
 * category: memory-order
 * origin: C11 7.17.4 (fences): release/acquire publication made with standalone fences
 * why: a release fence synchronizes only with an acquire fence, or an
 *      acquire operation, sequenced after the atomic read that sees its store
 *      (C11 7.17.4p2-3); the consumer's relaxed load is neither, so nothing
 *      orders the payload's write before its read, conflicting plain accesses
 *      with no happens-before: a data race (5.1.2.4p25).
 *
 * fence_publish with one line removed: the consumer's
 * atomic_thread_fence(memory_order_acquire).  The consumer still reads the
 * payload only after it has seen the flag, so the read follows the write in
 * time on every run, and on x86, whose loads are not reordered with each
 * other, it prints "consumer read 42"; on a weakly ordered machine (or after
 * the compiler hoists the plain read above the loop's last load) it may read
 * 0.  The release fence on the producer's side is there and orders nothing
 * by itself.
 *
 * Every detector that sees the pair at all reports it: ThreadSanitizer sees
 * no acquire, Helgrind and DRD model no atomics (the flag is hidden from them,
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
static atomic_int ready; /* relaxed flag; only the producer fences */

static void *producer(void *arg)
{
    (void)arg;
    payload = 42; /* RACE(payload) */
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&ready, memory_order_relaxed)) {
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
        fprintf(stderr, "fence_publish_no_acquire: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
