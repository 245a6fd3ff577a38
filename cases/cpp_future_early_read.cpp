/*
 * name: cpp_future_early_read
 * summary: cpp_future_get with main reading the table before calling std::future::get(), after the task has filled it in time
 * verdict: race
 * category: handoff
 * origin: racecard catalog: C++ (std::async and std::future)
 * flags: cpp
 * why: only the return of get() (or of a wait on the future) synchronizes
 *      with the task's completion ([futures.state]); main's reads come
 *      before any such call, so they and the task's writes are conflicting
 *      accesses neither of which happens before the other: a data race
 *      ([intro.races]), however late main looks.
 *
 * main waits until the task has filled the table before it reads, through a
 * turn (support/turn.h), a relaxed atomic that orders nothing: in time the
 * read follows the write on every run, and main prints "sum of squares
 * 328350" on x86, yet nothing makes the write visible.  ThreadSanitizer and
 * Helgrind report the pair fill()/sum(); DRD sees nothing, as libstdc++ runs
 * the task inside pthread_once (see expected/drd).  main calls get() after,
 * so the task is finished and joined before main returns.
 */
#include <cstdio>
#include <future>
#include "scale.h"
#include "turn.h"

#define N 100

static int table[N];
static struct turn order; /* the task fills, then main reads */

static int fill()
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* RACE(table) */
    turn_pass(&order, 1);
    return N;
}

static long sum()
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += table[i]; /* RACE(table) */
    return s;
}

int main()
{
    turn_init(&order);
    std::future<int> task = std::async(std::launch::async, fill);
    turn_wait(&order, 1);
    long early = sum(); /* the bug: before task.get() */
    int entries = task.get();
    std::printf("sum of squares %ld, %d entries\n", early, entries);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
