/*
 * name: lifecycle_join
 * summary: main fills an input table before pthread_create, a worker sums it and publishes its progress, main reads the progress after pthread_join
 * verdict: race-free
 * category: thread-lifecycle
 * origin: racecard catalog: thread lifecycle
 * why: POSIX XBD 4.12 lists pthread_create and pthread_join among the
 *      functions that synchronise memory: main's writes before creating the
 *      worker happen before the worker's reads, and the worker's writes happen
 *      before main's reads after joining it, so no conflicting accesses are
 *      unordered (C11 5.1.2.4p25).
 *
 * The twin of lifecycle_join_early, which differs in one thing: where main
 * reads the worker's progress.  Here main reads it only after joining the
 * worker.  The input table is written before the worker exists and never
 * after, so reading it in the worker is ordered by creation.  As in the
 * twin, the worker raises a relaxed atomic flag when it is done and main
 * waits for it; the flag orders nothing (relaxed), the join does.  The
 * program prints the final sum, the same every run.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define NINPUT 64
#define ITERATIONS (4000 * scale_n) /* support/scale.h */

static int input[NINPUT];       /* written by main before the worker exists */
static volatile long progress;  /* the worker's running sum */
static struct turn done; /* raised when the worker is done (turn.h) */

static void put_input(int i, int v)
{
    input[i] = v; /* NORACE(input) */
}

static int get_input(int i)
{
    return input[i]; /* NORACE(input) */
}

static void publish(long v)
{
    progress = v; /* NORACE(progress) */
}

static long peek(void)
{
    return progress; /* NORACE(progress) */
}

static void *worker(void *arg)
{
    long sum = 0;

    (void)arg;
    for (int i = 0; i < ITERATIONS; i++) {
        sum += get_input(i % NINPUT);
        publish(sum);
    }
    turn_pass(&done, 1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    long seen;

    for (int i = 0; i < NINPUT; i++)
        put_input(i, i + 1);
    turn_init(&done);
    if (pthread_create(&t, NULL, worker, NULL) != 0) {
        fprintf(stderr, "lifecycle_join: cannot create a thread\n");
        return 1;
    }
    turn_wait(&done, 1);
    pthread_join(t, NULL);
    seen = peek();

    printf("progress read by main: %ld (%ld expected)\n", seen,
           (long)(ITERATIONS / NINPUT) * (NINPUT * (NINPUT + 1) / 2)
               + (long)(ITERATIONS % NINPUT) * (ITERATIONS % NINPUT + 1) / 2);
    return 0;
}
