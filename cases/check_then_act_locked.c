/*
 * name: check_then_act_locked
 * summary: two customers each withdraw 80 from a balance of 100, checking the balance in one locked section and debiting it in another; both debits go through
 * verdict: race-free
 * category: atomicity
 * origin: the check-then-act race condition (time of check to time of use); C11 5.1.2.4 and POSIX XBD 4.12 for why it is not a data race
 * flags: atomicity-violation
 * why: every access to balance is made holding account_lock, and the unlock
 *      that releases a mutex synchronises memory with the next lock that
 *      acquires it (POSIX XBD 4.12), so all accesses are ordered and there
 *      is no data race; the check and the debit are two critical sections,
 *      so the decision can rest on a balance that has changed since.
 *
 * A withdrawal is "if the balance covers the amount, debit it".  Each step is
 * locked, but the lock is dropped between them, so another withdrawal can
 * slip in after the check and before the debit.  Here both customers check
 * (100 covers 80 for each), then both debit, and the account ends at -60:
 * a race condition, an atomicity violation, with no data race anywhere.
 * The fix is to check and debit in one critical section.
 *
 * A barrier between the two steps makes that interleaving happen on every
 * run instead of now and then: both checks come before either debit.  The
 * barrier adds ordering, so it cannot hide a data race, and there is none to
 * hide.  A data-race detector is right to say nothing here; this is the kind
 * of bug it cannot see, shown so that a clean report is not mistaken for a
 * correct program.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#define OPENING 100
#define AMOUNT 80

static pthread_mutex_t account_lock = PTHREAD_MUTEX_INITIALIZER;
static long balance = OPENING;
static pthread_barrier_t both_checked;

static int can_afford(long amount)
{
    int enough;

    pthread_mutex_lock(&account_lock);
    enough = balance >= amount; /* NORACE(balance) */
    pthread_mutex_unlock(&account_lock);
    return enough;
}

static void debit(long amount)
{
    pthread_mutex_lock(&account_lock);
    balance -= amount; /* NORACE(balance) */
    pthread_mutex_unlock(&account_lock);
}

static void *customer(void *arg)
{
    int *paid = arg;
    int ok = can_afford(AMOUNT);

    pthread_barrier_wait(&both_checked); /* the window, held open */
    if (ok) {
        debit(AMOUNT);
        *paid = 1;
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    int paid1 = 0, paid2 = 0;

    if (pthread_barrier_init(&both_checked, NULL, 2) != 0) {
        fprintf(stderr, "check_then_act_locked: cannot make a barrier\n");
        return 1;
    }
    if (pthread_create(&t1, NULL, customer, &paid1) != 0 ||
        pthread_create(&t2, NULL, customer, &paid2) != 0) {
        fprintf(stderr, "check_then_act_locked: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&both_checked);

    printf("%d withdrawal(s) of %d from %d: balance %ld%s\n", paid1 + paid2, AMOUNT,
           OPENING, balance, balance < 0 ? " (overdrawn)" : "");
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
