/*
 * name: cpp_shared_ptr_copy
 * summary: two std::threads each copy one global std::shared_ptr<const config> 1000 times and read the config through their copy; main made it before and drops it after joining them
 * verdict: race-free
 * category: refcount
 * origin: racecard catalog: C++ (reference counting as the standard library does it)
 * flags: cpp
 * why: copying a shared_ptr only reads the object copied; for data races its
 *      member functions access only the shared_ptr objects themselves, and
 *      changes of the use count are not modifications that can race
 *      ([util.smartptr.shared], [res.on.data.races]): the count is the
 *      library's to update atomically.  The config is only read after main
 *      wrote it before creating the threads ([thread.thread.constr]).
 *
 * The C++ face of refcount_atomic: the reference count is the shared_ptr's
 * control block, incremented by each copy and decremented by each
 * destruction in both threads at once.  Both threads read `current` (the
 * global shared_ptr object itself) and the config it points to; neither
 * writes either.  main prints the use count, 1 again after the joins.  A
 * report on the copy, on the read of the config or inside the control block
 * would be a false positive.  The racy twin, cpp_shared_ptr_assign, writes
 * the global shared_ptr object from two threads.
 */
#include <cstdio>
#include <memory>
#include <thread>
#include "scale.h"
#define ROUNDS (1000 * scale_n) /* support/scale.h */

struct config {
    int limit;
    int burst;
};

static std::shared_ptr<const config> current; /* set by main before the threads */

static long reader()
{
    long sum = 0;
    for (int i = 0; i < ROUNDS; i++) {
        std::shared_ptr<const config> mine = current; /* NORACE(copy) */
        sum += mine->limit + mine->burst;             /* NORACE(config) */
    }
    return sum;
}

int main()
{
    current = std::make_shared<const config>(config{100, 10});
    long s1 = 0, s2 = 0;
    std::thread t1([&s1] { s1 = reader(); }), t2([&s2] { s2 = reader(); });
    t1.join();
    t2.join();
    std::printf("sums %ld %ld, use count %ld\n", s1, s2, current.use_count());
    current.reset();
    return 0;
}
