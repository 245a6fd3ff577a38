/*
 * name: exit_while_running
 * summary: main calls exit while a worker it never joined is still alive; an atexit handler reads the progress the worker wrote
 * verdict: race
 * category: thread-lifecycle
 * origin: process teardown while threads still run: atexit handlers and static destructors that touch what live threads use
 * why: exit runs the atexit handlers in the calling thread (C11 7.22.4.4p3)
 *      and does not join or stop other threads first, so the handler's read
 *      of progress and the worker's write of it are conflicting plain
 *      accesses with nothing ordering them (the turn is relaxed): a data
 *      race (5.1.2.4p25).
 *
 * The worker records its progress and then blocks on a semaphore nobody
 * posts, as a worker waiting for more work would.  main waits for a turn
 * (support/turn.h) that the worker passes after writing, which fixes the
 * order in time and creates no happens-before, and calls exit.  The handler
 * prints "progress at exit: 1"; the process ends with the worker still
 * blocked.  exit_after_join tells the worker to stop and joins it first.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "turn.h"

static long progress;
static sem_t more_work;   /* never posted */
static struct turn order; /* the worker writes, then main exits */

static void report(void)
{
    printf("progress at exit: %ld\n", progress); /* RACE(progress) */
}

static void *worker(void *arg)
{
    (void)arg;
    progress = 1; /* RACE(progress) */
    turn_pass(&order, 1);
    sem_wait(&more_work);
    return NULL;
}

int main(void)
{
    pthread_t w;

    sem_init(&more_work, 0, 0);
    turn_init(&order);
    atexit(report);
    if (pthread_create(&w, NULL, worker, NULL) != 0) {
        fprintf(stderr, "exit_while_running: cannot create a thread\n");
        return 1;
    }
    turn_wait(&order, 1);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    exit(0);
}
