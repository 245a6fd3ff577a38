/*
 * name: memcached_started_expanding
 * summary: a clock thread checks and sets the hash table's started_expanding flag and reads hashpower with no lock, while the maintenance thread, holding its lock, grows the table and clears the flag
 * verdict: race
 * category: real-bug
 * origin: memcached issue #567 (2019, fixed by pull request #569 in 1.5.20): assoc_start_expand, called from the clock handler, read and wrote the started_expanding flag (and read hashpower) without taking maintenance_lock, which the maintenance thread held when it wrote them
 * why: the maintenance thread writes started_expanding and hashpower under
 *      maintenance_lock, but the clock thread never takes that lock, so no
 *      unlock of it synchronises with anything the clock thread does (POSIX
 *      XBD 4.12); its later check, set and read of those plain variables are
 *      unordered with the maintenance thread's writes: data races under C11
 *      5.1.2.4p25.
 *
 * memcached grows its hash table in a maintenance thread.  The clock handler
 * asks for a growth by calling assoc_start_expand(), which returns at once if
 * started_expanding is set and otherwise, when the table is too full, sets it
 * and wakes the maintenance thread.  The maintenance thread, which holds
 * maintenance_lock while it works, doubles the table (hashpower goes up by
 * one) and clears started_expanding before it waits again.  The flag was read
 * and written on the clock side with no lock at all.
 *
 * Here the clock thread ticks and the maintenance thread waits on a
 * semaphore (memcached signals a condition variable; a semaphore cannot lose
 * the wake-up).  sem_post and sem_wait order the clock's set before the
 * maintenance thread's work, so that direction is fine; nothing orders the
 * maintenance thread's writes before the clock's next tick.  After each
 * growth a turn (support/turn.h) makes the next tick wait until the
 * maintenance thread is done, in time only, so the clock's next check and set
 * of the flag and its next read of hashpower always come after the
 * maintenance thread's writes: the check and the set each race with the
 * clear, the read with the increment.  The table stops growing at
 * HASHPOWER_MAX; the remaining ticks only check.  memcached_started_expanding_fixed
 * is the project's fix.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"
#include "untracked.h"

#define HASHPOWER_DEFAULT 16
#define HASHPOWER_MAX 24
#define TICKS 4000
#define hashsize(n) (1UL << (n))

static pthread_mutex_t maintenance_lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t maintenance_wakeup;          /* stands for maintenance_cond */
static bool started_expanding;            /* the flag of the bug */
static unsigned int hashpower = HASHPOWER_DEFAULT;
static atomic_int stop;                   /* set by main after the clock is joined */
static struct turn order;                 /* each growth ends before the next tick */

/* The clock side: asks for a growth when the table is over 1.5 full. */
static bool assoc_start_expand(unsigned long curr_items)
{
    if (started_expanding) /* RACE(flag_check) */
        return false;
    if (curr_items > hashsize(hashpower) * 3 / 2 && hashpower < HASHPOWER_MAX) { /* RACE(hashpower) */
        started_expanding = true; /* RACE(flag_set) */
        sem_post(&maintenance_wakeup);
        return true;
    }
    return false;
}

static void *clock_handler(void *arg)
{
    unsigned long curr_items = hashsize(HASHPOWER_MAX) * 4; /* always too full */
    int growths = 0;

    (void)arg;
    for (long tick = 0; tick < TICKS; tick++)
        if (assoc_start_expand(curr_items))
            turn_wait(&order, ++growths);
    return NULL;
}

static void *assoc_maintenance_thread(void *arg)
{
    int growths = 0;

    (void)arg;
    for (;;) {
        sem_wait(&maintenance_wakeup);
        if (atomic_load_explicit(&stop, memory_order_relaxed))
            break;
        pthread_mutex_lock(&maintenance_lock);
        hashpower++; /* RACE(hashpower) */
        started_expanding = false; /* RACE(flag_check) RACE(flag_set) */
        pthread_mutex_unlock(&maintenance_lock);
        turn_pass(&order, ++growths);
    }
    return NULL;
}

int main(void)
{
    pthread_t clock, maintenance;

    turn_init(&order);
    UNTRACKED(stop);
    if (sem_init(&maintenance_wakeup, 0, 0) != 0) {
        fprintf(stderr, "memcached_started_expanding: cannot make a semaphore\n");
        return 1;
    }
    if (pthread_create(&maintenance, NULL, assoc_maintenance_thread, NULL) != 0 ||
        pthread_create(&clock, NULL, clock_handler, NULL) != 0) {
        fprintf(stderr, "memcached_started_expanding: cannot create threads\n");
        return 1;
    }
    pthread_join(clock, NULL);
    atomic_store_explicit(&stop, 1, memory_order_relaxed);
    sem_post(&maintenance_wakeup);
    pthread_join(maintenance, NULL);

    printf("hashpower %u (%d expected)\n", hashpower, HASHPOWER_MAX);
    sem_destroy(&maintenance_wakeup);
    scale_busy(); /* the ticks are not scaled, as in the _fixed twin, whose trylocks would */
    return 0;
}
