/*
 * name: mutex_double_lock
 * summary: two threads credit one account through a function that locks an error-checking mutex its caller already holds; the inner lock fails with EDEADLK
 * verdict: race-free
 * category: misuse
 * origin: ThreadSanitizer's and Helgrind's double-lock reports; POSIX pthread_mutex_lock (a normal mutex relocked by its owner deadlocks; an error-checking one returns EDEADLK)
 * why: every access to balance and refused is made holding account_lock, and
 *      the unlock that releases a mutex synchronises memory with the next
 *      lock that acquires it (POSIX XBD 4.12), so there is no data race; the
 *      bug is a thread locking a non-recursive mutex it already holds.
 *
 * mutex_recursive without the recursive mutex.  account_credit() takes
 * account_lock; account_credit_pair() takes it too and calls
 * account_credit() twice while holding it, so the inner lock is a relock by
 * the owner.  With a default or normal mutex that lock would wait for
 * itself forever (or be undefined); the mutex here is
 * PTHREAD_MUTEX_ERRORCHECK so that the relock returns EDEADLK at once and
 * the program ends on every run.  account_credit() checks the return value
 * and gives up on the credit rather than unlock a mutex it did not lock, so
 * the one bug stays one bug: main prints "balance 0 of 40" and forty refused
 * credits.
 *
 * Both tellers reach the relock on the same line, one pair at a time under
 * the outer lock, so the finding is the same whichever runs first.  A
 * checker that records the owner of each mutex at lock time sees the owner
 * ask again; one that only tracks locks that succeed sees nothing, since the
 * relock never takes the mutex.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#define PAIRS (10 * scale_n) /* support/scale.h */

static pthread_mutex_t account_lock; /* error-checking, set up in main */
static long balance;
static int refused;

static int account_credit(long amount)
{
    int rc = pthread_mutex_lock(&account_lock); /* BUG(double-lock) */

    if (rc != 0)
        return rc; /* not locked by this call: do not unlock */
    balance += amount; /* NORACE(account) */
    pthread_mutex_unlock(&account_lock);
    return 0;
}

static void account_credit_pair(long amount)
{
    pthread_mutex_lock(&account_lock);
    for (int i = 0; i < 2; i++)
        if (account_credit(amount) == EDEADLK)
            refused++; /* NORACE(account) */
    pthread_mutex_unlock(&account_lock);
}

static void *teller(void *arg)
{
    (void)arg;
    for (int i = 0; i < PAIRS; i++)
        account_credit_pair(1);
    return NULL;
}

static int init_errorcheck(pthread_mutex_t *m)
{
    pthread_mutexattr_t attr;
    int rc;

    if (pthread_mutexattr_init(&attr) != 0)
        return -1;
    rc = pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    if (rc == 0)
        rc = pthread_mutex_init(m, &attr);
    pthread_mutexattr_destroy(&attr);
    return rc == 0 ? 0 : -1;
}

int main(void)
{
    pthread_t t1, t2;

    if (init_errorcheck(&account_lock) != 0) {
        fprintf(stderr, "mutex_double_lock: cannot make a mutex\n");
        return 1;
    }
    if (pthread_create(&t1, NULL, teller, NULL) != 0 ||
        pthread_create(&t2, NULL, teller, NULL) != 0) {
        fprintf(stderr, "mutex_double_lock: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_mutex_destroy(&account_lock);

    printf("balance %ld of %ld; %d credits refused with EDEADLK\n", balance,
           2 * 2 * PAIRS, refused);
    return 0;
}
