/*
 * name: mutex_destroy_locked
 * summary: a producer thread fills a locked queue; after joining it, main's teardown locks the queue to read it and destroys the mutex without unlocking it first
 * verdict: race-free
 * category: misuse
 * origin: ThreadSanitizer's destroy-of-a-locked-mutex report; POSIX pthread_mutex_destroy ("attempting to destroy a locked mutex ... results in undefined behavior")
 * why: the producer's queue writes are made holding the mutex and main's
 *      reads come after pthread_join (and under the mutex too), both of which
 *      synchronise memory (POSIX XBD 4.12), so there is no data race; the
 *      bug is destroying a mutex that is still locked, undefined behaviour.
 *
 * queue_close() is the teardown: it takes the lock so that it reads a
 * settled count, marks the queue closed, and destroys the mutex, but the
 * unlock that should come before the destroy is missing.  POSIX leaves the
 * outcome undefined; glibc checks for it and returns EBUSY, leaving the
 * mutex locked and alive, which the program prints.  Nothing uses the mutex
 * after that: an unlock or a second destroy of a mutex after a destroy is
 * itself undefined, and the teardown only shows the one bug.
 *
 * The producer has been joined before the teardown, so the destroy never
 * competes with a lock in another thread and the finding is the same on
 * every run.  A checker that tracks who holds each mutex sees the destroy of
 * a held one on the marked line.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "scale.h"
#define ITEMS 100
#define CAPACITY 128

struct queue {
    pthread_mutex_t lock;
    int items[CAPACITY];
    int count;
    int closed;
};

static struct queue jobs;

static void queue_push(struct queue *q, int item)
{
    pthread_mutex_lock(&q->lock);
    if (q->count < CAPACITY)
        q->items[q->count++] = item; /* NORACE(queue) */
    pthread_mutex_unlock(&q->lock);
}

/* Tears the queue down; returns the count left in it, or -1. */
static int queue_close(struct queue *q)
{
    int left, rc;

    pthread_mutex_lock(&q->lock);
    left = q->count; /* NORACE(queue) */
    q->closed = 1;
    rc = pthread_mutex_destroy(&q->lock); /* BUG(destroy-locked-mutex) */
    if (rc != 0) {
        printf("teardown: pthread_mutex_destroy: %s\n", strerror(rc));
        return -1;
    }
    return left;
}

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITEMS; i++)
        queue_push(&jobs, i);
    return NULL;
}

int main(void)
{
    pthread_t t;
    int left;

    if (pthread_mutex_init(&jobs.lock, NULL) != 0) {
        fprintf(stderr, "mutex_destroy_locked: cannot make a mutex\n");
        return 1;
    }
    if (pthread_create(&t, NULL, producer, NULL) != 0 || pthread_join(t, NULL) != 0) {
        fprintf(stderr, "mutex_destroy_locked: cannot run the producer\n");
        return 1;
    }
    left = queue_close(&jobs);
    if (left >= 0)
        printf("closed with %d items left\n", left);
    scale_busy(); /* ITEMS must fit the queue's CAPACITY: support/scale.h */
    return 0;
}
