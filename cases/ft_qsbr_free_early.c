/*
 * name: ft_qsbr_free_early
 * summary: ft_qsbr_free with a poll that asks whether some reader has reported a quiescent state since the swap instead of every reader: the writer frees the old table while the other reader is still reading it
 * verdict: race
 * category: free-threading
 * origin: PEP 703 (free-threaded CPython): quiescent-state-based reclamation, Python/qsbr.c, after FreeBSD's GUS
 * why: reader 1 reads the old table and reports its quiescent state only
 *      after the writer has freed the table; the writer's acquire loads
 *      read no store of reader 1's made after those reads, so nothing
 *      orders the reads before the free, which accesses the whole object
 *      (C11 7.22.3p2): conflicting accesses in two threads, neither
 *      happening before the other, a data race (5.1.2.4p25).
 *
 * The program is ft_qsbr_free (which says what QSBR is and how the rounds
 * go) with one line changed: poll() takes the newest quiescent state any
 * reader has reported instead of the oldest.  Reader 0 reports right after
 * the swap, so the first poll of every round says the goal is reached and
 * main frees the old table, while reader 1, which read the table before the
 * swap and is still inside its read, has reported nothing since.  The turns
 * make reader 1's reads come before the free in time, so the program never
 * reads freed memory; but the reads and the free are not ordered: a data
 * race on the table, and with a reader one step slower, a read of freed
 * memory.  The program prints how many tables went at the first poll: all.
 *
 * It is the mistake QSBR's rule exists to prevent.  A thread's quiescent
 * state says only that this one thread holds no pointer into old tables;
 * memory may go when every thread has said so since the table was
 * retired, which is why CPython's poll takes the minimum over all threads
 * (threads that have detached count as quiescent).
 *
 * ThreadSanitizer counts free as a write of the whole block and reports it
 * against reader 1's reads.  Helgrind and DRD do not count free as a write
 * unless run with --free-is-write=yes, and the atomics are hidden from them
 * (support/untracked.h), so by default they report nothing.  Run by hand
 * with that option, Helgrind reports the free and the read, DRD the free;
 * but they report the same in ft_qsbr_free, where it is false, because they
 * cannot see the release/acquire that makes the difference.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "turn.h"
#include "untracked.h"

#define NREADERS 2
#define NVALUES 16
#define ROUNDS (20 * scale_n) /* support/scale.h */
#define TURNS_PER_ROUND 7

struct keys {
    long values[NVALUES]; /* a dict's keys table, reduced to numbers */
};

static struct keys **tables;        /* every table main will publish, filled before the readers */
static _Atomic(struct keys *) table; /* the current table, read without a lock */
static atomic_ulong wr_seq;          /* the write sequence: odd, advanced by 2 */
static atomic_ulong rd_seq[NREADERS]; /* each reader's last quiescent state */
static struct turn order;            /* who goes next; orders nothing */

/* Turn k of round r (1 to TURNS_PER_ROUND). */
static int step(long r, int k)
{
    return (int)(r * TURNS_PER_ROUND + k);
}

static long read_value(const struct keys *k, int i)
{
    return k->values[i]; /* RACE(keys) */
}

static void reclaim(struct keys *k)
{
    free(k); /* RACE(keys) */
}

/* The thread holds no pointer into a table: it says so (_Py_qsbr_quiescent_state). */
static void quiescent_state(int reader)
{
    unsigned long seq = atomic_load_explicit(&wr_seq, memory_order_acquire);

    atomic_store_explicit(&rd_seq[reader], seq, memory_order_release);
}

/* A table was retired: the sequence every reader must reach before it goes. */
static unsigned long advance(void)
{
    return atomic_fetch_add_explicit(&wr_seq, 2, memory_order_release) + 2;
}

/* Meant to say whether every reader has reported a quiescent state at or
   after goal; it looks at the newest report, so one reader is enough. */
static int poll(unsigned long goal)
{
    unsigned long newest = atomic_load_explicit(&rd_seq[0], memory_order_acquire);

    for (int r = 1; r < NREADERS; r++) {
        unsigned long seq = atomic_load_explicit(&rd_seq[r], memory_order_acquire);
        if (seq > newest)
            newest = seq;
    }
    return newest >= goal;
}

static void *reader(void *arg)
{
    int me = (int)(long)arg;
    long sum = 0;

    for (long r = 0; r < ROUNDS; r++) {
        turn_wait(&order, step(r, me == 0 ? 0 : 1));
        struct keys *k = atomic_load_explicit(&table, memory_order_acquire);
        for (int i = 0; i < NVALUES; i++)
            sum += read_value(k, i);
        if (me == 0) {
            turn_pass(&order, step(r, 1)); /* reader 1 reads next */
            turn_wait(&order, step(r, 3));
            quiescent_state(0);            /* reader 0 is done with it */
            turn_pass(&order, step(r, 4));
        } else {
            turn_pass(&order, step(r, 2)); /* still inside its read: main swaps */
            turn_wait(&order, step(r, 5));
            quiescent_state(1);            /* only now is reader 1 done */
            turn_pass(&order, step(r, 6));
        }
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t threads[NREADERS];
    long rounds = ROUNDS, at_first_poll = 0, sums = 0;

    tables = malloc((size_t)(rounds + 1) * sizeof *tables);
    if (tables == NULL) {
        fprintf(stderr, "ft_qsbr_free_early: out of memory\n");
        return 1;
    }
    for (long r = 0; r <= rounds; r++) {
        tables[r] = malloc(sizeof *tables[r]);
        if (tables[r] == NULL) {
            fprintf(stderr, "ft_qsbr_free_early: out of memory\n");
            return 1;
        }
        for (int i = 0; i < NVALUES; i++)
            tables[r]->values[i] = r + i;
    }
    atomic_init(&table, tables[0]);
    atomic_init(&wr_seq, 1);
    for (int i = 0; i < NREADERS; i++)
        atomic_init(&rd_seq[i], 1);
    UNTRACKED(table);
    UNTRACKED(wr_seq);
    UNTRACKED(rd_seq);
    turn_init(&order);
    for (long i = 0; i < NREADERS; i++)
        if (pthread_create(&threads[i], NULL, reader, (void *)i) != 0) {
            fprintf(stderr, "ft_qsbr_free_early: cannot create reader %ld\n", i);
            return 1;
        }

    for (long r = 0; r < rounds; r++) {
        turn_wait(&order, step(r, 2));
        struct keys *old = atomic_exchange_explicit(&table, tables[r + 1], memory_order_acq_rel);
        unsigned long goal = advance(); /* old is retired: _Py_qsbr_deferred_advance */
        turn_pass(&order, step(r, 3));
        turn_wait(&order, step(r, 4));
        if (poll(goal)) {
            reclaim(old); /* the poll says no reader can be inside old */
            old = NULL;
            at_first_poll++;
        }
        turn_pass(&order, step(r, 5));
        turn_wait(&order, step(r, 6));
        if (old != NULL) {
            /* The delayed free.  Bounded: if the readers never get there the
               table is kept for good, never freed early. */
            for (long polls = 0; polls < TURN_SPIN_LIMIT; polls++) {
                if (poll(goal)) {
                    reclaim(old);
                    break;
                }
                sched_yield();
            }
        }
        turn_pass(&order, step(r + 1, 0));
    }
    for (int i = 0; i < NREADERS; i++) {
        void *sum;
        pthread_join(threads[i], &sum);
        sums += (long)sum;
    }
    free(atomic_load_explicit(&table, memory_order_relaxed));
    free(tables);
    printf("tables freed at the first poll: %ld of %ld\n", at_first_poll, rounds);
    printf("sum read: %ld\n", sums);
    return 0;
}
