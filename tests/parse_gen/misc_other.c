/* Reports racecard has no name for: a condition variable signalled without
 * its mutex, a thread exiting while it holds a lock, and (TSan) a signal
 * handler that changes errno (the signal comes from another thread so that
 * TSan treats it as asynchronous). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m);
    while (!ready)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *keeper(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&held);
    return NULL;
}

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
    got = sig;
    errno = EINTR;
}

static void *sender(void *arg)
{
    pthread_kill(*(pthread_t *)arg, SIGUSR1);
    return NULL;
}

int main(void)
{
    pthread_t w, k;
    pthread_create(&w, NULL, waiter, NULL);
    pthread_mutex_lock(&m);
    ready = 1;
    pthread_mutex_unlock(&m);
    pthread_cond_signal(&cv);
    pthread_join(w, NULL);
    pthread_create(&k, NULL, keeper, NULL);
    pthread_join(k, NULL);
    signal(SIGUSR1, on_usr1);
    pthread_t self = pthread_self(), s;
    pthread_create(&s, NULL, sender, &self);
    struct timespec ms = {0, 1000000};
    while (!got)
        nanosleep(&ms, NULL);
    pthread_join(s, NULL);
    puts("done");
    return 0;
}
