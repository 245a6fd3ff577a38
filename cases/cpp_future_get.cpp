/*
 * name: cpp_future_get
 * summary: main starts a task with std::async(std::launch::async) that fills a global table of squares, and reads the table after the task's std::future::get() returned
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: C++ (std::async and std::future)
 * flags: cpp
 * why: the completion of the function run by std::async synchronizes with
 *      the return of a get() that waits for its shared state
 *      ([futures.async], [futures.state]), so the task's writes of the table
 *      happen before main's reads ([intro.races]).
 *
 * The task returns nothing of its own interest (a count); the data it hands
 * over is the global table, as real code often does.  main prints "sum of
 * squares 328350, 100 entries".  In libstdc++ the task runs on a
 * std::thread, inside the std::call_once that sets the future's result,
 * and get() joins that thread before it returns, so a tool that knows
 * pthread_join sees the edge too.  The racy twin, cpp_future_early_read,
 * reads the table before get().
 */
#include <cstdio>
#include <future>
#include "scale.h"
#define N 100

static int table[N];

static int fill()
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* NORACE(table) */
    return N;
}

static long sum()
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += table[i]; /* NORACE(table) */
    return s;
}

int main()
{
    std::future<int> task = std::async(std::launch::async, fill);
    int entries = task.get();
    std::printf("sum of squares %ld, %d entries\n", sum(), entries);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
