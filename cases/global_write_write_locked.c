/*
 * name: global_write_write_locked
 * summary: two threads each store their own number into one global, 1000 times each, holding one mutex
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: unsynchronised globals, the fix
 * why: every store to last_writer is made holding note_lock, and POSIX
 *      (XBD 4.12) makes each pthread_mutex_unlock synchronise memory with the
 *      next pthread_mutex_lock of that mutex, so any two stores are ordered.
 *
 * global_write_write with one difference: each worker takes note_lock around
 * its store.  The output is still "thread 1" or "thread 2" (which one depends
 * on the scheduler), but now the stores are ordered and the program has no
 * data race; a detector reporting note_writer() would be wrong.  last_writer
 * stays volatile only so that the twins differ in the lock alone.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#define STEPS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

static volatile int last_writer;
static pthread_mutex_t note_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;

static void note_writer(int id)
{
    last_writer = id; /* NORACE(last_writer) */
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < STEPS; i++) {
        pthread_mutex_lock(&note_lock);
        note_writer(id);
        pthread_mutex_unlock(&note_lock);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, worker, (void *)(intptr_t)1) != 0 ||
        pthread_create(&t2, NULL, worker, (void *)(intptr_t)2) != 0) {
        fprintf(stderr, "global_write_write_locked: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    /* Both workers are joined, so this read is ordered after every store. */
    printf("last writer: thread %d\n", last_writer);
    return 0;
}
