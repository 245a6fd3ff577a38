/*
 * name: stats_counter_benign
 * summary: four workers each checksum their own share of requests and bump a shared "requests served" statistic with no lock, since a lost update would not matter
 * verdict: race
 * category: unsynchronised-global
 * origin: the "benign data race" on a statistics counter; C11 5.1.2.4p25
 * flags: atomicity-violation
 * why: served is read and written by all four workers and nothing orders one
 *      worker's increments before another's: conflicting non-atomic accesses
 *      without happens-before are a data race under C11 5.1.2.4p25, whatever
 *      the intent, and the behaviour of the whole program is undefined.
 *
 * The real work is race-free: each worker checksums its own slice of the
 * requests into its own slot of results[], and main reads the slots after
 * joining.  The statistic is the shortcut: "it is only a counter for the
 * log, a lost increment now and then is fine", so it is bumped with a
 * non-atomic ++ and no lock.  C11 has no benign data races: the increments are
 * unordered conflicting accesses, the program's behaviour is undefined, and
 * a compiler may assume no other thread writes served while a worker does
 * (it may keep it in a register across the loop, or invent a store).  The
 * fix costs little: a relaxed atomic_fetch_add, which is exactly a counter
 * that orders nothing and races with nothing.  The loops are short and
 * seldom overlap, so main usually prints all 4000 requests served: the
 * output looks fine, which is what makes such a race look benign.
 *
 * The race is one line run by every worker, tagged as racing with itself, so
 * any detector sees it whichever workers run first, whether or not their
 * loops overlap.  served is volatile only so that an optimising build keeps
 * one load and one store per request on that line instead of adding up in a
 * register and storing once; volatile makes nothing atomic and orders
 * nothing, so it changes nothing about the race.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#define WORKERS 4
#define PER_WORKER (1000 * scale_n) /* support/scale.h */

static volatile unsigned long served; /* the statistic, updated with no lock */
static unsigned results[WORKERS];     /* one slot per worker */

static void count_served(void)
{
    served++; /* RACE(served, self) */
}

static unsigned handle(unsigned request)
{
    unsigned h = 2166136261u;

    for (int i = 0; i < 4; i++)
        h = (h ^ ((request >> (8 * i)) & 0xffu)) * 16777619u;
    return h;
}

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    unsigned sum = 0;

    for (unsigned r = 0; r < PER_WORKER; r++) {
        sum += handle((unsigned)id * PER_WORKER + r);
        count_served();
    }
    results[id] = sum;
    return NULL;
}

int main(void)
{
    pthread_t t[WORKERS];
    unsigned total = 0;

    for (int i = 0; i < WORKERS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) != 0) {
            fprintf(stderr, "stats_counter_benign: cannot create threads\n");
            return 1;
        }
    for (int i = 0; i < WORKERS; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < WORKERS; i++)
        total ^= results[i];

    /* All workers are joined: this read is ordered after every increment. */
    printf("checksum %08x, %lu of %ld requests served\n", total, served, WORKERS * PER_WORKER);
    return 0;
}
