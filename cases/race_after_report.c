/*
 * name: race_after_report
 * summary: two threads store to a shared setting, then the first reads it back; the second store races with both the first store and the later read
 * verdict: race
 * category: detector-limits
 * origin: ThreadSanitizer's handling of a reported access: the access at which it reports a race is not kept in its shadow memory
 * why: nothing orders the threads' accesses (the turns between them are
 *      relaxed), so the second thread's store conflicts with the first
 *      thread's store before it and with the first thread's read after it,
 *      both without happens-before: two data races (C11 5.1.2.4p25).
 *
 * The first thread stores 1 into setting; a turn (support/turn.h) lets the
 * second store 2; another turn lets the first read setting back.  The turns
 * fix the order in time without creating any happens-before.  There are two
 * racing pairs, and they share the second thread's store: store/store and
 * store/read.  It prints "first thread read 2".
 *
 * What to look at: the second pair.  Helgrind reports both pairs and DRD
 * names the second store and the read, each the later access of a pair.
 * ThreadSanitizer reports the first pair, at the second store, and does not
 * keep that store in its shadow memory once it has reported it; when the
 * first thread reads, no trace of the second store is left, and the second
 * pair goes unreported.  Fixing the first race (say, making the first store
 * happen before the second) would bring the second to light.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

static long setting;
static struct turn order; /* first store, second store, first read */

static void *first(void *arg)
{
    long *seen = arg;

    setting = 1; /* RACE(stores) */
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    *seen = setting; /* RACE(readback) */
    return NULL;
}

static void *second(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    setting = 2; /* RACE(stores) RACE(readback) */
    turn_pass(&order, 2);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    long seen = -1;

    turn_init(&order);
    if (pthread_create(&b, NULL, second, NULL) != 0 ||
        pthread_create(&a, NULL, first, &seen) != 0) {
        fprintf(stderr, "race_after_report: cannot create threads\n");
        return 1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("first thread read %ld\n", seen);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
