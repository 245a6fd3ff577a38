/*
 * name: read_into_buffer
 * summary: a loader read(2)s a record from a pipe into a shared buffer while a reader, later in time but unordered, reads the buffer
 * verdict: race
 * category: detector-limits
 * origin: races on memory the kernel writes: a detector has to treat a system call's output buffer as written by the calling thread
 * why: read() stores the bytes it returns into the buffer on behalf of the
 *      calling thread, so it writes the buffer as a plain store would
 *      (POSIX XSH read); the reader's plain read of the buffer conflicts
 *      with it and nothing orders the two (the turn between them is
 *      relaxed): a data race (C11 5.1.2.4p25).
 *
 * The writes are made by the kernel, where no instrumentation reaches.
 * ThreadSanitizer's read() interceptor marks the buffer as written by the
 * caller once the call returns; Valgrind sees the system call's output
 * through its syscall wrappers.  main writes the record into the pipe before
 * the threads exist; a turn (support/turn.h) makes the reader read the
 * buffer after the loader's read(2) returned, without creating any
 * happens-before.  It prints "reader saw 'R'".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "scale.h"
#include "turn.h"

#define SIZE 16

static char buffer[SIZE];
static int fds[2];        /* made and filled by main before the threads exist */
static struct turn order; /* the loader reads, then the reader looks */

static void *loader(void *arg)
{
    (void)arg;
    if (read(fds[0], buffer, SIZE) != SIZE) /* RACE(buffer) */
        perror("read");
    turn_pass(&order, 1);
    return NULL;
}

static void *reader(void *arg)
{
    char *seen = arg;

    turn_wait(&order, 1);
    *seen = buffer[0]; /* RACE(buffer) */
    return NULL;
}

int main(void)
{
    static const char record[SIZE] = "RECORD 1";
    pthread_t l, r;
    char seen = '?';

    turn_init(&order);
    if (pipe(fds) != 0 || write(fds[1], record, SIZE) != SIZE) {
        perror("pipe");
        return 1;
    }
    if (pthread_create(&r, NULL, reader, &seen) != 0 ||
        pthread_create(&l, NULL, loader, NULL) != 0) {
        fprintf(stderr, "read_into_buffer: cannot create threads\n");
        return 1;
    }
    pthread_join(l, NULL);
    pthread_join(r, NULL);
    printf("reader saw '%c'\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
