/*
 * name: lifecycle_detached_condvar
 * summary: a detached worker computes a sum of squares and publishes it through a mutex-protected flag and a condition variable; main waits for the flag and prints the sum
 * verdict: race-free
 * category: thread-lifecycle
 * origin: racecard catalog: thread lifecycle
 * why: the worker writes the result before unlocking the mutex, and main
 *      reads it after locking the same mutex and finding the flag set;
 *      unlock synchronises memory with the next lock (POSIX XBD 4.12), so
 *      the write happens before the read (C11 5.1.2.4) and they do not race.
 *
 * The twin of lifecycle_detached_nosync, which differs in one thing: how
 * main learns that the result is there.  A detached thread cannot be
 * joined, so the end of the thread orders nothing; the result must be
 * published by something that synchronises.  Here that is the usual
 * pattern: the flag is only read and written with the mutex held, and main
 * waits on the condition variable in a loop that re-tests the flag, so a
 * wake-up that comes early, late or spuriously changes nothing.  main may
 * return while the worker is still unlocking the mutex; the worker touches
 * nothing after that.  The program prints 338350, the sum of the squares of
 * 1 to 100.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#define N 100

static long result;  /* the worker's answer */
static int done;     /* set when result is ready; under lock */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;

static void store_result(long v)
{
    result = v; /* NORACE(result) */
}

static long load_result(void)
{
    return result; /* NORACE(result) */
}

static void *worker(void *arg)
{
    long sum = 0;

    (void)arg;
    for (long i = 1; i <= N; i++)
        sum += i * i;
    store_result(sum);

    pthread_mutex_lock(&lock);
    done = 1; /* NORACE(done) */
    pthread_cond_signal(&ready);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_attr_t attr;

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, worker, NULL) != 0) {
        fprintf(stderr, "lifecycle_detached_condvar: cannot create a thread\n");
        return 1;
    }
    pthread_attr_destroy(&attr);

    pthread_mutex_lock(&lock);
    while (!done) /* NORACE(done) */
        pthread_cond_wait(&ready, &lock);
    pthread_mutex_unlock(&lock);

    printf("sum of squares 1..%d: %ld (%d expected)\n", N, load_result(),
           N * (N + 1) * (2 * N + 1) / 6);
    scale_busy(); /* the worker's loop is private arithmetic a compiler may fold: support/scale.h */
    return 0;
}
