/*
 * name: refcount_nolock
 * summary: four threads take and drop references to one shared object through a plain reference count, as CPython would without a GIL
 * verdict: race
 * category: refcount
 * origin: seed article, reference counting as the reason CPython has a GIL
 * flags: atomicity-violation
 * why: every incref and decref reads and writes o->refcnt, a plain long, from
 *      several threads with nothing (lock, atomic, join) ordering them, so the
 *      updates conflict without happens-before: a data race under C11
 *      5.1.2.4p25, which in practice loses updates to the count.
 *
 * The object model of CPython without its GIL.  main creates an object with
 * one reference (its own), gives each of four threads a reference of its own,
 * starts them and drops its own reference, as `del obj` would.  Each thread
 * then 25000 times takes a temporary reference (binding the object to a local
 * name), reads the object's value and drops the reference, and finally drops
 * the reference it was given.  The last drop reaches zero and deallocates.
 * The threads wait at a barrier before their loops so that the loops overlap;
 * the barrier orders nothing after it.
 *
 * incref and decref both go through ref_adjust(), whose one line does the
 * read-modify-write of the count; that line races with itself in every pair of
 * threads, so a detector sees the same pair however the threads interleave.
 *
 * When updates are lost the count ends above zero (the object leaks) or
 * reaches zero early (deallocated while others still use it, perhaps more
 * than once).  main reports both after joining the threads.  A real dealloc
 * would free the memory; here dealloc only counts, in an atomic counter, and
 * main frees the memory at the end.  Otherwise a premature dealloc would add
 * a use-after-free or a double free that only some runs have, and the
 * detectors' findings would depend on how many updates a run happened to
 * lose.  Only the reference count is racy.
 *
 * refcnt is volatile only so that an optimising build keeps one load and one
 * store per incref and decref, as CPython's out-of-line reference counting
 * would, instead of cancelling each incref against the next decref; volatile
 * makes nothing atomic and orders nothing.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define NTHREADS 4
#define ITERATIONS (25000 * scale_n) /* support/scale.h */
#define VALUE 42

struct object {
    volatile long refcnt; /* ob_refcnt; volatile: see below */
    long value;  /* the payload; never written after creation */
};

struct work {
    struct object *obj; /* the reference this thread owns */
    long sum;           /* what the thread read, for main to check */
};

static atomic_int deallocations;
static pthread_barrier_t start_line; /* lets the threads start together */

/* Would free the object; counts instead (see the header comment). */
static void dealloc(struct object *o)
{
    (void)o;
    atomic_fetch_add_explicit(&deallocations, 1, memory_order_relaxed);
}

/* The read-modify-write of the count, shared by incref and decref. */
static long ref_adjust(struct object *o, long delta)
{
    long n = (o->refcnt += delta); /* RACE(refcnt, self) */
    return n;
}

static void incref(struct object *o)
{
    ref_adjust(o, 1);
}

static void decref(struct object *o)
{
    if (ref_adjust(o, -1) == 0)
        dealloc(o);
}

static void *worker(void *arg)
{
    struct work *w = arg;
    struct object *o = w->obj;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ITERATIONS; i++) {
        incref(o);        /* a temporary reference, e.g. a local name */
        w->sum += o->value;
        decref(o);
    }
    decref(o);            /* the thread is done with the object */
    return NULL;
}

int main(void)
{
    pthread_t threads[NTHREADS];
    struct work work[NTHREADS];
    struct object *o = malloc(sizeof *o);
    int bad = 0;

    if (o == NULL) {
        fprintf(stderr, "refcount_nolock: out of memory\n");
        return 1;
    }
    o->refcnt = 1; /* main's reference */
    o->value = VALUE;
    pthread_barrier_init(&start_line, NULL, NTHREADS);

    for (int t = 0; t < NTHREADS; t++) {
        work[t].obj = o;
        work[t].sum = 0;
        incref(o); /* the reference handed to thread t */
        if (pthread_create(&threads[t], NULL, worker, &work[t]) != 0) {
            fprintf(stderr, "refcount_nolock: cannot create thread %d\n", t);
            return 1;
        }
    }
    decref(o); /* main's own reference: `del obj` */

    for (int t = 0; t < NTHREADS; t++) {
        pthread_join(threads[t], NULL);
        if (work[t].sum != (long)ITERATIONS * VALUE)
            bad++;
    }

    printf("reference count at the end: %ld (0 expected)\n", o->refcnt);
    printf("deallocated %d times (1 expected)\n",
           atomic_load_explicit(&deallocations, memory_order_relaxed));
    printf("threads that read a wrong value: %d\n", bad);
    pthread_barrier_destroy(&start_line);
    free(o);
    return 0;
}
