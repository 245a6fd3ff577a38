/*
 * name: refcount_gil
 * summary: the refcount_nolock object work with every object operation made while holding a CPython-style global interpreter lock
 * verdict: race-free
 * category: gil
 * origin: seed article, why CPython has a GIL: reference counting made safe by one global lock
 * why: a thread touches the object (its count and its value) only while it
 *      holds the GIL, and the GIL passes between threads through a pthread
 *      mutex unlock/lock pair (support/gil.h), which synchronises memory
 *      (POSIX XBD 4.12); so every access of one holder happens before every
 *      access of the next, and no two accesses conflict without
 *      happens-before (C11 5.1.2.4p25).
 *
 * The seed's conclusion in code: the count stays a plain long with plain ++
 * and --, and correctness comes from one global lock that a thread must hold
 * to touch any object.  The threads do the refcount_nolock work: main, holding
 * the GIL, gives each of four threads a reference and drops its own; each
 * thread takes the GIL, then 25000 times takes a temporary reference, reads
 * the value and drops the reference, then drops its own reference and
 * releases the GIL.  Between two object operations it runs gil_check, the
 * interpreter's "eval breaker": if a waiting thread has asked for the GIL the
 * holder hands it over there, so the threads take turns in the middle of
 * their loops.  Under a detector, which slows the threads down, that happens
 * several times a run; natively the loops take well under a millisecond and
 * a run often ends with no hand-over at all, even with the 50 us switch
 * interval used here (CPython's is 5 ms).  Dropping the last reference
 * deallocates the object, which overwrites the value with a dead marker, as
 * CPython's debug allocator scribbles over freed memory, and frees it.  The program prints "deallocated 1 times (1 expected)".
 *
 * How many hand-overs happen, and where, depends on timing; what the
 * detectors see does not, since every access to the object is made under the
 * GIL and the GIL's own state is read and written only under its mutex.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "support/gil.h"

#define NTHREADS 4
#define ITERATIONS (25000 * scale_n) /* support/scale.h */
#define VALUE 42
#define DEAD_VALUE (-0x2222222L) /* the poison dealloc leaves behind */
#define SWITCH_INTERVAL_US 50L

struct object {
    long refcnt; /* ob_refcnt: plain, guarded by the GIL */
    long value;  /* the payload */
};

struct work {
    struct object *obj; /* the reference this thread owns */
    long sum;           /* what the thread read, for main to check */
};

static struct gil gil;
static int deallocations; /* guarded by the GIL */

/* Everything below is called with the GIL held. */

static void dealloc(struct object *o)
{
    o->value = DEAD_VALUE; /* NORACE(value) */
    free(o);
    deallocations++;
}

static void incref(struct object *o)
{
    o->refcnt++; /* NORACE(refcnt) */
}

static void decref(struct object *o)
{
    if (--o->refcnt == 0) /* NORACE(refcnt) */
        dealloc(o);
}

static void *worker(void *arg)
{
    struct work *w = arg;
    struct object *o = w->obj;

    gil_take(&gil);
    for (int i = 0; i < ITERATIONS; i++) {
        incref(o);            /* a temporary reference, e.g. a local name */
        gil_check(&gil);
        w->sum += o->value;   /* NORACE(value) */
        gil_check(&gil);
        decref(o);
        gil_check(&gil);
    }
    decref(o);                /* the thread is done with the object */
    gil_drop(&gil);
    return NULL;
}

int main(void)
{
    pthread_t threads[NTHREADS];
    struct work work[NTHREADS];
    struct object *o;
    int bad = 0, deallocated;

    if (gil_init(&gil, SWITCH_INTERVAL_US) != 0) {
        fprintf(stderr, "refcount_gil: cannot set up the GIL\n");
        return 1;
    }
    gil_take(&gil); /* the main thread runs "Python code" too */
    o = malloc(sizeof *o);
    if (o == NULL) {
        fprintf(stderr, "refcount_gil: out of memory\n");
        return 1;
    }
    o->refcnt = 1; /* main's reference */
    o->value = VALUE;

    for (int t = 0; t < NTHREADS; t++) {
        work[t].obj = o;
        work[t].sum = 0;
        incref(o); /* the reference handed to thread t */
        if (pthread_create(&threads[t], NULL, worker, &work[t]) != 0) {
            fprintf(stderr, "refcount_gil: cannot create thread %d\n", t);
            return 1;
        }
    }
    decref(o); /* main's own reference: `del obj` */
    gil_drop(&gil); /* let the threads run, as a blocking join would */

    for (int t = 0; t < NTHREADS; t++) {
        pthread_join(threads[t], NULL);
        if (work[t].sum != (long)ITERATIONS * VALUE)
            bad++;
    }

    gil_take(&gil);
    deallocated = deallocations;
    gil_drop(&gil);
    printf("deallocated %d times (1 expected)\n", deallocated);
    printf("threads that read a wrong value: %d\n", bad);
    printf("the GIL changed hands on request %lu times\n", gil_forced_switches(&gil));
    gil_destroy(&gil);
    return 0;
}
