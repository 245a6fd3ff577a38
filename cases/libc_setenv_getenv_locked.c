/*
 * name: libc_setenv_getenv_locked
 * summary: libc_setenv_getenv with every setenv and getenv call made while holding one program mutex
 * verdict: race-free
 * category: libc
 * origin: POSIX XSH 2.9.1: calling functions that need not be thread-safe under a lock of the program's own
 * why: both calls are made holding env_lock, so the writer's unlock
 *      synchronizes with the reader's later lock (POSIX XBD 4.12) and
 *      everything setenv did happens before everything getenv does: no data
 *      race (C11 5.1.2.4p25), thread-safe or not.
 *
 * The fix of libc_setenv_getenv: a function that need not be thread-safe
 * can still be shared if the program serialises every call to it.  The same
 * turn keeps the twin's timing.  Every detector that sees the accesses also
 * sees the mutex.  It prints "APP_MODE=fast".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "turn.h"

static struct turn order; /* setenv, then getenv */
static pthread_mutex_t env_lock = PTHREAD_MUTEX_INITIALIZER;

static void *writer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&env_lock);
    setenv("APP_MODE", "fast", 1); /* NORACE(environ) */
    pthread_mutex_unlock(&env_lock);
    turn_pass(&order, 1);
    return NULL;
}

static void *reader(void *arg)
{
    const char **mode = arg;

    turn_wait(&order, 1);
    pthread_mutex_lock(&env_lock);
    *mode = getenv("APP_MODE"); /* NORACE(environ) */
    pthread_mutex_unlock(&env_lock);
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    const char *mode = NULL;

    turn_init(&order);
    if (pthread_create(&r, NULL, reader, &mode) != 0 ||
        pthread_create(&w, NULL, writer, NULL) != 0) {
        fprintf(stderr, "libc_setenv_getenv_locked: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("APP_MODE=%s\n", mode ? mode : "(unset)");
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
