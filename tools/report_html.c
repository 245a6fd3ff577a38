/*
 * report_html.c - the scored run as static pages (report_html.h): the index
 * with the scorecard and the cases x detectors table, and one page per case
 * with its source, its labelled and reported lines, and each detector's log
 * explained.
 *
 * Every byte that comes from a file (case sources, logs, names) goes through
 * report_html_escape, because case sources are C and logs are whatever a
 * program printed: both hold '<' and '&'.  The pages carry no script and no
 * outside reference, so they read the same wherever they are opened; the
 * collapsing of logs is <details>, which browsers do by themselves.
 */
#include "report_html.h"
#include "check.h"
#include "explain.h"
#include "runner.h"
#include "text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* An explained log past this size is cut on the page; the raw log is whole. */
#define REPORT_HTML_LOG_MAX (1024 * 1024)

/* Colours are the test's anchors too: tests/html/chromium-check looks for
   the RACE highlight (#ffc8c8) in the screenshot. */
static const char report_html_css[] =
    "body { font: 15px/1.45 sans-serif; margin: 1.5em; color: #1d1d1d; background: #fff; }\n"
    "h1 { font-size: 1.5em; margin: 0 0 .3em; }\n"
    "h2 { font-size: 1.2em; margin: 1.4em 0 .4em; }\n"
    "h3 { font-size: 1.05em; margin: 1em 0 .3em; }\n"
    "a { color: #1453a6; }\n"
    "code, pre, td.code { font-family: monospace; font-size: 13px; }\n"
    "table { border-collapse: collapse; margin: .3em 0 1em; }\n"
    "th, td { border: 1px solid #d4d4d4; padding: .15em .5em; text-align: left; }\n"
    "th { background: #f0f0f0; }\n"
    "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    "td.o-TP, td.o-TN { background: #d9f2df; }\n"
    "td.o-FP, td.o-FN { background: #ffd9b3; }\n"
    "td.o-err { background: #e4e4e4; }\n"
    "dl.header { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }\n"
    "dl.header dt { font-weight: bold; }\n"
    "dl.header dd { margin: 0; }\n"
    ".case { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5em; }\n"
    "@media (max-width: 1000px) { .case { grid-template-columns: minmax(0, 1fr); } }\n"
    ".source { overflow: auto; position: sticky; top: 0; max-height: 100vh; align-self: start; }\n"
    "@media (max-width: 1000px) { .source { position: static; max-height: none; } }\n"
    "td.changed::after { content: \" \\2195\"; font-weight: bold; }\n"
    "span.known { color: #555; font-style: italic; }\n"
    "table.src { width: 100%; margin: 0; }\n"
    "table.src td { border: 0; padding: 0 .4em; vertical-align: top; }\n"
    "table.src td.code { white-space: pre; }\n"
    "table.src td.ln { text-align: right; color: #777; user-select: none; }\n"
    "table.src td.ln a { color: inherit; text-decoration: none; }\n"
    "table.src td.marks { white-space: nowrap; min-width: 1em; }\n"
    "tr.race td { background: #ffc8c8; }\n"
    "tr.bug td { background: #ffe08a; }\n"
    "tr.norace td { background: #d6e9ff; }\n"
    ".mark { display: inline-block; min-width: 1.1em; padding: 0 .2em; border-radius: .3em;\n"
    "        font: bold 11px/1.4 sans-serif; text-align: center; text-decoration: none; color: #fff; }\n"
    ".mark.tp { background: #1e7b3c; }\n"
    ".mark.fp { background: #b3261e; }\n"
    "span.race, span.bug, span.norace { padding: 0 .3em; }\n"
    "span.race { background: #ffc8c8; } span.bug { background: #ffe08a; } span.norace { background: #d6e9ff; }\n"
    "section.det { border: 1px solid #ccc; border-radius: .4em; padding: .2em .8em .6em; margin-bottom: 1em; }\n"
    "ul.findings li.tp::marker { color: #1e7b3c; }\n"
    "ul.findings li.fp::marker, ul.findings li.fn::marker { color: #b3261e; }\n"
    "pre.log { background: #f6f6f6; padding: .5em; overflow-x: auto; margin: .3em 0; }\n"
    "p.note { color: #555; }\n";

void report_html_escape(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case '\t': case '\n': case '\r': fputc(c, out); break;
        default:
            if (c < 0x20 || c == 0x7f)
                fputs("&#xFFFD;", out);
            else
                fputc(c, out);
        }
    }
}

static void report_html_text(FILE *out, const char *s)
{
    report_html_escape(out, s, strlen(s));
}

void report_html_url(FILE *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '_' || c == '-')
            fputc(c, out);
        else
            fprintf(out, "%%%02X", c);
    }
}

static int report_html_has_race(const finding_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (strcmp(l->v[i].kind, "data-race") == 0)
            return 1;
    return 0;
}

const char *report_html_outcome(const score_entry *e)
{
    if (e->status != SCORE_RAN)
        return score_status_name(e->status);
    int real = report_html_has_race(e->truth), said = report_html_has_race(&e->found);
    return real ? (said ? "TP" : "FN") : (said ? "FP" : "TN");
}

/* What each outcome means, in the words a panel uses. */
static const char *report_html_outcome_words(const char *o)
{
    static const char *const words[][2] = {
        {"TP", "true positive: a data race reported in a racy case"},
        {"FN", "false negative: no data race reported in a racy case"},
        {"FP", "false positive: a data race reported in a race-free case"},
        {"TN", "true negative: no data race reported in a race-free case"},
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcmp(o, words[i][0]) == 0)
            return words[i][1];
    return "not scored: the case did not build for this detector, or its run did not complete";
}

/* The CSS class of an outcome cell: TP/TN good, FP/FN bad, the rest greyed. */
static const char *report_html_outcome_class(const char *o)
{
    return strlen(o) == 2 ? o : "err";
}

/* ---- files ---------------------------------------------------------------- */

static FILE *report_html_open(const char *dir, const char *name, text_buf *path, text_buf *err)
{
    text_buf_clear(path);
    text_buf_printf(path, "%s/%s", dir, name);
    FILE *f = fopen(path->s, "w");
    if (!f) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot write %s: %s", path->s, strerror(errno));
    }
    return f;
}

/* Closes f; a write error anywhere before (a full disk) is reported here. */
static int report_html_close(FILE *f, const char *path, text_buf *err)
{
    int bad = ferror(f);
    errno = 0;
    if (fclose(f) != 0 || bad) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot write %s: %s", path, errno ? strerror(errno) : "write error");
        return -1;
    }
    return 0;
}

int report_html_prepare(const char *dir, text_buf *err)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/style.css", dir);
    int rc = -1;
    if (text_make_parent_dir(path.s) != 0) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot write %s: cannot create the directory: %s", dir, strerror(errno));
    } else {
        FILE *f = report_html_open(dir, "style.css", &path, err);
        if (f) {
            fputs(report_html_css, f);
            rc = report_html_close(f, path.s, err);
        }
    }
    text_buf_free(&path);
    return rc;
}

static void report_html_head(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
    report_html_text(out, title);
    fputs("</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n", out);
}

static void report_html_foot(FILE *out)
{
    fputs("</body>\n</html>\n", out);
}

/* ---- the index ------------------------------------------------------------ */

static void report_html_run_summary(FILE *out, const report_html_site *s)
{
    fprintf(out, "<p>%zu case%s under %zu detector%s, %u run%s each; every figure comes from "
                 "the same cards as <code>racecard score</code>'s table "
                 "(<code>docs/scorecard.md</code> defines them).</p>\n",
            s->ncases, s->ncases == 1 ? "" : "s", s->ndets, s->ndets == 1 ? "" : "s",
            s->repeat, s->repeat == 1 ? "" : "s");
    int any = 0;
    for (size_t d = 0; s->versions && d < s->ndets; d++)
        if (s->versions[d] && *s->versions[d]) {
            fputs(any ? ", " : "<p class=\"versions\">Made by: ", out);
            fputs("<strong>", out);
            report_html_text(out, s->dets[d].card->detector);
            fputs("</strong> ", out);
            report_html_text(out, s->versions[d]);
            any = 1;
        }
    if (any)
        fputs(".</p>\n", out);
    if (!s->skipped || !s->skipped->n)
        return;
    fputs("<p>Not run here:</p>\n<ul>\n", out);
    for (size_t i = 0; i < s->skipped->n; i++) {
        fputs("<li>", out);
        report_html_text(out, s->skipped->v[i]);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

static void report_html_case_link(FILE *out, const char *kase, const char *det)
{
    fputs("<a href=\"", out);
    report_html_url(out, kase);
    fputs(".html", out);
    if (det) {
        fputs("#det-", out);
        report_html_url(out, det);
    }
    fputs("\">", out);
}

static void report_html_cases_row(FILE *out, const report_html_site *s, size_t c)
{
    const case_info *k = s->cases[c].info;
    fputs("<tr><td>", out);
    report_html_case_link(out, k->name, NULL);
    report_html_text(out, k->name);
    fputs("</a></td><td>", out);
    report_html_text(out, k->verdict);
    fputs("</td><td>", out);
    report_html_text(out, k->category);
    fputs("</td>", out);
    for (size_t d = 0; d < s->ndets; d++) {
        const score_entry *e = &s->dets[d].entries[c];
        const char *o = report_html_outcome(e);
        fprintf(out, "<td class=\"o-%s%s\" title=\"%zu finding%s%s\">",
                report_html_outcome_class(o), e->changed ? " changed" : "", e->found.n,
                e->found.n == 1 ? "" : "s",
                e->changed ? "; the runs disagreed, this is the worst" : "");
        report_html_case_link(out, k->name, s->dets[d].card->detector);
        report_html_text(out, o);
        fputs("</a></td>", out);
    }
    fputs("</tr>\n", out);
}

static void report_html_cases_table(FILE *out, const report_html_site *s)
{
    fputs("<h2 id=\"cases\">Cases</h2>\n<p>Each cell is the case-level outcome "
          "(TP, FP, TN, FN; or why the case was not scored) and links to that "
          "detector's explained report beside the case's source.  A cell marked "
          "&#x2195; is a case whose findings changed between the runs of "
          "<code>--repeat</code>.</p>\n"
          "<table class=\"cases\">\n<thead><tr><th>case</th><th>verdict</th><th>category</th>", out);
    for (size_t d = 0; d < s->ndets; d++) {
        fputs("<th>", out);
        report_html_text(out, s->dets[d].card->detector);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t c = 0; c < s->ncases; c++)
        report_html_cases_row(out, s, c);
    fputs("</tbody>\n</table>\n", out);
}

static int report_html_index(const char *dir, const report_html_site *s, text_buf *err)
{
    text_buf path;
    text_buf_init(&path);
    FILE *out = report_html_open(dir, "index.html", &path, err);
    int rc = -1;
    if (out) {
        report_html_head(out, "racecard scorecard");
        fputs("<h1>racecard: race detectors against programs whose races are known</h1>\n", out);
        report_html_run_summary(out, s);
        if (s->lessons_md)
            fputs("<p>New to race reports? <a href=\"lessons.html\">The lessons</a> walk "
                  "through the first cases in order, from a racy counter to the GIL; then "
                  "open any case below to read each detector's report beside its source.</p>\n",
                  out);
        /* learners come for the cases; the metrics are for tool authors, after them */
        report_html_cases_table(out, s);
        fputs("<h2 id=\"scorecard\">Scorecard</h2>\n", out);
        /* a write error shows again at report_html_close, which reports it */
        report_write_html_tables(out, s->dets, s->ndets);
        report_html_foot(out);
        rc = report_html_close(out, path.s, err);
    }
    text_buf_free(&path);
    return rc;
}

/* ---- a case's page: header, truth, source -------------------------------- */

static void report_html_field(FILE *out, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    fprintf(out, "<dt>%s</dt><dd>", name);
    report_html_text(out, value);
    fputs("</dd>\n", out);
}

static void report_html_header(FILE *out, const case_info *k)
{
    fputs("<p><a href=\"index.html\">scorecard</a> / <a href=\"index.html#cases\">cases</a></p>\n<h1>", out);
    report_html_text(out, k->name);
    fputs("</h1>\n<dl class=\"header\">\n", out);
    report_html_field(out, "summary", k->summary);
    report_html_field(out, "verdict", k->verdict);
    for (size_t i = 0; i < k->flags.n; i++)
        report_html_field(out, "flag", k->flags.v[i]);
    report_html_field(out, "why", k->why);
    report_html_field(out, "category", k->category);
    report_html_field(out, "origin", k->origin);
    fputs("</dl>\n", out);
}

static void report_html_finding(FILE *out, const finding *x)
{
    char *s = finding_format(x);
    fputs("<code>", out);
    report_html_text(out, s);
    fputs("</code>", out);
    free(s);
}

static void report_html_truth(FILE *out, const finding_list *truth)
{
    fputs("<h2>Ground truth</h2>\n", out);
    if (!truth->n) {
        fputs("<p>No finding: every shared access is ordered.</p>\n", out);
        return;
    }
    fputs("<ul class=\"truth\">\n", out);
    for (size_t i = 0; i < truth->n; i++) {
        fputs("<li>", out);
        report_html_finding(out, &truth->v[i]);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

/* The line of loc when it is in file ("file:line"), else 0. */
static unsigned long report_html_loc_line(const char *loc, const char *file)
{
    const char *colon = loc ? strrchr(loc, ':') : NULL;
    unsigned long line;
    size_t n = strlen(file);
    if (!colon || (size_t)(colon - loc) != n || strncmp(loc, file, n) != 0 ||
        text_parse_ulong(colon + 1, 100000000UL, &line) != 0)
        return 0;
    return line;
}

static int report_html_names_line(const finding_list *l, const char *file, unsigned long line)
{
    for (size_t i = 0; l && i < l->n; i++)
        for (int k = 0; k < 2; k++)
            if (l->v[i].loc[k] && report_html_loc_line(l->v[i].loc[k], file) == line)
                return 1;
    return 0;
}

/* The row class of a source line from its markers: a misuse, a race, or an
   ordered shared access (the strongest wins when a line has several). */
static const char *report_html_line_class(const case_info *k, unsigned long line)
{
    int race = 0, norace = 0;
    for (size_t i = 0; i < k->nmarkers; i++) {
        const case_marker *m = &k->markers[i];
        if (m->line != line)
            continue;
        if (m->kind)
            return "bug";
        if (m->norace)
            norace = 1;
        else
            race = 1;
    }
    return race ? "race" : norace ? "norace" : NULL;
}

/* One mark per detector that named the line: green when the truth names it too. */
static void report_html_marks(FILE *out, const report_html_site *s, size_t c, unsigned long line)
{
    const case_info *k = s->cases[c].info;
    int true_line = report_html_names_line(s->cases[c].truth, k->file, line);
    for (size_t d = 0; d < s->ndets; d++) {
        if (!report_html_names_line(&s->dets[d].entries[c].found, k->file, line))
            continue;
        const char *det = s->dets[d].card->detector;
        fprintf(out, "<a class=\"mark %s\" href=\"#det-", true_line ? "tp" : "fp");
        report_html_url(out, det);
        fputs("\" title=\"", out);
        report_html_text(out, det);
        fprintf(out, " named this line\">%zu</a>", d + 1);
    }
}

static void report_html_source_line(FILE *out, const report_html_site *s, size_t c,
                                    unsigned long n, const char *text)
{
    const char *cls = report_html_line_class(s->cases[c].info, n);
    fprintf(out, "<tr id=\"L%lu\"", n);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    fprintf(out, "><td class=\"ln\"><a href=\"#L%lu\">%lu</a></td><td class=\"marks\">", n, n);
    report_html_marks(out, s, c, n);
    fputs("</td><td class=\"code\">", out);
    report_html_text(out, text);
    fputs("</td></tr>\n", out);
}

static void report_html_legend(FILE *out, const report_html_site *s)
{
    fputs("<p class=\"legend\">Lines labelled by the markers: <span class=\"race\">RACE</span> "
          "<span class=\"bug\">BUG</span> <span class=\"norace\">NORACE</span>.  "
          "A mark is a line a detector named, green where the truth names it too, red where "
          "it does not:", out);
    for (size_t d = 0; d < s->ndets; d++) {
        fprintf(out, " <span class=\"mark tp\">%zu</span> ", d + 1);
        report_html_text(out, s->dets[d].card->detector);
    }
    fputs("</p>\n", out);
}

static void report_html_source(FILE *out, const report_html_site *s, size_t c)
{
    const case_info *k = s->cases[c].info;
    fputs("<div class=\"source\">\n<h2>Source: <code>", out);
    report_html_text(out, k->file);
    fputs("</code></h2>\n", out);
    report_html_legend(out, s);
    FILE *in = fopen(k->path, "r");
    if (!in) {
        fputs("<p class=\"note\">The source cannot be read: ", out);
        report_html_text(out, strerror(errno));
        fputs("</p>\n</div>\n", out);
        return;
    }
    fputs("<table class=\"src\">\n", out);
    text_reader r;
    text_reader_init(&r, in);
    const char *line;
    while ((line = text_reader_next(&r)) != NULL)
        report_html_source_line(out, s, c, r.lineno, line);
    text_reader_free(&r);
    fclose(in);
    fputs("</table>\n</div>\n", out);
}

/* ---- a case's page: one panel per detector -------------------------------- */

static int report_html_listed(const finding *x, const finding_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (finding_cmp(x, &l->v[i]) == 0)
            return 1;
    return 0;
}

/* A data race that is not a truth pair but names a line of one (DRD's
   one-location findings, or a pair with one side wrong). */
static int report_html_names_racing_line(const finding *x, const finding_list *truth)
{
    if (strcmp(x->kind, "data-race") != 0)
        return 0;
    for (size_t i = 0; truth && i < truth->n; i++)
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                if (strcmp(truth->v[i].kind, "data-race") == 0 && x->loc[a] && truth->v[i].loc[b] &&
                    strcmp(x->loc[a], FINDING_UNKNOWN_LOC) != 0 &&
                    finding_loc_cmp(x->loc[a], truth->v[i].loc[b]) == 0)
                    return 1;
    return 0;
}

/* A one-location data race on one side of truth pair t (DRD names only the
   later access): it agrees with the truth, as check and score count it. */
static int report_html_one_side_of(const finding *x, const finding *t)
{
    if (strcmp(x->kind, "data-race") != 0 || strcmp(t->kind, "data-race") != 0 || x->loc[1] ||
        !x->loc[0] || strcmp(x->loc[0], FINDING_UNKNOWN_LOC) == 0)
        return 0;
    for (int b = 0; b < 2; b++)
        if (t->loc[b] && finding_loc_cmp(x->loc[0], t->loc[b]) == 0)
            return 1;
    return 0;
}

static int report_html_one_side_in(const finding *x, const finding_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (report_html_one_side_of(x, &l->v[i]) || report_html_one_side_of(&l->v[i], x))
            return 1;
    return 0;
}

/* ", known: REASON" from the expected file, for a difference it explains. */
static void report_html_reason(FILE *out, const finding *x, const finding_list *l,
                               const text_list *reasons)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (finding_cmp(x, &l->v[i]) == 0 && reasons->v[i][0]) {
            fputs(" <span class=\"known\">known, and the expected file says why: ", out);
            report_html_text(out, reasons->v[i]);
            fputs("</span>", out);
            return;
        }
}

static void report_html_findings(FILE *out, const score_entry *e, const check_expected *exp)
{
    fputs("<ul class=\"findings\">\n", out);
    for (size_t i = 0; i < e->found.n; i++) {
        const finding *x = &e->found.v[i];
        int exact = report_html_listed(x, e->truth);
        int one_side = !exact && report_html_one_side_in(x, e->truth);
        fprintf(out, "<li class=\"%s\">", exact || one_side ? "tp" : "fp");
        report_html_finding(out, x);
        fputs(exact ? " in the truth"
              : one_side ? " one side of a racing pair of the truth: the detector names only "
                           "one access, and this agrees with the truth"
              : report_html_names_racing_line(x, e->truth) ? " not a pair of the truth, but names a racing line"
              : " not in the truth", out);
        if (exp && !exact && !one_side)
            report_html_reason(out, x, &exp->findings, &exp->reasons);
        fputs("</li>\n", out);
    }
    for (size_t i = 0; e->truth && i < e->truth->n; i++) {
        const finding *t = &e->truth->v[i];
        if (report_html_listed(t, &e->found))
            continue;
        if (report_html_one_side_in(t, &e->found))
            continue;  /* covered by the one-location finding above */
        fputs("<li class=\"fn\">", out);
        report_html_finding(out, t);
        fputs(" in the truth, not reported exactly", out);
        if (exp)
            report_html_reason(out, t, &exp->missing, &exp->missing_reasons);
        fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
}

/* Writes at most REPORT_HTML_LOG_MAX bytes of text, cut at a line end. */
static void report_html_log_text(FILE *out, const char *text, size_t len)
{
    size_t keep = len;
    if (len > REPORT_HTML_LOG_MAX) {
        keep = REPORT_HTML_LOG_MAX;
        while (keep && text[keep - 1] != '\n')
            keep--;
    }
    fputs("<pre class=\"log\">", out);
    report_html_escape(out, text, keep);
    fputs("</pre>\n", out);
    if (keep < len)
        fprintf(out, "<p class=\"note\">Cut here: the explained log goes on for %zu more bytes; "
                     "the raw log below is whole.</p>\n", len - keep);
}

/*
 * The log through explain_stream, as explain prints it with colour off, into
 * memory first: the summary above it counts the reports, known only at the
 * end.  Returns NULL, or what went wrong.
 */
static const char *report_html_explained(FILE *in, const char *name, const report_html_site *s,
                                         const char *det, const char *kase, FILE *out)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        return "it cannot be explained: out of memory";
    explain_stats st;
    memset(&st, 0, sizeof st);
    parse_own own;
    parse_own_init(&own);
    for (size_t c = 0; c < s->ncases; c++)
        if (strcmp(s->cases[c].info->name, kase) == 0)
            runner_case_own(s->cases[c].info->path, &own);
    explain_opts o = {0, NULL, s->cases_dir, kase, NULL, parse_own_empty(&own) ? NULL : &own};
    text_buf expected;
    text_buf_init(&expected);
    struct stat sb;
    if (s->expected_dir) {
        text_buf_printf(&expected, "%s/%s/%s", s->expected_dir, det, kase);
        if (stat(expected.s, &sb) == 0 && S_ISREG(sb.st_mode))
            o.expected = expected.s;
    }
    int bad = explain_stream(in, mem, &o, &st);
    explain_print_totals(mem, name, &st, 0);
    fclose(mem);
    fprintf(out, "<details>\n<summary>The log, explained (%u report%s)</summary>\n",
            st.reports, st.reports == 1 ? "" : "s");
    report_html_log_text(out, text, len);
    fputs("</details>\n", out);
    free(text);
    text_buf_free(&expected);
    parse_own_free(&own);
    return bad ? "read error: what was read before it is above" : NULL;
}

/* The raw log of (det, kase), explained, and where it is. */
static void report_html_log(FILE *out, const report_html_site *s, const char *det, const char *kase)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/%s/%s.log", s->log_dir, det, kase);
    FILE *in = fopen(path.s, "r");
    const char *why = in ? report_html_explained(in, path.s, s, det, kase, out) : strerror(errno);
    if (in)
        fclose(in);
    fputs("<p class=\"note\">Raw log", out);
    if (s->repeat > 1)
        fputs(" (of the last run)", out);
    fputs(": <code>", out);
    report_html_text(out, path.s);
    fputs("</code>", out);
    if (why) {
        fputs(": ", out);
        report_html_text(out, why);
    }
    fputs("</p>\n", out);
    text_buf_free(&path);
}

static void report_html_panel(FILE *out, const report_html_site *s, size_t d, size_t c)
{
    const char *det = s->dets[d].card->detector;
    const score_entry *e = &s->dets[d].entries[c];
    const char *o = report_html_outcome(e);
    fputs("<section class=\"det\" id=\"det-", out);
    report_html_text(out, det);
    fprintf(out, "\">\n<h3><span class=\"mark tp\">%zu</span> ", d + 1);
    report_html_text(out, det);
    fprintf(out, "</h3>\n<p class=\"outcome\"><strong>%s</strong>: %s.</p>\n", o,
            report_html_outcome_words(o));
    if (e->changed)
        fprintf(out, "<p class=\"outcome changed\">The %u runs of this case did not agree: "
                     "their findings or outcome changed from run to run; what is shown is the "
                     "worst of them, and the log is the last run's.</p>\n", s->repeat);
    const char *ver = s->versions ? s->versions[d] : NULL;
    if (ver && *ver) {
        fputs("<p class=\"note\">Made by ", out);
        report_html_text(out, ver);
        fputs(".</p>\n", out);
    }
    check_expected exp;
    check_expected_init(&exp);
    int have_exp = 0;
    if (s->expected_dir) {
        text_buf p, err;
        text_buf_init(&p);
        text_buf_init(&err);
        text_buf_printf(&p, "%s/%s/%s", s->expected_dir, det, s->cases[c].info->name);
        have_exp = check_load(p.s, &exp, &err) == 0;
        text_buf_free(&p);
        text_buf_free(&err);
    }
    report_html_findings(out, e, have_exp ? &exp : NULL);
    check_expected_free(&exp);
    report_html_log(out, s, det, s->cases[c].info->name);
    fputs("</section>\n", out);
}

static int report_html_case_page(const char *dir, const report_html_site *s, size_t c, text_buf *err)
{
    const case_info *k = s->cases[c].info;
    text_buf name, path;
    text_buf_init(&name);
    text_buf_init(&path);
    text_buf_printf(&name, "%s.html", k->name);
    FILE *out = report_html_open(dir, name.s, &path, err);
    int rc = -1;
    if (out) {
        report_html_head(out, k->name);
        report_html_header(out, k);
        report_html_truth(out, s->cases[c].truth);
        fputs("<div class=\"case\">\n", out);
        report_html_source(out, s, c);
        fputs("<div class=\"panels\">\n<h2>What each detector reported</h2>\n", out);
        for (size_t d = 0; d < s->ndets; d++)
            report_html_panel(out, s, d, c);
        fputs("</div>\n</div>\n", out);
        report_html_foot(out);
        rc = report_html_close(out, path.s, err);
    }
    text_buf_free(&name);
    text_buf_free(&path);
    return rc;
}

/* The baselines: detectors named baseline-*, and native (no detector). */
static int report_html_is_baseline(const char *det)
{
    return text_starts_with(det, "baseline-") || strcmp(det, "native") == 0;
}

/* lessons.html: docs/lessons.md as it is, so the site links nothing outside it. */
static int report_html_lessons(const char *dir, const char *md, text_buf *err)
{
    FILE *in = fopen(md, "r");
    if (!in) {
        text_buf_clear(err);
        text_buf_printf(err, "cannot read %s: %s", md, strerror(errno));
        return -1;
    }
    text_buf path;
    text_buf_init(&path);
    FILE *out = report_html_open(dir, "lessons.html", &path, err);
    int rc = -1;
    if (out) {
        report_html_head(out, "racecard lessons");
        fputs("<p><a href=\"index.html\">cases and scorecard</a></p>\n<pre class=\"lessons\">",
              out);
        char buf[8192];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            report_html_escape(out, buf, n);
        fputs("</pre>\n", out);
        report_html_foot(out);
        rc = report_html_close(out, path.s, err);
    }
    fclose(in);
    text_buf_free(&path);
    return rc;
}

int report_html_write(const char *dir, const report_html_site *s, text_buf *err)
{
    for (size_t c = 0; c < s->ncases; c++)
        if (strcmp(s->cases[c].info->name, "index") == 0) {
            text_buf_clear(err);
            text_buf_printf(err, "cannot write %s/index.html twice: a case is named 'index'", dir);
            return -1;
        }
    /* the detectors being measured first, the baselines that anchor the
       scale last: a learner reads the real reports before the yardsticks */
    report_html_site o = *s;
    report_detector *dets = text_alloc((s->ndets ? s->ndets : 1) * sizeof *dets);
    const char **vers = text_alloc((s->ndets ? s->ndets : 1) * sizeof *vers);
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t d = 0; d < s->ndets; d++)
            if (report_html_is_baseline(s->dets[d].card->detector) == pass) {
                vers[n] = s->versions ? s->versions[d] : NULL;
                dets[n++] = s->dets[d];
            }
    o.dets = dets;
    o.versions = vers;
    struct stat sb;
    if (o.lessons_md && (stat(o.lessons_md, &sb) != 0 || !S_ISREG(sb.st_mode)))
        o.lessons_md = NULL;  /* a tree without the lessons: no page, no link */
    int rc = report_html_index(dir, &o, err);
    if (!rc && o.lessons_md)
        rc = report_html_lessons(dir, o.lessons_md, err);
    for (size_t c = 0; c < s->ncases && !rc; c++)
        rc = report_html_case_page(dir, &o, c, err);
    free(dets);
    free(vers);
    return rc;
}
