/*
 * name: atomic_mixed_init
 * summary: a worker counts events with atomic_fetch_add; a monitor then resets the atomic counter with atomic_init, a non-atomic store
 * verdict: race
 * category: atomics
 * origin: racecard catalog: atomics
 * why: atomic_init initialises an atomic object non-atomically and "does not
 *      avoid data races" (C11 7.17.2.2p2); with nothing ordering it after the
 *      worker's atomic_fetch_add on the same object, the two are conflicting
 *      accesses, one of them not atomic, and neither happens before the
 *      other, which makes a data race (5.1.2.4p25).
 *
 * Mixing plain and atomic access to one object.  An atomic object is only
 * race-proof while every access to it is an atomic operation; atomic_init
 * is the standard's own example of one that is not, and "reset the stats
 * with atomic_init" is an easy mistake.  The worker counts 1000 events with
 * relaxed atomic_fetch_add, then raises a `go` token (a turn of turn.h: it
 * fixes the interleaving so that the reset always comes after the counting,
 * and orders nothing).  The monitor, once it has the token, reads the count
 * with an atomic load, which does not race, and resets it with atomic_init,
 * which does.  It prints "monitor saw 1000 events, counter reset to 0".
 * atomic_store_explicit(&events, 0, memory_order_relaxed) would be the
 * race-free reset.
 *
 * How atomic_init is compiled decides what a detector can see.  clang's
 * <stdatomic.h> maps it to __c11_atomic_init, a plain store, and
 * ThreadSanitizer built with clang reports the pair.  gcc's <stdatomic.h>
 * defines atomic_init as a relaxed atomic_store_explicit, so the gcc build
 * contains no non-atomic access and ThreadSanitizer built with gcc cannot
 * report it (a false negative of the build, not of the detector).  Helgrind
 * and DRD run the gcc -O0 build, where that relaxed store is a plain move,
 * and the locked add looks to them like a plain read: they report the pair
 * (DRD only the reset, always the later access).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define EVENTS (1000 * scale_n) /* support/scale.h */

static atomic_long events; /* statistics: events counted by the worker */
static struct turn go;      /* fixes the interleaving; orders nothing */

static void count_event(void)
{
    atomic_fetch_add_explicit(&events, 1, memory_order_relaxed); /* RACE(events) */
}

static void reset_events(void)
{
    atomic_init(&events, 0); /* RACE(events) */
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < EVENTS; i++)
        count_event();
    turn_pass(&go, 1);
    return NULL;
}

static void *monitor(void *arg)
{
    long *seen = arg;

    if (turn_wait(&go, 1)) {
        *seen = atomic_load_explicit(&events, memory_order_relaxed);
        reset_events();
        return NULL;
    }
    *seen = -1;
    return NULL;
}

int main(void)
{
    pthread_t w, m;
    long seen = 0;

    turn_init(&go);
    if (pthread_create(&m, NULL, monitor, &seen) != 0 ||
        pthread_create(&w, NULL, worker, NULL) != 0) {
        fprintf(stderr, "atomic_mixed_init: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(m, NULL);
    if (seen < 0) {
        fprintf(stderr, "atomic_mixed_init: no go\n");
        return 1;
    }
    printf("monitor saw %ld events, counter reset to %ld\n", seen,
           atomic_load_explicit(&events, memory_order_relaxed));
    return 0;
}
