/*
 * name: spinlock_counter
 * summary: two threads add to one counter 500 times each, holding a pthread spin lock
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: lock patterns
 * why: every access to count is made holding count_lock, and POSIX (XBD
 *      4.12) lists pthread_spin_lock and pthread_spin_unlock among the
 *      functions that synchronise memory, so the updates are ordered.
 *
 * The spin lock is the mutex's busy-waiting cousin: a waiter loops in
 * pthread_spin_lock instead of sleeping.  That is spinning on the lock, not
 * on a plain variable, and the critical section is one add, so waits are
 * short; each thread yields the CPU only outside the lock, never while
 * holding it.  main prints "count 1000" every time.  A detector reporting
 * add_one() would be wrong, one that does not know spin locks would report it.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#define ROUNDS 500
#define YIELD_EVERY 25

static long count;
static pthread_spinlock_t count_lock;
static pthread_barrier_t start_line;

static void add_one(void)
{
    count += 1; /* NORACE(count) */
}

static void *adder(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_spin_lock(&count_lock);
        add_one();
        pthread_spin_unlock(&count_lock);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    if (pthread_spin_init(&count_lock, PTHREAD_PROCESS_PRIVATE) != 0) {
        fprintf(stderr, "spinlock_counter: cannot make a spin lock\n");
        return 1;
    }
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, adder, NULL) != 0 ||
        pthread_create(&t2, NULL, adder, NULL) != 0) {
        fprintf(stderr, "spinlock_counter: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);
    pthread_spin_destroy(&count_lock);

    printf("count %ld of %d\n", count, 2 * ROUNDS);
    scale_busy(); /* not ROUNDS: at 250 times them Helgrind sometimes reports a "recursive write lock granted" on the spin lock (line 41), at 2500 times every run */
    return 0;
}
