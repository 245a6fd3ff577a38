/*
 * name: memcached_curr_conns
 * summary: a worker opens and closes connections, counting them in curr_conns under the stats lock, while the listener reads curr_conns with no lock to decide whether to turn a new connection away
 * verdict: race
 * category: real-bug
 * origin: memcached pull request #573 (2019): drive_machine read stats_state.curr_conns (with reserved_fds) to decide whether a new connection exceeded maxconns without holding STATS_LOCK, while other threads changed it holding the lock; a maintainer answered that the unlocked read is harmless on 64-bit x86 but not on 32-bit systems
 * why: the worker changes curr_conns holding stats_lock, but the listener's
 *      read takes no lock, so no unlock synchronises with it (POSIX XBD
 *      4.12) and nothing else orders it with the worker's writes: a plain
 *      read and a plain write in different threads without happens-before,
 *      a data race under C11 5.1.2.4p25, however harmless the value read may
 *      look on one machine.
 *
 * memcached counts open connections in stats_state.curr_conns, changed under
 * STATS_LOCK when a connection is set up and torn down.  The listener
 * compares it with maxconns on each accept and rejects the connection when
 * the server is full; that comparison read the counter unlocked, to keep the
 * global lock off the accept path.  C11 gives such a read no value at all:
 * a data race is undefined behaviour, and on a 32-bit system a 64-bit count
 * can be read half old and half new.
 *
 * Here a worker serves a run of short connections, opening and closing
 * each, then opens one more and leaves it open; a turn (support/turn.h)
 * makes the listener's checks, a run of accepts, begin only after that last
 * open, in time only.  Every check reads the count unordered with the
 * worker's writes.  Nothing of the worker's follows the turn, so no detector
 * can see a write after a check in some runs and not in others; main closes
 * the last connection after joining both threads.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define CONNS 2000
#define MAXCONNS 4

struct stats_state {
    unsigned long curr_conns;   /* open connections */
    unsigned long reserved_fds; /* set by main before the threads exist */
};

static struct stats_state stats_state;
static unsigned long rejected_conns; /* under stats_lock */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static struct turn order;

/* conn_new (+1) and conn_close (-1) both count here, under the lock. */
static void stats_conns_adjust(long delta)
{
    pthread_mutex_lock(&stats_lock);
    stats_state.curr_conns += (unsigned long)delta; /* RACE(curr_conns) */
    pthread_mutex_unlock(&stats_lock);
}

/* The listener's test on accept: is the server full? */
static int server_full(void)
{
    return stats_state.curr_conns + stats_state.reserved_fds >= MAXCONNS - 1; /* RACE(curr_conns) */
}

static void *worker(void *arg)
{
    (void)arg;
    for (long c = 0; c < CONNS; c++) {
        stats_conns_adjust(1); /* a client connected */
        stats_conns_adjust(-1); /* and went away */
    }
    stats_conns_adjust(1); /* one that stays */
    turn_pass(&order, 1);
    return NULL;
}

static void *listener(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    for (long c = 0; c < CONNS; c++)
        if (server_full()) { /* another client knocks */
            pthread_mutex_lock(&stats_lock);
            rejected_conns++;
            pthread_mutex_unlock(&stats_lock);
        }
    return NULL;
}

int main(void)
{
    pthread_t w, l;

    turn_init(&order);
    stats_state.reserved_fds = 2;
    if (pthread_create(&w, NULL, worker, NULL) != 0 ||
        pthread_create(&l, NULL, listener, NULL) != 0) {
        fprintf(stderr, "memcached_curr_conns: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(l, NULL);
    stats_conns_adjust(-1); /* the last client leaves */

    printf("open connections at the end: %lu; rejected: %lu\n", stats_state.curr_conns,
           rejected_conns);
    scale_busy(); /* the loops are not scaled: that many more lock operations can make ThreadSanitizer miss the race, as in memcached_stats_init_order */
    return 0;
}
