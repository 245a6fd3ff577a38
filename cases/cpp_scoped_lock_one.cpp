/*
 * name: cpp_scoped_lock_one
 * summary: cpp_scoped_lock with each transfer holding only the mutex of the account the money leaves, through a std::lock_guard
 * verdict: race
 * category: mutex
 * origin: racecard catalog: C++ (two locks taken together)
 * flags: cpp
 * why: the a-to-b mover only ever locks a's mutex and the b-to-a mover only
 *      b's; an unlock synchronizes only with later locks of the same mutex
 *      ([thread.mutex.requirements.mutex]), so no edge ever leads from one
 *      mover to the other, and each balance is written by both without any
 *      happens-before between them: a data race ([intro.races]).
 *
 * cpp_scoped_lock with `std::lock_guard<std::mutex> one(from.lock)`, which
 * cannot deadlock and looks like locking.  a's balance is written by the
 * first mover as `from` (holding a's mutex) and by the second as `to`
 * (holding b's), and b's the other way round: both balances race, and both
 * races are the pair of the two lines in transfer(), the debit and the
 * credit.  main may print balances other than 0.
 *
 * Each mover runs both lines, on different balances; DRD names only the
 * later access of a pair, so a turn (support/turn.h) makes the first round
 * of each mover happen in a fixed order (one transfer each way, then both go
 * on); the later mover's debit and credit then each follow a conflicting
 * access of the other's, and DRD names both lines on every run.  The turn
 * orders them in time only.
 */
#include <mutex>
#include <pthread.h>
#include <sched.h>
#include <cstdio>
#include <thread>
#include "scale.h"
#include "turn.h"

#define ROUNDS (1000 * scale_n) /* support/scale.h */
#define YIELD_EVERY 50

struct account {
    std::mutex lock;
    volatile long balance = 0;
};

static account a, b;
static pthread_barrier_t start_line;
static struct turn first_rounds; /* one transfer each way, then free */

static void transfer(account &from, account &to, long amount)
{
    std::lock_guard<std::mutex> one(from.lock);
    from.balance -= amount; /* RACE(balance) */
    to.balance += amount;   /* RACE(balance) */
}

static void mover(account *from, account *to, int first)
{
    pthread_barrier_wait(&start_line);
    if (!first)
        turn_wait(&first_rounds, 1);
    for (int i = 0; i < ROUNDS; i++) {
        transfer(*from, *to, 1);
        if (i == 0 && first) {
            turn_pass(&first_rounds, 1);
            turn_wait(&first_rounds, 2);
        } else if (i == 0) {
            turn_pass(&first_rounds, 2);
        }
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
}

int main()
{
    turn_init(&first_rounds);
    pthread_barrier_init(&start_line, nullptr, 2);
    std::thread t1(mover, &a, &b, 1), t2(mover, &b, &a, 0);
    t1.join();
    t2.join();
    pthread_barrier_destroy(&start_line);
    std::printf("a %ld, b %ld\n", a.balance, b.balance);
    return 0;
}
