/*
 * name: cancel_cleanup_unlock
 * summary: a worker waits on a condition variable holding a mutex, with a cleanup handler that unlocks it; main cancels the worker in the wait, joins it and then takes the mutex to update the data the worker wrote
 * verdict: race-free
 * category: thread-lifecycle
 * origin: POSIX XSH 2.9.5 (thread cancellation) and pthread_cleanup_push: a thread cancelled in pthread_cond_wait gets the mutex back before its cleanup handlers run
 * why: the worker writes shared holding the mutex; pthread_cond_wait, a
 *      cancellation point, re-acquires the mutex before acting on the
 *      cancel, and the cleanup handler releases it; main then joins the
 *      worker, which synchronizes memory (POSIX XBD 4.12), and locks the
 *      mutex itself, so the worker's write happens before main's accesses:
 *      no data race (C11 5.1.2.4p25).
 *
 * The worker writes shared, raises a state flag, and waits for state 2,
 * which never comes: main cancels it instead.  Cancellation acts inside
 * pthread_cond_wait, after the mutex has been taken back, so without a
 * cleanup handler the worker would die holding the mutex and main's
 * pthread_mutex_lock after the join would never return (which is why this
 * case has no racy twin: that program hangs).  With the handler the mutex is
 * released as the worker unwinds.  It prints "shared 43, worker canceled".
 *
 * What to look at: a detector must follow the mutex through the cancelled
 * wait and the cleanup handler, which glibc runs while unwinding, and the
 * join of a cancelled thread.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int state;   /* guarded by lock: 1 once the worker waits */
static long shared; /* guarded by lock */

static void unlock_mutex(void *m)
{
    pthread_mutex_unlock(m);
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    pthread_cleanup_push(unlock_mutex, &lock);
    shared = 42; /* NORACE(shared) */
    state = 1;
    pthread_cond_broadcast(&changed);
    while (state != 2)
        pthread_cond_wait(&changed, &lock);
    pthread_cleanup_pop(1);
    return NULL;
}

int main(void)
{
    pthread_t w;
    void *result;

    if (pthread_create(&w, NULL, worker, NULL) != 0) {
        fprintf(stderr, "cancel_cleanup_unlock: cannot create a thread\n");
        return 1;
    }
    pthread_mutex_lock(&lock);
    while (state != 1)
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
    pthread_cancel(w);
    pthread_join(w, &result);
    pthread_mutex_lock(&lock);
    shared += 1; /* NORACE(shared) */
    pthread_mutex_unlock(&lock);
    printf("shared %ld, worker %s\n", shared, result == PTHREAD_CANCELED ? "canceled" : "finished");
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
