/*
 * cmd_merge.c - "racecard merge": the scorecard of runs made elsewhere,
 * read back from their records (score --shard K/N --records FILE on many
 * machines, or any score --records), scored and written by the same code as
 * a scorecard made on one machine (cmd_score.h).
 *
 * A record carries what scoring needs: the detector and its version, the
 * case, the run's number, its status and outcome and its findings.  The
 * truth is read from this tree's cases, never from the records, so shards
 * cannot disagree about it.  Every (detector, case) must have all its runs
 * exactly once: a missing shard, or one merged twice, is an error, never a
 * scorecard quietly made of part of the runs.
 */
#include "cmd_score.h"
#include "exitcode.h"
#include "runner.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char cmd_merge_usage[] =
    "usage: racecard merge [--format table|csv|json|md] [--per-case] [--sarif DIR]\n"
    "           [--html DIR] FILE...\n"
    "\n"
    "Scores the runs recorded in the FILEs (JSON Lines written by score\n"
    "--records, typically one per shard of score --shard K/N) as one\n"
    "scorecard, the same one a single machine making every run would print,\n"
    "timings aside: the cost columns are '-', since runs made on many machines\n"
    "cannot share a baseline.  The cases' truth is read from this tree.\n"
    "Detectors come in the order they first appear, cases in name order.\n"
    "Records of score --shard K/N name their shard: every shard from 0 to N-1\n"
    "must be there, each in one file.  Options may come before or after the\n"
    "files.\n"
    "\n"
    "exit status: 0 merged; 2 usage; 3 a file or a record cannot be read, a\n"
    "run appears twice or a (detector, case) lacks runs; 70 internal error;\n"
    "73 --sarif or --html DIR cannot be written.\n";

/* One record, as scoring needs it. */
typedef struct merge_rec {
    size_t det;              /* index into the detector names */
    char *case_name;
    unsigned run;            /* 1-based */
    score_status status;
    runner_outcome outcome;
    int ran;                 /* an outcome was recorded (something ran) */
    finding_list found;
    double wall, maxrss;
} merge_rec;

typedef struct merge_set {
    merge_rec *v;
    size_t n, cap;
    text_list dets, versions; /* versions[i] "" when the records give none */
    unsigned repeat;          /* the highest run number */
    int sharded;              /* -1 no record yet; 0 records of whole scores; 1 of shards */
    unsigned nshards;         /* N of the shards' K/N */
    int *shard_file;          /* per shard, the file that holds it; -1 none yet */
    int file;                 /* the file being read, from 0 */
    text_list files;          /* their names, borrowed */
} merge_set;

static void merge_set_free(merge_set *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].case_name);
        finding_list_free(&m->v[i].found);
    }
    free(m->v);
    free(m->shard_file);
    text_list_free(&m->dets);
    text_list_free(&m->versions);
    free(m->files.v);   /* the names are argv's */
}

static size_t merge_detector(merge_set *m, const char *name, const char *version)
{
    for (size_t i = 0; i < m->dets.n; i++)
        if (strcmp(m->dets.v[i], name) == 0)
            return i;
    text_list_push(&m->dets, text_dup(name));
    text_list_push(&m->versions, text_dup(version ? version : ""));
    return m->dets.n - 1;
}

static int merge_status(const char *name, score_status *s)
{
    for (int i = 0; i < SCORE_STATUS_COUNT; i++)
        if (strcmp(name, score_status_name((score_status)i)) == 0) {
            *s = (score_status)i;
            return 0;
        }
    return -1;
}

static const char *merge_str(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double merge_num(const cJSON *o, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/* The record's findings into r->found; 0, or -1 with why set. */
static int merge_findings(const cJSON *o, merge_rec *r, char *why, size_t n)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "findings"), *f;
    if (!cJSON_IsArray(a)) {
        snprintf(why, n, "no findings array");
        return -1;
    }
    cJSON_ArrayForEach(f, a) {
        const char *line = merge_str(f, "finding");
        if (!line) {
            snprintf(why, n, "a finding without its canonical line");
            return -1;
        }
        if (finding_parse_line(line, &r->found, why, n) != 0)
            return -1;
    }
    finding_list_normalize(&r->found);
    return 0;
}

/*
 * Checks the record's shard ("shard": {"index": K, "of": N} or null)
 * against those read before: one N throughout, each K in one file only,
 * and no mixing with the records of a whole score.  0, or -1 with why set.
 */
static int merge_shard(merge_set *m, const cJSON *o, char *why, size_t n)
{
    const cJSON *sh = cJSON_GetObjectItemCaseSensitive(o, "shard");
    int sharded = cJSON_IsObject(sh);
    if (m->sharded >= 0 && m->sharded != sharded) {
        snprintf(why, n, "records of score --shard mixed with those of a whole score");
        return -1;
    }
    m->sharded = sharded;
    if (!sharded)
        return 0;
    double k = merge_num(sh, "index"), of = merge_num(sh, "of");
    if (!(of >= 1 && of <= 100000 && k >= 0 && k < of)) {
        snprintf(why, n, "a shard that is not K/N with 0 <= K < N");
        return -1;
    }
    if (!m->nshards) {
        m->nshards = (unsigned)of;
        m->shard_file = text_alloc(m->nshards * sizeof *m->shard_file);
        for (unsigned i = 0; i < m->nshards; i++)
            m->shard_file[i] = -1;
    } else if (m->nshards != (unsigned)of) {
        snprintf(why, n, "shards of %u and of %u mixed", m->nshards, (unsigned)of);
        return -1;
    }
    int *at = &m->shard_file[(unsigned)k];
    if (*at >= 0 && *at != m->file) {
        snprintf(why, n, "shard %u/%u is in %s too: a shard given twice", (unsigned)k,
                 m->nshards, m->files.v[*at]);
        return -1;
    }
    *at = m->file;
    return 0;
}

/* One line of a records file into m; 0, or -1 with why set. */
static int merge_line(merge_set *m, const char *line, char *why, size_t n)
{
    cJSON *o = cJSON_Parse(line);
    const char *det = merge_str(o, "detector"), *kase = merge_str(o, "case");
    const char *status = merge_str(o, "status"), *outcome = merge_str(o, "outcome");
    double run = merge_num(o, "run"), scale = merge_num(o, "scale");
    merge_rec r = {0};
    finding_list_init(&r.found);
    int rc = -1;
    if (!cJSON_IsObject(o) || !det || !kase || !status || !(run >= 1 && run <= 1000))
        snprintf(why, n, "not a record of score --records (detector, case, run, status)");
    else if (scale != 1)
        snprintf(why, n, "a run at work scale %g: merge takes the runs at scale 1 that "
                 "score --shard makes", scale);
    else if (merge_status(status, &r.status) != 0)
        snprintf(why, n, "unknown status '%s'", status);
    else if (outcome && runner_outcome_parse(outcome, &r.outcome) != 0)
        snprintf(why, n, "unknown outcome '%s'", outcome);
    else if (merge_shard(m, o, why, n) == 0 && merge_findings(o, &r, why, n) == 0)
        rc = 0;
    if (rc == 0) {
        r.det = merge_detector(m, det, merge_str(o, "version"));
        r.case_name = text_dup(kase);
        r.run = (unsigned)run;
        r.ran = outcome != NULL;
        r.wall = merge_num(o, "wall_s");
        r.maxrss = merge_num(o, "max_rss_kb");
        if (m->n == m->cap) {
            m->cap = m->cap ? 2 * m->cap : 256;
            m->v = text_realloc(m->v, m->cap * sizeof *m->v);
        }
        m->v[m->n++] = r;
        if (r.run > m->repeat)
            m->repeat = r.run;
    } else {
        finding_list_free(&r.found);
    }
    cJSON_Delete(o);
    return rc;
}

/* Every record of one file (streamed, line by line) into m. */
static int merge_file(merge_set *m, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return cli_error(RC_EXIT_INPUT, "merge: cannot read %s: %s", path, strerror(errno));
    text_reader rd;
    text_reader_init(&rd, f);
    int rc = 0;
    char *line;
    while (!rc && (line = text_reader_next(&rd)) != NULL) {
        char why[200];
        if (*text_skip_space(line) && merge_line(m, line, why, sizeof why) != 0)
            rc = cli_error(RC_EXIT_INPUT, "merge: %s:%lu: %s", path, rd.lineno, why);
    }
    if (!rc && text_reader_failed(&rd))
        rc = cli_error(RC_EXIT_INPUT, "merge: cannot read %s: %s", path, strerror(errno));
    text_reader_free(&rd);
    fclose(f);
    return rc;
}

static int merge_rec_cmp(const void *pa, const void *pb)
{
    const merge_rec *a = pa, *b = pb;
    if (a->det != b->det)
        return a->det < b->det ? -1 : 1;
    int c = strcmp(a->case_name, b->case_name);
    if (c)
        return c;
    return a->run < b->run ? -1 : a->run > b->run;
}

/* The case names of the records, each once, in name order. */
static void merge_case_names(const merge_set *m, text_list *out)
{
    for (size_t i = 0; i < m->n; i++)
        text_list_push(out, text_dup(m->v[i].case_name));
    text_list_sort(out, 0);
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (k && strcmp(out->v[k - 1], out->v[i]) == 0) {
            free(out->v[i]);
            continue;
        }
        out->v[k++] = out->v[i];
    }
    out->n = k;
}

/*
 * The runs of detector d on case c, from *at in the sorted records, into e.
 * Returns 0, or RC_EXIT_INPUT when a run is missing or appears twice.
 */
static int merge_entry(const merge_set *m, size_t d, const job_case *c, size_t *at,
                       score_entry *e)
{
    const char *name = c->info.name;
    size_t i = *at;
    unsigned want = 1;
    int build_failed = 0;
    for (; i < m->n && m->v[i].det == d && strcmp(m->v[i].case_name, name) == 0; i++) {
        const merge_rec *r = &m->v[i];
        if (r->run != want)
            return cli_error(RC_EXIT_INPUT, "merge: %s on %s: run %u %s", m->dets.v[d], name,
                             r->run < want ? r->run : want,
                             r->run < want ? "appears twice (a shard merged twice?)"
                                           : "is missing (a shard missing or failed?)");
        want++;
        if (!r->ran) {
            build_failed = 1;
            continue;
        }
        score_run run = {r->status, (int)r->outcome, &r->found, 0, 0};
        score_entry_add_run(e, &run);
    }
    *at = i;
    if (build_failed)
        e->status = SCORE_BUILD_FAILED;
    else if (want != m->repeat + 1)
        return cli_error(RC_EXIT_INPUT, "merge: %s on %s: %u of %u runs recorded (a shard "
                         "missing or failed?)", m->dets.v[d], name, want - 1, m->repeat);
    score_entry_finish(e);
    return 0;
}

/* Scores detector d over every case of the catalog into the next card. */
static int merge_detector_card(const merge_set *m, size_t d, cmd_score_run *s, size_t *at)
{
    size_t nc = s->cat.n, k = s->nscored++;
    score_entry *entries = text_alloc((nc ? nc : 1) * sizeof *entries);
    s->entries[k] = entries;
    int rc = 0;
    for (size_t c = 0; c < nc; c++) {
        score_entry *e = &entries[c];
        const job_case *jc = &s->cat.v[c];
        cmd_score_entry_init(e, jc);
        if (!rc && (*at >= m->n || m->v[*at].det != d ||
                    strcmp(m->v[*at].case_name, jc->info.name) != 0))
            rc = cli_error(RC_EXIT_INPUT, "merge: %s has no record of %s (a shard missing or "
                           "failed?)", m->dets.v[d], jc->info.name);
        if (!rc)
            rc = merge_entry(m, d, jc, at, e);
    }
    score_compute(m->dets.v[d], entries, nc, &s->cards[k]);
    s->cards[k].version = *m->versions.v[d] ? m->versions.v[d] : NULL;
    s->rd[k] = (report_detector){&s->cards[k], entries, nc};
    if (!rc)
        fprintf(stderr, "merge: %s: %zu cases x %u run%s\n", m->dets.v[d], nc, m->repeat,
                m->repeat == 1 ? "" : "s");
    return rc;
}

/*
 * Reads the options, before, between or after the files (merge
 * part-*.jsonl --format json reads as it is written); the files go to
 * files.  -1 to go on, or an exit status.
 */
static int cmd_merge_args(int argc, char **argv, cmd_score_opts *o, text_list *files)
{
    const char *v;
    for (int at = 0; at < argc;) {
        cli_args a;
        cli_args_init(&a, "merge", cmd_merge_usage, argc - at, argv + at);
        while (cli_next(&a)) {
            if (cli_value(&a, NULL, "--format", &v)) {
                if (report_format_parse(v, &o->format) != 0)
                    return cli_usage_error(&a, "--format wants table, csv, json or md");
            } else if (cli_flag(&a, NULL, "--per-case"))
                o->per_case = 1;
            else if (cli_value(&a, NULL, "--sarif", &v))
                o->sarif_dir = v;
            else if (cli_value(&a, NULL, "--html", &v))
                o->html_dir = v;
            else
                cli_unknown(&a);
        }
        if (a.done)
            return a.status;
        /* After "--" every argument is a file. */
        int dashdash = a.i > 0 && strcmp(argv[at + a.i - 1], "--") == 0;
        at += a.i;
        while (at < argc && (dashdash || argv[at][0] != '-' || !argv[at][1]))
            text_list_push(files, argv[at++]);
    }
    if (!files->n) {
        cli_args a;
        cli_args_init(&a, "merge", cmd_merge_usage, 0, argv);
        return cli_usage_error(&a, "want the records FILEs of score --records");
    }
    return -1;
}

/* Every shard of N there: a missing one is an error, never a smaller card. */
static int merge_shards_complete(const merge_set *m)
{
    for (unsigned k = 0; m->sharded == 1 && k < m->nshards; k++)
        if (m->shard_file[k] < 0)
            return cli_error(RC_EXIT_INPUT, "merge: shard %u/%u: no records (a shard missing, "
                             "failed, or with no run to make)", k, m->nshards);
    return 0;
}

/* The catalog of the records' cases, and the arrays a scorecard needs. */
static int cmd_merge_prepare(const cli_ctx *ctx, const merge_set *m, cmd_score_run *s)
{
    text_list names;
    text_list_init(&names);
    merge_case_names(m, &names);
    int rc = job_catalog_load(ctx, &names, &s->cat);
    text_list_free(&names);
    if (rc)
        return rc;
    cmd_score_alloc(s, m->dets.n);
    return 0;
}

int cmd_merge(cli_ctx *ctx, int argc, char **argv)
{
    cmd_score_opts o = {.repeat = 1, .format = REPORT_TABLE, .native = "native"};
    merge_set m = {0};
    text_list_init(&m.dets);
    text_list_init(&m.versions);
    text_list_init(&m.files);
    m.sharded = -1;
    int rc = cmd_merge_args(argc, argv, &o, &m.files);
    if (rc >= 0) {
        merge_set_free(&m);
        return rc;
    }
    cmd_score_run s;
    memset(&s, 0, sizeof s);
    text_list_init(&s.skipped);
    rc = cmd_score_prepare(&o, &s);
    cJSON_Hooks hooks = {text_alloc, free};
    cJSON_InitHooks(&hooks);
    for (m.file = 0; (size_t)m.file < m.files.n && !rc; m.file++)
        rc = merge_file(&m, m.files.v[m.file]);
    if (!rc && !m.n)
        rc = cli_error(RC_EXIT_INPUT, "merge: the files hold no record");
    if (!rc)
        rc = merge_shards_complete(&m);
    if (!rc) {
        qsort(m.v, m.n, sizeof *m.v, merge_rec_cmp);
        o.repeat = m.repeat;
        rc = cmd_merge_prepare(ctx, &m, &s);
    }
    size_t at = 0;
    for (size_t d = 0; d < m.dets.n && !rc; d++)
        rc = merge_detector_card(&m, d, &s, &at);
    if (!rc)
        rc = cmd_score_write(ctx, &o, &s);
    cmd_score_free(&s);
    merge_set_free(&m);
    return rc;
}
