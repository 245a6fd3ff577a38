/*
 * name: cpp_vector_push_back_locked
 * summary: two std::threads each push_back 100 numbers onto one global std::vector<int>, each call holding one std::mutex through a std::lock_guard
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: C++ (a standard container shared under a lock)
 * flags: cpp
 * why: every call on the vector is made while holding numbers_lock, and each
 *      unlock synchronizes with the next lock of the same mutex
 *      ([thread.mutex.requirements.mutex]), so the library's accesses to
 *      the vector in one call happen before or after those of every other
 *      call ([intro.races], [res.on.data.races]).
 *
 * The fix of cpp_vector_push_back: the same calls, one at a time.  main
 * prints "200 numbers recorded (200 pushed)".  A report inside push_back,
 * which racecard would locate at the push_back line, would be a false
 * positive.
 */
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>
#include "scale.h"
#define PER_THREAD (100 * scale_n) /* support/scale.h */

static std::vector<int> numbers;
static std::mutex numbers_lock;

static void record(int value)
{
    std::lock_guard<std::mutex> hold(numbers_lock);
    numbers.push_back(value); /* NORACE(push) */
}

static void recorder(int base)
{
    for (int i = 0; i < PER_THREAD; i++)
        record(base + i);
}

int main()
{
    numbers.reserve(2 * PER_THREAD);
    std::thread t1(recorder, 0), t2(recorder, 1000);
    t1.join();
    t2.join();
    std::printf("%zu numbers recorded (%ld pushed)\n", numbers.size(), 2 * PER_THREAD);
    return 0;
}
