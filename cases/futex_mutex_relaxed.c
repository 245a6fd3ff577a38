/*
 * name: futex_mutex_relaxed
 * summary: futex_mutex with every operation on the lock word relaxed: the lock still excludes, but no critical section is ordered before the next
 * verdict: race
 * category: custom-sync
 * origin: Ulrich Drepper, "Futexes are tricky" (2011), mutex 2, as glibc and most language runtimes build their locks
 * why: relaxed read-modify-writes keep the lock word consistent, so the
 *      threads still take turns, but they create no synchronizes-with edge
 *      (C11 7.17.3p1-2): nothing makes one thread's increment of the counter
 *      happen before the other's, and the increments race (5.1.2.4p25).
 *
 * futex_mutex with memory_order_relaxed on the compare-exchange and the
 * exchanges.  Mutual exclusion survives: read-modify-writes of one word are
 * totally ordered whatever their orders.  What is lost is visibility: a
 * thread that takes the lock may still see the counter as it was before the
 * other's critical section.  On x86, where every locked instruction is a
 * full barrier, it prints "counter 2000 (2000 expected)" anyway.
 *
 * Every detector reports the increment racing with itself: ThreadSanitizer
 * sees only relaxed operations on the word, Helgrind and DRD see no lock
 * they know.
 */
#define _GNU_SOURCE

#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "scale.h"
#define ITERATIONS 1000L /* not scaled: contention takes the lock word's slow path, which Helgrind and DRD then see (support/scale.h) */

static atomic_int word; /* 0 free, 1 held, 2 held with sleepers */
static long counter;    /* guarded by word */

static void futex_wait(atomic_int *addr, int expected)
{
    syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake_one(atomic_int *addr)
{
    syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void lock(void)
{
    int c = 0;

    if (atomic_compare_exchange_strong_explicit(&word, &c, 1, memory_order_relaxed,
                                                memory_order_relaxed))
        return;
    if (c != 2)
        c = atomic_exchange_explicit(&word, 2, memory_order_relaxed);
    while (c != 0) {
        futex_wait(&word, 2);
        c = atomic_exchange_explicit(&word, 2, memory_order_relaxed);
    }
}

static void unlock(void)
{
    if (atomic_exchange_explicit(&word, 0, memory_order_relaxed) == 2)
        futex_wake_one(&word);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERATIONS; i++) {
        lock();
        counter++; /* RACE(counter, self) */
        unlock();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    if (pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, worker, NULL) != 0) {
        fprintf(stderr, "futex_mutex_relaxed: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter %ld (%ld expected)\n", counter, 2 * ITERATIONS);
    scale_busy(); /* the loop is not scaled: see ITERATIONS */
    return 0;
}
