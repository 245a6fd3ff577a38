/*
 * name: cpp_map_insert_locked
 * summary: two std::threads take turns inserting five keys each into one global std::map<int, int>, each insert holding one std::mutex through a std::lock_guard
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: C++ (a standard container shared under a lock)
 * flags: cpp
 * why: every insert is made while holding hits_lock, and each unlock
 *      synchronizes with the next lock of the same mutex
 *      ([thread.mutex.requirements.mutex]), so the library's accesses to the
 *      tree in one insert happen before or after those of every other
 *      ([intro.races], [res.on.data.races]).
 *
 * The fix of cpp_map_insert, keeping its turns (support/turn.h) so that the
 * two programs differ in the mutex alone; the ordering comes from the mutex,
 * the turns only fix the order in time.  main prints "10 keys".  A report
 * inside the map's code, which racecard would locate at the insert line,
 * would be a false positive.
 */
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include "scale.h"
#include "turn.h"

#define PER_THREAD (5 * scale_n) /* support/scale.h */

static std::map<int, int> hits;
static std::mutex hits_lock;
static struct turn order; /* inserts alternate: thread 0, thread 1, ... */

static void record(int key, int value)
{
    std::lock_guard<std::mutex> hold(hits_lock);
    hits[key] = value; /* NORACE(insert) */
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
