/*
 * name: memcached_stats_init_order
 * summary: main starts the logger thread, which adds to a statistics counter under the stats lock, and only then initialises the statistics with no lock
 * verdict: race
 * category: real-bug
 * origin: memcached pull request #575 (2019, merged): main called stats_init() after starting the logger thread, whose logger_thread_sum_stats() could already be adding to the statistics under the stats lock, while stats_init() wrote them without it; the fix moved stats_init() one line up, before the thread starts
 * why: the logger thread's update holds stats_lock, but main's
 *      initialisation takes no lock and comes after the pthread_create that
 *      started the logger, so nothing orders the two (pthread_create orders
 *      only what main did before it, POSIX XBD 4.12): conflicting accesses
 *      to log_worker_dropped with no happens-before, a data race under C11
 *      5.1.2.4p25.  An order violation: the programmer meant the
 *      initialisation to come first.
 *
 * memcached's main started its logger thread and then called stats_init(),
 * which sets the global statistics to their starting values.  The logger
 * thread periodically sums what the worker threads' loggers dropped into the
 * global statistics, correctly holding the stats lock, but the lock does not
 * help when the other side does not take it.  A maintainer noted that in
 * practice the early sums add zeros (no worker thread exists yet); the
 * accesses race all the same.
 *
 * A turn (support/turn.h) makes the logger's sums all come before main's
 * initialisation, which then wipes them; nothing orders the sums before it.
 * The turn orders in time only, and nothing waits on a turn after the
 * racing write, so a detector's time spent reporting it delays no one.  The
 * counter ends at zero instead of the number of sums.
 * memcached_stats_init_order_fixed initialises before starting the thread.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define SUMS 20000

struct stats {
    unsigned long log_worker_dropped; /* summed from the workers' loggers */
};

static struct stats stats;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static struct turn order; /* the sums, then the initialisation */

static void stats_init(void)
{
    stats.log_worker_dropped = 0; /* RACE(dropped) */
}

/* One pass of the logger thread: adds what a worker's logger dropped. */
static void logger_thread_sum_stats(unsigned long dropped)
{
    pthread_mutex_lock(&stats_lock);
    stats.log_worker_dropped += dropped; /* RACE(dropped) */
    pthread_mutex_unlock(&stats_lock);
}

static void *logger_thread(void *arg)
{
    (void)arg;
    for (long i = 0; i < SUMS; i++)
        logger_thread_sum_stats(1);
    turn_pass(&order, 1);
    return NULL;
}

int main(void)
{
    pthread_t logger;

    turn_init(&order);
    if (pthread_create(&logger, NULL, logger_thread, NULL) != 0) {
        fprintf(stderr, "memcached_stats_init_order: cannot create the logger thread\n");
        return 1;
    }
    turn_wait(&order, 1);
    stats_init(); /* too late: the logger has been summing */
    pthread_join(logger, NULL);

    printf("dropped log lines counted: %lu of %ld\n", stats.log_worker_dropped, (long)SUMS);
    scale_busy(); /* the sums are not scaled: at 100 times as many, clang 16's ThreadSanitizer missed the race */
    return 0;
}
