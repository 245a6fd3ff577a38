/*
 * name: cpp_call_once
 * summary: two std::threads get a lookup table through std::call_once on one std::once_flag: the first builds it, the second, later in time, finds it built and sums it
 * verdict: race-free
 * category: handoff
 * origin: racecard catalog: C++ (handoff_once with std::call_once)
 * flags: cpp
 * why: the completion of the active call of std::call_once synchronizes
 *      with the return of every later call on the same once_flag
 *      ([thread.once.callonce]), so the table's writes in build_table()
 *      happen before the second thread's reads ([intro.races]).
 *
 * The C++ form of handoff_once, and the fix of cpp_once_plain_flag.  Both
 * threads call get_table(); the second only starts once the first has
 * raised a turn (support/turn.h), a relaxed atomic that orders nothing, so
 * it always takes call_once's path for a flag already set.  The edge that
 * orders the table comes from call_once alone.  Both threads print 328350.
 */
#include <cstdio>
#include <mutex>
#include <thread>
#include "scale.h"
#include "turn.h"

#define N 100

static int table[N];
static std::once_flag table_once;
static struct turn order; /* the first caller, then the second */

static void build_table()
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* NORACE(table) */
}

static long sum_table()
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += table[i]; /* NORACE(table) */
    return s;
}

static const int *get_table()
{
    std::call_once(table_once, build_table);
    return table;
}

static void first_caller()
{
    get_table();
    std::printf("first: %ld\n", sum_table());
    turn_pass(&order, 1);
}

static void second_caller()
{
    turn_wait(&order, 1);
    get_table();
    std::printf("second: %ld\n", sum_table());
}

int main()
{
    turn_init(&order);
    std::thread t1(first_caller), t2(second_caller);
    t1.join();
    t2.join();
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
