/*
 * name: memcached_stats_init_order_fixed
 * summary: memcached_stats_init_order as fixed: main initialises the statistics before it starts the logger thread, which adds to them under the stats lock
 * verdict: race-free
 * category: real-bug
 * origin: memcached pull request #575 (2019, merged), the fix of memcached_stats_init_order's bug: stats_init() moved before the logger thread is started
 * why: main's unlocked initialisation now comes before pthread_create, which
 *      orders everything main did before it before everything the new
 *      thread does (POSIX XBD 4.12), and the logger's sums are ordered with
 *      each other by stats_lock and with main's final read by pthread_join:
 *      no data race (C11 5.1.2.4p25).
 *
 * The program of memcached_stats_init_order with stats_init() moved above
 * pthread_create, which is all the fix was.  The turn is kept so that the
 * two programs run the same steps in the same order in time; it orders
 * nothing in memory.  The counter now ends at the number of sums.
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
static struct turn order; /* the sums, then main goes on, as in the bug */

static void stats_init(void)
{
    stats.log_worker_dropped = 0; /* NORACE(dropped) */
}

/* One pass of the logger thread: adds what a worker's logger dropped. */
static void logger_thread_sum_stats(unsigned long dropped)
{
    pthread_mutex_lock(&stats_lock);
    stats.log_worker_dropped += dropped; /* NORACE(dropped) */
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
    stats_init(); /* the fix: before the logger thread exists */
    if (pthread_create(&logger, NULL, logger_thread, NULL) != 0) {
        fprintf(stderr, "memcached_stats_init_order_fixed: cannot create the logger thread\n");
        return 1;
    }
    turn_wait(&order, 1);
    pthread_join(logger, NULL);

    printf("dropped log lines counted: %lu of %ld\n", stats.log_worker_dropped, (long)SUMS);
    scale_busy(); /* the sums are not scaled, as in memcached_stats_init_order, where they would lose its race */
    return 0;
}
