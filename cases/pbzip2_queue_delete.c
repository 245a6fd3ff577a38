/*
 * name: pbzip2_queue_delete
 * summary: main feeds blocks to a consumer thread through a locked queue, joins only the output thread and frees the queue while the consumer may still be looking at it
 * verdict: race
 * category: real-bug
 * origin: pbzip2 0.9.4 (bug reported to the author by e-mail with a patch; no tracker id; collected in the jieyu/concurrency-bugs benchmark as pbzip2-0.9.4; the year is not confirmed here): main joined the output thread but not the consumer threads and then deleted the queue, freeing it and its mutex, while a consumer could still be about to use it (an order violation); the reporter's patch made main wait for the consumers first
 * why: the consumer's last look at the queue (the test of empty after the
 *      last block) comes after everything that orders the consumer with
 *      main, its last hand-over to the output thread, which main joins;
 *      main never joins the consumer before the free, and free() counts as
 *      an access to the memory it deallocates (C11 7.22.3p2), so that read
 *      and main's free of the queue are unordered: a data race under C11
 *      5.1.2.4p25.  When the free comes first it is a use after free.
 *
 * pbzip2 compresses in parallel: main reads the input into blocks and puts
 * them in a queue; consumer threads take blocks, compress them and hand the
 * results to an output thread, which writes them in order.  When all input
 * is read main sets allDone; a consumer that finds the queue empty and
 * allDone set unlocks and exits.  main waited for the output thread only,
 * and then called queueDelete(), freeing the queue and its mutex.  The
 * output thread can finish as soon as the last block is written, before a
 * consumer has come back to find the queue empty and left; that consumer
 * then locks, tests and unlocks a freed queue, and pbzip2 crashed now and
 * then.
 *
 * Here one consumer does the work of several.  A turn (support/turn.h)
 * lets main free the queue only after the consumer's last look at it, so the
 * run always has the race and never the use after free; the turn orders in
 * time only.  The queue's mutex and condition variable are statics here, so
 * that the early free is of the queue's own memory.  pbzip2_queue_delete_fixed
 * joins the consumer before deleting the queue.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "scale.h"
#include "turn.h"

#define BLOCKS 500
#define QUEUESIZE 16

typedef struct {
    long buf[QUEUESIZE];
    long head, tail;
    int full, empty;
} queue;

static pthread_mutex_t queue_mut = PTHREAD_MUTEX_INITIALIZER; /* fifo->mut */
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static int allDone;                                          /* under queue_mut */

static pthread_mutex_t out_mut = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t out_ready = PTHREAD_COND_INITIALIZER;
static long *out_blocks;                                     /* under out_mut */
static long out_count;                                       /* under out_mut */

static struct turn order;

static queue *queueInit(void)
{
    queue *q = calloc(1, sizeof *q);
    if (q != NULL)
        q->empty = 1;
    return q;
}

static void queueDelete(queue *q)
{
    free(q); /* RACE(queue) */
}

static void queueAdd(queue *q, long block)
{
    q->buf[q->tail] = block;
    q->tail = (q->tail + 1) % QUEUESIZE;
    q->empty = 0;
    q->full = q->tail == q->head;
}

static long queueDel(queue *q)
{
    long block = q->buf[q->head];
    q->head = (q->head + 1) % QUEUESIZE;
    q->full = 0;
    q->empty = q->head == q->tail;
    return block;
}

static int queue_empty(queue *q)
{
    return q->empty; /* RACE(queue) */
}

static void *consumer(void *arg)
{
    queue *fifo = arg;

    for (;;) {
        pthread_mutex_lock(&queue_mut);
        while (queue_empty(fifo)) {
            if (allDone) {
                pthread_mutex_unlock(&queue_mut);
                turn_pass(&order, 1); /* done with the queue, in time only */
                return NULL;
            }
            pthread_cond_wait(&not_empty, &queue_mut);
        }
        long block = queueDel(fifo);
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&queue_mut);

        long compressed = block * 2 + 1; /* BZ2_bzBuffToBuffCompress */

        pthread_mutex_lock(&out_mut);
        out_blocks[block] = compressed;
        out_count++;
        pthread_cond_signal(&out_ready);
        pthread_mutex_unlock(&out_mut);
    }
}

static void *fileWriter(void *arg)
{
    long *checksum = arg;

    pthread_mutex_lock(&out_mut);
    while (out_count < BLOCKS)
        pthread_cond_wait(&out_ready, &out_mut);
    for (long b = 0; b < BLOCKS; b++)
        *checksum += out_blocks[b];
    pthread_mutex_unlock(&out_mut);
    return NULL;
}

int main(void)
{
    pthread_t con, output;
    long checksum = 0;
    queue *fifo = queueInit();

    out_blocks = calloc((size_t)BLOCKS, sizeof *out_blocks);
    if (fifo == NULL || out_blocks == NULL) {
        fprintf(stderr, "pbzip2_queue_delete: out of memory\n");
        return 1;
    }
    turn_init(&order);
    if (pthread_create(&con, NULL, consumer, fifo) != 0 ||
        pthread_create(&output, NULL, fileWriter, &checksum) != 0) {
        fprintf(stderr, "pbzip2_queue_delete: cannot create threads\n");
        return 1;
    }

    for (long b = 0; b < BLOCKS; b++) { /* the producer: main reads the input */
        pthread_mutex_lock(&queue_mut);
        while (fifo->full)
            pthread_cond_wait(&not_full, &queue_mut);
        queueAdd(fifo, b);
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&queue_mut);
    }
    pthread_mutex_lock(&queue_mut);
    allDone = 1;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&queue_mut);

    pthread_join(output, NULL); /* the output thread only */
    turn_wait(&order, 1);
    queueDelete(fifo);
    fifo = NULL;

    pthread_join(con, NULL); /* here only so that the program ends cleanly */
    printf("blocks: %ld; checksum %ld\n", (long)BLOCKS, checksum);
    free(out_blocks);
    scale_busy(); /* the loops are not scaled: that many more lock operations can make ThreadSanitizer miss the race, as in memcached_stats_init_order */
    return 0;
}
