/*
 * name: c11_threads_nomtx
 * summary: c11_threads_mtx without the mutex: two pthreads add to a plain counter 1000 times each
 * verdict: race
 * category: c11-threads
 * origin: C11 <threads.h>
 * flags: atomicity-violation
 * why: nothing orders one thread's increments of the counter before the
 *      other's (pthread_create orders only what main did before it, POSIX
 *      XBD 4.12), so the conflicting plain read-modify-writes race (C11
 *      5.1.2.4p25).
 *
 * racy_counter, the twin of c11_threads_mtx with the mtx_t taken out.
 * Both workers wait at a start line (a relaxed count they both raise and
 * wait for, which orders nothing) and yield every 100 iterations, so the
 * loops overlap.  thrd_yield is C11's sched_yield.  Every detector reports
 * the increment racing with itself.  It prints a total of 2000 or less.
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

#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <pthread.h>
#include <threads.h>
#include "scale.h"
#define ITERATIONS (1000 * scale_n) /* support/scale.h */
#define SPIN_LIMIT 10000000L

static long counter;
static atomic_int started; /* a start line that orders nothing */

static void *worker(void *arg)
{
    (void)arg;
    atomic_fetch_add_explicit(&started, 1, memory_order_relaxed);
    for (long i = 0; i < SPIN_LIMIT && atomic_fetch_add_explicit(&started, 0, memory_order_relaxed) < 2; i++)
        thrd_yield();
    for (int i = 0; i < ITERATIONS; i++) {
        counter++; /* RACE(counter, self) */
        if (i % 100 == 99)
            thrd_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    if (pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, worker, NULL) != 0) {
        fprintf(stderr, "c11_threads_nomtx: cannot start\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter %ld (%ld without lost updates)\n", counter, 2 * ITERATIONS);
    return 0;
}
