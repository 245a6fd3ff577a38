/*
 * report.c - scorecards as text: an aligned table for the terminal, the same
 * sections as Markdown tables and as HTML tables (report_write_html_tables,
 * for the index page of report_html.c: a fragment, so not a --format), and
 * CSV.
 *
 * The table, Markdown and HTML share one intermediate form, a grid of
 * formatted cells, so a section is described once and the three can only
 * differ in layout.  CSV is one flat table rather than several, because a
 * spreadsheet reads one header line per file: every row names its section
 * (detector, kind or category) and leaves the columns that do not apply to
 * it empty.
 */
#include "report_html.h"
#include "report_impl.h"
#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const report_format_names[] = {
    [REPORT_TABLE] = "table", [REPORT_CSV] = "csv", [REPORT_JSON] = "json", [REPORT_MD] = "md",
};
_Static_assert(sizeof report_format_names / sizeof *report_format_names == REPORT_MD + 1,
               "one name per report_format");

int report_format_parse(const char *name, report_format *out)
{
    for (size_t i = 0; i < sizeof report_format_names / sizeof *report_format_names; i++)
        if (strcmp(name, report_format_names[i]) == 0) {
            *out = (report_format)i;
            return 0;
        }
    return -1;
}

const char *report_format_name(report_format f)
{
    return (unsigned)f < sizeof report_format_names / sizeof *report_format_names
        ? report_format_names[f] : "?";
}

void report_categories(const report_detector *d, size_t n, text_list *out)
{
    text_list_init(out);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d[i].nentries; j++) {
            /* A case in several categories ("Y3 Y5") names each of them. */
            text_list words;
            text_list_init(&words);
            if (d[i].entries[j].category)
                text_split_words(d[i].entries[j].category, &words);
            for (size_t w = 0; w < words.n; w++) {
                int seen = 0;
                for (size_t k = 0; !seen && k < out->n; k++)
                    seen = strcmp(out->v[k], words.v[w]) == 0;
                if (!seen)
                    text_list_push(out, text_dup(words.v[w]));
            }
            text_list_free(&words);
        }
    text_list_sort(out, 0);
}

size_t report_category_cases(const report_detector *d, const char *category)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nentries; i++)
        if (d->entries[i].category && score_in_category(d->entries[i].category, category))
            n++;
    return n;
}

/* How the grid of a section is laid out: the table and Markdown formats,
   and the HTML tables, which are no format (report_write_html_tables). */
typedef enum report_layout {
    REPORT_LAYOUT_TEXT,
    REPORT_LAYOUT_MD,
    REPORT_LAYOUT_HTML
} report_layout;

/*
 * A section of the table: formatted cells, row by row, the header first.
 * The first nnames columns hold names, the rest figures.
 */
typedef struct report_grid {
    const char *title;
    size_t ncols, nnames;
    text_list cells;
} report_grid;

static void report_grid_init(report_grid *g, const char *title, size_t nnames,
                             const char *const *header)
{
    g->title = title;
    g->ncols = 0;
    g->nnames = nnames;
    text_list_init(&g->cells);
    for (; header && *header; header++, g->ncols++)
        text_list_push(&g->cells, text_dup(*header));
}

/* Adds a header cell; only before the first row. */
static void report_grid_column(report_grid *g, const char *name)
{
    text_list_push(&g->cells, text_dup(name));
    g->ncols++;
}

static void report_cell(report_grid *g, const char *s)
{
    text_list_push(&g->cells, text_dup(s));
}

static char *report_count_str(size_t v)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%zu", v);
    return b.s;
}

static void report_cell_count(report_grid *g, size_t v)
{
    text_list_push(&g->cells, report_count_str(v));
}

/* A ratio with a fixed number of decimals, or "-" when undefined. */
static void report_cell_ratio(report_grid *g, double v, int decimals)
{
    text_buf b;
    text_buf_init(&b);
    if (isnan(v))
        text_buf_adds(&b, "-");
    else
        text_buf_printf(&b, "%.*f", decimals, v);
    text_list_push(&g->cells, b.s);
}

static void report_grid_free(report_grid *g)
{
    text_list_free(&g->cells);
}

/*
 * Names left-aligned, figures right-aligned, so columns of numbers line up.
 * A name column that is last would leave trailing blanks; none is.
 */
static void report_grid_text(const report_grid *g, FILE *out)
{
    size_t *width = text_alloc(g->ncols * sizeof *width);
    for (size_t c = 0; c < g->ncols; c++)
        width[c] = 0;
    for (size_t i = 0; i < g->cells.n; i++) {
        size_t len = strlen(g->cells.v[i]);
        if (len > width[i % g->ncols])
            width[i % g->ncols] = len;
    }
    fprintf(out, "%s\n", g->title);
    for (size_t i = 0; i < g->cells.n; i++) {
        size_t c = i % g->ncols;
        int w = (int)width[c];
        fprintf(out, c < g->nnames ? "%s%-*s" : "%s%*s", c ? "  " : "", w, g->cells.v[i]);
        if (c == g->ncols - 1)
            fputc('\n', out);
    }
    free(width);
}

/* A '|' inside a cell would end it early. */
static void report_md_cell(const char *s, FILE *out)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s, out);
    }
}

static void report_grid_md(const report_grid *g, FILE *out)
{
    fprintf(out, "### %s\n\n", g->title);
    for (size_t i = 0; i < g->cells.n; i++) {
        size_t c = i % g->ncols;
        fputs(c == 0 ? "| " : " | ", out);
        report_md_cell(g->cells.v[i], out);
        if (c < g->ncols - 1)
            continue;
        fputs(" |\n", out);
        if (i == g->ncols - 1) {   /* the rule under the header: names left, figures right */
            fputc('|', out);
            for (size_t k = 0; k < g->ncols; k++)
                fputs(k < g->nnames ? " --- |" : " ---: |", out);
            fputc('\n', out);
        }
    }
    fputc('\n', out);
}

/* Figures get class "num" so the stylesheet can right-align them. */
static void report_grid_html(const report_grid *g, FILE *out)
{
    fputs("<h3>", out);
    report_html_escape(out, g->title, strlen(g->title));
    fputs("</h3>\n<table class=\"card\">\n", out);
    for (size_t i = 0; i < g->cells.n; i++) {
        size_t c = i % g->ncols;
        int head = i < g->ncols;
        if (c == 0)
            fputs(head ? "<thead><tr>" : "<tr>", out);
        fputs(head ? "<th>" : c < g->nnames ? "<td>" : "<td class=\"num\">", out);
        report_html_escape(out, g->cells.v[i], strlen(g->cells.v[i]));
        fputs(head ? "</th>" : "</td>", out);
        if (c == g->ncols - 1)
            fputs(head ? "</tr></thead>\n<tbody>\n" : "</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

static void report_grid_print(const report_grid *g, report_layout f, FILE *out)
{
    if (f == REPORT_LAYOUT_MD)
        report_grid_md(g, out);
    else if (f == REPORT_LAYOUT_HTML)
        report_grid_html(g, out);
    else
        report_grid_text(g, out);
}

static void report_cells_counts(report_grid *g, const score_counts *c, int with_tn)
{
    report_cell_count(g, c->tp);
    report_cell_count(g, c->fp);
    if (with_tn)
        report_cell_count(g, c->tn);
    report_cell_count(g, c->fn);
}

static void report_section_cases(const report_detector *d, size_t n, report_layout f, FILE *out)
{
    static const char *const head[] = {
        "detector", "TP", "FP", "TN", "FN", "precision", "recall", "specificity",
        "accuracy", "F1", "support", "adj-F1", NULL,
    };
    report_grid g;
    report_grid_init(&g, "Case level, over the cases that ran", 1, head);
    for (size_t i = 0; i < n; i++) {
        const score_card *c = d[i].card;
        report_cell(&g, c->detector);
        report_cells_counts(&g, &c->cases_cm, 1);
        report_cell_ratio(&g, c->case_rates.precision, 3);
        report_cell_ratio(&g, c->case_rates.recall, 3);
        report_cell_ratio(&g, c->case_rates.specificity, 3);
        report_cell_ratio(&g, c->case_rates.accuracy, 3);
        report_cell_ratio(&g, c->case_rates.f1, 3);
        report_cell_ratio(&g, c->support, 3);
        report_cell_ratio(&g, c->adjusted_f1, 3);
    }
    report_grid_print(&g, f, out);
    report_grid_free(&g);
}

static void report_section_detail(const report_detector *d, size_t n, report_layout f, FILE *out)
{
    static const char *const head[] = {
        "detector", "pair-P", "pair-R", "pair-F1", "line-P", "line-R", "line-F1",
        "slowdown", "memory", "start-up", "build-failed", "detector-error", "crashed", "timeout",
        "changed", NULL,
    };
    report_grid g;
    report_grid_init(&g, "Pair and line level, cost, runs", 1, head);
    for (size_t i = 0; i < n; i++) {
        const score_card *c = d[i].card;
        report_cell(&g, c->detector);
        report_cell_ratio(&g, c->pair_rates.precision, 3);
        report_cell_ratio(&g, c->pair_rates.recall, 3);
        report_cell_ratio(&g, c->pair_rates.f1, 3);
        report_cell_ratio(&g, c->line_rates.precision, 3);
        report_cell_ratio(&g, c->line_rates.recall, 3);
        report_cell_ratio(&g, c->line_rates.f1, 3);
        report_cell_ratio(&g, c->slowdown, 2);
        report_cell_ratio(&g, c->memory, 2);
        report_cell_ratio(&g, c->startup, 2);
        for (int s = SCORE_BUILD_FAILED; s < SCORE_STATUS_COUNT; s++)
            report_cell_count(&g, c->status[s]);
        report_cell_count(&g, c->changed);
    }
    report_grid_print(&g, f, out);
    report_grid_free(&g);
}

static void report_section_kinds(const report_detector *d, size_t n, report_layout f, FILE *out)
{
    static const char *const head[] = {
        "detector", "kind", "TP", "FP", "FN", "precision", "recall", "F1", NULL,
    };
    report_grid g;
    report_grid_init(&g, "Other kinds, by exact location", 2, head);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < d[i].card->nkinds; k++) {
            const score_kind_row *r = &d[i].card->kinds[k];
            report_cell(&g, d[i].card->detector);
            report_cell(&g, r->kind);
            report_cells_counts(&g, &r->counts, 0);
            report_cell_ratio(&g, r->rates.precision, 3);
            report_cell_ratio(&g, r->rates.recall, 3);
            report_cell_ratio(&g, r->rates.f1, 3);
        }
    report_grid_print(&g, f, out);
    report_grid_free(&g);
}

/* Whether any entry is in several categories (DataRaceBench's "Y3 Y5"). */
static int report_categories_overlap(const report_detector *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d[i].nentries; j++)
            if (d[i].entries[j].category && strchr(d[i].entries[j].category, ' '))
                return 1;
    return 0;
}

static void report_section_categories(const report_detector *d, size_t n, report_layout f, FILE *out)
{
    static const char *const head[] = {"category", NULL};
    report_grid g;
    /* Rows that overlap do not add up to the detector's counts: say so. */
    report_grid_init(&g, report_categories_overlap(d, n)
                             ? "Case level per category (a case in several counts in each): TP/FP/TN/FN"
                             : "Case level per category: TP/FP/TN/FN",
                     1, head);
    for (size_t i = 0; i < n; i++)
        report_grid_column(&g, d[i].card->detector);
    text_list cats;
    report_categories(d, n, &cats);
    for (size_t k = 0; k < cats.n; k++) {
        report_cell(&g, cats.v[k]);
        for (size_t i = 0; i < n; i++) {
            score_counts c = score_category_counts(d[i].entries, d[i].nentries, cats.v[k]);
            text_buf b;
            text_buf_init(&b);
            text_buf_printf(&b, "%zu/%zu/%zu/%zu", c.tp, c.fp, c.tn, c.fn);
            text_list_push(&g.cells, b.s);
        }
    }
    text_list_free(&cats);
    report_grid_print(&g, f, out);
    report_grid_free(&g);
}

/* The tools' own version lines, for the detectors that name a version
   command; nothing at all when none does. */
static void report_section_versions(const report_detector *d, size_t n, report_layout f, FILE *out)
{
    static const char *const head[] = {"detector", "version", NULL};
    report_grid g;
    report_grid_init(&g, "Versions", 2, head);
    size_t rows = 0;
    for (size_t i = 0; i < n; i++)
        if (d[i].card->version) {
            report_cell(&g, d[i].card->detector);
            report_cell(&g, d[i].card->version);
            rows++;
        }
    if (rows) {
        if (f == REPORT_LAYOUT_TEXT)
            fputc('\n', out);
        report_grid_print(&g, f, out);
    }
    report_grid_free(&g);
}

typedef void report_section(const report_detector *d, size_t n, report_layout f, FILE *out);

static void report_text(FILE *out, report_layout f, const report_detector *d, size_t n)
{
    static report_section *const sections[] = {
        report_section_cases, report_section_detail, report_section_kinds,
        report_section_categories,
    };
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
        if (i && f == REPORT_LAYOUT_TEXT)   /* the others end sections themselves */
            fputc('\n', out);
        sections[i](d, n, f, out);
    }
    report_section_versions(d, n, f, out);
}

/* CSV columns, in order; docs/scorecard.md describes each. */
enum report_col {
    REPORT_COL_SECTION, REPORT_COL_DETECTOR, REPORT_COL_KIND, REPORT_COL_CATEGORY,
    REPORT_COL_CASES, REPORT_COL_RAN, REPORT_COL_BUILD_FAILED, REPORT_COL_DETECTOR_ERROR,
    REPORT_COL_CRASHED, REPORT_COL_TIMEOUT, REPORT_COL_CHANGED,
    REPORT_COL_TP, REPORT_COL_FP, REPORT_COL_TN, REPORT_COL_FN,
    REPORT_COL_PRECISION, REPORT_COL_RECALL, REPORT_COL_SPECIFICITY, REPORT_COL_ACCURACY,
    REPORT_COL_F1, REPORT_COL_SUPPORT, REPORT_COL_ADJUSTED_F1,
    REPORT_COL_PAIR_TP, REPORT_COL_PAIR_FP, REPORT_COL_PAIR_FN,
    REPORT_COL_PAIR_PRECISION, REPORT_COL_PAIR_RECALL, REPORT_COL_PAIR_F1,
    REPORT_COL_LINE_TP, REPORT_COL_LINE_FP, REPORT_COL_LINE_FN,
    REPORT_COL_LINE_PRECISION, REPORT_COL_LINE_RECALL, REPORT_COL_LINE_F1,
    REPORT_COL_SLOWDOWN, REPORT_COL_MEMORY, REPORT_COL_STARTUP,
    REPORT_COL_CASE,        /* only with per-case rows: the header gains it */
    REPORT_COL_COUNT
};

static const char *const report_col_names[] = {
    "section", "detector", "kind", "category",
    "cases", "ran", "build_failed", "detector_error", "crashed", "timeout", "changed",
    "tp", "fp", "tn", "fn",
    "precision", "recall", "specificity", "accuracy", "f1", "support", "adjusted_f1",
    "pair_tp", "pair_fp", "pair_fn", "pair_precision", "pair_recall", "pair_f1",
    "line_tp", "line_fp", "line_fn", "line_precision", "line_recall", "line_f1",
    "slowdown", "memory", "startup", "case",
};
_Static_assert(sizeof report_col_names / sizeof *report_col_names == REPORT_COL_COUNT,
               "one CSV column name per enum report_col");

/* The column of each run status. */
static const enum report_col report_status_cols[SCORE_STATUS_COUNT] = {
    [SCORE_RAN] = REPORT_COL_RAN, [SCORE_BUILD_FAILED] = REPORT_COL_BUILD_FAILED,
    [SCORE_DETECTOR_ERROR] = REPORT_COL_DETECTOR_ERROR, [SCORE_CRASHED] = REPORT_COL_CRASHED,
    [SCORE_TIMEOUT] = REPORT_COL_TIMEOUT,
};

/* One CSV row: an owned string per column, NULL for an empty field. */
typedef struct report_row {
    char *v[REPORT_COL_COUNT];
    size_t ncols;           /* columns written: the case column only on request */
} report_row;

static void report_row_set(report_row *r, enum report_col c, const char *s)
{
    free(r->v[c]);
    r->v[c] = text_dup(s);
}

static void report_row_count(report_row *r, enum report_col c, size_t v)
{
    free(r->v[c]);
    r->v[c] = report_count_str(v);
}

/* Six significant digits: enough for any rate, short enough to read. */
static void report_row_ratio(report_row *r, enum report_col c, double v)
{
    if (isnan(v))
        return;
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%.6g", v);
    free(r->v[c]);
    r->v[c] = b.s;
}

/* A field is quoted only when it must be (RFC 4180), with quotes doubled. */
static void report_csv_field(const char *s, FILE *out)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* Writes and empties the row. */
static void report_row_flush(report_row *r, FILE *out)
{
    for (size_t c = 0; c < REPORT_COL_COUNT; c++) {
        if (c && c < r->ncols)
            fputc(',', out);
        if (r->v[c] && c < r->ncols)
            report_csv_field(r->v[c], out);
        free(r->v[c]);
        r->v[c] = NULL;
    }
    fputc('\n', out);
}

/* TP, FP and FN of one level; TN only where the level has negatives. */
static void report_row_counts(report_row *r, enum report_col tp, enum report_col fp,
                              enum report_col fn, const score_counts *c)
{
    report_row_count(r, tp, c->tp);
    report_row_count(r, fp, c->fp);
    report_row_count(r, fn, c->fn);
}

static void report_csv_card(report_row *r, const char *section, const score_card *c, FILE *out)
{
    report_row_set(r, REPORT_COL_SECTION, section);
    report_row_set(r, REPORT_COL_DETECTOR, c->detector);
    report_row_count(r, REPORT_COL_CASES, c->cases);
    for (int s = 0; s < SCORE_STATUS_COUNT; s++)
        report_row_count(r, report_status_cols[s], c->status[s]);
    report_row_count(r, REPORT_COL_CHANGED, c->changed);
    report_row_counts(r, REPORT_COL_TP, REPORT_COL_FP, REPORT_COL_FN, &c->cases_cm);
    report_row_count(r, REPORT_COL_TN, c->cases_cm.tn);
    report_row_ratio(r, REPORT_COL_PRECISION, c->case_rates.precision);
    report_row_ratio(r, REPORT_COL_RECALL, c->case_rates.recall);
    report_row_ratio(r, REPORT_COL_SPECIFICITY, c->case_rates.specificity);
    report_row_ratio(r, REPORT_COL_ACCURACY, c->case_rates.accuracy);
    report_row_ratio(r, REPORT_COL_F1, c->case_rates.f1);
    report_row_ratio(r, REPORT_COL_SUPPORT, c->support);
    report_row_ratio(r, REPORT_COL_ADJUSTED_F1, c->adjusted_f1);
    report_row_counts(r, REPORT_COL_PAIR_TP, REPORT_COL_PAIR_FP, REPORT_COL_PAIR_FN, &c->pairs);
    report_row_ratio(r, REPORT_COL_PAIR_PRECISION, c->pair_rates.precision);
    report_row_ratio(r, REPORT_COL_PAIR_RECALL, c->pair_rates.recall);
    report_row_ratio(r, REPORT_COL_PAIR_F1, c->pair_rates.f1);
    report_row_counts(r, REPORT_COL_LINE_TP, REPORT_COL_LINE_FP, REPORT_COL_LINE_FN, &c->lines);
    report_row_ratio(r, REPORT_COL_LINE_PRECISION, c->line_rates.precision);
    report_row_ratio(r, REPORT_COL_LINE_RECALL, c->line_rates.recall);
    report_row_ratio(r, REPORT_COL_LINE_F1, c->line_rates.f1);
    report_row_ratio(r, REPORT_COL_SLOWDOWN, c->slowdown);
    report_row_ratio(r, REPORT_COL_MEMORY, c->memory);
    report_row_ratio(r, REPORT_COL_STARTUP, c->startup);
    report_row_flush(r, out);
}

static void report_csv_kind(report_row *r, const char *detector, const score_kind_row *k, FILE *out)
{
    report_row_set(r, REPORT_COL_SECTION, "kind");
    report_row_set(r, REPORT_COL_DETECTOR, detector);
    report_row_set(r, REPORT_COL_KIND, k->kind);
    report_row_counts(r, REPORT_COL_TP, REPORT_COL_FP, REPORT_COL_FN, &k->counts);
    report_row_ratio(r, REPORT_COL_PRECISION, k->rates.precision);
    report_row_ratio(r, REPORT_COL_RECALL, k->rates.recall);
    report_row_ratio(r, REPORT_COL_F1, k->rates.f1);
    report_row_flush(r, out);
}

static void report_csv_category(report_row *r, const report_detector *d, const char *category, FILE *out)
{
    score_counts c = score_category_counts(d->entries, d->nentries, category);
    score_rates x = score_rates_of(&c);
    report_row_set(r, REPORT_COL_SECTION, "category");
    report_row_set(r, REPORT_COL_DETECTOR, d->card->detector);
    report_row_set(r, REPORT_COL_CATEGORY, category);
    report_row_count(r, REPORT_COL_CASES, report_category_cases(d, category));
    report_row_count(r, REPORT_COL_RAN, c.tp + c.fp + c.tn + c.fn);
    report_row_counts(r, REPORT_COL_TP, REPORT_COL_FP, REPORT_COL_FN, &c);
    report_row_count(r, REPORT_COL_TN, c.tn);
    report_row_ratio(r, REPORT_COL_PRECISION, x.precision);
    report_row_ratio(r, REPORT_COL_RECALL, x.recall);
    report_row_ratio(r, REPORT_COL_SPECIFICITY, x.specificity);
    report_row_ratio(r, REPORT_COL_ACCURACY, x.accuracy);
    report_row_ratio(r, REPORT_COL_F1, x.f1);
    report_row_flush(r, out);
}

/* One row per (detector, case): the card of that case alone. */
static void report_csv_cases(report_row *r, const report_detector *d, FILE *out)
{
    for (size_t k = 0; k < d->nentries; k++) {
        const score_entry *e = &d->entries[k];
        score_card one;
        score_compute(d->card->detector, e, 1, &one);
        report_row_set(r, REPORT_COL_CATEGORY, e->category);
        report_row_set(r, REPORT_COL_CASE, e->case_name);
        report_csv_card(r, "case", &one, out);
        score_card_free(&one);
    }
}

/* Detector rows, then kind rows, then category rows, each by detector;
   with per_case, a row per (detector, case) after them. */
static void report_csv(FILE *out, const report_detector *d, size_t n, int per_case)
{
    report_row r = {{NULL}, per_case ? REPORT_COL_COUNT : REPORT_COL_CASE};
    for (size_t c = 0; c < r.ncols; c++)
        fprintf(out, "%s%s", c ? "," : "", report_col_names[c]);
    fputc('\n', out);
    for (size_t i = 0; i < n; i++)
        report_csv_card(&r, "detector", d[i].card, out);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < d[i].card->nkinds; k++)
            report_csv_kind(&r, d[i].card->detector, &d[i].card->kinds[k], out);
    for (size_t i = 0; i < n; i++) {
        text_list cats;
        report_categories(&d[i], 1, &cats);
        for (size_t k = 0; k < cats.n; k++)
            report_csv_category(&r, &d[i], cats.v[k], out);
        text_list_free(&cats);
    }
    /* A version line is no figure: its own section, in the kind column. */
    for (size_t i = 0; i < n; i++)
        if (d[i].card->version) {
            report_row_set(&r, REPORT_COL_SECTION, "version");
            report_row_set(&r, REPORT_COL_DETECTOR, d[i].card->detector);
            report_row_set(&r, REPORT_COL_KIND, d[i].card->version);
            report_row_flush(&r, out);
        }
    for (size_t i = 0; per_case && i < n; i++)
        report_csv_cases(&r, &d[i], out);
}

int report_write(FILE *out, report_format f, const report_detector *d, size_t n)
{
    return report_write_per_case(out, f, d, n, 0);
}

int report_write_per_case(FILE *out, report_format f, const report_detector *d, size_t n,
                          int per_case)
{
    switch (f) {
    case REPORT_CSV:
        report_csv(out, d, n, per_case);
        break;
    case REPORT_JSON:
        return report_json(out, d, n, per_case);
    case REPORT_TABLE:
        report_text(out, REPORT_LAYOUT_TEXT, d, n);
        break;
    case REPORT_MD:
        report_text(out, REPORT_LAYOUT_MD, d, n);
        break;
    }
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

int report_write_html_tables(FILE *out, const report_detector *d, size_t n)
{
    report_text(out, REPORT_LAYOUT_HTML, d, n);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
