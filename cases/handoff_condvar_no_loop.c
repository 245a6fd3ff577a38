/*
 * name: handoff_condvar_no_loop
 * summary: handoff_condvar with `if` instead of `while` around the wait: a wakeup that is not the producer's lets the consumer sum the buffer before the producer has filled it
 * verdict: race
 * category: handoff
 * origin: racecard catalog: handoff
 * why: a return from pthread_cond_wait says nothing about the predicate
 *      (POSIX allows spurious wakeups, and any thread may broadcast); when
 *      the consumer proceeds without having seen `ready`, no unlock of the
 *      producer's precedes its lock, so nothing orders the buffer's writes
 *      and reads: a data race under C11 5.1.2.4p25.
 *
 * handoff_condvar with the consumer's `while (!ready)` turned into
 * `if (!ready)`, and a third thread.  The consumer checks `ready` once, waits,
 * and takes any return from the wait as "the buffer is filled".  The
 * watchdog shares the condition variable and broadcasts on it for its own
 * reasons without touching `ready`; it stands for any wakeup that is not the
 * producer's, spurious wakeups included.  It broadcasts only once the
 * consumer is provably blocked in the wait: the consumer sets `waiting`
 * under the mutex and holds the mutex until pthread_cond_wait releases it,
 * so when the watchdog holds the mutex and sees `waiting`, the consumer is
 * blocked, and POSIX makes the broadcast wake it.  The consumer then sums a
 * buffer nobody has filled and prints "consumer summed 0 (4950 expected)".
 *
 * The producer is unchanged: it fills the buffer outside the mutex, then sets
 * `ready` under it and signals.  A turn (support/turn.h) makes it fill only
 * after the consumer has summed, so the order in time is the same on every
 * run: ThreadSanitizer and Helgrind report the pair fill()/sum(), and DRD
 * names the write in fill(), the later access.  The turn orders them in time
 * only; it creates no happens-before.  The consumer's unlock does synchronise
 * with the producer's later lock, but the sum comes after that unlock and the
 * fill before that lock, so the edge orders neither.  `ready` and `waiting`
 * are only touched under the mutex and do not race.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define N 100

static int buffer[N];
static int ready;   /* guarded by lock */
static int waiting; /* guarded by lock: the consumer is about to wait */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t filled = PTHREAD_COND_INITIALIZER;
static pthread_cond_t consumer_waits = PTHREAD_COND_INITIALIZER;
static struct turn order; /* the consumer sums, then the producer fills */

static void fill(void)
{
    for (int i = 0; i < N; i++)
        buffer[i] = i; /* RACE(buffer) */
}

static long sum(void)
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += buffer[i]; /* RACE(buffer) */
    return s;
}

static void *producer(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    fill();
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_signal(&filled);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg)
{
    long *result = arg;

    pthread_mutex_lock(&lock);
    waiting = 1;
    pthread_cond_signal(&consumer_waits);
    if (!ready) /* the bug: a wakeup is taken to mean that ready is set */
        pthread_cond_wait(&filled, &lock);
    pthread_mutex_unlock(&lock);
    *result = sum();
    turn_pass(&order, 1);
    return NULL;
}

static void *watchdog(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!waiting)
        pthread_cond_wait(&consumer_waits, &lock);
    pthread_cond_broadcast(&filled);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t p, c, w;
    long result = 0;

    turn_init(&order);
    if (pthread_create(&c, NULL, consumer, &result) != 0 ||
        pthread_create(&w, NULL, watchdog, NULL) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "handoff_condvar_no_loop: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(w, NULL);
    pthread_join(c, NULL);
    printf("consumer summed %ld (4950 expected)\n", result);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
