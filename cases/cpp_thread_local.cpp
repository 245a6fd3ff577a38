/*
 * name: cpp_thread_local
 * summary: two std::threads count multiples of 3 into a thread_local counter through one shared function, then add their counts to a total under a std::mutex
 * verdict: race-free
 * category: unsynchronised-global
 * origin: racecard catalog: C++ (thread_local storage)
 * flags: cpp
 * why: a variable with thread storage duration is a distinct object in each
 *      thread ([basic.stc.thread]), so the two threads' increments of
 *      `counted` access different memory locations and do not conflict
 *      ([intro.races]); the total is only touched under one mutex
 *      ([thread.mutex.requirements.mutex]).
 *
 * count() looks like racy_counter's: one global name, incremented by two
 * threads at once with no lock.  Declared thread_local, each thread has its
 * own, at an address of its own.  main prints "total 333 (333 expected)".
 * A report on the increment would be a false positive.  The racy twin,
 * cpp_thread_local_escape, hands a thread_local's address to another
 * thread: per-thread storage is not private memory.
 */
#include <cstdio>
#include <mutex>
#include <thread>
#include "scale.h"
#define N (1000 * scale_n) /* support/scale.h */

static thread_local long counted;
static long total;
static std::mutex total_lock;

static void count(int n)
{
    if (n % 3 == 0)
        counted++; /* NORACE(counted) */
}

static void counter(int from, int to)
{
    for (int n = from; n < to; n++)
        count(n);
    std::lock_guard<std::mutex> hold(total_lock);
    total += counted; /* NORACE(total) */
}

int main()
{
    std::thread t1(counter, 1, N / 2), t2(counter, N / 2, N + 1);
    t1.join();
    t2.join();
    std::printf("total %ld (%ld expected)\n", total, N / 3); /* the multiples of 3 in 1..N */
    return 0;
}
