/*
 * name: tls_escape
 * summary: main passes the address of its _Thread_local tally to a worker, which adds to it while main adds to it too
 * verdict: race
 * category: detector-limits
 * origin: thread-local storage is private by name only: its address can be handed to another thread
 * flags: atomicity-violation
 * why: _Thread_local gives each thread its own object (C11 6.2.4p4), but
 *      another thread may access it through a pointer; the worker's and
 *      main's increments of main's tally are conflicting plain accesses that
 *      nothing orders (the turn between them is relaxed): a data race
 *      (5.1.2.4p25).
 *
 * main's tally lives in main's thread-local block, which detectors may treat
 * specially (ThreadSanitizer resets the shadow of a thread's static TLS when
 * the thread starts; Helgrind sees it as "a rw- anonymous segment", not a
 * variable).  The worker adds 1 through the pointer; then a turn
 * (support/turn.h) lets main add 1 to its own tally by name.  The turn
 * creates no happens-before.  tls_escape_joined adds after pthread_join.  It
 * prints "tally 2".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

static _Thread_local long tally;
static struct turn order; /* the worker adds, then main */

static void *worker(void *arg)
{
    long *t = arg;

    *t += 1; /* RACE(tally) */
    turn_pass(&order, 1);
    return NULL;
}

int main(void)
{
    pthread_t w;

    turn_init(&order);
    if (pthread_create(&w, NULL, worker, &tally) != 0) {
        fprintf(stderr, "tls_escape: cannot create a thread\n");
        return 1;
    }
    turn_wait(&order, 1);
    tally += 1; /* RACE(tally) */
    pthread_join(w, NULL);
    printf("tally %ld\n", tally);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
