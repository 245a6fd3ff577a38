/*
 * main.c - the racecard command: argument handling and the subcommands that
 * string the stages together.  Each stage lives in its own module (casefile,
 * detector, run/runner, parse, check); this file only routes.
 */
#include "casefile.h"
#include "check.h"
#include "detector.h"
#include "exitcode.h"
#include "explain.h"
#include "finding.h"
#include "parse.h"
#include "report.h"
#include "report_html.h"
#include "runner.h"
#include "score.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef RACECARD_SOURCE_DIR
#define RACECARD_SOURCE_DIR "."
#endif
#ifndef RACECARD_BINARY_DIR
#define RACECARD_BINARY_DIR "build"
#endif

static const char usage_text[] =
    "usage: racecard [--source-dir DIR] [--build-dir DIR] [--expected-dir DIR]\n"
    "                [--detector-file PATH] COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  parse [--detector tsan|helgrind|drd|canonical] [LOG...]\n"
    "                       raw detector output (stdin if no LOG) to canonical findings\n"
    "  truth CASE...        the ground truth of cases, from their RACE markers\n"
    "  list                 one line per case: NAME VERDICT CATEGORY\n"
    "  detectors            the detector definitions and whether each can run here\n"
    "  run DETECTOR CASE    run a case under a detector; print outcome and findings\n"
    "  check DETECTOR CASE  run, then compare with expected/DETECTOR/CASE\n"
    "  matrix [-d DETECTOR]... [-c CASE]...\n"
    "                       check every case under every detector; print a table\n"
    "  bless DETECTOR [CASE...]\n"
    "                       run and rewrite expected files for review (git diff)\n"
    "  lint                 every case readable, every detector's expected file\n"
    "                       present, explained and naming lines that exist,\n"
    "                       every marked finding confirmed by some detector\n"
    "  score [-d DETECTOR]... [-c CASE]... [--repeat N] [--format table|csv|json|md]\n"
    "        [--sarif DIR] [--html DIR] [--native DETECTOR]\n"
    "                       run every case under every installed detector and\n"
    "                       score the findings against the ground truth\n"
    "                       (docs/scorecard.md); --sarif writes DIR/DETECTOR.sarif;\n"
    "                       --html writes DIR/index.html (the scorecard) and\n"
    "                       DIR/CASE.html (source beside each explained log)\n"
    "  explain [--source DIR] [--color=auto|always|never] [LOG...]\n"
    "                       a detector's log (stdin if no LOG), explained in plain\n"
    "                       words, with the racing source lines quoted (docs/explain.md)\n"
    "\n"
    "DETECTOR is a name from DIR/detectors/NAME.det, or --detector-file PATH\n"
    "(placed before it).  CASE is a name from DIR/cases or a path to a .c file.\n"
    "The source and build directories default to the tree racecard was built in;\n"
    "expected files are read from SOURCE/expected unless --expected-dir is given.\n"
    "\n"
    "exit status: 0 ok; 1 findings differ from expected; 2 usage; 3 missing or\n"
    "malformed input file; 4 unknown detector; 5 run did not complete (crash,\n"
    "timeout, detector failed); 8 parse: log cut off or detector fatal error;\n"
    "70 internal error; 73 score: cannot write --html or --sarif output;\n"
    "77 detector not installed (skipped).\n";

/* Where racecard looks for things; set from options, defaults compiled in. */
typedef struct main_ctx {
    const char *source_dir;
    const char *build_dir;
    const char *detector_file;  /* --detector-file, overrides a detector name */
    const char *expected_dir;   /* --expected-dir; NULL: SOURCE/expected */
} main_ctx;

static int main_usage_error(const char *what)
{
    fprintf(stderr, "racecard: %s\n(racecard --help for usage)\n", what);
    return RC_EXIT_USAGE;
}

static int main_error(int code, const char *what)
{
    fprintf(stderr, "racecard: %s\n", what);
    return code;
}

/* ---- parse, truth, list ------------------------------------------------ */

static int cmd_parse(main_ctx *ctx, int argc, char **argv)
{
    (void)ctx;
    parse_tool tool = PARSE_ANY;
    int i = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--detector") == 0 && i + 1 < argc) {
            if (parse_tool_from_name(argv[++i], &tool) != 0) {
                fprintf(stderr, "racecard: unknown parser '%s' (tsan, helgrind, drd, canonical)\n", argv[i]);
                return RC_EXIT_DETECTOR;
            }
        } else {
            return main_usage_error("parse: unknown option or missing value");
        }
    }
    parse_result r;
    parse_result_init(&r);
    int rc = RC_EXIT_OK;
    if (i == argc && parse_stream(stdin, "<stdin>", tool, &r) != 0)
        rc = main_error(RC_EXIT_INPUT, "parse: read error on standard input");
    for (; i < argc && rc == RC_EXIT_OK; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "racecard: %s: %s\n", argv[i], strerror(errno));
            rc = RC_EXIT_INPUT;
            break;
        }
        if (parse_stream(f, argv[i], tool, &r) != 0) {
            fprintf(stderr, "racecard: %s: read error\n", argv[i]);
            rc = RC_EXIT_INPUT;
        }
        if (f != stdin)
            fclose(f);
    }
    finding_list_normalize(&r.findings);
    finding_list_print(&r.findings, stdout);
    for (size_t n = 0; n < r.notes.n; n++)
        fprintf(stderr, "racecard: %s\n", r.notes.v[n]);
    if (rc == RC_EXIT_OK && (r.truncated || r.fatal || r.tsan_bad_mapping))
        rc = RC_EXIT_LOG;
    parse_result_free(&r);
    return rc;
}

/* Resolves a case argument: a path as given, or SOURCE/cases/NAME.c. */
static char *main_case_path(const main_ctx *ctx, const char *arg)
{
    text_buf b;
    text_buf_init(&b);
    if (strchr(arg, '/') || text_ends_with(arg, ".c"))
        text_buf_adds(&b, arg);
    else
        text_buf_printf(&b, "%s/cases/%s.c", ctx->source_dir, arg);
    return b.s;
}

static int main_load_case(const main_ctx *ctx, const char *arg, case_info *c)
{
    char *path = main_case_path(ctx, arg);
    text_buf err;
    text_buf_init(&err);
    int rc = case_load(path, c, &err);
    if (rc)
        fprintf(stderr, "racecard: %s\n", err.s);
    text_buf_free(&err);
    free(path);
    return rc;
}

static int cmd_truth(main_ctx *ctx, int argc, char **argv)
{
    if (argc == 0)
        return main_usage_error("truth: name at least one case");
    for (int i = 0; i < argc; i++) {
        case_info c;
        int rc = main_load_case(ctx, argv[i], &c);
        if (!rc) {
            finding_list t;
            finding_list_init(&t);
            case_truth(&c, &t);
            finding_list_print(&t, stdout);
            finding_list_free(&t);
        }
        case_free(&c);
        if (rc)
            return rc;
    }
    return RC_EXIT_OK;
}

/* The names of SOURCE/cases/ *.c, sorted. */
static void main_case_names(const main_ctx *ctx, text_list *out)
{
    text_buf dir;
    text_buf_init(&dir);
    text_buf_printf(&dir, "%s/cases", ctx->source_dir);
    DIR *dp = opendir(dir.s);
    text_buf_free(&dir);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (e->d_name[0] != '.' && text_ends_with(e->d_name, ".c"))
            text_list_push(out, text_ndup(e->d_name, strlen(e->d_name) - 2));
    closedir(dp);
    text_list_sort(out, 0);
}

static int cmd_list(main_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc)
        return main_usage_error("list takes no arguments");
    text_list names;
    text_list_init(&names);
    main_case_names(ctx, &names);
    int rc = RC_EXIT_OK;
    for (size_t i = 0; i < names.n; i++) {
        case_info c;
        int r = main_load_case(ctx, names.v[i], &c);
        if (r)
            rc = r;
        else
            printf("%s %s %s\n", c.name, c.verdict, c.category);
        case_free(&c);
    }
    text_list_free(&names);
    return rc;
}

/* ---- detectors ----------------------------------------------------------- */

/* Loads the detector named by arg, or ctx->detector_file when given. */
static int main_load_detector_to(const main_ctx *ctx, const char *arg, det_def *d, int quiet)
{
    text_buf err;
    text_buf_init(&err);
    int rc;
    if (ctx->detector_file) {
        rc = det_load(ctx->detector_file, d, &err);
    } else {
        text_buf dir;
        text_buf_init(&dir);
        text_buf_printf(&dir, "%s/detectors", ctx->source_dir);
        rc = det_find(dir.s, arg, d, &err);
        text_buf_free(&dir);
    }
    if (rc && !quiet)
        fprintf(stderr, "racecard: %s\n", err.s);
    text_buf_free(&err);
    return rc;
}

static int main_load_detector(const main_ctx *ctx, const char *arg, det_def *d)
{
    return main_load_detector_to(ctx, arg, d, 0);
}

static int main_load_detector_quiet(const main_ctx *ctx, const char *arg, det_def *d)
{
    return main_load_detector_to(ctx, arg, d, 1);
}

static void main_detector_names(const main_ctx *ctx, text_list *out)
{
    if (ctx->detector_file) {
        char *base = text_dup(text_basename(ctx->detector_file));
        if (text_ends_with(base, ".det"))
            base[strlen(base) - 4] = '\0';
        text_list_push(out, base);
        return;
    }
    text_buf dir;
    text_buf_init(&dir);
    text_buf_printf(&dir, "%s/detectors", ctx->source_dir);
    det_list(dir.s, out);
    text_buf_free(&dir);
}

/* True if the detector's expected files are its own (expected = its name). */
static int main_owns_expected(const det_def *d)
{
    const char *exp = det_expected_name(d);
    return exp && strcmp(exp, d->name) == 0;
}

/*
 * Keeps in names the detectors the matrix checks (those with expected files,
 * own or shared) or, with own_only, those whose expected files are their
 * own (what lint reads).  Unreadable definitions are kept, to be reported.
 */
static void main_filter_checked(const main_ctx *ctx, text_list *names, int own_only)
{
    size_t k = 0;
    for (size_t i = 0; i < names->n; i++) {
        det_def d;
        int keep = 1;
        if (main_load_detector_quiet(ctx, names->v[i], &d) == 0)
            keep = own_only ? main_owns_expected(&d) : det_expected_name(&d) != NULL;
        det_free(&d);
        if (keep)
            names->v[k++] = names->v[i];
        else
            free(names->v[i]);
    }
    names->n = k;
}

static int cmd_detectors(main_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc)
        return main_usage_error("detectors takes no arguments");
    text_list names;
    text_list_init(&names);
    main_detector_names(ctx, &names);
    int rc = RC_EXIT_OK;
    text_buf why;
    text_buf_init(&why);
    for (size_t i = 0; i < names.n; i++) {
        det_def d;
        int r = main_load_detector(ctx, names.v[i], &d);
        if (r) {
            rc = r;
        } else if (det_available(&d, ctx->build_dir, &why)) {
            printf("%-16s available    %s\n", d.name, d.summary ? d.summary : "");
        } else {
            printf("%-16s unavailable  %s\n", d.name, why.s);
        }
        det_free(&d);
    }
    text_buf_free(&why);
    text_list_free(&names);
    return rc;
}

/* ---- run and check -------------------------------------------------------- */

/* Everything one (detector, case) check needs, loaded and resolved. */
typedef struct main_job {
    det_def det;
    case_info kase;
    finding_list truth;
    text_buf exe, log, expected;
} main_job;

static void main_job_free(main_job *j)
{
    det_free(&j->det);
    case_free(&j->kase);
    finding_list_free(&j->truth);
    text_buf_free(&j->exe);
    text_buf_free(&j->log);
    text_buf_free(&j->expected);
}

static int main_job_load(const main_ctx *ctx, const char *det, const char *kase, main_job *j)
{
    memset(j, 0, sizeof *j);
    finding_list_init(&j->truth);
    text_buf_init(&j->exe);
    text_buf_init(&j->log);
    text_buf_init(&j->expected);
    int rc = main_load_detector(ctx, det, &j->det);
    if (!rc)
        rc = main_load_case(ctx, kase, &j->kase);
    if (rc)
        return rc;
    case_truth(&j->kase, &j->truth);
    text_buf_printf(&j->exe, "%s/cases/%s/%s", ctx->build_dir, j->det.flavour, j->kase.name);
    text_buf_printf(&j->log, "%s/logs/%s/%s.log", ctx->build_dir, j->det.name, j->kase.name);
    const char *exp = det_expected_name(&j->det);
    if (!exp)
        ;   /* scored only: j->expected stays empty */
    else if (ctx->expected_dir)
        text_buf_printf(&j->expected, "%s/%s/%s", ctx->expected_dir, exp, j->kase.name);
    else
        text_buf_printf(&j->expected, "%s/expected/%s/%s", ctx->source_dir, exp, j->kase.name);
    return 0;
}

/*
 * Checks availability and the binary, then runs.  Returns 0 with r filled,
 * RC_EXIT_SKIP when the detector is not installed, or another error code;
 * messages go to out.
 */
static int main_job_run(const main_ctx *ctx, main_job *j, runner_result *r, FILE *out)
{
    text_buf why;
    text_buf_init(&why);
    int rc = 0;
    if (!det_available(&j->det, ctx->build_dir, &why)) {
        fprintf(out, "SKIP %s/%s: %s\n", j->det.name, j->kase.name, why.s);
        rc = RC_EXIT_SKIP;
    } else if (access(j->exe.s, X_OK) != 0) {
        fprintf(out, "racecard: %s: case binary missing (%s): build the tree first\n",
                j->exe.s, strerror(errno));
        rc = RC_EXIT_INPUT;
    } else if ((rc = runner_run(&j->det, j->exe.s, j->log.s, r, &why)) != 0) {
        fprintf(out, "racecard: %s\n", why.s);
    }
    text_buf_free(&why);
    if (rc)
        return rc;
    if (r->aslr_workaround)
        fprintf(out, "note: ThreadSanitizer could not start with this kernel's address layout "
                     "(vm.mmap_rnd_bits too high for its shadow memory); re-ran with address "
                     "randomisation disabled for the process (ADDR_NO_RANDOMIZE); first log: %s.first-attempt\n",
                j->log.s);
    if (!runner_completed(r)) {
        fprintf(out, "%s %s/%s: %s: %s\n  raw log: %s\n", "ERROR", j->det.name, j->kase.name,
                runner_outcome_name(r->outcome), r->detail.s ? r->detail.s : "", j->log.s);
        for (size_t i = 0; i < r->notes.n; i++)
            fprintf(out, "  %s\n", r->notes.v[i]);
        /* What was reported before things went wrong is still evidence. */
        if (r->findings.n)
            fprintf(out, "  %zu finding%s read before that:\n", r->findings.n,
                    r->findings.n == 1 ? "" : "s");
        for (size_t i = 0; i < r->findings.n; i++) {
            fputs("    ", out);
            finding_print(&r->findings.v[i], out);
        }
        return RC_EXIT_RUN;
    }
    return 0;
}

static int cmd_run(main_ctx *ctx, int argc, char **argv)
{
    if (argc != 2 - (ctx->detector_file != NULL))
        return main_usage_error("run: want DETECTOR CASE");
    main_job j;
    int rc = main_job_load(ctx, ctx->detector_file ? NULL : argv[0], argv[argc - 1], &j);
    if (!rc) {
        runner_result r;
        runner_result_init(&r);
        rc = main_job_run(ctx, &j, &r, stderr);
        if (!rc) {
            printf("# %s/%s: %s (%.2f s); raw log %s\n", j.det.name, j.kase.name,
                   runner_outcome_name(r.outcome), r.status.wall_s, j.log.s);
            finding_list_print(&r.findings, stdout);
        }
        runner_result_free(&r);
    }
    main_job_free(&j);
    return rc == RC_EXIT_SKIP ? RC_EXIT_SKIP : rc;
}

/* Loads the expected file and holds it to the truth; messages to out. */
static int main_job_expected(main_job *j, check_expected *e, FILE *out)
{
    text_buf err;
    text_buf_init(&err);
    int rc = check_load(j->expected.s, e, &err);
    if (!rc)
        rc = check_against_truth(e, &j->truth, &err);
    if (rc)
        fprintf(out, "racecard: %s\n", err.s);
    text_buf_free(&err);
    return rc;
}

/* True if the expected file records a difference from the ground truth. */
static int main_expected_deviates(const check_expected *e)
{
    if (e->missing.n)
        return 1;
    for (size_t i = 0; i < e->reasons.n; i++)
        if (*e->reasons.v[i])
            return 1;
    return 0;
}

/*
 * One check; the report goes to out.  Returns the check's exit status; sets
 * *deviates (when not NULL) if the expected file documents a known false
 * positive or negative.
 */
static int main_check_job(const main_ctx *ctx, main_job *j, FILE *out, int *deviates)
{
    text_buf why;
    text_buf_init(&why);
    /* A detector that cannot run here is skipped before anything else is
       asked of it, so a new definition without expected files still skips. */
    if (!det_available(&j->det, ctx->build_dir, &why)) {
        fprintf(out, "SKIP %s/%s: %s\n", j->det.name, j->kase.name, why.s);
        text_buf_free(&why);
        return RC_EXIT_SKIP;
    }
    text_buf_free(&why);
    if (!det_expected_name(&j->det)) {
        fprintf(out, "racecard: %s has no expected files (expected = none): it is only scored "
                "against the ground truth\n", j->det.name);
        return RC_EXIT_INPUT;
    }
    check_expected e;
    check_expected_init(&e);
    int rc = main_job_expected(j, &e, out);
    if (!rc && deviates)
        *deviates = main_expected_deviates(&e);
    runner_result r;
    runner_result_init(&r);
    if (!rc)
        rc = main_job_run(ctx, j, &r, out);
    if (!rc) {
        finding_list_normalize(&e.findings);
        size_t n = r.findings.n;
        fprintf(out, "%s/%s: %s, %zu finding%s\n", j->det.name, j->kase.name,
                runner_outcome_name(r.outcome), n, n == 1 ? "" : "s");
        if (check_compare(&e.findings, &r.findings, NULL) == 0) {
            fprintf(out, "PASS %s/%s: as expected in %s\n", j->det.name, j->kase.name, j->expected.s);
        } else {
            fprintf(out, "FAIL %s/%s: findings differ from %s\n", j->det.name, j->kase.name,
                    j->expected.s);
            check_compare(&e.findings, &r.findings, out);
            fprintf(out, "  raw log: %s\n", j->log.s);
            rc = RC_EXIT_MISMATCH;
        }
    }
    runner_result_free(&r);
    check_expected_free(&e);
    return rc;
}

static int cmd_check(main_ctx *ctx, int argc, char **argv)
{
    if (argc != 2 - (ctx->detector_file != NULL))
        return main_usage_error("check: want DETECTOR CASE");
    main_job j;
    int rc = main_job_load(ctx, ctx->detector_file ? NULL : argv[0], argv[argc - 1], &j);
    if (!rc)
        rc = main_check_job(ctx, &j, stdout, NULL);
    main_job_free(&j);
    return rc;
}

/* ---- matrix ------------------------------------------------------------- */

static const char *main_cell_word(int rc, int deviates)
{
    switch (rc) {
    case RC_EXIT_OK: return deviates ? "pass*" : "pass";
    case RC_EXIT_MISMATCH: return "FAIL";
    case RC_EXIT_SKIP: return "skip";
    case RC_EXIT_RUN: return "ERROR";
    default: return "BROKEN";
    }
}

/* The verdict column of a case: its verdict, or "?" if it cannot be read. */
static char *main_case_verdict(const main_ctx *ctx, const char *name)
{
    case_info c;
    text_buf err;
    text_buf_init(&err);
    char *path = main_case_path(ctx, name);
    char *v = text_dup(case_load(path, &c, &err) == 0 ? c.verdict : "?");
    case_free(&c);
    free(path);
    text_buf_free(&err);
    return v;
}

/* Parses repeated -d/-c options into lists; returns 0 or a usage error. */
static int main_matrix_args(int argc, char **argv, text_list *dets, text_list *cases)
{
    for (int i = 0; i < argc; i++) {
        int is_d = strcmp(argv[i], "-d") == 0 || strcmp(argv[i], "--detector") == 0;
        int is_c = strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--case") == 0;
        if ((!is_d && !is_c) || i + 1 == argc)
            return main_usage_error("matrix: want -d DETECTOR and -c CASE options only");
        text_list_push(is_d ? dets : cases, text_dup(argv[++i]));
    }
    return 0;
}

static int cmd_matrix(main_ctx *ctx, int argc, char **argv)
{
    text_list dets, cases;
    text_list_init(&dets);
    text_list_init(&cases);
    int rc = main_matrix_args(argc, argv, &dets, &cases);
    if (rc)
        return rc;
    if (!dets.n) {
        main_detector_names(ctx, &dets);
        main_filter_checked(ctx, &dets, 0);
    }
    if (!cases.n)
        main_case_names(ctx, &cases);
    text_buf details;
    text_buf_init(&details);
    unsigned counts[4] = {0, 0, 0, 0}; /* passed, failed, skipped, errors */
    int any_deviation = 0;
    printf("%-24s %-10s", "case", "verdict");
    for (size_t d = 0; d < dets.n; d++)
        printf(d + 1 < dets.n ? " %-12s" : " %s", dets.v[d]);
    printf("\n");
    for (size_t c = 0; c < cases.n; c++) {
        char *verdict = main_case_verdict(ctx, cases.v[c]);
        printf("%-24s %-10s", cases.v[c], verdict);
        free(verdict);
        for (size_t d = 0; d < dets.n; d++) {
            int deviates = 0;
            char *buf = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&buf, &len);
            main_job j;
            int r = main_job_load(ctx, dets.v[d], cases.v[c], &j);
            if (!r)
                r = main_check_job(ctx, &j, out, &deviates);
            main_job_free(&j);
            fclose(out);
            printf(d + 1 < dets.n ? " %-12s" : " %s", main_cell_word(r, deviates));
            any_deviation |= r == RC_EXIT_OK && deviates;
            fflush(stdout);
            counts[r == RC_EXIT_OK ? 0 : r == RC_EXIT_MISMATCH ? 1 : r == RC_EXIT_SKIP ? 2 : 3]++;
            if (r != RC_EXIT_OK && !(r == RC_EXIT_SKIP && c > 0))
                text_buf_adds(&details, buf);
            free(buf);
        }
        printf("\n");
    }
    if (any_deviation)
        printf("\n* as expected, where the expected file records a known false positive or\n"
               "  negative of that detector, with its reason\n");
    if (details.len)
        printf("\n%s", details.s);
    printf("\nmatrix: %u passed, %u failed, %u skipped, %u errors\n",
           counts[0], counts[1], counts[2], counts[3]);
    text_buf_free(&details);
    text_list_free(&dets);
    text_list_free(&cases);
    return counts[1] || counts[3] ? RC_EXIT_MISMATCH : RC_EXIT_OK;
}

/* ---- bless ---------------------------------------------------------------- */

static int main_bless_one(const main_ctx *ctx, const char *det, const char *kase)
{
    main_job j;
    int rc = main_job_load(ctx, det, kase, &j);
    runner_result r;
    runner_result_init(&r);
    if (!rc && !main_owns_expected(&j.det)) {
        fprintf(stderr, "racecard: %s does not keep expected files of its own (expected = %s)\n",
                j.det.name, j.det.expected);
        rc = RC_EXIT_INPUT;
    }
    if (!rc)
        rc = main_job_run(ctx, &j, &r, stderr);
    if (!rc) {
        check_expected old;
        check_expected_init(&old);
        text_buf err;
        text_buf_init(&err);
        int have_old = check_load(j.expected.s, &old, &err) == 0;
        text_buf header;
        text_buf_init(&header);
        text_buf_printf(&header, "# %s on %s: %s\n", j.det.name, j.kase.name, j.kase.summary);
        if (j.det.note)
            text_buf_printf(&header, "# %s\n", j.det.note);
        runner_make_parent_dir(j.expected.s);
        rc = check_write(j.expected.s, have_old ? &old : NULL, &r.findings, &j.truth,
                         header.s, &err);
        if (rc)
            fprintf(stderr, "racecard: %s\n", err.s);
        else
            printf("wrote %s (%s, %zu findings): review it with git diff\n", j.expected.s,
                   runner_outcome_name(r.outcome), r.findings.n);
        text_buf_free(&header);
        text_buf_free(&err);
        check_expected_free(&old);
    }
    runner_result_free(&r);
    main_job_free(&j);
    return rc;
}

static int cmd_bless(main_ctx *ctx, int argc, char **argv)
{
    if (argc < 1 - (ctx->detector_file != NULL))
        return main_usage_error("bless: want DETECTOR [CASE...]");
    const char *det = ctx->detector_file ? NULL : argv[0];
    int first = ctx->detector_file ? 0 : 1;
    text_list cases;
    text_list_init(&cases);
    for (int i = first; i < argc; i++)
        text_list_push(&cases, text_dup(argv[i]));
    if (!cases.n)
        main_case_names(ctx, &cases);
    int rc = RC_EXIT_OK;
    for (size_t i = 0; i < cases.n; i++) {
        int r = main_bless_one(ctx, det, cases.v[i]);
        if (r && r != RC_EXIT_SKIP)
            rc = r;
    }
    text_list_free(&cases);
    return rc;
}

/* ---- lint ---------------------------------------------------------------- */

/* Number of lines in a file, or 0 if it cannot be read. */
static unsigned long main_count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    text_reader r;
    text_reader_init(&r, f);
    while (text_reader_next(&r))
        ;
    unsigned long n = r.lineno;
    text_reader_free(&r);
    fclose(f);
    return n;
}

/*
 * True if LOC names a line that exists in the case file or in one of the
 * support headers next to it ("?" always passes).
 */
static int main_loc_exists(const main_ctx *ctx, const case_info *c, const char *loc)
{
    const char *colon = strrchr(loc, ':');
    unsigned long line;
    if (strcmp(loc, FINDING_UNKNOWN_LOC) == 0)
        return 1;
    if (!colon || text_parse_ulong(colon + 1, 100000000UL, &line) != 0 || line == 0)
        return 0;
    char *file = text_ndup(loc, (size_t)(colon - loc));
    text_buf path;
    text_buf_init(&path);
    if (strcmp(file, c->file) == 0)
        text_buf_adds(&path, c->path);
    else
        text_buf_printf(&path, "%s/cases/support/%s", ctx->source_dir, file);
    int ok = line <= main_count_lines(path.s);
    text_buf_free(&path);
    free(file);
    return ok;
}

/*
 * Lints one (detector, case) expected file; problems go to out.  The
 * findings it expects are appended to seen, for the label review.
 */
static unsigned main_lint_expected(const main_ctx *ctx, main_job *j, FILE *out,
                                   finding_list *seen)
{
    check_expected e;
    check_expected_init(&e);
    unsigned problems = main_job_expected(j, &e, out) != 0;
    for (size_t i = 0; i < e.findings.n; i++)
        finding_add(seen, e.findings.v[i].kind, e.findings.v[i].loc[0],
                    e.findings.v[i].loc[1], NULL);
    const finding_list *lists[] = {&e.findings, &e.missing};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < lists[l]->n; i++)
            for (size_t k = 0; k < 2 && lists[l]->v[i].loc[k]; k++)
                if (!main_loc_exists(ctx, &j->kase, lists[l]->v[i].loc[k])) {
                    fprintf(out, "racecard: %s: %s names a line that does not exist\n",
                            j->expected.s, lists[l]->v[i].loc[k]);
                    problems++;
                }
    check_expected_free(&e);
    return problems;
}

/*
 * The label review: every finding of a case's ground truth is reported
 * exactly (kind and every location) by at least one detector's expected file,
 * or the case carries the flag 'undetected' and its header says why no
 * detector can see it.  A label that no tool confirms and no text defends is
 * more likely wrong than the tools.
 */
static unsigned main_lint_review(const main_ctx *ctx, const char *name,
                                 const finding_list *seen, FILE *out)
{
    case_info c;
    text_buf err;
    text_buf_init(&err);
    char *path = main_case_path(ctx, name);
    unsigned problems = 0;
    if (case_load(path, &c, &err) == 0 && !case_has_flag(&c, "undetected")) {
        finding_list truth;
        finding_list_init(&truth);
        case_truth(&c, &truth);
        for (size_t t = 0; t < truth.n; t++) {
            int found = 0;
            for (size_t i = 0; i < seen->n && !found; i++)
                found = finding_cmp(&truth.v[t], &seen->v[i]) == 0;
            if (!found) {
                char *s = finding_format(&truth.v[t]);
                fprintf(out, "racecard: %s: no detector reports '%s' exactly: fix the label, "
                        "or flag the case 'undetected' and say why in its header\n", c.path, s);
                free(s);
                problems++;
            }
        }
        finding_list_free(&truth);
    }
    case_free(&c);
    text_buf_free(&err);
    free(path);
    return problems;
}

static int cmd_lint(main_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc)
        return main_usage_error("lint takes no arguments");
    text_list dets, cases;
    text_list_init(&dets);
    text_list_init(&cases);
    main_detector_names(ctx, &dets);
    main_filter_checked(ctx, &dets, 1);
    main_case_names(ctx, &cases);
    unsigned problems = 0, checked = 0;
    for (size_t c = 0; c < cases.n; c++) {
        finding_list seen;
        finding_list_init(&seen);
        for (size_t d = 0; d < dets.n; d++) {
            main_job j;
            if (main_job_load(ctx, dets.v[d], cases.v[c], &j) != 0)
                problems++;
            else
                problems += main_lint_expected(ctx, &j, stderr, &seen);
            main_job_free(&j);
            checked++;
        }
        problems += main_lint_review(ctx, cases.v[c], &seen, stderr);
        finding_list_free(&seen);
    }
    printf("lint: %zu cases, %zu detectors, %u expected files checked, %u problems\n",
           cases.n, dets.n, checked, problems);
    text_list_free(&dets);
    text_list_free(&cases);
    return problems ? RC_EXIT_INPUT : RC_EXIT_OK;
}

/* ---- score ---------------------------------------------------------------- */

typedef struct main_score_opts {
    text_list dets, cases;
    unsigned repeat;
    report_format format;
    const char *sarif_dir;   /* NULL: no SARIF */
    const char *html_dir;    /* NULL: no HTML report */
    const char *native;      /* the cost baseline's definition */
} main_score_opts;

static int main_score_args(int argc, char **argv, main_score_opts *o)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 == argc)
            return main_usage_error("score: every option takes a value");
        const char *v = argv[++i];
        unsigned long n;
        if (strcmp(a, "-d") == 0 || strcmp(a, "--detector") == 0)
            text_list_push(&o->dets, text_dup(v));
        else if (strcmp(a, "-c") == 0 || strcmp(a, "--case") == 0)
            text_list_push(&o->cases, text_dup(v));
        else if (strcmp(a, "--repeat") == 0 && text_parse_ulong(v, 1000, &n) == 0 && n > 0)
            o->repeat = (unsigned)n;
        else if (strcmp(a, "--format") == 0 && report_format_parse(v, &o->format) == 0)
            ;
        else if (strcmp(a, "--sarif") == 0)
            o->sarif_dir = v;
        else if (strcmp(a, "--html") == 0)
            o->html_dir = v;
        else if (strcmp(a, "--native") == 0)
            o->native = v;
        else
            return main_usage_error("score: want -d DET, -c CASE, --repeat N (1..1000), "
                                    "--format table|csv|json|md, --sarif DIR, --html DIR, --native DET");
    }
    return 0;
}

/* The scorecard's view of a runner outcome. */
static score_status main_score_status(const runner_result *r)
{
    switch (r->outcome) {
    case RUNNER_CLEAN:
    case RUNNER_REPORTS: return SCORE_RAN;
    case RUNNER_TIMEOUT: return SCORE_TIMEOUT;
    case RUNNER_DETECTOR_FAILED: return SCORE_DETECTOR_ERROR;
    default: return SCORE_CRASHED;
    }
}

static double main_maxrss_kb(const runner_result *r)
{
    return (double)r->status.usage.ru_maxrss;
}

/*
 * Runs one (detector, case) `repeat` times into e: the union of the
 * findings, the worst status, whether runs disagreed, and median costs.
 * Returns 0, or an error code when racecard itself could not run anything.
 */
static int main_score_entry(main_job *j, unsigned repeat, score_entry *e)
{
    if (access(j->exe.s, X_OK) != 0) {
        e->status = SCORE_BUILD_FAILED;
        return 0;
    }
    double *wall = text_alloc(repeat * sizeof *wall), *rss = text_alloc(repeat * sizeof *rss);
    finding_list first;
    finding_list_init(&first);
    runner_outcome first_outcome = RUNNER_CLEAN;
    int rc = 0;
    for (unsigned k = 0; k < repeat && !rc; k++) {
        runner_result r;
        runner_result_init(&r);
        text_buf err;
        text_buf_init(&err);
        rc = runner_run(&j->det, j->exe.s, j->log.s, &r, &err);
        if (rc) {
            fprintf(stderr, "racecard: %s\n", err.s);
        } else {
            score_status st = main_score_status(&r);
            if (st > e->status)
                e->status = st;
            wall[k] = r.status.wall_s;
            rss[k] = main_maxrss_kb(&r);
            e->runs++;
            if (k == 0) {
                first_outcome = r.outcome;
                for (size_t i = 0; i < r.findings.n; i++)
                    finding_add(&first, r.findings.v[i].kind, r.findings.v[i].loc[0],
                                r.findings.v[i].loc[1], NULL);
                finding_list_normalize(&first);
            } else if (r.outcome != first_outcome || check_compare(&first, &r.findings, NULL) != 0) {
                e->changed = 1;
            }
            for (size_t i = 0; i < r.findings.n; i++)
                finding_add(&e->found, r.findings.v[i].kind, r.findings.v[i].loc[0],
                            r.findings.v[i].loc[1], NULL);
        }
        text_buf_free(&err);
        runner_result_free(&r);
    }
    finding_list_normalize(&e->found);
    e->wall = score_median(wall, e->runs);
    e->maxrss = score_median(rss, e->runs);
    finding_list_free(&first);
    free(wall);
    free(rss);
    return rc;
}

/* The detectors to score: those asked for, or every definition but native. */
static void main_score_detectors(const main_ctx *ctx, main_score_opts *o)
{
    if (o->dets.n)
        return;
    main_detector_names(ctx, &o->dets);
    size_t k = 0;
    for (size_t i = 0; i < o->dets.n; i++) {
        if (!ctx->detector_file && strcmp(o->dets.v[i], o->native) == 0)
            free(o->dets.v[i]);
        else
            o->dets.v[k++] = o->dets.v[i];
    }
    o->dets.n = k;
}

/*
 * Measures the native run of every case (for the cost ratios) into native[]
 * (entries with only wall and maxrss meaningful).  A missing native
 * definition or binary leaves the costs unknown, never invented.
 */
static void main_score_native(const main_ctx *ctx, const main_score_opts *o, score_entry *native)
{
    main_ctx plain = *ctx;
    plain.detector_file = NULL;
    for (size_t c = 0; c < o->cases.n; c++) {
        main_job j;
        text_buf why;
        text_buf_init(&why);
        if (main_job_load(&plain, o->native, o->cases.v[c], &j) == 0 &&
            det_available(&j.det, ctx->build_dir, &why))
            main_score_entry(&j, o->repeat, &native[c]);
        main_job_free(&j);
        text_buf_free(&why);
    }
}

/* The cases' truths and categories, loaded once for every detector. */
typedef struct main_score_case {
    case_info info;
    finding_list truth;
    char *path;   /* cases/NAME.c, as SARIF names it */
} main_score_case;

/* Scores one detector over every case into entries[]; 0, or an error code. */
static int main_score_one(const main_ctx *ctx, const char *det, const main_score_opts *o,
                          const main_score_case *cases, const score_entry *native,
                          score_entry *entries)
{
    int rc = 0;
    for (size_t c = 0; c < o->cases.n && !rc; c++) {
        score_entry *e = &entries[c];
        e->case_name = cases[c].info.name;
        e->category = cases[c].info.category;
        e->truth = &cases[c].truth;
        e->native_wall = native[c].runs ? native[c].wall : 0;
        e->native_maxrss = native[c].runs ? native[c].maxrss : 0;
        main_job j;
        rc = main_job_load(ctx, det, o->cases.v[c], &j);
        if (!rc)
            rc = main_score_entry(&j, o->repeat, e);
        main_job_free(&j);
    }
    return rc;
}

/* Writes DIR/DETECTOR.sarif for each scored detector. */
static int main_score_sarif(const main_score_opts *o, const report_detector *rd, size_t n,
                            const main_score_case *cases)
{
    int rc = 0;
    for (size_t d = 0; d < n && !rc; d++) {
        report_sarif_case *sc = text_alloc(rd[d].nentries * sizeof *sc);
        for (size_t c = 0; c < rd[d].nentries; c++) {
            sc[c].path = cases[c].path;
            sc[c].found = &rd[d].entries[c].found;
        }
        report_sarif_run run = {rd[d].card->detector, sc, rd[d].nentries};
        text_buf path;
        text_buf_init(&path);
        text_buf_printf(&path, "%s/%s.sarif", o->sarif_dir, rd[d].card->detector);
        FILE *f = runner_make_parent_dir(path.s) == 0 ? fopen(path.s, "w") : NULL;
        if (!f || report_sarif(f, &run, 1) != 0 || fclose(f) != 0) {
            fprintf(stderr, "racecard: cannot write %s: %s\n", path.s, strerror(errno));
            rc = RC_EXIT_OUTPUT;
        } else {
            fprintf(stderr, "score: wrote %s\n", path.s);
        }
        text_buf_free(&path);
        free(sc);
    }
    return rc;
}

/* Checks before anything runs that the HTML report can be written at all. */
static int main_score_html_prepare(const main_score_opts *o)
{
    if (!o->html_dir)
        return 0;
    text_buf err;
    text_buf_init(&err);
    int rc = 0;
    if (report_html_prepare(o->html_dir, &err) != 0) {
        fprintf(stderr, "racecard: score --html: %s\n", err.s);
        rc = RC_EXIT_OUTPUT;
    }
    text_buf_free(&err);
    return rc;
}

/* Writes the HTML report of the scored detectors into o->html_dir. */
static int main_score_html(const main_ctx *ctx, const main_score_opts *o, const report_detector *rd,
                           size_t n, const main_score_case *cases, const text_list *skipped)
{
    size_t nc = o->cases.n;
    report_html_case *hc = text_alloc((nc ? nc : 1) * sizeof *hc);
    for (size_t c = 0; c < nc; c++) {
        hc[c].info = &cases[c].info;
        hc[c].truth = &cases[c].truth;
    }
    text_buf logs, src, err;
    text_buf_init(&logs);
    text_buf_init(&src);
    text_buf_init(&err);
    text_buf_printf(&logs, "%s/logs", ctx->build_dir);
    text_buf_printf(&src, "%s/cases", ctx->source_dir);
    report_html_site site = {rd, n, hc, nc, skipped, logs.s, src.s, o->repeat};
    int rc = 0;
    if (report_html_write(o->html_dir, &site, &err) != 0) {
        fprintf(stderr, "racecard: score --html: %s\n", err.s);
        rc = RC_EXIT_OUTPUT;
    } else {
        fprintf(stderr, "score: wrote %s/index.html and %zu case page%s\n", o->html_dir, nc,
                nc == 1 ? "" : "s");
    }
    text_buf_free(&logs);
    text_buf_free(&src);
    text_buf_free(&err);
    free(hc);
    return rc;
}

static int cmd_score(main_ctx *ctx, int argc, char **argv)
{
    main_score_opts o = {.repeat = 1, .format = REPORT_TABLE, .native = "native"};
    text_list_init(&o.dets);
    text_list_init(&o.cases);
    text_list skipped;
    text_list_init(&skipped);
    int rc = main_score_args(argc, argv, &o);
    if (!rc)
        rc = main_score_html_prepare(&o);
    if (!rc) {
        main_score_detectors(ctx, &o);
        if (!o.cases.n)
            main_case_names(ctx, &o.cases);
    }
    size_t nc = o.cases.n;
    main_score_case *cases = text_alloc((nc ? nc : 1) * sizeof *cases);
    for (size_t c = 0; c < nc && !rc; c++) {
        rc = main_load_case(ctx, o.cases.v[c], &cases[c].info);
        finding_list_init(&cases[c].truth);
        if (!rc) {
            case_truth(&cases[c].info, &cases[c].truth);
            text_buf p;
            text_buf_init(&p);
            text_buf_printf(&p, "cases/%s", cases[c].info.file);
            cases[c].path = p.s;
        }
    }
    score_entry *native = text_alloc((nc ? nc : 1) * sizeof *native);
    for (size_t c = 0; c < nc; c++)
        score_entry_init(&native[c]);
    if (!rc)
        main_score_native(ctx, &o, native);
    report_detector *rd = text_alloc((o.dets.n ? o.dets.n : 1) * sizeof *rd);
    size_t nrd = 0;
    for (size_t d = 0; d < o.dets.n && !rc; d++) {
        det_def def;
        text_buf why;
        text_buf_init(&why);
        rc = main_load_detector(ctx, o.dets.v[d], &def);
        if (!rc && !det_available(&def, ctx->build_dir, &why)) {
            fprintf(stderr, "score: skipped %s: %s\n", def.name, why.s);
            text_buf line;
            text_buf_init(&line);
            text_buf_printf(&line, "%s: %s", def.name, why.s);
            text_list_push(&skipped, line.s);
        } else if (!rc) {
            score_entry *entries = text_alloc((nc ? nc : 1) * sizeof *entries);
            for (size_t c = 0; c < nc; c++)
                score_entry_init(&entries[c]);
            rc = main_score_one(ctx, o.dets.v[d], &o, cases, native, entries);
            score_card *card = text_alloc(sizeof *card);
            score_compute(text_dup(def.name), entries, nc, card);
            rd[nrd].card = card;
            rd[nrd].entries = entries;
            rd[nrd].nentries = nc;
            nrd++;
            fprintf(stderr, "score: %s: %zu cases x %u run%s\n", def.name, nc, o.repeat,
                    o.repeat == 1 ? "" : "s");
        }
        det_free(&def);
        text_buf_free(&why);
    }
    if (!rc && report_write(stdout, o.format, rd, nrd) != 0)
        rc = RC_EXIT_INTERNAL;
    if (!rc && o.sarif_dir)
        rc = main_score_sarif(&o, rd, nrd, cases);
    if (!rc && o.html_dir)
        rc = main_score_html(ctx, &o, rd, nrd, cases, &skipped);
    for (size_t d = 0; d < nrd; d++) {
        score_entry *entries = (score_entry *)rd[d].entries;
        for (size_t c = 0; c < nc; c++)
            score_entry_free(&entries[c]);
        free(entries);
        free((char *)rd[d].card->detector);
        score_card_free((score_card *)rd[d].card);
        free((score_card *)rd[d].card);
    }
    free(rd);
    for (size_t c = 0; c < nc; c++) {
        score_entry_free(&native[c]);
        case_free(&cases[c].info);
        finding_list_free(&cases[c].truth);
        free(cases[c].path);
    }
    free(native);
    free(cases);
    text_list_free(&o.dets);
    text_list_free(&o.cases);
    text_list_free(&skipped);
    return rc;
}

/* ---- explain -------------------------------------------------------------- */

static int cmd_explain(main_ctx *ctx, int argc, char **argv)
{
    return explain_command(argc, argv, ctx->source_dir);
}

/* ---- main ------------------------------------------------------------------ */

static const struct {
    const char *name;
    int (*fn)(main_ctx *, int, char **);
} main_commands[] = {
    {"parse", cmd_parse}, {"truth", cmd_truth}, {"list", cmd_list},
    {"detectors", cmd_detectors}, {"run", cmd_run}, {"check", cmd_check},
    {"matrix", cmd_matrix}, {"bless", cmd_bless}, {"lint", cmd_lint},
    {"score", cmd_score}, {"explain", cmd_explain}, {NULL, NULL},
};

int main(int argc, char **argv)
{
    main_ctx ctx = {RACECARD_SOURCE_DIR, RACECARD_BINARY_DIR, NULL, NULL};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage_text, stdout);
            return RC_EXIT_OK;
        } else if (strcmp(argv[i], "--source-dir") == 0 && i + 1 < argc) {
            ctx.source_dir = argv[++i];
        } else if (strcmp(argv[i], "--build-dir") == 0 && i + 1 < argc) {
            ctx.build_dir = argv[++i];
        } else if (strcmp(argv[i], "--expected-dir") == 0 && i + 1 < argc) {
            ctx.expected_dir = argv[++i];
        } else if (strcmp(argv[i], "--detector-file") == 0 && i + 1 < argc) {
            ctx.detector_file = argv[++i];
        } else {
            return main_usage_error("unknown option or missing value");
        }
    }
    if (i == argc)
        return main_usage_error("no command");
    for (size_t c = 0; main_commands[c].name; c++)
        if (strcmp(argv[i], main_commands[c].name) == 0)
            return main_commands[c].fn(&ctx, argc - i - 1, argv + i + 1);
    fprintf(stderr, "racecard: unknown command '%s'\n(racecard --help for usage)\n", argv[i]);
    return RC_EXIT_USAGE;
}
