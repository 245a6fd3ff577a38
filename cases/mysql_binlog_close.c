/*
 * name: mysql_binlog_close
 * summary: a thread rotating the binary log marks it closed and then open again, holding the log's lock, while an insert checks with no lock whether the log is open, sees it closed and leaves its statement out of the log
 * verdict: race
 * category: real-bug
 * origin: MySQL bug #791 (MySQL 4.0.12; collected in the jieyu/concurrency-bugs benchmark as mysql-791; the year of the report is not confirmed here): MYSQL_LOG::new_file() closed the binary log, setting log_type to LOG_CLOSED, and reopened it, while a concurrent insert tested log_type without the log's lock, found it closed in between and did not log the insert
 * flags: atomicity-violation
 * why: the rotator writes log_type holding LOCK_log, but the insert's test
 *      takes no lock, so nothing orders it with either write (POSIX XBD 4.12
 *      orders only a lock after an unlock): the read conflicts with both
 *      writes without happens-before, two data races under C11 5.1.2.4p25.
 *      The lost log entry is the atomicity violation: the rotator meant its
 *      close and reopen to look like one step.
 *
 * FLUSH LOGS makes MySQL start a new binary log: new_file() closes the
 * current file, which sets log_type to LOG_CLOSED, and opens the next one,
 * which sets log_type back, all under LOCK_log.  An insert that checks
 * whether binary logging is on reads log_type with no lock; when it reads it
 * between the close and the open, it skips writing its event, and the
 * binary log (replication, point-in-time recovery) misses the insert.
 *
 * Turns (support/turn.h) force that interleaving on every round: the
 * rotator closes, the insert checks, the rotator reopens.  They order in
 * time only.  Each thread waits for the other with a longer bound than
 * turn_wait's, because each racing access comes just before a turn is
 * passed, and ThreadSanitizer may take longer than turn_wait's bound to
 * report it.  Inserts that found the log closed are counted as lost;
 * every round loses one.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include "scale.h"
#include "turn.h"

#define ROUNDS 100

enum log_type { LOG_CLOSED, LOG_NORMAL, LOG_BIN };

static enum log_type log_type = LOG_BIN; /* the binary log's state */
static pthread_mutex_t LOCK_log = PTHREAD_MUTEX_INITIALIZER;
static long events_logged;               /* under LOCK_log */
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
    fprintf(stderr, "mysql_binlog_close: turn %d never came; going on out of turn\n", want);
}

static void log_close(void)
{
    log_type = LOG_CLOSED; /* RACE(closed) */
}

static void log_open(enum log_type type)
{
    log_type = type; /* RACE(reopened) */
}

/* FLUSH LOGS: MYSQL_LOG::new_file(). */
static void new_file(int round)
{
    pthread_mutex_lock(&LOCK_log);
    enum log_type save_log_type = log_type;
    log_close();
    turn_pass(&order, 2 * round + 1);
    turn_wait_long(&order, 2 * round + 2); /* stands for closing and renaming files */
    log_open(save_log_type);
    pthread_mutex_unlock(&LOCK_log);
}

/* The insert's binary logging: skipped when the log looks closed. */
static int mysql_insert(void)
{
    if (log_type != LOG_CLOSED) { /* RACE(closed) RACE(reopened) */
        pthread_mutex_lock(&LOCK_log);
        events_logged++;
        pthread_mutex_unlock(&LOCK_log);
        return 1;
    }
    return 0;
}

static void *rotator(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++)
        new_file(r);
    return NULL;
}

static void *inserter(void *arg)
{
    long *lost = arg;

    for (int r = 0; r < ROUNDS; r++) {
        turn_wait_long(&order, 2 * r + 1);
        if (!mysql_insert())
            ++*lost;
        turn_pass(&order, 2 * r + 2);
    }
    return NULL;
}

int main(void)
{
    pthread_t rot, ins;
    long lost = 0;

    turn_init(&order);
    if (pthread_create(&rot, NULL, rotator, NULL) != 0 ||
        pthread_create(&ins, NULL, inserter, &lost) != 0) {
        fprintf(stderr, "mysql_binlog_close: cannot create threads\n");
        return 1;
    }
    pthread_join(rot, NULL);
    pthread_join(ins, NULL);

    printf("inserts: %ld; logged: %ld; left out of the binary log: %ld\n", (long)ROUNDS,
           events_logged, lost);
    scale_busy(); /* the rounds are not scaled: thousands of times more turns outlast Valgrind's time limit */
    return 0;
}
