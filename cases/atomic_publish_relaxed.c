/*
 * name: atomic_publish_relaxed
 * summary: atomic_publish_acqrel with relaxed exchanges: the consumer sees the flag but nothing orders the message's write before its read
 * verdict: race
 * category: atomics
 * origin: racecard catalog: atomics
 * why: relaxed atomic operations create no synchronizes-with edge (C11
 *      7.17.3p1-2), so the producer's plain write of the message and the
 *      consumer's plain read of it are conflicting non-atomic accesses with no
 *      happens-before between them: a data race (C11 5.1.2.4p25).
 *
 * The same mailbox as atomic_publish_acqrel, with memory_order_relaxed on
 * both exchanges.  The consumer still only reads the message after its
 * exchange has returned 1, that is after the producer's exchange, which comes
 * after the producer's write: the read really follows the write in time on
 * every run, but seeing a relaxed flag does not make the write visible.  On
 * x86 the program prints "consumer read 42 / 4242" anyway (the hardware
 * orders stores); on a weakly ordered machine, or after the compiler moves
 * the read, it may print stale zeros.
 *
 * Look at write_message and read_message: ThreadSanitizer, which models
 * atomics, sees no release/acquire and reports that pair.  Helgrind and DRD
 * never model the ordering, so they report the same as on
 * atomic_publish_acqrel; here that is the true race (DRD names the read, the
 * later access, and only that: the read always comes after the write).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include "scale.h"
#define SPIN_LIMIT 10000000L

struct message {
    int id;
    int payload;
};

static struct message box; /* the plain data being published */
static atomic_int full;    /* 1 while the box holds an unread message */

static void write_message(int id, int payload)
{
    box = (struct message){ id, payload }; /* RACE(box) */
}

static struct message read_message(void)
{
    return box; /* RACE(box) */
}

static void *producer(void *arg)
{
    (void)arg;
    write_message(42, 4242);
    if (atomic_exchange_explicit(&full, 1, memory_order_relaxed) != 0)
        fprintf(stderr, "producer: the mailbox was already full\n");
    return NULL;
}

static void *consumer(void *arg)
{
    int *ok = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_exchange_explicit(&full, 0, memory_order_relaxed) == 1) {
            struct message m = read_message();
            printf("consumer read %d / %d\n", m.id, m.payload);
            *ok = 1;
            return NULL;
        }
        sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    int ok = 0;

    if (pthread_create(&c, NULL, consumer, &ok) != 0 ||
        pthread_create(&p, NULL, producer, NULL) != 0) {
        fprintf(stderr, "atomic_publish_relaxed: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    if (!ok) {
        fprintf(stderr, "atomic_publish_relaxed: no message after %ld tries\n", SPIN_LIMIT);
        return 1;
    }
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
