/* Reports with sections explain must know, one per run, chosen by the first
 * argument:
 *   leaks    three threads started from one line and never joined (TSan:
 *            "And 2 more similar thread leaks.")
 *   errno    a signal handler that changes errno (TSan: "Signal 10 handler
 *            invoked at:"); the signal comes from another thread
 *   freed    a thread's write races with main's free of the block
 *            (Helgrind --free-is-write=yes: "inside an unallocated
 *            block")
 *   barrier  a barrier destroyed right after the destroying thread's wait
 *            returns (DRD: "Conflicting wait call by thread N")
 *   alloc    a thread reads a block main allocated and published through a
 *            plain pointer (TSan: the earlier "write" is malloc's)
 * The sleeps only order this demonstration; nothing here is a racecard
 * case. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void pause_ms(long ms)
{
    struct timespec d = {0, ms * 1000000L};
    nanosleep(&d, NULL);
}

static void *idle(void *arg)
{
    (void)arg;
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

static void *early_writer(void *arg)
{
    int *block = arg;
    block[0] = 2;
    return NULL;
}

static int *published;

static void *late_reader(void *arg)
{
    (void)arg;
    pause_ms(100);
    return (void *)(long)*published;
}

static pthread_barrier_t bar;

static void *waiter(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&bar);
    return NULL;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (strcmp(what, "leaks") == 0) {
        pthread_t t;
        for (int i = 0; i < 3; i++)
            pthread_create(&t, NULL, idle, NULL);
        pause_ms(50);
    } else if (strcmp(what, "errno") == 0) {
        signal(SIGUSR1, on_usr1);
        pthread_t self = pthread_self(), s;
        pthread_create(&s, NULL, sender, &self);
        while (!got)
            pause_ms(1);
        pthread_join(s, NULL);
    } else if (strcmp(what, "freed") == 0) {
        int *block = malloc(16 * sizeof *block);
        pthread_t t;
        pthread_create(&t, NULL, early_writer, block);
        pause_ms(100);
        free(block);
        pthread_join(t, NULL);
    } else if (strcmp(what, "alloc") == 0) {
        pthread_t t;
        pthread_create(&t, NULL, late_reader, NULL);
        published = malloc(sizeof *published);
        pthread_join(t, NULL);
        free(published);
    } else if (strcmp(what, "barrier") == 0) {
        pthread_barrier_init(&bar, NULL, 2);
        pthread_t t;
        pthread_create(&t, NULL, waiter, NULL);
        pthread_barrier_wait(&bar);
        pthread_barrier_destroy(&bar);
        pthread_join(t, NULL);
    }
    return 0;
}
