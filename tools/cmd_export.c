/*
 * cmd_export.c - the catalog handed to tools that read source: "racecard
 * blind" writes every case as a blind copy (blind.h) under a neutral id,
 * with the support headers it includes, for a static analyser or a model
 * to read without reading the answer; "racecard export" writes the catalog
 * as a data set, one JSON record per case, its labels as fields beside its
 * source, for training or evaluating a learned detector, or with --svcomp as
 * SV-COMP verification tasks for software verifiers (export_svcomp.h).
 */
#include "blind.h"
#include "check.h"
#include "cli.h"
#include "exitcode.h"
#include "export_svcomp.h"
#include "job.h"
#include "report.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char cmd_blind_usage[] =
    "usage: racecard blind [-c CASE]... DIR\n"
    "\n"
    "Writes each case (every case when none is named) as DIR/ID.c, its neutral\n"
    "id the only name it has: the header, every comment and every marker\n"
    "removed, the case's name replaced by the id, and the line numbers kept,\n"
    "so line N of the copy is line N of the case.  The support headers the\n"
    "cases include are written beside them, blind too.  Which id is which case\n"
    "racecard keeps to itself: a definition with build = none is given the\n"
    "copies ({blind}, {case}) and its findings are mapped back.\n"
    "\n"
    "exit status: 0 written; 2 usage; 3 a case cannot be read; 73 DIR cannot\n"
    "be written.\n";

int cmd_blind(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "blind", cmd_blind_usage, argc, argv);
    text_list names;
    text_list_init(&names);
    const char *v;
    while (cli_next(&a)) {
        if (cli_value(&a, "-c", "--case", &v))
            text_list_push(&names, text_dup(v));
        else
            cli_unknown(&a);
    }
    int rc = a.done ? a.status : -1;
    if (rc < 0 && cli_operands(&a) != 1)
        rc = cli_usage_error(&a, "want one DIR");
    if (rc >= 0) {
        text_list_free(&names);
        return rc;
    }
    const char *dir = argv[a.i];
    job_catalog cat;
    rc = job_catalog_load(ctx, &names, &cat);
    text_buf err;
    text_buf_init(&err);
    for (size_t i = 0; i < cat.n && !rc; i++)
        rc = job_write_blind(ctx->source_dir, &cat.v[i], dir, &err);
    if (rc && err.len)
        fprintf(stderr, "racecard: %s\n", err.s);
    else if (!rc)
        printf("blind: wrote %zu case%s and the support headers to %s\n", cat.n,
               cat.n == 1 ? "" : "s", dir);
    text_buf_free(&err);
    job_catalog_free(&cat);
    text_list_free(&names);
    return rc;
}

/* ---- export ----------------------------------------------------------------- */

static const char cmd_export_usage[] =
    "usage: racecard export [--blind] [--format jsonl] [-c CASE]...\n"
    "       racecard export --svcomp DIR [-c CASE]...\n"
    "\n"
    "Writes the catalog (or the cases named) as a data set on standard output,\n"
    "one JSON object per line and case: its id, name, language, verdict,\n"
    "category, flags and why; its source and its blind copy; its truth; each\n"
    "marked line with the variable it names and whether it reads or writes it;\n"
    "and what each checked detector is expected to report, with the recorded\n"
    "reasons (docs/export.md, docs/schema/export.schema.json).  With --blind the\n"
    "name and the commented source are left out and every location names the\n"
    "blind copy (ID.c), so the record's inputs tell nothing of its labels.\n"
    "\n"
    "With --svcomp, writes each C case as an SV-COMP verification task in DIR:\n"
    "its blind copy ID.c, the support headers beside it, and ID.yml, a task\n"
    "definition (format 2.0, language C, data model LP64) whose property\n"
    "properties/no-data-race.prp is expected to hold (true) for a race-free\n"
    "case and not (false) for a racy one.  DIR/racecard-map.txt says which id\n"
    "is which case.  C++ cases are skipped, each named on standard error.\n"
    "\n"
    "exit status: 0 written; 2 usage; 3 a case, a support header or an\n"
    "expected file cannot be read; 70 internal error; 73 DIR cannot be\n"
    "written.\n";

static int cmd_export_ident(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* The text of line n (from 1) of src, as a fresh string. */
static char *cmd_export_line(const char *src, unsigned long n)
{
    const char *p = src;
    for (unsigned long k = 1; k < n && p; k++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return text_dup("");
    const char *e = strchr(p, '\n');
    return text_ndup(p, e ? (size_t)(e - p) : strlen(p));
}

/*
 * Whether code (a line without comments) writes, reads or does both to the
 * identifier tag: a lexical reading of the line, not of the program (the
 * markers say which lines race, not how).  NULL when tag is not there.
 */
static const char *cmd_export_access(const char *code, const char *tag)
{
    size_t n = strlen(tag);
    for (const char *p = strstr(code, tag); p; p = strstr(p + 1, tag)) {
        if ((p > code && cmd_export_ident(p[-1])) || cmd_export_ident(p[n]))
            continue;
        const char *before = p;
        while (before > code && (before[-1] == ' ' || before[-1] == '\t' || before[-1] == '*' ||
                                 before[-1] == '&' || before[-1] == '(' ))
            before--;
        if (before - code >= 2 && (strncmp(before - 2, "++", 2) == 0 || strncmp(before - 2, "--", 2) == 0))
            return "read-write";
        const char *q = p + n;
        while (*q == ' ' || *q == '\t')
            q++;
        for (int depth = 0; *q == '[' || depth > 0; q++)
            depth += *q == '[' ? 1 : *q == ']' ? -1 : 0;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncmp(q, "++", 2) == 0 || strncmp(q, "--", 2) == 0)
            return "read-write";
        if (q[0] && strchr("+-*/%&|^", q[0]) && q[1] == '=')
            return "read-write";
        if ((strncmp(q, "<<=", 3) == 0 || strncmp(q, ">>=", 3) == 0))
            return "read-write";
        if (q[0] == '=' && q[1] != '=')
            return "write";
        return "read";
    }
    return NULL;
}

/* Everything one record borrows, owned here until it is written. */
typedef struct cmd_export_rec {
    char *id, *loc_file, *source, *blind_source;
    report_export_line *lines, *ordered;
    size_t nlines, nordered;
    check_expected *expected;
    report_export_detector *dets;
    size_t ndets;
} cmd_export_rec;

static void cmd_export_rec_free(cmd_export_rec *r)
{
    for (size_t i = 0; i < r->ndets; i++)
        check_expected_free(&r->expected[i]);
    free(r->expected);
    free(r->dets);
    free(r->lines);
    free(r->ordered);
    free(r->id);
    free(r->loc_file);
    free(r->source);
    free(r->blind_source);
}

/* The marked lines of a case, sorted into races and bugs, and ordered. */
static void cmd_export_markers(const case_info *c, const char *blind_source, cmd_export_rec *r)
{
    r->lines = text_alloc((c->nmarkers ? c->nmarkers : 1) * sizeof *r->lines);
    r->ordered = text_alloc((c->nmarkers ? c->nmarkers : 1) * sizeof *r->ordered);
    for (size_t i = 0; i < c->nmarkers; i++) {
        const case_marker *m = &c->markers[i];
        report_export_line *l = m->norace ? &r->ordered[r->nordered++] : &r->lines[r->nlines++];
        char *code = cmd_export_line(blind_source, m->line);
        l->line = m->line;
        l->tag = m->tag;
        l->kind = m->kind;
        l->self = m->self;
        l->access = m->tag && !m->kind ? cmd_export_access(code, m->tag) : NULL;
        l->variable = l->access ? m->tag : NULL;
        free(code);
    }
}

/* The expected files of the detectors that keep their own; 0 or 3. */
static int cmd_export_expected(const cli_ctx *ctx, const job_detectors *ds, const job_case *c,
                               cmd_export_rec *r)
{
    r->expected = text_alloc((ds->n ? ds->n : 1) * sizeof *r->expected);
    r->dets = text_alloc((ds->n ? ds->n : 1) * sizeof *r->dets);
    int rc = 0;
    for (size_t d = 0; d < ds->n; d++) {
        job j;
        job_init(&j, ctx, &ds->v[d], c);
        check_expected_init(&r->expected[d]);
        r->ndets++;
        if (!rc)
            rc = job_expected(&j, &r->expected[d], stderr);
        const check_expected *e = &r->expected[d];
        r->dets[d] = (report_export_detector){ds->v[d].def.name, &e->findings, &e->missing,
                                              &e->reasons, &e->missing_reasons};
        job_free(&j);
    }
    return rc;
}

static int cmd_export_case(const cli_ctx *ctx, const job_detectors *ds, const job_case *c,
                           int blind)
{
    const case_info *ci = &c->info;
    cmd_export_rec r;
    memset(&r, 0, sizeof r);
    r.id = blind_id(ci->name);
    const char *ext = strrchr(ci->file, '.');
    text_buf lf;
    text_buf_init(&lf);
    text_buf_printf(&lf, "%s%s", r.id, ext ? ext : "");
    r.loc_file = blind ? lf.s : text_dup(ci->file);
    if (!blind)
        text_buf_free(&lf);
    r.source = text_read_file(ci->path, NULL);
    size_t len = 0;
    FILE *mem = r.source ? open_memstream(&r.blind_source, &len) : NULL;
    FILE *in = mem ? fopen(ci->path, "r") : NULL;
    int rc = in && blind_copy(in, mem, ci->name, r.id) == 0 ? 0 : RC_EXIT_INPUT;
    if (in)
        fclose(in);
    if (mem)
        fclose(mem);
    if (rc)
        fprintf(stderr, "racecard: %s: cannot read: %s\n", ci->path, strerror(errno));
    if (!rc) {
        cmd_export_markers(ci, r.blind_source, &r);
        rc = cmd_export_expected(ctx, ds, c, &r);
    }
    int cxx = ext && (strcmp(ext, ".cpp") == 0 || strcmp(ext, ".cc") == 0);
    report_export_case rec = {
        r.id, blind ? NULL : ci->name, ci->file, r.loc_file, cxx ? "c++" : "c",
        blind ? NULL : r.source, r.blind_source, ci->verdict, ci->category, ci->why, &ci->flags,
        &c->truth, r.lines, r.nlines, r.ordered, r.nordered, r.dets, r.ndets,
    };
    if (!rc && report_export_write(stdout, &rec) != 0)
        rc = cli_error(RC_EXIT_INTERNAL, "export: cannot write standard output");
    cmd_export_rec_free(&r);
    return rc;
}

/* The detectors whose expected files are their own, as lint reads them. */
static int cmd_export_owns(const det_def *d, const void *arg)
{
    (void)arg;
    return job_owns_expected(d);
}

static int cmd_export_detectors(const cli_ctx *ctx, job_detectors *ds)
{
    text_list all;
    text_list_init(&all);
    job_detector_names(ctx, &all);
    int rc = job_detectors_load(ctx, &all, ds);
    if (!rc)
        job_detectors_filter(ds, cmd_export_owns, NULL);
    text_list_free(&all);
    return rc;
}

/* export --svcomp DIR: the C cases of the catalog as SV-COMP tasks. */
static int cmd_export_svcomp(cli_ctx *ctx, const text_list *names, const char *dir)
{
    job_catalog cat;
    int rc = job_catalog_load(ctx, names, &cat);
    text_buf err;
    text_buf_init(&err);
    if (!rc)
        rc = export_svcomp_write(ctx->source_dir, &cat, dir, stderr, &err);
    if (rc && err.len)
        fprintf(stderr, "racecard: %s\n", err.s);
    text_buf_free(&err);
    job_catalog_free(&cat);
    return rc;
}

/* The data set on standard output, one record per case. */
static int cmd_export_records(cli_ctx *ctx, const text_list *names, int blind)
{
    job_detectors ds;
    job_catalog cat = {NULL, 0};
    int rc = cmd_export_detectors(ctx, &ds);
    if (!rc)
        rc = job_catalog_load(ctx, names, &cat);
    for (size_t i = 0; i < cat.n && !rc; i++)
        rc = cmd_export_case(ctx, &ds, &cat.v[i], blind);
    job_catalog_free(&cat);
    job_detectors_free(&ds);
    return rc;
}

int cmd_export(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "export", cmd_export_usage, argc, argv);
    text_list names;
    text_list_init(&names);
    int blind = 0, format = 0;
    const char *v, *svcomp = NULL;
    while (cli_next(&a)) {
        if (cli_flag(&a, NULL, "--blind"))
            blind = 1;
        else if (cli_value(&a, "-c", "--case", &v))
            text_list_push(&names, text_dup(v));
        else if (cli_value(&a, NULL, "--svcomp", &v))
            svcomp = v;
        else if (cli_value(&a, NULL, "--format", &v)) {
            format = 1;
            if (strcmp(v, "jsonl") != 0)
                cli_usage_error(&a, "--format wants jsonl");
        } else
            cli_unknown(&a);
    }
    int rc = a.done ? a.status : -1;
    if (rc < 0 && cli_operands(&a))
        rc = cli_usage_error(&a, "takes options only");
    if (rc < 0 && svcomp && (blind || format))
        rc = cli_usage_error(&a, "--svcomp writes blind tasks, not records: no --blind or --format");
    if (rc < 0)
        rc = svcomp ? cmd_export_svcomp(ctx, &names, svcomp) : cmd_export_records(ctx, &names, blind);
    text_list_free(&names);
    return rc;
}
