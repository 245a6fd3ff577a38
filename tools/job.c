/*
 * job.c - cases and detectors loaded once per command, and one (detector,
 * case) run with its outcome told (see job.h).
 */
#include "job.h"

#include "blind.h"
#include "pool.h"
#include "store.h"
#include "exitcode.h"
#include "suite.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- cases ---------------------------------------------------------------- */

void job_case_names(const cli_ctx *ctx, text_list *out)
{
    text_buf dir;
    text_buf_init(&dir);
    text_buf_printf(&dir, "%s/cases", ctx->source_dir);
    DIR *dp = opendir(dir.s);
    text_buf_free(&dir);
    if (!dp)
        return;
    size_t from = out->n;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        const char *n = e->d_name;
        size_t ext = text_ends_with(n, ".c") ? 2 : text_ends_with(n, ".cpp") ? 4 : 0;
        if (n[0] != '.' && ext)
            text_list_push(out, text_ndup(n, strlen(n) - ext));
    }
    closedir(dp);
    text_list_sort(out, from);
    /* NAME.c and NAME.cpp would be one case twice: CMake refuses the pair,
       and the name is listed once here (job_case_path takes the .c). */
    size_t k = from;
    for (size_t i = from; i < out->n; i++) {
        if (k > from && strcmp(out->v[k - 1], out->v[i]) == 0)
            free(out->v[i]);
        else
            out->v[k++] = out->v[i];
    }
    out->n = k;
}

char *job_case_path(const cli_ctx *ctx, const char *arg)
{
    text_buf b;
    text_buf_init(&b);
    if (strchr(arg, '/') || text_ends_with(arg, ".c") || text_ends_with(arg, ".cpp")) {
        text_buf_adds(&b, arg);
        return b.s;
    }
    text_buf_printf(&b, "%s/cases/%s.c", ctx->source_dir, arg);
    if (access(b.s, F_OK) != 0) {
        text_buf cxx;
        text_buf_init(&cxx);
        text_buf_printf(&cxx, "%s/cases/%s.cpp", ctx->source_dir, arg);
        if (access(cxx.s, F_OK) == 0) {
            text_buf_free(&b);
            return cxx.s;
        }
        text_buf_free(&cxx);
    }
    return b.s;
}

int job_suites_load(const cli_ctx *ctx, suite_set *out)
{
    suite_set_init(out);
    text_buf err;
    text_buf_init(&err);
    int rc = 0;
    for (size_t i = 0; i < ctx->n_suite_specs && !rc; i++)
        if (suite_set_add(out, ctx->suite_specs[i], &err) != 0)
            rc = cli_error(RC_EXIT_USAGE, "--suite %s", err.s);
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/racecard-suites.txt", ctx->build_dir);
    FILE *f = ctx->n_suite_specs ? NULL : fopen(path.s, "r");
    if (f) {
        text_reader r;
        text_reader_init(&r, f);
        char *line;
        while (!rc && (line = text_reader_next(&r)) != NULL)
            if (*text_skip_space(line) && suite_set_add(out, line, &err) != 0)
                rc = cli_error(RC_EXIT_INPUT, "%s (recorded by CMake's RACECARD_SUITES): %s",
                               path.s, err.s);
        text_reader_free(&r);
        fclose(f);
    }
    text_buf_free(&path);
    text_buf_free(&err);
    return rc;
}

int job_suite_case_names(const cli_ctx *ctx, const char *suite, text_list *out)
{
    suite_set set;
    int rc = job_suites_load(ctx, &set);
    const suite_ref *s = rc ? NULL : suite_set_named(&set, suite);
    if (!rc && !s)
        rc = cli_error(RC_EXIT_USAGE, "no checkout of suite '%s' is known: give --suite %s=DIR "
                       "(or RACECARD_SUITES to CMake)", suite, suite);
    if (s) {
        char *warn;
        suite_pinned(s, &warn);
        if (warn)
            fprintf(stderr, "racecard: warning: %s\n", warn);
        free(warn);
        text_buf summary;
        text_buf_init(&summary);
        suite_case_names(s, out, &summary);
        /* What the adapter left out is counted, never dropped unsaid. */
        if (summary.len)
            fprintf(stderr, "racecard: %s: %s\n", s->name, summary.s);
        text_buf_free(&summary);
    }
    suite_set_free(&set);
    return rc;
}

static int job_case_load(const cli_ctx *ctx, const suite_set *suites, job_case *jc)
{
    text_buf err;
    text_buf_init(&err);
    const suite_ref *s = suite_set_find(suites, jc->arg);
    if (s) {
        int rc = suite_case_load(s, jc->arg, &jc->info, &jc->truth, &err);
        if (rc)
            fprintf(stderr, "racecard: %s\n", err.s);
        jc->ok = !rc;
        text_buf_free(&err);
        return rc;
    }
    char *path = job_case_path(ctx, jc->arg);
    int rc = case_load(path, &jc->info, &err);
    if (rc) {
        fprintf(stderr, "racecard: %s\n", err.s);
    } else {
        case_truth(&jc->info, &jc->truth);
        jc->ok = 1;
    }
    text_buf_free(&err);
    free(path);
    return rc;
}

int job_catalog_load(const cli_ctx *ctx, const text_list *names, job_catalog *cat)
{
    text_list all;
    text_list_init(&all);
    if (!names->n)
        job_case_names(ctx, &all);
    const text_list *use = names->n ? names : &all;
    cat->n = use->n;
    cat->v = text_alloc((use->n ? use->n : 1) * sizeof *cat->v);
    suite_set suites;
    int bad_suites = job_suites_load(ctx, &suites), rc = bad_suites;
    for (size_t i = 0; i < use->n; i++) {
        job_case *jc = &cat->v[i];
        jc->arg = text_dup(use->v[i]);
        finding_list_init(&jc->truth);
        memset(&jc->info, 0, sizeof jc->info);
        jc->ok = 0;
        int r = bad_suites ? bad_suites : job_case_load(ctx, &suites, jc);
        if (r && !rc)
            rc = r;
    }
    suite_set_free(&suites);
    text_list_free(&all);
    return rc;
}

void job_case_free(job_case *c)
{
    case_free(&c->info);
    finding_list_free(&c->truth);
    free(c->arg);
    c->arg = NULL;
}

void job_catalog_free(job_catalog *cat)
{
    for (size_t i = 0; i < cat->n; i++)
        job_case_free(&cat->v[i]);
    free(cat->v);
    cat->v = NULL;
    cat->n = 0;
}

/* ---- detectors ------------------------------------------------------------ */

char *job_detector_file_name(const char *path)
{
    char *base = text_dup(text_basename(path));
    if (text_ends_with(base, ".det"))
        base[strlen(base) - 4] = '\0';
    return base;
}

const char *job_detector_file(const cli_ctx *ctx, const char *name)
{
    for (size_t i = 0; i < ctx->n_det_files; i++) {
        char *base = job_detector_file_name(ctx->det_files[i]);
        int same = strcmp(base, name) == 0;
        free(base);
        if (same)
            return ctx->det_files[i];
    }
    return NULL;
}

void job_detector_names(const cli_ctx *ctx, text_list *out)
{
    text_buf dir;
    text_buf_init(&dir);
    text_buf_printf(&dir, "%s/detectors", ctx->source_dir);
    text_list tree;
    text_list_init(&tree);
    det_list(dir.s, &tree);
    text_buf_free(&dir);
    /* A file of the same name stands in for the tree's definition. */
    for (size_t i = 0; i < tree.n; i++)
        if (!job_detector_file(ctx, tree.v[i]))
            text_list_push(out, text_dup(tree.v[i]));
    for (size_t i = 0; i < ctx->n_det_files; i++)
        text_list_push(out, job_detector_file_name(ctx->det_files[i]));
    text_list_free(&tree);
}

/* Loads the detector called name: a --detector-file's, else the tree's. */
static int job_detector_load(const cli_ctx *ctx, const char *name, job_detector *jd)
{
    text_buf err;
    text_buf_init(&err);
    int rc;
    const char *file = job_detector_file(ctx, name);
    if (file) {
        rc = det_load(file, &jd->def, &err);
    } else {
        text_buf dir;
        text_buf_init(&dir);
        text_buf_printf(&dir, "%s/detectors", ctx->source_dir);
        rc = det_find(dir.s, name, &jd->def, &err);
        text_buf_free(&dir);
    }
    if (rc) {
        fprintf(stderr, "racecard: %s\n", err.s);
    } else {
        text_buf_clear(&err);
        jd->available = det_available(&jd->def, ctx->build_dir, &err);
        if (!jd->available)
            jd->why = text_dup(err.s ? err.s : "");
        text_buf_clear(&err);
        jd->cxx_available = det_available_cxx(&jd->def, ctx->build_dir, &err);
        if (!jd->cxx_available)
            jd->cxx_why = text_dup(err.s ? err.s : "");
    }
    text_buf_free(&err);
    return rc;
}

int job_detectors_load(const cli_ctx *ctx, const text_list *names, job_detectors *ds)
{
    ds->v = text_alloc((names->n ? names->n : 1) * sizeof *ds->v);
    ds->n = 0;
    for (size_t i = 0; i < names->n; i++) {
        int rc = job_detector_load(ctx, names->v[i], &ds->v[ds->n]);
        ds->n++;
        if (rc)
            return rc;
    }
    return 0;
}

void job_detectors_filter(job_detectors *ds, int (*keep)(const det_def *, const void *),
                          const void *arg)
{
    size_t k = 0;
    for (size_t i = 0; i < ds->n; i++) {
        if (keep(&ds->v[i].def, arg)) {
            ds->v[k++] = ds->v[i];
            continue;
        }
        det_free(&ds->v[i].def);
        free(ds->v[i].why);
        free(ds->v[i].version);
        free(ds->v[i].cxx_why);
    }
    ds->n = k;
}

void job_detectors_free(job_detectors *ds)
{
    for (size_t i = 0; i < ds->n; i++) {
        det_free(&ds->v[i].def);
        free(ds->v[i].why);
        free(ds->v[i].version);
        free(ds->v[i].cxx_why);
    }
    free(ds->v);
    ds->v = NULL;
    ds->n = 0;
}

const char *job_detector_version(const cli_ctx *ctx, job_detector *jd)
{
    char **argv = det_version_argv(&jd->def);
    if (!argv || jd->version) {
        det_argv_free(argv);
        return jd->version;
    }
    text_buf log, v;
    text_buf_init(&log);
    text_buf_init(&v);
    /* Written under this process's name and renamed into place: shards of
       one scorecard (score --shard) may ask at the same time. */
    text_buf_printf(&log, "%s/logs/%s/version.%ld.log", ctx->build_dir, jd->def.name,
                    (long)getpid());
    char *line = text_make_parent_dir(log.s) == 0 ? run_first_line(argv, log.s, 10, NULL) : NULL;
    text_buf final;
    text_buf_init(&final);
    text_buf_printf(&final, "%s/logs/%s/version.log", ctx->build_dir, jd->def.name);
    if (rename(log.s, final.s) == 0) {
        text_buf_clear(&log);
        text_buf_adds(&log, final.s);
    }
    text_buf_free(&final);
    if (line)
        text_buf_adds(&v, line);
    else
        text_buf_printf(&v, "unknown: '%s' printed no version (see %s)", argv[0], log.s);
    jd->version = v.s;
    free(line);
    text_buf_free(&log);
    det_argv_free(argv);
    return jd->version;
}

int job_owns_expected(const det_def *d)
{
    const char *exp = det_expected_name(d);
    return exp && strcmp(exp, d->name) == 0;
}

/* ---- one (detector, case) ------------------------------------------------- */

/*
 * The log and result paths from the job's scale, run and log privacy: a
 * scaled run keeps the log of scale 1 (.scaled), each run of a --repeat its
 * own (.runN past the first), and each work scale its own result.
 */
static void job_paths(job *j)
{
    const char *det = j->det->def.name, *name = j->kase->info.name;
    text_buf_clear(&j->log);
    text_buf_printf(&j->log, "%s/logs/%s/%s%s", j->build_dir, det, name,
                    j->scale > 1 ? ".scaled" : "");
    if (j->run)
        text_buf_printf(&j->log, ".run%u", j->run + 1);
    if (j->private_log)
        text_buf_printf(&j->log, ".%ld", (long)getpid());
    text_buf_adds(&j->log, ".log");
    text_buf_clear(&j->result);
    text_buf_printf(&j->result, "%s/results/%s/%s", j->build_dir, det, name);
    if (j->scale > 1)
        text_buf_printf(&j->result, ".s%ld", j->scale);
    text_buf_printf(&j->result, ".r%u.json", j->run + 1);
}

void job_init(job *j, const cli_ctx *ctx, const job_detector *d, const job_case *c)
{
    j->det = d;
    j->kase = c;
    int cxx = c->ok && case_is_cxx(&c->info);
    j->available = cxx ? d->cxx_available : d->available;
    j->why = cxx ? d->cxx_why : d->why;
    text_buf_init(&j->exe);
    text_buf_init(&j->log);
    text_buf_init(&j->expected);
    text_buf_init(&j->blind);
    text_buf_init(&j->srcdir);
    j->id = blind_id(c->info.name);
    j->source_dir = ctx->source_dir;
    j->scale = 1;
    const char *ext = strrchr(c->info.file, '.');
    text_buf_printf(&j->blind, "%s/blind/%s%s", ctx->build_dir, j->id, ext ? ext : "");
    text_buf_printf(&j->srcdir, "%s/cases", ctx->source_dir);
    if (det_builds(&d->def))
        text_buf_printf(&j->exe, "%s/cases/%s/%s", ctx->build_dir, d->def.flavour, c->info.name);
    else
        text_buf_adds(&j->exe, "");
    text_buf_init(&j->result);
    j->build_dir = ctx->build_dir;
    j->run = 0;
    j->private_log = 0;
    j->reuse = 1;
    j->jobs = 1;
    job_paths(j);
    const char *exp = det_expected_name(&d->def);
    if (!exp)
        text_buf_adds(&j->expected, "");
    else if (ctx->expected_dir)
        text_buf_printf(&j->expected, "%s/%s/%s", ctx->expected_dir, exp, c->info.name);
    else
        text_buf_printf(&j->expected, "%s/expected/%s/%s", ctx->source_dir, exp, c->info.name);
}

void job_free(job *j)
{
    free(j->id);
    text_buf_free(&j->blind);
    text_buf_free(&j->srcdir);
    text_buf_free(&j->exe);
    text_buf_free(&j->log);
    text_buf_free(&j->result);
    text_buf_free(&j->expected);
}

int job_skip(const job *j, FILE *out)
{
    fprintf(out, "SKIP %s/%s: %s\n", j->det->def.name, j->kase->info.name, j->why);
    return RC_EXIT_SKIP;
}

/* Says what went wrong with a run that did not complete, and what it had
   reported before: that is still evidence. */
static void job_print_incomplete(const job *j, const runner_result *r, FILE *out)
{
    fprintf(out, "ERROR %s/%s: %s: %s\n  raw log: %s\n", j->det->def.name, j->kase->info.name,
            runner_outcome_name(r->outcome), r->detail.s ? r->detail.s : "", j->log.s);
    for (size_t i = 0; i < r->notes.n; i++)
        fprintf(out, "  %s\n", r->notes.v[i]);
    if (r->findings.n)
        fprintf(out, "  %zu finding%s read before that:\n", r->findings.n,
                r->findings.n == 1 ? "" : "s");
    for (size_t i = 0; i < r->findings.n; i++) {
        fputs("    ", out);
        finding_print(&r->findings.v[i], out);
    }
}

int job_write_blind(const char *source_dir, const job_case *c, const char *dir, text_buf *err)
{
    char *id = blind_id(c->info.name);
    const char *ext = strrchr(c->info.file, '.');
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/%s%s", dir, id, ext ? ext : "");
    int rc = blind_write(c->info.path, path.s, c->info.name, id, err);
    text_buf support;
    text_buf_init(&support);
    text_buf_printf(&support, "%s/cases/support", source_dir);
    DIR *dp = rc ? NULL : opendir(support.s);
    struct dirent *e;
    while (dp && !rc && (e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        text_buf from, to;
        text_buf_init(&from);
        text_buf_init(&to);
        text_buf_printf(&from, "%s/%s", support.s, e->d_name);
        text_buf_printf(&to, "%s/%s", dir, e->d_name);
        rc = blind_write(from.s, to.s, NULL, NULL, err);
        text_buf_free(&from);
        text_buf_free(&to);
    }
    if (dp)
        closedir(dp);
    text_buf_free(&support);
    text_buf_free(&path);
    free(id);
    return rc;
}

/* Renames every location in the blind copy's file to the case's file. */
static void job_unblind(const job *j, finding_list *l)
{
    const char *copy = text_basename(j->blind.s);
    size_t n = strlen(copy);
    for (size_t i = 0; i < l->n; i++)
        for (size_t k = 0; k < 2; k++) {
            char *loc = l->v[i].loc[k];
            if (!loc || strncmp(loc, copy, n) != 0 || loc[n] != ':')
                continue;
            text_buf b;
            text_buf_init(&b);
            text_buf_printf(&b, "%s%s", j->kase->info.file, loc + n);
            free(loc);
            l->v[i].loc[k] = b.s;
        }
    finding_list_normalize(l);
}

void job_set_scale(job *j, long scale)
{
    j->scale = scale;
    job_paths(j);
}

void job_set_run(job *j, unsigned run)
{
    j->run = run;
    job_paths(j);
}

void job_set_private_log(job *j)
{
    j->private_log = 1;
    job_paths(j);
}

void job_remove_log(const job *j)
{
    remove(j->log.s);
}

/* The runner's definition for a scaled job: d with CASE_SCALE added. */
static det_def job_scaled_def(const job *j, text_list *env)
{
    det_def d = j->det->def;
    for (size_t i = 0; i < d.env.n; i++)
        text_list_push(env, text_dup(d.env.v[i]));
    text_buf v;
    text_buf_init(&v);
    text_buf_printf(&v, "CASE_SCALE=%ld", j->scale);
    text_list_push(env, v.s);
    d.env = *env;
    d.timeout *= JOB_SCALE_TIMEOUT;
    return d;
}

/*
 * The fingerprint of everything the job's result depends on (store.h):
 * racecard, the machine, the definition, the case's source and support
 * headers, its binary, the work scale and the run's number.
 */
static void job_fingerprint(const job *j, char hex[17])
{
    store_print p;
    store_print_init(&p);
    store_print_context(&p);
    store_print_str(&p, j->det->def.name);
    store_print_file(&p, j->det->def.path);
    store_print_file(&p, j->kase->info.path);
    text_buf support;
    text_buf_init(&support);
    text_buf_printf(&support, "%s/support", j->srcdir.s);
    store_print_dir(&p, support.s);
    text_buf_free(&support);
    store_print_stat(&p, det_builds(&j->det->def) ? j->exe.s : NULL);
    store_print_long(&p, j->scale);
    store_print_long(&p, (long)j->run);
    store_print_hex(&p, hex);
}

/* Runs the job for real: the runner on the binary, or on the blind copy. */
static int job_exec_fresh(const job *j, runner_result *r, text_buf *err)
{
    int reads_source = !det_builds(&j->det->def);
    if (reads_source) {
        char *dir = text_dup(j->blind.s);
        *strrchr(dir, '/') = '\0';
        int rc = job_write_blind(j->source_dir, j->kase, dir, err);
        free(dir);
        if (rc)
            return rc;
    }
    det_vars v = {reads_source ? NULL : j->exe.s, j->log.s, j->kase->info.path, j->blind.s,
                  j->id, j->srcdir.s};
    /* The case's own files tell its frames from a library's. */
    parse_own own;
    parse_own_init(&own);
    runner_case_own(j->kase->info.path, &own);
    text_list env;
    text_list_init(&env);
    det_def def = j->scale > 1 ? job_scaled_def(j, &env) : j->det->def;
    int rc = runner_run(&def, &v, &own, r, err);
    text_list_free(&env);
    parse_own_free(&own);
    if (!rc && reads_source)
        job_unblind(j, &r->findings);
    return rc;
}

int job_exec(const job *j, runner_result *r, text_buf *err)
{
    char print[17];
    job_fingerprint(j, print);
    if (j->reuse && store_load(j->result.s, print, r) == 0)
        return 0;
    int rc = job_exec_fresh(j, r, err);
    if (rc)
        return rc;
    r->jobs = j->jobs;
    text_buf why;
    text_buf_init(&why);
    if (store_save(j->result.s, print, r, j->log.s, &why) != 0)
        fprintf(stderr, "racecard: warning: %s (the run is not kept for later stages)\n", why.s);
    text_buf_free(&why);
    return 0;
}

/* What job_prefetch's children see: the jobs, and the context. */
typedef struct job_batch {
    job *v;
    size_t *todo;          /* indices into v of the jobs to run */
} job_batch;

static int job_prefetch_one(void *arg, size_t i)
{
    job_batch *b = arg;
    job *j = &b->v[b->todo[i]];
    runner_result r;
    runner_result_init(&r);
    text_buf err;
    text_buf_init(&err);
    int rc = job_exec(j, &r, &err);
    if (rc)
        fprintf(stderr, "racecard: %s\n", err.s);
    text_buf_free(&err);
    runner_result_free(&r);
    return rc;
}

static void job_prefetch_name(void *arg, size_t i, text_buf *out)
{
    job_batch *b = arg;
    const job *j = &b->v[b->todo[i]];
    text_buf_printf(out, "%s/%s", j->det->def.name, j->kase->info.name);
    if (j->run)
        text_buf_printf(out, " run %u", j->run + 1);
}

/* True when the job could run here (available, its binary built). */
static int job_runnable(const job *j)
{
    return j->available && (!det_builds(&j->det->def) || access(j->exe.s, X_OK) == 0);
}

unsigned job_parallel(const cli_ctx *ctx)
{
    return ctx->jobs ? ctx->jobs : pool_cpus();
}

int job_prefetch(const cli_ctx *ctx, job *v, size_t n, const char *label)
{
    unsigned jobs = job_parallel(ctx);
    job_batch b = {v, text_alloc((n ? n : 1) * sizeof *b.todo)};
    size_t todo = 0;
    for (size_t i = 0; i < n; i++) {
        v[i].jobs = jobs;
        v[i].reuse = !ctx->rerun;
        if (!job_runnable(&v[i]))
            continue;
        if (!ctx->rerun) {
            /* Already there: nothing to fork for. */
            runner_result r;
            runner_result_init(&r);
            char print[17];
            job_fingerprint(&v[i], print);
            /* Run alone, a run measures costs too: one made in company
               does not serve. */
            int have = store_load(v[i].result.s, print, &r) == 0 && (jobs > 1 || r.jobs <= 1);
            runner_result_free(&r);
            if (have)
                continue;
        }
        b.todo[todo++] = i;
    }
    /* The runs' costs say how many ran at once: at most the runs to make. */
    for (size_t i = 0; i < n; i++)
        v[i].jobs = jobs < todo ? jobs : (todo ? (unsigned)todo : 1);
    pool_opts o = {jobs, !ctx->quiet, label, job_prefetch_name};
    store_session();   /* named before the children are forked: theirs too */
    int rc = 0;
    if (todo && pool_run(todo, job_prefetch_one, &b, &o, NULL) != 0)
        rc = cli_error(RC_EXIT_INTERNAL, "%s: cannot start the runs: %s", label, strerror(errno));
    for (size_t i = 0; i < n; i++)
        v[i].reuse = 1;
    free(b.todo);
    return rc;
}

int job_run(const job *j, runner_result *r, FILE *out)
{
    if (!j->available)
        return job_skip(j, out);
    if (det_builds(&j->det->def) && access(j->exe.s, X_OK) != 0) {
        fprintf(out, "racecard: %s: case binary missing (%s): build the tree first\n",
                j->exe.s, strerror(errno));
        return RC_EXIT_INPUT;
    }
    text_buf why;
    text_buf_init(&why);
    int rc = job_exec(j, r, &why);
    if (rc)
        fprintf(out, "racecard: %s\n", why.s);
    text_buf_free(&why);
    if (rc)
        return rc;
    if (r->aslr_workaround)
        fprintf(out, "note: ThreadSanitizer could not start with this kernel's address layout "
                     "(vm.mmap_rnd_bits too high for its shadow memory); re-ran with address "
                     "randomisation disabled for the process (ADDR_NO_RANDOMIZE); first log: %s.first-attempt\n",
                j->log.s);
    if (!runner_completed(r)) {
        job_print_incomplete(j, r, out);
        return RC_EXIT_RUN;
    }
    return 0;
}

int job_expected(const job *j, check_expected *e, FILE *out)
{
    text_buf err;
    text_buf_init(&err);
    int rc = check_load(j->expected.s, e, &err);
    if (!rc)
        rc = check_against_truth(e, &j->kase->truth, &err);
    if (rc)
        fprintf(out, "racecard: %s\n", err.s);
    text_buf_free(&err);
    return rc;
}
