/*
 * name: race_history_kept
 * summary: a thread stores a setting and then makes ten thousand calls of its own before main, with nothing ordering the two threads, reads the setting
 * verdict: race
 * category: detector-limits
 * origin: race_history_lost with the earlier access recent enough for ThreadSanitizer's per-thread history (TSAN_OPTIONS history_size) to hold its stack
 * why: the early thread's store to setting and main's load of it conflict
 *      (C11 5.1.2.4p4) and nothing orders them: main reads before it joins
 *      the thread (POSIX XBD 4.12) and the turn it waited for is a relaxed
 *      atomic, which synchronizes nothing (7.17.3): a data race
 *      (5.1.2.4p25).
 *
 * race_history_lost with STEPS at 10,000 calls instead of 4,000,000.  The
 * early thread stores 1 into setting, calls step() STEPS times, then hands
 * over a turn (support/turn.h), which fixes the order in time and creates
 * no happens-before; main reads setting, lets the thread end and joins it.
 * It prints "main read 1, checksum 49995000".
 *
 * What to look at: 10,000 calls are 20,000 events in the early thread's
 * trace, well inside what ThreadSanitizer keeps at history_size=7 (2^21
 * events in gcc 12's runtime, some 327,000 in clang's), so it rebuilds the
 * store's stack and reports the pair with both lines.  Helgrind reports it
 * too and DRD names main's read.  Only the distance differs from
 * race_history_lost, where ThreadSanitizer has lost the stack.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define STEPS 10000L /* calls of step() after the store: see above */

static long setting;
static unsigned long checksum; /* the early thread's own */
static struct turn order;     /* the store and the calls, then main's read */

/* Not inlined: each call is a function entry and exit in the thread's trace. */
__attribute__((noinline)) static void step(unsigned long i)
{
    checksum += i;
}

static void *early(void *arg)
{
    (void)arg;
    setting = 1; /* RACE(setting) */
    for (long i = 0; i < STEPS; i++)
        step((unsigned long)i);
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    return NULL;
}

int main(void)
{
    pthread_t t;

    turn_init(&order);
    if (pthread_create(&t, NULL, early, NULL) != 0) {
        fprintf(stderr, "race_history_kept: cannot create a thread\n");
        return 1;
    }
    turn_wait(&order, 1);
    long seen = setting; /* RACE(setting) */
    turn_pass(&order, 2);
    pthread_join(t, NULL);
    printf("main read %ld, checksum %lu\n", seen, checksum);
    scale_busy(); /* STEPS is what the case is about: support/scale.h */
    return 0;
}
