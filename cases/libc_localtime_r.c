/*
 * name: libc_localtime_r
 * summary: libc_localtime_shared with localtime_r and a struct tm of each thread's own
 * verdict: race-free
 * category: libc
 * origin: POSIX XSH 2.9.1: localtime_r, the thread-safe form of localtime
 * why: localtime_r writes only the struct tm its caller passes, here a
 *      local of each thread, and it is thread-safe (POSIX XSH 2.9.1 does not
 *      list it), so the two threads share no memory through it and no
 *      access conflicts: no data race (C11 5.1.2.4p25).
 *
 * The fix of libc_localtime_shared: the same threads and turns, each
 * conversion into a struct tm on the caller's stack.  The first thread now
 * reads its own year, 70.  glibc still shares time zone state between the
 * calls inside localtime_r, under a lock of its own; a detector that sees
 * libc's memory but not that lock could report the two calls, a false
 * positive.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "scale.h"
#include "turn.h"

static struct turn order; /* first call, second call, first read */

static void *first(void *arg)
{
    int *year = arg;
    time_t t = 0;
    struct tm mine;

    localtime_r(&t, &mine); /* NORACE(call) */
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    *year = mine.tm_year;
    return NULL;
}

static void *second(void *arg)
{
    int *year = arg;
    time_t t = 946684800; /* 2000-01-01 */
    struct tm mine;

    turn_wait(&order, 1);
    localtime_r(&t, &mine); /* NORACE(call) */
    *year = mine.tm_year;
    turn_pass(&order, 2);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    int y1 = -1, y2 = -1;

    setenv("TZ", "UTC", 1);
    tzset();
    turn_init(&order);
    if (pthread_create(&b, NULL, second, &y2) != 0 ||
        pthread_create(&a, NULL, first, &y1) != 0) {
        fprintf(stderr, "libc_localtime_r: cannot create threads\n");
        return 1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("first thread read year %d (70 expected), second %d\n", y1, y2);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
