/*
 * cmd_lint.c - "racecard lint": the catalog's consistency, without running
 * anything.  Reads every case and every definition that keeps expected
 * files of its own, and applies the readers' checks and the rules of
 * lint.c to each (detector, case).
 */
#include "cli.h"
#include "exitcode.h"
#include "job.h"
#include "lint.h"

#include <stdlib.h>
#include <string.h>

static const char cmd_lint_usage[] =
    "usage: racecard lint\n"
    "\n"
    "Checks the catalog: every case readable; every expected file of every\n"
    "detector that keeps its own present, each difference from the truth\n"
    "explained, and every line it names existing; every marked finding\n"
    "reported exactly by some detector, or the case flagged 'undetected'; and\n"
    "CMake's reading of the definitions and case headers (BUILD/racecard-read.txt)\n"
    "the same as racecard's.  Problems go to stderr, the counts to stdout.\n"
    "\n"
    "exit status: 0 no problem; 2 usage; 3 problems found.\n";

/* The detectors whose expected files are their own: what lint reads.  An
   unreadable definition is reported and counted. */
static unsigned cmd_lint_detectors(const cli_ctx *ctx, job_detectors *ds)
{
    text_list names;
    text_list_init(&names);
    job_detector_names(ctx, &names);
    ds->v = text_alloc((names.n ? names.n : 1) * sizeof *ds->v);
    ds->n = 0;
    unsigned problems = 0;
    for (size_t i = 0; i < names.n; i++) {
        text_list one = {&names.v[i], 1, 1};
        job_detectors d1;
        if (job_detectors_load(ctx, &one, &d1) != 0) {
            problems++;
            job_detectors_free(&d1);
        } else if (!job_owns_expected(&d1.v[0].def)) {
            job_detectors_free(&d1);
        } else {
            ds->v[ds->n++] = d1.v[0];   /* moved: d1's array alone is freed */
            free(d1.v);
        }
    }
    text_list_free(&names);
    return problems;
}

/* The rules for one case over every detector; returns the problems. */
static unsigned cmd_lint_case(const cli_ctx *ctx, const job_detectors *ds, const job_case *c,
                              const char *support_dir)
{
    unsigned problems = 0;
    finding_list seen;
    finding_list_init(&seen);
    for (size_t d = 0; d < ds->n; d++) {
        job j;
        job_init(&j, ctx, &ds->v[d], c);
        check_expected e;
        check_expected_init(&e);
        if (job_expected(&j, &e, stderr) != 0)
            problems++;
        for (size_t i = 0; i < e.findings.n; i++)
            finding_add(&seen, e.findings.v[i].kind, e.findings.v[i].loc[0],
                        e.findings.v[i].loc[1], NULL);
        problems += lint_lines(&e, j.expected.s, support_dir, &c->info, stderr);
        check_expected_free(&e);
        job_free(&j);
    }
    problems += lint_review(&c->info, &c->truth, &seen, stderr);
    finding_list_free(&seen);
    return problems;
}

int cmd_lint(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "lint", cmd_lint_usage, argc, argv);
    while (cli_next(&a))
        cli_unknown(&a);
    if (a.done)
        return a.status;
    if (cli_operands(&a))
        return cli_usage_error(&a, "takes no arguments");
    job_detectors ds;
    unsigned problems = cmd_lint_detectors(ctx, &ds);
    text_list none;
    text_list_init(&none);
    job_catalog cat;
    text_buf support, view;
    text_buf_init(&support);
    text_buf_init(&view);
    text_buf_printf(&support, "%s/cases/support", ctx->source_dir);
    text_buf_printf(&view, "%s/racecard-read.txt", ctx->build_dir);
    job_catalog_load(ctx, &none, &cat);
    unsigned checked = 0;
    for (size_t c = 0; c < cat.n; c++) {
        if (!cat.v[c].ok) {
            problems++;
            continue;
        }
        problems += cmd_lint_case(ctx, &ds, &cat.v[c], support.s);
        checked += (unsigned)ds.n;
    }
    size_t compared = 0;
    problems += lint_build(view.s, ctx->source_dir, stderr, &compared);
    if (compared)
        printf("lint: %zu values CMake read compared with racecard's reading\n", compared);
    printf("lint: %zu cases, %zu detectors, %u expected files checked, %u problems\n", cat.n,
           ds.n, checked, problems);
    job_catalog_free(&cat);
    job_detectors_free(&ds);
    text_buf_free(&support);
    text_buf_free(&view);
    return problems ? RC_EXIT_INPUT : RC_EXIT_OK;
}
