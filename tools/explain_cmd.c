/*
 * explain_cmd.c - the "racecard explain" command: options, the choice of
 * colour, and one pass of explain_stream per log.
 *
 * It lives with its stage rather than in main.c so that the command is
 * complete and testable here; main.c only routes "explain" to
 * explain_command.  Logs that cannot be opened are reported and skipped, so
 * one missing file does not hide the explanation of the others, and the exit
 * status still says something was wrong.
 */
#include "exitcode.h"
#include "explain_impl.h"
#include "parse.h"
#include "runner.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char explain_usage[] =
    "usage: racecard explain [--source DIR] [--own FILE|DIR]... [--color=auto|always|never]\n"
    "                        [LOG...]\n"
    "\n"
    "Prints a ThreadSanitizer, Helgrind or DRD log (stdin if no LOG, or for \"-\")\n"
    "with a note in plain words under each part of each report, the first frame\n"
    "in the program's own code marked '*', and how to fix each kind of report.\n"
    "\n"
    "  --source DIR   look for the program's source files in DIR, to quote the\n"
    "                 lines a report names; files named like racecard's own cases\n"
    "                 are found in its cases/ without it\n"
    "  --own FILE|DIR the program's own source files (repeatable), as for parse:\n"
    "                 the frame marked '*' is the first in one of them\n"
    "  --color WHEN   auto (the default: colour on a terminal, unless NO_COLOR is\n"
    "                 set), always or never\n";

int explain_color_choice(const char *when, int is_tty, const char *no_color, int *color)
{
    if (strcmp(when, "always") == 0)
        *color = 1;
    else if (strcmp(when, "never") == 0)
        *color = 0;
    else if (strcmp(when, "auto") == 0)
        *color = is_tty && !(no_color && *no_color);
    else
        return -1;
    return 0;
}

static int explain_usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "racecard: explain: %s%s%s\n(racecard explain --help for usage)\n", what,
            arg ? " " : "", arg ? arg : "");
    return RC_EXIT_USAGE;
}

/* Explains one open log; heading names it when there are several. */
static int explain_one(FILE *f, const char *name, const explain_opts *o, int heading)
{
    explain_stats st;
    memset(&st, 0, sizeof st);
    if (heading)
        printf(o->color ? "\033[1m==> %s <==\033[0m\n" : "==> %s <==\n", name);
    int err = explain_stream(f, stdout, o, &st);
    explain_print_totals(stdout, name, &st, o->color);
    if (err) {
        fflush(stdout);
        fprintf(stderr, "racecard: %s: read error\n", name);
        return RC_EXIT_INPUT;
    }
    return RC_EXIT_OK;
}

typedef struct explain_args {
    const char *when;
    const char *source;
    parse_own own;  /* --own, repeatable */
    int first_log;  /* index of the first LOG in argv */
    int help;       /* --help: print the usage and stop */
} explain_args;

/* Reads the options; returns an exit status (RC_EXIT_USAGE for a bad one). */
static int explain_parse_args(int argc, char **argv, explain_args *a)
{
    int i = 0;
    for (; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "--") == 0) {
            i++;
            break;
        }
        if (s[0] != '-' || s[1] == '\0')
            break;
        if (strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0) {
            a->help = 1;
            return RC_EXIT_OK;
        }
        if (text_starts_with(s, "--color="))
            a->when = s + 8;
        else if (strcmp(s, "--color") == 0 && i + 1 < argc)
            a->when = argv[++i];
        else if (text_starts_with(s, "--own=") || (strcmp(s, "--own") == 0 && i + 1 < argc)) {
            const char *v = s[5] == '=' ? s + 6 : argv[++i];
            if (parse_own_add(&a->own, v) != 0) {
                fprintf(stderr, "racecard: explain: --own %s: %s\n", v, strerror(errno));
                return RC_EXIT_INPUT;
            }
        } else if (text_starts_with(s, "--source="))
            a->source = s + 9;
        else if (strcmp(s, "--source") == 0 && i + 1 < argc)
            a->source = argv[++i];
        else
            return explain_usage_error("unknown option or missing value:", s);
    }
    a->first_log = i;
    return RC_EXIT_OK;
}

/*
 * A raw log the runner kept, DIR/DETECTOR/CASE.log, of a case of the
 * catalog in source_dir: sets kase to CASE and expected to
 * source_dir/expected/DETECTOR/CASE when that file exists (empty when not)
 * and returns 0; returns -1 for any other log.  How explain knows a log is a
 * catalog case's without being told: by where racecard keeps it.
 */
static int explain_catalog_log(const char *log, const char *source_dir, text_buf *kase,
                               text_buf *expected)
{
    const char *base = text_basename(log);
    if (!text_ends_with(base, ".log") || base == log)
        return -1;
    size_t n = strlen(base) - 4;
    text_buf_add(kase, base, n);
    text_buf src;
    text_buf_init(&src);
    text_buf_printf(&src, "%s/cases/%s.c", source_dir, kase->s);
    struct stat st;
    int is_case = stat(src.s, &st) == 0 && S_ISREG(st.st_mode);
    text_buf_free(&src);
    if (!is_case)
        return -1;
    /* the folder the log is in names the detector */
    const char *end = base - 1;
    const char *det = end;
    while (det > log && det[-1] != '/')
        det--;
    if (det < end) {
        text_buf_printf(expected, "%s/expected/", source_dir);
        text_buf_add(expected, det, (size_t)(end - det));
        text_buf_printf(expected, "/%s", kase->s);
        if (stat(expected->s, &st) != 0 || !S_ISREG(st.st_mode))
            text_buf_clear(expected);
    }
    return 0;
}

int explain_command(int argc, char **argv, const char *default_source_dir)
{
    explain_args a = {"auto", NULL, {{NULL, 0, 0}, {NULL, 0, 0}}, 0, 0};
    parse_own_init(&a.own);
    int rc = explain_parse_args(argc, argv, &a);
    if (rc || a.help) {
        if (a.help)
            fputs(explain_usage, stdout);
        parse_own_free(&a.own);
        return rc;
    }
    explain_opts o = {0, a.source, NULL, NULL, NULL, parse_own_empty(&a.own) ? NULL : &a.own};
    if (explain_color_choice(a.when, isatty(fileno(stdout)), getenv("NO_COLOR"), &o.color) != 0)
        return explain_usage_error("--color wants auto, always or never, not", a.when);
    struct stat sb;
    if (a.source && (stat(a.source, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        fprintf(stderr, "racecard: explain: --source %s: not a directory\n", a.source);
        return RC_EXIT_INPUT;
    }
    text_buf cases;
    text_buf_init(&cases);
    if (default_source_dir) {
        text_buf_printf(&cases, "%s/cases", default_source_dir);
        o.cases_dir = cases.s;
    }
    int nlogs = argc - a.first_log;
    if (nlogs == 0)
        rc = explain_one(stdin, "<stdin>", &o, 0);
    for (int i = a.first_log; i < argc; i++) {
        const char *name = argv[i];
        int is_stdin = strcmp(name, "-") == 0;
        FILE *f = is_stdin ? stdin : fopen(name, "r");
        if (!f) {
            fflush(stdout);
            fprintf(stderr, "racecard: %s: %s\n", name, strerror(errno));
            rc = RC_EXIT_INPUT;
            continue;
        }
        text_buf kase, expected;
        text_buf_init(&kase);
        text_buf_init(&expected);
        explain_opts lo = o;
        parse_own case_own;
        parse_own_init(&case_own);
        if (!is_stdin && default_source_dir &&
            explain_catalog_log(name, default_source_dir, &kase, &expected) == 0) {
            lo.case_name = kase.s;
            lo.expected = expected.len ? expected.s : NULL;
            if (!lo.own) {  /* the case's files, as the runner's parse had them */
                text_buf src;
                text_buf_init(&src);
                text_buf_printf(&src, "%s/cases/%s.c", default_source_dir, kase.s);
                runner_case_own(src.s, &case_own);
                lo.own = &case_own;
                text_buf_free(&src);
            }
        }
        int one = explain_one(f, is_stdin ? "<stdin>" : name, &lo, nlogs > 1);
        parse_own_free(&case_own);
        text_buf_free(&kase);
        text_buf_free(&expected);
        if (one)
            rc = one;
        if (!is_stdin)
            fclose(f);
    }
    text_buf_free(&cases);
    parse_own_free(&a.own);
    return rc;
}
