/*
 * name: errno_per_thread
 * summary: two threads make system calls fail with different errors in turn and each reads errno afterwards, after the other's failure
 * verdict: race-free
 * category: libc
 * origin: C11 7.5p2: errno has thread storage duration
 * why: errno is a modifiable lvalue with thread storage duration (C11
 *      7.5p2; POSIX XSH 2.3), so each thread's failures write and its reads
 *      read its own errno object: no access of one thread conflicts with
 *      the other's, and there is no data race.
 *
 * The first thread closes a file descriptor that does not exist (EBADF);
 * then the second opens a path that does not exist (ENOENT); then the first
 * reads errno.  Were errno one global, as it was in single-threaded C
 * libraries, the first thread would read ENOENT, the second thread's error,
 * and the write and the read would race.  Turns (support/turn.h) fix the
 * order without creating any happens-before.  It prints "first thread saw
 * EBADF: yes".
 *
 * The writes are made inside libc; the reads in the program.  No detector
 * should report anything.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include "scale.h"
#include "turn.h"

static struct turn order; /* first fails, second fails, first reads */

static void *first(void *arg)
{
    int *saw = arg;

    if (close(-1) == 0)
        return NULL;
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    *saw = errno; /* NORACE(errno) */
    return NULL;
}

static void *second(void *arg)
{
    int *saw = arg;

    turn_wait(&order, 1);
    if (open("/nonexistent/file", O_RDONLY) < 0)
        *saw = errno; /* NORACE(errno) */
    turn_pass(&order, 2);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    int e1 = 0, e2 = 0;

    turn_init(&order);
    if (pthread_create(&b, NULL, second, &e2) != 0 ||
        pthread_create(&a, NULL, first, &e1) != 0) {
        fprintf(stderr, "errno_per_thread: cannot create threads\n");
        return 1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("first thread saw EBADF: %s, second ENOENT: %s\n", e1 == EBADF ? "yes" : "no",
           e2 == ENOENT ? "yes" : "no");
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
