/*
 * name: history_lost
 * summary: a writer stores a word, then writes 2 M other words of its own; only then does a reader read the word, with nothing ordering it after the write
 * verdict: race
 * category: detector-limits
 * origin: ThreadSanitizer's bounded per-thread history (history_size) and Helgrind's conflict cache: the older access of a race may be forgotten by the time the later one comes
 * flags: undetected
 * why: nothing orders the reader after the writer (the turn between them is
 *      relaxed), so the writer's plain write and the reader's plain read of
 *      word conflict with no happens-before: a data race (C11 5.1.2.4p25),
 *      however long ago the write was.
 *
 * Happens-before detectors check a new access against the last ones made
 * to its memory, but to report a race they must also say where the earlier
 * access was, and for that they keep a bounded history.  Here the writer
 * stores word and then writes a 16 MB array of its own, 2 M distinct words
 * (no one else touches it, so nothing else races); a turn (support/turn.h),
 * which creates no happens-before, then lets the reader read word.  It
 * prints "reader saw 1".
 *
 * What to look at: how each detector's memory runs out.  ThreadSanitizer
 * keeps each thread's recent events in a trace bounded by history_size,
 * which the detector definitions set to 7, its largest (some 4 M memory
 * accesses by its documentation); 2 M fresh words are enough to push the
 * write out here (repeated accesses to the same word are not traced again,
 * so a loop over a small array would not do it).  clang's runtime then drops
 * the race altogether, treating a race whose earlier access it cannot
 * restore as spurious; gcc 12's runtime reports it with "[failed to restore
 * the stack]" for the write.  Helgrind keeps earlier accesses in a conflict
 * cache of 1 000 000 entries (--conflict-cache-size) and reports the read
 * with no earlier access.  DRD names only the read in any case.  No
 * detector names the pair.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "turn.h"

#define SCRATCH (1L << 21) /* 2 M longs, 16 MB, written once each */

static long word;
static long *scratch;     /* the writer's own: no one else touches it */
static struct turn order; /* write and busywork, then the read */

static void *writer(void *arg)
{
    (void)arg;
    word = 1; /* RACE(word) */
    for (long i = 0; i < SCRATCH; i++)
        scratch[i] = i;
    turn_pass(&order, 1);
    return NULL;
}

static void *reader(void *arg)
{
    long *seen = arg;

    turn_wait(&order, 1);
    *seen = word; /* RACE(word) */
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    long seen = 0;

    scratch = malloc(SCRATCH * sizeof *scratch);
    if (scratch == NULL)
        return 1;
    turn_init(&order);
    if (pthread_create(&r, NULL, reader, &seen) != 0 ||
        pthread_create(&w, NULL, writer, NULL) != 0) {
        fprintf(stderr, "history_lost: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("reader saw %ld\n", seen);
    free(scratch);
    return 0;
}
