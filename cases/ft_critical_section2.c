/*
 * name: ft_critical_section2
 * summary: per-object critical sections as in free-threaded CPython: two movers lock the same two lists in address order whichever way they move items, and a thread that blocks inside a section suspends it so that the thread it waits for can lock the list
 * verdict: race-free
 * category: free-threading
 * origin: PEP 703 (free-threaded CPython): Py_BEGIN_CRITICAL_SECTION and Py_BEGIN_CRITICAL_SECTION2, Include/internal/pycore_critical_section.h
 * why: every access to a list's items is made holding that list's mutex,
 *      so each access happens before the next one to the same list by the
 *      unlock-lock pair of that mutex (POSIX XBD 4.12, C11 5.1.2.4p11), and
 *      main reads the totals after joining every thread; no conflicting
 *      accesses are left unordered (C11 5.1.2.4p25).  The mutexes are taken
 *      in one global order (by address) and none is held while blocking on
 *      anything else, so the threads cannot deadlock either.
 *
 * Free-threaded CPython gives each object a small mutex (ob_mutex) in place
 * of the GIL's protection of that object's innards: list.append locks the
 * list, dict.__setitem__ the dict.  Operations that need two objects at
 * once, such as list.extend from another list or a dict update from
 * another dict, take both with Py_BEGIN_CRITICAL_SECTION2(a, b), which
 * locks the mutex at the lower address first, whatever the order of the
 * arguments.  Two threads running extend(a, b) and extend(b, a) then take
 * the two mutexes in the same order and cannot each hold one and wait for
 * the other.
 *
 * The other half of the design is that a critical section is not held
 * across a blocking call.  Each thread keeps a stack of its active sections
 * (PyThreadState.critical_section); whenever it would block (on I/O, on
 * another lock, waiting for the GIL-less equivalent of an event), it
 * detaches from the interpreter, and detaching suspends every active
 * section, releasing its mutexes.  When the thread attaches again it
 * re-locks the top-most section; an outer one is re-locked when the inner
 * one ends.  Nested sections therefore never hold a mutex while waiting,
 * which is what makes them deadlock-free, at a price CPython documents: a
 * section is only atomic up to the first point where it might block.
 * CPython also suspends outer sections when an inner one cannot take its
 * mutex at once; this program has no nested sections, so it leaves that out.
 *
 * Phase 1: two movers, started together at a barrier, move items between
 * lists a and b 1000 times each, one from a to b and the other from b to a,
 * each inside CRITICAL_SECTION2_BEGIN(a, b) or (b, a).  Phase 2: a waiter
 * enters a section on a, reads a's items and then blocks waiting for an
 * event (a semaphore) that a producer posts only after it has itself
 * entered a section on a and added to it.  Had the waiter kept a's mutex
 * while blocked, neither thread could go on; the suspension lets the
 * producer in, and the waiter re-locks a before it reads again.  A turn
 * (support/turn.h, ordering nothing) makes the producer try only once the
 * waiter is inside its section, so that every run shows the suspension.
 *
 * ft_critical_section2_unordered is this program with the two mutexes taken
 * in the order of the arguments: a lock-order inversion.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define MOVES (1000 * scale_n) /* support/scale.h */
#define START_ITEMS 100000L
#define PRODUCED 10
#define ITEM_WORK 100 /* steps of private arithmetic per item moved */

struct object {
    pthread_mutex_t mutex; /* ob_mutex */
    long items;            /* the list's length, reduced to a number */
};

/* One entry of a thread's stack of critical sections. */
struct critical_section {
    struct critical_section *prev; /* the section it is nested in */
    pthread_mutex_t *m1, *m2;      /* m1 locked first; m2 NULL for one object */
    int active;                    /* its mutexes are held right now */
};

static struct object list_a = { PTHREAD_MUTEX_INITIALIZER, START_ITEMS };
static struct object list_b = { PTHREAD_MUTEX_INITIALIZER, START_ITEMS };
static _Thread_local struct critical_section *top; /* tstate->critical_section */
static pthread_barrier_t start_line;
static sem_t event;        /* the producer's event, waited for in a section */
static struct turn inside; /* 1 once the waiter holds its section; orders nothing */

/* Py_BEGIN_CRITICAL_SECTION2's ordering: the lower address first. */
static void cs_order(struct critical_section *cs, struct object *x, struct object *y)
{
    if ((uintptr_t)&y->mutex < (uintptr_t)&x->mutex) {
        cs->m1 = &y->mutex;
        cs->m2 = &x->mutex;
    } else {
        cs->m1 = &x->mutex;
        cs->m2 = &y->mutex;
    }
}

static void cs_push(struct critical_section *cs)
{
    cs->active = 1;
    cs->prev = top;
    top = cs;
}

/* A macro, as CPython's is: both locks are taken on the line that uses it,
   which is the line a detector names for them. */
#define CRITICAL_SECTION2_BEGIN(cs, x, y)   \
    do {                                    \
        cs_order((cs), (x), (y));           \
        pthread_mutex_lock((cs)->m1);       \
        pthread_mutex_lock((cs)->m2);       \
        cs_push(cs);                        \
    } while (0)

static void cs_begin(struct critical_section *cs, struct object *x)
{
    cs->m1 = &x->mutex;
    cs->m2 = NULL;
    pthread_mutex_lock(cs->m1);
    cs_push(cs);
}

static void cs_unlock(struct critical_section *cs)
{
    if (cs->m2 != NULL)
        pthread_mutex_unlock(cs->m2);
    pthread_mutex_unlock(cs->m1);
    cs->active = 0;
}

/* Re-locks the top-most section (_PyCriticalSection_Resume). */
static void cs_resume_top(void)
{
    pthread_mutex_lock(top->m1);
    if (top->m2 != NULL)
        pthread_mutex_lock(top->m2);
    top->active = 1;
}

static void cs_end(struct critical_section *cs)
{
    if (cs->active)
        cs_unlock(cs);
    top = cs->prev;
    if (top != NULL && !top->active)
        cs_resume_top();
}

/* Detaching before a blocking call: every active section lets go
   (_PyCriticalSection_SuspendAll). */
static void cs_suspend_all(void)
{
    for (struct critical_section *cs = top; cs != NULL; cs = cs->prev)
        if (cs->active)
            cs_unlock(cs);
}

/* A blocking call inside a section: detach, block, attach again. */
static void wait_for_event(void)
{
    cs_suspend_all();
    while (sem_wait(&event) != 0)
        ; /* EINTR */
    cs_resume_top();
}

static void move(struct object *from, struct object *to)
{
    from->items--; /* NORACE(items) */
    to->items++;   /* NORACE(items) */
}

static long length(const struct object *o)
{
    return o->items; /* NORACE(items) */
}

/* What moving an item costs besides the counts: private arithmetic in
   registers, so that a scaled-up run takes time natively without adding
   lock operations, which are what Valgrind pays most for. */
static unsigned long item_work(unsigned long x)
{
    for (int i = 0; i < ITEM_WORK; i++)
        x = x * 6364136223846793005UL + 1442695040888963407UL;
    return x;
}

/* list_b.extend(list_a), one item at a time */
static void *mover_ab(void *arg)
{
    unsigned long hash = 0;

    (void)arg;
    pthread_barrier_wait(&start_line);
    for (long i = 0; i < MOVES; i++) {
        struct critical_section cs;
        CRITICAL_SECTION2_BEGIN(&cs, &list_a, &list_b);
        move(&list_a, &list_b);
        hash ^= item_work((unsigned long)i);
        cs_end(&cs);
    }
    return (void *)hash;
}

/* list_a.extend(list_b), one item at a time */
static void *mover_ba(void *arg)
{
    unsigned long hash = 0;

    (void)arg;
    pthread_barrier_wait(&start_line);
    for (long i = 0; i < MOVES; i++) {
        struct critical_section cs;
        CRITICAL_SECTION2_BEGIN(&cs, &list_b, &list_a);
        move(&list_b, &list_a);
        hash ^= item_work((unsigned long)i);
        cs_end(&cs);
    }
    return (void *)hash;
}

static void *waiter(void *arg)
{
    long *seen = arg;
    struct critical_section cs;

    cs_begin(&cs, &list_a);
    seen[0] = length(&list_a);
    turn_pass(&inside, 1);
    wait_for_event(); /* suspends the section, so the producer can lock a */
    seen[1] = length(&list_a);
    cs_end(&cs);
    return NULL;
}

static void *producer(void *arg)
{
    struct critical_section cs;

    (void)arg;
    turn_wait(&inside, 1);
    cs_begin(&cs, &list_a); /* waits until the waiter has suspended its section */
    list_a.items += PRODUCED; /* NORACE(items) */
    cs_end(&cs);
    sem_post(&event);
    return NULL;
}

static int run_pair(void *(*f)(void *), void *fa, void *(*g)(void *), void *ga)
{
    pthread_t t1, t2;

    if (pthread_create(&t1, NULL, f, fa) != 0)
        return -1;
    if (pthread_create(&t2, NULL, g, ga) != 0)
        return -1;
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}

int main(void)
{
    long seen[2] = { 0, 0 };

    pthread_barrier_init(&start_line, NULL, 2);
    sem_init(&event, 0, 0);
    turn_init(&inside);
    if (run_pair(mover_ab, NULL, mover_ba, NULL) != 0 ||
        run_pair(waiter, seen, producer, NULL) != 0) {
        fprintf(stderr, "ft_critical_section2: cannot create a thread\n");
        return 1;
    }
    printf("items in a and b: %ld (%ld expected)\n", list_a.items + list_b.items,
           2 * START_ITEMS + PRODUCED);
    printf("the waiter saw a grow by %ld while it was suspended (%d expected)\n",
           seen[1] - seen[0], PRODUCED);
    sem_destroy(&event);
    pthread_barrier_destroy(&start_line);
    return 0;
}
