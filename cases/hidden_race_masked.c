/*
 * name: hidden_race_masked
 * summary: an updater writes a limit unlocked, then logs under an unrelated mutex; a reader logs under it, then reads the limit; the updater logs first
 * verdict: race
 * category: hidden
 * flags: undetected
 * origin: predictive race detection: a race that a happens-before detector sees in one interleaving only (Smaragdakis, Evans, Sadowski, Yi, Flanagan, "Sound predictive race detection in polynomial time", POPL 2012)
 * why: C11 5.1.2.4p25 makes any execution with a data race undefined, so a
 *      program races if one of its executions does; in the execution where
 *      the reader's log comes first, log_lock orders nothing of the
 *      updater's before the reader's read, and the write and the read of
 *      limit are unordered.  The run forces the other order, but the program
 *      keeps that execution (see below).
 *
 * hidden_race_visible with the turns the other way round: the updater writes
 * the limit and logs, then the reader logs and reads.  A test run may well
 * see that order every time, and in it the updater's unlock of log_lock
 * synchronises with the reader's lock (POSIX XBD 4.12), so the write happens
 * before the read: this execution is race-free.  The program is not.  Which
 * log comes first is, in the program's logic, up to the scheduler, and
 * hidden_race_visible shows the execution that races.
 *
 * Every detector here misses it, and none of them is wrong about what it
 * saw.  ThreadSanitizer, Helgrind and DRD all build happens-before from the
 * execution they watch, with log_lock's unlock-to-lock edge in it; they do
 * not ask in what other order the critical sections could have run.
 * Helgrind's lock sets do not help: it reports only accesses that
 * happens-before leaves unordered, and then prints the locks held.  A
 * predictive detector (the causally-precedes relation of the origin, or its
 * successors) would report it, because the two critical sections touch
 * nothing in common (each thread counts its own log entries) and so need not
 * keep their order.
 *
 * The turn (support/turn.h) that forces the order is relaxed and creates no
 * happens-before, but a subtle point remains.  The reader takes the lock
 * only after reading the turn that the updater hands over after its unlock.
 * Were the reader's critical section first, its unlock would happen before
 * the updater's lock and so before that hand-over, and C11's read-write
 * coherence (5.1.2.4) forbids a read to take its value from a store it
 * happens before.  So in every execution in which the wait succeeds, the
 * racy order cannot occur.  The program keeps its race because the wait is
 * bounded: C11 promises no thread progress, so the reader may give up
 * waiting before the updater runs and log first, an allowed execution of
 * this program and a racy one.  With an unbounded wait this program would be
 * race-free.
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
static struct turn order;        /* updater writes and logs, reader logs and reads */

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
    set_limit(100);
    log_event(UPDATER);
    turn_pass(&order, 1);
    return NULL;
}

static void *reader(void *arg)
{
    int *seen = arg;

    turn_wait(&order, 1);
    log_event(READER);
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
        fprintf(stderr, "hidden_race_masked: cannot create threads\n");
        return 1;
    }
    pthread_join(u, NULL);
    pthread_join(r, NULL);

    printf("reader saw limit %d; log entries: updater %lu, reader %lu\n",
           seen, entries[UPDATER], entries[READER]);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
