/*
 * name: string_functions_race
 * summary: a writer fills three buffers with memcpy, memset and strcpy; a reader, later in time but unordered, reads them with memcpy, a loop and strlen
 * verdict: race
 * category: detector-limits
 * origin: races through library functions: the accesses are made inside libc, the detector must see them and name the caller
 * why: the library functions access the buffers as the program's own code
 *      would (C11 7.24.1, 7.1.4), so each writer call and the reader's read
 *      of the same buffer are conflicting plain accesses that nothing orders
 *      (the turn between them is relaxed): three data races (5.1.2.4p25).
 *
 * The accesses happen inside memcpy, memset, strcpy and strlen, code the
 * program did not compile.  ThreadSanitizer cannot instrument libc, so it
 * intercepts these functions (or the compiler turns small ones into
 * instrumented moves); Helgrind and DRD run libc under Valgrind and replace
 * these functions with their own.  Each must then name the program's call,
 * the first frame outside libc and the interceptors, which is where the
 * markers are.  A turn (support/turn.h) runs the writer's calls before the
 * reader's, without creating any happens-before, so DRD names the reads, the
 * later accesses, on every run.  string_functions_joined is the twin in which
 * the reader starts after pthread_join.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "scale.h"
#include "turn.h"

#define SIZE 32

static char message[SIZE];
static char zeros[SIZE];
static char name[SIZE];
static struct turn order; /* writer, then reader */

static void *writer(void *arg)
{
    const char *src = arg;

    memcpy(message, src, SIZE); /* RACE(message) */
    memset(zeros, 0, SIZE); /* RACE(zeros) */
    strcpy(name, "worker"); /* RACE(name) */
    turn_pass(&order, 1);
    return NULL;
}

static void *reader(void *arg)
{
    long *result = arg;
    char copy[SIZE];
    long nonzero = 0;

    turn_wait(&order, 1);
    memcpy(copy, message, SIZE); /* RACE(message) */
    for (int i = 0; i < SIZE; i++)
        nonzero += zeros[i] != 0; /* RACE(zeros) */
    *result = (long)strlen(name) + nonzero + copy[0]; /* RACE(name) */
    return NULL;
}

int main(void)
{
    static const char src[SIZE] = "the message";
    pthread_t w, r;
    long result = 0;

    turn_init(&order);
    if (pthread_create(&r, NULL, reader, &result) != 0 ||
        pthread_create(&w, NULL, writer, (void *)src) != 0) {
        fprintf(stderr, "string_functions_race: cannot create threads\n");
        return 1;
    }
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    printf("result %ld\n", result);
    scale_busy(); /* its loops walk fixed arrays: support/scale.h */
    return 0;
}
