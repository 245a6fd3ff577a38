/*
 * name: handoff_phase_barrier
 * summary: two threads each write their own cell, meet at a barrier, read the other's cell, meet again; 50 rounds
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: handoff
 * why: pthread_barrier_wait synchronizes memory (POSIX XBD 4.12), so every
 *      write of a round happens before every read of that round, and the
 *      second barrier orders those reads before the next round's writes: no
 *      two conflicting accesses are unordered (C11 5.1.2.4p25).
 *
 * The shape of a bulk-synchronous computation: a write phase, a barrier, a
 * read phase, a barrier.  In round r each thread stores r * 10 + its number in
 * its cell, then reads the other thread's cell and adds it to a sum; main
 * prints both sums (the same every run: each thread reads exactly what the
 * other wrote in that round).  The second barrier matters as much as the
 * first: without it a fast thread would overwrite its cell for the next round
 * while the other may still be reading it.  handoff_phase_nobarrier is the
 * same program with both barriers removed.  Every detector models barriers
 * and reports nothing.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#define ROUNDS (50 * scale_n) /* support/scale.h */

static long cell[2];
static pthread_barrier_t phase;

static void write_cell(int me, long v)
{
    cell[me] = v; /* NORACE(cell) */
}

static long read_cell(int other)
{
    return cell[other]; /* NORACE(cell) */
}

struct worker {
    int me;
    long sum;
};

static void *work(void *arg)
{
    struct worker *w = arg;

    for (int r = 0; r < ROUNDS; r++) {
        write_cell(w->me, r * 10L + w->me);
        pthread_barrier_wait(&phase); /* writes before reads */
        w->sum += read_cell(1 - w->me);
        pthread_barrier_wait(&phase); /* reads before the next writes */
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    struct worker w[2] = { { 0, 0 }, { 1, 0 } };

    pthread_barrier_init(&phase, NULL, 2);
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
            fprintf(stderr, "handoff_phase_barrier: cannot create threads\n");
            return 1;
        }
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&phase);
    /* 10 * (0 + ... + (ROUNDS - 1)), 12250 at scale 1, plus the other's number each round */
    printf("thread 0 read %ld (%ld expected), thread 1 read %ld (%ld expected)\n",
           w[0].sum, 5 * ROUNDS * (ROUNDS - 1) + ROUNDS, w[1].sum, 5 * ROUNDS * (ROUNDS - 1));
    return 0;
}
