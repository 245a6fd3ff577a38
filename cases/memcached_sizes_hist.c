/*
 * name: memcached_sizes_hist
 * summary: two worker threads store and expire items of the same size, each holding its own item lock, and count them in and out of a shared size histogram
 * verdict: race
 * category: real-bug
 * origin: memcached issue #1051 (2023): with track_sizes, the counts of "stats sizes" went to 4294967295 after every item had expired, because the histogram's increments and decrements were not synchronised; the project documented the counts as approximate (pull request #1053, 1.6.22) rather than lock them
 * flags: atomicity-violation
 * why: each worker holds only the lock of its own item, so the two workers'
 *      read-modify-writes of the same histogram bucket are ordered by no
 *      common lock, creation or join (POSIX XBD 4.12): conflicting accesses
 *      without happens-before, a data race under C11 5.1.2.4p25; updates
 *      are lost and the unsigned count can wrap below zero.
 *
 * memcached can keep a histogram of the sizes of the items it holds: a
 * bucket goes up when an item of that size is linked and down when it is
 * unlinked.  A worker thread links and unlinks an item holding that item's
 * lock, one of many striped by key hash, so two items of the same size on
 * two workers are under two different locks and the bucket under none.  The
 * report saw buckets at 2^32 - 1 with no item left: a decrement that
 * overwrote an increment, then a decrement below zero.
 *
 * Here two workers each link and unlink items of the same size many times
 * under their own item lock, all through one helper whose single line is the
 * read-modify-write of the bucket, so the line races with itself whatever
 * the interleaving.  They start at a barrier, which orders nothing after it,
 * and yield now and then so that the loops overlap under Valgrind too.
 * Every link is matched by an unlink, so the bucket should end at zero;
 * main prints what it holds.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"

#define WORKERS 2
#define ROUNDS 20000
#define ITEM_SIZE 96
#define BUCKET_WIDTH 32
#define BUCKETS 16

static unsigned int stats_sizes_hist[BUCKETS];
static pthread_mutex_t item_locks[WORKERS] = {PTHREAD_MUTEX_INITIALIZER,
                                              PTHREAD_MUTEX_INITIALIZER};
static pthread_barrier_t start_line;

/* item_stats_sizes_add (delta 1) and _remove (delta -1) in one line. */
static void item_stats_sizes_adjust(unsigned int size, int delta)
{
    stats_sizes_hist[size / BUCKET_WIDTH] += (unsigned int)delta; /* RACE(hist, self) */
}

static void *worker(void *arg)
{
    pthread_mutex_t *item_lock = arg; /* the stripe this worker's items hash to */

    pthread_barrier_wait(&start_line);
    for (long i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(item_lock);
        item_stats_sizes_adjust(ITEM_SIZE, 1); /* do_item_link */
        pthread_mutex_unlock(item_lock);
        pthread_mutex_lock(item_lock);
        item_stats_sizes_adjust(ITEM_SIZE, -1); /* do_item_unlink: expired */
        pthread_mutex_unlock(item_lock);
        if (i % 256 == 0)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t threads[WORKERS];

    pthread_barrier_init(&start_line, NULL, WORKERS);
    for (int w = 0; w < WORKERS; w++)
        if (pthread_create(&threads[w], NULL, worker, &item_locks[w]) != 0) {
            fprintf(stderr, "memcached_sizes_hist: cannot create worker %d\n", w);
            return 1;
        }
    for (int w = 0; w < WORKERS; w++)
        pthread_join(threads[w], NULL);

    printf("STAT %d %u (0 expected)\n", ITEM_SIZE / BUCKET_WIDTH * BUCKET_WIDTH,
           stats_sizes_hist[ITEM_SIZE / BUCKET_WIDTH]);
    pthread_barrier_destroy(&start_line);
    scale_busy(); /* the rounds are not scaled: thousands of times more lock operations outlast Valgrind's time limit */
    return 0;
}
