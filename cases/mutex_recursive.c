/*
 * name: mutex_recursive
 * summary: two threads credit one account 500 times each through a function that takes a recursive mutex it already holds
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: lock patterns
 * why: every access to balance is made holding account_lock (twice over:
 *      outer and inner lock by the same thread), and POSIX (XBD 4.12) makes
 *      the unlock that releases a mutex synchronise memory with the next lock
 *      that acquires it, so the updates of the two threads are ordered.
 *
 * account_credit() takes account_lock and updates the balance; a caller that
 * wants two credits to be seen together, account_credit_pair(), takes the
 * same lock first and calls account_credit() twice, so the update runs with
 * the mutex locked twice by its thread.  With a default mutex the inner lock
 * would deadlock (or be undefined); with PTHREAD_MUTEX_RECURSIVE it raises a
 * count, and the mutex is released to the other thread only when the outer
 * unlock brings the count to zero.  main prints "balance 2000" every time.
 * A detector reporting account_credit() here would be wrong, and one that
 * reports a double lock has not noticed the mutex type.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#define PAIRS (500 * scale_n) /* support/scale.h */
#define YIELD_EVERY 25

static long balance;
static pthread_mutex_t account_lock; /* recursive, set up in main */
static pthread_barrier_t start_line;

static void account_credit(long amount)
{
    pthread_mutex_lock(&account_lock);
    balance += amount; /* NORACE(balance) */
    pthread_mutex_unlock(&account_lock);
}

static void account_credit_pair(long amount)
{
    pthread_mutex_lock(&account_lock);
    account_credit(amount);
    account_credit(amount);
    pthread_mutex_unlock(&account_lock);
}

static void *client(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < PAIRS; i++) {
        account_credit_pair(1);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_mutexattr_t attr;

    if (pthread_mutexattr_init(&attr) != 0 ||
        pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE) != 0 ||
        pthread_mutex_init(&account_lock, &attr) != 0) {
        fprintf(stderr, "mutex_recursive: cannot make a recursive mutex\n");
        return 1;
    }
    pthread_mutexattr_destroy(&attr);
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, client, NULL) != 0 ||
        pthread_create(&t2, NULL, client, NULL) != 0) {
        fprintf(stderr, "mutex_recursive: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);
    pthread_mutex_destroy(&account_lock);

    printf("balance %ld of %ld\n", balance, 2 * 2 * PAIRS);
    return 0;
}
