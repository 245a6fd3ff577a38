/*
 * name: libc_setenv_getenv
 * summary: one thread adds a variable to the environment with setenv while another looks a variable up with getenv
 * verdict: race
 * category: libc
 * origin: POSIX XSH 2.9.1: getenv and setenv are among the functions that need not be thread-safe
 * flags: undetected
 * why: setenv may rewrite the environment that getenv reads (POSIX says
 *      of getenv's result that it "may be overwritten by a subsequent call
 *      to ... setenv"), and
 *      both are listed in XSH 2.9.1 as not required to be thread-safe (C11
 *      7.22.4.6p2: getenv need not avoid data races with functions that
 *      modify the environment); the two calls are not ordered (the turn is
 *      relaxed): a data race, at the two call sites.
 *
 * The writer adds APP_MODE, which grows glibc's environment array
 * (setenv allocates a new array and stores its address in environ); the
 * reader then calls getenv, which walks environ with no lock (glibc's
 * setenv takes an internal lock; getenv does not).  A turn (support/turn.h)
 * runs the setenv first, without creating any happens-before.  It prints
 * "APP_MODE=fast".  libc_setenv_getenv_locked is the fix.
 *
 * What to look at: the race is entirely inside libc, and no detector names
 * the pair.  ThreadSanitizer does not instrument libc and intercepts neither
 * function, so it sees neither side.  Helgrind and DRD report getenv's read
 * of the new variable (made in Valgrind's own strncmp, which they put in
 * place of libc's, so the default suppressions for libc.so.6 do not hide
 * it) and name the reader's call only: Helgrind's report gives no earlier
 * access for it, and DRD never names one.  Races whose top frame is inside
 * libc.so.6, setenv's own writes among them, are suppressed by default.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "turn.h"

static struct turn order; /* setenv, then getenv */

static void *writer(void *arg)
{
    (void)arg;
    setenv("APP_MODE", "fast", 1); /* RACE(environ) */
    turn_pass(&order, 1);
    return NULL;
}

static void *reader(void *arg)
{
    const char **mode = arg;

    turn_wait(&order, 1);
    *mode = getenv("APP_MODE"); /* RACE(environ) */
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    const char *mode = NULL;

    turn_init(&order);
    if (pthread_create(&r, NULL, reader, &mode) != 0 ||
        pthread_create(&w, NULL, writer, NULL) != 0) {
        fprintf(stderr, "libc_setenv_getenv: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("APP_MODE=%s\n", mode ? mode : "(unset)");
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
