/*
 * name: refcount_objlock
 * summary: the refcount_nolock object work with a mutex in each object guarding its reference count
 * verdict: race-free
 * category: refcount
 * origin: seed article, the alternative to a GIL it names: a lock around every shared update
 * why: every read and write of o->refcnt is made holding o->lock, and POSIX
 *      (XBD 4.12) makes each pthread_mutex_unlock synchronise memory with the
 *      next pthread_mutex_lock; the thread whose decref reaches zero locked
 *      the mutex after every other thread's last unlock, so all their uses of
 *      the object happen before the dealloc that poisons and frees it.
 *
 * The fine-grained answer the seed mentions (and rejects for CPython for its
 * cost): every object carries its own mutex and incref/decref take it.  Same
 * work as refcount_nolock: main gives each of four threads a reference and
 * drops its own; each thread 2000 times takes a temporary reference, reads
 * the value and drops it, then drops its own.  The count is exact, so the
 * object is deallocated exactly once, by whichever thread drops the last
 * reference, and that dealloc really frees it.  Before freeing, dealloc
 * overwrites the value with a dead marker, as CPython's debug allocator
 * scribbles over freed memory: a write that the locks order after every
 * thread's reads.  The program prints "deallocated 1 times (1 expected)".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define NTHREADS 4
/* 2000 rather than refcount_nolock's 25000: each lock and unlock costs
   microseconds under Helgrind and DRD, and the case must stay short there. */
#define ITERATIONS (2000 * scale_n) /* support/scale.h */
#define VALUE 42
#define DEAD_VALUE (-0x2222222L) /* the poison dealloc leaves behind */

struct object {
    pthread_mutex_t lock; /* guards refcnt */
    long refcnt;          /* ob_refcnt */
    long value;           /* the payload */
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
    pthread_mutex_destroy(&o->lock);
    free(o);
    atomic_fetch_add_explicit(&deallocations, 1, memory_order_relaxed);
}

static void incref(struct object *o)
{
    pthread_mutex_lock(&o->lock);
    o->refcnt++; /* NORACE(refcnt) */
    pthread_mutex_unlock(&o->lock);
}

static void decref(struct object *o)
{
    long n;

    pthread_mutex_lock(&o->lock);
    n = --o->refcnt; /* NORACE(refcnt) */
    pthread_mutex_unlock(&o->lock);
    if (n == 0)
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
        fprintf(stderr, "refcount_objlock: out of memory\n");
        return 1;
    }
    pthread_mutex_init(&o->lock, NULL);
    o->refcnt = 1; /* main's reference */
    o->value = VALUE;
    pthread_barrier_init(&start_line, NULL, NTHREADS);

    for (int t = 0; t < NTHREADS; t++) {
        work[t].obj = o;
        work[t].sum = 0;
        incref(o); /* the reference handed to thread t */
        if (pthread_create(&threads[t], NULL, worker, &work[t]) != 0) {
            fprintf(stderr, "refcount_objlock: cannot create thread %d\n", t);
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
