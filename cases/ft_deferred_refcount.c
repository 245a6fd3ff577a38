/*
 * name: ft_deferred_refcount
 * summary: deferred reference counting as in free-threaded CPython: two threads call a shared function object through their evaluation stacks without ever touching its count, and a collector that stops the world adds the references it finds on the stacks before deciding to free it
 * verdict: race-free
 * category: free-threading
 * origin: PEP 703 (free-threaded CPython): deferred reference counting of functions, code objects, modules and types, reconciled by the garbage collector
 * why: the threads never write the object's count; their stack slots are
 *      written by their owner and read by the collector only while the
 *      owner is parked or detached, and parking, detaching and stopping the
 *      world all lock one mutex, so each slot's writes and reads are ordered
 *      by its unlock-lock pairs (POSIX XBD 4.12, C11 5.1.2.4p11); the free,
 *      an access to the whole object (C11 7.22.3p2), comes after every
 *      thread's last use of it by the same pairs or by pthread_join (POSIX
 *      XBD 4.12), so no conflicting accesses are unordered (C11 5.1.2.4p25).
 *
 * Some objects are used by every thread all the time: the functions and
 * code objects of a program, its modules, its classes.  Counting every
 * reference a thread takes to them, biased or atomic, would make their
 * counts the hottest shared cache lines of the process.  Free-threaded
 * CPython marks such objects deferred: when the interpreter pushes one on a
 * frame's evaluation stack it skips the incref, and when it pops it skips
 * the decref (the stack entry is tagged as not counted).  The count then
 * says too little, so it can no longer decide when the object dies: it may
 * read zero while stacks still hold the object.  Only the garbage collector
 * frees a deferred object, and it runs with the world stopped: every
 * thread is parked at a safe point or detached, so no stack changes while
 * the collector walks them all, adds the entries it finds to the count, and
 * frees the object only if the sum is zero.
 *
 * Here main plays the module and the collector.  It makes the function with
 * one counted reference (the module's) and starts two interpreter threads,
 * putting the function in the bottom slot of each thread's stack first, as
 * a thread's bootstrap holds its target.  Each thread then calls the
 * function again and again: it pushes it on its stack, uncounted, reads its
 * code, pops it, and passes a safe point.  main collects ten times; after
 * the fifth it drops the module's reference (del), which takes the count to
 * zero and frees nothing.  The collections that follow find the function on
 * the stacks and keep it.  When a thread is done it clears its stack and
 * detaches; the first collection to find every stack empty frees the
 * function (the last one, made after the joins, if none did before).  The
 * stop-the-world handshake is that of ft_stop_the_world.
 *
 * ft_mortal_incref shows what a plain shared count would do instead, and
 * ft_immortal_incref the objects that are never freed at all.  The eval
 * breaker and the "collections done" flag are relaxed atomics used as
 * hints, hidden from Helgrind and DRD (support/untracked.h); the slots are
 * volatile only so that an optimising build keeps every push and pop as a
 * store; volatile orders nothing.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "untracked.h"

#define NMUTATORS 2
#define ITERATIONS (1000 * scale_n) /* support/scale.h */
#define COLLECTIONS 10
#define STACK_SLOTS 2
#define WAIT_LIMIT 1000000L /* bounds a thread's wait for the collections */
#define CODE 42

struct object {
    long refcnt; /* counted references only; the threads never touch it */
    int deferred;
    long code;   /* what a call reads */
};

/* A thread's evaluation stack: slot 0 its bootstrap's reference, slot 1 a call. */
struct thread_state {
    struct object *volatile stack[STACK_SLOTS];
};

static struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int stop, attached, parked;
} interp = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 };

static atomic_int eval_breaker;    /* "please stop": a hint, orders nothing */
static atomic_int collections_done; /* a hint that the threads may finish */
static struct thread_state states[NMUTATORS];

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

/* A push or pop of a deferred object: the slot changes, the count does not. */
static void set_slot(struct thread_state *ts, int slot, struct object *o)
{
    ts->stack[slot] = o; /* NORACE(stack) */
}

static struct object *slot_of(const struct thread_state *ts, int slot)
{
    return ts->stack[slot]; /* NORACE(stack) */
}

static long call(const struct object *f)
{
    return f->code; /* NORACE(object) */
}

static void dealloc(struct object *o)
{
    free(o); /* NORACE(object) */
}

/* One collection: with the world stopped, count the stacks' references to
   o, add its counted ones, and free it if nothing refers to it. */
static int collect(struct object *o, long *found)
{
    long on_stacks = 0;
    int freed = 0;

    stop_the_world();
    for (int t = 0; t < NMUTATORS; t++)
        for (int s = 0; s < STACK_SLOTS; s++)
            on_stacks += slot_of(&states[t], s) == o;
    if (o->refcnt + on_stacks == 0) {
        dealloc(o);
        freed = 1;
    }
    start_the_world();
    *found = on_stacks;
    return freed;
}

static void *mutator(void *arg)
{
    struct thread_state *ts = arg;
    long sum = 0, i;

    attach();
    for (i = 0; i < ITERATIONS ||
                (!atomic_load_explicit(&collections_done, memory_order_relaxed) && i < WAIT_LIMIT);
         i++) {
        struct object *f = slot_of(ts, 0);
        set_slot(ts, 1, f);   /* push: uncounted, the object is deferred */
        sum += call(f);
        set_slot(ts, 1, NULL); /* pop: no decref either */
        safe_point();
    }
    set_slot(ts, 0, NULL);    /* the thread is done with its target */
    detach();
    return (void *)(sum / i);
}

int main(void)
{
    pthread_t threads[NMUTATORS];
    struct object *f = malloc(sizeof *f);
    long found, kept_with_zero_count = 0, bad = 0;
    int freed = 0, freed_at = 0;

    if (f == NULL) {
        fprintf(stderr, "ft_deferred_refcount: out of memory\n");
        return 1;
    }
    f->refcnt = 1; /* the module's reference */
    f->deferred = 1;
    f->code = CODE;
    UNTRACKED(eval_breaker);
    UNTRACKED(collections_done);
    for (int t = 0; t < NMUTATORS; t++) {
        states[t].stack[0] = f; /* the thread's target, before it runs */
        states[t].stack[1] = NULL;
        if (pthread_create(&threads[t], NULL, mutator, &states[t]) != 0) {
            fprintf(stderr, "ft_deferred_refcount: cannot create a thread\n");
            return 1;
        }
    }
    for (int c = 1; c <= COLLECTIONS && !freed; c++) {
        if (c == COLLECTIONS / 2 + 1)
            f->refcnt--; /* del: zero, but deferred objects wait for the collector */
        freed = collect(f, &found);
        if (freed)
            freed_at = c;
        else if (f->refcnt == 0)
            kept_with_zero_count++;
    }
    atomic_store_explicit(&collections_done, 1, memory_order_relaxed);
    for (int t = 0; t < NMUTATORS; t++) {
        void *code;
        pthread_join(threads[t], &code);
        bad += (long)code != CODE;
    }
    if (!freed) {
        freed = collect(f, &found); /* every thread is gone: nothing refers to f */
        freed_at = COLLECTIONS + 1;
    }
    printf("freed by collection %d of %d (+1 after the joins)\n", freed_at, COLLECTIONS);
    printf("collections that kept it with a zero count: %ld\n", kept_with_zero_count);
    printf("threads that read a wrong code: %ld\n", bad);
    return 0;
}
