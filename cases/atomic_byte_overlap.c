/*
 * name: atomic_byte_overlap
 * summary: one thread sets a flag byte with an 8-bit atomic fetch_or while another clears all eight flag bytes at once with a plain 64-bit store through a union
 * verdict: race
 * category: atomics
 * origin: mixed-size access: a word of byte flags cleared "all at once" by a wider plain store
 * why: the 64-bit store modifies the memory location of the atomic byte (its
 *      bytes overlap) and is not an atomic operation, so it conflicts with
 *      the fetch_or (C11 5.1.2.4p4); atomic objects are exempt from data
 *      races only when every conflicting access is atomic, and nothing
 *      orders the two: a data race (5.1.2.4p25).
 *
 * A union lays eight atomic flag bytes over one uint64_t.  The setter raises
 * flag 0 with atomic_fetch_or on its byte; the clearer resets every flag with
 * `flags.word = 0`, one plain 8-byte store, because it is faster than eight
 * atomic ones.  On x86 both are single instructions, but C11 gives no meaning
 * to atomicity across accesses of different sizes: the plain store is just a
 * non-atomic write of the atomic byte's memory.  A turn (support/turn.h)
 * fixes the steps in time: set, clear, set again; it creates no
 * happens-before.  atomic_byte_atomic_clear is the race-free form.
 *
 * What to look at: a detector has to match an 8-byte access against a 1-byte
 * one at the same address, one atomic and one not.  ThreadSanitizer records
 * each access's offset and size in its shadow and reports the pair.  Helgrind
 * and DRD take the locked fetch_or for a read, which the plain write
 * conflicts with; DRD names the clear and the second set, each the later
 * access of a conflicting pair.
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
    atomic_fetch_or_explicit(&flags.byte[i], 1, memory_order_relaxed); /* RACE(flags) */
}

static void clear_all(void)
{
    flags.word = 0; /* RACE(flags) */
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
        fprintf(stderr, "atomic_byte_overlap: cannot create threads\n");
        return 1;
    }
    pthread_join(s, NULL);
    pthread_join(c, NULL);
    printf("flag 0 is %d\n", atomic_load_explicit(&flags.byte[0], memory_order_relaxed));
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
