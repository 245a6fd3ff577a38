/*
 * name: atomic_rmw_plain_read
 * summary: a worker counts events with an atomic fetch_add; a reporter reads the counter through a plain long in a union instead of with an atomic load
 * verdict: race
 * category: atomics
 * origin: reading an atomic counter "cheaply" through a non-atomic alias
 * why: the fetch_add modifies the counter and the reporter's plain read of
 *      the same bytes is not an atomic operation, so the two conflict (C11
 *      5.1.2.4p4); only conflicting accesses that are all atomic are exempt
 *      from data races, and nothing orders these (the turn between them is
 *      relaxed): a data race (5.1.2.4p25).
 *
 * A union lays a plain long over the atomic_long the worker counts in; the
 * reporter reads the plain member because an atomic load "costs more" (on
 * x86 both are a mov).  A turn (support/turn.h) runs the counting first,
 * without creating any happens-before.  It prints "reporter saw 1000".
 * atomic_rmw_atomic_read is the fix.
 *
 * What to look at: the write side is a locked read-modify-write.
 * ThreadSanitizer knows it as an atomic write and reports the plain read
 * against it.  Helgrind and DRD do not model C11 atomics and instrument a
 * locked instruction as a read: to them this is a read against a read, which
 * never conflicts, and they miss the race.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define EVENTS (1000 * scale_n) /* support/scale.h */

static union {
    atomic_long counted; /* what the worker updates */
    long raw;            /* what the reporter reads */
} stats;
static struct turn order; /* count, then report */

static void count_event(void)
{
    atomic_fetch_add_explicit(&stats.counted, 1, memory_order_relaxed); /* RACE(stats) */
}

static long read_count(void)
{
    return stats.raw; /* RACE(stats) */
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < EVENTS; i++)
        count_event();
    turn_pass(&order, 1);
    return NULL;
}

static void *reporter(void *arg)
{
    long *seen = arg;

    turn_wait(&order, 1);
    *seen = read_count();
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    long seen = -1;

    turn_init(&order);
    if (pthread_create(&r, NULL, reporter, &seen) != 0 ||
        pthread_create(&w, NULL, worker, NULL) != 0) {
        fprintf(stderr, "atomic_rmw_plain_read: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("reporter saw %ld\n", seen);
    return 0;
}
