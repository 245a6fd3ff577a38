/*
 * explain_out.c - how the explain stage writes: the two-column gutter of
 * detector lines, colour, notes wrapped to the width of a terminal, and the
 * quotes of source lines.
 *
 * Kept apart from the reading and the prose so that the look of the output
 * is decided in one place.  Colour is ANSI SGR, only ever around a whole
 * line or a gutter mark, so plain and coloured output hold the same
 * characters once the escapes are removed.
 *
 * Source files are looked for only where the user pointed (--source DIR) and
 * in racecard's own cases/ for a file that is named like one of its cases
 * (a bare name, or a path ending in cases/NAME).  A path as printed in the
 * log is not opened as such: a log from another machine would quote
 * whatever happens to live at that path here.
 */
#include "explain_impl.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Notes are wrapped to this many columns, gutter included. */
#define EXPLAIN_WIDTH 80
/* ...but never narrower than this, however deep the indent. */
#define EXPLAIN_MIN_TEXT 40

static const char *explain_sgr(int style)
{
    switch (style) {
    case EXPLAIN_TITLE:
        return "\033[1m";
    case EXPLAIN_NOTE:
        return "\033[36m";
    case EXPLAIN_FIX:
        return "\033[32m";
    case EXPLAIN_WARN:
        return "\033[33m";
    default:
        return NULL;
    }
}

void explain_out_detector(explain_ctx *c, const char *line, int marked, int style)
{
    FILE *f = c->out;
    const char *sgr = c->o->color ? explain_sgr(style) : NULL;
    if (marked)
        fputs(c->o->color ? "\033[1;33m*\033[0m " : "* ", f);
    else if (*line)
        fputs("  ", f);
    if (sgr && *line)
        fprintf(f, "%s%s\033[0m\n", sgr, line);
    else {
        fputs(line, f);
        fputc('\n', f);
    }
}

void explain_out_program(explain_ctx *c, const char *line)
{
    fputs(line, c->out);
    fputc('\n', c->out);
}

/* One line of a note: gutter and indent, the bar, the text. */
static void explain_out_bar(explain_ctx *c, size_t lead, int style, const char *text, size_t n)
{
    FILE *f = c->out;
    const char *sgr = c->o->color ? explain_sgr(style) : NULL;
    fprintf(f, "%*s", (int)lead, "");
    if (sgr)
        fputs(sgr, f);
    fputc('|', f);
    if (n) {
        fputc(' ', f);
        fwrite(text, 1, n, f);
    }
    if (sgr)
        fputs("\033[0m", f);
    fputc('\n', f);
}

/* Fills lines of at most width columns with the words of p[0..n). */
static void explain_out_paragraph(explain_ctx *c, size_t lead, size_t width, int style,
                                  const char *p, size_t n)
{
    text_buf line;
    text_buf_init(&line);
    text_buf_adds(&line, "");
    const char *end = p + n;
    if (p == end)
        explain_out_bar(c, lead, style, "", 0);
    while (p < end) {
        while (p < end && *p == ' ')
            p++;
        const char *w = p;
        while (p < end && *p != ' ')
            p++;
        size_t wn = (size_t)(p - w);
        if (!wn)
            break;
        if (line.len && line.len + 1 + wn > width) {
            explain_out_bar(c, lead, style, line.s, line.len);
            text_buf_clear(&line);
        }
        if (line.len)
            text_buf_add(&line, " ", 1);
        text_buf_add(&line, w, wn);
    }
    if (line.len)
        explain_out_bar(c, lead, style, line.s, line.len);
    text_buf_free(&line);
}

void explain_out_note(explain_ctx *c, size_t indent, int style, const char *text)
{
    size_t lead = 2 + indent;
    size_t width = EXPLAIN_WIDTH > lead + 2 + EXPLAIN_MIN_TEXT ? EXPLAIN_WIDTH - lead - 2
                                                               : EXPLAIN_MIN_TEXT;
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        explain_out_paragraph(c, lead, width, style, p, n);
        if (!nl)
            break;
        p = nl + 1;
    }
}

/* ------------------------------------------------------------------ */
/* Source quotes                                                       */
/* ------------------------------------------------------------------ */

static FILE *explain_open_regular(const char *dir, const char *name)
{
    text_buf p;
    text_buf_init(&p);
    text_buf_printf(&p, "%s/%s", dir, name);
    struct stat sb;
    /* only a regular file: a FIFO of that name would block the whole run */
    FILE *f = stat(p.s, &sb) == 0 && S_ISREG(sb.st_mode) ? fopen(p.s, "r") : NULL;
    text_buf_free(&p);
    return f;
}

/* A path as printed names one of racecard's cases: "x.c" or ".../cases/x.c". */
static int explain_names_case(const char *file, const char *base)
{
    if (file == base)
        return 1;
    size_t dir = (size_t)(base - file);
    return dir >= 6 && strncmp(base - 6, "cases/", 6) == 0;
}

static FILE *explain_source_open(const explain_ctx *c, const char *file)
{
    const char *base = text_basename(file);
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        return NULL;
    FILE *f = NULL;
    if (c->o->source_dir && file[0] != '/')
        f = explain_open_regular(c->o->source_dir, file);
    if (!f && c->o->source_dir)
        f = explain_open_regular(c->o->source_dir, base);
    if (!f && c->o->cases_dir && explain_names_case(file, base))
        f = explain_open_regular(c->o->cases_dir, base);
    return f;
}

static void explain_out_source_line(explain_ctx *c, size_t lead, unsigned long n, int marked,
                                    const char *text)
{
    FILE *f = c->out;
    int color = c->o->color;
    fprintf(f, "%*s%s|%s ", (int)lead, "", color ? "\033[36m" : "", color ? "\033[0m" : "");
    const char *sep = *text ? "  " : ""; /* no trailing blanks on an empty line */
    if (marked)
        fprintf(f, color ? "\033[1m> %4lu%s%s\033[0m\n" : "> %4lu%s%s\n", n, sep, text);
    else
        fprintf(f, "  %4lu%s%s\n", n, sep, text);
}

/* True if this report has quoted w's line; remembers it otherwise. */
static int explain_seen_quote(explain_report *rep, const explain_where *w)
{
    if (!rep)
        return 0;
    for (size_t i = 0; i < rep->nquoted; i++)
        if (rep->quoted[i].line == w->line &&
            strcmp(text_basename(rep->quoted[i].file), text_basename(w->file)) == 0)
            return 1;
    if (rep->nquoted < EXPLAIN_QUOTED)
        explain_where_set(&rep->quoted[rep->nquoted++], w->func, w->file, w->line);
    return 0;
}

void explain_out_quote(explain_ctx *c, explain_report *rep, size_t indent, const explain_where *w)
{
    if (!w->file || !w->line)
        return;
    FILE *src = explain_source_open(c, w->file);
    if (!src) {
        if (rep && !rep->quote_missed)
            rep->quote_missed = text_dup(text_basename(w->file));
        return;
    }
    size_t lead = 2 + indent;
    text_buf msg;
    text_buf_init(&msg);
    if (explain_seen_quote(rep, w)) {
        text_buf_printf(&msg, "(%s:%lu is quoted above.)", text_basename(w->file), w->line);
        explain_out_note(c, indent, EXPLAIN_NOTE, msg.s);
        text_buf_free(&msg);
        fclose(src);
        return;
    }
    unsigned long from = w->line > 2 ? w->line - 2 : 1;
    text_reader rd;
    text_reader_init(&rd, src);
    const char *text;
    while (rd.lineno < w->line + 2 && (text = text_reader_next(&rd)) != NULL)
        if (rd.lineno >= from)
            explain_out_source_line(c, lead, rd.lineno, rd.lineno == w->line, text);
    if (rd.lineno < w->line) {
        text_buf_printf(&msg, "(%s has only %lu lines: it is not the source this program was "
                        "built from.)", text_basename(w->file), rd.lineno);
        explain_out_note(c, indent, EXPLAIN_WARN, msg.s);
    }
    text_reader_free(&rd);
    text_buf_free(&msg);
    fclose(src);
}
