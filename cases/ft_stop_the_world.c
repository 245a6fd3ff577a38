/*
 * name: ft_stop_the_world
 * summary: a collector rewrites every object's GC bits while the world is stopped: two interpreter threads park at their next safe point, and a foreign thread attaches before it reads the object it was given
 * verdict: race-free
 * category: free-threading
 * origin: PEP 703 (free-threaded CPython): stop-the-world pauses for the cyclic garbage collector, Python/pystate.c (attached, detached and suspended thread states)
 * why: every read of an object's gc_bits is made by an attached thread, and
 *      attaching, detaching and parking all lock the interpreter's mutex, as
 *      stopping and restarting the world do; a reader's reads before it
 *      parks or detaches are ordered before the collector's writes, and the
 *      writes before every read made after it resumes or attaches again,
 *      by the unlock-lock pairs of that one mutex (POSIX XBD 4.12; C11
 *      5.1.2.4p11 for mtx_t), so no pair of conflicting accesses is
 *      unordered (C11 5.1.2.4p25).
 *
 * Without a GIL, threads run Python code at the same time, and the cyclic
 * garbage collector cannot simply take a lock: it must see and change every
 * object while no thread uses any.  Free-threaded CPython stops the world.
 * A thread running Python code is attached; one that blocks or leaves the
 * interpreter detaches first.  The collector sets a flag in every attached
 * thread's eval breaker and waits: each attached thread, at its next safe
 * point (between bytecodes), sees the flag and parks as suspended.  A
 * detached thread is made suspended by the collector itself, and a thread
 * that tries to attach while the world is stopped waits until it restarts.
 * When the last attached thread has parked, the collector has the heap to
 * itself; then it restarts the world and everyone goes on.
 *
 * Here main is the collector.  Two interpreter threads, attached from the
 * start, loop reading the GC bits of objects 1 to 3, with a safe point after
 * each read, until they have done their share and seen the marks of the
 * last collection, so that every collection finds them running.  main runs
 * five collections, each a stop of the world, a rewrite of every object's
 * bits and a restart.  A foreign thread, made by a C library that handed it
 * object 0 (a callback, say), waits in the library for an event that comes
 * after the collections (a turn of support/turn.h, which orders nothing),
 * then attaches (PyGILState_Ensure), reads the object's bits with a safe
 * point after each read, and detaches (PyGILState_Release).  Its reads are
 * ordered after the last collection's writes by attach's lock of the
 * interpreter's mutex, which the restart of the world unlocked.
 * ft_stop_the_world_unattached is the same program with a foreign thread
 * that reads without attaching.
 *
 * The eval breaker is a relaxed atomic and only a hint, as in CPython: a
 * thread that misses it parks at a later check or detaches, and everything
 * that orders memory goes through the mutex.  It is hidden from Helgrind and
 * DRD (support/untracked.h), which would take its plain load and store for a
 * race.
 *
 * gc_bits is volatile only so that an optimising build keeps one load per
 * read instead of hoisting the foreign thread's reads out of its loop;
 * volatile orders nothing and makes nothing atomic.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"
#include "untracked.h"

#define NOBJECTS 4
#define NMUTATORS 2
#define ITERATIONS (2000 * scale_n) /* support/scale.h */
#define COLLECTIONS 5
#define FOREIGN_READS 100
#define WAIT_LIMIT 1000000L /* bounds a mutator's wait for the last collection */

struct object {
    volatile long gc_bits; /* ob_gc_bits: what the collector marks; volatile: below */
    long value;
};

/* What every thread needs to stop the world: guarded by lock. */
static struct {
    pthread_mutex_t lock;
    pthread_cond_t changed; /* a thread parked, detached or may resume */
    int stop;               /* a collector has stopped, or is stopping, the world */
    int attached;           /* threads attached to the interpreter */
    int parked;             /* attached threads parked at a safe point */
} interp = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 };

static atomic_int eval_breaker; /* "please stop": a hint, orders nothing */
static struct object objects[NOBJECTS];
static struct turn order; /* when the foreign thread reads; orders nothing */

static long gc_bits_of(const struct object *o)
{
    return o->gc_bits; /* NORACE(bits) */
}

static void gc_mark(struct object *o, long collection)
{
    o->gc_bits = collection; /* NORACE(bits) */
}

/* Waits until the world runs, then counts the caller as attached. */
static void attach(void)
{
    pthread_mutex_lock(&interp.lock);
    while (interp.stop)
        pthread_cond_wait(&interp.changed, &interp.lock);
    interp.attached++;
    pthread_mutex_unlock(&interp.lock);
}

static void detach(void)
{
    pthread_mutex_lock(&interp.lock);
    interp.attached--;
    pthread_cond_broadcast(&interp.changed);
    pthread_mutex_unlock(&interp.lock);
}

/* Between two bytecodes: park while the world is stopped. */
static void safe_point(void)
{
    if (!atomic_load_explicit(&eval_breaker, memory_order_relaxed))
        return;
    pthread_mutex_lock(&interp.lock);
    interp.parked++;
    pthread_cond_broadcast(&interp.changed);
    while (interp.stop)
        pthread_cond_wait(&interp.changed, &interp.lock);
    interp.parked--;
    pthread_mutex_unlock(&interp.lock);
}

static void stop_the_world(void)
{
    pthread_mutex_lock(&interp.lock);
    interp.stop = 1;
    atomic_store_explicit(&eval_breaker, 1, memory_order_relaxed);
    while (interp.parked < interp.attached)
        pthread_cond_wait(&interp.changed, &interp.lock);
    pthread_mutex_unlock(&interp.lock);
}

static void start_the_world(void)
{
    pthread_mutex_lock(&interp.lock);
    interp.stop = 0;
    atomic_store_explicit(&eval_breaker, 0, memory_order_relaxed);
    pthread_cond_broadcast(&interp.changed);
    pthread_mutex_unlock(&interp.lock);
}

/* An interpreter thread: runs until it has done its work and seen the
   last collection's marks, so that the collections find it attached. */
static void *mutator(void *arg)
{
    long me = (long)arg, seen = 0, i;

    attach();
    for (i = 0; i < ITERATIONS || (seen < COLLECTIONS && i < WAIT_LIMIT); i++) {
        seen = gc_bits_of(&objects[1 + (me + i) % (NOBJECTS - 1)]);
        safe_point();
    }
    detach();
    return (void *)seen;
}

/* A thread the interpreter did not make, reading the object it was given
   once the library's event comes: it attaches first, and detaches after. */
static void *foreign(void *arg)
{
    struct object *o = arg;
    long sum = 0;

    turn_wait(&order, 1); /* blocked in the library until its event */
    attach();             /* PyGILState_Ensure */
    for (int i = 0; i < FOREIGN_READS; i++) {
        sum += gc_bits_of(o);
        safe_point();
    }
    detach();             /* PyGILState_Release */
    return (void *)sum;
}

int main(void)
{
    pthread_t mutators[NMUTATORS], outsider;
    long saw_last = 0;

    UNTRACKED(eval_breaker);
    turn_init(&order);
    for (long t = 0; t < NMUTATORS; t++)
        if (pthread_create(&mutators[t], NULL, mutator, (void *)t) != 0) {
            fprintf(stderr, "ft_stop_the_world: cannot create a thread\n");
            return 1;
        }
    if (pthread_create(&outsider, NULL, foreign, &objects[0]) != 0) {
        fprintf(stderr, "ft_stop_the_world: cannot create a thread\n");
        return 1;
    }

    for (long c = 1; c <= COLLECTIONS; c++) {
        stop_the_world();
        for (int i = 0; i < NOBJECTS; i++)
            gc_mark(&objects[i], c);
        start_the_world();
    }
    turn_pass(&order, 1); /* the library's event: the foreign thread goes on */

    for (int t = 0; t < NMUTATORS; t++) {
        void *seen;
        pthread_join(mutators[t], &seen);
        saw_last += (long)seen == COLLECTIONS;
    }
    void *sum;
    pthread_join(outsider, &sum);
    printf("foreign thread read %ld (%d expected)\n", (long)sum, COLLECTIONS * FOREIGN_READS);
    printf("interpreter threads that saw the last collection: %ld of %d\n", saw_last, NMUTATORS);
    return 0;
}
