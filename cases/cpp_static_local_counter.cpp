/*
 * name: cpp_static_local_counter
 * summary: cpp_static_local_init with the function also counting its calls in a second function-local static, incremented by both std::threads with no lock
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard catalog: C++ (function-local statics, "magic statics")
 * flags: cpp
 * why: [stmt.dcl]/4 makes the initialization of a block-scope static safe
 *      to race into, and nothing more: after it, the variable is an ordinary
 *      object, and two threads incrementing it with nothing ordering them
 *      make conflicting accesses, a data race ([intro.races]).
 *
 * table() keeps the guarded `static const squares t = build();` of
 * cpp_static_local_init, race-free, and adds `static long calls; ++calls;`:
 * a common way to count uses that is only safe for the initialization.
 * Both threads run the increment 1000 times, so it races with itself and
 * main may print fewer than 2000 calls counted.  The table is still built
 * once and read without a race.
 */
#include <cstdio>
#include <thread>
#include "scale.h"
#define N 100
#define ROUNDS (1000 * scale_n) /* support/scale.h */

struct squares {
    int v[N];
};

static squares build()
{
    squares t;
    for (int i = 0; i < N; i++)
        t.v[i] = i * i; /* NORACE(table) */
    return t;
}

static const squares &table(long *calls_so_far)
{
    static const squares t = build();
    static long calls;
    *calls_so_far = ++calls; /* RACE(calls, self) */
    return t;
}

static long caller()
{
    long seen = 0, sum = 0;
    for (int i = 0; i < ROUNDS; i++)
        sum += table(&seen).v[i % N]; /* NORACE(table) */
    return sum > 0 ? seen : 0;
}

int main()
{
    long seen1 = 0, seen2 = 0;
    std::thread t1([&seen1] { seen1 = caller(); }), t2([&seen2] { seen2 = caller(); });
    t1.join();
    t2.join();
    std::printf("%ld calls counted, %ld made\n", seen1 > seen2 ? seen1 : seen2, 2 * ROUNDS);
    return 0;
}
