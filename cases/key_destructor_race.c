/*
 * name: key_destructor_race
 * summary: each worker counts into a thread-specific buffer made with pthread_key_create; the key's destructor, run as each worker exits, adds the buffer's count to a shared total with no lock
 * verdict: race
 * category: thread-lifecycle
 * origin: per-thread statistics merged by a pthread_key destructor at thread exit
 * flags: atomicity-violation
 * why: key destructors run in the exiting thread (POSIX XSH
 *      pthread_key_create), so the two workers' destructors read and write
 *      total from two threads, and nothing orders one destructor's update
 *      before the other's: a data race (C11 5.1.2.4p25).  main's read after pthread_join
 *      is ordered after both (POSIX XBD 4.12).
 *
 * Thread-specific data is private, and the code that uses it needs no lock;
 * the destructor is easy to forget, because nothing in the program calls it:
 * the thread library does, in the exiting thread, after the start routine
 * has returned, and two threads can exit at the same time.  Both workers wait
 * at a barrier before counting, so their exits are close.  The race is one
 * line run by both destructors.  key_destructor_locked takes a mutex in the
 * destructor.  It prints "total 2000".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#define COUNT (1000 * scale_n) /* support/scale.h */

static pthread_key_t stats_key;
static long total; /* merged from every thread's stats */
static pthread_barrier_t start_line;

static void merge_stats(void *p)
{
    long *mine = p;

    total += *mine; /* RACE(total, self) */
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
        fprintf(stderr, "key_destructor_race: cannot create threads\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);
    printf("total %ld\n", total);
    return 0;
}
