/*
 * name: annotate_tsan
 * summary: fence_publish with ThreadSanitizer's __tsan_release before the flag's store and __tsan_acquire after the consumer's acquire fence
 * verdict: race-free
 * category: custom-sync
 * origin: ThreadSanitizer's interface (sanitizer/tsan_interface.h), the way to teach it a handoff it cannot see
 * why: the release fence before the relaxed store of ready synchronizes with
 *      the acquire fence after the relaxed load that reads it (C11
 *      7.17.4p2), so the payload's write happens before its read: no data
 *      race (5.1.2.4p25).  The annotations change nothing in the program.
 *
 * The handoff of fence_publish, annotated for ThreadSanitizer: the producer
 * calls __tsan_release(&ready) just before raising the flag, the consumer
 * __tsan_acquire(&ready) just after its acquire fence.  The functions exist
 * only in ThreadSanitizer's runtime, so the case declares them (as
 * sanitizer/tsan_interface.h does) when the compiler says it is building for
 * ThreadSanitizer, and makes the calls nothing otherwise.
 *
 * What to look at: who listens.  ThreadSanitizer takes the edge and reports
 * nothing.  Helgrind and DRD run the plain build, in which the annotations
 * do not exist; they model neither fences nor atomics and report the payload,
 * a false positive.  annotate_valgrind is the same handoff annotated for
 * Valgrind only.  The flag is hidden from Helgrind and DRD
 * (support/untracked.h).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "untracked.h"

#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif

#ifdef UNDER_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#define TSAN_RELEASE(addr) __tsan_release(addr)
#define TSAN_ACQUIRE(addr) __tsan_acquire(addr)
#else
#define TSAN_RELEASE(addr) ((void)(addr))
#define TSAN_ACQUIRE(addr) ((void)(addr))
#endif

#define SPIN_LIMIT 10000000L

static long payload;     /* plain data, published through ready */
static atomic_int ready; /* relaxed flag; the fences do the ordering */

static void *producer(void *arg)
{
    (void)arg;
    payload = 42; /* NORACE(payload) */
    atomic_thread_fence(memory_order_release);
    TSAN_RELEASE(&ready);
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&ready, memory_order_relaxed)) {
            atomic_thread_fence(memory_order_acquire);
            TSAN_ACQUIRE(&ready);
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
        fprintf(stderr, "annotate_tsan: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
