/*
 * name: annotate_hides_race
 * summary: a relaxed flag handoff with no fences at all, annotated for ThreadSanitizer and for Valgrind as if it synchronized: every detector believes the annotations
 * verdict: race
 * category: custom-sync
 * origin: annotations as a claim: a happens-before annotation the program does not back
 * flags: undetected
 * why: the flag's store and load are relaxed and there is no fence, so
 *      nothing synchronizes (C11 7.17.3p1-2, 7.17.4); the annotations are
 *      calls that do nothing in the memory model, and the plain write and
 *      read of the payload race (5.1.2.4p25).
 *
 * annotate_tsan and annotate_valgrind annotate a handoff that is correct; here
 * both fences are gone and both sets of annotations stay, as happens when
 * code is "optimised" after it was annotated.  The read follows the write in
 * time on every run (the consumer waits for the flag), and on x86 it prints
 * "consumer read 42"; on a weakly ordered machine, or after the compiler
 * moves the plain accesses across the relaxed ones, it may read 0.
 *
 * Every detector misses it, and each is doing what it was told:
 * ThreadSanitizer takes __tsan_release/__tsan_acquire as an edge, Helgrind
 * and DRD take ANNOTATE_HAPPENS_BEFORE/AFTER as one.  An annotation is a
 * promise made to the detector about the program, and a detector cannot
 * check it.  The flag is hidden from Helgrind and DRD as in the other cases.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include <valgrind/helgrind.h>
#include <valgrind/drd.h>

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

static long payload;     /* plain data */
static atomic_int ready; /* relaxed flag, and nothing else */

static void *producer(void *arg)
{
    (void)arg;
    payload = 42; /* RACE(payload) */
    TSAN_RELEASE(&ready);
    ANNOTATE_HAPPENS_BEFORE(&ready);
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_load_explicit(&ready, memory_order_relaxed)) {
            TSAN_ACQUIRE(&ready);
            ANNOTATE_HAPPENS_AFTER(&ready);
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

    VALGRIND_HG_DISABLE_CHECKING(&ready, sizeof ready);
    DRD_IGNORE_VAR(ready);
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "annotate_hides_race: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
