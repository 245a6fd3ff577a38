/*
 * name: memcached_started_expanding_fixed
 * summary: memcached_started_expanding as fixed: the clock thread takes maintenance_lock with trylock before it checks the table and sets started_expanding, and skips the tick when the lock is busy
 * verdict: race-free
 * category: real-bug
 * origin: memcached pull request #569 (2019, released in 1.5.20), the fix of issue #567: assoc_start_expand does its check and sets the flag only after a successful pthread_mutex_trylock of maintenance_lock, and dropped the unlocked early return on started_expanding
 * why: every access to started_expanding and hashpower is now made holding
 *      maintenance_lock, and a successful trylock synchronises memory with the
 *      unlock before it like a lock does (POSIX XBD 4.12), so each access is
 *      ordered with every other one: no data race (C11 5.1.2.4p25).
 *
 * The program of memcached_started_expanding with the fix.  The clock thread
 * no longer reads the flag on its own; it tries maintenance_lock, and if the
 * maintenance thread holds it (a growth is under way) it simply lets the
 * tick pass, as the fixed memcached does.  When it gets the lock it checks
 * the table, sets the flag and wakes the maintenance thread inside the
 * critical section.  The maintenance thread's unlock after a growth now
 * synchronises with the clock's next successful trylock, which orders its
 * writes before the clock's next check.  The turn still makes each tick after
 * a growth wait for its end, so the trylock never finds the lock busy and
 * the run is the same every time; it orders nothing in memory.
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
static bool started_expanding;            /* under maintenance_lock now */
static unsigned int hashpower = HASHPOWER_DEFAULT;
static atomic_int stop;                   /* set by main after the clock is joined */
static struct turn order;                 /* each growth ends before the next tick */

/* The clock side: asks for a growth when the table is over 1.5 full, only
   while it holds maintenance_lock; a busy lock means a growth is running. */
static bool assoc_start_expand(unsigned long curr_items)
{
    bool started = false;

    if (pthread_mutex_trylock(&maintenance_lock) == 0) {
        if (curr_items > hashsize(hashpower) * 3 / 2 && hashpower < HASHPOWER_MAX) { /* NORACE(hashpower) */
            started_expanding = true; /* NORACE(flag) */
            sem_post(&maintenance_wakeup);
            started = true;
        }
        pthread_mutex_unlock(&maintenance_lock);
    }
    return started;
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
        hashpower++; /* NORACE(hashpower) */
        started_expanding = false; /* NORACE(flag) */
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
        fprintf(stderr, "memcached_started_expanding_fixed: cannot make a semaphore\n");
        return 1;
    }
    if (pthread_create(&maintenance, NULL, assoc_maintenance_thread, NULL) != 0 ||
        pthread_create(&clock, NULL, clock_handler, NULL) != 0) {
        fprintf(stderr, "memcached_started_expanding_fixed: cannot create threads\n");
        return 1;
    }
    pthread_join(clock, NULL);
    atomic_store_explicit(&stop, 1, memory_order_relaxed);
    sem_post(&maintenance_wakeup);
    pthread_join(maintenance, NULL);

    printf("hashpower %u (%d expected)\n", hashpower, HASHPOWER_MAX);
    sem_destroy(&maintenance_wakeup);
    scale_busy(); /* the ticks are not scaled: thousands of times more trylocks outlast Valgrind's time limit */
    return 0;
}
