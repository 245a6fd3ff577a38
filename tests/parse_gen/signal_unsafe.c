/* A signal handler that calls malloc, which is not async-signal-safe.  The
 * signal comes from another thread; a raise() would do as well for the
 * malloc report (TSan skips only its errno check for synchronous signals). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
    volatile char *p = malloc(16); /* volatile: the pair must not be optimised away */
    p[0] = 0;
    free((void *)p);
    got = sig;
}

static void *sender(void *arg)
{
    pthread_kill(*(pthread_t *)arg, SIGUSR1);
    return NULL;
}

int main(void)
{
    signal(SIGUSR1, on_usr1);
    pthread_t self = pthread_self(), t;
    pthread_create(&t, NULL, sender, &self);
    struct timespec ms = {0, 1000000};
    while (!got)
        nanosleep(&ms, NULL);
    pthread_join(t, NULL);
    printf("got=%d\n", (int)got);
    return 0;
}
