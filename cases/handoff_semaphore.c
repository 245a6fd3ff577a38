/*
 * name: handoff_semaphore
 * summary: a producer fills a buffer and posts a semaphore; the consumer waits on the semaphore and sums the buffer
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: handoff
 * why: sem_post and sem_wait are among the functions that synchronize memory
 *      (POSIX XBD 4.12), and the consumer's sem_wait can only return after
 *      the producer's sem_post, so the buffer's writes happen before its reads
 *      (C11 5.1.2.4p25).
 *
 * A one-shot handoff with an unnamed semaphore that starts at 0: the
 * consumer's sem_wait blocks until the producer's sem_post, which comes after
 * the producer has filled the buffer.  No flag and no loop over a predicate
 * are needed because the semaphore counts the post even when it comes before
 * the wait; the loop around sem_wait only retries an interruption by a
 * signal (EINTR).  The program prints "consumer summed 4950".  Every
 * detector models POSIX semaphores and reports nothing.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include "scale.h"
#define N 100

static int buffer[N];
static sem_t filled;

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
    sem_post(&filled);
    return NULL;
}

static void *consumer(void *arg)
{
    long *result = arg;

    while (sem_wait(&filled) != 0 && errno == EINTR)
        continue;
    *result = sum();
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long result = 0;

    if (sem_init(&filled, 0, 0) != 0) {
        perror("handoff_semaphore: sem_init");
        return 1;
    }
    if (pthread_create(&c, NULL, consumer, &result) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "handoff_semaphore: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    sem_destroy(&filled);
    printf("consumer summed %ld (4950 expected)\n", result);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
