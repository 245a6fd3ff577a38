/*
 * name: tls_escape_joined
 * summary: tls_escape with main adding to its _Thread_local tally only after joining the worker that added through the pointer
 * verdict: race-free
 * category: detector-limits
 * origin: thread-local storage is private by name only: its address can be handed to another thread
 * why: pthread_join synchronizes memory (POSIX XBD 4.12), so the worker's
 *      increment through the pointer happens before main's increment by
 *      name, as main's creation of the worker orders its earlier accesses:
 *      no data race (C11 5.1.2.4p25).
 *
 * The fix of tls_escape: main joins the worker before touching its tally.
 * Handing a thread-local object's address to another thread is allowed; it
 * needs the same ordering as any shared object.  No detector should report
 * anything.  It prints "tally 2".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
static _Thread_local long tally;

static void *worker(void *arg)
{
    long *t = arg;

    *t += 1; /* NORACE(tally) */
    return NULL;
}

int main(void)
{
    pthread_t w;

    if (pthread_create(&w, NULL, worker, &tally) != 0) {
        fprintf(stderr, "tls_escape_joined: cannot create a thread\n");
        return 1;
    }
    pthread_join(w, NULL);
    tally += 1; /* NORACE(tally) */
    printf("tally %ld\n", tally);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
