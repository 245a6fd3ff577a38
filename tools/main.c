/*
 * main.c - the racecard command: the global options and the table of
 * commands.  Each command lives in the library (cmd_*.c, explain_cmd.c),
 * where tests can call it; this file only routes.
 */
#include "cli.h"
#include "exitcode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RACECARD_SOURCE_DIR
#define RACECARD_SOURCE_DIR "."
#endif
#ifndef RACECARD_BINARY_DIR
#define RACECARD_BINARY_DIR "build"
#endif

/* From version.c, which the build writes (cmake/version.cmake). */
extern const char racecard_version[], racecard_commit[];

static const struct {
    const char *name;
    int (*fn)(cli_ctx *, int, char **);
    const char *summary;
} main_commands[] = {
    {"parse", cmd_parse, "raw detector output (stdin if no LOG) to canonical findings"},
    {"truth", cmd_truth, "the ground truth of cases, from their markers"},
    {"list", cmd_list, "one line per case: NAME VERDICT CATEGORY"},
    {"detectors", cmd_detectors, "the detector definitions and whether each can run here"},
    {"doctor", cmd_doctor, "conditions of this machine that break detectors, and their fixes"},
    {"run", cmd_run, "run a case under a detector; print outcome and findings"},
    {"check", cmd_check, "run, then compare with the expected file"},
    {"matrix", cmd_matrix, "check every case under every detector; print a table"},
    {"bless", cmd_bless, "run and rewrite expected files for review (git diff)"},
    {"lint", cmd_lint, "the catalog's consistency, without running anything"},
    {"score", cmd_score, "score detectors against the ground truth (docs/scorecard.md)"},
    {"merge", cmd_merge, "one scorecard from the records of score --shard runs"},
    {"explain", cmd_explain, "a detector's log explained in plain words (docs/explain.md)"},
    {"blind", cmd_blind, "the cases as blind copies for tools that read source"},
    {"export", cmd_export, "the catalog as a data set, one JSON record per case"},
    {NULL, NULL, NULL},
};

static void main_usage(void)
{
    fputs("usage: racecard [--source-dir DIR] [--build-dir DIR] [--expected-dir DIR]\n"
          "                [--detector-file PATH] [--suite NAME=DIR] [--strict] COMMAND [ARGS]\n"
          "       racecard --version | --help\n"
          "\ncommands (racecard COMMAND --help for each):\n", stdout);
    for (size_t c = 0; main_commands[c].name; c++)
        printf("  %-10s %s\n", main_commands[c].name, main_commands[c].summary);
    fputs("\n"
          "DETECTOR is a name from SOURCE/detectors/NAME.det, or of a --detector-file\n"
          "PATH/NAME.det (repeatable: each adds a detector, scored beside the\n"
          "others; with just one, run, check and bless take it when no DETECTOR is\n"
          "named).  CASE is a name from SOURCE/cases or a path to a .c or .cpp\n"
          "file, or SUITE/NAME for a program of a foreign suite whose checkout is\n"
          "named by --suite NAME=DIR (repeatable; drb: DataRaceBench, goblint:\n"
          "Goblint's regression tests, svcomp: SV-COMP's no-data-race tasks) or was\n"
          "given to CMake as RACECARD_SUITES.  The source and build directories default to the tree racecard was\n"
          "built in; expected files are read from SOURCE/expected unless\n"
          "--expected-dir is given.  --strict (or\n"
          "RACECARD_STRICT=1 in the environment) makes a detector that cannot run\n"
          "here a failure (status 6) instead of a skip.  RACECARD_RERUN=1 is\n"
          "--rerun for every command that runs cases (docs/results.md).\n"
          "\n"
          "exit status: 0 ok; 1 findings differ from expected; 2 usage; 3 missing or\n"
          "malformed input file; 4 unknown detector; 5 run did not complete (crash,\n"
          "timeout, detector failed); 6 strict: a detector was skipped or nothing was\n"
          "tested; 8 parse: log cut off or detector fatal error; 70 internal error;\n"
          "73 an output asked for cannot be written (score --html/--sarif, bless);\n"
          "77 detector not installed (skipped).\n", stdout);
}

/* Reads the global options into ctx; -1 to go on to the command at *cmd. */
static int main_options(int argc, char **argv, cli_ctx *ctx, int *cmd)
{
    cli_args a;
    cli_args_init(&a, NULL, "", argc - 1, argv + 1);
    const char *file;
    while (cli_next(&a)) {
        if (cli_value(&a, NULL, "--source-dir", &ctx->source_dir) ||
            cli_value(&a, NULL, "--build-dir", &ctx->build_dir) ||
            cli_value(&a, NULL, "--expected-dir", &ctx->expected_dir))
            continue;
        if (cli_value(&a, NULL, "--detector-file", &file)) {
            ctx->det_files[ctx->n_det_files++] = file;
            continue;
        }
        if (cli_value(&a, NULL, "--suite", &file)) {
            ctx->suite_specs[ctx->n_suite_specs++] = file;
            continue;
        }
        if (cli_flag(&a, NULL, "--strict")) {
            ctx->strict = 1;
        } else if (cli_flag(&a, "-V", "--version")) {
            printf("racecard %s (commit %s)\n", racecard_version, racecard_commit);
            return RC_EXIT_OK;
        } else {
            cli_unknown(&a);
        }
    }
    if (a.done) {
        if (a.status == RC_EXIT_OK)
            main_usage();
        return a.status;
    }
    if (!cli_operands(&a))
        return cli_usage_error(&a, "no command");
    *cmd = a.i + 1;
    return -1;
}

int main(int argc, char **argv)
{
    cli_ctx ctx = {RACECARD_SOURCE_DIR, RACECARD_BINARY_DIR, NULL, 0, NULL, 0, NULL, 0, 0, 0, 0};
    ctx.strict = cli_strict_from_env(getenv("RACECARD_STRICT"));
    /* For CTest's checks, which take no options of their own. */
    ctx.rerun = cli_strict_from_env(getenv("RACECARD_RERUN"));
    const char *files[argc > 0 ? argc : 1];   /* at most one per argument */
    const char *suites[argc > 0 ? argc : 1];
    ctx.det_files = files;
    ctx.suite_specs = suites;
    int i = 0;
    int rc = main_options(argc, argv, &ctx, &i);
    if (rc >= 0)
        return rc;
    for (size_t c = 0; main_commands[c].name; c++)
        if (strcmp(argv[i], main_commands[c].name) == 0)
            return main_commands[c].fn(&ctx, argc - i - 1, argv + i + 1);
    fprintf(stderr, "racecard: unknown command '%s'\n(racecard --help for usage)\n", argv[i]);
    return RC_EXIT_USAGE;
}
