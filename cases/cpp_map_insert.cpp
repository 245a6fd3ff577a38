/*
 * name: cpp_map_insert
 * summary: two std::threads take turns inserting five keys each into one global std::map<int, int>, with nothing ordering one thread's inserts before the other's
 * verdict: race
 * category: unsynchronised-global
 * origin: racecard catalog: C++ (a standard container shared without a lock)
 * flags: cpp
 * why: operator[] inserting a key is not a const member function, so the
 *      library may modify the map in it ([res.on.data.races],
 *      [container.requirements.dataraces]): it reads and rewrites the tree's
 *      header, node count and nodes in both threads, and the relaxed turn
 *      between the threads orders nothing, so the inserts race
 *      ([intro.races]).
 *
 * record() runs `hits[key] = value` in both threads.  The racing loads and
 * stores are inside <bits/stl_tree.h> (the node count, the header's links,
 * the nodes the other thread made, rebalanced); racecard locates them at
 * the program's call site, the first frame in the program's own code, so
 * the insert line races with itself.  Inserting into a red-black tree at
 * the same time as another thread can corrupt it and crash, which would add
 * findings of the crash's own; the threads therefore take turns in time
 * (support/turn.h, relaxed atomics that create no happens-before), one
 * insert each, and the tree stays whole: main prints "10 keys".  The locked
 * twin is cpp_map_insert_locked.
 */
#include <cstdio>
#include <map>
#include <thread>
#include "scale.h"
#include "turn.h"

#define PER_THREAD (5 * scale_n) /* support/scale.h */

static std::map<int, int> hits;
static struct turn order; /* inserts alternate: thread 0, thread 1, ... */

static void record(int key, int value)
{
    hits[key] = value; /* RACE(insert, self) */
}

static void recorder(int who)
{
    for (int i = 0; i < PER_THREAD; i++) {
        int mine = 2 * i + who;
        turn_wait(&order, mine);
        record(mine / 10 * 10 + mine * 7 % 10, mine); /* a new key each time, at every scale */
        turn_pass(&order, mine + 1);
    }
}

int main()
{
    turn_init(&order);
    std::thread t1(recorder, 0), t2(recorder, 1);
    t1.join();
    t2.join();
    std::printf("%zu keys\n", hits.size());
    return 0;
}
