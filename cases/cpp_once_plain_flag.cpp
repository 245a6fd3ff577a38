/*
 * name: cpp_once_plain_flag
 * summary: cpp_call_once with the std::once_flag replaced by a plain bool: the first caller builds the table and sets the flag, the second, later in time, sees the flag and sums the table
 * verdict: race
 * category: handoff
 * origin: racecard catalog: C++ (handoff_lazy_init_flag in C++)
 * flags: cpp
 * why: the flag and the table are plain objects written by the first
 *      caller and read by the second with no mutex, call_once or
 *      release/acquire between them; conflicting accesses neither of which
 *      happens before the other are a data race ([intro.races]), even when
 *      the first caller finished long before the second looked.
 *
 * The bug cpp_call_once avoids: get_table() checks `built`, builds the table
 * if it is false and then sets it.  The turn (support/turn.h) is that of
 * cpp_call_once, so the second caller always finds the flag set: in time,
 * the most benign interleaving there is, and still two data races, the flag
 * (is_built / set_built) and the table (build_table / sum_table).  DRD names
 * the later access of each pair, the second caller's reads.
 */
#include <cstdio>
#include <thread>
#include "scale.h"
#include "turn.h"

#define N 100

static int table[N];
static bool built;        /* the hand-rolled "once" flag */
static struct turn order; /* the first caller, then the second */

static bool is_built()
{
    return built; /* RACE(flag) */
}

static void set_built()
{
    built = true; /* RACE(flag) */
}

static void build_table()
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* RACE(table) */
}

static long sum_table()
{
    long s = 0;
    for (int i = 0; i < N; i++)
        s += table[i]; /* RACE(table) */
    return s;
}

static const int *get_table()
{
    if (!is_built()) {
        build_table();
        set_built();
    }
    return table;
}

static void first_caller()
{
    get_table();
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
