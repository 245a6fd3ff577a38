/*
 * name: cpp_scoped_lock
 * summary: two std::threads move money between two accounts in opposite directions 1000 times each, each transfer holding both accounts' mutexes through one std::scoped_lock
 * verdict: race-free
 * category: mutex
 * origin: racecard catalog: C++ (two locks taken together)
 * flags: cpp
 * why: std::scoped_lock locks all its mutexes (with std::lock's deadlock
 *      avoidance, [thread.lock.scoped], [thread.lock.algorithm]) and unlocks
 *      them at the end of its block; both balances are only touched while
 *      both mutexes are held, and each unlock synchronizes with the next
 *      lock of the same mutex ([thread.mutex.requirements.mutex]), so every
 *      update of a balance is ordered with every other ([intro.races]).
 *
 * One thread transfers from a to b, the other from b to a, each taking the
 * two mutexes in its own order.  Taken one by one that is the classic
 * lock-order deadlock; std::scoped_lock (like std::lock) takes them as one
 * step and backs off instead of waiting while holding one: a lock-order
 * report is a false positive.  main prints "a 0, b 0".  The racy twin,
 * cpp_scoped_lock_one, locks only the account money leaves.
 */
#include <mutex>
#include <pthread.h>
#include <sched.h>
#include <cstdio>
#include <thread>
#include "scale.h"
#define ROUNDS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

struct account {
    std::mutex lock;
    volatile long balance = 0;
};

static account a, b;
static pthread_barrier_t start_line;

static void transfer(account &from, account &to, long amount)
{
    std::scoped_lock both(from.lock, to.lock);
    from.balance -= amount; /* NORACE(balance) */
    to.balance += amount;   /* NORACE(balance) */
}

static void mover(account *from, account *to)
{
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        transfer(*from, *to, 1);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
}

int main()
{
    pthread_barrier_init(&start_line, nullptr, 2);
    std::thread t1(mover, &a, &b), t2(mover, &b, &a);
    t1.join();
    t2.join();
    pthread_barrier_destroy(&start_line);
    std::printf("a %ld, b %ld\n", a.balance, b.balance);
    return 0;
}
