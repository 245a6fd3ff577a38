/*
 * name: lifecycle_detached_nosync
 * summary: a detached worker computes a sum of squares and raises a relaxed atomic flag; main waits for the flag and reads the sum with nothing ordering it after the write
 * verdict: race
 * category: thread-lifecycle
 * origin: racecard catalog: thread lifecycle
 * why: the flag is a relaxed atomic, and relaxed operations create no
 *      happens-before (C11 7.17.3p1, 5.1.2.4); a detached thread is never
 *      joined (POSIX XBD 4.12), so nothing orders the worker's write of the
 *      result before main's read, and they race under C11 5.1.2.4p25.
 *
 * The twin of lifecycle_detached_condvar, which differs in one thing: how
 * main learns that the result is there.  Here the worker raises a relaxed
 * atomic flag and main polls it, yielding the CPU between polls.  That makes
 * main read the result after the worker wrote it, in time, on every run, so
 * the program prints 338350 in practice and every detector sees the same
 * thing; it does not make the write happen before the read in the sense of
 * the memory model, so it is still a data race.  The fix is to publish with
 * release/acquire or, as the twin does, with a mutex and a condition
 * variable.
 *
 * Both flag operations are read-modify-writes (fetch_add, with 0 on main's
 * side), the kind of atomic operation Valgrind's tools let race without a
 * report, so that Helgrind and DRD, which do not model C11 atomics, do not
 * report the flag itself; they treat it as no synchronisation, as the
 * memory model does.  The write always comes first in time, so DRD, which
 * names only the later access of a pair, always names the read.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#define N 100

static long result;      /* the worker's answer */
static atomic_int done;  /* raised when result is ready; relaxed */

static void store_result(long v)
{
    result = v; /* RACE(result) */
}

static long load_result(void)
{
    return result; /* RACE(result) */
}

static void *worker(void *arg)
{
    long sum = 0;

    (void)arg;
    for (long i = 1; i <= N; i++)
        sum += i * i;
    store_result(sum);

    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_attr_t attr;

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, worker, NULL) != 0) {
        fprintf(stderr, "lifecycle_detached_nosync: cannot create a thread\n");
        return 1;
    }
    pthread_attr_destroy(&attr);

    while (atomic_fetch_add_explicit(&done, 0, memory_order_relaxed) == 0)
        sched_yield();

    printf("sum of squares 1..%d: %ld (%d expected)\n", N, load_result(),
           N * (N + 1) * (2 * N + 1) / 6);
    scale_busy(); /* the worker's loop is private arithmetic a compiler may fold: support/scale.h */
    return 0;
}
