/*
 * name: handoff_dcl_plain
 * summary: double-checked locking with a plain flag: the table is built under a mutex, but the fast path reads the flag and the table without it
 * verdict: race
 * category: handoff
 * origin: racecard catalog: handoff
 * why: the fast path reads the flag and the table without taking the mutex,
 *      so nothing orders those reads after the writes made under the mutex
 *      by the initialising thread (a lock orders only the critical sections
 *      that take it, POSIX XBD 4.12): both pairs race (C11 5.1.2.4p25).
 *
 * The classic broken idiom.  get_table() first checks `ready` without the
 * lock; only if it is 0 does it lock, check again, build the table and set
 * `ready`.  The first thread takes the slow path and builds; the second,
 * started late by a relaxed `go` token (see handoff_lazy_init_flag: it fixes
 * the interleaving and orders nothing), takes the fast path: it sees `ready`
 * set and reads the table without ever touching the mutex.  The mutex
 * protects the building but gives the fast path no guarantee: nothing makes
 * the table's writes visible to a thread that does not lock.  On x86 both
 * threads print 328350; the races are is_ready / set_ready and build_table /
 * sum_table.  The check under the lock (is_ready_locked) does not race: the
 * only write of the flag is made under the same lock, in the same thread.
 * handoff_dcl_atomic is the fixed version.
 *
 * DRD names only the later access of each pair, always the second thread's
 * read.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define N 100

static int table[N];
static int ready;     /* written under lock, read on the fast path without it */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct turn go; /* fixes the interleaving; orders nothing */

static int is_ready(void)
{
    return ready; /* RACE(flag) */
}

static int is_ready_locked(void)
{
    return ready;
}

static void set_ready(void)
{
    ready = 1; /* RACE(flag) */
}

static void build_table(void)
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* RACE(table) */
}

static long sum_table(void)
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += table[i]; /* RACE(table) */
    return s;
}

static const int *get_table(void)
{
    if (!is_ready()) {
        pthread_mutex_lock(&lock);
        if (!is_ready_locked()) {
            build_table();
            set_ready();
        }
        pthread_mutex_unlock(&lock);
    }
    return table;
}

static void *first(void *arg)
{
    long *result = arg;

    get_table();
    *result = sum_table();
    turn_pass(&go, 1);
    return NULL;
}

static void *second(void *arg)
{
    long *result = arg;

    if (turn_wait(&go, 1)) {
        get_table();
        *result = sum_table();
        return NULL;
    }
    *result = -1;
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    long r1 = 0, r2 = 0;

    turn_init(&go);
    if (pthread_create(&t2, NULL, second, &r2) != 0 ||
        pthread_create(&t1, NULL, first, &r1) != 0) {
        fprintf(stderr, "handoff_dcl_plain: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    if (r2 < 0) {
        fprintf(stderr, "handoff_dcl_plain: no go\n");
        return 1;
    }
    printf("sums %ld and %ld (328350 expected)\n", r1, r2);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
