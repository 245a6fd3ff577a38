/*
 * name: refcount_atomic
 * summary: the refcount_nolock object work with the reference count as a C11 atomic: relaxed increments, acq_rel decrements
 * verdict: race-free
 * category: refcount
 * origin: seed article, reference counting; the lock-free alternative to a GIL
 * why: the count is only touched by atomic operations, which never form a data
 *      race (C11 5.1.2.4p25 needs a non-atomic access); every decref is a
 *      release read-modify-write, so the one that reaches zero, also an
 *      acquire, reads from the release sequence of each earlier decref and
 *      synchronises with it (5.1.2.4p10-11, 7.17.3): all reads of the value
 *      happen before the dealloc that poisons it.
 *
 * The way lock-free runtimes (and the free-threaded CPython build, in a more
 * elaborate form) keep a shared reference count: atomic read-modify-write
 * operations.  Same work as refcount_nolock: main gives each of four threads
 * a reference and drops its own; each thread 25000 times takes a temporary
 * reference, reads the value and drops it, then drops its own; the thread
 * whose drop takes the count to zero deallocates.  Before freeing, dealloc
 * overwrites the value with a dead marker, as CPython's debug allocator
 * scribbles over freed memory.  The program prints "deallocated 1 times (1
 * expected)".
 *
 * The memory orders: an incref can be relaxed, because a thread only ever
 * increments a count it already holds a reference in, so the count cannot be
 * zero and nothing needs to be published.  A decref must be a release (the
 * thread's uses of the object must not move past its drop) and the final one
 * an acquire (the dealloc must see them all).  The usual code does
 * fetch_sub(release) and, only on the last reference, an acquire fence; this
 * case uses fetch_sub(acq_rel) on every decref instead, which gives the same
 * ordering and which ThreadSanitizer models (it ignores a standalone
 * atomic_thread_fence and would report the dealloc's write as racing).
 *
 * Helgrind and DRD do not model C11 atomics.  On x86 the atomic
 * read-modify-writes are locked instructions, which both treat as plain reads,
 * so neither sees a conflict on the count itself; but neither sees the
 * release/acquire either, so both report the dealloc's write of the value as
 * racing with the other threads' reads of it: a false positive on the two
 * marked accesses to the value (Helgrind names both lines, DRD only the
 * dealloc's write, the later access).
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
#define DEAD_VALUE (-0x2222222L) /* the poison dealloc leaves behind */

struct object {
    atomic_long refcnt; /* ob_refcnt */
    long value;         /* the payload */
};

struct work {
    struct object *obj; /* the reference this thread owns */
    long sum;           /* what the thread read, for main to check */
};

static atomic_int deallocations;
static pthread_barrier_t start_line; /* lets the threads start together */

static void dealloc(struct object *o)
{
    o->value = DEAD_VALUE; /* NORACE(value) */
    free(o);
    atomic_fetch_add_explicit(&deallocations, 1, memory_order_relaxed);
}

static void incref(struct object *o)
{
    atomic_fetch_add_explicit(&o->refcnt, 1, memory_order_relaxed); /* NORACE(refcnt) */
}

static void decref(struct object *o)
{
    if (atomic_fetch_sub_explicit(&o->refcnt, 1, memory_order_acq_rel) == 1) /* NORACE(refcnt) */
        dealloc(o);
}

static void *worker(void *arg)
{
    struct work *w = arg;
    struct object *o = w->obj;

    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ITERATIONS; i++) {
        incref(o);            /* a temporary reference, e.g. a local name */
        w->sum += o->value;   /* NORACE(value) */
        decref(o);
    }
    decref(o);                /* the thread is done with the object */
    return NULL;
}

int main(void)
{
    pthread_t threads[NTHREADS];
    struct work work[NTHREADS];
    struct object *o = malloc(sizeof *o);
    int bad = 0;

    if (o == NULL) {
        fprintf(stderr, "refcount_atomic: out of memory\n");
        return 1;
    }
    atomic_init(&o->refcnt, 1); /* main's reference */
    o->value = VALUE;
    pthread_barrier_init(&start_line, NULL, NTHREADS);

    for (int t = 0; t < NTHREADS; t++) {
        work[t].obj = o;
        work[t].sum = 0;
        incref(o); /* the reference handed to thread t */
        if (pthread_create(&threads[t], NULL, worker, &work[t]) != 0) {
            fprintf(stderr, "refcount_atomic: cannot create thread %d\n", t);
            return 1;
        }
    }
    decref(o); /* main's own reference: `del obj` */

    for (int t = 0; t < NTHREADS; t++) {
        pthread_join(threads[t], NULL);
        if (work[t].sum != (long)ITERATIONS * VALUE)
            bad++;
    }

    printf("deallocated %d times (1 expected)\n",
           atomic_load_explicit(&deallocations, memory_order_relaxed));
    printf("threads that read a wrong value: %d\n", bad);
    pthread_barrier_destroy(&start_line);
    return 0;
}
