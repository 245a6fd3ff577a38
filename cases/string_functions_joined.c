/*
 * name: string_functions_joined
 * summary: string_functions_race with the reader created after the writer is joined: the same library calls, ordered
 * verdict: race-free
 * category: detector-limits
 * origin: races through library functions: the accesses are made inside libc, the detector must see them and name the caller
 * why: pthread_join synchronizes memory (POSIX XBD 4.12) and
 *      pthread_create orders the creator's earlier actions before the new
 *      thread's, so every write made in the writer's library calls happens
 *      before the reader's reads: no data race (C11 5.1.2.4p25).
 *
 * The twin of string_functions_race: main joins the writer and only then
 * creates the reader, so the library calls are ordered.  No detector should
 * report anything; a report here would be an interceptor that loses the
 * ordering a join gives.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "scale.h"
#define SIZE 32

static char message[SIZE];
static char zeros[SIZE];
static char name[SIZE];

static void *writer(void *arg)
{
    const char *src = arg;

    memcpy(message, src, SIZE); /* NORACE(message) */
    memset(zeros, 0, SIZE); /* NORACE(zeros) */
    strcpy(name, "worker"); /* NORACE(name) */
    return NULL;
}

static void *reader(void *arg)
{
    long *result = arg;
    char copy[SIZE];
    long nonzero = 0;

    memcpy(copy, message, SIZE); /* NORACE(message) */
    for (int i = 0; i < SIZE; i++)
        nonzero += zeros[i] != 0; /* NORACE(zeros) */
    *result = (long)strlen(name) + nonzero + copy[0]; /* NORACE(name) */
    return NULL;
}

int main(void)
{
    static const char src[SIZE] = "the message";
    pthread_t w, r;
    long result = 0;

    if (pthread_create(&w, NULL, writer, (void *)src) != 0) {
        fprintf(stderr, "string_functions_joined: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    if (pthread_create(&r, NULL, reader, &result) != 0) {
        fprintf(stderr, "string_functions_joined: cannot create threads\n");
        return 1;
    }
    pthread_join(r, NULL);
    printf("result %ld\n", result);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
