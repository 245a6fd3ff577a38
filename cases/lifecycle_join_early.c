/*
 * name: lifecycle_join_early
 * summary: main fills an input table before pthread_create, a worker sums it and publishes its progress, main reads the progress before pthread_join
 * verdict: race
 * category: thread-lifecycle
 * origin: racecard catalog: thread lifecycle
 * why: the worker writes progress and main reads it while the worker is
 *      still running; pthread_join (POSIX XBD 4.12) orders only what comes
 *      after it, and nothing else orders these conflicting accesses, so they
 *      are a data race under C11 5.1.2.4p25.
 *
 * The twin of lifecycle_join, which differs in one thing: main reads the
 * worker's progress before joining it instead of after.  It sees the sum
 * grow (the program prints how many distinct values it saw, usually many),
 * and nothing makes any of those values meaningful.  The input table is
 * still written before pthread_create and only read by the worker: that
 * part is race-free and no detector should name it.
 *
 * The race has two sides, publish() in the worker and peek() in main, and
 * each thread runs only its own.  Both threads meet at a barrier and yield
 * every 200 iterations so that the loops overlap even under Valgrind, which
 * runs one thread at a time; DRD, which names only the later access of a
 * pair, then names both lines.  Neither orders the loops.
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
    progress = v; /* RACE(progress) */
}

static long peek(void)
{
    return progress; /* RACE(progress) */
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
        fprintf(stderr, "lifecycle_join_early: cannot create a thread\n");
        return 1;
    }
    pthread_barrier_wait(&start_line);
    seen = watch(&last);
    pthread_join(t, NULL);
    pthread_barrier_destroy(&start_line);

    printf("last progress seen: %ld (final: %ld)\n", last,
           (long)(ITERATIONS / NINPUT) * (NINPUT * (NINPUT + 1) / 2)
               + (long)(ITERATIONS % NINPUT) * (ITERATIONS % NINPUT + 1) / 2);
    printf("distinct values seen by main: %d\n", seen);
    return 0;
}
