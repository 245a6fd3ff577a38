/*
 * job.h - the unit of work of the commands: one detector and one case, with
 * the paths of its binary, raw log and expected file.
 *
 * A command loads its cases (the catalog) and its detectors once, up front,
 * so a bad name or an unreadable file is reported once, before anything
 * runs, with the exit status that names it; each (detector, case) job then
 * borrows both and only builds its paths.
 */
#ifndef RACECARD_JOB_H
#define RACECARD_JOB_H

#include "casefile.h"
#include "check.h"
#include "cli.h"
#include "suite.h"
#include "detector.h"
#include "finding.h"
#include "runner.h"
#include "text.h"

#include <stdio.h>

/* One case, read once per command. */
typedef struct job_case {
    char *arg;            /* as the user named it: NAME or a path */
    int ok;               /* read and valid; info and truth mean something */
    case_info info;
    finding_list truth;
} job_case;

/*
 * The foreign suites' checkouts (suite.h): those named by --suite, else
 * those CMake recorded in BUILD/racecard-suites.txt.  Returns 0, or an
 * RC_EXIT_* status (reported on stderr) for a bad one.  Free with
 * suite_set_free.
 */
int job_suites_load(const cli_ctx *ctx, suite_set *out);
/*
 * Appends the case names of suite `suite` (SUITE/NAME) to out, warning on
 * stderr when the checkout is not at the commit its adapter was checked
 * against, and saying there what the adapter read and left out, by reason,
 * when it counts that (svcomp).  Returns 0, or RC_EXIT_USAGE when no checkout of it is known.
 */
int job_suite_case_names(const cli_ctx *ctx, const char *suite, text_list *out);

typedef struct job_catalog {
    job_case *v;
    size_t n;
} job_catalog;

/* The names of SOURCE/cases/ *.c and *.cpp, sorted, each once, appended to
   out. */
void job_case_names(const cli_ctx *ctx, text_list *out);
/* A case argument as a path: as given when it holds '/' or ends in .c or
   .cpp, else SOURCE/cases/NAME.c, or NAME.cpp when only that exists.  Free
   it. */
char *job_case_path(const cli_ctx *ctx, const char *arg);
/*
 * Reads the cases named (every case of the catalog when names is empty).
 * Every case that cannot be read is reported on stderr, and the others are
 * still read (ok = 0 marks the failures).  Returns 0, or RC_EXIT_INPUT when
 * any failed.  Free cat with job_catalog_free either way.
 */
int job_catalog_load(const cli_ctx *ctx, const text_list *names, job_catalog *cat);
/* Frees one case of a catalog (its header, truth and name). */
void job_case_free(job_case *c);
void job_catalog_free(job_catalog *cat);

/* One detector, read once per command, and whether it can run here. */
typedef struct job_detector {
    det_def def;
    int available;
    char *why;            /* why not, with the packages to install; or NULL */
    char *version;        /* job_detector_version's answer, once asked */
    int cxx_available;    /* it can also build and run the C++ cases */
    char *cxx_why;        /* why not; or NULL */
} job_detector;

typedef struct job_detectors {
    job_detector *v;
    size_t n;
} job_detectors;

/* The definitions racecard knows: detectors/ *.det, then each
   --detector-file's (which stands in for a tree definition of its name). */
void job_detector_names(const cli_ctx *ctx, text_list *out);
/* The --detector-file whose definition is called name, or NULL. */
const char *job_detector_file(const cli_ctx *ctx, const char *name);
/* The detector name a definition file gives: its base name less ".det". */
char *job_detector_file_name(const char *path);
/*
 * Reads the detectors named, in order.  Stops at the first that cannot be read, reported
 * on stderr: RC_EXIT_DETECTOR for an unknown name, RC_EXIT_INPUT for a bad
 * file; 0 when all were read.  Free ds with job_detectors_free either way.
 */
int job_detectors_load(const cli_ctx *ctx, const text_list *names, job_detectors *ds);
/* Keeps the detectors for which keep(def, arg) is true, in order; frees the rest. */
void job_detectors_filter(job_detectors *ds, int (*keep)(const det_def *, const void *),
                          const void *arg);
void job_detectors_free(job_detectors *ds);
/*
 * The first line the definition's version command prints (run once, its
 * output kept in BUILD/logs/DETECTOR/version.log), "unknown: ..." saying
 * why when it cannot be had, or NULL when the definition names no command.
 */
const char *job_detector_version(const cli_ctx *ctx, job_detector *jd);
/* True when the detector's expected files are its own (expected = its name). */
int job_owns_expected(const det_def *d);

/* One (detector, case): both borrowed, paths owned. */
typedef struct job {
    const job_detector *det;
    const job_case *kase;
    text_buf exe;         /* BUILD/cases/FLAVOUR/CASE */
    text_buf log;         /* BUILD/logs/DETECTOR/CASE.log */
    text_buf expected;    /* EXPECTED/WHOSE/CASE; empty for expected = none */
    char *id;             /* the case's neutral id (blind.h) */
    text_buf blind;       /* BUILD/blind/ID.EXT, the case's blind copy */
    text_buf srcdir;      /* SOURCE/cases */
    const char *source_dir; /* SOURCE (borrowed from the command's cli_ctx) */
    const char *build_dir;  /* BUILD (borrowed likewise) */
    long scale;           /* CASE_SCALE for the case (cases/support/scale.h); 1 */
    unsigned run;         /* which run of a --repeat, from 0 */
    int private_log;      /* the log carries this process's id (job_set_private_log) */
    text_buf result;      /* BUILD/results/DETECTOR/CASE[.sSCALE].rRUN.json (store.h) */
    int reuse;            /* a stored result with the right fingerprint is read
                             instead of running again (1 after job_init) */
    unsigned jobs;        /* runs at a time while this one runs (recorded with
                             the result: costs count only from runs made alone) */
    int available;        /* the detector can run this case here (C or C++) */
    const char *why;      /* why not (borrowed from det), or NULL */
} job;

void job_init(job *j, const cli_ctx *ctx, const job_detector *d, const job_case *c);
void job_free(job *j);
/*
 * Makes the job run the case at work scale `scale` (> 1): CASE_SCALE in
 * its environment, a time limit JOB_SCALE_TIMEOUT times the definition's,
 * and its own log, BUILD/logs/DETECTOR/CASE.scaled.log, so that the log of
 * scale 1, the one the reports show, is kept.
 */
#define JOB_SCALE_TIMEOUT 10
void job_set_scale(job *j, long scale);
/*
 * Makes the job run number `run` (from 0) of a --repeat: each run keeps its
 * own log (BUILD/logs/DETECTOR/CASE.runN.log past the first) and result, so
 * runs made at the same time never write one file.
 */
void job_set_run(job *j, unsigned run);
/*
 * Gives the job a log of this process's own, BUILD/logs/DETECTOR/CASE.PID.log,
 * for runs whose log nobody reads afterwards (score's native baseline):
 * two racecard processes on one build tree then never read each other's
 * half-written log.  The caller removes it (job_remove_log).
 */
void job_set_private_log(job *j);
void job_remove_log(const job *j);
/*
 * Writes the blind copies a source-reading detector is given: the case's
 * as BUILD/blind/ID.EXT and the support headers under their own names.
 * Returns 0, or an RC_EXIT_* status with err set.
 */
int job_write_blind(const char *source_dir, const job_case *c, const char *dir, text_buf *err);
/*
 * One run of the job through the runner (runner_run's contract), or, when
 * j->reuse is set and the results stage holds this run's result with the
 * fingerprint of everything it depends on (store.h), that result (r->reused
 * set).  A fresh result is stored for the stages after; a result that
 * cannot be stored is a warning on stderr, never a failure.  A
 * detector that reads source (build = none) is given the blind copy, and
 * the findings it writes against the copy's name are mapped back to the
 * case's file.
 */
int job_exec(const job *j, runner_result *r, text_buf *err);

/* The runs at a time that ctx asks for: its -j N, else the CPUs this
 * process may use (pool_cpus). */
unsigned job_parallel(const cli_ctx *ctx);

/*
 * Makes sure each of the n jobs has its result in the results stage, so
 * that the readers after it (job_exec with reuse) run nothing: runs those
 * without a valid stored result (every one with ctx->rerun; with one at a
 * time, those whose result was made with others), ctx->jobs at
 * a time, with a progress line on a terminal unless ctx->quiet.  Jobs that
 * cannot run here, or whose binary is missing, are left for the readers to
 * report.  Sets reuse on every job.  Returns 0, or RC_EXIT_INTERNAL when
 * racecard could not start the runs (reported on stderr).
 */
int job_prefetch(const cli_ctx *ctx, job *v, size_t n, const char *label);
/*
 * Runs the job once.  Returns 0 with r filled when the run completed (clean
 * or reports); RC_EXIT_SKIP when the detector cannot run here (a "SKIP"
 * line on out); RC_EXIT_INPUT when the case binary is missing;
 * RC_EXIT_RUN when the run did not complete (what happened, and what was
 * read before it, on out); RC_EXIT_INTERNAL when racecard could not run it.
 */
int job_run(const job *j, runner_result *r, FILE *out);
/* Prints the "SKIP DET/CASE: why" line (why the detector cannot run this
   case: it is not installed, or, for a C++ case, its C++ compiler is not);
   returns RC_EXIT_SKIP. */
int job_skip(const job *j, FILE *out);
/* Reads the expected file and holds it to the truth; messages on out.
   Returns 0 or RC_EXIT_INPUT.  Free e with check_expected_free either way. */
int job_expected(const job *j, check_expected *e, FILE *out);

#endif
