/*
 * refcount_strategies.h - the ways of keeping one shared object's reference
 * count that refcount_bench times against each other.
 *
 * Each strategy is the counting of one refcount_* case, taken out of the
 * case so that it can be timed: the cases are made to be read by race
 * detectors, with barriers, turn tokens and short loops, and say nothing
 * about cost.  All strategies sit behind one table of functions so that the
 * harness starts, stops and counts every one of them the same way.
 *
 * One operation is what every refcount_* case's loop does once: take a
 * temporary reference to the object, read its value, drop the reference.
 */
#ifndef RACECARD_REFCOUNT_STRATEGIES_H
#define RACECARD_REFCOUNT_STRATEGIES_H

struct rc_strategy {
    const char *name;    /* the table's row name and the -s option's word */
    const char *summary; /* one line for the legend under the table */
    const char *twin;    /* the case that shows this counting to detectors, or NULL */
    int racy;            /* the unsynchronised baseline: its count may drift */

    /* Makes the shared object, holding one long-lived reference that no
       thread drops during the run.  NULL when out of memory or locks. */
    void *(*create)(void);
    /* Run by thread number `thread` (0 first) before its first batch. */
    void (*enter)(void *obj, int thread);
    /* Run by each thread after its last batch. */
    void (*leave)(void *obj);
    /* n operations; returns the sum of the values read, so that the reads
       cannot be optimised away, and adds to *zeroes the drops that took the
       count to zero: each would have deallocated an object still in use in
       a real runtime (only the racy baseline gets there).  *zeroes is the
       calling thread's own, so counting them costs no shared write. */
    long (*batch)(void *obj, int n, long *zeroes);
    /* Frees the object and returns the count found at the end minus the one
       long-lived reference: 0 when no update was lost. */
    long (*destroy)(void *obj);
};

extern const struct rc_strategy rc_strategies[];
extern const int rc_nstrategies;

#endif
