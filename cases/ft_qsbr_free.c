/*
 * name: ft_qsbr_free
 * summary: a writer swaps a shared table that two readers read without a lock and frees the old one only once every reader has reported a quiescent state since the swap (QSBR, as free-threaded CPython does for dict keys and list arrays)
 * verdict: race-free
 * category: free-threading
 * origin: PEP 703 (free-threaded CPython): quiescent-state-based reclamation, Python/qsbr.c, after FreeBSD's GUS
 * why: a reader's reads of a table are sequenced before its release store
 *      of its sequence number, and the writer frees the table only after
 *      acquire loads have read, from every reader, a number stored after
 *      the swap; each such load synchronises with that store (C11
 *      5.1.2.4p11, 7.17.3p2), so every read of the old table happens before
 *      its free, which accesses the whole object (C11 7.22.3p2) and ends its
 *      lifetime, and no conflicting pair is left unordered (5.1.2.4p25).
 *
 * Free-threaded CPython lets some reads go without a lock: a dict lookup or
 * a list index loads the keys table or the item array with an atomic load
 * and reads it while another thread may be replacing it under the object's
 * lock.  The replaced table cannot be freed at once, since a reader may
 * still be inside it, and a reader that took no lock and no reference
 * leaves nothing to wait for.  QSBR (quiescent-state-based reclamation)
 * answers with a clock.  A global write sequence starts odd and goes up by
 * two; a writer that retires a table advances it and notes the new value
 * as the table's goal.  Every thread, at points where it holds no pointer
 * into such tables (between bytecodes, when it detaches to block),
 * reports a quiescent state by copying the write sequence into a number of
 * its own.  A table can be freed once the oldest number any thread has
 * reported reaches its goal: every thread has since been outside every read
 * it could have started on the table.  mimalloc, CPython's allocator in
 * this build, delays reusing the pages of such objects by the same rule.
 *
 * Here main is the writer and two readers share one table.  Every table
 * main will publish is filled before the readers exist, so the only plain
 * write to a table after that is its free.  Each round, taking turns in a
 * fixed order (support/turn.h: relaxed, so they order nothing): reader 0
 * reads the current table, and reader 1 reads it and stays inside its read,
 * holding the pointer; main swaps in the next table and retires the old one
 * with a new goal; reader 0 reports a quiescent state; main polls, finds
 * reader 1 behind the goal and keeps the old table; reader 1 finishes and
 * reports; main polls again, waits until every reader is past the goal, and
 * frees.  Then the next round.  ft_qsbr_free_early is the same program with
 * a poll that asks only whether some reader has passed the goal: it frees
 * at the first poll, while reader 1's reads are unordered with the free.
 *
 * The sequence numbers, the table pointer and the write sequence are C11
 * atomics, hidden from Helgrind and DRD (support/untracked.h), which do not
 * model atomics.  What a detector could see is the free against the
 * readers' plain reads of the table; ThreadSanitizer models the
 * release/acquire pairs and counts free as a write.  Helgrind and DRD do not
 * count free as a write by default, so they see nothing here either way.
 * Run by hand with --free-is-write=yes they report the free against reader
 * 1's reads (DRD the free only), in this program as in ft_qsbr_free_early:
 * here a false positive, since they see neither the release store of a
 * reader's sequence number nor the acquire load that reads it.
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
    return k->values[i]; /* NORACE(keys) */
}

static void reclaim(struct keys *k)
{
    free(k); /* NORACE(keys) */
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

/* Whether every reader has reported a quiescent state at or after goal. */
static int poll(unsigned long goal)
{
    unsigned long oldest = atomic_load_explicit(&rd_seq[0], memory_order_acquire);

    for (int r = 1; r < NREADERS; r++) {
        unsigned long seq = atomic_load_explicit(&rd_seq[r], memory_order_acquire);
        if (seq < oldest)
            oldest = seq;
    }
    return oldest >= goal;
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
        fprintf(stderr, "ft_qsbr_free: out of memory\n");
        return 1;
    }
    for (long r = 0; r <= rounds; r++) {
        tables[r] = malloc(sizeof *tables[r]);
        if (tables[r] == NULL) {
            fprintf(stderr, "ft_qsbr_free: out of memory\n");
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
            fprintf(stderr, "ft_qsbr_free: cannot create reader %ld\n", i);
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
