/*
 * name: signal_unsafe_call
 * summary: a signal handler records each signal in a malloc'd event; a second thread sends SIGUSR1 to main, which waits for it in sigsuspend
 * verdict: race-free
 * category: misuse
 * origin: ThreadSanitizer's signal-unsafe-call report; POSIX XSH 2.4.3 (only async-signal-safe functions may be called from a handler; malloc is not one) and C11 7.14.1.1p5
 * why: the handler runs on main's own thread, and the only object of static
 *      storage it touches is a lock-free atomic (C11 7.14.1.1p5), to which
 *      it publishes each event with a release store that main's seq_cst
 *      loads read, so the event's fields are written before main reads them
 *      (5.1.2.4p11); the sender reads main_thread, written before its
 *      creation (POSIX XBD 4.12).  No conflicting accesses come from two
 *      threads, so there is no data race.
 *
 * on_signal() logs the signal the easy way: it mallocs an event record and
 * pushes it on a list that main prints and frees later.  malloc is not
 * async-signal-safe: a signal that arrives while the interrupted code is
 * itself inside malloc, holding the allocator's lock or half-way through
 * updating its free lists, makes the handler's malloc deadlock or corrupt
 * the heap.  C11 is stricter still: a handler for a signal not raised by
 * abort or raise that calls malloc has undefined behaviour.  In this run
 * main waits in sigsuspend when the handler runs, so nothing goes wrong; the
 * call is a bug all the same.
 *
 * The signal is delivered the same way on every run.  main blocks SIGUSR1
 * before it creates the sender (which inherits the mask), the sender sends
 * it to main with pthread_kill, and main unblocks it only inside
 * sigsuspend, so the handler always runs there, in main's thread.  The
 * signal comes from another thread on purpose: such a signal is
 * asynchronous, the kind that can interrupt code anywhere and makes malloc
 * in a handler dangerous, and ThreadSanitizer applies all its handler checks
 * to it (one a thread sends itself with raise() it counts as synchronous and
 * does not check for a spoiled errno).  The handler saves and restores
 * errno, which malloc may set: a handler that changes errno under the
 * interrupted code is a bug of another kind, and this case shows only one.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
struct event {
    int signo;
    struct event *next;
};

static _Atomic(struct event *) events; /* pushed by the handler, on main's thread */
static pthread_t main_thread;          /* written before the sender exists */

static void on_signal(int signo)
{
    int saved_errno = errno;
    struct event *e = malloc(sizeof *e); /* BUG(signal-unsafe-call) */

    if (e != NULL) {
        e->signo = signo;
        e->next = atomic_load_explicit(&events, memory_order_relaxed);
        atomic_store_explicit(&events, e, memory_order_release);
    }
    errno = saved_errno;
}

static void *sender(void *arg)
{
    (void)arg;
    if (pthread_kill(main_thread, SIGUSR1) != 0)
        fprintf(stderr, "signal_unsafe_call: cannot send the signal\n");
    return NULL;
}

/* Installs on_signal for SIGUSR1, blocked until sigsuspend lets it in. */
static int install_handler(sigset_t *old_mask)
{
    struct sigaction sa = {0};
    sigset_t usr1;

    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    if (pthread_sigmask(SIG_BLOCK, &usr1, old_mask) != 0)
        return -1;
    return sigaction(SIGUSR1, &sa, NULL);
}

int main(void)
{
    pthread_t t;
    sigset_t old_mask, wait_mask;
    int count = 0;

    if (install_handler(&old_mask) != 0) {
        fprintf(stderr, "signal_unsafe_call: cannot install the handler\n");
        return 1;
    }
    main_thread = pthread_self();
    if (pthread_create(&t, NULL, sender, NULL) != 0) {
        fprintf(stderr, "signal_unsafe_call: cannot create a thread\n");
        return 1;
    }
    wait_mask = old_mask;
    sigdelset(&wait_mask, SIGUSR1);
    while (atomic_load(&events) == NULL)
        sigsuspend(&wait_mask); /* the only place SIGUSR1 can be handled */
    pthread_join(t, NULL);

    for (struct event *e = atomic_load(&events), *next; e != NULL; e = next) {
        next = e->next;
        printf("event: signal %d%s\n", e->signo, e->signo == SIGUSR1 ? " (SIGUSR1)" : "");
        count++;
        free(e);
    }
    printf("%d event(s)\n", count);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
