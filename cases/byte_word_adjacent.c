/*
 * name: byte_word_adjacent
 * summary: byte_word_overlap with the byte moved out of the word: one thread sets a byte, the other stores the 32-bit word beside it, within one 8-byte block
 * verdict: race-free
 * category: detector-limits
 * origin: mixed-size plain accesses: neighbours within one word of the detector's shadow
 * why: the byte and the word are distinct memory locations (C11 3.14,
 *      5.1.2.4p4: different non-bit-field members), so the stores to them do
 *      not conflict, whatever the timing: no data race.
 *
 * The same threads and turns as byte_word_overlap, but the mark byte is a
 * struct member of its own, followed by three spare bytes and the word: the
 * two stores touch different bytes of the same aligned 8-byte block.  A
 * detector with word-sized shadow (ThreadSanitizer's cells cover 8 bytes,
 * several cells to a block) must keep offsets and sizes to tell the two
 * apart; none reports a race here.  It prints "mark 1, word 0".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

static _Alignas(8) struct {
    unsigned char mark;
    unsigned char spare[3];
    uint32_t word;
} status;
static struct turn order; /* mark, reset, mark */

static void mark(void)
{
    status.mark = 1; /* NORACE(status) */
}

static void reset(void)
{
    status.word = 0; /* NORACE(status) */
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
        fprintf(stderr, "byte_word_adjacent: cannot create threads\n");
        return 1;
    }
    pthread_join(m, NULL);
    pthread_join(r, NULL);
    printf("mark %d, word %u\n", status.mark, (unsigned)status.word);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
