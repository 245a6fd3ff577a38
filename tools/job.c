/*
 * job.c - cases and detectors loaded once per command, and one (detector,
 * case) run with its outcome told (see job.h).
 */
#include "job.h"

#include "exitcode.h"

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

static int job_case_load(const cli_ctx *ctx, job_case *jc)
{
    char *path = job_case_path(ctx, jc->arg);
    text_buf err;
    text_buf_init(&err);
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
    int rc = 0;
    for (size_t i = 0; i < use->n; i++) {
        job_case *jc = &cat->v[i];
        jc->arg = text_dup(use->v[i]);
        finding_list_init(&jc->truth);
        int r = job_case_load(ctx, jc);
        if (r && !rc)
            rc = r;
    }
    text_list_free(&all);
    return rc;
}

void job_catalog_free(job_catalog *cat)
{
    for (size_t i = 0; i < cat->n; i++) {
        case_free(&cat->v[i].info);
        finding_list_free(&cat->v[i].truth);
        free(cat->v[i].arg);
    }
    free(cat->v);
    cat->v = NULL;
    cat->n = 0;
}

/* ---- detectors ------------------------------------------------------------ */

void job_detector_names(const cli_ctx *ctx, text_list *out)
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

/* Loads the detector named by name, or ctx->detector_file when given. */
static int job_detector_load(const cli_ctx *ctx, const char *name, job_detector *jd)
{
    text_buf err;
    text_buf_init(&err);
    int rc;
    if (ctx->detector_file) {
        rc = det_load(ctx->detector_file, &jd->def, &err);
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

void job_detectors_free(job_detectors *ds)
{
    for (size_t i = 0; i < ds->n; i++) {
        det_free(&ds->v[i].def);
        free(ds->v[i].why);
        free(ds->v[i].cxx_why);
    }
    free(ds->v);
    ds->v = NULL;
    ds->n = 0;
}

int job_owns_expected(const det_def *d)
{
    const char *exp = det_expected_name(d);
    return exp && strcmp(exp, d->name) == 0;
}

/* ---- one (detector, case) ------------------------------------------------- */

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
    text_buf_printf(&j->exe, "%s/cases/%s/%s", ctx->build_dir, d->def.flavour, c->info.name);
    text_buf_printf(&j->log, "%s/logs/%s/%s.log", ctx->build_dir, d->def.name, c->info.name);
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
    text_buf_free(&j->exe);
    text_buf_free(&j->log);
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

int job_run(const job *j, runner_result *r, FILE *out)
{
    if (!j->available)
        return job_skip(j, out);
    if (access(j->exe.s, X_OK) != 0) {
        fprintf(out, "racecard: %s: case binary missing (%s): build the tree first\n",
                j->exe.s, strerror(errno));
        return RC_EXIT_INPUT;
    }
    text_buf why;
    text_buf_init(&why);
    int rc = runner_run(&j->det->def, j->exe.s, j->log.s, r, &why);
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
