/*
 * name: seqlock_plain
 * summary: a writer advances a two-field clock under a sequence lock and a reader takes snapshots, retrying while the sequence is odd or has changed; the fields are plain longs
 * verdict: race
 * category: atomics
 * origin: Hans-J. Boehm, "Can seqlocks get along with programming language memory models?", MSPC 2012
 * why: the reader only ever reads seq, so none of its reads of the plain
 *      fields happens before the writer's next writes of them (and reads made
 *      during an update are not ordered after it either); a conflicting plain
 *      read and write with no happens-before are a data race under C11
 *      5.1.2.4p25, even when the value read is thrown away.
 *
 * A sequence lock lets readers take consistent snapshots without writing
 * anything shared.  The writer makes seq odd, updates the fields, makes seq
 * even again; the reader reads seq, the fields, and seq again, and retries
 * unless both reads of seq gave the same even number.  The clock ticks one
 * millisecond at a time; a torn snapshot (the seconds of one tick with the
 * nanoseconds of another) could make time go backwards, and the reader
 * counts how often it did.  On x86 it prints 0: the retry logic works in
 * practice.  But the reader's reads of the fields are made speculatively,
 * racing with the writes they may overlap, and C11 gives a racy program no
 * meaning at all; the compiler may also move the plain reads after the
 * second atomic load of seq, which orders only what follows it.
 * seqlock_atomic is the fix: the fields become atomics.
 *
 * The pairs are the stores in store_time() and the loads in load_time(), one
 * pair per field.  ThreadSanitizer models seq: a snapshot whose first load of
 * seq reads the end of an update is ordered after that update's writes, but
 * nothing orders it before the next update's writes.  So that every detector
 * sees both sides on every run (DRD names only the later access of a pair),
 * the first two updates and the first snapshot take turns (support/turn.h):
 * update 1, snapshot 1, then update 2 and the rest freely.  The turn orders
 * them in time only; it creates no happens-before.  seq is only ever changed
 * with read-modify-writes, which Helgrind and DRD see as reads, so they do
 * not report seq itself, which is atomic and race-free.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define TICKS (1000 * scale_n) /* support/scale.h */
#define SNAPSHOTS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

struct clock_time {
    long sec;
    long nsec;
};

static atomic_uint seq; /* odd while an update is under way */
static long clock_sec;
static long clock_nsec;
static struct turn first_rounds; /* update 1, snapshot 1, then free */

static void store_time(long ms)
{
    clock_sec = ms / 1000; /* RACE(sec) */
    clock_nsec = ms % 1000 * 1000000; /* RACE(nsec) */
}

static void load_time(struct clock_time *t)
{
    t->sec = clock_sec; /* RACE(sec) */
    t->nsec = clock_nsec; /* RACE(nsec) */
}

static void write_clock(long ms)
{
    atomic_fetch_add(&seq, 1);
    store_time(ms);
    atomic_fetch_add(&seq, 1);
}

static struct clock_time read_clock(void)
{
    struct clock_time t;

    for (;;) {
        unsigned before = atomic_load(&seq);

        if (!(before & 1)) {
            load_time(&t);
            if (atomic_load(&seq) == before)
                return t;
        }
        /* An update is under way: let the writer finish it. */
        sched_yield();
    }
}

static void *writer(void *arg)
{
    (void)arg;
    for (long ms = 1; ms <= TICKS; ms++) {
        write_clock(ms);
        if (ms == 1) {
            turn_pass(&first_rounds, 1);
            turn_wait(&first_rounds, 2);
        }
        if (ms % YIELD_EVERY == 0)
            sched_yield();
    }
    return NULL;
}

static int later(struct clock_time a, struct clock_time b)
{
    return a.sec > b.sec || (a.sec == b.sec && a.nsec > b.nsec);
}

static void *reader(void *arg)
{
    long *backwards = arg;
    struct clock_time last = { 0, 0 };

    turn_wait(&first_rounds, 1);
    for (int i = 1; i <= SNAPSHOTS; i++) {
        struct clock_time now = read_clock();

        if (i == 1)
            turn_pass(&first_rounds, 2);
        if (later(last, now))
            ++*backwards;
        last = now;
        if (i % YIELD_EVERY == 0)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    long backwards = 0;

    turn_init(&first_rounds);
    if (pthread_create(&w, NULL, writer, NULL) != 0 ||
        pthread_create(&r, NULL, reader, &backwards) != 0) {
        fprintf(stderr, "seqlock_plain: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);

    printf("time went backwards %ld times in %ld snapshots\n", backwards, SNAPSHOTS);
    return 0;
}
