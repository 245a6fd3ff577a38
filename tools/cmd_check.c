/*
 * cmd_check.c - the commands that run cases under detectors and hold the
 * findings to the expected files: run, check (one cell, what CTest runs),
 * matrix (every cell, as a table) and bless (write expected files anew from
 * a real run, for a person to review).
 */
#include "cli.h"
#include "exitcode.h"
#include "job.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Loads one detector and one case for run and check; 0 or the status. */
static int cmd_load_pair(cli_ctx *ctx, char *det, const char *kase, job_detectors *ds,
                         job_catalog *cat)
{
    text_list dn, cn;
    text_list_init(&dn);
    text_list_init(&cn);
    text_list_push(&dn, text_dup(det));
    text_list_push(&cn, text_dup(kase));
    int rc = job_detectors_load(ctx, &dn, ds);
    cat->v = NULL;
    cat->n = 0;
    if (!rc)
        rc = job_catalog_load(ctx, &cn, cat);
    text_list_free(&dn);
    text_list_free(&cn);
    free(det);
    return rc;
}

/* A skip is a pass of nothing; in strict mode it is a failure of its own. */
static int cmd_strict_skip(const cli_ctx *ctx, int rc, const job *j)
{
    if (rc != RC_EXIT_SKIP || !ctx->strict)
        return rc;
    return cli_error(RC_EXIT_UNTESTED, "strict: nothing was tested: %s cannot run here: %s",
                     j->det->def.name, j->why);
}

/*
 * The detector a command's operands start with, as a name to load (free
 * it); sets *skip to how many operands it took.  With exactly one
 * --detector-file the name may be left out: a first operand that is not
 * that detector's name is already a case.
 */
static char *cmd_detector_operand(const cli_ctx *ctx, const cli_args *a, int *skip)
{
    const char *first = cli_operands(a) ? a->argv[a->i] : NULL;
    if (ctx->n_det_files == 1) {
        char *only = job_detector_file_name(ctx->det_files[0]);
        if (!first || strcmp(first, only) != 0) {
            *skip = 0;
            return only;
        }
        free(only);
    }
    *skip = first != NULL;
    return first ? text_dup(first) : NULL;
}

/* Reads [--strict] DETECTOR CASE, with check's --rerun or run's --log FILE;
   DETECTOR may be left out with one --detector-file.  *det is to be freed. */
static int cmd_pair_args(cli_ctx *ctx, cli_args *a, int check, char **det, const char **kase,
                         const char **log)
{
    while (cli_next(a)) {
        if (cli_flag(a, NULL, "--strict"))
            ctx->strict = 1;
        else if (check && cli_flag(a, NULL, "--rerun"))
            ctx->rerun = 1;
        else if (!check && cli_value(a, NULL, "--log", log))
            continue;
        else
            cli_unknown(a);
    }
    if (a->done)
        return a->status;
    int took = 0;
    *det = cmd_detector_operand(ctx, a, &took);
    if (!*det || cli_operands(a) != took + 1) {
        free(*det);
        *det = NULL;
        return cli_usage_error(a, "want DETECTOR CASE");
    }
    *kase = a->argv[a->argc - 1];
    return -1;
}

/* ---- run -------------------------------------------------------------------- */

static const char cmd_run_usage[] =
    "usage: racecard [--detector-file PATH] run [--strict] [--log FILE] DETECTOR CASE\n"
    "\n"
    "Runs the case's binary (built by cmake --build) under the detector, keeps\n"
    "the raw log in BUILD/logs/DETECTOR/CASE.log (or FILE: runs of one case\n"
    "made at the same time need logs of their own) and prints the outcome and\n"
    "the canonical findings.  It always runs; its result is kept for the\n"
    "stages after (docs/results.md).\n"
    "\n"
    "exit status: 0 ran; 2 usage; 3 unreadable case or definition, or no\n"
    "binary; 4 unknown detector; 5 the run did not complete (crash, timeout,\n"
    "detector failed); 6 strict and the detector cannot run here; 70 internal\n"
    "error; 77 the detector cannot run here (skipped).\n";

/* What run or check does with its one job; returns the command's status. */
typedef int cmd_pair_fn(const cli_ctx *ctx, const job *j);

/* run and check alike: the operands, the pair loaded, fn on its job. */
static int cmd_one_pair(cli_ctx *ctx, const char *command, const char *usage, int argc,
                        char **argv, cmd_pair_fn *fn)
{
    cli_args a;
    cli_args_init(&a, command, usage, argc, argv);
    char *det = NULL;
    const char *kase = NULL, *log = NULL;
    /* run always runs; check reads a stored result of the same run. */
    int check = strcmp(command, "check") == 0;
    int rc = cmd_pair_args(ctx, &a, check, &det, &kase, &log);
    if (rc >= 0)
        return rc;
    job_detectors ds;
    job_catalog cat;
    rc = cmd_load_pair(ctx, det, kase, &ds, &cat);
    if (!rc) {
        job j;
        job_init(&j, ctx, &ds.v[0], &cat.v[0]);
        j.reuse = check && !ctx->rerun;
        if (log) {
            text_buf_clear(&j.log);
            text_buf_adds(&j.log, log);
        }
        rc = fn(ctx, &j);
        job_free(&j);
    }
    job_catalog_free(&cat);
    job_detectors_free(&ds);
    return rc;
}

static int cmd_run_job(const cli_ctx *ctx, const job *j)
{
    runner_result r;
    runner_result_init(&r);
    int rc = job_run(j, &r, stderr);
    if (!rc) {
        printf("# %s/%s: %s (%.2f s); raw log %s\n", j->det->def.name, j->kase->info.name,
               runner_outcome_name(r.outcome), r.status.wall_s, j->log.s);
        finding_list_print(&r.findings, stdout);
    }
    runner_result_free(&r);
    return cmd_strict_skip(ctx, rc, j);
}

int cmd_run(cli_ctx *ctx, int argc, char **argv)
{
    return cmd_one_pair(ctx, "run", cmd_run_usage, argc, argv, cmd_run_job);
}

/* ---- check ------------------------------------------------------------------ */

/* True if the expected file records a difference from the ground truth. */
static int cmd_expected_deviates(const check_expected *e)
{
    if (e->missing.n)
        return 1;
    for (size_t i = 0; i < e->reasons.n; i++)
        if (*e->reasons.v[i])
            return 1;
    return 0;
}

/* Runs the job and compares; the verdict and any diff go to out. */
static int cmd_check_compare(const job *j, const check_expected *e, FILE *out)
{
    runner_result r;
    runner_result_init(&r);
    int rc = job_run(j, &r, out);
    if (!rc) {
        const char *det = j->det->def.name, *kase = j->kase->info.name;
        size_t n = r.findings.n;
        fprintf(out, "%s/%s: %s, %zu finding%s\n", det, kase, runner_outcome_name(r.outcome), n,
                n == 1 ? "" : "s");
        /* Said, so a log never passes off an earlier run as this one's. */
        if (r.reused)
            fprintf(out, "  (the result of an earlier run of the same binary, definition and "
                    "machine, %s; --rerun runs it again)\n", j->result.s);
        if (check_compare(&e->findings, &r.findings, NULL) == 0) {
            fprintf(out, "PASS %s/%s: as expected in %s\n", det, kase, j->expected.s);
        } else {
            fprintf(out, "FAIL %s/%s: findings differ from %s\n", det, kase, j->expected.s);
            check_compare(&e->findings, &r.findings, out);
            fprintf(out, "  raw log: %s\n", j->log.s);
            rc = RC_EXIT_MISMATCH;
        }
    }
    runner_result_free(&r);
    return rc;
}

/*
 * One check; the report goes to out.  Returns the check's exit status; sets
 * *deviates (when not NULL) if the expected file documents a known false
 * positive or negative.
 */
static int cmd_check_job(const job *j, FILE *out, int *deviates)
{
    /* A detector that cannot run here is skipped before anything else is
       asked of it, so a new definition without expected files still skips. */
    if (!j->available)
        return job_skip(j, out);
    if (!det_expected_name(&j->det->def)) {
        fprintf(out, "racecard: %s has no expected files (expected = none): it is only scored "
                "against the ground truth\n", j->det->def.name);
        return RC_EXIT_INPUT;
    }
    check_expected e;
    check_expected_init(&e);
    int rc = job_expected(j, &e, out);
    if (!rc) {
        if (deviates)
            *deviates = cmd_expected_deviates(&e);
        finding_list_normalize(&e.findings);
        rc = cmd_check_compare(j, &e, out);
    }
    check_expected_free(&e);
    return rc;
}

static const char cmd_check_usage[] =
    "usage: racecard [--detector-file PATH] [--expected-dir DIR] check [--strict] [--rerun]\n"
    "           DETECTOR CASE\n"
    "\n"
    "Runs the case under the detector and compares the canonical findings with\n"
    "EXPECTED/DETECTOR/CASE (the detector's own expected files, or those its\n"
    "definition names); prints PASS, or FAIL with the difference.  CTest runs\n"
    "one check per (detector, case).  Where the build tree holds the result of\n"
    "the same run (same racecard, machine, definition, case and binary: a\n"
    "matrix or score before), that result is checked and the output says so;\n"
    "--rerun runs the case again (docs/results.md).\n"
    "\n"
    "exit status: 0 as expected; 1 findings differ; 2 usage; 3 unreadable case,\n"
    "definition or expected file, an undocumented difference from the truth,\n"
    "or no binary; 4 unknown detector; 5 the run did not complete; 6 strict and\n"
    "the detector cannot run here; 70 internal error; 77 skipped.\n";

static int cmd_check_one(const cli_ctx *ctx, const job *j)
{
    int rc = cmd_check_job(j, stdout, NULL);
    fflush(stdout);
    return cmd_strict_skip(ctx, rc, j);
}

int cmd_check(cli_ctx *ctx, int argc, char **argv)
{
    return cmd_one_pair(ctx, "check", cmd_check_usage, argc, argv, cmd_check_one);
}

/* ---- matrix ----------------------------------------------------------------- */

static const char cmd_matrix_usage[] =
    "usage: racecard matrix [--strict] [-j N] [--rerun] [-q] [-d DETECTOR]... [-c CASE]...\n"
    "\n"
    "Checks every case under every detector that has expected files (or those\n"
    "named) and prints a table: pass, pass* (as expected, where the expected\n"
    "file records a known false positive or negative), FAIL, ERROR (the run\n"
    "did not complete), skip (cannot run here), BROKEN (an input file is\n"
    "malformed); then the details of every cell that did not pass, and the\n"
    "counts.  The runs are made first, N at a time, each kept in the build\n"
    "tree's results (docs/results.md) where a result of the same run is not\n"
    "already there; CTest's checks and score read them.\n"
    "\n"
    CLI_RUN_OPTIONS_HELP
    "\n"
    "exit status: 0 every cell passed or was skipped; 1 a cell failed, errored\n"
    "or is broken; 2 usage; 3 a case cannot be read; 4 unknown detector;\n"
    "6 strict and a cell was skipped; 70 internal error.\n";

/* What the matrix counts, by cell. */
enum { CMD_PASSED, CMD_FAILED, CMD_SKIPPED, CMD_ERRORS, CMD_NCOUNTS };

static const char *cmd_cell_word(int rc, int deviates)
{
    switch (rc) {
    case RC_EXIT_OK: return deviates ? "pass*" : "pass";
    case RC_EXIT_MISMATCH: return "FAIL";
    case RC_EXIT_SKIP: return "skip";
    case RC_EXIT_RUN: return "ERROR";
    default: return "BROKEN";
    }
}

static int cmd_cell_count(int rc)
{
    switch (rc) {
    case RC_EXIT_OK: return CMD_PASSED;
    case RC_EXIT_MISMATCH: return CMD_FAILED;
    case RC_EXIT_SKIP: return CMD_SKIPPED;
    default: return CMD_ERRORS;
    }
}

/* Reads -d and -c options into lists; -1 to go on, or an exit status. */
static int cmd_matrix_args(cli_ctx *ctx, int argc, char **argv, text_list *dets, text_list *cases)
{
    cli_args a;
    cli_args_init(&a, "matrix", cmd_matrix_usage, argc, argv);
    const char *v;
    while (cli_next(&a)) {
        if (cli_value(&a, "-d", "--detector", &v))
            text_list_push(dets, text_dup(v));
        else if (cli_value(&a, "-c", "--case", &v))
            text_list_push(cases, text_dup(v));
        else if (cli_flag(&a, NULL, "--strict"))
            ctx->strict = 1;
        else if (!cli_run_option(&a, ctx))
            cli_unknown(&a);
    }
    if (a.done)
        return a.status;
    if (cli_operands(&a))
        return cli_usage_error(&a, "want -d DETECTOR and -c CASE options only");
    return -1;
}

/* The detectors the matrix checks by default: those with expected files,
   their own or another's. */
static void cmd_matrix_default_detectors(const cli_ctx *ctx, text_list *names)
{
    text_list all;
    text_list_init(&all);
    job_detector_names(ctx, &all);
    for (size_t i = 0; i < all.n; i++) {
        text_list one = {&all.v[i], 1, 1};
        job_detectors ds;
        /* An unreadable definition is kept, to be reported by the load. */
        if (job_detectors_load(ctx, &one, &ds) != 0 || det_expected_name(&ds.v[0].def))
            text_list_push(names, text_dup(all.v[i]));
        job_detectors_free(&ds);
    }
    text_list_free(&all);
}

/* One cell: its word printed, its report added to details; returns its status.
   *said_skip has bit 1 (C) or 2 (C++) set once a skip of that language was
   reported for this detector. */
static int cmd_matrix_cell(const cli_ctx *ctx, const job_detector *d, const job_case *c,
                           unsigned *said_skip, text_buf *details, int *deviates)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (!out)
        return cli_error(RC_EXIT_INTERNAL, "matrix: cannot open a memory stream");
    job j;
    job_init(&j, ctx, d, c);
    int rc = cmd_check_job(&j, out, deviates);
    job_free(&j);
    fclose(out);
    /* A detector that cannot run says so once (once for its C cases and
       once for its C++ ones), not once per case. */
    unsigned lang = c->ok && case_is_cxx(&c->info) ? 2u : 1u;
    if (rc != RC_EXIT_OK && !(rc == RC_EXIT_SKIP && (*said_skip & lang)))
        text_buf_adds(details, buf);
    if (rc == RC_EXIT_SKIP)
        *said_skip |= lang;
    free(buf);
    return rc;
}

/* The closing lines: the counts, and plainly whether anything was tested. */
static int cmd_matrix_verdict(const cli_ctx *ctx, const unsigned *counts)
{
    printf("\nmatrix: %u passed, %u failed, %u skipped, %u errors\n", counts[CMD_PASSED],
           counts[CMD_FAILED], counts[CMD_SKIPPED], counts[CMD_ERRORS]);
    if (counts[CMD_FAILED] || counts[CMD_ERRORS])
        return RC_EXIT_MISMATCH;
    if (!counts[CMD_PASSED]) {
        printf("matrix: nothing was tested%s\n",
               counts[CMD_SKIPPED] ? ": every cell was skipped (the SKIP lines above say what "
                                     "to install)" : "");
        return ctx->strict ? RC_EXIT_UNTESTED : RC_EXIT_OK;
    }
    if (counts[CMD_SKIPPED] && ctx->strict) {
        printf("matrix: strict: %u cells were skipped (the SKIP lines above say what to install)\n",
               counts[CMD_SKIPPED]);
        return RC_EXIT_UNTESTED;
    }
    return RC_EXIT_OK;
}

/*
 * Makes every cell's run (those of detectors that can check, that is, with
 * expected files), ctx->jobs at a time, before the table reads them in order.
 */
static int cmd_matrix_runs(const cli_ctx *ctx, const job_detectors *ds, const job_catalog *cat)
{
    size_t n = 0;
    job *v = text_alloc((ds->n * cat->n + 1) * sizeof *v);
    for (size_t d = 0; d < ds->n; d++)
        for (size_t c = 0; c < cat->n; c++)
            if (cat->v[c].ok && det_expected_name(&ds->v[d].def))
                job_init(&v[n++], ctx, &ds->v[d], &cat->v[c]);
    int rc = job_prefetch(ctx, v, n, "matrix");
    for (size_t i = 0; i < n; i++)
        job_free(&v[i]);
    free(v);
    return rc;
}

/* The table itself, one row per case; counts and details filled. */
static void cmd_matrix_table(const cli_ctx *ctx, const job_detectors *ds, const job_catalog *cat,
                             unsigned *counts, text_buf *details)
{
    int any_deviation = 0;
    unsigned *said_skip = text_alloc((ds->n ? ds->n : 1) * sizeof *said_skip);
    memset(said_skip, 0, (ds->n ? ds->n : 1) * sizeof *said_skip);
    printf("%-24s %-10s", "case", "verdict");
    for (size_t d = 0; d < ds->n; d++)
        printf(d + 1 < ds->n ? " %-12s" : " %s", ds->v[d].def.name);
    printf("\n");
    for (size_t c = 0; c < cat->n; c++) {
        printf("%-24s %-10s", cat->v[c].info.name, cat->v[c].info.verdict);
        for (size_t d = 0; d < ds->n; d++) {
            int deviates = 0;
            int rc = cmd_matrix_cell(ctx, &ds->v[d], &cat->v[c], &said_skip[d], details,
                                     &deviates);
            printf(d + 1 < ds->n ? " %-12s" : " %s", cmd_cell_word(rc, deviates));
            fflush(stdout);
            any_deviation |= rc == RC_EXIT_OK && deviates;
            counts[cmd_cell_count(rc)]++;
        }
        printf("\n");
    }
    if (any_deviation)
        printf("\n* as expected, where the expected file records a known false positive or\n"
               "  negative of that detector, with its reason\n");
    if (details->len)
        printf("\n%s", details->s);
    free(said_skip);
}

int cmd_matrix(cli_ctx *ctx, int argc, char **argv)
{
    text_list dnames, cnames;
    text_list_init(&dnames);
    text_list_init(&cnames);
    int rc = cmd_matrix_args(ctx, argc, argv, &dnames, &cnames);
    if (rc >= 0) {
        text_list_free(&dnames);
        text_list_free(&cnames);
        return rc;
    }
    if (!dnames.n)
        cmd_matrix_default_detectors(ctx, &dnames);
    job_detectors ds;
    job_catalog cat = {NULL, 0};
    rc = job_detectors_load(ctx, &dnames, &ds);
    if (!rc)
        rc = job_catalog_load(ctx, &cnames, &cat);
    if (!rc)
        rc = cmd_matrix_runs(ctx, &ds, &cat);
    if (!rc) {
        unsigned counts[CMD_NCOUNTS] = {0, 0, 0, 0};
        text_buf details;
        text_buf_init(&details);
        cmd_matrix_table(ctx, &ds, &cat, counts, &details);
        rc = cmd_matrix_verdict(ctx, counts);
        text_buf_free(&details);
    }
    job_catalog_free(&cat);
    job_detectors_free(&ds);
    text_list_free(&dnames);
    text_list_free(&cnames);
    return rc;
}

/* ---- bless ------------------------------------------------------------------ */

static const char cmd_bless_usage[] =
    "usage: racecard [--detector-file PATH] [--expected-dir DIR] bless [--strict] [-j N] [--rerun]\n"
    "           [-q] DETECTOR [CASE...]\n"
    "\n"
    "Runs each case (every case when none is named) under the detector and\n"
    "writes EXPECTED/DETECTOR/CASE from the findings, for review with git diff.\n"
    "The header and reasons of an existing file are kept; a finding the truth\n"
    "does not hold, and a true pair the detector missed, are written with the\n"
    "reason 'FIXME: say why', which check refuses until a person replaces it.\n"
    "\n"
    "exit status: 0 written; 2 usage; 3 unreadable input, or the detector shares another's expected\n"
    "files; 4 unknown detector; 5 a run did not complete; 6 strict and the\n"
    "detector cannot run here; 70 internal error; 73 an expected file cannot\n"
    "be written; 77 the detector cannot run here (nothing written).\n"
    "\n"
    CLI_RUN_OPTIONS_HELP;

/* Writes the expected file of one job from a run; 0 or the status. */
static int cmd_bless_write(const job *j, const runner_result *r)
{
    check_expected old;
    check_expected_init(&old);
    text_buf err, header;
    text_buf_init(&err);
    text_buf_init(&header);
    int have_old = check_load(j->expected.s, &old, &err) == 0;
    text_buf_printf(&header, "# %s on %s: %s\n", j->det->def.name, j->kase->info.name,
                    j->kase->info.summary);
    if (j->det->def.note)
        text_buf_printf(&header, "# %s\n", j->det->def.note);
    text_buf_clear(&err);
    int rc;
    if (text_make_parent_dir(j->expected.s) != 0)
        rc = text_fail(&err, RC_EXIT_OUTPUT, j->expected.s, 0, "cannot write: %s", strerror(errno));
    else
        rc = check_write(j->expected.s, have_old ? &old : NULL, &r->findings, &j->kase->truth,
                         header.s, &err);
    if (rc)
        fprintf(stderr, "racecard: %s\n", err.s);
    else
        printf("wrote %s (%s, %zu finding%s): review it with git diff\n", j->expected.s,
               runner_outcome_name(r->outcome), r->findings.n, r->findings.n == 1 ? "" : "s");
    text_buf_free(&header);
    text_buf_free(&err);
    check_expected_free(&old);
    return rc;
}

static int cmd_bless_one(const cli_ctx *ctx, const job_detector *d, const job_case *c)
{
    job j;
    job_init(&j, ctx, d, c);
    runner_result r;
    runner_result_init(&r);
    int rc = job_run(&j, &r, stderr);
    if (!rc)
        rc = cmd_bless_write(&j, &r);
    rc = cmd_strict_skip(ctx, rc, &j);
    runner_result_free(&r);
    job_free(&j);
    return rc;
}

int cmd_bless(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "bless", cmd_bless_usage, argc, argv);
    while (cli_next(&a)) {
        if (cli_flag(&a, NULL, "--strict"))
            ctx->strict = 1;
        else if (!cli_run_option(&a, ctx))
            cli_unknown(&a);
    }
    if (a.done)
        return a.status;
    int took = 0;
    char *det = cmd_detector_operand(ctx, &a, &took);
    if (!det)
        return cli_usage_error(&a, "want DETECTOR [CASE...]");
    text_list dnames, cnames;
    text_list_init(&dnames);
    text_list_init(&cnames);
    text_list_push(&dnames, det);
    for (int i = a.i + took; i < argc; i++)
        text_list_push(&cnames, text_dup(argv[i]));
    job_detectors ds;
    job_catalog cat = {NULL, 0};
    int rc = job_detectors_load(ctx, &dnames, &ds);
    if (!rc && !job_owns_expected(&ds.v[0].def))
        rc = cli_error(RC_EXIT_INPUT, "%s does not keep expected files of its own (expected = %s)",
                       ds.v[0].def.name, ds.v[0].def.expected);
    if (!rc)
        rc = job_catalog_load(ctx, &cnames, &cat);
    /* Nothing can be written from a detector that cannot run: said once. */
    if (!rc && !ds.v[0].available) {
        fprintf(stderr, "SKIP %s: %s\n", ds.v[0].def.name, ds.v[0].why);
        rc = ctx->strict ? cli_error(RC_EXIT_UNTESTED, "strict: nothing was tested: %s cannot "
                                     "run here: %s", ds.v[0].def.name, ds.v[0].why)
                         : RC_EXIT_SKIP;
    }
    if (!rc)
        rc = cmd_matrix_runs(ctx, &ds, &cat);
    /* Every case is blessed even when one fails, as each file stands alone. */
    int loaded = rc == 0;
    for (size_t i = 0; i < cat.n && loaded; i++) {
        int r = cmd_bless_one(ctx, &ds.v[0], &cat.v[i]);
        if (r && r != RC_EXIT_SKIP)
            rc = r;
    }
    job_catalog_free(&cat);
    job_detectors_free(&ds);
    text_list_free(&dnames);
    text_list_free(&cnames);
    return rc;
}
