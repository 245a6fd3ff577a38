/*
 * name: handoff_phase_one_barrier
 * summary: handoff_phase_barrier with only the first barrier of each round: the writes of a round are ordered before its reads, but nothing orders the reads before the next round's writes
 * verdict: race
 * category: handoff
 * origin: reusing one pthread barrier for every phase: the barrier between the read phase and the next write phase forgotten
 * why: the one barrier per round orders each round's writes before that
 *      round's reads (POSIX XBD 4.12), but a thread's read of the other's
 *      cell in round r and the other's write of that cell in round r + 1
 *      both come after the same barrier and before the next, so nothing
 *      orders them: a data race (C11 5.1.2.4p25).
 *
 * The barrier is reused across the rounds, as it must be, but only once per
 * round.  A fast thread passes the barrier, reads, and starts the next round
 * by overwriting its own cell while the other thread may still be reading
 * it.  To make that happen on every run, the first two rounds take turns
 * (support/turn.h; it creates no happens-before): once thread 1 is out of
 * the first barrier, thread 0 writes its round-1 value; thread 1 then reads
 * it (round 0) and overwrites its own cell, which thread 0 read.  So each
 * line is the later access of some racing pair and DRD names both.  The sums
 * printed differ from handoff_phase_barrier's.
 *
 * Why thread 1 must be out of the barrier first: ThreadSanitizer models a
 * barrier as a release before the wait and an acquire after it on one
 * object, whatever the round.  Were thread 0 to write its round-1 value and
 * enter the next round's wait (a release) before thread 1 had come out of
 * the first (its acquire), thread 1 would acquire thread 0's round-1 write
 * with it and ThreadSanitizer would miss the race; in a free run it did,
 * now and then.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define ROUNDS (50 * scale_n) /* support/scale.h */

static long cell[2];
static pthread_barrier_t phase;
static struct turn order; /* thread 1 out of barrier 0, thread 0 writes round 1 */

static void write_cell(int me, long v)
{
    cell[me] = v; /* RACE(cell) */
}

static long read_cell(int other)
{
    return cell[other]; /* RACE(cell) */
}

struct worker {
    int me;
    long sum;
};

static void *work(void *arg)
{
    struct worker *w = arg;

    for (int r = 0; r < ROUNDS; r++) {
        if (r == 1 && w->me == 0)
            turn_wait(&order, 1); /* thread 1 is out of the first barrier */
        write_cell(w->me, r * 10L + w->me);
        if (r == 1 && w->me == 0)
            turn_pass(&order, 2);
        pthread_barrier_wait(&phase); /* writes before reads */
        if (r == 0 && w->me == 1) {
            turn_pass(&order, 1);
            turn_wait(&order, 2);
        }
        w->sum += read_cell(1 - w->me);
        /* the barrier that orders these reads before the next writes is missing */
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    struct worker w[2] = { { 0, 0 }, { 1, 0 } };

    pthread_barrier_init(&phase, NULL, 2);
    turn_init(&order);
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
            fprintf(stderr, "handoff_phase_one_barrier: cannot create threads\n");
            return 1;
        }
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&phase);
    printf("thread 0 read %ld, thread 1 read %ld (%ld and %ld with two barriers)\n",
           w[0].sum, w[1].sum, 5 * ROUNDS * (ROUNDS - 1) + ROUNDS, 5 * ROUNDS * (ROUNDS - 1));
    return 0;
}
