/*
 * name: refcount_drop_while_used
 * summary: a reader borrows an item from a locked one-slot list and uses it after unlocking, without a reference of its own; a writer replaces the item, its count drops to zero and it is freed
 * verdict: race
 * category: refcount
 * origin: seed article, free-threaded CPython (PEP 703): borrowed references such as PyList_GetItem's are unsafe without a GIL
 * why: free() counts as an access to the object it deallocates (C11
 *      7.22.3p2); the reader's use of the item comes after it released the
 *      list's mutex, and the writer's free after it took that mutex, so the
 *      only unlock/lock pair between the threads (POSIX XBD 4.12) orders the
 *      borrowing, not the use, before the free; the relaxed turn token orders
 *      nothing (C11 7.17.3p1), so the use and the free are a data race under
 *      C11 5.1.2.4p25.
 *
 * A borrowed reference is a pointer to an object that the holder has not
 * counted.  With a GIL it is safe as long as the holder keeps the GIL: no
 * other thread can drop the last reference in between.  Without a GIL it is
 * safe only as long as some lock keeps the owner of the reference from
 * dropping it.  Here a list (one slot, with a per-object mutex like the
 * critical sections of free-threaded CPython) holds the only reference to an
 * object.  The reader takes the item under the list's mutex and releases
 * the mutex, left with a borrowed reference as PyList_GetItem returns, and
 * then reads the item's value, holding no reference of its own.  The writer
 * replaces the item, as PyList_SetItem does: it swaps the slot under the
 * mutex, then drops the list's reference to the old item, the count reaches
 * zero and the item is freed.  The fix is to take a reference before
 * releasing the list's mutex (PyList_GetItemRef, added for free-threaded
 * CPython) and to drop it after the use.
 *
 * A relaxed atomic turn token makes the writer wait until the reader has
 * used the item, so in time the read always comes before the free: the
 * program never reads freed memory and prints "value: 42 (42 expected)",
 * and every detector sees the same order on every run.  That order is not
 * happens-before, so the free still races with the read.  Had the writer
 * gone first, the reader would have read freed memory, a use after free on
 * some runs and not others; the token keeps that out of the case.  The
 * reference count is atomic and touched only by the writer while the
 * threads run, so it is not part of the race: the reader never counts its
 * reference, which is the bug.
 *
 * ThreadSanitizer treats free() as a write to the whole object and reports
 * it against the reader's earlier read.  Helgrind and DRD do not treat free()
 * as an access unless run with --free-is-write=yes, so they report nothing;
 * no dealloc write of the object's fields is added to give them something to
 * see, because the race to show is between the use and the free.  The turn
 * token is only ever read-modify-written, which Helgrind and DRD see as
 * reads.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define OLD_VALUE 42
#define NEW_VALUE 7
#define TURN_SPIN_LIMIT 100000000L

struct object {
    atomic_long refcnt; /* ob_refcnt */
    long value;         /* the payload; never written after creation */
};

struct list {
    pthread_mutex_t lock;  /* the list's own lock, guarding items */
    struct object *item;   /* one slot, holding a reference */
};

static struct list list;
static atomic_int turn;    /* 1 once the reader has used the item; orders nothing */
static atomic_int deallocations;

static struct object *object_new(long value)
{
    struct object *o = malloc(sizeof *o);

    if (o == NULL) {
        fprintf(stderr, "refcount_drop_while_used: out of memory\n");
        exit(1);
    }
    atomic_init(&o->refcnt, 1);
    o->value = value;
    return o;
}

static void dealloc(struct object *o)
{
    free(o); /* RACE(item) */
    atomic_fetch_add_explicit(&deallocations, 1, memory_order_relaxed);
}

static void decref(struct object *o)
{
    if (atomic_fetch_sub_explicit(&o->refcnt, 1, memory_order_acq_rel) == 1)
        dealloc(o);
}

/* PyList_GetItem: the result is borrowed, not counted. */
static struct object *list_get_borrowed(struct list *l)
{
    struct object *o;

    pthread_mutex_lock(&l->lock);
    o = l->item;
    pthread_mutex_unlock(&l->lock);
    return o;
}

/* PyList_SetItem: takes over the caller's reference to o, drops the old one. */
static void list_set(struct list *l, struct object *o)
{
    struct object *old;

    pthread_mutex_lock(&l->lock);
    old = l->item;
    l->item = o;
    pthread_mutex_unlock(&l->lock);
    decref(old);
}

static long use(const struct object *o)
{
    return o->value; /* RACE(item) */
}

/* Waits, without synchronising, until the turn token reads `want`. */
static void wait_turn(int want)
{
    for (long spins = 0; atomic_fetch_add_explicit(&turn, 0, memory_order_relaxed) != want; spins++) {
        if (spins == TURN_SPIN_LIMIT) {
            fprintf(stderr, "refcount_drop_while_used: turn %d never came\n", want);
            return;
        }
        sched_yield();
    }
}

static void *reader(void *arg)
{
    long *result = arg;
    struct object *o = list_get_borrowed(&list);

    *result = use(o); /* no reference held: o may be freed at any time */
    atomic_exchange_explicit(&turn, 1, memory_order_relaxed);
    return NULL;
}

static void *writer(void *arg)
{
    (void)arg;
    wait_turn(1);
    list_set(&list, object_new(NEW_VALUE)); /* frees the old item */
    return NULL;
}

int main(void)
{
    pthread_t r, w;
    long result = 0;

    if (pthread_mutex_init(&list.lock, NULL) != 0) {
        fprintf(stderr, "refcount_drop_while_used: cannot set up the list\n");
        return 1;
    }
    list.item = object_new(OLD_VALUE); /* the list holds the only reference */
    if (pthread_create(&r, NULL, reader, &result) != 0 ||
        pthread_create(&w, NULL, writer, NULL) != 0) {
        fprintf(stderr, "refcount_drop_while_used: cannot create threads\n");
        return 1;
    }
    pthread_join(r, NULL);
    pthread_join(w, NULL);

    printf("value: %ld (%d expected)\n", result, OLD_VALUE);
    printf("deallocated %d times (1 expected)\n",
           atomic_load_explicit(&deallocations, memory_order_relaxed));
    decref(list.item);
    pthread_mutex_destroy(&list.lock);
    scale_busy(); /* its only loop is a bounded wait: support/scale.h */
    return 0;
}
