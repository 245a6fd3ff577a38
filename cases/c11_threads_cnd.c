/*
 * name: c11_threads_cnd
 * summary: a producer fills a buffer and raises a ready flag under a C11 mtx_t and signals a cnd_t; the consumer waits in cnd_wait in a predicate loop and sums the buffer
 * verdict: race-free
 * category: c11-threads
 * origin: C11 <threads.h>: handoff_condvar with mtx_t and cnd_t
 * why: the producer writes the buffer and the flag before its mtx_unlock,
 *      and the consumer reads them after a mtx_lock (or the relock inside
 *      cnd_wait) that follows it, so the unlock synchronizes with that lock
 *      (C11 7.26.4.1p2, 5.1.2.4p6) and the writes happen before the reads:
 *      no data race (5.1.2.4p25).
 *
 * handoff_condvar with C11's mtx_t and cnd_t.  The predicate loop makes
 * it correct whichever thread runs first.  glibc builds mtx_lock, mtx_unlock
 * and cnd_wait on its pthread functions, called internally: ThreadSanitizer
 * does not see them and reports the flag and the buffer, false positives;
 * Helgrind and DRD wrap the functions inside libc and report nothing.  It
 * prints "sum 4950".
 *
 * The threads are started with pthread_create, not thrd_create: on this
 * system (glibc 2.36) every ThreadSanitizer build and DRD die of SIGSEGV on
 * thrd_create.  glibc's thrd_create calls its internal __pthread_create_2_1
 * with its own marker (pthread_attr_t *)-1 for the attributes:
 * ThreadSanitizer, which intercepts the exported pthread_create, never
 * learns of the thread and crashes at its first instrumented access; DRD's
 * wrapper does catch the call and crashes reading the marker as attributes.
 * glibc's thrd_t is a pthread_t, so mixing the two is allowed there.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <pthread.h>
#include <threads.h>
#include "scale.h"
#define N 100

static int buffer[N];
static int ready; /* guarded by lock */
static mtx_t lock;
static cnd_t filled;

static void *producer(void *arg)
{
    (void)arg;
    mtx_lock(&lock);
    for (int i = 0; i < N; i++)
        buffer[i] = i; /* NORACE(buffer) */
    ready = 1; /* NORACE(ready) */
    cnd_signal(&filled);
    mtx_unlock(&lock);
    return 0;
}

static void *consumer(void *arg)
{
    long *sum = arg;

    mtx_lock(&lock);
    while (!ready) /* NORACE(ready) */
        cnd_wait(&filled, &lock);
    mtx_unlock(&lock);
    for (int i = 0; i < N; i++)
        *sum += buffer[i]; /* NORACE(buffer) */
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long sum = 0;

    if (mtx_init(&lock, mtx_plain) != thrd_success || cnd_init(&filled) != thrd_success ||
        pthread_create(&c, NULL, consumer, &sum) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "c11_threads_cnd: cannot start\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    cnd_destroy(&filled);
    mtx_destroy(&lock);
    printf("sum %ld\n", sum);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
