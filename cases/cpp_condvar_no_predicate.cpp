/*
 * name: cpp_condvar_no_predicate
 * summary: cpp_condvar_predicate with the consumer calling std::condition_variable::wait(lock) once, without the predicate: the third thread's wakeup lets it sum the buffer before the producer has filled it
 * verdict: race
 * category: handoff
 * origin: racecard catalog: C++ (handoff_condvar_no_loop with std::condition_variable)
 * flags: cpp
 * why: a return from wait(lock) says nothing about the state: it may be
 *      spurious or any notification ([thread.condition.condvar]); when the
 *      consumer goes on without having read ready == true, no unlock of the
 *      producer's precedes its lock, so nothing orders the buffer's writes
 *      and reads: a data race ([intro.races]).
 *
 * The consumer checks `ready` once (`if (!ready) filled.wait(hold);`) and
 * takes any return from the wait as "the buffer is filled".  The watchdog's
 * notify_all(), made once the consumer is provably blocked, wakes it; it
 * sums a buffer nobody has filled and prints "consumer summed 0 (4950
 * expected)".  A turn (support/turn.h) makes the producer fill only after
 * the consumer has summed, so the order in time is the same on every run:
 * ThreadSanitizer and Helgrind report the pair fill()/sum(), and DRD names
 * the write in fill(), the later access.  The consumer's unlock does
 * synchronize with the producer's later lock, but the sum comes after that
 * unlock and the fill before that lock, so the edge orders neither.
 */
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include "scale.h"
#include "turn.h"

#define N 100

static int buffer[N];
static bool ready;   /* guarded by lock */
static bool waiting; /* guarded by lock: the consumer is about to wait */
static std::mutex lock;
static std::condition_variable filled;
static std::condition_variable consumer_waits;
static struct turn order; /* the consumer sums, then the producer fills */

static void fill()
{
    for (int i = 0; i < N; i++)
        buffer[i] = i; /* RACE(buffer) */
}

static long sum()
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += buffer[i]; /* RACE(buffer) */
    return s;
}

static void producer()
{
    turn_wait(&order, 1);
    fill();
    std::lock_guard<std::mutex> hold(lock);
    ready = true;
    filled.notify_one();
}

static void consumer(long *result)
{
    {
        std::unique_lock<std::mutex> hold(lock);
        waiting = true;
        consumer_waits.notify_one();
        if (!ready) /* the bug: a wakeup is taken to mean that ready is set */
            filled.wait(hold);
    }
    *result = sum();
    turn_pass(&order, 1);
}

static void watchdog()
{
    std::unique_lock<std::mutex> hold(lock);
    consumer_waits.wait(hold, [] { return waiting; });
    filled.notify_all();
}

int main()
{
    long result = 0;
    turn_init(&order);
    std::thread c(consumer, &result), w(watchdog), p(producer);
    p.join();
    w.join();
    c.join();
    std::printf("consumer summed %ld (4950 expected)\n", result);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
