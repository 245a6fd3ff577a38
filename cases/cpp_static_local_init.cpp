/*
 * name: cpp_static_local_init
 * summary: two std::threads call a function whose function-local static table is built on first use by its initializer, and sum the table
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: C++ (function-local statics, "magic statics")
 * flags: cpp
 * why: if control enters the declaration of a block-scope static variable
 *      while it is being initialized, the thread waits for the
 *      initialization to complete ([stmt.dcl]/4); the implementation's
 *      guard makes the initializer's writes happen before every use that
 *      follows the declaration, in any thread ([intro.races]).
 *
 * table() holds `static const squares table = build();`: the first thread
 * to get there runs build(), and any other waits, or finds it done.  No
 * turn orders the two threads: whichever builds and whichever waits, each
 * sum reads a complete table, and both print 328350.  The guard is
 * __cxa_guard_acquire/__cxa_guard_release in the C++ runtime and an
 * acquire load of a guard byte on the fast path; a report on build() or
 * sum_table() would be a false positive.  The racy twin,
 * cpp_static_local_counter, shows what the rule does not cover.
 */
#include <cstdio>
#include <thread>
#include "scale.h"
#define N 100

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

static const squares &table()
{
    static const squares t = build();
    return t;
}

static long sum_table()
{
    const squares &t = table();
    long s = 0;
    for (int i = 0; i < N; i++)
        s += t.v[i]; /* NORACE(table) */
    return s;
}

int main()
{
    long s1 = 0, s2 = 0;
    std::thread t1([&s1] { s1 = sum_table(); }), t2([&s2] { s2 = sum_table(); });
    t1.join();
    t2.join();
    std::printf("%ld %ld\n", s1, s2);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
