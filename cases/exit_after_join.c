/*
 * name: exit_after_join
 * summary: exit_while_running with main waking the worker and joining it before calling exit; the atexit handler reads the progress the worker wrote
 * verdict: race-free
 * category: thread-lifecycle
 * origin: process teardown done in order: stop and join the threads, then exit
 * why: main joins the worker before calling exit, and pthread_join
 *      synchronizes memory (POSIX XBD 4.12), so the worker's write of
 *      progress happens before the atexit handler's read in main: no data
 *      race (C11 5.1.2.4p25).
 *
 * The fix of exit_while_running: main posts the semaphore the worker waits
 * on, joins it, and only then exits; the handler runs with no other thread
 * alive.  It prints "progress at exit: 1".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
static long progress;
static sem_t more_work; /* posted once, to let the worker finish */

static void report(void)
{
    printf("progress at exit: %ld\n", progress); /* NORACE(progress) */
}

static void *worker(void *arg)
{
    (void)arg;
    progress = 1; /* NORACE(progress) */
    sem_wait(&more_work);
    return NULL;
}

int main(void)
{
    pthread_t w;

    sem_init(&more_work, 0, 0);
    atexit(report);
    if (pthread_create(&w, NULL, worker, NULL) != 0) {
        fprintf(stderr, "exit_after_join: cannot create a thread\n");
        return 1;
    }
    sem_post(&more_work);
    pthread_join(w, NULL);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    exit(0);
}
