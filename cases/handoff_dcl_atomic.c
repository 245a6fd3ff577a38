/*
 * name: handoff_dcl_atomic
 * summary: double-checked locking done right: the fast path loads an atomic flag with acquire, the builder stores it with release under the mutex
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: handoff
 * why: the builder's release store of the flag comes after its writes of the
 *      table, and a fast-path acquire load that reads 1 synchronizes with it
 *      (C11 5.1.2.4p11, 7.17.3p2), so the table's writes happen before the
 *      fast path's reads; the flag itself is atomic and cannot race
 *      (5.1.2.4p25).
 *
 * handoff_dcl_plain with `ready` an atomic_int: the fast path loads it with
 * memory_order_acquire, the check under the lock may be relaxed (the lock
 * already orders it after any earlier builder), and the builder publishes
 * with memory_order_release after filling the table.  The same relaxed `go`
 * token starts the second thread late, so it takes the fast path; both
 * threads print 328350.
 *
 * ThreadSanitizer models the release/acquire and reports nothing.  Helgrind
 * and DRD do not model C11 atomics: compiled with gcc for x86, the acquire
 * load and the release store are plain moves, which they treat as a plain
 * read and write of the flag, and they see no ordering between the builder
 * and the fast path.  So both report false positives: the flag's store
 * against the fast path's load, and the table's writes against the fast
 * path's reads (DRD names only the later access of each, always the second
 * thread's load or read).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define N 100

static int table[N];
static atomic_int ready; /* release-stored under lock, acquire-loaded without it */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct turn go;    /* fixes the interleaving; orders nothing */

static int is_ready(void)
{
    return atomic_load_explicit(&ready, memory_order_acquire); /* NORACE(flag) */
}

static int is_ready_locked(void)
{
    return atomic_load_explicit(&ready, memory_order_relaxed);
}

static void set_ready(void)
{
    atomic_store_explicit(&ready, 1, memory_order_release); /* NORACE(flag) */
}

static void build_table(void)
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* NORACE(table) */
}

static long sum_table(void)
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += table[i]; /* NORACE(table) */
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
        fprintf(stderr, "handoff_dcl_atomic: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    if (r2 < 0) {
        fprintf(stderr, "handoff_dcl_atomic: no go\n");
        return 1;
    }
    printf("sums %ld and %ld (328350 expected)\n", r1, r2);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
