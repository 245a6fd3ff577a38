/*
 * name: lock_publish_pointee
 * summary: a producer publishes a pointer to a new record under a mutex and goes on filling the record after unlocking; a consumer takes the pointer under the mutex and reads the record
 * verdict: race
 * category: detector-limits
 * origin: "the pointer is protected, so what it points to is too": a lock guards the accesses made while holding it, not the objects reached through them
 * why: the producer's write of the record's total comes after its unlock, so
 *      the unlock-to-lock synchronisation (POSIX XBD 4.12) orders only what
 *      came before it; the consumer's read of the total, after its lock,
 *      is not ordered after that write: a data race (C11 5.1.2.4p25).
 *
 * The producer mallocs a record, writes its id, publishes the pointer in
 * `latest` under `lock`, unlocks, and then computes and stores the record's
 * total.  The consumer locks, takes `latest`, unlocks, and reads both
 * fields.  The id is safe (written before the unlock); the total is not.  A
 * turn (support/turn.h) makes the consumer take the pointer only after the
 * producer has written the total, without creating any happens-before, so
 * the pointer is always there and DRD names the read, the later access.
 * lock_publish_pointee_before writes the total before publishing.  It prints
 * "record 7: total 28".
 *
 * The pointer itself never races, and every detector sees that; what it has
 * to notice is that the lock that orders the pointer does not order the
 * total, which Helgrind's lock sets (empty for the producer's write) and the
 * happens-before detectors both do.
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
    pthread_mutex_lock(&lock);
    latest = r;
    pthread_mutex_unlock(&lock);
    r->total = 28; /* RACE(total) */
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
        *total = r->total; /* RACE(total) */
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
        fprintf(stderr, "lock_publish_pointee: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("total %ld\n", total);
    free(r);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
