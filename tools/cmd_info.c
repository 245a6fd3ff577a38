/*
 * cmd_info.c - the commands that read and print without running anything:
 * parse (a log to canonical findings), truth, list, detectors, and the
 * route to explain.
 */
#include "cli.h"
#include "exitcode.h"
#include "explain.h"
#include "job.h"
#include "parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- parse ---------------------------------------------------------------- */

static const char cmd_parse_usage[] =
    "usage: racecard parse [--detector tsan|helgrind|drd|canonical] [LOG...]\n"
    "\n"
    "Reads detector logs (standard input if no LOG, or for \"-\") and prints their\n"
    "findings in canonical form, sorted and unique.  Without --detector each\n"
    "report is recognised by its own text.\n"
    "\n"
    "exit status: 0 ok; 2 usage; 3 a LOG cannot be read; 4 unknown --detector;\n"
    "8 a report was cut off or the detector died (the complete reports are\n"
    "printed, the cut one is named on stderr).\n";

/* Parses one named log (or "-") into r; returns 0 or RC_EXIT_INPUT. */
static int cmd_parse_one(const char *name, parse_tool tool, parse_result *r)
{
    int is_stdin = strcmp(name, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(name, "r");
    if (!f)
        return cli_error(RC_EXIT_INPUT, "%s: %s", name, strerror(errno));
    int rc = RC_EXIT_OK;
    if (parse_stream(f, is_stdin ? "<stdin>" : name, tool, r) != 0)
        rc = cli_error(RC_EXIT_INPUT, "%s: read error", is_stdin ? "standard input" : name);
    if (!is_stdin)
        fclose(f);
    return rc;
}

int cmd_parse(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    parse_tool tool = PARSE_ANY;
    cli_args a;
    cli_args_init(&a, "parse", cmd_parse_usage, argc, argv);
    const char *v;
    while (cli_next(&a)) {
        if (cli_value(&a, "-d", "--detector", &v)) {
            if (parse_tool_from_name(v, &tool) != 0)
                return cli_error(RC_EXIT_DETECTOR,
                                 "unknown parser '%s' (tsan, helgrind, drd, canonical)", v);
        } else {
            cli_unknown(&a);
        }
    }
    if (a.done)
        return a.status;
    parse_result r;
    parse_result_init(&r);
    int rc = RC_EXIT_OK;
    if (a.i == argc)
        rc = cmd_parse_one("-", tool, &r);
    for (int i = a.i; i < argc && rc == RC_EXIT_OK; i++)
        rc = cmd_parse_one(argv[i], tool, &r);
    finding_list_normalize(&r.findings);
    finding_list_print(&r.findings, stdout);
    for (size_t n = 0; n < r.notes.n; n++)
        fprintf(stderr, "racecard: %s\n", r.notes.v[n]);
    if (rc == RC_EXIT_OK && (r.truncated || r.fatal || r.tsan_bad_mapping))
        rc = RC_EXIT_LOG;
    parse_result_free(&r);
    return rc;
}

/* ---- truth and list --------------------------------------------------------- */

static const char cmd_truth_usage[] =
    "usage: racecard truth CASE...\n"
    "\n"
    "Prints the ground truth of each case, from its RACE, NORACE and BUG markers,\n"
    "as canonical findings.  CASE is a name from cases/ or a path to a .c or\n"
    ".cpp file.\n"
    "\n"
    "exit status: 0 ok; 2 usage; 3 a case is missing or malformed (nothing is\n"
    "printed).\n";

/* Walks options that only --help may be; returns -1 to go on, or a status. */
static int cmd_no_options(cli_args *a)
{
    while (cli_next(a))
        cli_unknown(a);
    return a->done ? a->status : -1;
}

int cmd_truth(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "truth", cmd_truth_usage, argc, argv);
    int rc = cmd_no_options(&a);
    if (rc >= 0)
        return rc;
    if (!cli_operands(&a))
        return cli_usage_error(&a, "name at least one case");
    text_list names;
    text_list_init(&names);
    for (int i = a.i; i < argc; i++)
        text_list_push(&names, text_dup(argv[i]));
    job_catalog cat;
    rc = job_catalog_load(ctx, &names, &cat);
    for (size_t i = 0; i < cat.n && !rc; i++)
        finding_list_print(&cat.v[i].truth, stdout);
    job_catalog_free(&cat);
    text_list_free(&names);
    return rc;
}

static const char cmd_list_usage[] =
    "usage: racecard list\n"
    "\n"
    "One line per case of the catalog: NAME VERDICT CATEGORY.\n"
    "\n"
    "exit status: 0 ok; 2 usage; 3 a case cannot be read (named on stderr; the\n"
    "others are still listed).\n";

int cmd_list(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "list", cmd_list_usage, argc, argv);
    int rc = cmd_no_options(&a);
    if (rc >= 0)
        return rc;
    if (cli_operands(&a))
        return cli_usage_error(&a, "takes no arguments");
    text_list none;
    text_list_init(&none);
    job_catalog cat;
    rc = job_catalog_load(ctx, &none, &cat);
    for (size_t i = 0; i < cat.n; i++)
        if (cat.v[i].ok)
            printf("%s %s %s\n", cat.v[i].info.name, cat.v[i].info.verdict,
                   cat.v[i].info.category);
    job_catalog_free(&cat);
    return rc;
}

/* ---- detectors -------------------------------------------------------------- */

static const char cmd_detectors_usage[] =
    "usage: racecard detectors\n"
    "\n"
    "One line per detector definition (detectors/*.det, or --detector-file):\n"
    "its name, whether it can run here, and its summary or what to install.\n"
    "\n"
    "exit status: 0 ok; 2 usage; 3 a definition is malformed.\n";

int cmd_detectors(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "detectors", cmd_detectors_usage, argc, argv);
    int rc = cmd_no_options(&a);
    if (rc >= 0)
        return rc;
    if (cli_operands(&a))
        return cli_usage_error(&a, "takes no arguments");
    text_list names;
    text_list_init(&names);
    job_detector_names(ctx, &names);
    rc = RC_EXIT_OK;
    /* One at a time, so a malformed definition does not hide the others. */
    for (size_t i = 0; i < names.n; i++) {
        text_list one = {&names.v[i], 1, 1};
        job_detectors ds;
        int r = job_detectors_load(ctx, &one, &ds);
        const job_detector *d = &ds.v[0];
        if (r)
            rc = r;
        else if (d->available && !d->cxx_available)
            printf("%-16s available    %s (not the C++ cases: %s)\n", d->def.name,
                   d->def.summary ? d->def.summary : "", d->cxx_why);
        else if (d->available)
            printf("%-16s available    %s\n", d->def.name, d->def.summary ? d->def.summary : "");
        else
            printf("%-16s unavailable  %s\n", d->def.name, d->why);
        job_detectors_free(&ds);
    }
    text_list_free(&names);
    return rc;
}

/* ---- explain ---------------------------------------------------------------- */

int cmd_explain(cli_ctx *ctx, int argc, char **argv)
{
    return explain_command(argc, argv, ctx->source_dir);
}
