/*
 * name: apache_refcount_dec
 * summary: two threads drop their references to a cached object with an atomic decrement and then test the count with a plain read; both see zero and both clean the object up
 * verdict: race
 * category: real-bug
 * origin: Apache httpd bug 21287 (httpd 2.0.48, mod_mem_cache; collected, with thanks to Shan Lu, in the jieyu/concurrency-bugs benchmark as apache-21287; the year of the report is not confirmed here): decrement_refcount() decremented the cache object's count atomically and then read it again to see whether it had reached zero, so two threads could both see zero and both call cleanup_cache_object(), freeing the object twice
 * flags: atomicity-violation, undetected
 * why: the decrement is an atomic read-modify-write, but the test after it
 *      is a plain load of the same count, and nothing orders the second
 *      thread's decrement before the first thread's test (the first thread
 *      makes no acquire operation after it): a plain access and an atomic
 *      write in different threads without happens-before, a data race under
 *      C11 5.1.2.4p25, which allows no race between an atomic and a non-atomic
 *      access.
 *
 * mod_mem_cache kept a reference count on each cached object.  Dropping a
 * reference decremented it with apr_atomic_dec and then tested the count
 * again; whoever saw zero cleaned the object up.  The decrement and the test
 * are two steps: when two threads drop the last two references, both
 * decrements can land before either test, both tests read zero, and the
 * object is cleaned up, and freed, twice.
 *
 * The count here is a plain unsigned int changed with gcc's __atomic
 * builtins, as APR changed it with a locked instruction, and tested with a
 * plain read, as the module did.  A turn (support/turn.h) forces the bad
 * interleaving: the first thread decrements, the second decrements, tests
 * and cleans up, the first tests and cleans up again.  The turn orders in
 * time only.  The second thread's test is ordered after the first thread's
 * decrement (its own decrement, a seq_cst read-modify-write, reads from it),
 * so that pair does not race; the first thread's test is unordered with the
 * second thread's decrement, and that is the race.  Cleaning up only counts
 * here, and main frees the object once at the end, so that the double
 * cleanup adds no double free to what the detectors see.
 *
 * No detector here reports the race (flag undetected), each for a reason of
 * its own.  Helgrind and DRD see the lock-prefixed decrement as a read, so
 * they see two threads reading the count.  ThreadSanitizer models the
 * atomic decrement as an atomic write, but the second thread's own plain
 * read of the count right after it replaces that record in its shadow
 * memory, which keeps about one record per thread, and the first thread's
 * read then meets a read.  Taking that read out would hide the bug's shape:
 * the read after the decrement is the bug.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "turn.h"

struct cache_object {
    unsigned int refcount; /* apr_atomic_t: changed atomically, read plainly */
    int cleanup;           /* set once the object is out of the cache */
    char key[32];
};

static atomic_int cleanups;
static struct turn order;

/* Would free the object; counts instead (see the header comment). */
static void cleanup_cache_object(struct cache_object *obj)
{
    (void)obj;
    atomic_fetch_add_explicit(&cleanups, 1, memory_order_relaxed);
}

static void apr_atomic_dec(unsigned int *mem)
{
    __atomic_fetch_sub(mem, 1, __ATOMIC_SEQ_CST); /* RACE(refcount) */
}

static void decrement_refcount(struct cache_object *obj, int first)
{
    apr_atomic_dec(&obj->refcount);
    if (first) {
        turn_pass(&order, 1);
        turn_wait(&order, 2);
    }
    if (!obj->refcount) { /* RACE(refcount) */
        if (obj->cleanup)
            cleanup_cache_object(obj);
    }
}

static void *request_one(void *arg)
{
    decrement_refcount(arg, 1);
    return NULL;
}

static void *request_two(void *arg)
{
    turn_wait(&order, 1);
    decrement_refcount(arg, 0);
    turn_pass(&order, 2);
    return NULL;
}

int main(void)
{
    pthread_t one, two;
    struct cache_object *obj = malloc(sizeof *obj);

    if (obj == NULL) {
        fprintf(stderr, "apache_refcount_dec: out of memory\n");
        return 1;
    }
    turn_init(&order);
    obj->refcount = 2; /* one reference for each request */
    obj->cleanup = 1;
    snprintf(obj->key, sizeof obj->key, "/index.html");
    if (pthread_create(&one, NULL, request_one, obj) != 0 ||
        pthread_create(&two, NULL, request_two, obj) != 0) {
        fprintf(stderr, "apache_refcount_dec: cannot create threads\n");
        return 1;
    }
    pthread_join(one, NULL);
    pthread_join(two, NULL);

    printf("%s cleaned up %d times (1 expected)\n", obj->key,
           atomic_load_explicit(&cleanups, memory_order_relaxed));
    free(obj);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
