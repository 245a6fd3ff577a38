/*
 * pool.h - many independent pieces of work, several at a time: the runs of
 * matrix, score and bless spread over the machine's CPUs.
 *
 * Each piece runs in a child process of its own (fork), so the pieces share
 * no memory and need no locks: what a piece produces it leaves in a file
 * (for the runs, the results stage, store.h), and the parent reads the
 * files afterwards in its own order.  A piece that crashes takes only its
 * own child with it; its status says so.
 */
#ifndef RACECARD_POOL_H
#define RACECARD_POOL_H

#include "text.h"

#include <stddef.h>

/* One piece of work, i in [0, n): returns its exit status (0..255). */
typedef int (*pool_work)(void *arg, size_t i);
/* The piece's name for the progress line, written into out. */
typedef void (*pool_name)(void *arg, size_t i, text_buf *out);

typedef struct pool_opts {
    unsigned jobs;          /* at most this many at a time; 0 or 1: one after the
                               other, in this process */
    int progress;           /* a progress line on stderr (only on a terminal) */
    const char *label;      /* its first word, e.g. "score" */
    pool_name name;         /* may be NULL */
} pool_opts;

/*
 * Runs work(arg, i) for every i in [0, n), at most o->jobs at a time, and
 * waits for all.  status (n entries, may be NULL) receives each piece's exit
 * status, or 128 + the signal number for a child killed by a signal.
 * Standard output and error are flushed before each fork, so no buffered
 * line is printed twice.  Returns 0, or -1 with errno set when no child at
 * all could be created (pieces already started are waited for first).
 */
int pool_run(size_t n, pool_work work, void *arg, const pool_opts *o, int *status);

/* The default number of pieces at a time: the CPUs this process may use. */
unsigned pool_cpus(void);

/*
 * Reads "-j N" / "--jobs N": N from 1 to POOL_MAX_JOBS.  Returns 0, or -1
 * for a value that is not such a number.
 */
#define POOL_MAX_JOBS 1024u
int pool_parse_jobs(const char *s, unsigned *out);

#endif
