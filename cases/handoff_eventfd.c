/*
 * name: handoff_eventfd
 * summary: a producer writes a plain payload and then adds 1 to an eventfd counter; the consumer blocks in read(2) on the eventfd and then reads the payload
 * verdict: race-free
 * category: custom-sync
 * origin: Linux eventfd(2), the wake-up object of event loops and thread pools
 * flags: beyond-posix
 * why: eventfd is Linux's, not POSIX's, and POSIX XBD 4.12 lists no read() or
 *      write() among the functions that synchronize memory; this case is
 *      labelled by the model that a write(2) to an eventfd synchronizes with
 *      the read(2) that returns its count, which Linux gives (the counter is
 *      updated and read under a lock in the kernel) and ThreadSanitizer
 *      assumes.  In that model the payload's write happens before its read:
 *      no data race (C11 5.1.2.4p25).
 *
 * handoff_pipe with an eventfd: an 8-byte counter instead of a byte stream,
 * one file descriptor instead of two.  The consumer reads the payload only
 * if read(2) returned a count.  It prints "consumer read 42".
 *
 * ThreadSanitizer orders writes to a file descriptor before later reads from
 * it (it knows eventfd descriptors by their creation) and reports nothing.
 * Helgrind and DRD know nothing of the kernel's ordering and report the
 * payload.
 */
#define _GNU_SOURCE

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include "scale.h"
static long payload;
static int efd; /* made by main before the threads exist */

static void *producer(void *arg)
{
    uint64_t one = 1;

    (void)arg;
    payload = 42; /* NORACE(payload) */
    if (write(efd, &one, sizeof one) != sizeof one)
        perror("write");
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;
    uint64_t count;

    if (read(efd, &count, sizeof count) == sizeof count)
        *seen = payload; /* NORACE(payload) */
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long seen = -1;

    efd = eventfd(0, 0);
    if (efd < 0) {
        perror("eventfd");
        return 1;
    }
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "handoff_eventfd: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
