/*
 * name: gil_release_reacquire
 * summary: a C extension's file read lets go of the GIL around a blocking read and takes it back before updating the file object's position, while another thread holding the GIL seeks the file
 * verdict: race-free
 * category: gil
 * origin: seed article, CPython's C API: Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS around blocking calls
 * why: both accesses to f->pos are made while holding the GIL: the seeker
 *      drops it (a mutex unlock) after its write and the reader takes it back
 *      (a lock of the same mutex) before its update, and by POSIX XBD 4.12
 *      that pair synchronises memory, so the write happens before the update
 *      and no two conflicting accesses are unordered (C11 5.1.2.4p25).
 *
 * The twin of gil_release_blocking, done right: file_read() still lets go of
 * the GIL around its blocking read (Py_BEGIN_ALLOW_THREADS), but it touches
 * the file object only after gil_take() (Py_END_ALLOW_THREADS), as the C API
 * requires.  Nothing else changes: the same slow_read() holds the reader in
 * its read until the seeker has taken the GIL, sought to 0 and dropped the
 * GIL again, through the same relaxed turn token, which orders the two
 * threads in time and nothing more.  Here the ordering comes from the GIL:
 * the reader cannot take it back until the seeker has dropped it.  The
 * program prints "position: 12 (12 expected)".
 *
 * Every detector should stay silent: the marked write and update of f->pos
 * are where a report would be a false positive.  The turn token is only ever
 * read-modify-written, which Helgrind and DRD see as reads, and the GIL's own
 * state is read and written under its mutex (support/gil.h).
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
            fprintf(stderr, "gil_release_reacquire: turn %d never came\n", want);
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
    gil_take(&gil); /* Py_END_ALLOW_THREADS */
    if (got > 0)
        f->pos += got; /* NORACE(pos) */
    return got;
}

/* f.seek(offset) in C; called with the GIL held. */
static void file_seek(struct file_object *f, long offset)
{
    f->pos = offset; /* NORACE(pos) */
}

static void *reader(void *arg)
{
    char buf[sizeof DATA];

    (void)arg;
    gil_take(&gil);
    if (file_read(&file, buf, sizeof buf - 1) != (ssize_t)(sizeof DATA - 1))
        fprintf(stderr, "gil_release_reacquire: short read\n");
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
        fprintf(stderr, "gil_release_reacquire: cannot set up\n");
        return 1;
    }
    /* The data is in the pipe before either thread exists. */
    if (write(fds[1], DATA, strlen(DATA)) != (ssize_t)strlen(DATA)) {
        fprintf(stderr, "gil_release_reacquire: cannot fill the pipe\n");
        return 1;
    }
    file.fd = fds[0];
    file.pos = 100; /* somewhere in the file; the seek takes it back to 0 */

    if (pthread_create(&r, NULL, reader, NULL) != 0 ||
        pthread_create(&s, NULL, seeker, NULL) != 0) {
        fprintf(stderr, "gil_release_reacquire: cannot create threads\n");
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
