/*
 * run.c - fork/exec with a log, a time limit and an optional personality.
 *
 * fork+exec rather than posix_spawn because the ThreadSanitizer workaround
 * needs personality(ADDR_NO_RANDOMIZE) in the child before exec, which
 * posix_spawn cannot express.  An exec failure travels back through a
 * close-on-exec pipe so it is told apart from a program that ran and failed.
 */
#define _GNU_SOURCE /* personality, pipe2, wait4 */
#include "run.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double run_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * In the child: set up and exec; on failure write {step, errno} to fd and
 * exit, where step is 1 when personality(2) failed and 0 otherwise.
 */
static void run_child(const run_spec *spec, int logfd, int errfd)
{
    int step = 0;
    setpgid(0, 0);
    /* dup2 clears close-on-exec on the copies, so only 1 and 2 reach exec. */
    if (dup2(logfd, STDOUT_FILENO) < 0 || dup2(logfd, STDERR_FILENO) < 0)
        goto fail;
    close(logfd);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) {
        dup2(devnull, STDIN_FILENO);
        close(devnull);
    }
    for (size_t i = 0; i < spec->n_env_add; i++)
        if (putenv(spec->env_add[i]) != 0)
            goto fail;
    if (spec->log_cap_mb) {
        struct rlimit cap = {spec->log_cap_mb << 20, spec->log_cap_mb << 20};
        if (setrlimit(RLIMIT_FSIZE, &cap) != 0)
            goto fail;
    }
    step = 1;
    if (spec->no_aslr && personality(ADDR_NO_RANDOMIZE | personality(0xffffffff)) == -1)
        goto fail;
    step = 0;
    execvp(spec->argv[0], spec->argv);
fail:;
    int e[2] = {step, errno};
    ssize_t w = write(errfd, e, sizeof e);
    (void)w;
    _exit(127);
}

/* Waits for pid, killing its group once the deadline passes. */
static void run_wait(pid_t pid, const run_spec *spec, run_status *st, double start)
{
    int status = 0, killed = 0;
    for (;;) {
        pid_t r = wait4(pid, &status, WNOHANG, &st->usage);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return;
        if (!killed && run_now() - start > spec->timeout_s) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            killed = 1;
        }
        struct timespec nap = {0, 2 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    st->wall_s = run_now() - start;
    if (killed) {
        st->timed_out = 1;
    } else if (WIFEXITED(status)) {
        st->exited = 1;
        st->exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        st->signaled = 1;
        st->signo = WTERMSIG(status);
    }
    /* Anything the child left in its group must not outlive the run. */
    kill(-pid, SIGKILL);
}

/*
 * fork, tried again for a while when the kernel says EAGAIN: a machine
 * briefly out of processes or memory (other jobs' threads) should delay a
 * run, not end a long score with nothing written.  About 6 s in all.
 */
static pid_t run_fork(void)
{
    pid_t pid = fork();
    for (int tries = 1; pid < 0 && errno == EAGAIN && tries < 12; tries++) {
        struct timespec nap = {tries / 10, (tries % 10) * 100L * 1000 * 1000};
        nanosleep(&nap, NULL);
        pid = fork();
    }
    return pid;
}

/* 0 if the finished log can be trusted to hold all that was written. */
static int run_log_trust(int logfd)
{
    struct stat sb;
    struct statvfs vfs;
    if (fstat(logfd, &sb) != 0)
        return errno;
    if (!S_ISREG(sb.st_mode))
        return EINVAL;
    if (fstatvfs(logfd, &vfs) == 0 && vfs.f_bavail == 0 && vfs.f_blocks > 0)
        return ENOSPC;
    return 0;
}

int run_command(const run_spec *spec, run_status *st)
{
    memset(st, 0, sizeof *st);
    int logfd = open(spec->log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (logfd < 0)
        return -1;
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) {
        close(logfd);
        return -1;
    }
    double start = run_now();
    pid_t pid = run_fork();
    if (pid < 0) {
        int e = errno;
        close(logfd);
        close(pipefd[0]);
        close(pipefd[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        close(pipefd[0]);
        run_child(spec, logfd, pipefd[1]);
    }
    close(pipefd[1]);
    setpgid(pid, pid);
    int child_err[2] = {0, 0};
    ssize_t n;
    do
        n = read(pipefd[0], child_err, sizeof child_err);
    while (n < 0 && errno == EINTR);
    close(pipefd[0]);
    st->started = n != (ssize_t)sizeof child_err;
    st->start_personality = st->started ? 0 : child_err[0];
    st->start_errno = st->started ? 0 : child_err[1];
    run_wait(pid, spec, st, start);
    st->log_errno = run_log_trust(logfd);
    close(logfd);
    return 0;
}

unsigned long run_log_cap_mb(void)
{
    const char *v = getenv("RACECARD_LOG_CAP_MB");
    unsigned long n;
    return v && text_parse_ulong(v, 1UL << 20, &n) == 0 && n > 0 ? n : RUN_LOG_CAP_MB;
}

void run_describe(const run_status *st, char *buf, size_t n)
{
    if (!st->started && st->start_personality)
        snprintf(buf, n, "could not turn address randomisation off for the run "
                 "(personality: %s): a seccomp profile (a container's) refuses it; allow "
                 "personality(2) in the profile, or sysctl vm.mmap_rnd_bits=28 on the host",
                 strerror(st->start_errno));
    else if (!st->started)
        snprintf(buf, n, "could not start: %s", strerror(st->start_errno));
    else if (st->timed_out)
        snprintf(buf, n, "killed after %.1f s: deadlock or hang", st->wall_s);
    else if (st->signaled)
        snprintf(buf, n, "killed by signal %d (%s)", st->signo, run_signal_name(st->signo));
    else
        snprintf(buf, n, "exited with status %d", st->exit_code);
}

const char *run_signal_name(int signo)
{
    static const struct {
        int no;
        const char *name;
    } names[] = {
        {SIGHUP, "SIGHUP"}, {SIGINT, "SIGINT"}, {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
        {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"}, {SIGFPE, "SIGFPE"},
        {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
        {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"}, {SIGSYS, "SIGSYS"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].no == signo)
            return names[i].name;
    return "SIG?";
}

char *run_first_line(char *const *argv, const char *log_path, unsigned timeout_s, int *started)
{
    char tmp[] = "/tmp/racecard-answer-XXXXXX";
    if (!log_path) {
        int fd = mkstemp(tmp);
        if (fd < 0) {
            if (started)
                *started = 0;
            return NULL;
        }
        close(fd);
        char *line = run_first_line(argv, tmp, timeout_s, started);
        unlink(tmp);
        return line;
    }
    run_spec spec = {argv, NULL, 0, log_path, timeout_s, 0, run_log_cap_mb()};
    run_status st;
    int ran = run_command(&spec, &st) == 0 && st.started;
    if (started)
        *started = ran;
    FILE *f = ran && st.exited && st.exit_code == 0 ? fopen(log_path, "r") : NULL;
    if (!f)
        return NULL;
    text_reader r;
    text_reader_init(&r, f);
    char *line, *found = NULL;
    while (!found && (line = text_reader_next(&r)) != NULL)
        if (*text_skip_space(line))
            found = text_trim_dup(line);
    text_reader_free(&r);
    fclose(f);
    return found;
}
