/*
 * name: ft_critical_section2_unordered
 * summary: ft_critical_section2 with a two-object critical section that locks its objects in the order of its arguments: the movers take the two lists' mutexes in opposite orders, a lock-order inversion, kept from deadlocking only by taking turns
 * verdict: race-free
 * category: free-threading
 * origin: PEP 703 (free-threaded CPython): why Py_BEGIN_CRITICAL_SECTION2 sorts its mutexes by address; ThreadSanitizer's and Helgrind's lock-order reports
 * why: every access to a list's items is made holding that list's mutex
 *      (POSIX XBD 4.12, C11 5.1.2.4p11) and main reads the totals after
 *      joining every thread, so there is no data race (C11 5.1.2.4p25);
 *      but mover_ab holds a's mutex while locking b's and mover_ba holds
 *      b's while locking a's, a cycle in the lock order: were the movers
 *      to run at the same time, each could hold one mutex and wait for the
 *      other forever (pthread_mutex_lock has no timeout).  That is a
 *      potential deadlock, not a data race.
 *
 * The program is ft_critical_section2 (which says what critical sections
 * are and how a blocking call suspends them) with one change in what
 * CRITICAL_SECTION2_BEGIN does: it locks its first argument's mutex, then
 * its second's, without sorting them by address.  mover_ab enters (a, b)
 * and mover_ba enters (b, a), so the one holds a and waits for b while the
 * other may hold b and wait for a: the deadlock Py_BEGIN_CRITICAL_SECTION2
 * is written to rule out, since Python code can run list_b.extend(list_a)
 * in one thread and list_a.extend(list_b) in another.
 *
 * The movers here take turns (support/turn.h: mover_ba starts once mover_ab
 * has done all its moves), so the run never deadlocks; the turns order
 * nothing, and the items stay protected by the mutexes.  A lock-order
 * checker does not need the deadlock to happen: it records, for each mutex
 * taken while another is held, the edge "held, then taken", and reports the
 * cycle a -> b -> a.  The two lines it names are the inner locks of the
 * pair, both inside the macro and so on the lines that use it; they carry
 * the BUG pair.  Phase 2, the suspension around a blocking call, is the
 * same as in ft_critical_section2 and takes one mutex at a time, so it adds
 * no edge.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <semaphore.h>
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
static struct turn movers; /* 1 once mover_ab is done; orders nothing */

/* The mistake: the order of the arguments, not of the addresses. */
static void cs_order(struct critical_section *cs, struct object *x, struct object *y)
{
    cs->m1 = &x->mutex;
    cs->m2 = &y->mutex;
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
        CRITICAL_SECTION2_BEGIN(&cs, &list_a, &list_b); /* BUG(lock-order-inversion, ab) */
        move(&list_a, &list_b);
        hash ^= item_work((unsigned long)i);
        cs_end(&cs);
    }
    turn_pass(&movers, 1);
    return (void *)hash;
}

/* list_a.extend(list_b), one item at a time */
static void *mover_ba(void *arg)
{
    unsigned long hash = 0;

    (void)arg;
    pthread_barrier_wait(&start_line);
    turn_wait(&movers, 1); /* taking turns: the only thing between them and a deadlock */
    for (long i = 0; i < MOVES; i++) {
        struct critical_section cs;
        CRITICAL_SECTION2_BEGIN(&cs, &list_b, &list_a); /* BUG(lock-order-inversion, ab) */
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
    turn_init(&movers);
    if (run_pair(mover_ab, NULL, mover_ba, NULL) != 0 ||
        run_pair(waiter, seen, producer, NULL) != 0) {
        fprintf(stderr, "ft_critical_section2_unordered: cannot create a thread\n");
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
