/*
 * name: cpp_thread_local_escape
 * summary: a worker std::thread publishes the address of its thread_local progress counter under a std::mutex and goes on counting; main takes the address under the mutex and reads the counter through it
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard catalog: C++ (thread_local storage)
 * flags: cpp
 * why: a thread_local object belongs to its thread but is ordinary memory
 *      that any thread may reach through a pointer ([basic.stc.thread]); the
 *      mutex orders the worker's writes before it published the address, not
 *      those after, so main's read and the worker's later writes conflict
 *      with neither happening before the other: a data race ([intro.races]).
 *
 * The worker counts multiples of 3 into `progress`, thread_local, publishes
 * &progress under a mutex after the first half, and counts on.  A turn
 * (support/turn.h) makes main read only after the worker has finished
 * counting, and keeps the worker alive (its thread_local exists only as long
 * as the thread) until main has read: the read follows the last write in
 * time on every run, and main prints "progress 333" on x86, yet nothing
 * orders the second half's writes before it.  Helgrind and DRD see nothing
 * in thread_local storage (see their expected files).  The race-free twin,
 * cpp_thread_local, keeps each counter to its own thread.
 */
#include <cstdio>
#include <mutex>
#include <thread>
#include "scale.h"
#include "turn.h"

#define N (1000 * scale_n) /* support/scale.h */

static thread_local long progress;
static long *published; /* guarded by publish_lock */
static std::mutex publish_lock;
static struct turn order; /* the worker counts, main reads, the worker ends */

static void count(int n)
{
    if (n % 3 == 0)
        progress++; /* RACE(progress) */
}

static long peek(const long *p)
{
    return *p; /* RACE(progress) */
}

static void worker()
{
    for (int n = 1; n < N / 2; n++)
        count(n);
    {
        std::lock_guard<std::mutex> hold(publish_lock);
        published = &progress;
    }
    for (int n = N / 2; n < N; n++)
        count(n);
    turn_pass(&order, 1);
    turn_wait(&order, 2);
}

int main()
{
    turn_init(&order);
    std::thread w(worker);
    turn_wait(&order, 1);
    long *p;
    {
        std::lock_guard<std::mutex> hold(publish_lock);
        p = published;
    }
    long seen = p ? peek(p) : -1;
    turn_pass(&order, 2);
    w.join();
    std::printf("progress %ld\n", seen);
    return 0;
}
