/*
 * name: cpp_spsc_queue_relaxed
 * summary: cpp_spsc_queue with every index load and store relaxed: the consumer sees the tail move but nothing orders the slot's write before its read
 * verdict: race
 * category: atomics
 * origin: racecard catalog: C++ (the lock-free queue every codebase writes once)
 * flags: cpp
 * why: relaxed atomic operations never synchronize ([atomics.order]); the
 *      indices themselves do not race, being atomic, but the plain slots are
 *      written by the producer and read by the consumer, and rewritten after
 *      the read, with no happens-before either way: a data race
 *      ([intro.races]).  On x86 the program still prints the right sum.
 *
 * The ring of cpp_spsc_queue with std::memory_order_relaxed everywhere, the
 * most common way to get it wrong ("the indices are atomic, so it is
 * thread-safe").  The consumer reads a slot only after it saw the tail pass
 * it, and the producer rewrites it only after it saw the head pass it, so
 * in time every read follows its write and every rewrite its read; both
 * lines are the later access of some pair on every run, and DRD names both.
 * ThreadSanitizer models the memory orders and reports the slot pair;
 * Helgrind and DRD report the same as on the twin, the slot pair there
 * being the truth.
 */
#include <atomic>
#include <sched.h>
#include <cstdio>
#include <thread>
#include "scale.h"
#define SLOTS 4
#define ITEMS (200 * scale_n) /* support/scale.h */
#define SPIN_LIMIT 10000000L

static int slot[SLOTS];
static std::atomic<unsigned> head; /* next slot to read; stored by the consumer */
static std::atomic<unsigned> tail; /* next slot to write; stored by the producer */

static void put(unsigned t, int value)
{
    slot[t % SLOTS] = value; /* RACE(slot) */
}

static int take(unsigned h)
{
    return slot[h % SLOTS]; /* RACE(slot) */
}

static void producer()
{
    for (int i = 0; i < ITEMS; i++) {
        unsigned t = tail.load(std::memory_order_relaxed);
        long spins = 0;
        while (t - head.load(std::memory_order_relaxed) == SLOTS && spins++ < SPIN_LIMIT)
            sched_yield();
        put(t, i);
        tail.store(t + 1, std::memory_order_relaxed);
    }
}

static void consumer(long *sum)
{
    for (int i = 0; i < ITEMS; i++) {
        unsigned h = head.load(std::memory_order_relaxed);
        long spins = 0;
        while (tail.load(std::memory_order_relaxed) == h && spins++ < SPIN_LIMIT)
            sched_yield();
        *sum += take(h);
        head.store(h + 1, std::memory_order_relaxed);
    }
}

int main()
{
    long sum = 0;
    std::thread c(consumer, &sum), p(producer);
    p.join();
    c.join();
    std::printf("sum %ld (%ld expected)\n", sum, ITEMS * (ITEMS - 1) / 2);
    return 0;
}
