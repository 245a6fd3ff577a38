/*
 * name: c11_call_once
 * summary: two pthreads both call C11 call_once to build a shared lookup table, then read it
 * verdict: race-free
 * category: c11-threads
 * origin: C11 <threads.h>: handoff_once with call_once and once_flag
 * why: the completion of the one call of build_table synchronizes with
 *      every later call_once on the same flag (C11 7.26.2.1p2), so the
 *      table's writes happen before both threads' reads: no data race
 *      (5.1.2.4p25).
 *
 * handoff_once with C11's call_once and once_flag.  Whichever thread comes
 * first builds the table; the other waits inside call_once or returns at
 * once.  glibc's call_once calls its pthread_once internally: ThreadSanitizer
 * does not see it and reports the table, a false positive, as does Helgrind,
 * which orders nothing by pthread_once either way; DRD wraps pthread_once
 * inside libc and reports nothing.  Both threads print "sum 328350".
 *
 * The threads are started with pthread_create, not thrd_create: on this
 * system (glibc 2.36) every ThreadSanitizer build and DRD die of SIGSEGV on
 * thrd_create.  glibc's thrd_create calls its internal __pthread_create_2_1
 * with its own marker (pthread_attr_t *)-1 for the attributes:
 * ThreadSanitizer, which intercepts the exported pthread_create, never
 * learns of the thread and crashes at its first instrumented access; DRD's
 * wrapper does catch the call and crashes reading the marker as attributes.
 * glibc's thrd_t is a pthread_t, so mixing the two is allowed there.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <pthread.h>
#include <threads.h>
#include "scale.h"
#define N 100

static int table[N];
static once_flag table_once = ONCE_FLAG_INIT;

static void build_table(void)
{
    for (int i = 0; i < N; i++)
        table[i] = i * i; /* NORACE(table) */
}

static void *worker(void *arg)
{
    long *sum = arg;

    call_once(&table_once, build_table);
    for (int i = 0; i < N; i++)
        *sum += table[i]; /* NORACE(table) */
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    long s1 = 0, s2 = 0;

    if (pthread_create(&t1, NULL, worker, &s1) != 0 ||
        pthread_create(&t2, NULL, worker, &s2) != 0) {
        fprintf(stderr, "c11_call_once: cannot start\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("sum %ld and %ld\n", s1, s2);
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
