/*
 * name: libc_strtok_r
 * summary: libc_strtok_shared with strtok_r and a save pointer local to each thread
 * verdict: race-free
 * category: libc
 * origin: POSIX XSH 2.9.1: strtok_r, the reentrant form of strtok
 * why: strtok_r keeps its state in the save pointer its caller passes
 *      (POSIX XSH strtok_r), here a local of each thread, so the two calls
 *      share no memory and cannot conflict: no data race (C11 5.1.2.4p25).
 *
 * The fix of libc_strtok_shared: the same two threads and the same turn,
 * each call given its own save pointer.  No detector should report
 * anything.  It prints "commands get and put".
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
    char *save;

    *word = strdup(strtok_r(line, " ", &save)); /* NORACE(strtok) */
    turn_pass(&order, 1);
    return NULL;
}

static void *putter(void *arg)
{
    char line[] = "put key3 value3";
    char **word = arg;
    char *save;

    turn_wait(&order, 1);
    *word = strdup(strtok_r(line, " ", &save)); /* NORACE(strtok) */
    return NULL;
}

int main(void)
{
    pthread_t g, p;
    char *w1 = NULL, *w2 = NULL;

    turn_init(&order);
    if (pthread_create(&p, NULL, putter, &w2) != 0 ||
        pthread_create(&g, NULL, getter, &w1) != 0) {
        fprintf(stderr, "libc_strtok_r: cannot create threads\n");
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
