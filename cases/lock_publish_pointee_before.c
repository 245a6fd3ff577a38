/*
 * name: lock_publish_pointee_before
 * summary: lock_publish_pointee with the record filled before the pointer is published under the mutex
 * verdict: race-free
 * category: detector-limits
 * origin: "the pointer is protected, so what it points to is too": a lock guards the accesses made while holding it, not the objects reached through them
 * why: the producer writes both fields before its unlock, and the
 *      consumer reads them after a lock that follows that unlock (it takes
 *      the pointer the producer published), so the unlock synchronizes with
 *      the lock (POSIX XBD 4.12) and the writes happen before the reads: no
 *      data race (C11 5.1.2.4p25).
 *
 * The fix of lock_publish_pointee: one statement moved, the total written
 * before the pointer is published.  The consumer reads the record outside
 * the lock, which is fine: what orders its reads is the lock it took to get
 * the pointer.  The same turn keeps the timing of the twin (it creates no
 * happens-before).  It prints "record 7: total 28".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "turn.h"

struct record {
    int id;
    long total;
};

static struct record *latest; /* guarded by lock */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct turn order;     /* the total is written, then the consumer looks */

static void *producer(void *arg)
{
    struct record *r = arg;

    r->id = 7;
    r->total = 28; /* NORACE(total) */
    pthread_mutex_lock(&lock);
    latest = r;
    pthread_mutex_unlock(&lock);
    turn_pass(&order, 1);
    return NULL;
}

static void *consumer(void *arg)
{
    long *total = arg;
    struct record *r;

    turn_wait(&order, 1);
    pthread_mutex_lock(&lock);
    r = latest;
    pthread_mutex_unlock(&lock);
    if (r != NULL) {
        printf("record %d: ", r->id);
        *total = r->total; /* NORACE(total) */
    }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long total = -1;
    struct record *r = malloc(sizeof *r);

    if (r == NULL)
        return 1;
    turn_init(&order);
    if (pthread_create(&c, NULL, consumer, &total) != 0 ||
        pthread_create(&p, NULL, producer, r) != 0) {
        fprintf(stderr, "lock_publish_pointee_before: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("total %ld\n", total);
    free(r);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
