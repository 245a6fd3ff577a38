/*
 * name: futex_mutex
 * summary: two threads add to a plain counter 1000 times each under a mutex built from a C11 atomic word and the Linux futex system call (Drepper's three-state mutex)
 * verdict: race-free
 * category: custom-sync
 * origin: Ulrich Drepper, "Futexes are tricky" (2011), mutex 2, as glibc and most language runtimes build their locks
 * why: every lock ends with an acquire read-modify-write of the lock word
 *      that reads the 0 stored by the previous unlock's release exchange, so
 *      each unlock synchronizes with the next lock (C11 5.1.2.4p11, 7.17.3p2)
 *      and the critical sections happen before one another: no data race on
 *      the counter (5.1.2.4p25).  The futex calls only put a thread to sleep
 *      and wake it; the verdict does not depend on them.
 *
 * The word is 0 when free, 1 when held, 2 when held with sleepers.  lock()
 * tries a compare-exchange 0 -> 1; failing that it swaps in 2 and sleeps in
 * FUTEX_WAIT while the word still reads 2, swapping 2 in again on every
 * wake-up until the swap returns 0.  unlock() swaps in 0 and, if the old
 * value was 2, wakes one sleeper with FUTEX_WAKE.  Every operation on the word
 * is a read-modify-write.  It prints "counter 2000 (2000 expected)".
 * futex_mutex_relaxed drops the orders.
 *
 * What to look at: the lock a detector has never heard of.  ThreadSanitizer
 * does not need to: it models the atomics, so it sees the release/acquire
 * pairs and reports nothing.  Helgrind and DRD know pthread mutexes and
 * nothing else: they take the locked instructions for reads, the futex
 * system call tells them nothing, and they report the counter's increment
 * racing with itself, a false positive.
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

    if (atomic_compare_exchange_strong_explicit(&word, &c, 1, memory_order_acquire,
                                                memory_order_relaxed))
        return;
    if (c != 2)
        c = atomic_exchange_explicit(&word, 2, memory_order_acquire);
    while (c != 0) {
        futex_wait(&word, 2);
        c = atomic_exchange_explicit(&word, 2, memory_order_acquire);
    }
}

static void unlock(void)
{
    if (atomic_exchange_explicit(&word, 0, memory_order_release) == 2)
        futex_wake_one(&word);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERATIONS; i++) {
        lock();
        counter++; /* NORACE(counter) */
        unlock();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    if (pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, worker, NULL) != 0) {
        fprintf(stderr, "futex_mutex: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter %ld (%ld expected)\n", counter, 2 * ITERATIONS);
    scale_busy(); /* the loop is not scaled: see ITERATIONS */
    return 0;
}
