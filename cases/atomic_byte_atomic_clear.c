/*
 * name: atomic_byte_atomic_clear
 * summary: atomic_byte_overlap with the flags cleared by eight relaxed 8-bit atomic stores instead of one plain 64-bit store
 * verdict: race-free
 * category: atomics
 * origin: mixed-size access: the fix of atomic_byte_overlap
 * why: every access to the flag bytes is now an atomic operation on the
 *      byte's own atomic object, and conflicting atomic operations never form
 *      a data race, whatever their memory order (C11 5.1.2.4p25).
 *
 * The same union and the same turns (set, clear, set) as atomic_byte_overlap,
 * but clear_all stores 0 into each flag byte with a relaxed
 * atomic_store_explicit.  Eight stores are not one: a reader could see some
 * flags cleared and others not, so the clear is not atomic as a whole, but
 * no access races.  The union's uint64_t member is no longer used to write.
 *
 * ThreadSanitizer models the atomics and reports nothing.  Helgrind and DRD
 * do not model C11 atomics: the relaxed store is a plain byte mov to them,
 * which conflicts with the locked fetch_or they take for a read, and they
 * report the pair: a false positive (DRD names the clear and the second set,
 * each the later access).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

static union {
    uint64_t word;        /* all eight flags at once */
    atomic_uchar byte[8]; /* one flag per byte */
} flags;
static struct turn order; /* set, clear, set */

static void set_flag(int i)
{
    atomic_fetch_or_explicit(&flags.byte[i], 1, memory_order_relaxed); /* NORACE(flags) */
}

static void clear_all(void)
{
    for (int i = 0; i < 8; i++)
        atomic_store_explicit(&flags.byte[i], 0, memory_order_relaxed); /* NORACE(flags) */
}

static void *setter(void *arg)
{
    (void)arg;
    set_flag(0);
    turn_pass(&order, 1);
    turn_wait(&order, 2);
    set_flag(0);
    return NULL;
}

static void *clearer(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    clear_all();
    turn_pass(&order, 2);
    return NULL;
}

int main(void)
{
    pthread_t s, c;

    turn_init(&order);
    if (pthread_create(&s, NULL, setter, NULL) != 0 ||
        pthread_create(&c, NULL, clearer, NULL) != 0) {
        fprintf(stderr, "atomic_byte_atomic_clear: cannot create threads\n");
        return 1;
    }
    pthread_join(s, NULL);
    pthread_join(c, NULL);
    printf("flag 0 is %d\n", atomic_load_explicit(&flags.byte[0], memory_order_relaxed));
    scale_busy(); /* its loops walk a fixed array: support/scale.h */
    return 0;
}
