/*
 * name: byte_word_overlap
 * summary: one thread sets the top byte of a 32-bit status word through a union while another thread stores the whole word
 * verdict: race
 * category: detector-limits
 * origin: mixed-size plain accesses: a detector has to match a 1-byte access against a 4-byte one that contains it
 * why: the byte store modifies one byte of the memory location the word
 *      store modifies, so the two conflict (C11 5.1.2.4p4); both are plain
 *      and nothing orders them (the turn between them is relaxed): a data
 *      race (5.1.2.4p25).
 *
 * A union lays four bytes over a uint32_t.  The marker thread sets byte 3
 * (a "dirty" mark in the top byte); the resetter stores 0 into the whole
 * word.  A turn (support/turn.h) fixes the order: mark, reset, mark again;
 * it creates no happens-before, and DRD, which names the later access of a
 * pair, names both lines on every run.  byte_word_adjacent is the twin whose
 * byte and word do not overlap.  It prints "status 0x1000000".
 *
 * ThreadSanitizer keeps the offset and size of each access in its shadow
 * cells of 8 bytes and compares ranges, so it matches the two; Helgrind and
 * DRD track memory byte by byte.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

static union {
    uint32_t word;
    unsigned char byte[4];
} status;
static struct turn order; /* mark, reset, mark */

static void mark(void)
{
    status.byte[3] = 1; /* RACE(status) */
}

static void reset(void)
{
    status.word = 0; /* RACE(status) */
}

static void *marker(void *arg)
{
    (void)arg;
    mark();
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    mark();
    return NULL;
}

static void *resetter(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    reset();
    turn_pass(&order, 2);
    return NULL;
}

int main(void)
{
    pthread_t m, r;

    turn_init(&order);
    if (pthread_create(&m, NULL, marker, NULL) != 0 ||
        pthread_create(&r, NULL, resetter, NULL) != 0) {
        fprintf(stderr, "byte_word_overlap: cannot create threads\n");
        return 1;
    }
    pthread_join(m, NULL);
    pthread_join(r, NULL);
    printf("status %#x\n", (unsigned)status.word);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
