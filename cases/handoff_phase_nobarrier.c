/*
 * name: handoff_phase_nobarrier
 * summary: handoff_phase_barrier with the barriers removed: each thread reads the other's cell while it is being rewritten
 * verdict: race
 * category: handoff
 * origin: racecard catalog: handoff
 * why: with no barrier, lock or atomic between the phases, one thread's write
 *      of its cell and the other thread's read of that cell are conflicting
 *      accesses that no happens-before relation orders (C11 5.1.2.4p25; POSIX
 *      XBD 4.12 lists the functions that would synchronize), so they race.
 *
 * The same rounds as handoff_phase_barrier without the two
 * pthread_barrier_wait calls.  Each thread now reads whatever the other's
 * cell holds at that moment: a value of an earlier or later round, or the
 * initial 0, so the sums printed differ from the expected ones and from run
 * to run.  A sched_yield per round lets the threads' rounds interleave; it
 * orders nothing.
 *
 * The race is the pair write_cell / read_cell.  Both threads run both lines,
 * but on different cells, so every conflict is one thread's write against the
 * other's read of the same cell, and every detector that sees it reports that
 * one pair.  DRD names only the later access; with two rounds or more, every
 * interleaving makes some write later than a conflicting read and some read
 * later than a conflicting write (each thread writes before it reads in a
 * round, and reads before it writes the next), so DRD names both lines on
 * every run.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#define ROUNDS (50 * scale_n) /* support/scale.h */

static long cell[2];

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
        write_cell(w->me, r * 10L + w->me);
        /* a barrier belongs here */
        w->sum += read_cell(1 - w->me);
        /* and here */
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    struct worker w[2] = { { 0, 0 }, { 1, 0 } };

    for (int i = 0; i < 2; i++) {
        if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
            fprintf(stderr, "handoff_phase_nobarrier: cannot create threads\n");
            return 1;
        }
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("thread 0 read %ld (%ld with barriers), thread 1 read %ld (%ld with barriers)\n",
           w[0].sum, 5 * ROUNDS * (ROUNDS - 1) + ROUNDS, w[1].sum, 5 * ROUNDS * (ROUNDS - 1));
    return 0;
}
