/*
 * name: mutex_trylock
 * summary: two threads add to one total 1000 times each, taking the mutex with pthread_mutex_trylock and retrying while it is busy
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: lock patterns
 * why: a thread touches total only after pthread_mutex_trylock returned 0,
 *      which means it holds the mutex; POSIX (XBD 4.12) lists a successful
 *      pthread_mutex_trylock among the functions that synchronise memory, so
 *      the previous holder's unlock is ordered before the update.
 *
 * pthread_mutex_trylock used correctly: when it returns EBUSY the thread does
 * not touch the total, counts the miss, yields and tries again; only a return
 * of 0 leads to the update.  The loop is not spinning on a plain variable: it
 * retries the mutex itself, and every attempt ends either in a miss or in the
 * lock.  main prints "total 2000" every time, and how many attempts found the
 * mutex busy, which depends on the scheduler and is often 0.  A failed
 * trylock synchronises nothing, so the program would race if it went ahead
 * on EBUSY; a detector reporting add_one() here would be wrong.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#define ROUNDS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

static long total;
static long busy[2]; /* busy[i] is written by thread i only, read after the join */
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;

static void add_one(void)
{
    total += 1; /* NORACE(total) */
}

static void *adder(void *arg)
{
    long *misses = arg;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        int rc;
        while ((rc = pthread_mutex_trylock(&total_lock)) == EBUSY) {
            *misses += 1;
            sched_yield();
        }
        if (rc != 0) {
            fprintf(stderr, "mutex_trylock: pthread_mutex_trylock: error %d\n", rc);
            return (void *)arg;
        }
        add_one();
        pthread_mutex_unlock(&total_lock);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    void *r1, *r2;

    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, adder, &busy[0]) != 0 ||
        pthread_create(&t2, NULL, adder, &busy[1]) != 0) {
        fprintf(stderr, "mutex_trylock: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, &r1);
    pthread_join(t2, &r2);
    pthread_barrier_destroy(&start_line);
    if (r1 != NULL || r2 != NULL)
        return 1;

    printf("total %ld of %ld; trylock found the mutex busy %ld times\n",
           total, 2 * ROUNDS, busy[0] + busy[1]);
    return 0;
}
