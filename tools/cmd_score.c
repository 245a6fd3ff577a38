/*
 * cmd_score.c - "racecard score": every case under every detector asked
 * for, scored against the ground truth of the markers (score.c), written
 * as a table, CSV, JSON or Markdown (report.c), and on request as SARIF and
 * an HTML site (report_html.c).
 *
 * Everything one score owns (the catalog, the detectors, the entries and
 * cards of each) lives in one struct with one free, and every output
 * directory asked for is checked before anything runs, so a long run never
 * ends in an unwritable path.
 */
#include "cmd_score.h"
#include "cli.h"
#include "exitcode.h"
#include "job.h"
#include "report.h"
#include "report_html.h"
#include "run.h"
#include "scale.h"
#include "score.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char cmd_score_usage[] =
    "usage: racecard [--detector-file PATH] score [-d DETECTOR]... [-c CASE]... [--repeat N]\n"
    "           [--format table|csv|json|md] [--sarif DIR] [--html DIR] [--native DETECTOR]\n"
    "           [--records FILE] [--per-case] [--scale N|auto] [--from SUITE]\n"
    "           [--shard K/N] [-j N] [--rerun] [-q] [--strict]\n"
    "\n"
    "Runs every case under every detector that can run here (or those named) and\n"
    "scores the findings against the ground truth of the markers\n"
    "(docs/scorecard.md).\n"
    "\n"
    "  --repeat N     run each case N times (1..1000); the union of the findings\n"
    "                 is scored and cases whose findings changed are counted\n"
    "  --format F     the scorecard as table (default), csv, json or md\n"
    "  --sarif DIR    also write DIR/DETECTOR.sarif (SARIF 2.1.0)\n"
    "  --html DIR     also write DIR/index.html and DIR/CASE.html (docs/html.md)\n"
    "  --native DET   the cost baseline (default: native)\n"
    "  --per-case     CSV and JSON also give the figures of each (detector, case)\n"
    "  --records FILE one JSON object per (detector, case, run), each finding with\n"
    "                 its verdict against the truth (docs/records.md)\n"
    "  --from SUITE   the programs of a foreign suite (--suite SUITE=DIR) instead\n"
    "                 of racecard's catalog, scored by the suite's own labels\n"
    "                 (docs/suites.md); by default under the detectors that\n"
    "                 build that suite\n"
    "  --scale N|auto measure the cost columns with each case doing N times its\n"
    "                 work (CASE_SCALE; auto: where the native run takes 50 ms);\n"
    "                 the scores stay those of scale 1, start-up is the cost there\n"
    "  --shard K/N    make only the K-th of N shares of the runs (K from 0) and\n"
    "                 write their --records, for racecard merge to score\n"
    "                 (docs/cluster.md); no scorecard, no cost runs\n"
    "  --strict       a detector that cannot run here fails the command\n"
    CLI_RUN_OPTIONS_HELP
    "\n"
    "The runs are made first, N at a time, and kept in the build tree's\n"
    "results (docs/results.md); a result of the same run kept before is read\n"
    "instead of running again.  The slowdown and memory columns come only from\n"
    "runs made one at a time: with -j above 1 they are measured by --scale's\n"
    "own pass, which runs alone, and are '-' without it.\n"
    "\n"
    "A detector named with -d or --detector-file that cannot run here, or one\n"
    "that failed to run every case (a detector error or no binary each time),\n"
    "fails the command after the scorecard is written.\n"
    "\n"
    "exit status: 0 scored; 2 usage; 3 a case or definition cannot be read;\n"
    "4 unknown detector; 5 a detector could not run one case; 6 strict and a\n"
    "detector was skipped; 70 internal error; 73 --sarif or --html DIR cannot\n"
    "be written (found before anything runs); 77 a detector asked for cannot\n"
    "run here.\n";

void cmd_score_free(cmd_score_run *s)
{
    size_t nc = s->cat.n;
    for (size_t d = 0; d < s->nscored; d++) {
        for (size_t c = 0; c < nc; c++)
            score_entry_free(&s->entries[d][c]);
        free(s->entries[d]);
        score_card_free(&s->cards[d]);
    }
    for (size_t c = 0; c < nc && s->native; c++) {
        score_entry_free(&s->native[c]);
        score_entry_free(&s->native_scaled[c]);
        free(s->paths[c]);
    }
    free(s->native_scaled);
    free(s->scale);
    free(s->entries);
    free(s->cards);
    free(s->rd);
    free(s->native);
    free(s->paths);
    job_detectors_free(&s->dets);
    job_catalog_free(&s->cat);
    text_list_free(&s->skipped);
    if (s->records)
        fclose(s->records);
}

/* Reads K/N of --shard; 0, or -1 when it is not that. */
static int cmd_score_shard_parse(const char *v, cmd_score_opts *o)
{
    const char *slash = strchr(v, '/');
    unsigned long k, n;
    if (!slash)
        return -1;
    char *first = text_ndup(v, (size_t)(slash - v));
    int bad = text_parse_ulong(first, 100000, &k) != 0 ||
              text_parse_ulong(slash + 1, 100000, &n) != 0 || n == 0 || k >= n;
    free(first);
    if (bad)
        return -1;
    o->shard = (unsigned)k;
    o->nshards = (unsigned)n;
    return 0;
}

/* Reads the options; -1 to go on, or an exit status. */
static int cmd_score_args(cli_ctx *ctx, int argc, char **argv, cmd_score_opts *o)
{
    cli_args a;
    cli_args_init(&a, "score", cmd_score_usage, argc, argv);
    const char *v;
    unsigned long n;
    while (cli_next(&a)) {
        if (cli_value(&a, "-d", "--detector", &v))
            text_list_push(&o->dets, text_dup(v));
        else if (cli_value(&a, "-c", "--case", &v))
            text_list_push(&o->cases, text_dup(v));
        else if (cli_value(&a, NULL, "--repeat", &v)) {
            if (text_parse_ulong(v, 1000, &n) != 0 || n == 0)
                return cli_usage_error(&a, "--repeat wants 1..1000");
            o->repeat = (unsigned)n;
        } else if (cli_value(&a, NULL, "--format", &v)) {
            if (report_format_parse(v, &o->format) != 0)
                return cli_usage_error(&a, "--format wants table, csv, json or md");
        } else if (cli_value(&a, NULL, "--sarif", &v))
            o->sarif_dir = v;
        else if (cli_value(&a, NULL, "--html", &v))
            o->html_dir = v;
        else if (cli_value(&a, NULL, "--native", &v))
            o->native = v;
        else if (cli_value(&a, NULL, "--records", &v))
            o->records = v;
        else if (cli_flag(&a, NULL, "--per-case"))
            o->per_case = 1;
        else if (cli_value(&a, NULL, "--from", &v))
            o->from = v;
        else if (cli_value(&a, NULL, "--scale", &v)) {
            if (strcmp(v, "auto") == 0)
                o->scale = CMD_SCORE_SCALE_AUTO;
            else if (text_parse_ulong(v, SCALE_MAX, &n) != 0 || n == 0)
                return cli_usage_error(&a, "--scale wants auto or 1..10000");
            else
                o->scale = (long)n;
        }
        else if (cli_value(&a, NULL, "--shard", &v)) {
            if (cmd_score_shard_parse(v, o) != 0)
                return cli_usage_error(&a, "--shard wants K/N with 0 <= K < N <= 100000");
        }
        else if (cli_flag(&a, NULL, "--strict"))
            ctx->strict = 1;
        else if (!cli_run_option(&a, ctx))
            cli_unknown(&a);
    }
    if (a.done)
        return a.status;
    if (cli_operands(&a))
        return cli_usage_error(&a, "takes options only: want -d DET, -c CASE, --repeat N, "
                                   "--format F, --sarif DIR, --html DIR, --native DET");
    if (o->nshards && !o->records)
        return cli_usage_error(&a, "--shard writes records only: give --records FILE");
    if (o->nshards && (o->scale || o->html_dir || o->sarif_dir))
        return cli_usage_error(&a, "--shard makes runs for racecard merge: --scale, --html and "
                                   "--sarif belong to one machine's score or to merge");
    return -1;
}

/* Checks before anything runs that every output asked for can be written,
   and opens the records file. */
int cmd_score_prepare(const cmd_score_opts *o, cmd_score_run *s)
{
    text_buf err;
    text_buf_init(&err);
    int rc = 0;
    if (o->records) {
        s->records = text_make_parent_dir(o->records) == 0 ? fopen(o->records, "w") : NULL;
        if (!s->records)
            rc = cli_error(RC_EXIT_OUTPUT, "score --records: cannot write %s: %s", o->records,
                           strerror(errno));
    }
    if (o->html_dir && report_html_prepare(o->html_dir, &err) != 0)
        rc = cli_error(RC_EXIT_OUTPUT, "score --html: %s", err.s);
    if (!rc && o->sarif_dir) {
        text_buf probe;
        text_buf_init(&probe);
        text_buf_printf(&probe, "%s/.", o->sarif_dir);
        if (text_make_parent_dir(probe.s) != 0 || access(o->sarif_dir, W_OK) != 0)
            rc = cli_error(RC_EXIT_OUTPUT, "score --sarif: cannot write %s: %s", o->sarif_dir,
                           strerror(errno));
        text_buf_free(&probe);
    }
    text_buf_free(&err);
    return rc;
}

/* The detectors to score: those asked for, or every definition but native. */
static void cmd_score_detector_names(const cli_ctx *ctx, cmd_score_opts *o)
{
    o->named = o->dets.n != 0;
    if (o->named)
        return;
    job_detector_names(ctx, &o->dets);
    size_t k = 0;
    for (size_t i = 0; i < o->dets.n; i++) {
        if (strcmp(o->dets.v[i], o->native) == 0)
            free(o->dets.v[i]);
        else
            o->dets.v[k++] = o->dets.v[i];
    }
    o->dets.n = k;
}

/* Whether a detector builds what is scored: the catalog, or the suite arg. */
static int cmd_score_fits(const det_def *d, const void *arg)
{
    return arg ? det_runs_suite(d, arg) : det_runs_catalog(d);
}

/*
 * Drops the cases whose labels could not be read (reported on stderr as
 * they were): a foreign suite's broken case must not stop the others from
 * being scored.  Returns how many were dropped.
 */
static size_t cmd_score_drop_broken(job_catalog *cat)
{
    size_t k = 0, dropped = 0;
    for (size_t i = 0; i < cat->n; i++) {
        if (cat->v[i].ok) {
            cat->v[k++] = cat->v[i];
            continue;
        }
        job_case_free(&cat->v[i]);
        dropped++;
    }
    cat->n = k;
    return dropped;
}

/* The scorecard's view of a runner outcome. */
static score_status cmd_score_status(const runner_result *r)
{
    switch (r->outcome) {
    case RUNNER_CLEAN:
    case RUNNER_REPORTS: return SCORE_RAN;
    case RUNNER_TIMEOUT: return SCORE_TIMEOUT;
    case RUNNER_DETECTOR_FAILED: return SCORE_DETECTOR_ERROR;
    default: return SCORE_CRASHED;
    }
}

/*
 * Runs one job `repeat` times into e.  Returns 0, or an error code when
 * racecard itself could not run anything (reported on stderr).
 */
/* Where --records go, and the version line they carry. */
typedef struct cmd_score_sink {
    FILE *f;                 /* NULL: no records */
    const char *version;
    unsigned shard, nshards; /* --shard K/N, named in every record */
} cmd_score_sink;

/* CPU seconds of a run's child, user and system. */
static double cmd_score_cpu(const runner_result *r)
{
    const struct rusage *u = &r->status.usage;
    return (double)u->ru_utime.tv_sec + u->ru_utime.tv_usec / 1e6 + (double)u->ru_stime.tv_sec +
           u->ru_stime.tv_usec / 1e6;
}

/* Writes the record of run k of a job (r NULL: there was no binary to run). */
static int cmd_score_record(const cmd_score_sink *sink, const job *j, unsigned k,
                            const runner_result *r)
{
    if (!sink || !sink->f)
        return 0;
    const run_status *st = r ? &r->status : NULL;
    report_record rec = {
        j->det->def.name, sink->version, j->kase->info.name, j->kase->info.category, k + 1,
        score_status_name(r ? cmd_score_status(r) : SCORE_BUILD_FAILED),
        r ? runner_outcome_name(r->outcome) : NULL,
        r && r->detail.len ? r->detail.s : NULL,
        st && st->exited, st ? st->exit_code : 0,
        st && st->signaled ? run_signal_name(st->signo) : NULL,
        st ? st->wall_s : NAN, r ? cmd_score_cpu(r) : NAN,
        st ? (double)st->usage.ru_maxrss : NAN,
        r ? &r->findings : NULL, &j->kase->truth, r ? j->log.s : NULL, j->scale,
        r ? r->jobs : 1, sink->shard, sink->nshards, r && r->reused,
        j->kase->info.truth_level,
        j->kase->info.verdict && strcmp(j->kase->info.verdict, "race") == 0,
        j->kase->info.suite != NULL,
    };
    if (report_record_write(sink->f, &rec) != 0)
        return cli_error(RC_EXIT_OUTPUT, "score --records: write error");
    return 0;
}

/* Whether run number idx of the enumeration (detector, case, run) is this
   process's to make: every run, or one in nshards with --shard. */
static int cmd_score_mine(const cmd_score_opts *o, size_t idx)
{
    return !o->nshards || idx % o->nshards == o->shard;
}

/* The place of run k of detector d on case c in the enumeration every
   shard makes alike: detectors in their order, then cases, then runs. */
static size_t cmd_score_index(const cmd_score_opts *o, size_t nc, size_t d, size_t c, unsigned k)
{
    return (d * nc + c) * o->repeat + k;
}

/*
 * Runs (or reads back, job_exec) the job's runs whose enumeration places
 * from base are this process's (cmd_score_mine) into e.  Costs are kept
 * only from runs made one at a time.  Returns 0, or an error code when
 * racecard itself could not run anything (reported on stderr).
 */
static int cmd_score_entry(const cmd_score_opts *o, size_t base, job *j, score_entry *e,
                           const cmd_score_sink *sink)
{
    /* A C++ case the detector's C++ compiler could not build here, too. */
    if (!j->available || (det_builds(&j->det->def) && access(j->exe.s, X_OK) != 0)) {
        e->status = SCORE_BUILD_FAILED;
        return cmd_score_mine(o, base) ? cmd_score_record(sink, j, 0, NULL) : 0;
    }
    int rc = 0;
    for (unsigned k = 0; k < o->repeat && !rc; k++) {
        if (!cmd_score_mine(o, base + k))
            continue;
        job_set_run(j, k);
        runner_result r;
        runner_result_init(&r);
        text_buf err;
        text_buf_init(&err);
        rc = job_exec(j, &r, &err);
        if (rc) {
            fprintf(stderr, "racecard: %s\n", err.s);
        } else {
            int alone = r.jobs <= 1;
            score_run run = {cmd_score_status(&r), (int)r.outcome, &r.findings,
                             alone ? r.status.wall_s : 0,
                             alone ? (double)r.status.usage.ru_maxrss : 0};
            score_entry_add_run(e, &run);
            rc = cmd_score_record(sink, j, k, &r);
        }
        text_buf_free(&err);
        runner_result_free(&r);
    }
    job_set_run(j, 0);
    score_entry_finish(e);
    return rc;
}

/*
 * Makes every run this process is to make (its shard's, with --shard), -j
 * at a time, before the scoring below reads them back in order.
 */
static int cmd_score_runs(const cli_ctx *ctx, const cmd_score_opts *o, cmd_score_run *s)
{
    size_t nc = s->cat.n, nd = s->dets.n, n = 0;
    job *v = text_alloc((nd * nc * o->repeat + 1) * sizeof *v);
    for (size_t d = 0; d < nd; d++)
        for (size_t c = 0; c < nc && s->dets.v[d].available; c++)
            for (unsigned k = 0; k < o->repeat; k++) {
                if (!cmd_score_mine(o, cmd_score_index(o, nc, d, c, k)))
                    continue;
                job_init(&v[n], ctx, &s->dets.v[d], &s->cat.v[c]);
                job_set_run(&v[n++], k);
            }
    int rc = job_prefetch(ctx, v, n, "score");
    for (size_t i = 0; i < n; i++)
        job_free(&v[i]);
    free(v);
    return rc;
}

/*
 * Finds case c's work scale (--scale) and measures the native runs there.
 * A case whose scale cannot be found keeps scale 0: its costs are unknown.
 */
/*
 * The baseline's runs: at least CMD_SCORE_NATIVE_RUNS, whose medians are
 * the denominators of the cost ratios.  A native run's peak memory is small
 * (1.5 MB for most cases) and moves by a tenth between runs with the
 * address layout, so one run would carry that noise into every ratio.
 */
#define CMD_SCORE_NATIVE_RUNS 5u

static cmd_score_opts cmd_score_native_opts(const cmd_score_opts *o)
{
    cmd_score_opts nat = *o;
    if (nat.repeat < CMD_SCORE_NATIVE_RUNS)
        nat.repeat = CMD_SCORE_NATIVE_RUNS;
    return nat;
}

static void cmd_score_native_scaled(const cli_ctx *ctx, const cmd_score_opts *o,
                                    cmd_score_run *s, size_t c, job *j)
{
    cmd_score_opts nat = cmd_score_native_opts(o);
    long scale = o->scale;
    if (scale == CMD_SCORE_SCALE_AUTO) {
        double wall;
        text_buf err;
        text_buf_init(&err);
        int rc = scale_calibrate(j, &scale, &wall, &err);
        if (rc) {
            fprintf(stderr, "score --scale: %s: %s\n", s->cat.v[c].info.name, err.s);
            scale = 0;
        }
        text_buf_free(&err);
    }
    s->scale[c] = scale;
    if (scale > 0) {
        job_set_scale(j, scale);
        j->reuse = !ctx->rerun;
        cmd_score_entry(&nat, 0, j, &s->native_scaled[c], NULL);
    }
}

/* Says on stderr which scales the cost runs use, and which cases stayed short. */
static void cmd_score_scale_summary(const cmd_score_run *s)
{
    long lo = 0, hi = 0;
    size_t short_runs = 0;
    text_buf names;
    text_buf_init(&names);
    for (size_t c = 0; c < s->cat.n; c++) {
        long k = s->scale[c];
        if (k <= 0)
            continue;
        lo = lo && lo < k ? lo : k;
        hi = hi > k ? hi : k;
        const score_entry *n = &s->native_scaled[c];
        if (n->runs && n->status == SCORE_RAN && n->wall < scale_target_s() / 2) {
            text_buf_printf(&names, "%s%s", short_runs ? ", " : "", s->cat.v[c].info.name);
            short_runs++;
        }
    }
    fprintf(stderr, "score: cost runs at work scales %ld to %ld\n", lo, hi);
    if (short_runs)
        fprintf(stderr, "score: %zu case%s ran natively under %.0f ms at the largest work scale "
                "(their work does not grow with CASE_SCALE, so their costs are start-up): "
                "%s\n", short_runs, short_runs == 1 ? "" : "s", scale_target_s() * 500, names.s);
    text_buf_free(&names);
}

/*
 * Measures the native run of every case (for the cost ratios).  A missing
 * native definition or binary leaves the costs unknown, never invented.
 */
static void cmd_score_native(const cli_ctx *ctx, const cmd_score_opts *o, cmd_score_run *s)
{
    cli_ctx plain = *ctx;
    plain.n_det_files = 0;
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/detectors/%s.det", ctx->source_dir, o->native);
    text_list one;
    text_list_init(&one);
    text_list_push(&one, text_dup(o->native));
    job_detectors nd = {NULL, 0};
    /* A tree without the baseline's definition has no costs, and no error. */
    int ready = access(path.s, R_OK) == 0 && job_detectors_load(&plain, &one, &nd) == 0 &&
                nd.v[0].available;
    cmd_score_opts nat = cmd_score_native_opts(o);
    for (size_t c = 0; c < s->cat.n && ready; c++) {
        job j;
        job_init(&j, &plain, &nd.v[0], &s->cat.v[c]);
        job_set_private_log(&j);
        /* Alone, made by this process: a baseline is only ever a cost. */
        j.reuse = !ctx->rerun;
        cmd_score_entry(&nat, 0, &j, &s->native[c], NULL);
        job_remove_log(&j);
        if (o->scale && s->native[c].status == SCORE_RAN)
            cmd_score_native_scaled(ctx, o, s, c, &j);
        job_remove_log(&j);
        job_free(&j);
    }
    if (o->scale && ready)
        cmd_score_scale_summary(s);
    job_detectors_free(&nd);
    text_list_free(&one);
    text_buf_free(&path);
}

/*
 * True when loc names a file that is neither the case's own nor a support
 * header it may include: a tool's finding there can match no truth.
 */
static int cmd_score_foreign(const cli_ctx *ctx, const case_info *c, const char *loc)
{
    const char *colon = strrchr(loc, ':');
    if (!colon || strcmp(loc, FINDING_UNKNOWN_LOC) == 0)
        return 0;
    size_t n = (size_t)(colon - loc);
    if (strlen(c->file) == n && strncmp(loc, c->file, n) == 0)
        return 0;
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/cases/support/", ctx->source_dir);
    text_buf_add(&path, loc, n);
    int foreign = access(path.s, F_OK) != 0;
    text_buf_free(&path);
    return foreign;
}

/* Counts the findings of e that name a foreign file; the first in *example. */
static size_t cmd_score_count_foreign(const cli_ctx *ctx, const job_case *c, const score_entry *e,
                                      text_buf *example)
{
    size_t n = 0;
    for (size_t i = 0; i < e->found.n; i++) {
        const finding *x = &e->found.v[i];
        int foreign = 0;
        for (size_t k = 0; k < 2 && x->loc[k]; k++)
            if (cmd_score_foreign(ctx, &c->info, x->loc[k])) {
                if (!example->len)
                    text_buf_printf(example, "%s in %s", x->loc[k], c->info.name);
                foreign = 1;
            }
        n += (size_t)foreign;
    }
    return n;
}

/*
 * Runs job j again at case c's work scale (--scale) and makes those the
 * costs of e; findings that differ from scale 1 are named on stderr.
 */
static int cmd_score_scaled(const cli_ctx *ctx, const cmd_score_opts *o,
                            const cmd_score_run *s, size_t c, job *j, score_entry *e,
                            const cmd_score_sink *sink)
{
    long scale = s->scale[c];
    score_entry scaled;
    score_entry_init(&scaled);
    int rc = 0;
    if (scale > 0 && e->status == SCORE_RAN) {
        job_set_scale(j, scale);
        /* The cost pass runs alone, one run at a time. */
        j->reuse = !ctx->rerun;
        rc = cmd_score_entry(o, 0, j, &scaled, sink);
    }
    if (score_entry_set_scaled(e, scale, scaled.runs ? &scaled : NULL, &s->native_scaled[c]))
        fprintf(stderr, "score: %s: %s: what the detector found at work scale %ld differs from "
                "scale 1 (counted as changed; log: %s)\n", j->det->def.name, e->case_name, scale,
                j->log.s);
    score_entry_free(&scaled);
    return rc;
}

/* Scores one detector over every case into the next card; 0 or an error. */
static int cmd_score_detector(const cli_ctx *ctx, const cmd_score_opts *o, cmd_score_run *s,
                              size_t di)
{
    job_detector *d = &s->dets.v[di];
    size_t nc = s->cat.n, k = s->nscored++;
    score_entry *entries = text_alloc((nc ? nc : 1) * sizeof *entries);
    s->entries[k] = entries;
    int rc = 0;
    size_t foreign = 0;
    cmd_score_sink sink = {s->records, job_detector_version(ctx, d), o->shard, o->nshards};
    text_buf example;
    text_buf_init(&example);
    for (size_t c = 0; c < nc; c++) {
        score_entry *e = &entries[c];
        cmd_score_entry_init(e, &s->cat.v[c]);
        e->native_wall = s->native[c].runs ? s->native[c].wall : 0;
        e->native_maxrss = s->native[c].runs ? s->native[c].maxrss : 0;
        job j;
        job_init(&j, ctx, d, &s->cat.v[c]);
        if (!rc)
            rc = cmd_score_entry(o, cmd_score_index(o, nc, di, c, 0), &j, e, &sink);
        if (!rc && o->scale)
            rc = cmd_score_scaled(ctx, o, s, c, &j, e, &sink);
        foreign += cmd_score_count_foreign(ctx, &s->cat.v[c], e, &example);
        job_free(&j);
    }
    /* Never a silent miss: a file no case has is most likely a tool naming
       places its own way. */
    if (foreign)
        fprintf(stderr, "score: %s: %zu finding%s name%s a file that is not the case's own "
                "(first: %s); scored as found, such a finding matches no truth\n", d->def.name,
                foreign, foreign == 1 ? "" : "s", foreign == 1 ? "s" : "", example.s);
    text_buf_free(&example);
    score_compute(d->def.name, entries, nc, &s->cards[k]);
    s->cards[k].version = sink.version;
    /* Cases may crash or hang under a detector; a detector that started
       under none of them is the tool failing, not the cases. */
    const size_t *st = s->cards[k].status;
    if (nc && st[SCORE_DETECTOR_ERROR] + st[SCORE_BUILD_FAILED] == nc) {
        s->none_ran++;
        fprintf(stderr, "score: %s could not run one of %zu cases (%zu detector errors, %zu "
                "without a binary); raw logs in %s/logs/%s\n", d->def.name, nc,
                st[SCORE_DETECTOR_ERROR], st[SCORE_BUILD_FAILED], ctx->build_dir, d->def.name);
    }
    if (s->cards[k].unlabelled)
        fprintf(stderr, "score: %s: %zu reported pairs and lines are on lines the suite's "
                "labels say nothing about: unlabelled, neither TP nor FP\n", d->def.name,
                s->cards[k].unlabelled);
    s->rd[k] = (report_detector){&s->cards[k], entries, nc};
    fprintf(stderr, "score: %s: %zu cases x %u run%s\n", d->def.name, nc, o->repeat,
            o->repeat == 1 ? "" : "s");
    return rc;
}

/*
 * --shard: this shard's runs written as records, in the enumeration's
 * order, for racecard merge; nothing is scored here.
 */
static int cmd_score_shard(const cli_ctx *ctx, const cmd_score_opts *o, cmd_score_run *s)
{
    size_t nc = s->cat.n, mine = 0, total = s->dets.n * nc * o->repeat;
    int rc = 0;
    for (size_t d = 0; d < s->dets.n && !rc; d++) {
        job_detector *jd = &s->dets.v[d];
        if (!jd->available) {
            fprintf(stderr, "score: skipped %s: %s\n", jd->def.name, jd->why);
            continue;
        }
        cmd_score_sink sink = {s->records, job_detector_version(ctx, jd), o->shard, o->nshards};
        for (size_t c = 0; c < nc && !rc; c++) {
            score_entry e;
            score_entry_init(&e);
            job j;
            job_init(&j, ctx, jd, &s->cat.v[c]);
            size_t base = cmd_score_index(o, nc, d, c, 0);
            rc = cmd_score_entry(o, base, &j, &e, &sink);
            for (unsigned k = 0; k < o->repeat; k++)
                mine += (size_t)cmd_score_mine(o, base + k);
            job_free(&j);
            score_entry_free(&e);
        }
    }
    if (!rc && fflush(s->records) != 0)
        rc = cli_error(RC_EXIT_OUTPUT, "score --records: cannot write %s: %s", o->records,
                       strerror(errno));
    if (!rc)
        fprintf(stderr, "score: shard %u/%u: %zu of %zu runs, records in %s (racecard merge "
                "scores the shards' records together)\n", o->shard, o->nshards, mine, total,
                o->records);
    return rc;
}

void cmd_score_alloc(cmd_score_run *s, size_t nd)
{
    size_t nc = s->cat.n;
    s->paths = text_alloc((nc ? nc : 1) * sizeof *s->paths);
    s->native = text_alloc((nc ? nc : 1) * sizeof *s->native);
    s->native_scaled = text_alloc((nc ? nc : 1) * sizeof *s->native_scaled);
    s->scale = text_alloc((nc ? nc : 1) * sizeof *s->scale);
    for (size_t c = 0; c < nc; c++) {
        score_entry_init(&s->native[c]);
        score_entry_init(&s->native_scaled[c]);
        s->scale[c] = 0;
        text_buf p;
        text_buf_init(&p);
        /* A suite's program is named by its path in the user's checkout. */
        if (s->cat.v[c].info.suite)
            text_buf_adds(&p, s->cat.v[c].info.path);
        else
            text_buf_printf(&p, "cases/%s", s->cat.v[c].info.file);
        s->paths[c] = p.s;
    }
    s->entries = text_alloc((nd ? nd : 1) * sizeof *s->entries);
    s->cards = text_alloc((nd ? nd : 1) * sizeof *s->cards);
    s->rd = text_alloc((nd ? nd : 1) * sizeof *s->rd);
}

void cmd_score_entry_init(score_entry *e, const job_case *c)
{
    score_entry_init(e);
    e->case_name = c->info.name;
    e->category = c->info.category;
    e->truth = &c->truth;
    e->level = c->info.truth_level;
    e->racy = c->info.verdict && strcmp(c->info.verdict, "race") == 0;
}

/* Runs and scores every detector; skipped ones are listed, not scored. */
static int cmd_score_all(const cli_ctx *ctx, const cmd_score_opts *o, cmd_score_run *s)
{
    size_t nd = s->dets.n;
    cmd_score_alloc(s, nd);
    /* The baseline serves the cost columns only, which runs made side by
       side do not fill unless --scale measures them alone. */
    unsigned jobs = job_parallel(ctx);
    if (!o->nshards && (jobs == 1 || o->scale))
        cmd_score_native(ctx, o, s);
    int rc = cmd_score_runs(ctx, o, s);
    if (!rc && o->nshards)
        return cmd_score_shard(ctx, o, s);
    for (size_t d = 0; d < nd && !rc; d++) {
        job_detector *jd = &s->dets.v[d];
        if (jd->available) {
            rc = cmd_score_detector(ctx, o, s, d);
            continue;
        }
        fprintf(stderr, "score: skipped %s: %s\n", jd->def.name, jd->why);
        if (o->named || job_detector_file(ctx, jd->def.name))
            s->skipped_asked++;
        text_buf line;
        text_buf_init(&line);
        text_buf_printf(&line, "%s: %s", jd->def.name, jd->why);
        text_list_push(&s->skipped, line.s);
    }
    return rc;
}

/* Writes DIR/DETECTOR.sarif for each scored detector. */
static int cmd_score_sarif(const cmd_score_opts *o, const cmd_score_run *s)
{
    int rc = 0;
    for (size_t d = 0; d < s->nscored && !rc; d++) {
        const report_detector *rd = &s->rd[d];
        report_sarif_case *sc = text_alloc((rd->nentries ? rd->nentries : 1) * sizeof *sc);
        for (size_t c = 0; c < rd->nentries; c++) {
            sc[c].path = s->paths[c];
            sc[c].found = &rd->entries[c].found;
        }
        report_sarif_run run = {rd->card->detector, sc, rd->nentries, rd->card->version};
        text_buf path;
        text_buf_init(&path);
        text_buf_printf(&path, "%s/%s.sarif", o->sarif_dir, rd->card->detector);
        FILE *f = text_make_parent_dir(path.s) == 0 ? fopen(path.s, "w") : NULL;
        if (!f || report_sarif(f, &run, 1) != 0 || fclose(f) != 0)
            rc = cli_error(RC_EXIT_OUTPUT, "cannot write %s: %s", path.s, strerror(errno));
        else
            fprintf(stderr, "score: wrote %s\n", path.s);
        text_buf_free(&path);
        free(sc);
    }
    return rc;
}

/* Writes the HTML report of the scored detectors into o->html_dir. */
static int cmd_score_html(const cli_ctx *ctx, const cmd_score_opts *o, const cmd_score_run *s)
{
    size_t nc = s->cat.n;
    report_html_case *hc = text_alloc((nc ? nc : 1) * sizeof *hc);
    for (size_t c = 0; c < nc; c++) {
        hc[c].info = &s->cat.v[c].info;
        hc[c].truth = &s->cat.v[c].truth;
    }
    text_buf logs, src, err;
    text_buf_init(&logs);
    text_buf_init(&src);
    text_buf_init(&err);
    text_buf_printf(&logs, "%s/logs", ctx->build_dir);
    text_buf_printf(&src, "%s/cases", ctx->source_dir);
    text_buf exp;
    text_buf_init(&exp);
    if (ctx->expected_dir)
        text_buf_adds(&exp, ctx->expected_dir);
    else
        text_buf_printf(&exp, "%s/expected", ctx->source_dir);
    text_buf lessons;
    text_buf_init(&lessons);
    text_buf_printf(&lessons, "%s/docs/lessons.md", ctx->source_dir);
    /* The version line of each definition's version command (job.c). */
    const char **versions = text_alloc((s->nscored ? s->nscored : 1) * sizeof *versions);
    for (size_t d = 0; d < s->nscored; d++)
        versions[d] = s->rd[d].card->version;
    report_html_site site = {s->rd,  s->nscored, hc,        nc,
                             &s->skipped, logs.s, src.s, o->repeat,
                             exp.s,  versions, lessons.s};
    int rc = 0;
    if (report_html_write(o->html_dir, &site, &err) != 0)
        rc = cli_error(RC_EXIT_OUTPUT, "score --html: %s", err.s);
    else
        fprintf(stderr, "score: wrote %s/index.html and %zu case page%s\n", o->html_dir, nc,
                nc == 1 ? "" : "s");
    text_buf_free(&logs);
    text_buf_free(&src);
    text_buf_free(&exp);
    text_buf_free(&lessons);
    free(versions);
    text_buf_free(&err);
    free(hc);
    return rc;
}

/* The outputs, then whether the run tested what was asked. */
int cmd_score_write(const cli_ctx *ctx, const cmd_score_opts *o, const cmd_score_run *s)
{
    int rc = 0;
    if (report_write_per_case(stdout, o->format, s->rd, s->nscored, o->per_case) != 0)
        rc = cli_error(RC_EXIT_INTERNAL, "score: cannot write the scorecard");
    if (!rc && s->records && fflush(s->records) != 0)
        rc = cli_error(RC_EXIT_OUTPUT, "score --records: cannot write %s: %s", o->records,
                       strerror(errno));
    if (!rc && o->sarif_dir)
        rc = cmd_score_sarif(o, s);
    if (!rc && o->html_dir)
        rc = cmd_score_html(ctx, o, s);
    if (!rc && !s->nscored)
        fprintf(stderr, "score: nothing was scored: %s\n",
                s->skipped.n ? "every detector asked for was skipped" : "no detector was asked for");
    if (!rc && ctx->strict && (s->skipped.n || !s->nscored))
        rc = cli_error(RC_EXIT_UNTESTED, "strict: %zu detector%s skipped (the lines above say "
                       "what to install)", s->skipped.n, s->skipped.n == 1 ? " was" : "s were");
    /* A detector asked for by name that cannot run, or under which nothing
       ran, is the scorecard's whole point missing: never a quiet 0. */
    if (!rc && s->skipped_asked)
        rc = cli_error(RC_EXIT_SKIP, "score: %zu detector%s asked for cannot run here (see above)",
                       s->skipped_asked, s->skipped_asked == 1 ? "" : "s");
    if (!rc && s->none_ran)
        rc = cli_error(RC_EXIT_RUN, "score: %zu detector%s could not run a single case (see above)",
                       s->none_ran, s->none_ran == 1 ? "" : "s");
    return rc;
}

int cmd_score(cli_ctx *ctx, int argc, char **argv)
{
    cmd_score_opts o = {.repeat = 1, .format = REPORT_TABLE, .native = "native"};
    text_list_init(&o.dets);
    text_list_init(&o.cases);
    int rc = cmd_score_args(ctx, argc, argv, &o);
    if (rc >= 0) {   /* --help answered, or a usage error */
        text_list_free(&o.dets);
        text_list_free(&o.cases);
        return rc;
    }
    cmd_score_run s;
    memset(&s, 0, sizeof s);
    text_list_init(&s.skipped);
    rc = cmd_score_prepare(&o, &s);
    if (!rc && o.from && !o.cases.n)
        rc = job_suite_case_names(ctx, o.from, &o.cases);
    if (!rc) {
        cmd_score_detector_names(ctx, &o);
        rc = job_detectors_load(ctx, &o.dets, &s.dets);
        if (!rc && !o.named)
            job_detectors_filter(&s.dets, cmd_score_fits, o.from);
    }
    if (!rc) {
        rc = job_catalog_load(ctx, &o.cases, &s.cat);
        /* A suite's case whose labels cannot be trusted is left out, named. */
        size_t dropped = rc && o.from ? cmd_score_drop_broken(&s.cat) : 0;
        if (dropped) {
            fprintf(stderr, "score: %zu case%s of %s left out, each for the reason above\n",
                    dropped, dropped == 1 ? "" : "s", o.from);
            rc = 0;
        }
    }
    if (!rc)
        rc = cmd_score_all(ctx, &o, &s);
    if (!rc && !o.nshards)
        rc = cmd_score_write(ctx, &o, &s);
    cmd_score_free(&s);
    text_list_free(&o.dets);
    text_list_free(&o.cases);
    return rc;
}
