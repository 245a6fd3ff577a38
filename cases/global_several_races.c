/*
 * name: global_several_races
 * summary: two workers keep request statistics in three globals with no lock: three distinct races
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard catalog: unsynchronised globals
 * flags: atomicity-violation
 * why: requests, bytes and last_worker are each written by both threads, and
 *      no lock, join between them or atomic orders one thread's accesses
 *      before the other's; each variable is a separate set of conflicting
 *      accesses without happens-before, a data race under C11 5.1.2.4p25.
 *
 * Two workers serve requests and keep three statistics: a request counter
 * and a byte counter they both bump (read-modify-writes that lose updates)
 * and the number of the worker that touched the statistics last (a plain
 * store).  main prints the two counters, which often fall short of their
 * true totals (2000 requests, 49000 bytes), and the last worker.
 *
 * Three tags, one per variable, so a detector is scored on each race on its
 * own: a detector that stops at the first race in a program, or merges races
 * by address or by report, misses the others.  Each race is one line run by
 * both workers, tagged as racing with itself, so every detector sees each
 * tag whichever worker runs first.  The three variables sit in separate
 * 64-byte slots: ThreadSanitizer keeps a few shadow cells per 8 bytes, and
 * two variables sharing those cells could evict each other's history.  The
 * workers start at a barrier and yield every 50 rounds so their loops
 * overlap.  The globals are volatile only so that an optimising build keeps
 * one access per round; volatile orders nothing.
 * global_several_races_locked is the same program with the fix.
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
static pthread_barrier_t start_line;

static void count_request(void)
{
    requests += 1; /* RACE(requests, self) */
}

static void note_worker(int id)
{
    last_worker = id; /* RACE(last_worker, self) */
}

static void count_bytes(long size)
{
    bytes += size; /* RACE(bytes, self) */
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        count_request();
        note_worker(id);
        count_bytes(i % 50);
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
        fprintf(stderr, "global_several_races: cannot create threads\n");
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
