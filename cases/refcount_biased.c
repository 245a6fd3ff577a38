/*
 * name: refcount_biased
 * summary: biased reference counting as in free-threaded CPython: the owner thread counts in a plain local field, another thread in an atomic shared field; the owner merges when its count reaches zero and the last shared drop deallocates
 * verdict: race-free
 * category: refcount
 * origin: seed article, free-threaded CPython (PEP 703): biased reference counting instead of a GIL
 * why: the plain field ref_local is read and written only by the owner
 *      thread, so it has no conflicting access in another thread; ref_shared
 *      is touched only by atomic operations, which never form a data race
 *      (C11 5.1.2.4p25); and the merge and every shared drop are release
 *      read-modify-writes, so the drop that deallocates, also an acquire,
 *      synchronises with them (C11 5.1.2.4p10-11, 7.17.3): every use of the
 *      object, and the owner's last write of ref_local, happen before the
 *      dealloc's write of the value and its free.
 *
 * PEP 703 replaces the GIL's protection of reference counts with two counts
 * per object.  The thread that created an object owns it (ob_tid) and keeps
 * its references in ob_ref_local with plain, cheap increments and
 * decrements; every other thread counts in ob_ref_shared with atomic
 * operations.  The true count is the sum.  When the owner's count reaches
 * zero it cannot tell whether others still hold references, so it merges:
 * it sets a MERGED flag in the shared field with a compare-and-swap, and
 * from then on the shared field alone decides, and the thread whose drop
 * takes it to zero deallocates.  If the shared field is still 0 when the
 * owner's count reaches zero, no other thread holds a reference and the
 * owner deallocates at once.
 *
 * Here main creates the object and owns it; a worker, started with a
 * borrowed pointer, takes a reference of its own (a shared one) before the
 * two meet at a barrier, so main's reference keeps the object alive until
 * the worker has one.  Then both 20000 times take a temporary reference,
 * read the value and drop the reference: main through ref_local, the worker
 * through ref_shared, on the same object at the same time.  main then drops
 * its own reference, its local count reaches zero and it merges; the worker
 * drops its own and deallocates.  dealloc overwrites the value with a dead
 * marker, as CPython's debug allocator scribbles over freed memory, and frees
 * the object.  The program prints "deallocated 1 times (1 expected), by the
 * worker".
 *
 * Who deallocates must not change from run to run, because Helgrind and DRD
 * report different lines for each.  A relaxed atomic turn token makes the
 * worker's last drop wait until main has merged; relaxed operations create
 * no happens-before (C11 5.1.2.4), so all the ordering that makes the dealloc
 * safe still comes from ref_shared.  Left out of CPython's scheme: a
 * non-owner dropping a reference the owner took (the shared count would go
 * below zero, and CPython queues the object for its owner to merge), since
 * the worker here drops only references it took; and CPython's relaxed
 * atomic accesses to ob_ref_local, needed there because every thread reads
 * it to check for immortal objects before checking ownership.  Here only the
 * owner ever touches ref_local, so plain accesses are enough.
 *
 * The marked lines are where a report would be a false positive.  The free
 * is marked with ref_local's tag: it counts as a write of the whole object
 * (C11 7.22.3p2), ref_local included, in the worker, a thread that must
 * never touch that field while the owner may.
 *
 * ThreadSanitizer models the release/acquire on ref_shared and stays silent.
 * It treats free() as a write to the whole object, so it does check the
 * owner's accesses against the free: with the merge's compare-and-swap made
 * relaxed it reports the dealloc's write and the free against main's earlier
 * accesses.  Helgrind and DRD do not model C11 atomics: they see the locked
 * read-modify-writes as reads, so they see no conflict on ref_shared, but they
 * see no ordering either, and report the dealloc's write of the value as
 * racing with main's reads of it (Helgrind names both lines, DRD only the
 * write, the later access).  They do not count free() as a write unless run
 * with --free-is-write=yes, so they say nothing about the free.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define ITERATIONS (20000 * scale_n) /* support/scale.h */
#define VALUE 42
#define DEAD_VALUE (-0x2222222L) /* the poison dealloc leaves behind */
#define TURN_SPIN_LIMIT 100000000L

/* ref_shared holds a count shifted left by one; the low bit is the flag. */
#define MERGED 1L
#define SHARED_ONE 2L

struct object {
    pthread_t owner;        /* ob_tid: set at creation, never changed */
    long ref_local;         /* ob_ref_local: the owner's references, plain */
    atomic_long ref_shared; /* ob_ref_shared: everyone else's, and MERGED */
    long value;             /* the payload */
};

struct work {
    struct object *obj; /* borrowed from main until the worker increfs */
    long sum;           /* what the worker read, for main to check */
};

static atomic_int deallocations;
static atomic_int dealloc_by_owner;
static atomic_int turn; /* 1 once main has merged; orders nothing */
static pthread_barrier_t start_line;

static int owned_here(const struct object *o)
{
    return pthread_equal(o->owner, pthread_self()); /* NORACE(owner) */
}

static void dealloc(struct object *o)
{
    int by_owner = owned_here(o);

    o->value = DEAD_VALUE; /* NORACE(value) */
    free(o); /* NORACE(local) */
    atomic_fetch_add_explicit(&deallocations, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&dealloc_by_owner, by_owner, memory_order_relaxed);
}

/* The owner's count is zero: hand the decision over to ref_shared. */
static void merge_zero_local(struct object *o)
{
    long shared = atomic_load_explicit(&o->ref_shared, memory_order_acquire); /* NORACE(shared) */

    if (shared == 0) {
        dealloc(o); /* no other thread holds a reference */
        return;
    }
    while (!atomic_compare_exchange_weak_explicit(&o->ref_shared, &shared, shared | MERGED, /* NORACE(shared) */
                                                  memory_order_acq_rel, memory_order_acquire))
        ;
    if ((shared | MERGED) == MERGED)
        dealloc(o); /* the others dropped theirs before the merge */
}

static void incref(struct object *o)
{
    if (owned_here(o))
        o->ref_local++; /* NORACE(local) */
    else
        atomic_fetch_add_explicit(&o->ref_shared, SHARED_ONE, memory_order_relaxed); /* NORACE(shared) */
}

static void decref(struct object *o)
{
    if (owned_here(o)) {
        if (--o->ref_local == 0) /* NORACE(local) */
            merge_zero_local(o);
    } else if (atomic_fetch_sub_explicit(&o->ref_shared, SHARED_ONE, memory_order_acq_rel) == /* NORACE(shared) */
               SHARED_ONE + MERGED) {
        dealloc(o); /* the last reference, and the owner has merged */
    }
}

static long use(struct object *o, int times)
{
    long sum = 0;

    for (int i = 0; i < times; i++) {
        incref(o);         /* a temporary reference, e.g. a local name */
        sum += o->value;   /* NORACE(value) */
        decref(o);
    }
    return sum;
}

/* Waits, without synchronising, until the turn token reads `want`. */
static void wait_turn(int want)
{
    for (long spins = 0; atomic_fetch_add_explicit(&turn, 0, memory_order_relaxed) != want; spins++) {
        if (spins == TURN_SPIN_LIMIT) {
            fprintf(stderr, "refcount_biased: turn %d never came\n", want);
            return;
        }
        sched_yield();
    }
}

static void *worker(void *arg)
{
    struct work *w = arg;
    struct object *o = w->obj;

    incref(o); /* the worker's own reference; main's keeps o alive till now */
    pthread_barrier_wait(&start_line);
    w->sum = use(o, ITERATIONS);
    wait_turn(1);
    decref(o);
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct work work;
    struct object *o = malloc(sizeof *o);
    long sum;

    if (o == NULL) {
        fprintf(stderr, "refcount_biased: out of memory\n");
        return 1;
    }
    o->owner = pthread_self(); /* the creating thread owns the object */
    o->ref_local = 1;          /* main's reference */
    atomic_init(&o->ref_shared, 0);
    o->value = VALUE;
    pthread_barrier_init(&start_line, NULL, 2);

    work.obj = o;
    work.sum = 0;
    if (pthread_create(&t, NULL, worker, &work) != 0) {
        fprintf(stderr, "refcount_biased: cannot create a thread\n");
        return 1;
    }
    pthread_barrier_wait(&start_line);
    sum = use(o, ITERATIONS);
    decref(o); /* main's own reference: the local count reaches zero */
    atomic_exchange_explicit(&turn, 1, memory_order_relaxed);
    pthread_join(t, NULL);

    printf("deallocated %d times (1 expected), by %s\n",
           atomic_load_explicit(&deallocations, memory_order_relaxed),
           atomic_load_explicit(&dealloc_by_owner, memory_order_relaxed) ? "the owner" : "the worker");
    printf("wrong sums: %d\n", (sum != (long)ITERATIONS * VALUE) + (work.sum != (long)ITERATIONS * VALUE));
    pthread_barrier_destroy(&start_line);
    return 0;
}
