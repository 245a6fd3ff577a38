/*
 * name: libc_localtime_shared
 * summary: two threads convert timestamps with localtime, which returns a pointer to one static struct tm; one of them reads its result after the other's call has overwritten it
 * verdict: race
 * category: libc
 * origin: POSIX XSH 2.9.1: localtime is among the functions that need not be thread-safe
 * why: localtime returns a pointer to a static object, and it "is not
 *      required to avoid data races" with other calls (C11 7.27.3p1; POSIX
 *      XSH 2.9.1 lists it as not thread-safe): each call writes that
 *      object, and the first thread reads it after the second's call, with
 *      nothing ordering them (the turn is relaxed): two data races, at the
 *      call sites and the read.
 *
 * The first thread converts the epoch, the second a date in 2000; the first
 * then reads the year through the pointer it kept and finds the second
 * thread's year, 100 instead of 70.  Each localtime call writes the whole
 * shared struct tm (the pair of calls); the second thread's call also
 * overwrites what the first thread reads afterwards (the call and the
 * read).  Turns (support/turn.h) fix the order, call, call, read, without
 * creating any happens-before.  TZ is set to UTC so that the years printed
 * are the same everywhere.  libc_localtime_r is the fix.
 *
 * ThreadSanitizer's localtime interceptor marks the returned struct as
 * written by the caller, but it misses the call/read pair: having reported
 * the second call, it keeps no trace of it (see race_after_report).  Helgrind
 * and DRD see libc's own stores into the struct and report both pairs.
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
    struct tm *tm = localtime(&t); /* RACE(call) */

    turn_pass(&order, 1);
    turn_wait(&order, 2);
    *year = tm->tm_year; /* RACE(result) */
    return NULL;
}

static void *second(void *arg)
{
    int *year = arg;
    time_t t = 946684800; /* 2000-01-01 */

    turn_wait(&order, 1);
    *year = localtime(&t)->tm_year; /* RACE(call) RACE(result) */
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
        fprintf(stderr, "libc_localtime_shared: cannot create threads\n");
        return 1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("first thread read year %d (70 expected), second %d\n", y1, y2);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
