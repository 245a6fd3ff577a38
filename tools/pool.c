/*
 * pool.c - independent pieces of work in child processes, several at a time
 * (see pool.h).
 *
 * The parent only forks, waits and draws the progress line; a child runs
 * one piece and leaves with _exit, so it never runs the parent's atexit
 * handlers or flushes buffers it inherited.
 */
#define _GNU_SOURCE  /* sched_getaffinity and CPU_COUNT: the CPUs taskset allows */
#include "pool.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

unsigned pool_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1u;
}

int pool_parse_jobs(const char *s, unsigned *out)
{
    unsigned long n;
    if (text_parse_ulong(s, POOL_MAX_JOBS, &n) != 0 || n == 0)
        return -1;
    *out = (unsigned)n;
    return 0;
}

static double pool_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* One child running. */
typedef struct pool_slot {
    pid_t pid;
    size_t i;
    double start;
} pool_slot;

typedef struct pool_state {
    const pool_opts *o;
    void *arg;
    pool_slot *slots;
    size_t running, done, n;
    double start, drawn;
    int draw;                /* a progress line is on the terminal */
} pool_state;

/* Redraws the progress line: done/total, elapsed, the slowest running. */
static void pool_draw(pool_state *ps, int force)
{
    double now = pool_now();
    if (!ps->draw || (!force && now - ps->drawn < 0.25))
        return;
    ps->drawn = now;
    size_t slow = ps->running;
    for (size_t k = 0; k < ps->running; k++)
        if (slow == ps->running || ps->slots[k].start < ps->slots[slow].start)
            slow = k;
    text_buf line;
    text_buf_init(&line);
    text_buf_printf(&line, "\r%s: %zu/%zu done, %.0f s", ps->o->label ? ps->o->label : "racecard",
                    ps->done, ps->n, now - ps->start);
    if (slow < ps->running && ps->o->name) {
        text_buf name;
        text_buf_init(&name);
        ps->o->name(ps->arg, ps->slots[slow].i, &name);
        text_buf_printf(&line, ", slowest running: %s (%.1f s)", name.s ? name.s : "?",
                        now - ps->slots[slow].start);
        text_buf_free(&name);
    }
    /* Clear what a longer line before left behind. */
    text_buf_adds(&line, "\033[K");
    fputs(line.s, stderr);
    fflush(stderr);
    text_buf_free(&line);
}

/* Starts piece i in a child; -1 with errno when fork failed. */
static int pool_start(pool_state *ps, pool_work work, size_t i)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int rc = work(ps->arg, i);
        fflush(stdout);
        fflush(stderr);
        _exit(rc & 0xff);
    }
    ps->slots[ps->running++] = (pool_slot){pid, i, pool_now()};
    return 0;
}

/* Waits for one child (polling while a progress line is drawn); records its
   status and frees its slot.  Returns 0, or -1 when there was none. */
static int pool_reap(pool_state *ps, int *status)
{
    int st;
    pid_t pid;
    for (;;) {
        pid = waitpid(-1, &st, ps->draw ? WNOHANG : 0);
        if (pid > 0)
            break;
        if (pid < 0 && errno != EINTR)
            return -1;
        if (pid == 0) {
            pool_draw(ps, 0);
            nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
        }
    }
    for (size_t k = 0; k < ps->running; k++) {
        if (ps->slots[k].pid != pid)
            continue;
        if (status)
            status[ps->slots[k].i] = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        ps->slots[k] = ps->slots[--ps->running];
        ps->done++;
        break;
    }
    return 0;
}

/* One after the other in this process: nothing to fork for one at a time. */
static int pool_serial(size_t n, pool_work work, void *arg, pool_state *ps, int *status)
{
    for (size_t i = 0; i < n; i++) {
        if (ps->draw && ps->o->name) {
            ps->slots[0] = (pool_slot){0, i, pool_now()};
            ps->running = 1;
        }
        pool_draw(ps, 0);
        int rc = work(arg, i);
        if (status)
            status[i] = rc;
        ps->running = 0;
        ps->done++;
    }
    return 0;
}

int pool_run(size_t n, pool_work work, void *arg, const pool_opts *o, int *status)
{
    unsigned jobs = o->jobs > 1 ? o->jobs : 1;
    pool_state ps = {o, arg, text_alloc((jobs ? jobs : 1) * sizeof(pool_slot)), 0, 0, n,
                     pool_now(), 0, o->progress && n && isatty(STDERR_FILENO)};
    int rc = 0, saved = 0;
    if (jobs == 1) {
        rc = pool_serial(n, work, arg, &ps, status);
    } else {
        for (size_t i = 0; i < n; i++) {
            if (ps.running == jobs)
                pool_reap(&ps, status);
            if (pool_start(&ps, work, i) == 0) {
                pool_draw(&ps, 0);
                continue;
            }
            saved = errno;
            rc = -1;
            for (size_t k = i; status && k < n; k++)
                status[k] = -1;
            break;
        }
        while (ps.running && pool_reap(&ps, status) == 0)
            ;
    }
    if (ps.draw) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    free(ps.slots);
    if (rc)
        errno = saved;
    return rc;
}
