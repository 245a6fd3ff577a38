/*
 * name: cpp_atomic_relaxed
 * summary: cpp_atomic_release_acquire with relaxed exchanges: the consumer sees the flag but nothing orders the message's write before its read
 * verdict: race
 * category: atomics
 * origin: racecard catalog: C++ (atomic_publish_relaxed with std::atomic)
 * flags: cpp
 * why: relaxed atomic operations never synchronize ([atomics.order]); the
 *      producer's plain write of the message and the consumer's plain read
 *      are conflicting, not atomic, and neither happens before the other: a
 *      data race ([intro.races]), undefined behaviour however x86 orders the
 *      stores.
 *
 * cpp_atomic_release_acquire with std::memory_order_relaxed on both
 * exchanges.  The read still follows the write in time on every run (the
 * consumer reads only after its exchange returned 1), so DRD names the read,
 * the later access.  ThreadSanitizer models the memory orders of std::atomic
 * and reports the pair; Helgrind and DRD report the same as on the twin,
 * which is here the truth.
 */
#include <atomic>
#include <sched.h>
#include <cstdio>
#include <thread>
#include "scale.h"
#define SPIN_LIMIT 10000000L

struct message {
    int id;
    int payload;
};

static message box;           /* the plain data being published */
static std::atomic<int> full; /* 1 while the box holds an unread message */

static void write_message(int id, int payload)
{
    box = message{id, payload}; /* RACE(box) */
}

static message read_message()
{
    return box; /* RACE(box) */
}

static void producer()
{
    write_message(42, 4242);
    if (full.exchange(1, std::memory_order_relaxed) != 0)
        std::fprintf(stderr, "producer: the mailbox was already full\n");
}

static void consumer(int *ok)
{
    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (full.exchange(0, std::memory_order_relaxed) == 1) {
            message m = read_message();
            std::printf("consumer read %d / %d\n", m.id, m.payload);
            *ok = 1;
            return;
        }
        sched_yield();
    }
}

int main()
{
    int ok = 0;
    std::thread c(consumer, &ok), p(producer);
    p.join();
    c.join();
    if (!ok) {
        std::fprintf(stderr, "cpp_atomic_relaxed: no message after %ld tries\n", SPIN_LIMIT);
        return 1;
    }
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
