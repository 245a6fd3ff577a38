/*
 * name: mutex_unlock_unlocked
 * summary: a consumer thread drains a locked queue; on the empty-queue path its pop function releases the mutex early and then again on the common path
 * verdict: race-free
 * category: misuse
 * origin: ThreadSanitizer's unlock-of-an-unlocked-mutex report; POSIX pthread_mutex_unlock (EPERM for an error-checking mutex the caller does not own)
 * why: main fills the queue before creating the consumer and reads it after
 *      joining it, and the consumer's accesses are made holding the mutex,
 *      so everything shared is ordered (POSIX XBD 4.12); the bug is an
 *      unlock of a mutex the calling thread does not hold.
 *
 * queue_pop() takes the lock, and when the queue is empty it unlocks at
 * once and falls through to the unlock every path shares: the second unlock
 * hits a mutex nobody holds.  The consumer pops until the queue is empty, so
 * the bad unlock happens exactly once, on the last call, while no other
 * thread is running.
 *
 * The mutex is PTHREAD_MUTEX_ERRORCHECK on purpose.  For a default or normal
 * mutex the second unlock is undefined behaviour; glibc lets it through and
 * its user count goes wrong, so the final pthread_mutex_destroy fails with
 * EBUSY and detectors that watch return values add a finding that is only a
 * consequence; and had another thread held the mutex at that moment, the
 * unlock would have let a second thread into the critical section.  For an
 * error-checking mutex POSIX defines the outcome: the unlock fails with
 * EPERM and the mutex is left as it was, so the rest of the run is defined
 * and the same every time, and the program prints the EPERM.  The mutex
 * type does not hide the bug from a checker that tracks owners: the unlock
 * is still made by a thread that does not hold the mutex.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "scale.h"
#define ITEMS 100

struct queue {
    pthread_mutex_t lock;
    int items[ITEMS];
    int count;
};

static struct queue jobs;
static long total;       /* written by the consumer, read after the join */
static int unlock_error; /* likewise: what a failed unlock returned */

/* Takes the last item into *item; returns 0, or -1 when the queue is empty. */
static int queue_pop(struct queue *q, int *item)
{
    int got = -1, rc;

    pthread_mutex_lock(&q->lock);
    if (q->count == 0) {
        pthread_mutex_unlock(&q->lock); /* nothing to take: release early */
    } else {
        *item = q->items[--q->count]; /* NORACE(queue) */
        got = 0;
    }
    rc = pthread_mutex_unlock(&q->lock); /* BUG(unlock-unlocked-mutex) */
    if (rc != 0)
        unlock_error = rc;
    return got;
}

static void *consumer(void *arg)
{
    int item;

    (void)arg;
    while (queue_pop(&jobs, &item) == 0)
        total += item;
    return NULL;
}

/* An error-checking mutex: relocking or a foreign unlock fails, defined. */
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
    pthread_t t;

    if (init_errorcheck(&jobs.lock) != 0) {
        fprintf(stderr, "mutex_unlock_unlocked: cannot make a mutex\n");
        return 1;
    }
    for (int i = 0; i < ITEMS; i++)
        jobs.items[jobs.count++] = i + 1;
    if (pthread_create(&t, NULL, consumer, NULL) != 0 || pthread_join(t, NULL) != 0) {
        fprintf(stderr, "mutex_unlock_unlocked: cannot run the consumer\n");
        return 1;
    }
    if (pthread_mutex_destroy(&jobs.lock) != 0)
        fprintf(stderr, "mutex_unlock_unlocked: the mutex is still busy\n");

    printf("total %ld; a pop unlock failed: %s\n", total,
           unlock_error == EPERM ? "EPERM" : unlock_error == 0 ? "no" : strerror(unlock_error));
    scale_busy(); /* ITEMS is the queue's fixed size: support/scale.h */
    return 0;
}
