/*
 * name: seqlock_atomic
 * summary: a writer advances a two-field clock under a sequence lock and a reader takes snapshots, retrying while the sequence is odd or has changed; the fields are atomics stored with release and loaded with acquire
 * verdict: race-free
 * category: atomics
 * origin: Hans-J. Boehm, "Can seqlocks get along with programming language memory models?", MSPC 2012
 * why: every access to the fields is atomic, and atomic accesses never form a
 *      data race (C11 5.1.2.4p25); release stores and acquire loads of the
 *      fields also make each snapshot that passes the sequence check one
 *      update's pair of values.
 *
 * seqlock_plain with the fields made atomic_long: the writer stores them with
 * memory_order_release, the reader loads them with memory_order_acquire; seq
 * and its operations are unchanged.  No access can race any more, so the
 * speculative reads are allowed; what the orders buy is that the retry
 * check still means something.  A snapshot whose first load of seq reads
 * the end of update k (seq_cst, so acquire) sees update k's values or later
 * ones.  If a field load reads a value of a later update j, its acquire
 * synchronises with that update's release store, which comes after update
 * j's odd increment of seq, so the second load of seq cannot read update
 * k's even value any more, and the snapshot is retried.  The reader counts
 * snapshots in which time went backwards; it prints 0.
 *
 * Boehm's paper also gives the form with relaxed field accesses and fences
 * (a release fence after the odd increment, an acquire fence before the
 * second load of seq), as the Linux kernel writes it.  This case uses
 * release and acquire on the fields instead because ThreadSanitizer ignores
 * a standalone atomic_thread_fence: it would still report nothing here, the
 * fields being atomic, but it would not be modelling why the snapshot is
 * consistent.
 *
 * ThreadSanitizer reports nothing.  Helgrind and DRD do not model C11
 * atomics: an atomic store or load of a field is a plain mov to them, and
 * they report the fields' stores and loads as races, false positives.  seq
 * is only changed with read-modify-writes, which they see as reads.  The
 * first two updates and the first snapshot take turns (support/turn.h), as
 * in seqlock_plain, so that Helgrind and DRD report the same lines on every
 * run; the turn creates no happens-before.
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
static atomic_long clock_sec;
static atomic_long clock_nsec;
static struct turn first_rounds; /* update 1, snapshot 1, then free */

static void store_time(long ms)
{
    atomic_store_explicit(&clock_sec, ms / 1000, memory_order_release); /* NORACE(sec) */
    atomic_store_explicit(&clock_nsec, ms % 1000 * 1000000, memory_order_release); /* NORACE(nsec) */
}

static void load_time(struct clock_time *t)
{
    t->sec = atomic_load_explicit(&clock_sec, memory_order_acquire); /* NORACE(sec) */
    t->nsec = atomic_load_explicit(&clock_nsec, memory_order_acquire); /* NORACE(nsec) */
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
        fprintf(stderr, "seqlock_atomic: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);

    printf("time went backwards %ld times in %ld snapshots\n", backwards, SNAPSHOTS);
    return 0;
}
