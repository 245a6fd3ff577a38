/*
 * name: cpp_shared_ptr_assign
 * summary: two std::threads each assign a new config to one global std::shared_ptr<const config>, one after the other in time, with nothing ordering the two assignments
 * verdict: race
 * category: refcount
 * origin: racecard catalog: C++ (reference counting as the standard library does it)
 * flags: cpp
 * why: assigning to a shared_ptr modifies that shared_ptr object
 *      ([util.smartptr.shared.assign]); the library makes only the use
 *      count safe to change concurrently ([util.smartptr.shared]), so two
 *      assignments to the same object from two threads, neither happening
 *      before the other, are conflicting accesses: a data race
 *      ([intro.races], [res.on.data.races]).
 *
 * cpp_shared_ptr_copy with writers: each thread runs the same publish(),
 * `current = std::make_shared<const config>(...)`, once.  The assignment
 * swaps the global's pointer and control-block pointer with a temporary's
 * and drops the old config's reference: plain stores and loads of the
 * global inside <bits/shared_ptr_base.h> and <bits/move.h>; the second frees
 * the config the first one built.  All of it happens inside the library;
 * racecard locates each access at the program's call site, the assignment
 * in publish(), which races with itself.  The standard's answer is
 * std::atomic<std::shared_ptr> (C++20) or the std::atomic_store overloads
 * for shared_ptr (C++11, deprecated in C++20), or a mutex.
 *
 * Run truly at the same time, the two swaps could interleave and both drop
 * the initial config's reference, freeing it twice: a crash, whose findings
 * would be the misbehaviour's and not the race's.  A turn (support/turn.h)
 * lets the second thread assign only after the first has finished, in time
 * only: it creates no happens-before, so the race is the same.
 */
#include <cstdio>
#include <memory>
#include <thread>
#include "scale.h"
#include "turn.h"

struct config {
    int limit;
    int burst;
};

static std::shared_ptr<const config> current; /* set by main before the threads */
static struct turn order;                     /* the first writer, then the second */

static void publish(int limit)
{
    current = std::make_shared<const config>(config{limit, limit / 10}); /* RACE(assign, self) */
}

static void first_writer()
{
    publish(200);
    turn_pass(&order, 1);
}

static void second_writer()
{
    turn_wait(&order, 1);
    publish(300);
}

int main()
{
    turn_init(&order);
    current = std::make_shared<const config>(config{100, 10});
    std::thread t1(first_writer), t2(second_writer);
    t1.join();
    t2.join();
    std::printf("limit %d, use count %ld\n", current->limit, current.use_count());
    current.reset();
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
