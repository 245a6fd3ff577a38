/*
 * name: ft_immortal_incref
 * summary: four threads take and drop references to an immortal object (PEP 683) whose count says so; every incref and decref reads the count, sees the immortal value and writes nothing
 * verdict: race-free
 * category: free-threading
 * origin: PEP 683 (immortal objects) and PEP 703 (free-threaded CPython): None, True, small ints and interned strings are never counted
 * why: after main stores IMMORTAL in refcnt, before creating the threads
 *      (POSIX XBD 4.12: pthread_create synchronises memory), every access to
 *      refcnt is a read; two reads never conflict (C11 5.1.2.4p4 needs one
 *      of the two accesses to modify the location), so there is no data race
 *      however the threads interleave.
 *
 * Some objects are used by every thread all the time: None, True and False,
 * the small integers, interned strings.  With a plain count they would be
 * the most contended cache lines of the process, and without a GIL the most
 * racy ones.  PEP 683 made them immortal: their count holds a value that no
 * real number of references reaches, and Py_INCREF and Py_DECREF look at it
 * first and, when they see it, return without writing.  In free-threaded
 * CPython the owner's local count (ob_ref_local) is the one that says so,
 * UINT32_MAX, read with a relaxed atomic load before any other work.  An
 * object that is never written cannot race and costs no cache-line
 * transfers, and the count cannot drop to zero, so the object is never freed
 * while the interpreter runs.
 *
 * Here main makes the object immortal before any thread exists.  Each of four
 * threads then, from a barrier on, takes a temporary reference, reads the
 * value, works on it privately and drops the reference, 10000 times.  incref
 * and decref go through one line that tests the count and adjusts it only
 * when it is not the immortal value, so no thread ever stores to it; the
 * program prints the count at the end, unchanged.  ft_mortal_incref is the same program with an
 * ordinary count: the same line then writes, and races.
 *
 * refcnt is volatile only so that an optimising build keeps one load per
 * incref and decref instead of hoisting the test out of the loop; volatile
 * orders nothing and makes nothing atomic.
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

static struct object none_object; /* a shared singleton, like Py_None */
static pthread_barrier_t start_line; /* lets the threads start together */

/* incref and decref: the test and the adjustment on one line. */
static void ref_adjust(struct object *o, long delta)
{
    if (o->refcnt != IMMORTAL) o->refcnt += delta; /* NORACE(refcnt) */
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
    struct object *o = &none_object;
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

    none_object.refcnt = IMMORTAL; /* before the threads: ordered by creation */
    none_object.value = VALUE;
    pthread_barrier_init(&start_line, NULL, NTHREADS);
    for (int t = 0; t < NTHREADS; t++) {
        sums[t] = 0;
        if (pthread_create(&threads[t], NULL, worker, &sums[t]) != 0) {
            fprintf(stderr, "ft_immortal_incref: cannot create thread %d\n", t);
            return 1;
        }
    }
    for (int t = 0; t < NTHREADS; t++) {
        pthread_join(threads[t], NULL);
        if (sums[t] != ITERATIONS * use_value(VALUE))
            bad++;
    }
    printf("count at the end: %#lx (%#lx expected: never written)\n", none_object.refcnt, IMMORTAL);
    printf("threads that read a wrong value: %d\n", bad);
    pthread_barrier_destroy(&start_line);
    return 0;
}
