/*
 * name: key_destructor_locked
 * summary: key_destructor_race with the destructor adding to the shared total under a mutex
 * verdict: race-free
 * category: thread-lifecycle
 * origin: per-thread statistics merged by a pthread_key destructor at thread exit
 * why: both destructors update total holding total_lock, so one's unlock
 *      synchronizes with the other's lock (POSIX XBD 4.12) and the updates
 *      happen one before the other; main reads after pthread_join: no data
 *      race (C11 5.1.2.4p25).
 *
 * The fix of key_destructor_race: the destructor is ordinary code running in
 * the exiting thread, and shared state it touches needs the same lock as
 * anywhere else.  It prints "total 2000".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define COUNT (1000 * scale_n) /* support/scale.h */

static pthread_key_t stats_key;
static long total; /* merged from every thread's stats; guarded by total_lock */
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start_line;

static void merge_stats(void *p)
{
    long *mine = p;

    pthread_mutex_lock(&total_lock);
    total += *mine; /* NORACE(total) */
    pthread_mutex_unlock(&total_lock);
    free(mine);
}

static void *worker(void *arg)
{
    long *mine = calloc(1, sizeof *mine);

    (void)arg;
    if (mine == NULL || pthread_setspecific(stats_key, mine) != 0)
        return NULL;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < COUNT; i++)
        ++*(long *)pthread_getspecific(stats_key);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    if (pthread_key_create(&stats_key, merge_stats) != 0)
        return 1;
    pthread_barrier_init(&start_line, NULL, 2);
    if (pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, worker, NULL) != 0) {
        fprintf(stderr, "key_destructor_locked: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);
    printf("total %ld\n", total);
    return 0;
}
