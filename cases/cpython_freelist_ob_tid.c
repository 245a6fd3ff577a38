/*
 * name: cpython_freelist_ob_tid
 * summary: free-threaded CPython: a lock-free dictionary read loads an object's owner (ob_tid) with a relaxed atomic while the owning thread deallocates the object and pushes it on its freelist, storing the link in ob_tid with a plain store
 * verdict: race
 * category: real-bug
 * origin: CPython issue gh-127879 (2024, fixed by pull request #127880): in the free-threaded build _PyFreeList_Push wrote the freed object's ob_tid field with a plain store, while a non-locking dict, list or structmember read in another thread could be loading the same field atomically; ThreadSanitizer reported the race
 * why: the reader's load is atomic but the owner's store is not, and nothing
 *      orders them (the reader's acquire load of the dict slot comes after
 *      its load of ob_tid); C11 5.1.2.4p25 makes two conflicting accesses in
 *      different threads a data race unless both are atomic or one happens
 *      before the other, so a plain store against an atomic load is one.
 *
 * In the free-threaded build a dict lookup takes no lock: it loads the value
 * from the table and tries to take a reference with _Py_TryIncrefCompare,
 * which first asks _Py_IsOwnedByCurrentThread, an atomic relaxed load of the
 * object's ob_tid, and then checks that the table still holds the object.
 * Meanwhile the object's owner may delete the entry and deallocate the
 * object.  The memory is not given back: a freelist keeps it for reuse,
 * linked through its first word, which in this build is ob_tid, so the
 * lookup still reads a valid object.  That store was plain: the lookup's
 * atomic load raced with it.
 *
 * Here the reader first does many lookups of an object that stays alive
 * (the work-scale loop; its ob_tid is written only before the threads
 * exist), then loads the shared object from the slot; a turn
 * (support/turn.h) lets the owner delete the entry, deallocate the object
 * and push it on its freelist, and only then does the reader load ob_tid,
 * find it is not the owner and see that the slot has changed.  The owner
 * also pushes and pops its own objects before that (its private freelist at
 * work).  The turn orders in time only, and nothing waits on a turn after
 * the racing load.  Helgrind and DRD see the relaxed atomics as plain moves;
 * the slot, an atomic, is hidden from them (support/untracked.h), ob_tid is
 * not.  cpython_freelist_ob_tid_fixed is the project's fix.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"
#include "untracked.h"

#define LOOKUPS (20000 * scale_n) /* support/scale.h */
#define OWNER_TID 1
#define READER_TID 2
#define PRIVATE_OBJECTS 8

struct object {
    uintptr_t ob_tid;  /* the owning thread; the freelist link once freed */
    long ob_ref_local; /* the owner's count; only the owner touches it */
    long value;
};

static struct object live = {OWNER_TID, 1, 7};   /* stays in the table */
static struct object shared = {OWNER_TID, 1, 42}; /* deleted by the owner */
static struct object private_objects[PRIVATE_OBJECTS];
static struct object *_Atomic slot;              /* the dict entry */
static struct object *freelist;                  /* the owner's own */
static struct turn order;

/* _Py_IsOwnedByCurrentThread: a relaxed atomic load, as in CPython. */
static int is_owned_by(struct object *op, uintptr_t tid)
{
    return __atomic_load_n(&op->ob_tid, __ATOMIC_RELAXED) == tid; /* RACE(ob_tid) */
}

/* _PyFreeList_Push: links the object through its first word, ob_tid. */
static void freelist_push(struct object *op)
{
    op->ob_tid = (uintptr_t)freelist; /* RACE(ob_tid) */
    freelist = op;
}

static struct object *freelist_pop(void)
{
    struct object *op = freelist;
    freelist = (struct object *)op->ob_tid;
    op->ob_tid = OWNER_TID;
    return op;
}

/* The lock-free lookup: a reference if the slot still holds op, else none. */
static int try_incref_compare(struct object *op)
{
    if (is_owned_by(op, READER_TID))
        return 1;
    return atomic_load_explicit(&slot, memory_order_acquire) == op;
}

static void *owner(void *arg)
{
    (void)arg;
    for (int i = 0; i < PRIVATE_OBJECTS; i++)
        freelist_push(&private_objects[i]);
    for (long i = 0; i < LOOKUPS; i++)
        freelist_push(freelist_pop()); /* allocate, use, free */
    turn_wait(&order, 1);
    atomic_store_explicit(&slot, NULL, memory_order_release); /* del d[key] */
    shared.ob_ref_local = 0;                                  /* the last reference */
    freelist_push(&shared);                                   /* dealloc */
    turn_pass(&order, 2);
    return NULL;
}

static void *reader(void *arg)
{
    long *sum = arg;

    for (long i = 0; i < LOOKUPS; i++)
        if (!is_owned_by(&live, READER_TID)) /* a shared reference to take */
            *sum += live.value;
    struct object *op = atomic_load_explicit(&slot, memory_order_acquire);
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    if (try_incref_compare(op))
        *sum += op->value; /* not reached: the entry is gone */
    return NULL;
}

int main(void)
{
    pthread_t o, r;
    long sum = 0;

    turn_init(&order);
    atomic_init(&slot, &shared);
    UNTRACKED(slot);
    if (pthread_create(&o, NULL, owner, NULL) != 0 ||
        pthread_create(&r, NULL, reader, &sum) != 0) {
        fprintf(stderr, "cpython_freelist_ob_tid: cannot create threads\n");
        return 1;
    }
    pthread_join(o, NULL);
    pthread_join(r, NULL);

    printf("lookups summed %ld; the deleted object is %s the freelist\n", sum,
           freelist == &shared ? "at the head of" : "not at the head of");
    return 0;
}
