/*
 * name: c11_threads_mtx
 * summary: two pthreads add to a plain counter 1000 times each under a C11 mtx_t (mtx_lock, mtx_unlock); main reads the total after joining them
 * verdict: race-free
 * category: c11-threads
 * origin: C11 <threads.h>, the standard's own thread library, which glibc builds on its pthreads
 * why: each mtx_unlock synchronizes with the next mtx_lock of the same mutex
 *      (C11 7.26.4.1p2, 5.1.2.4p6), so the increments happen before one
 *      another, and main reads after pthread_join (POSIX XBD 4.12): no data
 *      race (5.1.2.4p25).
 *
 * mutex_same written with C11's mtx_t.  glibc implements mtx_lock and
 * mtx_unlock by calling its pthread mutex functions internally, not through
 * their exported names, so a detector that intercepts pthread_mutex_lock by
 * name does not see them.  That is what ThreadSanitizer does: it sees no
 * lock and reports the increment racing with itself, a false positive.
 * Helgrind and DRD wrap the functions inside libc and see the lock.
 * c11_threads_nomtx drops the mutex.  It prints "counter 2000 (2000
 * expected)".
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
#define ITERATIONS (1000 * scale_n) /* support/scale.h */

static long counter; /* guarded by lock */
static mtx_t lock;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITERATIONS; i++) {
        mtx_lock(&lock);
        counter++; /* NORACE(counter) */
        mtx_unlock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    if (mtx_init(&lock, mtx_plain) != thrd_success ||
        pthread_create(&t1, NULL, worker, NULL) != 0 ||
        pthread_create(&t2, NULL, worker, NULL) != 0) {
        fprintf(stderr, "c11_threads_mtx: cannot start\n");
        return 1;
    }
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    mtx_destroy(&lock);
    printf("counter %ld (%ld expected)\n", counter, 2 * ITERATIONS);
    return 0;
}
