/*
 * name: lifecycle_join_early
 * summary: main fills an input table before pthread_create, a worker sums it and publishes its progress, main reads the progress before pthread_join
 * verdict: race
 * category: thread-lifecycle
 * origin: racecard catalog: thread lifecycle
 * why: the worker writes progress and main reads it before joining the
 *      worker; pthread_join (POSIX XBD 4.12) orders only what comes after it,
 *      and the relaxed flag main waits for creates no happens-before (C11
 *      7.17.3p1), so the conflicting accesses race under C11 5.1.2.4p25.
 *
 * The twin of lifecycle_join, which differs in one thing: main reads the
 * worker's progress before joining it instead of after.  main first waits
 * for a relaxed atomic flag that the worker raises when it has finished, so
 * in time the read always comes after every write: the program prints the
 * right sum and every detector sees the same order on every run (DRD, which
 * names only the later access of a pair, always names the read).  That order
 * is not happens-before, and without the flag main would read a sum still
 * growing.  The flag's operations are read-modify-writes, which Valgrind's
 * tools neither report nor treat as synchronisation.  The input table is
 * written before pthread_create and only read by the worker: that part is
 * race-free and no detector should name it.
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
        fprintf(stderr, "lifecycle_join_early: cannot create a thread\n");
        return 1;
    }
    turn_wait(&done, 1);
    seen = peek();
    pthread_join(t, NULL);

    printf("progress read by main: %ld (%ld expected)\n", seen,
           (long)(ITERATIONS / NINPUT) * (NINPUT * (NINPUT + 1) / 2)
               + (long)(ITERATIONS % NINPUT) * (ITERATIONS % NINPUT + 1) / 2);
    return 0;
}
