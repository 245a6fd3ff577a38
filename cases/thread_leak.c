/*
 * name: thread_leak
 * summary: main starts a joinable worker to checksum a table, takes the result through a semaphore and never joins nor detaches the worker
 * verdict: race-free
 * category: misuse
 * origin: ThreadSanitizer's thread-leak report; POSIX pthread_detach (only a detached thread's storage is reclaimed when it ends) and the Linux pthread_join(3) "zombie thread"
 * why: the worker writes the checksum and its thread id before sem_post and
 *      main reads them after sem_wait, which synchronises memory (POSIX XBD
 *      4.12); nothing else is shared, so there is no data race.  The bug is
 *      the leak: a joinable thread that ends keeps its resources until joined.
 *
 * The worker is fire-and-forget in spirit: main only wants its result, which
 * arrives through a semaphore, and so never calls pthread_join.  But the
 * thread was created joinable (the default), so when it ends its stack and
 * its exit status stay allocated, a zombie thread, until someone joins it or
 * the process exits; a program that does this in a loop runs out of memory
 * or threads.  pthread_detach after the create, or a detached attribute,
 * would say that nobody will join.
 *
 * A leak checker looks at exit for threads that have ended but were neither
 * joined nor detached; a thread still running then is not counted.  So that
 * the worker has ended, on every run, before main returns, main waits for
 * the kernel to remove the worker's task: the worker hands over its thread
 * id with the checksum, and main polls /proc/self/task/TID, yielding the CPU,
 * until it is gone.  The semaphore alone would not do: the worker still has
 * to return and run its thread-exit code after posting it.  No sleep is
 * involved and nothing here is a data race.
 */
#define _GNU_SOURCE

#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>
#include "scale.h"
#define TABLE_SIZE 4096
#define GONE_SPIN_LIMIT 100000000L

static unsigned table[TABLE_SIZE]; /* filled by main before the create */
static unsigned checksum;          /* written before the post */
static pid_t worker_tid;           /* written before the post */
static sem_t result_ready;

static void *worker(void *arg)
{
    unsigned sum = 0;

    (void)arg;
    for (int i = 0; i < TABLE_SIZE; i++)
        sum = sum * 31 + table[i];
    checksum = sum;
    worker_tid = gettid();
    sem_post(&result_ready);
    return NULL;
}

/* Waits until the kernel no longer knows the thread: it has fully ended. */
static int wait_until_gone(pid_t tid)
{
    char path[64];

    snprintf(path, sizeof path, "/proc/self/task/%ld", (long)tid);
    for (long spins = 0; access(path, F_OK) == 0; spins++) {
        if (spins == GONE_SPIN_LIMIT)
            return -1;
        sched_yield();
    }
    return 0;
}

int main(void)
{
    pthread_t t;

    for (int i = 0; i < TABLE_SIZE; i++)
        table[i] = (unsigned)i * 2654435761u;
    if (sem_init(&result_ready, 0, 0) != 0) {
        fprintf(stderr, "thread_leak: cannot make a semaphore\n");
        return 1;
    }
    if (pthread_create(&t, NULL, worker, NULL) != 0) { /* BUG(thread-leak) */
        fprintf(stderr, "thread_leak: cannot create a thread\n");
        return 1;
    }
    while (sem_wait(&result_ready) != 0)
        continue; /* interrupted by a signal: wait again */
    if (wait_until_gone(worker_tid) != 0) {
        fprintf(stderr, "thread_leak: the worker never ended\n");
        return 1;
    }

    /* The worker is never joined: t is dropped here, and with it the thread. */
    printf("checksum %08x\n", checksum);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
