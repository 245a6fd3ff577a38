/*
 * gil.h - a global interpreter lock built the way CPython builds its own
 * (the "new GIL" of CPython 3.2 on, Python/ceval_gil.h, later ceval_gil.c).
 *
 * The GIL is not a bare mutex.  It is a flag, `locked`, guarded by a mutex,
 * with condition variables around it:
 *
 *   gil_take    waits while another thread holds the GIL, one switch interval
 *               at a time (CPython's default interval is 5 ms).  A waiter
 *               that times out with no switch having happened in the meantime
 *               sets `drop_request`, asking the holder to let go, and then
 *               waits for the release.
 *   gil_check   is what the interpreter loop runs between two bytecodes (the
 *               "eval breaker").  When a drop request is pending the holder
 *               releases the GIL, waits until another thread has taken it
 *               (CPython's FORCE_SWITCHING: without it the dropping thread
 *               would often take the GIL straight back), then queues for it
 *               again like any other thread.
 *   gil_drop    releases the GIL for good (a thread that is done, or that
 *               is about to block).
 *
 * One deliberate difference: CPython's waiters sleep on one condition
 * variable with a timeout, and every release signals it.  Here the timed
 * waits (on `cond`) are never signalled, and the waits that are signalled
 * (on `released_cond` and `switch_cond`) have no timeout.  The reason is
 * glibc: when the timeout of a pthread_cond_timedwait races with a signal,
 * the waiter passes the signal on by calling pthread_cond_signal from inside
 * the wait, before it has the mutex back, and Helgrind and DRD then report a
 * condition variable signalled without its mutex held: a report that would
 * come and go with the timing.  So a waiter polls, one interval at a time,
 * until it has asked for the GIL; from then on the holder is bound to let go
 * soon (at its next check, or when it is done) and the waiter sleeps on
 * `released_cond`, which every release broadcasts.  A release that nobody has
 * asked for is noticed by the pollers when their interval ends.
 *
 * CPython keeps the drop request in an atomic that the interpreter loop reads
 * without any lock.  Here `locked`, `drop_request` and the counters are read
 * and written only while holding gil->mutex, so the GIL's own state is
 * race-free in the way every detector understands (mutex and condition
 * variable), and whether a switch happened, or when a wait timed out, can
 * never change what a detector reports.  Like CPython's eval_breaker, one
 * atomic int, `eval_breaker`, mirrors `drop_request` so that gil_check can
 * skip the mutex when nothing is pending; it is only a hint (the decision is
 * taken under the mutex) and it is written only with atomic read-modify-write
 * operations.  That last point is for Helgrind and DRD, which do not model C11
 * atomics: they treat a locked x86 instruction (xchg, lock xadd) as a read, so
 * they see no write to report against the holder's load, whereas a plain
 * atomic_store compiles to an ordinary mov that they would report as racing.
 *
 * Memory ordering: a thread takes the GIL by locking gil->mutex and finding
 * `locked` clear, which the previous holder cleared with the same mutex held.
 * By POSIX (XBD 4.12) that unlock/lock pair synchronises memory, so everything
 * the previous holder did while holding the GIL happens before everything the
 * next holder does.
 */
#ifndef CASES_SUPPORT_GIL_H
#define CASES_SUPPORT_GIL_H

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

/* CPython's default switch interval (sys.getswitchinterval() == 0.005). */
#define GIL_DEFAULT_INTERVAL_US 5000L

struct gil {
    pthread_mutex_t mutex;        /* guards every field below */
    pthread_cond_t cond;          /* timed waits; never signalled */
    pthread_cond_t released_cond; /* broadcast when the GIL is released */
    pthread_cond_t switch_cond;   /* broadcast when a thread takes the GIL */
    int locked;                   /* a thread holds the GIL */
    int drop_request;             /* a waiter asks the holder to let go */
    atomic_int eval_breaker;      /* mirrors drop_request; read without the mutex */
    unsigned long switch_number;  /* how many times the GIL has been taken */
    unsigned long forced_switches;/* releases made because of a drop request */
    long interval_us;             /* the switch interval */
};

static inline int gil_init(struct gil *g, long interval_us)
{
    pthread_condattr_t attr;
    int rc;

    g->locked = 0;
    g->drop_request = 0;
    atomic_init(&g->eval_breaker, 0);
    g->switch_number = 0;
    g->forced_switches = 0;
    g->interval_us = interval_us > 0 ? interval_us : 1;
    if ((rc = pthread_mutex_init(&g->mutex, NULL)) != 0)
        return rc;
    if ((rc = pthread_condattr_init(&attr)) != 0)
        return rc;
    /* Time the waits on the monotonic clock: a clock change cannot stretch them. */
    rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (rc == 0)
        rc = pthread_cond_init(&g->cond, &attr);
    if (rc == 0)
        rc = pthread_cond_init(&g->released_cond, NULL);
    if (rc == 0)
        rc = pthread_cond_init(&g->switch_cond, NULL);
    pthread_condattr_destroy(&attr);
    return rc;
}

static inline void gil_destroy(struct gil *g)
{
    pthread_cond_destroy(&g->switch_cond);
    pthread_cond_destroy(&g->released_cond);
    pthread_cond_destroy(&g->cond);
    pthread_mutex_destroy(&g->mutex);
}

/* The absolute time one switch interval from now, on the monotonic clock. */
static inline void gil_deadline(const struct gil *g, struct timespec *ts)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += g->interval_us / 1000000;
    ts->tv_nsec += (g->interval_us % 1000000) * 1000;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec += 1;
        ts->tv_nsec -= 1000000000L;
    }
}

/* Takes the GIL, asking the holder to drop it if the wait gets too long. */
static inline void gil_take(struct gil *g)
{
    pthread_mutex_lock(&g->mutex);
    while (g->locked) {
        unsigned long seen = g->switch_number;
        struct timespec deadline;
        int rc;

        gil_deadline(g, &deadline);
        rc = pthread_cond_timedwait(&g->cond, &g->mutex, &deadline);
        /* Timed out, still held, and held by the same thread as before the
           wait: time to ask the holder to let go. */
        if (rc == ETIMEDOUT && g->locked && g->switch_number == seen) {
            g->drop_request = 1;
            atomic_exchange_explicit(&g->eval_breaker, 1, memory_order_relaxed);
            /* The holder lets go at its next check or when it is done, and
               broadcasts released_cond when it does.  If another thread
               takes the GIL first, go back to polling. */
            while (g->locked && g->switch_number == seen)
                pthread_cond_wait(&g->released_cond, &g->mutex);
        }
    }
    g->locked = 1;
    g->switch_number++;
    /* A request made to the previous holder has been served. */
    if (g->drop_request) {
        g->drop_request = 0;
        atomic_exchange_explicit(&g->eval_breaker, 0, memory_order_relaxed);
    }
    /* Wake a thread that dropped the GIL on request and waits to see it
       taken (FORCE_SWITCHING). */
    pthread_cond_broadcast(&g->switch_cond);
    pthread_mutex_unlock(&g->mutex);
}

/* Releases the GIL. */
static inline void gil_drop(struct gil *g)
{
    pthread_mutex_lock(&g->mutex);
    g->locked = 0;
    pthread_cond_broadcast(&g->released_cond);
    pthread_mutex_unlock(&g->mutex);
}

/*
 * Run by the holder between two bytecodes.  If another thread has asked for
 * the GIL, hands it over and takes it back later.  Returns 1 if it switched.
 */
static inline int gil_check(struct gil *g)
{
    int requested;

    /* The common case: nothing pending, no lock taken.  A stale 0 only
       delays the switch until a later check. */
    if (!atomic_load_explicit(&g->eval_breaker, memory_order_relaxed))
        return 0;
    pthread_mutex_lock(&g->mutex);
    requested = g->drop_request;
    if (requested) {
        unsigned long taken = g->switch_number;

        g->locked = 0;
        g->forced_switches++;
        pthread_cond_broadcast(&g->released_cond);
        /* FORCE_SWITCHING: do not compete for the GIL again until another
           thread has had it.  The requester is waiting in gil_take for
           this release, so this wait ends. */
        while (g->switch_number == taken)
            pthread_cond_wait(&g->switch_cond, &g->mutex);
    }
    pthread_mutex_unlock(&g->mutex);
    if (requested)
        gil_take(g);
    return requested;
}

/* How many times a holder let go of the GIL because it was asked to. */
static inline unsigned long gil_forced_switches(struct gil *g)
{
    unsigned long n;

    pthread_mutex_lock(&g->mutex);
    n = g->forced_switches;
    pthread_mutex_unlock(&g->mutex);
    return n;
}

#endif
