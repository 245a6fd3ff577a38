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
 * worker, so it sees one value, the final sum, every time (the program
 * prints "distinct values seen by main: 1").  The input table is written
 * before the worker exists and never after, so reading it in the worker is
 * ordered by creation.  Both threads meet at a barrier before the worker's
 * loop, as in the twin; here the barrier changes nothing.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>

#define NINPUT 64
#define ITERATIONS 4000
#define YIELD_EVERY 200

static int input[NINPUT];       /* written by main before the worker exists */
static volatile long progress;  /* the worker's running sum */
static pthread_barrier_t start_line;

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
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ITERATIONS; i++) {
        sum += get_input(i % NINPUT);
        publish(sum);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return NULL;
}

/* Reads the progress ITERATIONS times; returns how many values it saw. */
static int watch(long *last)
{
    int changes = 0;

    *last = -1;
    for (int i = 0; i < ITERATIONS; i++) {
        long v = peek();
        if (v != *last) {
            changes++;
            *last = v;
        }
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
    return changes;
}

int main(void)
{
    pthread_t t;
    long last;
    int seen;

    for (int i = 0; i < NINPUT; i++)
        put_input(i, i + 1);
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t, NULL, worker, NULL) != 0) {
        fprintf(stderr, "lifecycle_join: cannot create a thread\n");
        return 1;
    }
    pthread_barrier_wait(&start_line);
    pthread_join(t, NULL);
    seen = watch(&last);
    pthread_barrier_destroy(&start_line);

    printf("final progress: %ld (%ld expected)\n", last,
           (long)(ITERATIONS / NINPUT) * (NINPUT * (NINPUT + 1) / 2)
               + (long)(ITERATIONS % NINPUT) * (ITERATIONS % NINPUT + 1) / 2);
    printf("distinct values seen by main: %d\n", seen);
    return 0;
}
