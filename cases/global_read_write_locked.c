/*
 * name: global_read_write_locked
 * summary: one thread publishes its progress in a global while another samples it, 1000 times each, both holding one mutex
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: unsynchronised globals, the fix
 * why: the store and every load of progress are made holding progress_lock,
 *      and POSIX (XBD 4.12) makes each pthread_mutex_unlock synchronise memory
 *      with the next pthread_mutex_lock of that mutex, so every read is
 *      ordered before or after every write.
 *
 * A worker publishes its progress and a monitor samples it, both taking
 * progress_lock around their access.  The monitor still sees some value
 * between 0 and 1000, but each one it sees is a value the worker stored, and
 * a detector reporting publish() or sample() would be wrong.  progress is
 * volatile only so that a racy twin would differ in the lock alone.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#define STEPS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

static volatile int progress;
static int highest_seen; /* the monitor's; main reads it after the join */
static pthread_mutex_t progress_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;

static void publish(int done)
{
    progress = done; /* NORACE(progress) */
}

static int sample(void)
{
    return progress; /* NORACE(progress) */
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < STEPS; i++) {
        pthread_mutex_lock(&progress_lock);
        publish(i + 1);
        pthread_mutex_unlock(&progress_lock);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

static void *monitor(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < STEPS; i++) {
        pthread_mutex_lock(&progress_lock);
        int seen = sample();
        pthread_mutex_unlock(&progress_lock);
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

    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, monitor, NULL) != 0) {
        fprintf(stderr, "global_read_write_locked: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("monitor saw progress up to %d of %ld\n", highest_seen, STEPS);
    return 0;
}
