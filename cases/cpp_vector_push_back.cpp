/*
 * name: cpp_vector_push_back
 * summary: two std::threads each push_back 100 numbers onto one global std::vector<int>, whose capacity main reserved beforehand, with no lock
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard catalog: C++ (a standard container shared without a lock)
 * flags: cpp
 * why: push_back is not a const member function, so the library may modify
 *      the vector object in it ([res.on.data.races], [container.requirements]);
 *      it reads and writes the vector's end pointer in both threads with
 *      nothing ordering the calls: a data race ([intro.races]).  Only
 *      distinct elements, or const member functions, may be used
 *      concurrently ([container.requirements.dataraces]).
 *
 * record() runs `numbers.push_back(value)` in both threads.  The racing
 * loads and stores are inside <bits/stl_vector.h> (the end pointer
 * _M_finish, and the element it points to); racecard locates them at the
 * program's call site, the first frame in the program's own code, so the
 * push_back line races with itself.  main reserved room for every number
 * beforehand, so no call reallocates: lost and overwritten numbers are the
 * only damage (main may print fewer than 200), never a freed buffer.  The
 * locked twin is cpp_vector_push_back_locked.
 */
#include <cstdio>
#include <thread>
#include <vector>
#include "scale.h"
#define PER_THREAD (100 * scale_n) /* support/scale.h */

static std::vector<int> numbers;

static void record(int value)
{
    numbers.push_back(value); /* RACE(push, self) */
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
