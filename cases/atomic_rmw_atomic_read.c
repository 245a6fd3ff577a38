/*
 * name: atomic_rmw_atomic_read
 * summary: atomic_rmw_plain_read with the reporter reading the counter with a relaxed atomic load
 * verdict: race-free
 * category: atomics
 * origin: the fix of atomic_rmw_plain_read
 * why: both accesses to the counter are atomic operations, and
 *      conflicting atomic operations never form a data race, whatever their
 *      memory order (C11 5.1.2.4p25).
 *
 * The same program as atomic_rmw_plain_read with the reporter's read made
 * with atomic_load_explicit(..., memory_order_relaxed); the union's plain
 * member is no longer read.  The same turn runs the counting first.  It
 * prints "reporter saw 1000".
 *
 * No detector reports anything: ThreadSanitizer sees two atomic accesses,
 * and Helgrind and DRD see a locked instruction (a read, to them) and a
 * plain mov read.
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
    long raw;            /* not used to read here */
} stats;
static struct turn order; /* count, then report */

static void count_event(void)
{
    atomic_fetch_add_explicit(&stats.counted, 1, memory_order_relaxed); /* NORACE(stats) */
}

static long read_count(void)
{
    return atomic_load_explicit(&stats.counted, memory_order_relaxed); /* NORACE(stats) */
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
        fprintf(stderr, "atomic_rmw_atomic_read: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("reporter saw %ld\n", seen);
    return 0;
}
