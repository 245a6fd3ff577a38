/*
 * report_json.c - the two outputs that are JSON: the scorecard for programs,
 * and the findings as SARIF 2.1.0.  Both are built as cJSON trees, so quoting
 * and escaping are cJSON's business and never written by hand.
 *
 * cJSON signals allocation failure by returning NULL from any call.  For
 * racecard running out of memory is fatal (text.h), so cJSON allocates with
 * text_alloc and no call here has a NULL to check.
 */
#include "report_impl.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_SARIF_SCHEMA \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* The JSON scorecard's own version: bumped when a field changes meaning. */
#define REPORT_JSON_VERSION 2

/* The same names as the CSV columns. */
static const char *const report_json_status[SCORE_STATUS_COUNT] = {
    [SCORE_RAN] = "ran", [SCORE_BUILD_FAILED] = "build_failed",
    [SCORE_DETECTOR_ERROR] = "detector_error", [SCORE_CRASHED] = "crashed",
    [SCORE_TIMEOUT] = "timeout",
};

static void report_json_hooks(void)
{
    cJSON_Hooks hooks = {text_alloc, free};
    cJSON_InitHooks(&hooks);
}

/* Prints and frees the tree; returns 0, or -1 when out reports an error. */
static int report_json_emit(cJSON *root, FILE *out)
{
    char *s = cJSON_Print(root);
    fputs(s, out);
    fputc('\n', out);
    free(s);
    cJSON_Delete(root);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* An undefined ratio is null: 0 would claim a measurement that was not made. */
static void report_json_ratio(cJSON *o, const char *name, double v)
{
    if (isnan(v))
        cJSON_AddNullToObject(o, name);
    else
        cJSON_AddNumberToObject(o, name, v);
}

static void report_json_count(cJSON *o, const char *name, size_t v)
{
    cJSON_AddNumberToObject(o, name, (double)v);
}

/* Counts and rates of one level; TN, specificity, accuracy where it has negatives. */
static void report_json_level(cJSON *o, const score_counts *c, const score_rates *r, int with_tn)
{
    report_json_count(o, "tp", c->tp);
    report_json_count(o, "fp", c->fp);
    if (with_tn)
        report_json_count(o, "tn", c->tn);
    report_json_count(o, "fn", c->fn);
    report_json_ratio(o, "precision", r->precision);
    report_json_ratio(o, "recall", r->recall);
    if (with_tn) {
        report_json_ratio(o, "specificity", r->specificity);
        report_json_ratio(o, "accuracy", r->accuracy);
    }
    report_json_ratio(o, "f1", r->f1);
}

static cJSON *report_json_kinds(const score_card *c)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t k = 0; k < c->nkinds; k++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", c->kinds[k].kind);
        report_json_level(o, &c->kinds[k].counts, &c->kinds[k].rates, 0);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *report_json_categories(const report_detector *d)
{
    cJSON *a = cJSON_CreateArray();
    text_list cats;
    report_categories(d, 1, &cats);
    for (size_t k = 0; k < cats.n; k++) {
        score_counts c = score_category_counts(d->entries, d->nentries, cats.v[k]);
        score_rates r = score_rates_of(&c);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "category", cats.v[k]);
        report_json_count(o, "cases", report_category_cases(d, cats.v[k]));
        report_json_count(o, "ran", c.tp + c.fp + c.tn + c.fn);
        report_json_level(o, &c, &r, 1);
        cJSON_AddItemToArray(a, o);
    }
    text_list_free(&cats);
    return a;
}

static cJSON *report_json_card(const report_detector *d)
{
    const score_card *c = d->card;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "detector", c->detector);
    if (c->version)
        cJSON_AddStringToObject(o, "version", c->version);
    else
        cJSON_AddNullToObject(o, "version");
    report_json_count(o, "cases", c->cases);
    cJSON *status = cJSON_AddObjectToObject(o, "status");
    for (int s = 0; s < SCORE_STATUS_COUNT; s++)
        report_json_count(status, report_json_status[s], c->status[s]);
    report_json_count(o, "changed", c->changed);
    report_json_count(o, "unknown", c->unknown);
    report_json_count(o, "unlabelled", c->unlabelled);
    report_json_level(cJSON_AddObjectToObject(o, "case"), &c->cases_cm, &c->case_rates, 1);
    report_json_ratio(o, "support", c->support);
    report_json_ratio(o, "adjusted_f1", c->adjusted_f1);
    report_json_level(cJSON_AddObjectToObject(o, "pair"), &c->pairs, &c->pair_rates, 0);
    report_json_level(cJSON_AddObjectToObject(o, "line"), &c->lines, &c->line_rates, 0);
    report_json_ratio(o, "slowdown", c->slowdown);
    report_json_ratio(o, "memory", c->memory);
    report_json_ratio(o, "startup", c->startup);
    cJSON_AddItemToObject(o, "kinds", report_json_kinds(c));
    cJSON_AddItemToObject(o, "categories", report_json_categories(d));
    return o;
}

/* Each entry's own card, with its case and category. */
static cJSON *report_json_cases(const report_detector *d)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t k = 0; k < d->nentries; k++) {
        const score_entry *e = &d->entries[k];
        score_card one;
        score_compute(d->card->detector, e, 1, &one);
        one.version = d->card->version;
        report_detector rd = {&one, e, 1};
        cJSON *o = report_json_card(&rd);
        cJSON_DeleteItemFromObjectCaseSensitive(o, "detector");
        cJSON_DeleteItemFromObjectCaseSensitive(o, "version");
        cJSON_DeleteItemFromObjectCaseSensitive(o, "categories");
        cJSON_AddStringToObject(o, "name", e->case_name);
        if (e->category)
            cJSON_AddStringToObject(o, "category", e->category);
        else
            cJSON_AddNullToObject(o, "category");
        cJSON_AddItemToArray(a, o);
        score_card_free(&one);
    }
    return a;
}

int report_json(FILE *out, const report_detector *d, size_t n, int per_case)
{
    report_json_hooks();
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", "racecard-scorecard");
    cJSON_AddNumberToObject(root, "version", REPORT_JSON_VERSION);
    cJSON *a = cJSON_AddArrayToObject(root, "detectors");
    for (size_t i = 0; i < n; i++) {
        cJSON *o = report_json_card(&d[i]);
        if (per_case)
            cJSON_AddItemToObject(o, "per_case", report_json_cases(&d[i]));
        cJSON_AddItemToArray(a, o);
    }
    return report_json_emit(root, out);
}

/* Whether x names a line the truth labels race-free (a suite's NORACE line). */
static int report_record_on_clean_line(const finding *x, const finding_list *truth)
{
    for (size_t i = 0; truth && i < truth->n; i++)
        if (strcmp(truth->v[i].kind, CASE_NO_RACE) == 0)
            for (size_t k = 0; k < 2 && x->loc[k]; k++)
                if (finding_loc_cmp(truth->v[i].loc[0], x->loc[k]) == 0)
                    return 1;
    return 0;
}

/*
 * A finding's verdict against the case's truth.  What the truth lists is a
 * TP (or one side of one); the rest is an FP only where the truth could
 * have listed it: racecard's own cases, a race-free suite program, a suite
 * line labelled race-free.  A race in a racy suite program whose labels are
 * its verdict or some pairs, on a line no label names, or a kind no suite
 * labels is unlabelled, as the scorecard counts it (score.h).
 */
static const char *report_record_verdict(const finding *x, const report_record *r)
{
    score_verdict v = score_finding_verdict(x, r->truth);
    if (v != SCORE_FALSE || !r->suite)
        return score_verdict_name(v);
    if (strcmp(x->kind, "data-race") != 0 || r->level == CASE_TRUTH_UNKNOWN)
        return "unlabelled";
    if (r->level == CASE_TRUTH_LINE)
        return report_record_on_clean_line(x, r->truth) ? "fp" : "unlabelled";
    return r->racy ? "unlabelled" : "fp";
}

/* A finding as an object: its canonical line, kind, locations, verdict. */
static cJSON *report_record_finding(const finding *x, const report_record *r)
{
    cJSON *o = cJSON_CreateObject();
    char *line = finding_format(x);
    cJSON_AddStringToObject(o, "finding", line);
    free(line);
    cJSON_AddStringToObject(o, "kind", x->kind);
    cJSON *locs = cJSON_AddArrayToObject(o, "locations");
    for (size_t k = 0; k < 2 && x->loc[k]; k++)
        cJSON_AddItemToArray(locs, cJSON_CreateString(x->loc[k]));
    if (r->truth)
        cJSON_AddStringToObject(o, "verdict", report_record_verdict(x, r));
    return o;
}

/* The truth findings that found does not list exactly. */
static cJSON *report_record_missed(const finding_list *found, const finding_list *truth)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; truth && i < truth->n; i++) {
        /* A line labelled race-free is nothing to find. */
        int listed = strcmp(truth->v[i].kind, CASE_NO_RACE) == 0;
        for (size_t j = 0; found && j < found->n && !listed; j++)
            listed = finding_cmp(&truth->v[i], &found->v[j]) == 0;
        if (!listed) {
            char *line = finding_format(&truth->v[i]);
            cJSON_AddItemToArray(a, cJSON_CreateString(line));
            free(line);
        }
    }
    return a;
}

static void report_record_string(cJSON *o, const char *name, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, name, v);
    else
        cJSON_AddNullToObject(o, name);
}

int report_record_write(FILE *out, const report_record *r)
{
    report_json_hooks();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "detector", r->detector);
    report_record_string(o, "version", r->version);
    cJSON_AddStringToObject(o, "case", r->case_name);
    report_record_string(o, "category", r->category);
    cJSON_AddNumberToObject(o, "run", r->run);
    cJSON_AddNumberToObject(o, "scale", (double)(r->scale > 0 ? r->scale : 1));
    cJSON_AddStringToObject(o, "status", r->status);
    report_record_string(o, "outcome", r->outcome);
    report_record_string(o, "detail", r->detail);
    if (r->exited)
        cJSON_AddNumberToObject(o, "exit_status", r->exit_status);
    else
        cJSON_AddNullToObject(o, "exit_status");
    report_record_string(o, "signal", r->signal);
    report_json_ratio(o, "wall_s", r->wall_s);
    report_json_ratio(o, "cpu_s", r->cpu_s);
    report_json_ratio(o, "max_rss_kb", r->max_rss_kb);
    cJSON_AddNumberToObject(o, "jobs", r->jobs ? r->jobs : 1);
    cJSON_AddBoolToObject(o, "reused", r->reused);
    cJSON *found = cJSON_AddArrayToObject(o, "findings");
    for (size_t i = 0; r->found && i < r->found->n; i++)
        cJSON_AddItemToArray(found, report_record_finding(&r->found->v[i], r));
    cJSON_AddItemToObject(o, "missed", report_record_missed(r->found, r->truth));
    report_record_string(o, "log", r->log);
    if (r->nshards) {
        cJSON *sh = cJSON_AddObjectToObject(o, "shard");
        cJSON_AddNumberToObject(sh, "index", r->shard);
        cJSON_AddNumberToObject(sh, "of", r->nshards);
    } else {
        cJSON_AddNullToObject(o, "shard");
    }
    char *s = cJSON_PrintUnformatted(o);
    fputs(s, out);
    fputc('\n', out);
    free(s);
    cJSON_Delete(o);
    return ferror(out) ? -1 : 0;
}

/* A finding as a canonical line, its file renamed from file to loc_file. */
static char *report_export_finding(const finding *x, const char *file, const char *loc_file)
{
    finding y = *x;
    char *locs[2] = {NULL, NULL};
    size_t n = strlen(file);
    for (size_t k = 0; k < 2; k++)
        if (x->loc[k] && strncmp(x->loc[k], file, n) == 0 && x->loc[k][n] == ':') {
            text_buf b;
            text_buf_init(&b);
            text_buf_printf(&b, "%s%s", loc_file, x->loc[k] + n);
            locs[k] = y.loc[k] = b.s;
        }
    y.keys = NULL;
    char *line = finding_format(&y);
    free(locs[0]);
    free(locs[1]);
    return line;
}

static cJSON *report_export_findings(const report_export_case *c, const finding_list *l,
                                     const text_list *reasons)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; l && i < l->n; i++) {
        cJSON *o = cJSON_CreateObject();
        char *line = report_export_finding(&l->v[i], c->file, c->loc_file);
        cJSON_AddStringToObject(o, "finding", line);
        free(line);
        const char *why = reasons && i < reasons->n ? reasons->v[i] : "";
        report_record_string(o, "reason", *why ? why : NULL);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *report_export_lines(const report_export_line *l, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "line", (double)l[i].line);
        report_record_string(o, "tag", l[i].tag);
        if (l[i].kind)
            cJSON_AddStringToObject(o, "kind", l[i].kind);
        else
            cJSON_AddBoolToObject(o, "self", l[i].self);
        report_record_string(o, "variable", l[i].variable);
        report_record_string(o, "access", l[i].access);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

int report_export_write(FILE *out, const report_export_case *c)
{
    report_json_hooks();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", c->id);
    if (c->name)
        cJSON_AddStringToObject(o, "name", c->name);
    cJSON_AddStringToObject(o, "file", c->loc_file);
    cJSON_AddStringToObject(o, "language", c->language);
    cJSON_AddStringToObject(o, "verdict", c->verdict);
    cJSON_AddStringToObject(o, "category", c->category);
    cJSON *flags = cJSON_AddArrayToObject(o, "flags");
    for (size_t i = 0; c->flags && i < c->flags->n; i++)
        cJSON_AddItemToArray(flags, cJSON_CreateString(c->flags->v[i]));
    cJSON_AddStringToObject(o, "why", c->why);
    if (c->source)
        cJSON_AddStringToObject(o, "source", c->source);
    cJSON_AddStringToObject(o, "blind_source", c->blind_source);
    cJSON *truth = cJSON_AddArrayToObject(o, "truth");
    for (size_t i = 0; i < c->truth->n; i++) {
        char *line = report_export_finding(&c->truth->v[i], c->file, c->loc_file);
        cJSON_AddItemToArray(truth, cJSON_CreateString(line));
        free(line);
    }
    cJSON_AddItemToObject(o, "marked_lines", report_export_lines(c->lines, c->nlines));
    cJSON_AddItemToObject(o, "ordered_lines", report_export_lines(c->ordered, c->nordered));
    cJSON *dets = cJSON_AddArrayToObject(o, "detectors");
    for (size_t d = 0; d < c->ndets; d++) {
        const report_export_detector *x = &c->dets[d];
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "detector", x->detector);
        cJSON_AddItemToObject(e, "findings", report_export_findings(c, x->findings, x->reasons));
        cJSON_AddItemToObject(e, "missing", report_export_findings(c, x->missing, x->missing_reasons));
        cJSON_AddItemToArray(dets, e);
    }
    char *s = cJSON_PrintUnformatted(o);
    fputs(s, out);
    fputc('\n', out);
    free(s);
    cJSON_Delete(o);
    return ferror(out) ? -1 : 0;
}

/*
 * A SARIF location for a LOC of a case, or NULL when the LOC is "?" or not
 * "file:line".  Findings name files by basename; the case's own file is the
 * only one whose path racecard knows.
 */
static cJSON *report_sarif_location(const char *case_path, const char *loc)
{
    const char *colon = loc ? strrchr(loc, ':') : NULL;
    unsigned long line;
    if (!colon || colon == loc || text_parse_ulong(colon + 1, 100000000UL, &line) != 0 || !line)
        return NULL;
    char *file = text_ndup(loc, (size_t)(colon - loc));
    int own = strcmp(file, text_basename(case_path)) == 0;
    cJSON *l = cJSON_CreateObject();
    cJSON *phys = cJSON_AddObjectToObject(l, "physicalLocation");
    cJSON_AddStringToObject(cJSON_AddObjectToObject(phys, "artifactLocation"), "uri",
                            own ? case_path : file);
    cJSON_AddNumberToObject(cJSON_AddObjectToObject(phys, "region"), "startLine", (double)line);
    free(file);
    return l;
}

/* What a person reads first: the kind, where, and what is not known. */
static char *report_sarif_message(const char *case_path, const finding *x, size_t nknown)
{
    text_buf b;
    text_buf_init(&b);
    if (nknown == 0)
        text_buf_printf(&b, "%s in %s, at no location in the program's own code", x->kind, case_path);
    else if (nknown == 2 && finding_loc_cmp(x->loc[0], x->loc[1]) == 0)
        text_buf_printf(&b, "%s between two executions of %s", x->kind, x->loc[0]);
    else if (nknown == 2)
        text_buf_printf(&b, "%s between %s and %s", x->kind, x->loc[0], x->loc[1]);
    else if (x->loc[1])
        text_buf_printf(&b, "%s at %s; the other side has no location in the program's own code",
                        x->kind, strcmp(x->loc[0], FINDING_UNKNOWN_LOC) ? x->loc[0] : x->loc[1]);
    else
        text_buf_printf(&b, "%s at %s", x->kind, x->loc[0]);
    return b.s;
}

static void report_sarif_text(cJSON *o, const char *name, const char *text)
{
    cJSON_AddStringToObject(cJSON_AddObjectToObject(o, name), "text", text);
}

static cJSON *report_sarif_result(const report_sarif_case *c, const finding *x)
{
    cJSON *where[2] = {NULL, NULL};
    size_t nknown = 0;
    for (int i = 0; i < 2; i++) {
        cJSON *l = report_sarif_location(c->path, x->loc[i]);
        if (l)
            where[nknown++] = l;
    }
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "ruleId", x->kind);
    cJSON_AddStringToObject(r, "level", "warning");
    char *msg = report_sarif_message(c->path, x, nknown);
    report_sarif_text(r, "message", msg);
    free(msg);
    if (where[0])
        cJSON_AddItemToArray(cJSON_AddArrayToObject(r, "locations"), where[0]);
    if (where[1]) {
        cJSON_AddNumberToObject(where[1], "id", 1);
        report_sarif_text(where[1], "message", "the other side of the pair");
        cJSON_AddItemToArray(cJSON_AddArrayToObject(r, "relatedLocations"), where[1]);
    }
    return r;
}

static cJSON *report_sarif_one_run(const report_sarif_run *run)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(o, "tool"), "driver");
    cJSON_AddStringToObject(driver, "name", run->detector);
    if (run->version)
        cJSON_AddStringToObject(driver, "version", run->version);
    cJSON *results = cJSON_AddArrayToObject(o, "results");
    for (size_t i = 0; i < run->ncases; i++) {
        const report_sarif_case *c = &run->cases[i];
        for (size_t j = 0; c->found && j < c->found->n; j++)
            cJSON_AddItemToArray(results, report_sarif_result(c, &c->found->v[j]));
    }
    return o;
}

int report_sarif(FILE *out, const report_sarif_run *runs, size_t nruns)
{
    report_json_hooks();
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "$schema", REPORT_SARIF_SCHEMA);
    cJSON_AddStringToObject(root, "version", "2.1.0");
    cJSON *a = cJSON_AddArrayToObject(root, "runs");
    for (size_t i = 0; i < nruns; i++)
        cJSON_AddItemToArray(a, report_sarif_one_run(&runs[i]));
    return report_json_emit(root, out);
}
