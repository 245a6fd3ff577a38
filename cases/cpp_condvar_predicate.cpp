/*
 * name: cpp_condvar_predicate
 * summary: a producer std::thread fills a buffer and sets a ready flag under a std::mutex and notifies; the consumer waits with std::condition_variable::wait(lock, predicate) and sums the buffer, while a third thread wakes the waiters for its own reasons
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: C++ (handoff_condvar with std::condition_variable)
 * flags: cpp
 * why: wait(lock, pred) is `while (!pred()) wait(lock);`
 *      ([thread.condition.condvar]), so the consumer only goes on once it has
 *      read ready == true under the mutex; the producer set it under the
 *      mutex after filling the buffer, and its unlock synchronizes with the
 *      consumer's later lock ([thread.mutex.requirements.mutex]), so the
 *      fill happens before the sum ([intro.races]).
 *
 * The watchdog thread shares the condition variable and calls notify_all()
 * once the consumer is provably blocked in its wait (it sets `waiting` under
 * the mutex, which wait() releases only once it is blocked), without
 * touching `ready`: a wakeup that is not the producer's, as a spurious one
 * would be.  With the predicate the consumer rechecks `ready`, finds it
 * false and waits again.  The producer waits for a turn (support/turn.h)
 * that the watchdog passes after its notify, so the foreign wakeup comes
 * first on every run; the turn orders them in time only.  The consumer
 * prints "consumer summed 4950 (4950 expected)".  The racy twin,
 * cpp_condvar_no_predicate, calls wait(lock) alone.
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
static struct turn order; /* the watchdog's wakeup, then the producer */

static void fill()
{
    for (int i = 0; i < N; i++)
        buffer[i] = i; /* NORACE(buffer) */
}

static long sum()
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += buffer[i]; /* NORACE(buffer) */
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
        filled.wait(hold, [] { return ready; });
    }
    *result = sum();
}

static void watchdog()
{
    {
        std::unique_lock<std::mutex> hold(lock);
        consumer_waits.wait(hold, [] { return waiting; });
        filled.notify_all();
    }
    turn_pass(&order, 1);
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
