/*
 * turn.h - makes threads take turns in time without ordering them in memory.
 *
 * Some cases need two accesses to happen in a fixed order on every run (so
 * that DRD, which names only the later access of a pair, names the same
 * line each time, or so that one interleaving out of several is the one a
 * detector watches), yet they must not be ordered by happens-before, or the
 * race they show would disappear.  A turn is a shared number: a thread waits
 * until it reads the number it wants, does its part, and hands over by
 * storing the next one.
 *
 *   struct turn order;       static, or anywhere main can reach
 *   turn_init(&order);       in main, before creating the threads
 *   turn_wait(&order, 1);    in a thread: until the last turn passed is 1
 *   turn_pass(&order, 2);    in a thread: hand over to whoever waits for 2
 *
 * Why each piece is there:
 *
 * - The token is a C11 atomic_int and every operation on it is
 *   memory_order_relaxed.  Relaxed operations never synchronise (C11
 *   7.17.3), so the token adds no happens-before edge to the program and
 *   cannot change a case's verdict; ThreadSanitizer, which models C11
 *   atomics, likewise sees no edge, and it never reports two atomic
 *   accesses as a race.  Being atomic, the token is never a race itself.
 *
 * - Every operation is a read-modify-write, even the reads (a fetch_add of
 *   0).  Helgrind and DRD do not model C11 atomics: an atomic load or store
 *   is an ordinary mov to them, and a store racing with loads would be
 *   reported.  A read-modify-write is a locked instruction on x86, which
 *   both tools instrument as a read, and reads never conflict with reads.
 *   Neither tool takes an ordering from a locked instruction either.
 *
 * - The token is also excluded from Helgrind's and DRD's checking with their
 *   client requests (VALGRIND_HG_DISABLE_CHECKING, DRD_IGNORE_VAR), because
 *   the point above holds for the instructions gcc emits (the Valgrind
 *   builds are gcc -O0), not for every compiler: clang 14 from -O1 on turns
 *   a relaxed exchange whose result is unused into an atomic store, and a
 *   fetch_add of 0 into an atomic load, that is into plain movs, and
 *   Helgrind and DRD then report the token as racing with itself.  With the
 *   token untracked it stays out of their reports whatever instructions it
 *   gets.  Neither request creates an ordering: they only stop the tools
 *   from recording accesses to those bytes, and outside Valgrind they are a
 *   few instructions that do nothing.  helgrind.h must come before drd.h:
 *   drd.h then replaces the ANNOTATE_* macros the two headers share with its
 *   own, and DRD_IGNORE_VAR is built on one of them.
 *
 * - The wait yields the CPU with sched_yield() between reads.  On one CPU,
 *   and under Valgrind, which runs one thread at a time, the thread whose
 *   turn it is may not run at all until the waiter lets go of the CPU;
 *   Valgrind's --fair-sched=yes then hands it round-robin, so the wait ends
 *   after a few switches.
 *
 * - The wait is bounded.  After TURN_SPIN_LIMIT reads it says so on stderr
 *   and returns 0, and the thread carries on out of turn: a mistake in a
 *   case's turns then shows up as a message and different findings, not as a
 *   hang.  It also keeps the program honest about what C11 allows: C11
 *   promises no thread any progress, so a waiter giving up before the other
 *   thread ever runs is a legal execution, and a case's verdict has to hold
 *   for it too.
 *
 * turn_init must run before the threads that use the turn are created:
 * pthread_create orders its plain store before everything they do.
 */
#ifndef CASES_SUPPORT_TURN_H
#define CASES_SUPPORT_TURN_H

#include <sched.h>
#include <stdio.h>
#include <valgrind/helgrind.h>
#include <valgrind/drd.h>

/* The C++ cases include this header too.  C++17 has no <stdatomic.h>; its
   <atomic> has the same type and functions in namespace std, with the same
   meaning ([atomics.types.generic], [atomics.nonmembers]), so the token is
   the same relaxed atomic int in both languages. */
#ifdef __cplusplus
#include <atomic>
#define TURN_STD std::
#else
#include <stdatomic.h>
#define TURN_STD
#endif

/* Far more reads than any wait here needs, and few enough that a wait that
   gives up ends within every detector's time limit: about 2 s natively or
   under ThreadSanitizer, 7 s under Helgrind, on an idle machine. */
#define TURN_SPIN_LIMIT 1000000L

struct turn {
    TURN_STD atomic_int token; /* the number of the last turn passed; 0 at first */
};

static inline void turn_init(struct turn *t)
{
    TURN_STD atomic_init(&t->token, 0);
    VALGRIND_HG_DISABLE_CHECKING(&t->token, sizeof t->token);
    DRD_IGNORE_VAR(t->token);
}

/* Waits until the last turn passed is `want`.  Returns 1 if it came, 0 if
   the wait gave up (the caller then goes on out of turn). */
static inline int turn_wait(struct turn *t, int want)
{
    for (long reads = 0; reads < TURN_SPIN_LIMIT; reads++) {
        if (TURN_STD atomic_fetch_add_explicit(&t->token, 0, TURN_STD memory_order_relaxed) ==
            want)
            return 1;
        sched_yield();
    }
    fprintf(stderr, "turn.h: turn %d never came; going on out of turn\n", want);
    return 0;
}

/* Hands over to the thread waiting for turn `next`. */
static inline void turn_pass(struct turn *t, int next)
{
    TURN_STD atomic_exchange_explicit(&t->token, next, TURN_STD memory_order_relaxed);
}

#endif
