/*
 * name: handoff_pipe
 * summary: a producer writes a plain payload and then one byte into a pipe; the consumer blocks in read(2) on the pipe and then reads the payload
 * verdict: race-free
 * category: custom-sync
 * origin: the self-pipe idiom: threads (and event loops) woken through a pipe
 * flags: beyond-posix
 * why: POSIX XBD 4.12 does not list read() or write() among the functions
 *      that synchronize memory, so by POSIX alone the payload's accesses are
 *      unordered; this case is labelled by the model that a write(2) to a
 *      pipe synchronizes with the read(2) that returns its bytes, which
 *      Linux gives (the pipe's buffer is handed over under a lock in the
 *      kernel) and ThreadSanitizer assumes.  In that model the write of the
 *      payload happens before its read: no data race (C11 5.1.2.4p25).
 *
 * Flagged beyond-posix: the verdict rests on a model, named above, not on
 * the standards.  The consumer reads the payload only if read(2) returned
 * the byte, so a failed read reads nothing.  It prints "consumer read 42".
 * handoff_pipe_early_signal writes the byte before the payload.
 *
 * ThreadSanitizer intercepts read and write and orders a write to a file
 * descriptor before a later read from it, so it reports nothing.  Helgrind
 * and DRD know pthread synchronisation only; the kernel's ordering is
 * invisible to them and they report the payload.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "scale.h"
static long payload;
static int fds[2]; /* made by main before the threads exist */

static void *producer(void *arg)
{
    (void)arg;
    payload = 42; /* NORACE(payload) */
    if (write(fds[1], "x", 1) != 1)
        perror("write");
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;
    char byte;

    if (read(fds[0], &byte, 1) == 1)
        *seen = payload; /* NORACE(payload) */
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long seen = -1;

    if (pipe(fds) != 0) {
        perror("pipe");
        return 1;
    }
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "handoff_pipe: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
