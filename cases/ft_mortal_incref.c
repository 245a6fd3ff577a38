/*
 * name: ft_mortal_incref
 * summary: ft_immortal_incref with an ordinary object: four threads take and drop references through the same test-then-adjust line, and since the count is not the immortal value every call writes it
 * verdict: race
 * category: free-threading
 * origin: PEP 683 (immortal objects) and PEP 703 (free-threaded CPython): what a plain count does to a shared object without the GIL
 * flags: atomicity-violation
 * why: the count is not IMMORTAL, so every incref and decref reads and
 *      writes refcnt, a plain long, in four threads with nothing (lock,
 *      atomic, join) ordering them: conflicting accesses (C11 5.1.2.4p4)
 *      without happens-before, a data race (5.1.2.4p25), which in practice
 *      loses updates.
 *
 * The program is ft_immortal_incref line for line but for the count main
 * gives the object: 1 (main's own reference) instead of the immortal value.
 * The test on the count then always passes and the adjustment always runs,
 * a load and a store of the shared count in every thread on every reference
 * taken or dropped, as refcount_nolock does.  The line races with itself, in
 * every pair of threads: the test's read and the adjustment's write are on
 * it, so whichever of them two threads meet on, it is the same line pair.
 *
 * Free-threaded CPython does not count this way: a count shared by threads
 * is either biased (refcount_biased: the owner counts plain, the others
 * atomically), deferred (ft_deferred_refcount) or immortal, as the shared
 * singletons are.  This case is what each of those exists to avoid.  The
 * object is static and main keeps its reference to the end, so lost
 * updates only leave the count wrong (printed at the end); nothing is
 * freed early, so the race adds no finding of its own.
 *
 * refcnt is volatile only so that an optimising build keeps one load and
 * one store per incref and decref instead of cancelling each incref against
 * the next decref; volatile orders nothing and makes nothing atomic.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"

#define NTHREADS 4
#define ITERATIONS (10000 * scale_n) /* support/scale.h */
#define WORK 150 /* steps of private arithmetic per reference taken */
#define VALUE 42
#define IMMORTAL 0xffffffffL /* ob_ref_local of an immortal object */

struct object {
    volatile long refcnt; /* volatile: see the header comment */
    long value;           /* the payload; never written after creation */
};

static struct object shared_object; /* an ordinary object all threads use */
static pthread_barrier_t start_line; /* lets the threads start together */

/* incref and decref: the test and the adjustment on one line. */
static void ref_adjust(struct object *o, long delta)
{
    if (o->refcnt != IMMORTAL) o->refcnt += delta; /* RACE(refcnt, self) */
}

/* What a thread does with the value while it holds the reference: private
   arithmetic in registers, so that the loop costs more than its shared
   accesses (a run scaled up then takes time natively without making ever
   more reports for a detector to file). */
static long use_value(long v)
{
    unsigned long x = (unsigned long)v;

    for (int i = 0; i < WORK; i++)
        x = x * 6364136223846793005UL + 1442695040888963407UL;
    return (long)(x >> 60);
}

static void *worker(void *arg)
{
    struct object *o = &shared_object;
    long *sum = arg;

    pthread_barrier_wait(&start_line);
    for (long i = 0; i < ITERATIONS; i++) {
        ref_adjust(o, 1);   /* Py_INCREF: a temporary reference */
        *sum += use_value(o->value);
        ref_adjust(o, -1);  /* Py_DECREF */
    }
    return NULL;
}

int main(void)
{
    pthread_t threads[NTHREADS];
    long sums[NTHREADS];
    int bad = 0;

    shared_object.refcnt = 1; /* main's reference, held to the end */
    shared_object.value = VALUE;
    pthread_barrier_init(&start_line, NULL, NTHREADS);
    for (int t = 0; t < NTHREADS; t++) {
        sums[t] = 0;
        if (pthread_create(&threads[t], NULL, worker, &sums[t]) != 0) {
            fprintf(stderr, "ft_mortal_incref: cannot create thread %d\n", t);
            return 1;
        }
    }
    for (int t = 0; t < NTHREADS; t++) {
        pthread_join(threads[t], NULL);
        if (sums[t] != ITERATIONS * use_value(VALUE))
            bad++;
    }
    printf("count at the end: %ld (1 expected)\n", shared_object.refcnt);
    printf("threads that read a wrong value: %d\n", bad);
    pthread_barrier_destroy(&start_line);
    return 0;
}
