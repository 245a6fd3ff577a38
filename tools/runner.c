/*
 * runner.c - run a case under a detector and classify the outcome.
 */
#include "runner.h"
#include "exitcode.h"
#include "parse.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void runner_result_init(runner_result *r)
{
    memset(r, 0, sizeof *r);
    r->jobs = 1;
    text_buf_init(&r->detail);
    finding_list_init(&r->findings);
    text_list_init(&r->notes);
}

void runner_result_free(runner_result *r)
{
    text_buf_free(&r->detail);
    finding_list_free(&r->findings);
    text_list_free(&r->notes);
}

int runner_completed(const runner_result *r)
{
    return r->outcome == RUNNER_CLEAN || r->outcome == RUNNER_REPORTS;
}

const char *runner_outcome_name(runner_outcome o)
{
    static const char *const names[] = {
        "clean", "reports", "crashed", "timeout", "detector-failed", "bad-exit",
    };
    _Static_assert(sizeof names / sizeof *names == RUNNER_BAD_EXIT + 1,
                   "one name per runner_outcome");
    /* an outcome from memory gone bad must not read past the table */
    return (unsigned)o < sizeof names / sizeof *names ? names[o] : "?";
}

int runner_outcome_parse(const char *name, runner_outcome *o)
{
    for (int i = RUNNER_CLEAN; i <= RUNNER_BAD_EXIT; i++)
        if (strcmp(name, runner_outcome_name((runner_outcome)i)) == 0) {
            *o = (runner_outcome)i;
            return 0;
        }
    return -1;
}

static int runner_parse_log(const det_def *d, const char *log_path, const parse_own *own,
                            parse_result *p)
{
    parse_tool tool = PARSE_ANY;
    parse_tool_from_name(d->parser, &tool);
    FILE *f = fopen(log_path, "r");
    if (!f)
        return -1;
    int rc = parse_stream_own(f, log_path, tool, own, p);
    fclose(f);
    return rc;
}

static void runner_take_notes(runner_result *r, parse_result *p)
{
    for (size_t i = 0; i < p->notes.n; i++) {
        text_list_push(&r->notes, p->notes.v[i]);
        p->notes.v[i] = NULL;
    }
}

/*
 * True for a detector that runs the case as its child and reports the
 * case's death by a signal in its log: Valgrind's tools ("Process
 * terminating with default action of signal N").  ThreadSanitizer lives in
 * the case's own process, so its death is the case's; of a canonical tool
 * nothing is known, and a death is taken for the case's.
 */
static int runner_reports_crashes(const det_def *d)
{
    return strcmp(d->parser, "helgrind") == 0 || strcmp(d->parser, "drd") == 0;
}

/* Decides the outcome of a finished run from its status and its parsed log. */
/*
 * What a detector prints when the machine, not the case, stopped it: a
 * virtual-memory limit, strict overcommit, an instruction Valgrind cannot
 * decode.  Each line found makes the run the detector's failure, with the
 * cause in plain words, where it would otherwise pass for a crash of the
 * case (ThreadSanitizer dies of SIGSEGV after a failed CHECK) or an empty
 * report.  `racecard doctor` names the same conditions before anything runs.
 */
static const struct {
    const char *needle, *also;   /* also: a second text the line must hold, or NULL */
    const char *cause;
} runner_machine_causes[] = {
    {"Program is run with limited virtual address space", NULL,
     "ThreadSanitizer needs an unlimited virtual address space and could not lift the "
     "limit set here (ulimit -v, RLIMIT_AS); fix: ulimit -v unlimited (racecard doctor)"},
    {"ThreadSanitizer: CHECK failed: sanitizer_allocator", "0xfffffffffffffff4",
     "ThreadSanitizer could not reserve its allocator's memory (ENOMEM): a virtual-memory "
     "limit (ulimit -v) or strict overcommit (vm.overcommit_memory=2); fix: ulimit -v "
     "unlimited, sysctl vm.overcommit_memory=0 (racecard doctor)"},
    {"can not mmap the shadow memory", NULL,
     "ThreadSanitizer could not map its shadow memory: strict overcommit "
     "(vm.overcommit_memory=2) or a virtual-memory limit; fix: sysctl "
     "vm.overcommit_memory=0, ulimit -v unlimited (racecard doctor)"},
    {"unhandled instruction bytes", NULL,
     "Valgrind met a CPU instruction it cannot decode (a newer instruction set than this "
     "Valgrind knows); fix: a newer Valgrind, or build the cases for an older CPU (-march)"},
};

/* The machine condition the log of a failed run names, or NULL. */
static const char *runner_machine_cause(const char *log_path)
{
    FILE *f = fopen(log_path, "r");
    if (!f)
        return NULL;
    text_reader r;
    text_reader_init(&r, f);
    const char *cause = NULL, *line;
    size_t n = sizeof runner_machine_causes / sizeof *runner_machine_causes;
    while (!cause && (line = text_reader_next(&r)) != NULL)
        for (size_t i = 0; i < n && !cause; i++)
            if (strstr(line, runner_machine_causes[i].needle) &&
                (!runner_machine_causes[i].also || strstr(line, runner_machine_causes[i].also)))
                cause = runner_machine_causes[i].cause;
    text_reader_free(&r);
    fclose(f);
    return cause;
}

static void runner_classify(const det_def *d, const char *prog, runner_result *r,
                            const parse_result *p, const char *log_path)
{
    const run_status *st = &r->status;
    const char *cause;
    char what[512];
    run_describe(st, what, sizeof what);
    if (!st->started) {
        r->outcome = RUNNER_DETECTOR_FAILED;
        text_buf_printf(&r->detail, "'%s' %s", prog, what);
    } else if (st->timed_out) {
        r->outcome = RUNNER_TIMEOUT;
        text_buf_printf(&r->detail, "%s; limit %u s", what, d->timeout);
    } else if ((st->signaled || p->fatal || p->truncated || st->exit_code != 0) &&
               !p->findings.n && (cause = runner_machine_cause(log_path)) != NULL) {
        r->outcome = RUNNER_DETECTOR_FAILED;
        text_buf_adds(&r->detail, cause);
    } else if (st->signaled && st->signo == SIGXFSZ) {
        r->outcome = RUNNER_DETECTOR_FAILED;
        text_buf_printf(&r->detail, "the run's output reached racecard's log cap of %lu MB and "
                        "the run was stopped (a program that floods its output); the log's head "
                        "is kept and read (RACECARD_LOG_CAP_MB sets the cap)", run_log_cap_mb());
    } else if (p->tsan_bad_mapping) {
        r->outcome = RUNNER_DETECTOR_FAILED;
        text_buf_adds(&r->detail, "ThreadSanitizer could not start: the kernel mapped memory where "
                      "TSan's fixed shadow layout needs room (high vm.mmap_rnd_bits)");
    } else if (st->signaled && !p->crash_signal && runner_reports_crashes(d)) {
        /* Valgrind says so when the program it runs dies of a signal; dying
           without having said it means Valgrind itself died. */
        r->outcome = RUNNER_DETECTOR_FAILED;
        text_buf_printf(&r->detail, "the detector itself died of signal %d (%s); "
                        "its log reports no crash of the case", st->signo,
                        run_signal_name(st->signo));
    } else if (p->crash_signal && p->crash_in_detector) {
        r->outcome = RUNNER_DETECTOR_FAILED;
        text_buf_printf(&r->detail, "the detector's own runtime crashed (signal %d, %s): "
                        "ThreadSanitizer's summary puts the crashing instruction in its tool "
                        "or runtime library, not in the case", p->crash_signal,
                        run_signal_name(p->crash_signal));
    } else if (st->signaled || p->crash_signal) {
        /* Checked before cut-off reports: a case that dies in the middle of
           a report cuts it off, and the death is the news. */
        int sig = p->crash_signal ? p->crash_signal : st->signo;
        r->outcome = RUNNER_CRASHED;
        text_buf_printf(&r->detail, "the case died of signal %d (%s)", sig, run_signal_name(sig));
        if (p->truncated)
            text_buf_printf(&r->detail, "; %u report%s cut off by it", p->truncated,
                            p->truncated == 1 ? " was" : "s were");
    } else if (p->fatal || p->truncated) {
        r->outcome = RUNNER_DETECTOR_FAILED;
        text_buf_printf(&r->detail, "the detector failed: %s (%s)",
                        p->notes.n ? p->notes.v[p->notes.n - 1] : "fatal error in log", what);
    } else if (st->exit_code != 0 && st->exit_code != d->race_exit) {
        r->outcome = RUNNER_BAD_EXIT;
        text_buf_printf(&r->detail, "the case %s", what);
    } else if (st->exit_code != 0 && p->findings.n == 0) {
        r->outcome = RUNNER_DETECTOR_FAILED;
        text_buf_printf(&r->detail, "exit status %d says reports were found, but the log holds none",
                        st->exit_code);
    } else {
        r->outcome = p->findings.n ? RUNNER_REPORTS : RUNNER_CLEAN;
    }
}

/*
 * Runs the definition's converter over the raw log and reads its output
 * (kept as LOG.converted) as canonical findings.  A converter that cannot
 * start, is killed or exits non-zero makes the run a detector failure: its
 * silence must not read as "no races".
 */
static int runner_convert(const det_def *d, const det_vars *v, const char *log_path,
                          parse_result *p, text_buf *err)
{
    text_buf out;
    text_buf_init(&out);
    text_buf_printf(&out, "%s.converted", log_path);
    char **argv = det_convert_argv_vars(d, v);
    run_spec spec = {.argv = argv, .log_path = out.s, .timeout_s = d->timeout};
    run_status st;
    int rc = 0;
    if (run_command(&spec, &st) != 0) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot run converter %s (log %s): %s", argv[0], out.s, strerror(errno));
        rc = RC_EXIT_INTERNAL;
    } else if (!st.started || st.timed_out || st.signaled || st.exit_code != 0) {
        char what[512], msg[800];
        run_describe(&st, what, sizeof what);
        snprintf(msg, sizeof msg, "%s: converter '%s' %s", out.s, argv[0], what);
        text_list_push(&p->notes, text_dup(msg));
        p->fatal = 1;
    } else {
        FILE *f = fopen(out.s, "r");
        if (!f || parse_stream(f, out.s, PARSE_CANONICAL, p) != 0) {
            text_buf_clear(err);
            text_buf_printf(err, "cannot read %s: %s", out.s, strerror(errno));
            rc = RC_EXIT_INTERNAL;
        }
        if (f)
            fclose(f);
    }
    det_argv_free(argv);
    text_buf_free(&out);
    return rc;
}

static int runner_once(const det_def *d, const det_vars *v, char **argv, const char *log_path,
                       const parse_own *own, int no_aslr, runner_result *r, parse_result *p,
                       text_buf *err)
{
    run_spec spec = {
        .argv = argv,
        .env_add = d->env.v,
        .n_env_add = d->env.n,
        .log_path = log_path,
        .timeout_s = d->timeout,
        .no_aslr = no_aslr,
        .log_cap_mb = run_log_cap_mb(),
    };
    if (run_command(&spec, &r->status) != 0) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot run %s (log %s): %s", argv[0], log_path, strerror(errno));
        return RC_EXIT_INTERNAL;
    }
    if (r->status.log_errno) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot keep the raw log %s: %s; nothing from this run is trusted",
                        log_path, r->status.log_errno == EINVAL ? "it is not a regular file"
                                                                : strerror(r->status.log_errno));
        return RC_EXIT_INTERNAL;
    }
    if (r->status.started && !r->status.timed_out && d->convert.n)
        return runner_convert(d, v, log_path, p, err);
    if (r->status.started && runner_parse_log(d, log_path, own, p) != 0) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot read log %s: %s", log_path, strerror(errno));
        return RC_EXIT_INTERNAL;
    }
    return 0;
}

/*
 * True if the run died of a signal without writing a single byte.  With high
 * address entropy ThreadSanitizer does not always get as far as its FATAL
 * message: it can also die of SIGSEGV while setting up its shadow memory,
 * before the program prints anything.  Such a run earns the same one retry
 * without randomisation; a case that really crashes at start-up crashes
 * again and is reported as a crash.
 */
static int runner_silent_death(const runner_result *r, const char *log_path)
{
    struct stat st;
    return r->status.signaled && stat(log_path, &st) == 0 && st.st_size == 0;
}

void runner_case_own(const char *case_path, parse_own *own)
{
    parse_own_add(own, case_path);
    text_buf b;
    text_buf_init(&b);
    const char *base = text_basename(case_path);
    text_buf_add(&b, case_path, (size_t)(base - case_path));
    text_buf_adds(&b, "support");
    parse_own_add(own, b.s);  /* a case without support/ has its source alone */
    text_buf_free(&b);
}

int runner_run(const det_def *d, const det_vars *v, const parse_own *own, runner_result *r,
               text_buf *err)
{
    const char *log_path = v->log;
    if (text_make_parent_dir(log_path) != 0) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot create the directory of %s: %s", log_path, strerror(errno));
        return RC_EXIT_INTERNAL;
    }
    char **argv = det_argv_vars(d, v);
    text_buf first;
    text_buf_init(&first);
    text_buf_printf(&first, "%s.first-attempt", log_path);
    /* A first attempt left by an earlier run would claim a workaround this
       run may not need. */
    remove(first.s);
    parse_result p;
    parse_result_init(&p);
    int rc = runner_once(d, v, argv, log_path, own, 0, r, &p, err);
    if (!rc && d->aslr_retry && (p.tsan_bad_mapping || runner_silent_death(r, log_path))) {
        rename(log_path, first.s);
        parse_result_free(&p);
        parse_result_init(&p);
        r->aslr_workaround = 1;
        rc = runner_once(d, v, argv, log_path, own, 1, r, &p, err);
    }
    if (!rc) {
        runner_classify(d, argv[0], r, &p, log_path);
        finding_list_free(&r->findings);
        r->findings = p.findings;
        finding_list_init(&p.findings);
        finding_list_normalize(&r->findings);
        runner_take_notes(r, &p);
    }
    parse_result_free(&p);
    det_argv_free(argv);
    text_buf_free(&first);
    return rc;
}
