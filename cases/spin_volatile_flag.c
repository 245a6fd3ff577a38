/*
 * name: spin_volatile_flag
 * summary: a producer writes a plain payload and sets a volatile flag; the consumer spins on the flag, yielding, then reads the payload
 * verdict: race
 * category: custom-sync
 * origin: the pre-C11 idiom "volatile bool ready", still common in embedded and legacy code
 * why: volatile makes every access to the flag happen as written but makes
 *      none of them atomic (C11 5.1.2.3p2-6), and only atomic operations
 *      are exempt from data races or can synchronize (5.1.2.4p11, p25): the
 *      flag's write and reads race, and since nothing orders the payload's
 *      write before its read, they race too.
 *
 * The spin works in practice on x86: volatile keeps the compiler from
 * hoisting the load out of the loop, and the hardware keeps the two stores in
 * order.  C11 promises neither visibility nor order, and a compiler may move
 * the plain payload store below the volatile flag store (volatile orders
 * volatile accesses only among themselves).  spin_relaxed_flag makes the
 * flag atomic and still races on the payload; spin_acquire_flag is the fix.
 *
 * The consumer reads the flag once before the producer writes anything: a
 * turn (support/turn.h) hands over after that first read, and the producer
 * waits for it.  So the flag is read both before and after its write on
 * every run and DRD, which names only the later access of a pair, names the
 * flag's write and its read, and the payload's read.  The turn creates no
 * happens-before.  The spin is bounded and yields the CPU.  It prints
 * "consumer read 42".
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define SPIN_LIMIT 10000000L

static long payload;
static volatile int ready;
static struct turn order; /* the consumer reads the flag once before the producer starts */

static void *producer(void *arg)
{
    (void)arg;
    turn_wait(&order, 1);
    payload = 42; /* RACE(payload) */
    ready = 1; /* RACE(ready) */
    return NULL;
}

static void *consumer(void *arg)
{
    long *seen = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (ready) { /* RACE(ready) */
            *seen = payload; /* RACE(payload) */
            return NULL;
        }
        if (i == 0)
            turn_pass(&order, 1);
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    long seen = -1;

    turn_init(&order);
    if (pthread_create(&c, NULL, consumer, &seen) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "spin_volatile_flag: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    printf("consumer read %ld\n", seen);
    scale_busy(); /* its only loop is a bounded wait: support/scale.h */
    return seen == 42 ? 0 : 1;
}
