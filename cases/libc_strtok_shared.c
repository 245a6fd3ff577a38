/*
 * name: libc_strtok_shared
 * summary: two threads each take the command word of their own input line with strtok, which keeps its position in one hidden static pointer
 * verdict: race
 * category: libc
 * origin: POSIX XSH 2.9.1: strtok is among the functions that need not be thread-safe
 * flags: undetected
 * why: strtok keeps its state in static storage and "is not required to
 *      avoid data races with other calls to the strtok function" (C11
 *      7.24.5.8p6; POSIX XSH 2.9.1 lists it as not thread-safe); the two
 *      calls each store to that state and nothing orders them (the turn
 *      between them is relaxed): a data race, at the two call sites.
 *
 * Each thread tokenises a string of its own, so the program looks as if it
 * shared nothing; what it shares is inside libc, the pointer strtok saves
 * for the next strtok(NULL, ...).  Each thread calls strtok once, so here
 * the values are even right ("get", "put"); a second call would continue in
 * the other thread's string.  A turn (support/turn.h) makes the calls one
 * after the other without creating any happens-before.  libc_strtok_r is the
 * fix.
 *
 * What to look at: whether a detector sees libc's own memory, and whether
 * it says so.  None reports this race.  ThreadSanitizer does not instrument
 * libc; its strtok interceptor checks the strings passed, not the hidden
 * state.  Helgrind and DRD do see the stores, inside libc, but Valgrind's
 * default suppressions (helgrind-glibc2X-005 and drd-libc-stdio in
 * default.supp) hide every race whose top frame is in libc.so.6, because
 * glibc's stdio locks are invisible to them; run with
 * --default-suppressions=no they report it, inside glibc's strtok_r.c.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scale.h"
#include "turn.h"

static struct turn order; /* one call, then the other */

static void *getter(void *arg)
{
    char line[] = "get key1 key2";
    char **word = arg;

    *word = strdup(strtok(line, " ")); /* RACE(strtok) */
    turn_pass(&order, 1);
    return NULL;
}

static void *putter(void *arg)
{
    char line[] = "put key3 value3";
    char **word = arg;

    turn_wait(&order, 1);
    *word = strdup(strtok(line, " ")); /* RACE(strtok) */
    return NULL;
}

int main(void)
{
    pthread_t g, p;
    char *w1 = NULL, *w2 = NULL;

    turn_init(&order);
    if (pthread_create(&p, NULL, putter, &w2) != 0 ||
        pthread_create(&g, NULL, getter, &w1) != 0) {
        fprintf(stderr, "libc_strtok_shared: cannot create threads\n");
        return 1;
    }
    pthread_join(g, NULL);
    pthread_join(p, NULL);
    printf("commands %s and %s\n", w1, w2);
    free(w1);
    free(w2);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
