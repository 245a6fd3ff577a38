/*
 * name: handoff_pipe_early_signal
 * summary: handoff_pipe with the byte written into the pipe before the payload: the consumer is woken, then the producer writes the payload it reads
 * verdict: race
 * category: custom-sync
 * origin: the self-pipe idiom, signalled too early
 * why: even in the model in which a write(2) to a pipe synchronizes with the
 *      read(2) that returns its bytes (see handoff_pipe), the payload is
 *      written after the write(2), so nothing orders it before the
 *      consumer's read; and POSIX alone orders nothing here (XBD 4.12).  In
 *      either model the plain write and read of the payload race (C11
 *      5.1.2.4p25).
 *
 * No beyond-posix flag: the verdict is the same whether or not a pipe
 * synchronizes.  The producer writes the byte and only then the payload; a
 * turn (support/turn.h) makes the consumer read the payload after the
 * producer has written it, so that DRD names the same line on every run; the
 * turn creates no happens-before.  It prints "consumer read 42".
 *
 * Every detector reports the pair: ThreadSanitizer's pipe edge runs from the
 * write(2) to the read(2), before the payload's write; Helgrind and DRD see
 * no ordering at all (DRD names the read, the later access).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "scale.h"
#include "turn.h"

static long payload;
static int fds[2];        /* made by main before the threads exist */
static struct turn order; /* payload written, then read */

static void *producer(void *arg)
{
    (void)arg;
    if (write(fds[1], "x", 1) != 1)
        perror("write");
    payload = 42; /* RACE(payload) */
    turn_pass(&order, 1);
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;
    char byte;

    if (read(fds[0], &byte, 1) == 1) {
        turn_wait(&order, 1);
        *seen = payload; /* RACE(payload) */
    }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long seen = -1;

    turn_init(&order);
    if (pipe(fds) != 0) {
        perror("pipe");
        return 1;
    }
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "handoff_pipe_early_signal: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return seen == 42 ? 0 : 1;
}
