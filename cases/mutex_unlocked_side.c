/*
 * name: mutex_unlocked_side
 * summary: a depositor holding a mutex and a withdrawer holding none update one balance 1000 times each
 * verdict: race
 * category: mutex
 * origin: racecard catalog: lock patterns
 * flags: atomicity-violation
 * why: a mutex orders only the accesses of threads that hold it (POSIX XBD
 *      4.12: unlock synchronises memory with a later lock of the same mutex);
 *      the withdrawer never locks ledger_lock, so nothing orders its updates
 *      against the depositor's, a data race under C11 5.1.2.4p25.
 *
 * mutex_same with one difference: the withdrawer forgets to take ledger_lock.
 * Locking one side protects nothing; updates can be lost and main may print
 * a balance other than 0.  The race is between the add in deposit() (run
 * only by the depositor, always under the lock) and the subtract in
 * withdraw() (run only by the withdrawer, never under it).
 *
 * DRD names only the later access of a pair, so the first round of each
 * thread is made in a fixed order with a turn (support/turn.h): one deposit,
 * then one withdrawal, then the depositor goes on.  A withdrawal thus comes
 * after a deposit and a deposit after a withdrawal on every run, and DRD
 * names both lines.  The turn orders the rounds in time only; it creates no
 * happens-before.  The barrier and the yields every 50 rounds are those of
 * mutex_same.  balance is volatile only so that an optimising build does not
 * fold the unlocked loop into one subtract per 50 rounds; volatile orders
 * nothing.
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
static pthread_mutex_t ledger_lock = PTHREAD_MUTEX_INITIALIZER;
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
        pthread_mutex_lock(&ledger_lock);
        deposit();
        pthread_mutex_unlock(&ledger_lock);
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
        withdraw();
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
        fprintf(stderr, "mutex_unlocked_side: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("balance %ld\n", balance);
    return 0;
}
