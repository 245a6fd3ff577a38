/*
 * name: mutex_same
 * summary: a depositor and a withdrawer update one balance 1000 times each, both holding the same mutex
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: lock patterns
 * why: both threads read and write balance only while holding ledger_lock,
 *      and POSIX (XBD 4.12) makes each pthread_mutex_unlock synchronise memory
 *      with the next pthread_mutex_lock of the same mutex, so every update is
 *      ordered before or after every other.
 *
 * The correct version of the lock triple: one mutex guards the balance and
 * both sides take it.  The depositor adds 1 and the withdrawer subtracts 1,
 * 1000 times each, so main prints "balance 0" every time.  Giving each side
 * its own mutex, or leaving one side unlocked, would make both race; those
 * twins wait for an ordering that makes DRD name both lines on every run.
 * A detector reporting deposit() or withdraw() here would be wrong.  balance
 * is volatile only so that such twins would differ in their locking alone
 * (an unlocked side would otherwise have its loop folded by an optimiser).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#define ROUNDS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

static volatile long balance;
static pthread_mutex_t ledger_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;

static void deposit(void)
{
    balance += 1; /* NORACE(balance) */
}

static void withdraw(void)
{
    balance -= 1; /* NORACE(balance) */
}

static void *depositor(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&ledger_lock);
        deposit();
        pthread_mutex_unlock(&ledger_lock);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

static void *withdrawer(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&ledger_lock);
        withdraw();
        pthread_mutex_unlock(&ledger_lock);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, depositor, NULL) != 0 ||
        pthread_create(&t2, NULL, withdrawer, NULL) != 0) {
        fprintf(stderr, "mutex_same: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("balance %ld\n", balance);
    return 0;
}
