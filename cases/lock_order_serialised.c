/*
 * name: lock_order_serialised
 * summary: a tenant thread pays rent locking tenant then landlord; a landlord thread, started after the tenant is joined, refunds a deposit locking landlord then tenant
 * verdict: race-free
 * category: misuse
 * origin: ThreadSanitizer's lock-order-inversion report; POSIX pthread_mutex_lock (deadlock when two threads wait for each other's mutex)
 * why: every balance access is made holding its account's mutex, and the
 *      second thread is created after the first is joined (POSIX XBD 4.12),
 *      so no accesses conflict unordered; the two mutexes are taken in
 *      opposite orders, which is a potential deadlock, not a data race.
 *
 * pay_rent() locks the tenant's account, then the landlord's;
 * refund_deposit() locks the landlord's, then the tenant's.  Were the two run
 * at the same time, each thread could hold its first mutex and wait forever
 * for the other's: the classic ABBA deadlock.  Here main joins the tenant
 * thread before it creates the landlord thread, so the run never deadlocks
 * and prints the same balances every time; the inversion is a bug all the
 * same, waiting for the day the threads overlap.
 *
 * A lock-order checker records, for each mutex taken while another is held,
 * the edge "held before taken", and reports a cycle in that graph whether or
 * not the threads ever ran together.  The two lines it names are the inner
 * locks, each taken while holding the other mutex; they are the BUG pair.
 * A detector that only reports deadlocks that happen, or that forgets lock
 * orders when a thread ends, sees nothing.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
struct account {
    pthread_mutex_t lock;
    long balance;
};

static struct account tenant = {PTHREAD_MUTEX_INITIALIZER, 1500};
static struct account landlord = {PTHREAD_MUTEX_INITIALIZER, 0};

static void move(struct account *from, struct account *to, long amount)
{
    from->balance -= amount; /* NORACE(balances) */
    to->balance += amount;   /* NORACE(balances) */
}

static void pay_rent(long amount)
{
    pthread_mutex_lock(&tenant.lock);
    pthread_mutex_lock(&landlord.lock); /* BUG(lock-order-inversion, abba) */
    move(&tenant, &landlord, amount);
    pthread_mutex_unlock(&landlord.lock);
    pthread_mutex_unlock(&tenant.lock);
}

static void refund_deposit(long amount)
{
    pthread_mutex_lock(&landlord.lock);
    pthread_mutex_lock(&tenant.lock); /* BUG(lock-order-inversion, abba) */
    move(&landlord, &tenant, amount);
    pthread_mutex_unlock(&tenant.lock);
    pthread_mutex_unlock(&landlord.lock);
}

static void *tenant_side(void *arg)
{
    (void)arg;
    pay_rent(1000);
    return NULL;
}

static void *landlord_side(void *arg)
{
    (void)arg;
    refund_deposit(300);
    return NULL;
}

/* Runs fn in a thread of its own and waits for it: one thread at a time. */
static int run_alone(void *(*fn)(void *))
{
    pthread_t t;

    if (pthread_create(&t, NULL, fn, NULL) != 0)
        return -1;
    return pthread_join(t, NULL) == 0 ? 0 : -1;
}

int main(void)
{
    if (run_alone(tenant_side) != 0 || run_alone(landlord_side) != 0) {
        fprintf(stderr, "lock_order_serialised: cannot run threads\n");
        return 1;
    }

    /* Both threads are joined: these reads are ordered after their writes. */
    printf("tenant %ld, landlord %ld\n", tenant.balance, landlord.balance);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
