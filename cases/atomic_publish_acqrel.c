/*
 * name: atomic_publish_acqrel
 * summary: a producer writes a plain message and raises a mailbox flag with a release exchange; the consumer takes the flag with an acquire exchange and reads the message
 * verdict: race-free
 * category: atomics
 * origin: racecard catalog: atomics
 * why: the consumer's acquire exchange reads the value written by the
 *      producer's release exchange, so the release synchronises with the
 *      acquire (C11 5.1.2.4p11, 7.17.3p2) and the write of the message happens
 *      before its read: the plain accesses do not race (5.1.2.4p25).
 *
 * Release/acquire publication, the basic lock-free handoff.  The producer
 * fills a plain struct, then sets `full` with a release exchange (the
 * exchange returns the old state, which must be "empty").  The consumer
 * takes the message by exchanging `full` back to 0 with acquire ordering,
 * in a bounded loop that yields the CPU between tries; once the exchange
 * returns 1 it reads the struct, and prints "consumer read 42 / 4242".
 * atomic_publish_relaxed is the same program with relaxed orders.
 *
 * ThreadSanitizer models the release/acquire pair and reports nothing.
 * Helgrind and DRD do not model C11 atomics: on x86 both exchanges are
 * locked instructions, which they treat as plain reads, so they see no
 * conflict on the flag and no ordering either, and report the consumer's
 * read of the message as racing with the producer's write: a false positive
 * (Helgrind names both lines; DRD only the read, the later access, which is
 * always the read because the consumer reads only after seeing the flag).
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
    box = (struct message){ id, payload }; /* NORACE(box) */
}

static struct message read_message(void)
{
    return box; /* NORACE(box) */
}

static void *producer(void *arg)
{
    (void)arg;
    write_message(42, 4242);
    if (atomic_exchange_explicit(&full, 1, memory_order_release) != 0)
        fprintf(stderr, "producer: the mailbox was already full\n");
    return NULL;
}

static void *consumer(void *arg)
{
    int *ok = arg;

    for (long i = 0; i < SPIN_LIMIT; i++) {
        if (atomic_exchange_explicit(&full, 0, memory_order_acquire) == 1) {
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
        fprintf(stderr, "atomic_publish_acqrel: cannot create threads\n");
        return 1;
    }
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    if (!ok) {
        fprintf(stderr, "atomic_publish_acqrel: no message after %ld tries\n", SPIN_LIMIT);
        return 1;
    }
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
