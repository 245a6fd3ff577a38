/*
 * name: cpython_freelist_ob_tid_fixed
 * summary: cpython_freelist_ob_tid as fixed: the owner pushes the deallocated object on its freelist with a relaxed atomic store to ob_tid, which the lock-free dictionary read loads with a relaxed atomic
 * verdict: race-free
 * category: real-bug
 * origin: CPython pull request #127880 (2024), the fix of gh-127879: _PyFreeList_Push writes ob_tid with a relaxed atomic store, since a non-locking read may load it concurrently
 * why: both accesses to ob_tid that can meet are now atomic, and atomic
 *      operations never form a data race with each other (C11 5.1.2.4p25,
 *      whatever their memory order); the relaxed order is enough because the
 *      reader takes no other data from the value it loads, it only compares
 *      it with its own thread id.
 *
 * The program of cpython_freelist_ob_tid with the one store the fix made
 * atomic.  ThreadSanitizer, which models C11 atomics, has nothing to
 * report.  Helgrind and DRD do not model them: to them the relaxed store and
 * the relaxed load of ob_tid are plain moves from two threads with no
 * ordering between them, so they still report the pair.
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
    return __atomic_load_n(&op->ob_tid, __ATOMIC_RELAXED) == tid; /* NORACE(ob_tid) */
}

/* _PyFreeList_Push: links the object through its first word, ob_tid,
   now with a relaxed atomic store (the fix). */
static void freelist_push(struct object *op)
{
    __atomic_store_n(&op->ob_tid, (uintptr_t)freelist, __ATOMIC_RELAXED); /* NORACE(ob_tid) */
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
        fprintf(stderr, "cpython_freelist_ob_tid_fixed: cannot create threads\n");
        return 1;
    }
    pthread_join(o, NULL);
    pthread_join(r, NULL);

    printf("lookups summed %ld; the deleted object is %s the freelist\n", sum,
           freelist == &shared ? "at the head of" : "not at the head of");
    return 0;
}
