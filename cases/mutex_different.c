/*
 * name: mutex_different
 * summary: a depositor and a withdrawer update one balance 1000 times each, each holding its own mutex
 * verdict: race
 * category: mutex
 * origin: racecard catalog: lock patterns
 * flags: atomicity-violation
 * why: POSIX (XBD 4.12) orders an unlock only with later locks of the same
 *      mutex; deposit_lock and withdraw_lock are different mutexes, so
 *      nothing orders a deposit against a withdrawal, and their conflicting
 *      accesses to balance are a data race under C11 5.1.2.4p25.
 *
 * mutex_same with one difference: the withdrawer takes withdraw_lock instead
 * of the depositor's lock.  Each side is "locked", but the locks exclude
 * nothing from each other, so updates can be lost and main may print a
 * balance other than 0.  The race is between the add in deposit() (run only
 * by the depositor) and the subtract in withdraw() (run only by the
 * withdrawer); each line is always under its own lock, so a detector based
 * on lock sets finds no common lock, and one based on happens-before finds
 * no unlock-to-lock edge between the threads.
 *
 * DRD names only the later access of a pair, so the first round of each
 * thread is made in a fixed order with a turn (support/turn.h): one deposit,
 * then one withdrawal, then the depositor goes on.  A withdrawal thus comes
 * after a deposit and a deposit after a withdrawal on every run, and DRD
 * names both lines.  The turn orders the rounds in time only; it creates no
 * happens-before.  The barrier, the yields every 50 rounds and the volatile
 * balance are those of mutex_same, so the lock programs differ in locking.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define ROUNDS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

static volatile long balance;
static pthread_mutex_t deposit_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t withdraw_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;
static struct turn first_rounds; /* one deposit, one withdrawal, then free */

static void deposit(void)
{
    balance += 1; /* RACE(balance) */
}

static void withdraw(void)
{
    balance -= 1; /* RACE(balance) */
}

static void *depositor(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&deposit_lock);
        deposit();
        pthread_mutex_unlock(&deposit_lock);
        if (i == 0) {
            turn_pass(&first_rounds, 1);
            turn_wait(&first_rounds, 2);
        }
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

static void *withdrawer(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    turn_wait(&first_rounds, 1);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&withdraw_lock);
        withdraw();
        pthread_mutex_unlock(&withdraw_lock);
        if (i == 0)
            turn_pass(&first_rounds, 2);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    turn_init(&first_rounds);
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, depositor, NULL) != 0 ||
        pthread_create(&t2, NULL, withdrawer, NULL) != 0) {
        fprintf(stderr, "mutex_different: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("balance %ld\n", balance);
    return 0;
}
