/*
 * name: apache_log_buffer
 * summary: two threads append access-log lines to one shared log buffer with no lock: each reads the fill count, copies its line there and stores the count plus its length, so one line overwrites the other
 * verdict: race
 * category: real-bug
 * origin: Apache httpd bug 25520 (httpd 2.0.48, mod_log_config with BufferedLogs; collected in the jieyu/concurrency-bugs benchmark as apache-25520; the year of the report is not confirmed here): ap_buffered_log_writer() read buf->outcnt, copied the log line to that offset and added the length to outcnt with no lock, so concurrent threads of a threaded MPM interleaved their appends and corrupted the log
 * flags: atomicity-violation
 * why: both threads read and write buf->outcnt and write the same bytes of
 *      buf->outbuf, and no lock, creation, join or atomic orders one
 *      thread's accesses with the other's: conflicting accesses without
 *      happens-before, data races under C11 5.1.2.4p25 (on the count, and
 *      on the buffer bytes both copies write).
 *
 * With BufferedLogs on, mod_log_config collects log lines in a per-process
 * buffer and writes it out when full.  Appending a line is "take the fill
 * count, copy the line to that offset, advance the count", with no lock,
 * although the threads of a worker MPM share the buffer.  When two appends
 * interleave, both take the same count, the second copy overwrites the
 * first, and the count ends advanced by only one of the lengths (or both,
 * leaving garbage): log lines are lost or mangled.
 *
 * Here the append reads the count once and writes it once, the shape of
 * the bug.  Turns (support/turn.h) force the interleaving on every round,
 * each round on a fresh buffer: the first thread takes the count, the second
 * appends its whole line, the first copies its line over the second's and
 * stores its count.  They order in time only.  Each thread waits with a
 * longer bound than turn_wait's, because a racing access comes just before
 * each turn is passed and ThreadSanitizer may take longer than turn_wait's
 * bound to report it.  main counts the rounds whose buffer lost a line.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scale.h"
#include "turn.h"

#define ROUNDS 100
#define LOG_BUFSIZE 128

typedef struct {
    size_t outcnt;              /* bytes used in outbuf */
    char outbuf[LOG_BUFSIZE];
} buffered_log;

static buffered_log *logs;      /* one buffer per round, made by main */
static struct turn order;

/* turn_wait with a bound twenty times longer (see the header); it orders
   nothing either. */
static void turn_wait_long(struct turn *t, int want)
{
    for (long polls = 0; polls < 20 * TURN_SPIN_LIMIT; polls++) {
        if (atomic_fetch_add_explicit(&t->token, 0, memory_order_relaxed) == want)
            return;
        sched_yield();
    }
    fprintf(stderr, "apache_log_buffer: turn %d never came; going on out of turn\n", want);
}

static size_t log_fill(buffered_log *buf)
{
    return buf->outcnt; /* RACE(outcnt_read) */
}

static void log_copy(buffered_log *buf, size_t at, const char *line, size_t len)
{
    memcpy(&buf->outbuf[at], line, len); /* RACE(outbuf, self) */
}

static void log_advance(buffered_log *buf, size_t to)
{
    buf->outcnt = to; /* RACE(outcnt_read) RACE(outcnt_write, self) */
}

/* ap_buffered_log_writer, reduced to its append; the first thread stops
   between taking the count and copying. */
static void ap_buffered_log_writer(buffered_log *buf, const char *line, int round, int first)
{
    size_t len = strlen(line);
    size_t idx = log_fill(buf);

    if (idx + len > LOG_BUFSIZE)
        return; /* flush_log would write the buffer out; never needed here */
    if (first) {
        turn_pass(&order, 2 * round + 1);
        turn_wait_long(&order, 2 * round + 2);
    }
    log_copy(buf, idx, line, len);
    log_advance(buf, idx + len);
}

static void *worker_one(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) /* round r + 1 starts when round r ends */
        ap_buffered_log_writer(&logs[r], "10.0.0.1 GET /a.html 200\n", r, 1);
    return NULL;
}

static void *worker_two(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        turn_wait_long(&order, 2 * r + 1);
        ap_buffered_log_writer(&logs[r], "10.0.0.2 GET /b.png 304\n", r, 0);
        turn_pass(&order, 2 * r + 2);
    }
    return NULL;
}

int main(void)
{
    pthread_t one, two;
    int lost = 0;

    logs = calloc((size_t)ROUNDS, sizeof *logs);
    if (logs == NULL) {
        fprintf(stderr, "apache_log_buffer: out of memory\n");
        return 1;
    }
    turn_init(&order);
    if (pthread_create(&one, NULL, worker_one, NULL) != 0 ||
        pthread_create(&two, NULL, worker_two, NULL) != 0) {
        fprintf(stderr, "apache_log_buffer: cannot create threads\n");
        return 1;
    }
    pthread_join(one, NULL);
    pthread_join(two, NULL);

    for (int r = 0; r < ROUNDS; r++)
        if (logs[r].outcnt < 2 * strlen("10.0.0.1 GET /a.html 200\n"))
            lost++;
    printf("rounds: %ld; rounds whose buffer lost a line: %d\n", (long)ROUNDS, lost);
    printf("first buffer: %.*s", (int)logs[0].outcnt, logs[0].outbuf);
    free(logs);
    scale_busy(); /* the rounds are not scaled: thousands of times more turns outlast Valgrind's time limit */
    return 0;
}
