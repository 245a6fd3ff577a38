/*
 * name: global_read_write
 * summary: one thread publishes its progress in a global while another samples it, 1000 times each, with no lock
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard catalog: unsynchronised globals
 * why: the worker writes progress and the monitor reads it, and nothing (no
 *      lock, no join between them, no atomic) orders the write before or after
 *      the read; a write and a conflicting read without a happens-before
 *      relation are a data race under C11 5.1.2.4p25.
 *
 * A progress bar: the worker stores how many steps it has done into progress
 * after each step, and a monitor thread samples it and keeps the highest
 * value it saw.  main prints that highest value; it is somewhere between 1
 * and 1000 and changes from run to run.  Reading a value that is "only for
 * display" is still a data race when another thread writes it.
 * global_read_write_locked is the same program with the fix, progress_lock
 * held around both accesses.
 *
 * The pair is the store in publish() (run only by the worker) and the load in
 * sample() (run only by the monitor).  DRD names only the later access of a
 * pair, so the first step of each loop is made in a fixed order with a turn
 * (support/turn.h): the worker publishes step 1, the monitor samples, then
 * the worker goes on.  The load thus comes after a store and a store after
 * the load on every run, and DRD names both lines.  A turn orders the steps
 * in time only; it creates no happens-before, so it hides nothing.  After
 * that the loops run freely; the barrier and the yields every 50 steps are
 * those of the locked twin, and let the loops overlap.  progress is volatile
 * only so that an optimising build does not hoist the monitor's load out of
 * its loop or merge the worker's stores; volatile orders nothing.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define STEPS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

static volatile int progress;
static int highest_seen; /* the monitor's; main reads it after the join */
static pthread_barrier_t start_line;
static struct turn first_steps; /* worker's step 1, monitor's sample 1, then free */

static void publish(int done)
{
    progress = done; /* RACE(progress) */
}

static int sample(void)
{
    return progress; /* RACE(progress) */
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < STEPS; i++) {
        publish(i + 1);
        if (i == 0) {
            turn_pass(&first_steps, 1);
            turn_wait(&first_steps, 2);
        }
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

static void *monitor(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    turn_wait(&first_steps, 1);
    for (int i = 0; i < STEPS; i++) {
        int seen = sample();
        if (i == 0)
            turn_pass(&first_steps, 2);
        if (seen > highest_seen)
            highest_seen = seen;
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    turn_init(&first_steps);
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, monitor, NULL) != 0) {
        fprintf(stderr, "global_read_write: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("monitor saw progress up to %d of %ld\n", highest_seen, STEPS);
    return 0;
}
