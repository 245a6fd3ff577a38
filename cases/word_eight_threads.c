/*
 * name: word_eight_threads
 * summary: eight workers each set their own status byte in one 8-byte word; main reads the first worker's byte after joining the other seven but not the first, whose finish it only saw through a relaxed token
 * verdict: race
 * category: detector-limits
 * origin: ThreadSanitizer's shadow memory: four shadow cells per 8-byte word, and an access that finds all four full overwrites one of them, forgetting the access it held
 * why: the first worker's store to status[0] and main's load of it conflict
 *      (C11 5.1.2.4p4) and nothing orders them: main has not joined that
 *      worker (POSIX XBD 4.12 lists pthread_join, not a relaxed atomic,
 *      among the functions that synchronize memory) and the token it waited
 *      on is relaxed, which synchronizes nothing (7.17.3): a data race
 *      (5.1.2.4p25).  The other workers' bytes are memory locations of
 *      their own (3.14), so their stores conflict with nothing.
 *
 * The first worker sets status[0] and hands over a turn (support/turn.h),
 * which fixes the order in time and creates no happens-before.  main waits
 * for it, then starts the other seven workers one at a time and joins each;
 * worker w sets status[w].  Then main reads status[0] and only afterwards
 * lets the first worker end and joins it.  It prints "first worker done 1".
 *
 * What to look at: ThreadSanitizer has four shadow cells for each 8-byte
 * word of memory, shared by all eight bytes.  The first worker's store
 * takes the first cell and workers 1 to 3 take the other three.  Workers 4
 * to 7 find all four full; each then overwrites one cell chosen by its own
 * count of events: cell "epoch mod 4" in gcc 12's runtime, where the epoch
 * counts the thread's accesses and calls, and cell "trace position / 8
 * mod 4" in the runtime of clang 14, 16 and 19, where the trace position
 * also moves by one per access.  Which cell one worker takes differs
 * between the runtimes, so workers 4 to 7 first make 0, 1, 2 and 3 stores
 * to words of their own (warmup[]): their counts then differ by one each,
 * the four of them take four different cells, and one of them overwrites
 * the first worker's store in every runtime.  When main reads status[0],
 * no cell remembers a store to that byte, and ThreadSanitizer, clang's and
 * gcc's alike, reports nothing.  word_four_threads is the twin with three
 * other workers, where the four cells hold every store and the race is
 * reported.  The crowd writes because a write always takes a cell; LLVM's
 * later sources give up storing a read when the four cells are full.
 * Helgrind reports the pair, and DRD names main's read: both keep accesses
 * per byte, with no such limit.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define WORKERS 8

/* One 8-byte word, one status byte per worker. */
static _Alignas(8) unsigned char status[WORKERS];
/* The stores worker w makes to scratch[w] before it sets its byte. */
static const int warmup[WORKERS] = {0, 0, 0, 0, 0, 1, 2, 3};
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
        fprintf(stderr, "word_eight_threads: cannot create a thread\n");
        return 1;
    }
    turn_wait(&order, 1);
    for (long w = 1; w < WORKERS; w++) {
        if (pthread_create(&other, NULL, worker, (void *)w) != 0) {
            fprintf(stderr, "word_eight_threads: cannot create a thread\n");
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
