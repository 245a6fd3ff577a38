/*
 * name: handoff_condvar
 * summary: a producer fills a buffer, sets a ready flag under a mutex and signals; the consumer waits on the condition variable in a predicate loop and sums the buffer
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: handoff
 * why: the flag is only read and written with the mutex held, and the
 *      producer's unlock synchronizes with the consumer's later lock,
 *      including the re-lock inside pthread_cond_wait (POSIX XBD 4.12), so the
 *      buffer's writes happen before its reads (C11 5.1.2.4p25).
 *
 * The textbook condition-variable handoff.  The consumer holds the mutex and
 * waits while `ready` is 0, re-checking after every wake-up: a wait can
 * return spuriously, and the signal may come before the consumer waits at
 * all, which the predicate covers (the consumer then never waits).  The
 * producer writes the buffer, then sets `ready` under the mutex and signals.
 * The consumer reads the buffer after it saw `ready`, and prints
 * "consumer summed 4950".  The buffer itself is written outside the mutex:
 * what orders it is the mutex that the flag is under, not the condition
 * variable, which only saves the consumer from spinning.  Every detector
 * models mutexes and condition variables and reports nothing.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#define N 100

static int buffer[N];
static int ready; /* guarded by lock */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t filled = PTHREAD_COND_INITIALIZER;

static void fill(void)
{
    for (int i = 0; i < N; i++)
        buffer[i] = i; /* NORACE(buffer) */
}

static long sum(void)
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += buffer[i]; /* NORACE(buffer) */
    return s;
}

static void *producer(void *arg)
{
    (void)arg;
    fill();
    pthread_mutex_lock(&lock);
    ready = 1; /* NORACE(ready) */
    pthread_cond_signal(&filled);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg)
{
    long *result = arg;

    pthread_mutex_lock(&lock);
    while (!ready) /* NORACE(ready) */
        pthread_cond_wait(&filled, &lock);
    pthread_mutex_unlock(&lock);
    *result = sum();
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long result = 0;

    if (pthread_create(&c, NULL, consumer, &result) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "handoff_condvar: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer summed %ld (4950 expected)\n", result);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
