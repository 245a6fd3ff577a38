/*
 * name: global_several_races_locked
 * summary: two workers keep request statistics in three globals, every access under one mutex
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: unsynchronised globals, the fix
 * why: every access to requests, bytes and last_worker is made holding
 *      stats_lock, and POSIX (XBD 4.12) makes each pthread_mutex_unlock
 *      synchronise memory with the next pthread_mutex_lock of that mutex, so
 *      any two accesses from different threads are ordered.
 *
 * global_several_races with one difference: each worker takes stats_lock
 * around its round of statistics.  One lock for all three variables is
 * enough, because they are only ever touched together.  main prints
 * "requests 2000 of 2000, bytes 49000 of 49000" every time, and the last
 * worker, which depends on the scheduler.  A detector reporting any of the
 * three would be wrong.  The globals stay volatile and in separate 64-byte
 * slots only so that the twins differ in the lock alone.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#define ROUNDS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

/* Each statistic in its own 64-byte slot, as a real program would keep
   them apart to avoid false sharing. */
static _Alignas(64) volatile int requests;
static _Alignas(64) volatile int last_worker;
static _Alignas(64) volatile long bytes;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;

static void count_request(void)
{
    requests += 1; /* NORACE(requests) */
}

static void note_worker(int id)
{
    last_worker = id; /* NORACE(last_worker) */
}

static void count_bytes(long size)
{
    bytes += size; /* NORACE(bytes) */
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&stats_lock);
        count_request();
        note_worker(id);
        count_bytes(i % 50);
        pthread_mutex_unlock(&stats_lock);
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
        fprintf(stderr, "global_several_races_locked: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);

    printf("requests %d of %ld, bytes %ld of %ld, last worker %d\n",
           requests, 2 * ROUNDS, bytes, 2L * ROUNDS / 50 * (49 * 50 / 2),
           last_worker);
    return 0;
}
