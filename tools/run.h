/*
 * run.h - run one command with a time limit, its output captured in a log
 * (the "run" stage).
 *
 * The command is an argument vector handed to execvp: nothing is ever
 * interpreted by a shell.  The child gets its own process group so a timeout
 * kills the detector and everything it started.
 */
#ifndef RACECARD_RUN_H
#define RACECARD_RUN_H

#include <stddef.h>
#include <sys/resource.h>

typedef struct run_spec {
    char *const *argv;       /* NULL-terminated */
    char *const *env_add;    /* NAME=VALUE strings added to the environment, or NULL */
    size_t n_env_add;
    const char *log_path;    /* stdout and stderr both go here, truncated first */
    unsigned timeout_s;
    int no_aslr;             /* personality(ADDR_NO_RANDOMIZE) in the child */
    unsigned long log_cap_mb;/* the most the child may write to a file, in MB
                                (RLIMIT_FSIZE: past it the child gets SIGXFSZ);
                                0: no cap */
} run_spec;

/*
 * The cap racecard puts on a run's log, so that one program flooding its
 * output (a foreign suite's `while (1) printf`) cannot fill the disk:
 * RACECARD_LOG_CAP_MB if set to a whole number, else RUN_LOG_CAP_MB.
 */
#define RUN_LOG_CAP_MB 512UL
unsigned long run_log_cap_mb(void);

typedef struct run_status {
    int started;             /* 0: exec failed; start_errno says why */
    int start_errno;
    int start_personality;   /* the step that failed was personality(2)
                                (address randomisation could not be turned
                                off: a seccomp profile refuses it) */
    int timed_out;           /* killed by racecard after timeout_s */
    int exited, exit_code;   /* normal exit */
    int signaled, signo;     /* killed by a signal (other than racecard's timeout kill) */
    double wall_s;
    struct rusage usage;     /* of the child */
    int log_errno;           /* the log cannot be trusted: ENOSPC (its file
                                system is full), EINVAL (not a regular file);
                                0 when it can */
} run_status;

/*
 * Runs spec and waits for it (or kills it at the time limit).  Returns 0
 * when the child was created, -1 (errno set) when racecard itself could not
 * open the log or fork; exec failures are reported in st, not here.  The
 * child writes the log itself, so a write it lost is seen only afterwards:
 * st->log_errno is set when the log is not a regular file or its file
 * system has no space left, since either may have cut it short.
 */
int run_command(const run_spec *spec, run_status *st);

/*
 * Runs argv (its output kept in log_path, or in a temporary file removed
 * afterwards when log_path is NULL) and returns the first non-blank line it
 * printed, trimmed, when it exited with status 0; NULL otherwise.
 * *started (may be NULL) says whether the program could be run at all.
 * For the one-line answers of tools: a version, a path.
 */
char *run_first_line(char *const *argv, const char *log_path, unsigned timeout_s, int *started);

/* A one-line description of how the run ended, e.g. "killed by SIGSEGV". */
void run_describe(const run_status *st, char *buf, size_t n);

/* "SIGSEGV" for 11 and so on; "SIG?" for a number it does not know. */
const char *run_signal_name(int signo);

#endif
