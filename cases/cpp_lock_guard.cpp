/*
 * name: cpp_lock_guard
 * summary: a depositor and a withdrawer std::thread update one balance 1000 times each, each update inside a block holding a std::lock_guard on one std::mutex
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: C++ (mutex_same with the standard library's threads and locks)
 * flags: cpp
 * why: a std::lock_guard locks its mutex when constructed and unlocks it when
 *      destroyed at the end of its block ([thread.lock.guard]); every prior
 *      unlock() of a std::mutex synchronizes with its next lock()
 *      ([thread.mutex.requirements.mutex]), so each update of balance
 *      happens before or after every other and no two conflicting accesses
 *      are unordered ([intro.races]).
 *
 * mutex_same in C++: std::thread instead of pthread_create, and a
 * std::lock_guard in the block around each update instead of a lock and an
 * unlock call.  main prints "balance 0" every time.  The threads meet at a
 * barrier and yield now and then so their loops overlap under every
 * detector, as in mutex_same; its racy twin is cpp_lock_guard_temporary.
 */
#include <mutex>
#include <pthread.h>
#include <sched.h>
#include <cstdio>
#include <thread>
#include "scale.h"
#define ROUNDS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

static volatile long balance;
static std::mutex ledger_lock;
static pthread_barrier_t start_line;

static void deposit()
{
    std::lock_guard<std::mutex> hold(ledger_lock);
    balance += 1; /* NORACE(balance) */
}

static void withdraw()
{
    std::lock_guard<std::mutex> hold(ledger_lock);
    balance -= 1; /* NORACE(balance) */
}

static void depositor()
{
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        deposit();
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
}

static void withdrawer()
{
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        withdraw();
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
}

int main()
{
    pthread_barrier_init(&start_line, nullptr, 2);
    std::thread t1(depositor), t2(withdrawer);
    t1.join();
    t2.join();
    pthread_barrier_destroy(&start_line);
    std::printf("balance %ld\n", balance);
    return 0;
}
