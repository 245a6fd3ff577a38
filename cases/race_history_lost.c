/*
 * name: race_history_lost
 * summary: a thread stores a setting and then makes four million calls of its own before main, with nothing ordering the two threads, reads the setting
 * verdict: race
 * category: detector-limits
 * origin: ThreadSanitizer's bounded per-thread history (TSAN_OPTIONS history_size): a report needs the earlier access's stack, which it rebuilds from the thread's recent events
 * why: the early thread's store to setting and main's load of it conflict
 *      (C11 5.1.2.4p4) and nothing orders them: main reads before it joins
 *      the thread (POSIX XBD 4.12) and the turn it waited for is a relaxed
 *      atomic, which synchronizes nothing (7.17.3): a data race
 *      (5.1.2.4p25), however long ago in time the store was.
 *
 * The early thread stores 1 into setting, then adds the numbers below
 * STEPS to a checksum of its own through a function it calls STEPS times,
 * then hands over a turn (support/turn.h), which fixes the order in time
 * and creates no happens-before.  main reads setting, lets the thread end
 * and joins it.  It prints "main read 1, checksum 7999998000000".
 *
 * What to look at: the stack of the earlier access.  ThreadSanitizer's
 * shadow cell still says the store happened, so the race is found, but the
 * store's stack is rebuilt by replaying the storing thread's trace of
 * recent events, and that trace is bounded by history_size.  racecard's
 * detectors run with history_size=7 (detectors/tsan-*.det), the largest.
 * With it gcc 12's runtime keeps the last 2^21 events of each thread, and
 * clang's (14, 16 and 19) ten trace parts of 256 KiB, some 327,000 events;
 * each call of step() is two events, its entry and its exit.  Measured on
 * this program: gcc's runtime loses the store's stack from 1,048,572 calls
 * on, clang's three from 163,163.  STEPS is 4,000,000 calls, 8,000,000
 * events: almost four times gcc's history and 24 times clang's, and the
 * same on every run, since it is the thread's own bounded work.
 *
 * The two runtimes then part.  gcc's reports the race at main's read with
 * "Previous write ... [failed to restore the stack]"; racecard turns that
 * into a finding with main's line and "?" for the other side (key
 * stack=unrestored), which agrees with the truth on one side, as DRD's
 * findings do.  clang's treats a race whose earlier stack it cannot
 * restore as spurious and drops the report: nothing at all.  Helgrind's
 * record of earlier accesses (its conflict cache) is kept per address, not
 * per thread, and the early thread's calls touch few addresses, so it
 * reports the pair with both stacks; DRD names main's read.
 * race_history_kept is the twin with 10,000 calls, where every detector
 * has the store's stack.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define STEPS 4000000L /* calls of step() after the store: see above */

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
        fprintf(stderr, "race_history_lost: cannot create a thread\n");
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
