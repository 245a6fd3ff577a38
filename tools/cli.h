/*
 * cli.h - what every racecard command shares: where things are (the global
 * options), reading a command's own options, --help, strict mode, and the
 * one way a command reports a usage error.
 *
 * Each command lives in a cmd_*.c file of the library, so that tests can
 * call it and main.c only routes; this header is the contract between them.
 * Commands return an RC_EXIT_* status (exitcode.h) and print their own
 * messages, "racecard: ..." on standard error.
 */
#ifndef RACECARD_CLI_H
#define RACECARD_CLI_H

#include "text.h"

/* Where racecard looks for things, and how strict it is; from the global
   options, defaults compiled into main.c. */
typedef struct cli_ctx {
    const char *source_dir;    /* cases/, detectors/, expected/ */
    const char *build_dir;     /* cases/FLAVOUR/CASE, logs/, flavours/ */
    const char **det_files;    /* --detector-file PATH, each: detectors beside */
    size_t n_det_files;        /* those of SOURCE/detectors, under their names */
    const char *expected_dir;  /* --expected-dir; NULL: SOURCE/expected */
    int strict;                /* --strict or RACECARD_STRICT: a skip fails */
    const char **suite_specs;  /* --suite NAME=DIR, each: a foreign suite's checkout */
    size_t n_suite_specs;      /* none: those the build recorded (suite.h) */
    unsigned jobs;             /* -j N: runs at a time (pool.h); 0: the CPUs */
    int rerun;                 /* --rerun: results stored before are not reused */
    int quiet;                 /* -q: no progress line */
} cli_ctx;

/* True when the environment asks for strict mode: RACECARD_STRICT set to
   anything but "", "0" or "no". */
int cli_strict_from_env(const char *value);

/*
 * A walk over a command's arguments, options first.  The usual loop:
 *
 *     cli_args a;
 *     cli_args_init(&a, "score", usage, argc, argv);
 *     while (cli_next(&a)) {
 *         if (cli_value(&a, "-d", "--detector", &v)) ...
 *         else if (cli_flag(&a, NULL, "--quiet")) ...
 *         else return cli_unknown(&a);
 *     }
 *     if (a.done) return a.status;      (--help answered, or a usage error)
 *     operands are argv[a.i .. argc)
 *
 * "--name value" and "--name=value" are the same; "--" ends the options and
 * "-" alone is an operand (standard input).  "-h" and "--help" print the
 * command's usage on stdout and end the walk with status 0.
 */
typedef struct cli_args {
    const char *command;   /* for messages: "racecard COMMAND: ..."; NULL: global */
    const char *usage;     /* printed by --help */
    int argc;
    char **argv;
    int i;                 /* the argument being looked at */
    int step;              /* how many arguments the option matched takes */
    int done, status;      /* set when the walk ended early, and why */
    int stopped;           /* the options are over */
} cli_args;

void cli_args_init(cli_args *a, const char *command, const char *usage, int argc, char **argv);
/*
 * Moves past the option matched last time and returns 1 when argv[i] is
 * another option to match, 0 at the first operand, at "--" (skipped) or
 * when the walk is done.  Answers --help itself.
 */
int cli_next(cli_args *a);
/* True when argv[i] is the option short_name or long_name (either may be
   NULL), which takes no value ("--flag=x" is a usage error). */
int cli_flag(cli_args *a, const char *short_name, const char *long_name);
/* True when argv[i] is the option, with its value in *value; a missing
   value is a usage error (the walk ends, and this returns 0). */
int cli_value(cli_args *a, const char *short_name, const char *long_name, const char **value);
/* Ends the walk with a usage error naming argv[i] and returns RC_EXIT_USAGE;
   when the walk has already ended (a missing value), returns its status. */
int cli_unknown(cli_args *a);
/* Ends the walk with a usage error: "racecard COMMAND: what"; returns RC_EXIT_USAGE. */
int cli_usage_error(cli_args *a, const char *what);
/* The number of operands left after the options. */
int cli_operands(const cli_args *a);

/*
 * The options of the commands that run cases (matrix, score, bless, check):
 * "-j N" / "--jobs N", "--rerun" and "-q" / "--quiet", into ctx.  True
 * when argv[i] was one of them (a bad -j value ends the walk with a usage
 * error, and this returns 0).
 */
int cli_run_option(cli_args *a, cli_ctx *ctx);
/* The lines of a command's usage that describe those options. */
#define CLI_RUN_OPTIONS_HELP \
    "  -j, --jobs N   N runs at a time (default: the CPUs this process may use)\n" \
    "  --rerun        run again even where the build tree holds a result of the\n" \
    "                 same run (docs/results.md)\n" \
    "  -q, --quiet    no progress line on the terminal\n"

/* Prints "racecard: msg" on stderr and returns code. */
int cli_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The commands, each in its cmd_*.c file. */
int cmd_parse(cli_ctx *ctx, int argc, char **argv);
int cmd_truth(cli_ctx *ctx, int argc, char **argv);
int cmd_list(cli_ctx *ctx, int argc, char **argv);
int cmd_detectors(cli_ctx *ctx, int argc, char **argv);
int cmd_run(cli_ctx *ctx, int argc, char **argv);
int cmd_check(cli_ctx *ctx, int argc, char **argv);
int cmd_matrix(cli_ctx *ctx, int argc, char **argv);
int cmd_bless(cli_ctx *ctx, int argc, char **argv);
int cmd_lint(cli_ctx *ctx, int argc, char **argv);
int cmd_score(cli_ctx *ctx, int argc, char **argv);
int cmd_merge(cli_ctx *ctx, int argc, char **argv);
int cmd_explain(cli_ctx *ctx, int argc, char **argv);
int cmd_blind(cli_ctx *ctx, int argc, char **argv);
int cmd_export(cli_ctx *ctx, int argc, char **argv);
int cmd_doctor(cli_ctx *ctx, int argc, char **argv);

#endif
