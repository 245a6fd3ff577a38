/*
 * name: pbzip2_queue_delete_fixed
 * summary: pbzip2_queue_delete as fixed: main joins the consumer thread as well as the output thread before it frees the queue
 * verdict: race-free
 * category: real-bug
 * origin: the fix of pbzip2 0.9.4's early queue deletion (the reporter's patch, collected with the bug in the jieyu/concurrency-bugs benchmark): main waits for the consumer threads to exit before queueDelete()
 * why: pthread_join makes everything the consumer did, its last look at the
 *      queue included, happen before what main does after the join (POSIX
 *      XBD 4.12), so the free is ordered after every access to the queue;
 *      the other shared data is ordered by queue_mut, out_mut and the
 *      output thread's join: no data race (C11 5.1.2.4p25).
 *
 * The program of pbzip2_queue_delete with the consumer joined before the
 * queue is deleted.  The turn is kept, so the two programs take the same
 * steps in the same order in time; it orders nothing in memory.
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
    free(q); /* NORACE(queue) */
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
    return q->empty; /* NORACE(queue) */
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
        fprintf(stderr, "pbzip2_queue_delete_fixed: out of memory\n");
        return 1;
    }
    turn_init(&order);
    if (pthread_create(&con, NULL, consumer, fifo) != 0 ||
        pthread_create(&output, NULL, fileWriter, &checksum) != 0) {
        fprintf(stderr, "pbzip2_queue_delete_fixed: cannot create threads\n");
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

    pthread_join(output, NULL);
    turn_wait(&order, 1);
    pthread_join(con, NULL); /* the fix: the consumers too */
    queueDelete(fifo);
    fifo = NULL;

    printf("blocks: %ld; checksum %ld\n", (long)BLOCKS, checksum);
    free(out_blocks);
    scale_busy(); /* the blocks are not scaled, as in pbzip2_queue_delete, where they could lose its race */
    return 0;
}
