/*
 * name: cpp_lock_guard_temporary
 * summary: cpp_lock_guard with the guard written std::lock_guard<std::mutex>{ledger_lock}; a temporary, so the mutex is released before each update
 * verdict: race
 * category: mutex
 * origin: racecard catalog: C++ (a guard that is not a variable, a common C++ slip)
 * flags: cpp
 * why: a temporary is destroyed at the end of the full-expression that
 *      creates it ([class.temporary]), so each update runs after its thread
 *      has already unlocked; an unlock synchronizes only with later locks
 *      ([thread.mutex.requirements.mutex]), and each thread's last update
 *      comes after its last unlock, so nothing orders the two threads'
 *      updates of balance: a data race ([intro.races]).
 *
 * cpp_lock_guard with one slip: `std::lock_guard<std::mutex>{ledger_lock};`
 * names no variable.  It compiles without a warning, locks the mutex and
 * unlocks it at the semicolon; the update on the next line holds nothing.
 * Every update is still preceded by a lock and an unlock, so a happens-before
 * detector sees the mutex used, but the edges it creates lead from an unlock
 * to the other thread's next lock, never from an update to the other
 * thread's update.  main may print a balance other than 0.
 *
 * The race is between the add in deposit() (run only by the depositor) and
 * the subtract in withdraw() (run only by the withdrawer).  As in
 * mutex_different, a turn (support/turn.h) makes the first round of each
 * thread happen in a fixed order (one deposit, one withdrawal, then the
 * depositor goes on) so that DRD, which names only the later access, names
 * both lines on every run; the turn orders them in time only.
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

static volatile long balance;
static std::mutex ledger_lock;
static pthread_barrier_t start_line;
static struct turn first_rounds; /* one deposit, one withdrawal, then free */

static void deposit()
{
    std::lock_guard<std::mutex>{ledger_lock}; /* the slip: unlocked at the ';' */
    balance += 1; /* RACE(balance) */
}

static void withdraw()
{
    std::lock_guard<std::mutex>{ledger_lock};
    balance -= 1; /* RACE(balance) */
}

static void depositor()
{
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < ROUNDS; i++) {
        deposit();
        if (i == 0) {
            turn_pass(&first_rounds, 1);
            turn_wait(&first_rounds, 2);
        }
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
}

static void withdrawer()
{
    pthread_barrier_wait(&start_line);
    turn_wait(&first_rounds, 1);
    for (int i = 0; i < ROUNDS; i++) {
        withdraw();
        if (i == 0)
            turn_pass(&first_rounds, 2);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            sched_yield();
    }
}

int main()
{
    turn_init(&first_rounds);
    pthread_barrier_init(&start_line, nullptr, 2);
    std::thread t1(depositor), t2(withdrawer);
    t1.join();
    t2.join();
    pthread_barrier_destroy(&start_line);
    std::printf("balance %ld\n", balance);
    return 0;
}
