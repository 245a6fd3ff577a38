/*
 * name: realloc_moves_buffer
 * summary: a reader reads a heap buffer through the pointer it was given; the owner then grows the buffer with realloc, which moves it and frees the old block, with nothing ordering the two
 * verdict: race
 * category: detector-limits
 * origin: realloc behind a reader's back, as in a growing vector shared between threads
 * why: realloc deallocates the old object (C11 7.22.3.5p2), and
 *      deallocation accesses the memory it frees (7.22.3p2); the reader's
 *      plain read of the old block is not ordered before it (the turn between
 *      them is relaxed), so the read and the realloc race (5.1.2.4p25).
 *
 * The owner allocates 16 bytes and hands the pointer to the reader at
 * pthread_create.  The reader reads the first byte, then a turn
 * (support/turn.h) lets the owner grow the buffer to 1 MB, above glibc's
 * mmap threshold (and Valgrind's realloc always moves), so realloc copies
 * and frees the old block.  The turn orders the two in time only.  The reader
 * never touches the buffer again, so nothing reads freed memory.  It prints
 * "reader saw 'v'".
 *
 * ThreadSanitizer's realloc frees the old block as a write of it and reports
 * the pair.  Helgrind and DRD do not treat a deallocation as an access unless
 * run with --free-is-write=yes, which they are not here (see
 * heap_free_after_read).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scale.h"
#include "turn.h"

static struct turn order; /* read, then realloc */

static void *reader(void *arg)
{
    const char *buf = arg;
    char seen = buf[0]; /* RACE(buf) */

    turn_pass(&order, 1);
    printf("reader saw '%c'\n", seen);
    return NULL;
}

static char *grow(char *buf, size_t size)
{
    return realloc(buf, size); /* RACE(buf) */
}

int main(void)
{
    pthread_t r;
    char *buf = malloc(16);

    if (buf == NULL)
        return 1;
    strcpy(buf, "vector");
    turn_init(&order);
    if (pthread_create(&r, NULL, reader, buf) != 0) {
        fprintf(stderr, "realloc_moves_buffer: cannot create a thread\n");
        return 1;
    }
    turn_wait(&order, 1);
    char *bigger = grow(buf, 1 << 20);
    pthread_join(r, NULL);
    if (bigger == NULL)
        return 1;
    free(bigger);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
