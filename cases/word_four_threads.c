/*
 * name: word_four_threads
 * summary: four workers each set their own status byte in one 8-byte word; main reads the first worker's byte after joining the other three but not the first, whose finish it only saw through a relaxed token
 * verdict: race
 * category: detector-limits
 * origin: word_eight_threads with as many threads on the word as ThreadSanitizer has shadow cells for it
 * why: the first worker's store to status[0] and main's load of it conflict
 *      (C11 5.1.2.4p4) and nothing orders them: main has not joined that
 *      worker (POSIX XBD 4.12 lists pthread_join, not a relaxed atomic,
 *      among the functions that synchronize memory) and the token it waited
 *      on is relaxed, which synchronizes nothing (7.17.3): a data race
 *      (5.1.2.4p25).  The other workers' bytes are memory locations of
 *      their own (3.14), so their stores conflict with nothing.
 *
 * word_eight_threads with three other workers instead of seven, and so no
 * warm-up stores (warmup[] is all 0).  The first worker sets status[0] and
 * hands over a turn (support/turn.h), which fixes the order in time and
 * creates no happens-before; main starts workers 1 to 3 one at a time and
 * joins each, reads status[0], then lets the first worker end and joins it.
 * It prints "first worker done 1".
 *
 * What to look at: the four stores to the word fit ThreadSanitizer's four
 * shadow cells for it: the first worker's store takes the first cell and
 * each other worker a free one, so nothing is overwritten, and when main
 * reads status[0] the first cell still holds the store it races with.
 * Every detector reports the race (DRD names main's read, the later
 * access).  With seven other workers (word_eight_threads) the same race
 * goes unreported by ThreadSanitizer.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define WORKERS 4

/* One 8-byte word, one status byte per worker. */
static _Alignas(8) unsigned char status[WORKERS];
/* The stores worker w makes to scratch[w] before it sets its byte. */
static const int warmup[WORKERS] = {0, 0, 0, 0};
static volatile long scratch[WORKERS][4];
static struct turn order; /* the first worker's store, then main's read */

static void *first_worker(void *arg)
{
    (void)arg;
    status[0] = 1; /* RACE(first) */
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    return NULL;
}

static void *worker(void *arg)
{
    long w = (long)arg;

    for (int i = 0; i < warmup[w]; i++)
        scratch[w][i] = i;
    status[w] = 1; /* NORACE(neighbours) */
    return NULL;
}

int main(void)
{
    pthread_t first, other;

    turn_init(&order);
    if (pthread_create(&first, NULL, first_worker, NULL) != 0) {
        fprintf(stderr, "word_four_threads: cannot create a thread\n");
        return 1;
    }
    turn_wait(&order, 1);
    for (long w = 1; w < WORKERS; w++) {
        if (pthread_create(&other, NULL, worker, (void *)w) != 0) {
            fprintf(stderr, "word_four_threads: cannot create a thread\n");
            return 1;
        }
        pthread_join(other, NULL);
    }
    unsigned char done = status[0]; /* RACE(first) */
    turn_pass(&order, 2);
    pthread_join(first, NULL);
    printf("first worker done %d\n", done);
    scale_busy(); /* its loops set which shadow cells are taken: support/scale.h */
    return 0;
}
