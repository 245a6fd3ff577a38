/*
 * refcount_strategies.c - eight ways to count references to one shared
 * object, each written as the matching refcount_* or ft_* case counts, so
 * that refcount_bench can time what the cases only show to detectors.
 *
 *   none          plain increments with no synchronisation: the baseline,
 *                 racy on purpose (refcount_nolock); its results are the
 *                 yardstick, never a correct count.
 *   gil           the count stays plain and every thread holds a global
 *                 interpreter lock while it works (refcount_gil); the lock
 *                 is cases/support/gil.h itself, which changes hands only
 *                 when a waiter asks, after CPython's 5 ms switch interval.
 *   global-mutex  one global pthread mutex locked and unlocked around every
 *                 incref and every decref: a GIL taken per operation.
 *   object-mutex  a mutex inside the object around every incref and decref
 *                 (refcount_objlock).
 *   atomic        C11 fetch_add (relaxed) and fetch_sub (acq_rel)
 *                 (refcount_atomic).
 *   biased        biased reference counting: the owner thread (thread 0)
 *                 counts in a plain field, every other thread in an atomic
 *                 one (refcount_biased).
 *   deferred      deferred reference counting: the object is marked
 *                 deferred, and a thread that takes a reference only stores
 *                 it, tagged as uncounted, in a stack slot of its own, and
 *                 clears the slot to drop it; the count is never touched
 *                 (ft_deferred_refcount).  The collector's stop-the-world
 *                 scan of the stacks, which makes this safe, is not timed:
 *                 it runs once per collection, not once per reference.
 *   immortal      an immortal object (PEP 683): incref and decref read the
 *                 count, see the immortal value and write nothing
 *                 (ft_immortal_incref).
 *
 * Every object starts on a cache line of its own, as a fresh heap object
 * would, so that no strategy shares its line with the harness's data.  The
 * count fields that are plain are volatile so that every incref and decref
 * is one load and one store to the object, as CPython's Py_INCREF and
 * Py_DECREF are, instead of the compiler cancelling an incref against the
 * next decref; the value is volatile so that every strategy reads it from
 * the object once per operation, and so are the fields that deferred and
 * immortal test on every operation.  Every decref tests for zero, as a real
 * one must; no strategy can get there except the racy baseline, because the
 * object holds one long-lived reference for the whole run.
 */
#define _POSIX_C_SOURCE 200809L

#include "refcount_strategies.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/gil.h"

#define VALUE 42
#define CACHE_LINE 64

/* A zeroed block that starts on a cache line and fills whole lines. */
static void *line_alloc(size_t size)
{
    size_t rounded = (size + CACHE_LINE - 1) / CACHE_LINE * CACHE_LINE;
    void *p = aligned_alloc(CACHE_LINE, rounded);

    if (p != NULL)
        memset(p, 0, rounded);
    return p;
}

/* ---- a plain count: none, gil and global-mutex ---------------------------- */

struct plain_object {
    volatile long refcnt;
    volatile long value;
};

static void *plain_create(void)
{
    struct plain_object *o = line_alloc(sizeof *o);

    if (o == NULL)
        return NULL;
    o->refcnt = 1;
    o->value = VALUE;
    return o;
}

static long plain_destroy(void *obj)
{
    struct plain_object *o = obj;
    long drift = o->refcnt - 1;

    free(o);
    return drift;
}

static void no_enter(void *obj, int thread)
{
    (void)obj;
    (void)thread;
}

static void no_leave(void *obj)
{
    (void)obj;
}

/* none: two threads can read the same count and both store their result,
   so updates are lost; that is the point of the baseline. */
static long none_batch(void *obj, int n, long *zeroes)
{
    struct plain_object *o = obj;
    long sum = 0, hits = 0;

    for (int i = 0; i < n; i++) {
        o->refcnt++;
        sum += o->value;
        if (--o->refcnt == 0)
            hits++;
    }
    *zeroes += hits;
    return sum;
}

/* gil: one GIL for the process, as CPython has one per interpreter. */
static struct gil gil;

static void *gil_create(void)
{
    if (gil_init(&gil, GIL_DEFAULT_INTERVAL_US) != 0)
        return NULL;
    return plain_create();
}

static long gil_destroy_object(void *obj)
{
    gil_destroy(&gil);
    return plain_destroy(obj);
}

/* A thread holds the GIL from its first batch to its last, and lets go
   in between only when another thread asks, in gil_check. */
static void gil_enter(void *obj, int thread)
{
    (void)obj;
    (void)thread;
    gil_take(&gil);
}

static void gil_leave(void *obj)
{
    (void)obj;
    gil_drop(&gil);
}

/* One check per operation: the interpreter loop polls its eval breaker far
   more often than a switch is due, and this is what the polling costs. */
static long gil_batch(void *obj, int n, long *zeroes)
{
    struct plain_object *o = obj;
    long sum = 0, hits = 0;

    for (int i = 0; i < n; i++) {
        o->refcnt++;
        sum += o->value;
        if (--o->refcnt == 0)
            hits++;
        gil_check(&gil);
    }
    *zeroes += hits;
    return sum;
}

/* global-mutex: the lock on a line of its own, away from the object, so
   that its cost is the locking and not false sharing with the harness. */
static struct {
    _Alignas(CACHE_LINE) pthread_mutex_t lock;
} global = { PTHREAD_MUTEX_INITIALIZER };

static long global_mutex_batch(void *obj, int n, long *zeroes)
{
    struct plain_object *o = obj;
    long sum = 0, hits = 0;

    for (int i = 0; i < n; i++) {
        long left;

        pthread_mutex_lock(&global.lock);
        o->refcnt++;
        pthread_mutex_unlock(&global.lock);
        sum += o->value;
        pthread_mutex_lock(&global.lock);
        left = --o->refcnt;
        pthread_mutex_unlock(&global.lock);
        if (left == 0)
            hits++;
    }
    *zeroes += hits;
    return sum;
}

/* ---- object-mutex ----------------------------------------------------------- */

struct locked_object {
    pthread_mutex_t lock; /* guards refcnt */
    volatile long refcnt;
    volatile long value;
};

static void *object_mutex_create(void)
{
    struct locked_object *o = line_alloc(sizeof *o);

    if (o == NULL)
        return NULL;
    if (pthread_mutex_init(&o->lock, NULL) != 0) {
        free(o);
        return NULL;
    }
    o->refcnt = 1;
    o->value = VALUE;
    return o;
}

static long object_mutex_destroy(void *obj)
{
    struct locked_object *o = obj;
    long drift = o->refcnt - 1;

    pthread_mutex_destroy(&o->lock);
    free(o);
    return drift;
}

static long object_mutex_batch(void *obj, int n, long *zeroes)
{
    struct locked_object *o = obj;
    long sum = 0, hits = 0;

    for (int i = 0; i < n; i++) {
        long left;

        pthread_mutex_lock(&o->lock);
        o->refcnt++;
        pthread_mutex_unlock(&o->lock);
        sum += o->value;
        pthread_mutex_lock(&o->lock);
        left = --o->refcnt;
        pthread_mutex_unlock(&o->lock);
        if (left == 0)
            hits++;
    }
    *zeroes += hits;
    return sum;
}

/* ---- atomic ----------------------------------------------------------------- */

struct atomic_object {
    atomic_long refcnt;
    volatile long value;
};

static void *atomic_create(void)
{
    struct atomic_object *o = line_alloc(sizeof *o);

    if (o == NULL)
        return NULL;
    atomic_init(&o->refcnt, 1);
    o->value = VALUE;
    return o;
}

static long atomic_destroy(void *obj)
{
    struct atomic_object *o = obj;
    long drift = atomic_load_explicit(&o->refcnt, memory_order_relaxed) - 1;

    free(o);
    return drift;
}

/* The orders of refcount_atomic: an incref needs none (the caller already
   holds a reference), a decref must release its uses and, when it is the
   last, acquire everyone else's. */
static long atomic_batch(void *obj, int n, long *zeroes)
{
    struct atomic_object *o = obj;
    long sum = 0, hits = 0;

    for (int i = 0; i < n; i++) {
        atomic_fetch_add_explicit(&o->refcnt, 1, memory_order_relaxed);
        sum += o->value;
        if (atomic_fetch_sub_explicit(&o->refcnt, 1, memory_order_acq_rel) == 1)
            hits++;
    }
    *zeroes += hits;
    return sum;
}

/* ---- biased ----------------------------------------------------------------- */

/* ref_shared holds a count shifted left by one; the low bit says the owner
   has merged, as in refcount_biased and PEP 703. */
#define MERGED 1L
#define SHARED_ONE 2L

struct biased_object {
    int owner;              /* ob_tid: the thread number that owns it */
    volatile long ref_local;/* the owner's references, plain */
    atomic_long ref_shared; /* everyone else's, and MERGED */
    volatile long value;
};

/* The running thread's number, for the ownership test every incref and
   decref makes (CPython compares ob_tid with a thread-local address). */
static _Thread_local int this_thread = -1;

static void *biased_create(void)
{
    struct biased_object *o = line_alloc(sizeof *o);

    if (o == NULL)
        return NULL;
    o->owner = 0;     /* thread 0 made it, so thread 0 owns it */
    o->ref_local = 1; /* the long-lived reference is the owner's */
    atomic_init(&o->ref_shared, 0);
    o->value = VALUE;
    return o;
}

static long biased_destroy(void *obj)
{
    struct biased_object *o = obj;
    long drift = o->ref_local - 1 +
                 atomic_load_explicit(&o->ref_shared, memory_order_relaxed) / SHARED_ONE;

    free(o);
    return drift;
}

static void biased_enter(void *obj, int thread)
{
    (void)obj;
    this_thread = thread;
}

/* The owner's local count never reaches zero while it holds the long-lived
   reference, and nobody merges, so neither zero test below ever succeeds;
   they are there because a real decref pays for them. */
static long biased_batch(void *obj, int n, long *zeroes)
{
    struct biased_object *o = obj;
    long sum = 0, hits = 0;

    /* Ownership is tested in the incref and again in the decref, as
       Py_INCREF and Py_DECREF each test it. */
    for (int i = 0; i < n; i++) {
        if (o->owner == this_thread)
            o->ref_local++;
        else
            atomic_fetch_add_explicit(&o->ref_shared, SHARED_ONE, memory_order_relaxed);
        sum += o->value;
        if (o->owner == this_thread) {
            if (--o->ref_local == 0)
                hits++;
        } else if (atomic_fetch_sub_explicit(&o->ref_shared, SHARED_ONE, memory_order_acq_rel) ==
                   SHARED_ONE + MERGED) {
            hits++;
        }
    }
    *zeroes += hits;
    return sum;
}

/* ---- deferred --------------------------------------------------------------- */

#define UNCOUNTED 1UL /* the tag of a stack entry that holds no counted reference */

struct deferred_object {
    volatile int deferred;   /* set at creation: the count is not kept per reference */
    volatile long refcnt;    /* counted references only; here the long-lived one */
    volatile long value;
};

/* The running thread's evaluation stack, reduced to the one slot an
   operation uses, on a cache line of its own. */
static _Thread_local struct {
    _Alignas(CACHE_LINE) volatile uintptr_t slot;
} frame;

static void *deferred_create(void)
{
    struct deferred_object *o = line_alloc(sizeof *o);

    if (o == NULL)
        return NULL;
    o->deferred = 1;
    o->refcnt = 1;
    o->value = VALUE;
    return o;
}

static long deferred_destroy(void *obj)
{
    struct deferred_object *o = obj;
    long drift = o->refcnt - 1;

    free(o);
    return drift;
}

/* A push tests the object's deferred flag, as CPython's stack references
   do, and counts only an object that is not deferred; a pop tests the tag
   and drops a count only for an entry that holds one. */
static long deferred_batch(void *obj, int n, long *zeroes)
{
    struct deferred_object *o = obj;
    long sum = 0, hits = 0;

    for (int i = 0; i < n; i++) {
        if (o->deferred) {
            frame.slot = (uintptr_t)o | UNCOUNTED;
        } else {
            o->refcnt++; /* never taken here: the object is deferred */
            frame.slot = (uintptr_t)o;
        }
        sum += ((struct deferred_object *)(frame.slot & ~UNCOUNTED))->value;
        if (!(frame.slot & UNCOUNTED) && --o->refcnt == 0)
            hits++;
        frame.slot = 0;
    }
    *zeroes += hits;
    return sum;
}

/* ---- immortal --------------------------------------------------------------- */

#define IMMORTAL 0xffffffffL /* ob_ref_local of an immortal object */

static void *immortal_create(void)
{
    struct plain_object *o = line_alloc(sizeof *o);

    if (o == NULL)
        return NULL;
    o->refcnt = IMMORTAL;
    o->value = VALUE;
    return o;
}

/* The count must still be the immortal value: 0 when nothing wrote it. */
static long immortal_destroy(void *obj)
{
    struct plain_object *o = obj;
    long drift = o->refcnt - IMMORTAL;

    free(o);
    return drift;
}

/* ft_immortal_incref's test-then-adjust, in incref and again in decref; the
   test always finds the immortal value, so nothing is ever written. */
static long immortal_batch(void *obj, int n, long *zeroes)
{
    struct plain_object *o = obj;
    long sum = 0, hits = 0;

    for (int i = 0; i < n; i++) {
        if (o->refcnt != IMMORTAL)
            o->refcnt++;
        sum += o->value;
        if (o->refcnt != IMMORTAL && --o->refcnt == 0)
            hits++;
    }
    *zeroes += hits;
    return sum;
}

const struct rc_strategy rc_strategies[] = {
    { "none", "no synchronisation (racy on purpose; the yardstick)", "refcount_nolock", 1,
      plain_create, no_enter, no_leave, none_batch, plain_destroy },
    { "gil", "plain count, a GIL held while working (cases/support/gil.h, 5 ms switch interval)",
      "refcount_gil", 0, gil_create, gil_enter, gil_leave, gil_batch, gil_destroy_object },
    { "global-mutex", "plain count, one global mutex locked around each incref and decref",
      NULL, 0, plain_create, no_enter, no_leave, global_mutex_batch, plain_destroy },
    { "object-mutex", "plain count, the object's own mutex locked around each incref and decref",
      "refcount_objlock", 0, object_mutex_create, no_enter, no_leave, object_mutex_batch,
      object_mutex_destroy },
    { "atomic", "C11 atomic count: fetch_add relaxed, fetch_sub acq_rel", "refcount_atomic", 0,
      atomic_create, no_enter, no_leave, atomic_batch, atomic_destroy },
    { "biased", "biased: thread 0 owns the object and counts plain, the others atomically",
      "refcount_biased", 0, biased_create, biased_enter, no_leave, biased_batch, biased_destroy },
    { "deferred", "deferred: an uncounted entry stored in the thread's own stack slot; the count is never touched",
      "ft_deferred_refcount", 0, deferred_create, no_enter, no_leave, deferred_batch, deferred_destroy },
    { "immortal", "immortal: incref and decref read the count, find the immortal value and write nothing",
      "ft_immortal_incref", 0, immortal_create, no_enter, no_leave, immortal_batch, immortal_destroy },
};

const int rc_nstrategies = (int)(sizeof rc_strategies / sizeof rc_strategies[0]);
