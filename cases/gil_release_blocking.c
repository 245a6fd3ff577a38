/*
 * name: gil_release_blocking
 * summary: a C extension's file read lets go of the GIL around a blocking read and updates the file object's position before taking the GIL back, while another thread holding the GIL seeks the file
 * verdict: race
 * category: gil
 * origin: seed article, CPython's C API: Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS around blocking calls
 * flags: atomicity-violation
 * why: the GIL orders only what its holders do: the reader's update of
 *      f->pos comes after it released the GIL and before it takes it again,
 *      so no mutex unlock/lock pair (POSIX XBD 4.12) orders it against the
 *      seeker's write, made while holding the GIL; the two conflicting
 *      accesses are unordered by happens-before, a data race under C11
 *      5.1.2.4p25.
 *
 * The classic extension bug.  A C function that blocks (here a read from a
 * pipe) must let go of the GIL, so that other threads can run Python code in
 * the meantime, and it must not touch any Python object until it has taken the
 * GIL back.  file_read() below drops the GIL (Py_BEGIN_ALLOW_THREADS), reads,
 * and then adds the byte count to the file object's position one line too
 * early, before gil_take() (Py_END_ALLOW_THREADS).  While the reader waits in
 * the read, the seeker takes the GIL and calls file_seek(f, 0), exactly what
 * the GIL allows it to do.  The write of the position in file_seek() and the
 * update in file_read() are the racing pair; gil_release_reacquire is the same
 * program with the update moved after gil_take().
 *
 * The program prints "position: 12 (12 expected)": the seek always comes
 * first, so no update is lost, but only because of timing.  What fixes that
 * timing is slow_read(): it announces that the reader is blocked and does
 * not return until the seeker has had its turn, like a read from a pipe whose
 * data arrives late.  The announcement and the wait are a relaxed atomic
 * turn token handed over with read-modify-writes: relaxed operations create
 * no happens-before (C11 5.1.2.4), and Helgrind and DRD see the locked
 * instructions as reads, so no detector sees an ordering or a conflict in the
 * token.  The GIL's own hand-overs order only what is on either side of
 * them: the reader drops the GIL before the seeker takes it, which orders the
 * reader's earlier accesses (the read of f->fd) before the seek; the seeker
 * drops the GIL before the reader takes it back, which orders the seek before
 * whatever the reader does after gil_take(), but not before the update.
 * The seek is the earlier access in time, so DRD, which names only the later
 * access of a pair, names the update in file_read().  The pipe's data is
 * written before the threads exist, so ThreadSanitizer's modelling of pipes
 * as synchronisation orders nothing between them either.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "scale.h"
#include "support/gil.h"

#define DATA "twelve bytes"
#define TURN_SPIN_LIMIT 100000000L

struct file_object {
    int fd;   /* set at creation, read-only afterwards */
    long pos; /* bytes read since the last seek; the GIL guards it */
};

static struct gil gil;
static struct file_object file;
static atomic_int turn; /* 1: the reader is blocked; 2: the seeker is done */

/* Waits, without synchronising, until the turn token reads `want`. */
static void wait_turn(int want)
{
    for (long spins = 0; atomic_fetch_add_explicit(&turn, 0, memory_order_relaxed) != want; spins++) {
        if (spins == TURN_SPIN_LIMIT) {
            fprintf(stderr, "gil_release_blocking: turn %d never came\n", want);
            return;
        }
        sched_yield();
    }
}

static void pass_turn(int next)
{
    atomic_exchange_explicit(&turn, next, memory_order_relaxed);
}

/* A read that blocks until the seeker has run (see the header comment). */
static ssize_t slow_read(int fd, char *buf, size_t n)
{
    pass_turn(1);
    wait_turn(2);
    return read(fd, buf, n);
}

/* f.read(n) in C; called, and returns, with the GIL held. */
static ssize_t file_read(struct file_object *f, char *buf, size_t n)
{
    int fd = f->fd; /* copied while the GIL is still held */
    ssize_t got;

    gil_drop(&gil); /* Py_BEGIN_ALLOW_THREADS */
    got = slow_read(fd, buf, n);
    if (got > 0)
        f->pos += got; /* RACE(pos) */
    gil_take(&gil); /* Py_END_ALLOW_THREADS */
    return got;
}

/* f.seek(offset) in C; called with the GIL held. */
static void file_seek(struct file_object *f, long offset)
{
    f->pos = offset; /* RACE(pos) */
}

static void *reader(void *arg)
{
    char buf[sizeof DATA];

    (void)arg;
    gil_take(&gil);
    if (file_read(&file, buf, sizeof buf - 1) != (ssize_t)(sizeof DATA - 1))
        fprintf(stderr, "gil_release_blocking: short read\n");
    gil_drop(&gil);
    return NULL;
}

static void *seeker(void *arg)
{
    (void)arg;
    wait_turn(1); /* the reader is inside its read, without the GIL */
    gil_take(&gil);
    file_seek(&file, 0);
    gil_drop(&gil);
    pass_turn(2);
    return NULL;
}

int main(void)
{
    pthread_t r, s;
    int fds[2];

    if (gil_init(&gil, GIL_DEFAULT_INTERVAL_US) != 0 || pipe(fds) != 0) {
        fprintf(stderr, "gil_release_blocking: cannot set up\n");
        return 1;
    }
    /* The data is in the pipe before either thread exists. */
    if (write(fds[1], DATA, strlen(DATA)) != (ssize_t)strlen(DATA)) {
        fprintf(stderr, "gil_release_blocking: cannot fill the pipe\n");
        return 1;
    }
    file.fd = fds[0];
    file.pos = 100; /* somewhere in the file; the seek takes it back to 0 */

    if (pthread_create(&r, NULL, reader, NULL) != 0 ||
        pthread_create(&s, NULL, seeker, NULL) != 0) {
        fprintf(stderr, "gil_release_blocking: cannot create threads\n");
        return 1;
    }
    pthread_join(r, NULL);
    pthread_join(s, NULL);

    printf("position: %ld (%zu expected)\n", file.pos, strlen(DATA));
    close(fds[0]);
    close(fds[1]);
    gil_destroy(&gil);
    scale_busy(); /* no loop of its own to scale: support/scale.h */
    return 0;
}
