/*
 * name: annotate_valgrind
 * summary: fence_publish with Valgrind's ANNOTATE_HAPPENS_BEFORE before the flag's store and ANNOTATE_HAPPENS_AFTER after the consumer's acquire fence
 * verdict: race-free
 * category: custom-sync
 * origin: valgrind/helgrind.h and valgrind/drd.h annotations, the way to teach Helgrind and DRD a handoff they cannot see
 * why: the release fence before the relaxed store of ready synchronizes with
 *      the acquire fence after the relaxed load that reads it (C11
 *      7.17.4p2), so the payload's write happens before its read: no data
 *      race (5.1.2.4p25).  The annotations change nothing in the program.
 *
 * The handoff of fence_publish, annotated for Valgrind: the producer says
 * ANNOTATE_HAPPENS_BEFORE(&ready) just before raising the flag, the consumer
 * ANNOTATE_HAPPENS_AFTER(&ready) just after its acquire fence, which is
 * where the memory model puts the edge.  The macros are helgrind.h's; drd.h,
 * included after it, keeps them, and DRD understands Helgrind's requests for
 * this pair.  Outside Valgrind they are a few instructions that do nothing.
 *
 * What to look at: who listens.  Helgrind and DRD take the edge from the
 * annotations and report nothing.  ThreadSanitizer does not read Valgrind's
 * client requests, and it does not model standalone fences either, so it
 * reports the payload: a false positive.  annotate_tsan is the same handoff
 * annotated for ThreadSanitizer only.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include <valgrind/helgrind.h>
#include <valgrind/drd.h>

#define SPIN_LIMIT 10000000L

static long payload;     /* plain data, published through ready */
static atomic_int ready; /* relaxed flag; the fences do the ordering */

static void *producer(void *arg)
{
    (void)arg;
    payload = 42; /* NORACE(payload) */
    atomic_thread_fence(memory_order_release);
    ANNOTATE_HAPPENS_BEFORE(&ready);
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&ready, memory_order_relaxed)) {
            atomic_thread_fence(memory_order_acquire);
            ANNOTATE_HAPPENS_AFTER(&ready);
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

    VALGRIND_HG_DISABLE_CHECKING(&ready, sizeof ready);
    DRD_IGNORE_VAR(ready);
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "annotate_valgrind: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
