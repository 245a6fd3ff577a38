/*
 * name: cpp_atomic_release_acquire
 * summary: a producer std::thread writes a plain message and raises a std::atomic<int> flag with a release exchange; the consumer takes the flag with an acquire exchange and reads the message
 * verdict: race-free
 * category: atomics
 * origin: racecard catalog: C++ (atomic_publish_acqrel with std::atomic)
 * flags: cpp
 * why: an acquire operation that reads the value written by a release
 *      operation synchronizes with it ([atomics.order]); the message's write
 *      is sequenced before the release exchange and its read after the
 *      acquire one, so the write happens before the read ([intro.races]).
 *
 * atomic_publish_acqrel with std::atomic<int> and its member exchange().
 * The consumer only reads the message after its exchange returned 1, and
 * prints "consumer read 42 / 4242".  Helgrind and DRD do not model C++
 * atomics any more than C11 ones (std::atomic compiles to the same
 * instructions), so they miss the edge.  The racy twin is
 * cpp_atomic_relaxed.
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
    box = message{id, payload}; /* NORACE(box) */
}

static message read_message()
{
    return box; /* NORACE(box) */
}

static void producer()
{
    write_message(42, 4242);
    if (full.exchange(1, std::memory_order_release) != 0)
        std::fprintf(stderr, "producer: the mailbox was already full\n");
}

static void consumer(int *ok)
{
    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (full.exchange(0, std::memory_order_acquire) == 1) {
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
        std::fprintf(stderr, "cpp_atomic_release_acquire: no message after %ld tries\n", SPIN_LIMIT);
        return 1;
    }
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
