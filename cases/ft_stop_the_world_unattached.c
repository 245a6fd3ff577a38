/*
 * name: ft_stop_the_world_unattached
 * summary: ft_stop_the_world with a foreign thread that reads its object without attaching: the collector stops the world without it, and its reads of the GC bits are ordered after none of the collector's writes
 * verdict: race
 * category: free-threading
 * origin: PEP 703 (free-threaded CPython): stop-the-world pauses, and C code that touches objects from a thread without an attached thread state
 * why: the foreign thread reads object 0's gc_bits without ever taking the
 *      interpreter's mutex, and nothing else (join, lock, atomic) orders
 *      those reads after the collector's writes to the same field; the turn
 *      that puts the reads after the collections is a relaxed atomic and
 *      orders nothing (C11 7.17.3), so the reads and the writes conflict
 *      without happens-before: a data race (C11 5.1.2.4p25).
 *
 * The program is ft_stop_the_world (which says how the world is stopped)
 * with a foreign thread that neither attaches nor passes safe points: C code
 * in a thread of its own that calls into objects without a thread state,
 * which PyGILState_Ensure would have given it.  The interpreter does not
 * know the thread exists: a stop of the world counts only the two
 * interpreter threads, which park as before, and the foreign thread takes
 * no part in any of the handshakes that order the interpreter threads'
 * accesses against the collector's.  Under a GIL the same code was a bug as
 * well (it touched objects without holding the GIL); without one, nothing
 * stops it reading fields that the collector is writing.
 *
 * The turn (support/turn.h) makes the foreign thread read only after the
 * last collection, so every detector sees the same order on every run: the
 * reads after the writes, and nothing between main's last write and the
 * reads that would push the write out of a detector's history.  The
 * program prints what the foreign thread read, the same as in
 * ft_stop_the_world: the turn keeps the reads out of the collections in
 * time, but nothing in the program's synchronisation does, and a foreign
 * thread woken a little earlier would read while the collector writes.
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
    return o->gc_bits; /* RACE(bits) */
}

static void gc_mark(struct object *o, long collection)
{
    o->gc_bits = collection; /* RACE(bits) */
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
   once the library's event comes: it never attaches, so no stop of the
   world waits for it, nor does it wait for one. */
static void *foreign(void *arg)
{
    struct object *o = arg;
    long sum = 0;

    turn_wait(&order, 1); /* blocked in the library until its event */
    for (int i = 0; i < FOREIGN_READS; i++)
        sum += gc_bits_of(o);
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
            fprintf(stderr, "ft_stop_the_world_unattached: cannot create a thread\n");
            return 1;
        }
    if (pthread_create(&outsider, NULL, foreign, &objects[0]) != 0) {
        fprintf(stderr, "ft_stop_the_world_unattached: cannot create a thread\n");
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
