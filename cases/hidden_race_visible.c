/*
 * name: hidden_race_visible
 * summary: an updater writes a limit unlocked, then logs under an unrelated mutex; a reader logs under it, then reads the limit; the reader logs first
 * verdict: race
 * category: hidden
 * origin: predictive race detection: a race that a happens-before detector sees in one interleaving only (Smaragdakis, Evans, Sadowski, Yi, Flanagan, "Sound predictive race detection in polynomial time", POPL 2012)
 * why: log_lock is the only synchronisation between the threads, and here the
 *      reader's unlock synchronises with the updater's later lock (POSIX XBD
 *      4.12), which orders the reader's log before the updater's but nothing
 *      of the updater's before the reader's read; the write and the read of
 *      limit are unordered, a data race under C11 5.1.2.4p25.
 *
 * The updater stores a new limit and then records that it did in a log that
 * log_lock guards; the reader records an event in the same log and then
 * reads the limit.  limit itself is never under a lock: the programmer
 * counted on the log's lock, which is not the limit's.  Each thread counts
 * its own entries, so the two critical sections touch nothing in common.
 *
 * Which log comes first decides what a happens-before detector can see.  If
 * the updater's comes first, its unlock orders everything it did before,
 * the write included, before the reader's lock and read: that execution has
 * no race, and hidden_race_masked forces it.  Here a turn (support/turn.h)
 * forces the other one: the reader logs first, then the updater writes and
 * logs, then the reader reads.  The only edge runs from the reader's unlock
 * to the updater's lock, the wrong way to order the write before the read,
 * so ThreadSanitizer and Helgrind report the pair and DRD names the read,
 * the later access.  The turn orders the steps in time only; it creates no
 * happens-before.  The program prints the limit the reader saw, which is
 * always the new one here: the race is in the missing ordering, not in the
 * value.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

enum { UPDATER, READER };

static int limit = 10;           /* set by main before the threads exist */
static unsigned long entries[2]; /* log entries per thread; guarded by log_lock */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static struct turn order;        /* reader logs, updater writes and logs, reader reads */

static void set_limit(int value)
{
    limit = value; /* RACE(limit) */
}

static int get_limit(void)
{
    return limit; /* RACE(limit) */
}

static void log_event(int who)
{
    pthread_mutex_lock(&log_lock);
    entries[who]++;
    pthread_mutex_unlock(&log_lock);
}

static void *updater(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    set_limit(100);
    log_event(UPDATER);
    turn_pass(&order, 2);
    return NULL;
}

static void *reader(void *arg)
{
    int *seen = arg;

    log_event(READER);
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    *seen = get_limit();
    return NULL;
}

int main(void)
{
    pthread_t u, r;
    int seen = 0;

    turn_init(&order);
    if (pthread_create(&u, NULL, updater, NULL) != 0 ||
        pthread_create(&r, NULL, reader, &seen) != 0) {
        fprintf(stderr, "hidden_race_visible: cannot create threads\n");
        return 1;
    }
    pthread_join(u, NULL);
    pthread_join(r, NULL);

    printf("reader saw limit %d; log entries: updater %lu, reader %lu\n",
           seen, entries[UPDATER], entries[READER]);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
