/*
 * explain.c - the core of the explain stage (contract in explain.h): the
 * line loop that hands each line of a log to the reader of its detector,
 * and the model those readers share: frames, sections, reports and what is
 * remembered of them until their notes are written.
 *
 * Notes are written when what they speak of is complete: a section's note
 * when the section ends (the next header, a blank line, the summary), the
 * "how to fix" paragraph when the report ends.  Everything is written as
 * soon as it is known, so the output follows the log while it is still
 * being written (tail -f | racecard explain).
 *
 * Decisions worth knowing:
 *  - A frame is the program's own by parse_frame_is_own_in, the rule the parse
 *    stage uses, so "*" marks the frame parse would take as the finding's
 *    location.  Only frames with a file and a line qualify.
 *  - The first two access sections of a report are its two sides; a third
 *    (no detector prints one) gets a note without the pair's reasoning.
 */
#include "explain_impl.h"
#include "parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *explain_kind_name(explain_kind k)
{
    static const char *const names[] = {
        "data race", "heap use after free", "lock-order inversion", "thread leak",
        "destroy of a locked mutex", "unlock of an unlocked mutex", "double lock",
        "signal-unsafe call", "use of an invalid mutex", "thread exit holding a lock",
        "failed pthread call", "other",
    };
    _Static_assert(sizeof names / sizeof *names == EXPLAIN_NKINDS, "one name per explain_kind");
    return (unsigned)k < EXPLAIN_NKINDS ? names[k] : "other";
}

/* ------------------------------------------------------------------ */
/* Strings                                                             */
/* ------------------------------------------------------------------ */

char *explain_trim_ndup(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return text_ndup(s, n);
}

char *explain_field(const char *s, const char *key, const char *stop)
{
    const char *p = s ? strstr(s, key) : NULL;
    if (!p)
        return NULL;
    p += strlen(key);
    const char *e = stop ? strstr(p, stop) : NULL;
    size_t n = e ? (size_t)(e - p) : strlen(p);
    char *v = explain_trim_ndup(p, n);
    size_t len = strlen(v);
    if (len && v[len - 1] == ':')
        v[--len] = '\0';
    if (!len) {
        free(v);
        return NULL;
    }
    return v;
}

void explain_add_field(text_buf *b, const char *pattern, const char *s, const char *key,
                       const char *stop, const char *otherwise)
{
    char *v = explain_field(s, key, stop);
    const char *hole = v ? strstr(pattern, "%s") : NULL;
    if (hole) {
        text_buf_add(b, pattern, (size_t)(hole - pattern));
        text_buf_adds(b, v);
        text_buf_adds(b, hole + 2);
    } else if (!v && otherwise) {
        text_buf_adds(b, otherwise);
    }
    free(v);
}

/* ------------------------------------------------------------------ */
/* Frames and places                                                   */
/* ------------------------------------------------------------------ */

void explain_where_set(explain_where *w, const char *func, const char *file, unsigned long line)
{
    explain_where_free(w);
    w->func = func ? text_dup(func) : NULL;
    w->file = file ? text_dup(file) : NULL;
    w->line = line;
}

void explain_where_free(explain_where *w)
{
    free(w->func);
    free(w->file);
    w->func = w->file = NULL;
    w->line = 0;
}

void explain_frame_line(explain_ctx *c, explain_section *s, parse_frame *f, const char *line)
{
    int mark = 0;
    if (s && s->open) {
        if (s->frames++ == 0 && f->func)
            s->frame0 = text_dup(f->func);
        if (!s->own.file && f->file && f->line && *text_basename(f->file) &&
            parse_frame_is_own_in(c->o->own, f->func, f->file, f->object)) {
            explain_where_set(&s->own, f->func, f->file, f->line);
            mark = 1;
        }
    }
    explain_out_detector(c, line, mark, EXPLAIN_PLAIN);
    parse_frame_free(f);
}

/* ------------------------------------------------------------------ */
/* Sections                                                            */
/* ------------------------------------------------------------------ */

void explain_section_clear(explain_section *s)
{
    free(s->header);
    text_buf_free(&s->extra);
    free(s->frame0);
    explain_where_free(&s->own);
    memset(s, 0, sizeof *s);
    s->access = -1;
}

/* Library calls whose "write" to a block is the block's release. */
static int explain_is_release(const char *func)
{
    return func && (strcmp(func, "free") == 0 || strcmp(func, "cfree") == 0 ||
                    strcmp(func, "realloc") == 0 || strstr(func, "operator delete") ||
                    text_ends_with(func, "_free"));
}

/* Library calls whose "write" to a block is the block's allocation:
 * ThreadSanitizer counts a new block as written by its allocator. */
static int explain_is_alloc(const char *func)
{
    return func && (strcmp(func, "malloc") == 0 || strcmp(func, "calloc") == 0 ||
                    strcmp(func, "posix_memalign") == 0 || strcmp(func, "aligned_alloc") == 0 ||
                    strcmp(func, "memalign") == 0 || strstr(func, "operator new"));
}

/*
 * Whether s is a section in explain.h's sense: not the empty stack under a
 * title that has none (a TSan race), nor DRD's "Other segment start", whose
 * note waits for its "end".
 */
static int explain_section_counts(const explain_section *s)
{
    if (s->kind == EXPLAIN_SEC_MAIN && !s->frames)
        return 0;
    return !(s->kind == EXPLAIN_SEC_SEGMENT && !s->phase);
}

void explain_section_end(explain_ctx *c, explain_report *rep, explain_section *s, size_t indent)
{
    if (!s->open)
        return;
    if (rep && s->kind == EXPLAIN_SEC_ACCESS && s->access >= 0) {
        explain_access *a = &rep->acc[s->access];
        a->is_free = explain_is_release(s->frame0);
        a->is_alloc = !a->is_free && explain_is_alloc(s->frame0);
        if (s->unrestored) /* the locks held come from the same lost history */
            a->locks_known = 0;
    }
    if (rep)
        explain_learn_place(rep, &s->own);
    int noted = explain_notes_section(c, rep, s, indent);
    if (rep && explain_section_counts(s)) {
        c->st->sections++;
        c->st->unnoted += !noted;
    }
    explain_section_clear(s);
}

void explain_section_start(explain_ctx *c, explain_report *rep, explain_section *s,
                           explain_sec kind, const char *header)
{
    explain_section_end(c, rep, s, (rep ? rep->indent : 0) + EXPLAIN_SECTION_INDENT);
    explain_section_clear(s);
    s->open = 1;
    s->kind = kind;
    s->header = text_trim_dup(header ? header : "");
    if (rep && kind == EXPLAIN_SEC_ACCESS && rep->nacc < 2)
        s->access = rep->nacc++;
}

/* ------------------------------------------------------------------ */
/* Reports                                                             */
/* ------------------------------------------------------------------ */

static void explain_report_clear(explain_report *rep)
{
    free(rep->title);
    explain_section_clear(&rep->sec);
    for (int i = 0; i < 2; i++) {
        explain_access *a = &rep->acc[i];
        free(a->size);
        free(a->addr);
        free(a->thread);
        text_list_free(&a->locks);
    }
    for (size_t i = 0; i < rep->nquoted; i++)
        explain_where_free(&rep->quoted[i]);
    for (size_t i = 0; i < rep->nplaces; i++)
        free(rep->places[i]);
    free(rep->quote_missed);
    memset(rep, 0, sizeof *rep);
    rep->sec.access = -1;
}

void explain_report_open(explain_ctx *c, explain_report *rep, explain_tool tool,
                         explain_kind kind, const char *title, const char *line, size_t indent)
{
    explain_report_clear(rep);
    rep->open = 1;
    rep->kind = kind;
    rep->tool = tool;
    rep->title = text_trim_dup(title);
    rep->indent = indent;
    for (int i = 0; i < 2; i++)
        text_list_init(&rep->acc[i].locks);
    c->st->reports++;
    c->st->kinds[kind]++;
    explain_out_detector(c, line, 0, EXPLAIN_TITLE);
    explain_text_title(c, rep);
}

void explain_report_close(explain_ctx *c, explain_report *rep, explain_end end)
{
    if (!rep->open)
        return;
    explain_section_end(c, rep, &rep->sec, rep->indent + EXPLAIN_SECTION_INDENT);
    if (end != EXPLAIN_END_COMPLETE && end != EXPLAIN_END_LOG_TAIL)
        c->st->cut++;
    if (end != EXPLAIN_END_COMPLETE)
        explain_text_end(c, rep, end);
    if (!explain_learn_report(c, rep)) {
        explain_text_fix(c, rep);
        explain_learn_after_fix(c, rep);
    }
    explain_report_clear(rep);
}

/* ------------------------------------------------------------------ */
/* The line loop                                                       */
/* ------------------------------------------------------------------ */

/* Valgrind's own failures come without the "==PID==" prefix. */
static int explain_vg_failure(explain_ctx *c, const char *line)
{
    if (!(text_starts_with(line, "valgrind: ") && !strstr(line, "arning")) &&
        !strstr(line, "Valgrind's memory management: out of memory") &&
        !strstr(line, "the 'impossible' happened"))
        return 0;
    explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
    explain_text_event(c, EXPLAIN_EV_VG_FATAL, line, EXPLAIN_REPORT_INDENT);
    return 1;
}

int explain_stream(FILE *in, FILE *out, const explain_opts *o, explain_stats *st)
{
    explain_ctx c;
    memset(&c, 0, sizeof c);
    c.out = out;
    c.o = o;
    c.st = st;
    explain_report_clear(&c.tsan);
    explain_section_clear(&c.crash);
    explain_learn_open(&c);
    text_reader rd;
    text_reader_init(&rd, in);
    const char *line;
    while ((line = text_reader_next(&rd)) != NULL) {
        unsigned long pid;
        const char *t = parse_vg_prefix(line, &pid);
        if (!t)
            t = parse_vg_glued(line, &pid);  /* after the program's own output */
        if (t)
            explain_vg_line(&c, pid, t, line);
        else if (!explain_vg_failure(&c, line))
            explain_tsan_line(&c, line);
    }
    int err = text_reader_failed(&rd) ? -1 : 0;
    explain_tsan_finish(&c);
    explain_vg_finish(&c);
    explain_learn_finish(&c);
    explain_report_clear(&c.tsan);
    explain_section_clear(&c.crash);
    text_reader_free(&rd);
    return err;
}

void explain_print_totals(FILE *out, const char *name, const explain_stats *st, int color)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "racecard explain: %s: %u report%s", name, st->reports,
                    st->reports == 1 ? "" : "s");
    const char *sep = " (";
    for (int k = 0; k < EXPLAIN_NKINDS; k++)
        if (st->kinds[k]) {
            text_buf_printf(&b, "%s%u %s", sep, st->kinds[k], explain_kind_name((explain_kind)k));
            sep = ", ";
        }
    if (st->reports)
        text_buf_adds(&b, ")");
    if (st->cut)
        text_buf_printf(&b, "; %u cut off", st->cut);
    if (st->unnoted)
        text_buf_printf(&b, "; %u section%s not recognised", st->unnoted,
                        st->unnoted == 1 ? "" : "s");
    fprintf(out, color ? "\033[1m%s\033[0m\n" : "%s\n", b.s);
    text_buf_free(&b);
}
