/*
 * name: cpp_spsc_queue
 * summary: a lock-free single-producer single-consumer ring of 4 slots carries 200 numbers between two std::threads; the indices are std::atomic, stored with release and loaded with acquire
 * verdict: race-free
 * category: atomics
 * origin: racecard catalog: C++ (the lock-free queue every codebase writes once)
 * flags: cpp
 * why: the producer writes a slot and then stores the tail with release;
 *      the consumer loads that tail with acquire before reading the slot,
 *      and stores the head with release after it, which the producer loads
 *      with acquire before reusing the slot ([atomics.order]); each slot's
 *      write therefore happens before its read, and each read before the
 *      slot's next write ([intro.races]).
 *
 * The classic ring: the producer owns `tail`, the consumer owns `head`, each
 * only loads the other's.  A full or empty ring is waited out with
 * sched_yield(), bounded.  200 numbers through 4 slots make every slot be
 * written, read and rewritten fifty times, with the threads alternating;
 * main prints "sum 19900 (19900 expected)".  The slots are plain ints:
 * only the indices are atomic.  Helgrind and DRD do not model C++ atomics:
 * the acquire/release edges between the threads do not exist for them.
 * The racy twin, cpp_spsc_queue_relaxed, uses relaxed orders.
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
    slot[t % SLOTS] = value; /* NORACE(slot) */
}

static int take(unsigned h)
{
    return slot[h % SLOTS]; /* NORACE(slot) */
}

static void producer()
{
    for (int i = 0; i < ITEMS; i++) {
        unsigned t = tail.load(std::memory_order_relaxed);
        long spins = 0;
        while (t - head.load(std::memory_order_acquire) == SLOTS && spins++ < SPIN_LIMIT)
            sched_yield();
        put(t, i);
        tail.store(t + 1, std::memory_order_release);
    }
}

static void consumer(long *sum)
{
    for (int i = 0; i < ITEMS; i++) {
        unsigned h = head.load(std::memory_order_relaxed);
        long spins = 0;
        while (tail.load(std::memory_order_acquire) == h && spins++ < SPIN_LIMIT)
            sched_yield();
        *sum += take(h);
        head.store(h + 1, std::memory_order_release);
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
