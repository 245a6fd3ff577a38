/*
 * cmd_info.c - the commands that read and print without running anything:
 * parse (a log to canonical findings), truth, list, detectors, and the
 * route to explain.
 */
#include "cli.h"
#include "doctor.h"
#include "exitcode.h"
#include "explain.h"
#include "job.h"
#include "parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- parse ---------------------------------------------------------------- */

static const char cmd_parse_usage[] =
    "usage: racecard parse [--detector tsan|helgrind|drd|canonical] [--own FILE|DIR]...\n"
    "                      [LOG...]\n"
    "\n"
    "Reads detector logs (standard input if no LOG, or for \"-\") and prints their\n"
    "findings in canonical form, sorted and unique.  Without --detector each\n"
    "report is recognised by its own text.\n"
    "\n"
    "--own names the program's own source files (a FILE, or every file under a\n"
    "DIR; repeatable): a finding's location is then the first frame in one of\n"
    "them, and no other rule is used.  Without it, frames are judged by their\n"
    "function, file and library names, which cannot tell glibc's own sources\n"
    "from the program's when glibc's debug info is installed (libc6-dbg).\n"
    "\n"
    "exit status: 0 ok; 2 usage; 3 a LOG or an --own path cannot be read;\n"
    "4 unknown --detector;\n"
    "8 a report was cut off or the detector died (the complete reports are\n"
    "printed, the cut one is named on stderr).\n";

/* Parses one named log (or "-") into r; returns 0 or RC_EXIT_INPUT. */
static int cmd_parse_one(const char *name, parse_tool tool, const parse_own *own,
                         parse_result *r)
{
    int is_stdin = strcmp(name, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(name, "r");
    if (!f)
        return cli_error(RC_EXIT_INPUT, "%s: %s", name, strerror(errno));
    int rc = RC_EXIT_OK;
    if (parse_stream_own(f, is_stdin ? "<stdin>" : name, tool, own, r) != 0)
        rc = cli_error(RC_EXIT_INPUT, "%s: read error", is_stdin ? "standard input" : name);
    if (!is_stdin)
        fclose(f);
    return rc;
}

int cmd_parse(cli_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    parse_tool tool = PARSE_ANY;
    parse_own own;
    parse_own_init(&own);
    cli_args a;
    cli_args_init(&a, "parse", cmd_parse_usage, argc, argv);
    const char *v;
    int rc = RC_EXIT_OK;
    while (cli_next(&a)) {
        if (cli_value(&a, "-d", "--detector", &v)) {
            if (parse_tool_from_name(v, &tool) != 0) {
                parse_own_free(&own);
                return cli_error(RC_EXIT_DETECTOR,
                                 "unknown parser '%s' (tsan, helgrind, drd, canonical)", v);
            }
        } else if (cli_value(&a, NULL, "--own", &v)) {
            if (parse_own_add(&own, v) != 0) {
                parse_own_free(&own);
                return cli_error(RC_EXIT_INPUT, "parse --own %s: %s", v, strerror(errno));
            }
        } else {
            cli_unknown(&a);
        }
    }
    if (a.done) {
        parse_own_free(&own);
        return a.status;
    }
    parse_result r;
    parse_result_init(&r);
    if (a.i == argc)
        rc = cmd_parse_one("-", tool, &own, &r);
    for (int i = a.i; i < argc && rc == RC_EXIT_OK; i++)
        rc = cmd_parse_one(argv[i], tool, &own, &r);
    parse_own_free(&own);
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
    ".cpp file, or SUITE/NAME for a foreign suite's program, whose truth is\n"
    "read from the suite's own labels.  A truth that is the verdict alone (an\n"
    "SV-COMP task) names no lines: stderr says which verdict it is.\n"
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
    for (size_t i = 0; i < cat.n && !rc; i++) {
        finding_list_print(&cat.v[i].truth, stdout);
        /* Nothing printed must not read as "no race". */
        if (cat.v[i].info.truth_level == CASE_TRUTH_PROGRAM)
            fprintf(stderr, "racecard: %s: program-level truth only: %s (no lines are named)\n",
                    cat.v[i].info.name, cat.v[i].info.verdict);
    }
    job_catalog_free(&cat);
    text_list_free(&names);
    return rc;
}

static const char cmd_list_usage[] =
    "usage: racecard list [--from SUITE]\n"
    "\n"
    "One line per case of the catalog: NAME VERDICT CATEGORY.  --from SUITE\n"
    "lists a foreign suite's programs instead (--suite SUITE=DIR), as\n"
    "SUITE/NAME, with the verdict its labels give.\n"
    "\n"
    "exit status: 0 ok; 2 usage; 3 a case cannot be read (named on stderr; the\n"
    "others are still listed).\n";

int cmd_list(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "list", cmd_list_usage, argc, argv);
    const char *from = NULL;
    while (cli_next(&a)) {
        if (!cli_value(&a, NULL, "--from", &from))
            cli_unknown(&a);
    }
    if (a.done)
        return a.status;
    if (cli_operands(&a))
        return cli_usage_error(&a, "takes no arguments");
    text_list none;
    text_list_init(&none);
    int rc = from ? job_suite_case_names(ctx, from, &none) : 0;
    if (rc) {
        text_list_free(&none);
        return rc;
    }
    job_catalog cat;
    rc = job_catalog_load(ctx, &none, &cat);
    text_list_free(&none);
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

/* ---- doctor ----------------------------------------------------------------- */

static const char cmd_doctor_usage[] =
    "usage: racecard doctor [--brief] [-d DETECTOR]...\n"
    "\n"
    "Says, before anything runs, which conditions of this machine break race\n"
    "detectors (a virtual-memory limit, strict overcommit, high address\n"
    "randomisation, personality(2) refused, 5-level paging, a clang without its\n"
    "llvm-symbolizer, few CPUs): what holds, which detectors it breaks, the fix,\n"
    "and whether racecard works around it; then whether each detector (every\n"
    "definition, or those named) can run here.  With --brief it says nothing\n"
    "when all is well, and only what is wrong otherwise, exit status 0 (the run\n"
    "workflow calls it so before the matrix).\n"
    "\n"
    "exit status: 0 every detector asked about can run here; 2 usage; 3 a\n"
    "definition cannot be read; 4 unknown detector; 77 a detector cannot run\n"
    "here (not installed, or broken by a condition racecard does not work\n"
    "around).\n";

/* The doctor mask of the detectors a definition's parser says it is. */
static int cmd_doctor_family(const det_def *d)
{
    if (strcmp(d->parser, "tsan") == 0)
        return DOCTOR_TSAN;
    if (strcmp(d->parser, "helgrind") == 0 || strcmp(d->parser, "drd") == 0)
        return DOCTOR_VALGRIND;
    return DOCTOR_NONE;
}

static void cmd_doctor_print(const doctor_condition *c)
{
    const char *who = c->breaks == (DOCTOR_TSAN | DOCTOR_VALGRIND) ? "ThreadSanitizer and Valgrind"
                      : c->breaks & DOCTOR_TSAN                   ? "ThreadSanitizer"
                      : c->breaks & DOCTOR_VALGRIND               ? "Helgrind and DRD"
                                                                  : "no detector";
    printf("- %s\n    breaks: %s; fix: %s; racecard works around it: %s\n", c->what, who, c->fix,
           c->worked_around ? "yes" : "no");
}

/* The first condition of r that breaks d here, or NULL. */
static const doctor_condition *cmd_doctor_blocker(const doctor_report *r, const det_def *d)
{
    int family = cmd_doctor_family(d);
    for (size_t i = 0; i < r->n; i++)
        if ((r->v[i].breaks & family) && !r->v[i].worked_around)
            return &r->v[i];
    return NULL;
}

int cmd_doctor(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "doctor", cmd_doctor_usage, argc, argv);
    text_list names;
    text_list_init(&names);
    const char *v;
    int brief = 0;
    while (cli_next(&a)) {
        if (cli_value(&a, "-d", "--detector", &v))
            text_list_push(&names, text_dup(v));
        else if (cli_flag(&a, NULL, "--brief"))
            brief = 1;
        else
            cli_unknown(&a);
    }
    int rc = a.done ? a.status : cli_operands(&a) ? cli_usage_error(&a, "takes options only") : -1;
    if (rc >= 0) {
        text_list_free(&names);
        return rc;
    }
    if (!names.n)
        job_detector_names(ctx, &names);
    job_detectors ds;
    rc = job_detectors_load(ctx, &names, &ds);
    doctor_report machine, own;
    doctor_report_init(&machine);
    doctor_report_init(&own);
    doctor_probe probe = {"/proc", "/sys/fs/cgroup", 1};
    if (!rc)
        doctor_check(&probe, &machine);
    for (size_t i = 0; i < ds.n && !rc; i++)
        if (cmd_doctor_family(&ds.v[i].def) == DOCTOR_TSAN && ds.v[i].available)
            doctor_check_symbolizer(ds.v[i].def.name, ds.v[i].def.compiler, &own);
    /* --brief: a word only when a condition holds or a detector cannot run. */
    int quiet = brief && !rc && machine.n + own.n == 0;
    for (size_t i = 0; quiet && i < ds.n; i++)
        quiet = ds.v[i].available;
    if (quiet)
        rc = RC_EXIT_OK;
    if (!rc && !quiet) {
        printf("doctor: %zu condition%s of this machine%s\n", machine.n + own.n,
               machine.n + own.n == 1 ? "" : "s", machine.n + own.n ? ":" : "; none breaks a detector");
        for (size_t i = 0; i < machine.n; i++)
            cmd_doctor_print(&machine.v[i]);
        for (size_t i = 0; i < own.n; i++)
            cmd_doctor_print(&own.v[i]);
        printf("doctor: detectors:\n");
    }
    size_t broken = 0;
    for (size_t i = 0; i < ds.n && !rc && !quiet; i++) {
        const job_detector *d = &ds.v[i];
        const doctor_condition *b = cmd_doctor_blocker(&machine, &d->def);
        for (size_t k = 0; k < own.n && !b; k++)
            if (strstr(own.v[k].what, d->def.name) == own.v[k].what)
                b = &own.v[k];
        if (!d->available)
            printf("  %-16s cannot run: %s\n", d->def.name, d->why);
        else if (b)
            printf("  %-16s broken here: %s\n", d->def.name, b->what);
        else
            printf("  %-16s ready\n", d->def.name);
        broken += !d->available || b;
    }
    if (!rc && broken && !brief)
        rc = RC_EXIT_SKIP;
    doctor_report_free(&machine);
    doctor_report_free(&own);
    job_detectors_free(&ds);
    text_list_free(&names);
    return rc;
}
