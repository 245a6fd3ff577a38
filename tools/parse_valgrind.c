/*
 * parse_valgrind.c - the Valgrind reader of the parse stage: every
 * "==PID== text" line of Helgrind and DRD (banners, report titles, section
 * headers, stack frames, separators, trailers, crashes and Valgrind's own
 * fatal errors) is recognised here, together with the state kept for each
 * Valgrind process of a log.
 *
 * It is a file of its own so that the two Valgrind tools' formats are read
 * in one place, apart from ThreadSanitizer's (parse_tsan.c) and from what
 * every detector shares (parse.c: frame ownership, report bookkeeping,
 * findings, notes).  The per-process state (struct parse_vg) is private to
 * this file: parse.c reaches it only through parse_vg_line, parse_vg_fatal
 * and parse_vg_finish.
 *
 * A log may hold several Valgrind processes whose lines interleave, so there
 * is one state per "==PID==" prefix, each with its own open report, and
 * processes never mix.  A process's tool comes from its banner; a process
 * without one is taken for Helgrind when --detector says so, once it
 * prints a "-----" separator, or at its first line that only Helgrind
 * prints as a title (a log filtered of its separators:
 * parse_vg_no_separator).  Helgrind puts a "-----" line before every
 * report, so a Helgrind report runs until the next separator, trailer or
 * crash (or, without separators, the next title); a DRD report ends at its
 * empty line.
 *
 * Decisions worth knowing (the ones shared with the other detectors are in
 * parse.c):
 *  - Which kind each title is comes from titles.h, the table the explain
 *    stage reads too.  Two titles are settled later: a failed pthread call
 *    by its error code, DRD's "not a mutex" by the call that met it.
 *  - Valgrind's "More than 100 errors detected" notices are no reports.
 *  - A race with no "This conflicts" part is whole once its address
 *    description came (no history of the other access, as with -q
 *    --history-level=none, where no trailer follows either).
 *  - A Helgrind race's "This conflicts with a previous read/write" stack is
 *    the other access; "This conflicts with a previous access ..., after"
 *    (--history-level=approx) is a window of synchronisation points and is
 *    not used.  DRD's "Other segment" stacks are never accesses.
 *  - A Helgrind report still open at the end of the log counts as complete
 *    only if it ended with its empty line and reached its second part (the
 *    conflicting access of a race, the later acquisition of a lock order).
 *  - "Process terminating with default action of signal N" is a crash, not a
 *    finding: it sets r->crash_signal and leaves a note.  "valgrind: ...",
 *    an out-of-memory abort and "the 'impossible' happened" set r->fatal.
 */
#include "parse_impl.h"
#include "titles.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Per-process state                                                   */
/* ------------------------------------------------------------------ */

typedef enum parse_vg_mode {
    PARSE_VG_IDLE,          /* between reports */
    PARSE_VG_ANNOUNCE,      /* Helgrind thread announcement: not a report */
    PARSE_VG_EXPECT_TITLE,  /* after Helgrind's "-----" separator */
    PARSE_VG_LOCK_ANNOUNCE, /* Helgrind's "Lock at 0x.. was first observed" block */
    PARSE_VG_CRASH          /* "Process terminating ..." block */
} parse_vg_mode;

/* What is known about one Valgrind process of the log. */
struct parse_vg {
    unsigned long pid;
    parse_tool tool;      /* from the banner; PARSE_ANY until one is seen */
    int separators;       /* Helgrind-style "-----" seen, for a banner-less log */
    parse_vg_mode mode;
    int last_blank;       /* the last line of this process was empty */
    int finished;         /* the closing summary has been printed */
    parse_report rep;
};

/* The state of process pid, created on first sight.  A process's lines
 * come in runs, so the one of the last line is tried first: a log of many
 * processes then costs no search per line. */
static parse_vg *parse_vg_get(parse_ctx *c, unsigned long pid)
{
    if (c->vg_last < c->nvg && c->vg[c->vg_last].pid == pid)
        return &c->vg[c->vg_last];
    for (size_t i = c->nvg; i-- > 0;)
        if (c->vg[i].pid == pid) {
            c->vg_last = i;
            return &c->vg[i];
        }
    if (c->nvg == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4;
        c->vg = text_realloc(c->vg, c->cap * sizeof *c->vg);
    }
    parse_vg *s = &c->vg[c->nvg++];
    memset(s, 0, sizeof *s);
    s->pid = pid;
    s->tool = PARSE_ANY;
    s->rep.cur = -1;
    c->vg_last = c->nvg - 1;
    return s;
}

/*
 * Splits a "==PID== text" line.  Returns the text (possibly empty) and sets
 * *pid, or NULL when the line has no Valgrind prefix.  Sanitizer lines such
 * as "==12==ERROR: ..." have no space after the prefix and are not Valgrind's.
 */
const char *parse_vg_prefix(const char *line, unsigned long *pid)
{
    if (line[0] != '=' || line[1] != '=')
        return NULL;
    const char *p = line + 2;
    /* the digits and their value in one pass (parse_number's value, with
       its limit): this runs for every line */
    size_t n = 0;
    unsigned long v = 0;
    for (; n < 10 && p[n] >= '0' && p[n] <= '9'; n++)
        v = v * 10 + (unsigned long)(p[n] - '0');
    if (n == 0 || n > 9 || p[n] != '=' || p[n + 1] != '=')
        return NULL;
    *pid = v > 100000000UL ? 0 : v;
    p += n + 2;
    if (*p == '\0')
        return p;
    return *p == ' ' ? p + 1 : NULL;
}

/* ------------------------------------------------------------------ */
/* Frames and titles                                                   */
/* ------------------------------------------------------------------ */

/* A hexadecimal digit, without the locale lookup of isxdigit: this runs
 * for every digit of every frame's address. */
static inline int parse_vg_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || ((unsigned)(ch | 0x20) - 'a' < 6u);
}

/* parse_vg_frame_text for a text whose leading white space is skipped. */
static const char *parse_vg_frame_text_at(const char *s)
{
    if (!text_starts_with(s, "at 0x") && !text_starts_with(s, "by 0x"))
        return NULL;
    s += 5;
    if (!parse_vg_hex(*s))
        return NULL;
    while (parse_vg_hex(*s))
        s++;
    return *s == ':' ? s + 1 : NULL;
}

const char *parse_vg_frame_text(const char *text)
{
    return parse_vg_frame_text_at(text_skip_space(text));
}

/*
 * Reads the text of a Valgrind frame line (after "==PID== "): "   at 0x4..:
 * func (file.c:12)", "by 0x..: func (in /lib/libc.so.6)".  Returns 1 and fills
 * f, or 0 if the line is not a frame.
 */
int parse_vg_frame(const char *text, parse_frame *f)
{
    const char *s = parse_vg_frame_text(text);
    if (!s)
        return 0;
    s--;   /* the colon */
    memset(f, 0, sizeof *f);
    f->buf = text_dup(text_skip_space(s + 1));
    char *b = f->buf;
    parse_rtrim(b);
    char *g = parse_last_group(b);
    if (g && g > b && g[-1] == ' ') {
        g[strlen(g) - 1] = '\0';
        char *inner = g + 1;
        g[-1] = '\0';
        if (text_starts_with(inner, "in ")) {
            f->object = inner + 3;
        } else {
            f->line = parse_split_loc(inner);
            f->file = inner;
        }
    }
    parse_rtrim(b);
    f->func = parse_known_name(b);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Lines of a process                                                  */
/* ------------------------------------------------------------------ */

/* Lines that end a process's run of reports.  Asked of most lines of a
 * report: a switch on the first byte picks the one text to compare, so
 * most lines cost one jump. */
static int parse_vg_is_trailer(const char *t)
{
    switch (t[0]) {
    case 'U': return text_starts_with(t, "Use --history-level=");
    case 't': return text_starts_with(t, "the cost of reduced accuracy");
    case 'F': return text_starts_with(t, "For lists of detected") ||
                     text_starts_with(t, "For counts of detected");
    case 'E': return text_starts_with(t, "ERROR SUMMARY:");
    case 'H': return text_starts_with(t, "HEAP SUMMARY:");
    default: return 0;
    }
}

/* Banner lines printed when Valgrind starts. */
static int parse_vg_is_banner(parse_vg *s, const char *t)
{
    /* every tool's banner is "Tool, a ... error detector": a word and a
       comma first, so the search for "error detector" is spared on the
       titles and headers of every report */
    const char *w = t;
    while ((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z'))
        w++;
    const char *detector = w > t && w[0] == ',' ? strstr(w, "error detector") : NULL;
    if (detector && strstr(t, "Helgrind, a thread error detector"))
        s->tool = PARSE_HELGRIND;
    else if (detector && strstr(t, "drd, a thread error detector"))
        s->tool = PARSE_DRD;
    else if (detector && strstr(t, ", a "))
        s->tool = PARSE_ANY;
    else
        return text_starts_with(t, "Copyright (C)") || text_starts_with(t, "Using Valgrind-") ||
               text_starts_with(t, "Command: ") || text_starts_with(t, "Parent PID: ");
    return 1;
}

/* Helgrind-style processes put a "-----" line before every report. */
static int parse_vg_helgrind_style(const parse_ctx *c, const parse_vg *s)
{
    if (s->tool != PARSE_ANY)
        return s->tool == PARSE_HELGRIND;
    if (c->tool == PARSE_HELGRIND || c->tool == PARSE_DRD)
        return c->tool == PARSE_HELGRIND;
    return s->separators > 0;
}

/*
 * The kind of a Valgrind report title (new string), from titles.h's table.
 * A process whose banner is missing may be either tool; their titles never
 * collide.
 */
static unsigned parse_vg_titles(const parse_vg *s)
{
    return s->tool == PARSE_HELGRIND ? TITLES_HELGRIND
         : s->tool == PARSE_DRD ? TITLES_DRD : TITLES_VALGRIND;
}

/* Opens the report a title starts, with what may still refine its kind. */
static void parse_vg_open(parse_ctx *c, parse_vg *s, const char *title)
{
    unsigned tools = parse_vg_titles(s);
    titles_kind k = titles_kind_of(tools, title, 0);
    const char *kind = titles_canonical(k);
    const char *slug = kind ? NULL : titles_other_slug(tools, title);
    char *other = kind ? NULL : slug ? finding_other_kind(slug) : parse_other_kind(title);
    parse_report_open(&s->rep, kind ? kind : other, c->lineno);
    free(other);
    int refine = k == TITLES_PTHREAD_ERROR ? PARSE_REFINE_ERROR_CODE
               : k == TITLES_INVALID_MUTEX && (tools & TITLES_DRD) &&
                         titles_kind_of(TITLES_DRD, title, 0) == TITLES_INVALID_MUTEX
                   ? PARSE_REFINE_FIRST_FRAME : PARSE_REFINE_NONE;
    if (refine) {
        s->rep.refine = refine;
        s->rep.title = text_dup(title);
    }
}

/* A section header inside an open Helgrind report. */
static void parse_helgrind_header(parse_report *rep, const char *t)
{
    t = text_skip_space(t);
    if (text_starts_with(t, "with error code") && rep->refine == PARSE_REFINE_ERROR_CODE) {
        parse_report_rekind(rep, titles_failed_call_kind(rep->title, t));
        return;
    }
    if (text_starts_with(t, "Locks held:") || text_starts_with(t, "with error code") ||
        text_starts_with(t, "in frame #"))
        return; /* annotations of the stack that follows or precedes */
    if (text_starts_with(t, "Address 0x") || text_starts_with(t, "Location 0x"))
        rep->described_seen = 1;
    if (text_starts_with(t, "This conflicts with a previous")) {
        rep->conflict_seen = 1;
        /* "... previous access by thread #2, after": --history-level=approx
         * gives a window of synchronisation points, not the other access */
        int exact = text_starts_with(t, "This conflicts with a previous read") ||
                    text_starts_with(t, "This conflicts with a previous write");
        parse_section_add(rep, exact ? PARSE_ROLE_ACCESS : PARSE_ROLE_OTHER);
        return;
    }
    if (text_starts_with(t, "followed by a later acquisition")) {
        parse_section_add(rep, PARSE_ROLE_INNER);
        return;
    }
    if (text_starts_with(t, "Required order was established"))
        rep->required_seen = 1;
    parse_section_add(rep, PARSE_ROLE_OTHER);
}

/* A non-frame line inside an open DRD (or unknown tool's) report. */
static void parse_drd_header(parse_report *rep, const char *t)
{
    /* "   (thread finished, call stack no longer available)" */
    if (t[0] == ' ' && *text_skip_space(t) == '(' && strstr(t, "call stack no longer available"))
        return;
    parse_section_add(rep, PARSE_ROLE_OTHER);
}

/* Valgrind's "Process terminating with default action of signal 11 (SIGSEGV)". */
static void parse_vg_crash(parse_ctx *c, parse_vg *s, const char *t)
{
    const char *p = strstr(t, "signal ");
    unsigned long sig = 0;
    if (p) {
        p += 7;
        sig = parse_number(p, strspn(p, "0123456789"));
    }
    if (sig && sig < 128 && !c->r->crash_signal)
        c->r->crash_signal = (int)sig;
    parse_notef(c, c->lineno, "the program crashed (pid %lu): %s", s->pid, t);
    s->mode = PARSE_VG_CRASH;
}

/* Lines of no open report: separators, banners, trailers and titles. */
static void parse_vg_between(parse_ctx *c, parse_vg *s, const char *t)
{
    if (s->mode == PARSE_VG_ANNOUNCE || s->mode == PARSE_VG_CRASH)
        return;
    if (parse_vg_is_banner(s, t) || parse_vg_is_trailer(t))
        return;
    int helgrind = parse_vg_helgrind_style(c, s);
    if (helgrind && s->mode != PARSE_VG_EXPECT_TITLE)
        return;
    /* When a race involves an access made with a lock held, Helgrind first
       says where each such lock was first seen, then gives the report's
       title after a blank line: the announcement is not the report. */
    if (helgrind && titles_hg_lock_announcement(t)) {
        s->mode = PARSE_VG_LOCK_ANNOUNCE;
        return;
    }
    if (!helgrind && (t[0] == ' ' || (text_starts_with(t, "Thread ") &&
                                      t[strlen(t) - 1] == ':' &&
                                      parse_skip_thread_prefix(t) != t)))
        return; /* DRD's "Thread 3:" says who runs next, it is no report */
    parse_vg_open(c, s, t);
    s->mode = PARSE_VG_IDLE;
}

/*
 * Whether a Helgrind report still open at the end of the log is whole: it
 * must end with its empty line, and a race or lock-order report must have
 * reached its second part.
 */
static int parse_vg_complete_at_end(const parse_ctx *c, const parse_vg *s)
{
    const parse_report *rep = &s->rep;
    if (!parse_vg_helgrind_style(c, s) || !s->last_blank)
        return 0;
    for (size_t i = 0; i < rep->nsec; i++)
        if (rep->sec[i].role != PARSE_ROLE_OTHER && !parse_section_has_stack(&rep->sec[i]))
            return 0;
    /* Without a history of the other access (--history-level=none, or one
       evicted from it) a race has no conflict part; it is whole once the
       address description that ends it has come (the log of a run with -q
       has no trailer to say so). */
    if (strcmp(rep->kind, "data-race") == 0)
        return rep->conflict_seen || rep->described_seen;
    if (strcmp(rep->kind, "lock-order-inversion") == 0) {
        size_t inner = 0;
        for (size_t i = 0; i < rep->nsec; i++)
            inner += rep->sec[i].role == PARSE_ROLE_INNER;
        return inner >= (rep->required_seen ? 2u : 1u);
    }
    return 1;
}

/* Whether this process's reports are wanted under the --detector choice. */
static int parse_vg_wanted(const parse_ctx *c, const parse_vg *s)
{
    return c->tool == PARSE_ANY || s->tool == PARSE_ANY || s->tool == c->tool;
}

/*
 * Lines of a process that has printed no separator: Helgrind's titles and
 * announcements are known by their words alone, so that the same log gives
 * the same findings read with --detector helgrind or recognised by itself
 * (the process is taken for Helgrind at its first Helgrind title).  Returns
 * 1 when the line was taken care of.
 */
static int parse_vg_no_separator(parse_ctx *c, parse_vg *s, const char *t)
{
    if (s->separators || s->tool == PARSE_DRD || c->tool == PARSE_DRD)
        return 0;
    if (titles_hg_announcement(t)) {
        parse_close(c, &s->rep, PARSE_END_COMPLETE);
        s->mode = PARSE_VG_ANNOUNCE;
        return 1;
    }
    if (!titles_hg_bare_title(t))
        return 0;
    if (s->tool == PARSE_ANY)
        s->tool = PARSE_HELGRIND;
    parse_close(c, &s->rep, PARSE_END_COMPLETE);
    parse_vg_open(c, s, t);
    s->mode = PARSE_VG_IDLE;
    return 1;
}

void parse_vg_line(parse_ctx *c, unsigned long pid, const char *t)
{
    parse_vg *s = parse_vg_get(c, pid);
    const char *u = text_skip_space(t);
    int blank = *u == '\0';
    s->last_blank = blank;
    const char *frame = parse_vg_frame_text_at(u);
    if (frame && s->rep.open && s->rep.refine == PARSE_REFINE_FIRST_FRAME && s->rep.cur == 0) {
        parse_frame f;
        if (parse_vg_frame(t, &f)) {
            parse_report_rekind(&s->rep, titles_not_a_lock_kind(f.func));
            parse_frame_free(&f);
        }
    }
    if (frame) {
        /* read only while the section wants a location, once per text */
        parse_report_frame_line(c, &s->rep, t, frame, parse_vg_frame);
        return;
    }
    if (blank) {
        if (s->mode == PARSE_VG_CRASH || (s->mode == PARSE_VG_ANNOUNCE && !s->separators))
            s->mode = PARSE_VG_IDLE;
        else if (s->mode == PARSE_VG_LOCK_ANNOUNCE)
            s->mode = PARSE_VG_EXPECT_TITLE;
        if (s->rep.open && !parse_vg_helgrind_style(c, s))
            parse_close(c, &s->rep, PARSE_END_COMPLETE);
        return;
    }
    if (text_starts_with(t, "---")) {
        parse_close(c, &s->rep, PARSE_END_COMPLETE);
        s->separators++;
        s->mode = strstr(t, "Thread-Announcement") ? PARSE_VG_ANNOUNCE : PARSE_VG_EXPECT_TITLE;
        return;
    }
    if (text_starts_with(t, "Process terminating with default action of signal")) {
        parse_close(c, &s->rep, PARSE_END_COMPLETE);
        parse_vg_crash(c, s, t);
        return;
    }
    if (text_starts_with(t, "Warning:") || titles_vg_notice(t))
        return; /* Valgrind's own remarks can come at any time */
    if (parse_vg_is_trailer(t)) {
        parse_close(c, &s->rep, PARSE_END_COMPLETE);
        s->mode = PARSE_VG_IDLE;
        s->finished = 1;
        return;
    }
    if (!parse_vg_wanted(c, s) || parse_vg_no_separator(c, s, t))
        return;
    if (!s->rep.open)
        parse_vg_between(c, s, t);
    else if (parse_vg_helgrind_style(c, s))
        parse_helgrind_header(&s->rep, t);
    else
        parse_drd_header(&s->rep, t);
}

/* Valgrind's failures to start or to go on. */
void parse_vg_fatal(parse_ctx *c, const char *line)
{
    /* Both messages looked for anywhere in the line hold an apostrophe,
       which few lines do, and the reader tells which (text_reader_watch_byte):
       this runs for every line of a log. */
    if ((text_starts_with(line, "valgrind: ") && !strstr(line, "arning")) ||
        (c->line_quotes &&
         (strstr(line, "Valgrind's memory management: out of memory") ||
          strstr(line, "the 'impossible' happened")))) {
        c->r->fatal = 1;
        parse_notef(c, c->lineno, "Valgrind stopped with a fatal error: %s", line);
    }
}

/*
 * The end of the log for every process: a report still open is closed, as
 * complete or as cut off (parse_vg_complete_at_end), and the states are
 * freed.
 */
void parse_vg_finish(parse_ctx *c)
{
    for (size_t i = 0; i < c->nvg; i++) {
        parse_vg *s = &c->vg[i];
        if (s->rep.open)
            parse_close(c, &s->rep,
                        parse_vg_complete_at_end(c, s) ? PARSE_END_COMPLETE : PARSE_END_LOG);
        parse_report_free(&s->rep);
    }
    free(c->vg);
}
