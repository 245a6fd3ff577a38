/*
 * parse_tsan.c - the ThreadSanitizer reader of the parse stage: every line a
 * clang or gcc ThreadSanitizer runtime prints (report titles, section
 * headers, stack frames, the end of a report, the runtime's own fatal errors
 * and the crashes it reports) is recognised here and nowhere else.
 *
 * It is a file of its own so that TSan's formats are read in one place,
 * apart from Valgrind's (parse_valgrind.c) and from what every detector
 * shares (parse.c: frame ownership, report bookkeeping, findings, notes).
 *
 * One TSan report is open at a time (parse_ctx.tsan).  It opens at
 * "WARNING: ThreadSanitizer: TITLE (pid=N)" and is complete at
 * "SUMMARY: ThreadSanitizer:", or at the closing "=====" line when the
 * summary line was turned off.  Inside it, a line "  Header:" starts a
 * section whose role parse_tsan_role gives ("Read of size", "Previous write
 * of size" ... are accesses, "acquired here while holding" is the inner
 * acquisition of a lock-order edge, "Thread T1 ... created by" is a thread
 * creation); frames go to the current section.
 *
 * Decisions worth knowing (the ones shared with the other detectors are in
 * parse.c):
 *  - A TSan report interrupted by another TSan report (two processes writing
 *    to one file) or by a fatal error of the runtime is counted as truncated.
 *  - "[failed to restore the stack]" marks the current section, so a
 *    location taken from it is "?" and the finding carries the key
 *    stack=unrestored.
 *  - "ERROR: ThreadSanitizer: SEGV on unknown address" (and BUS, FPE, ILL,
 *    ABRT, TRAP, stack-overflow) is a crash, not a finding: it sets
 *    r->crash_signal and leaves a note, as Valgrind's "Process terminating"
 *    does.  Any other "ERROR: ThreadSanitizer:", "FATAL: ThreadSanitizer",
 *    "CHECK failed" or "nested bug" sets r->fatal; "unexpected memory
 *    mapping" sets r->tsan_bad_mapping.
 */
#include "parse_impl.h"
#include "titles.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Frames                                                              */
/* ------------------------------------------------------------------ */

/* The text after "#N " when line is a ThreadSanitizer frame, else NULL. */
static const char *parse_tsan_frame_text(const char *line)
{
    const char *s = text_skip_space(line);
    if (*s != '#' || !isdigit((unsigned char)s[1]))
        return NULL;
    s++;
    while (isdigit((unsigned char)*s))
        s++;
    return *s == ' ' ? s : NULL;
}

/*
 * Reads a ThreadSanitizer frame line, "    #3 func file:12:7 (bin+0x12)
 * (BuildId: ...)".  Returns 1 and fills f (free it with parse_frame_free), or
 * 0 if the line is not a frame.
 */
int parse_tsan_frame(const char *line, parse_frame *f)
{
    const char *s = parse_tsan_frame_text(line);
    if (!s)
        return 0;
    memset(f, 0, sizeof *f);
    f->buf = text_dup(text_skip_space(s));
    char *b = f->buf;
    parse_rtrim(b);
    char *g = parse_last_group(b);
    if (g && text_starts_with(g, "(BuildId:")) {
        *g = '\0';
        parse_rtrim(b);
        g = parse_last_group(b);
    }
    if (g && strstr(g, "+0x")) {
        g[strlen(g) - 1] = '\0';
        *strstr(g, "+0x") = '\0';
        f->object = g + 1;
        *g = '\0';
        parse_rtrim(b);
    }
    char *sp = strrchr(b, ' ');
    if (!sp) {
        f->func = parse_known_name(b);
        return 1;
    }
    *sp = '\0';
    parse_rtrim(b);
    f->func = parse_known_name(b);
    char *loc = sp + 1;
    f->line = parse_split_loc(loc);
    f->file = parse_known_name(loc);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Where a line names the runtime                                      */
/* ------------------------------------------------------------------ */

/*
 * strstr(line, pattern), for a pattern that holds "ThreadSanitizer" once,
 * with w where line names it.  Each pattern looked for in a line of the
 * runtime's ("WARNING: ThreadSanitizer: ", "SUMMARY: ThreadSanitizer: ",
 * ...) holds that word once, so in a line that holds it once a pattern can
 * only be at one place, and a comparison there answers what a search would:
 * a report's title and summary lines are tried for six patterns, and a
 * search each was most of what they cost.
 */
static inline const char *parse_tsan_find(const char *line, const parse_tsan_word *w,
                                          const char *pattern)
{
    if (!w->at)
        return NULL;
    if (w->again)
        return strstr(line, pattern);
    size_t before = (size_t)(strstr(pattern, "ThreadSanitizer") - pattern);
    if ((size_t)(w->at - line) < before)
        return NULL;
    const char *p = w->at - before;
    return p[0] == pattern[0] && strncmp(p, pattern, strlen(pattern)) == 0 ? p : NULL;
}

/* ------------------------------------------------------------------ */
/* Titles and sections                                                 */
/* ------------------------------------------------------------------ */

/*
 * The role of a TSan section from its header (two spaces stripped).  Of the
 * roles found by a search, only those in `used` (the report's used_roles)
 * are looked for: a section of a role its kind takes no location from is
 * read as one of PARSE_ROLE_OTHER would be, and a TSan report's kind, set by
 * its title, never changes.  A data race's thread and mutex sections so
 * cost no search.
 */
static parse_role parse_tsan_role(const char *h, unsigned used)
{
    if (text_starts_with(h, "Previous "))
        h += 9;
    if (text_starts_with_ci(h, "atomic "))
        h += 7;
    if (text_starts_with_ci(h, "read of size") || text_starts_with_ci(h, "write of size"))
        return PARSE_ROLE_ACCESS;
    if ((used & (1u << PARSE_ROLE_INNER)) && strstr(h, "acquired here while holding"))
        return PARSE_ROLE_INNER;
    if ((used & (1u << PARSE_ROLE_CREATE)) && text_starts_with(h, "Thread T") &&
        strstr(h, "created by"))
        return PARSE_ROLE_CREATE;
    return PARSE_ROLE_OTHER;
}

/* ------------------------------------------------------------------ */
/* Failures and crashes of the runtime                                 */
/* ------------------------------------------------------------------ */

/* Notes a runtime failure, closing any open report first. */
static void parse_tsan_failure(parse_ctx *c, const char *what, const char *text)
{
    parse_close(c, &c->tsan, PARSE_END_FATAL);
    parse_notef(c, c->lineno, "%s%s", what, text);
}

/* Handles the runtime's own failures and crashes; returns 1 if line was one. */
static int parse_tsan_fatal(parse_ctx *c, const char *line, const parse_tsan_word *w)
{
    const char *p;
    if (parse_tsan_find(line, w, "FATAL: ThreadSanitizer: unexpected memory mapping")) {
        c->r->tsan_bad_mapping = 1;
        parse_tsan_failure(c,
                           "ThreadSanitizer could not start: the kernel placed memory where "
                           "TSan's shadow layout forbids it (vm.mmap_rnd_bits above 28 does this "
                           "to the runtimes of clang < 18 and gcc; lower it to 28)",
                           "");
        return 1;
    }
    if ((p = parse_tsan_find(line, w, "FATAL: ThreadSanitizer")) ||
        (p = parse_tsan_find(line, w, "ThreadSanitizer: CHECK failed")) ||
        (p = parse_tsan_find(line, w, "ThreadSanitizer: nested bug"))) {
        c->r->fatal = 1;
        parse_tsan_failure(c, "ThreadSanitizer stopped with a fatal error: ", p);
        return 1;
    }
    if ((p = parse_tsan_find(line, w, "SUMMARY: ThreadSanitizer: ")) && !c->tsan.open &&
        titles_tsan_crash_signal(p + 26)) {
        /* "SUMMARY: ThreadSanitizer: SEGV (/usr/lib/llvm-14/lib/libarcher.so+0x4254)":
           the object of the crashing instruction. */
        const char *obj = strchr(p, '(');
        if (obj && (strstr(obj, "libarcher") || strstr(obj, "libtsan") ||
                    strstr(obj, "libclang_rt.tsan")))
            c->r->crash_in_detector = 1;
        return 1;
    }
    if ((p = parse_tsan_find(line, w, "ERROR: ThreadSanitizer: "))) {
        int sig = titles_tsan_crash_signal(p + 24);
        if (sig && !c->r->crash_signal)
            c->r->crash_signal = sig;
        if (!sig)
            c->r->fatal = 1;
        parse_tsan_failure(c, sig ? "the program crashed: " : "ThreadSanitizer stopped the program: ",
                           p + 24);
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Reports                                                             */
/* ------------------------------------------------------------------ */

/*
 * Opens a report for a "WARNING: ThreadSanitizer: TITLE (pid=N)" line;
 * pid is where "(pid=" first is in title.  The title is the text before the
 * first " (pid=", copied into c->title, which keeps its storage.
 */
static void parse_tsan_warning(parse_ctx *c, const char *title, const char *pid)
{
    parse_close(c, &c->tsan, PARSE_END_INTERRUPTED);
    /* " (pid=" is first where "(pid=" first is, when a space comes before
       it; else it comes later, or not at all */
    const char *cut = pid > title && pid[-1] == ' ' ? pid - 1 : strstr(title, " (pid=");
    c->title.len = 0;
    text_buf_add(&c->title, title, cut ? (size_t)(cut - title) : strlen(title));
    const char *t = c->title.s;
    const char *kind = titles_canonical(titles_kind_of(TITLES_TSAN, t, 0));
    char *other = kind ? NULL : parse_other_kind(t);
    parse_report_open(&c->tsan, kind ? kind : other, c->lineno);
    free(other);
}

/* A line while a TSan report is open: frames, section headers, the end.
 * w: where the line names ThreadSanitizer. */
static void parse_tsan_body(parse_ctx *c, const char *line, const parse_tsan_word *w)
{
    parse_report *rep = &c->tsan;
    if (!*line)
        return;   /* the blank lines between sections mean nothing */
    if (parse_tsan_find(line, w, "SUMMARY: ThreadSanitizer:")) {
        parse_close(c, rep, PARSE_END_COMPLETE);
    } else if (strchr(line, '[') && strstr(line, "[failed to restore the stack]")) {
        /* (a strchr first: most lines hold no '[', and it costs less) */
        parse_report_unrestored(rep);
    } else if (line[0] == ' ' && line[1] == ' ' && line[2] && line[2] != ' ') {
        size_t n = (size_t)(c->line_end - line);
        if (line[n - 1] == ':')
            parse_section_add(rep, parse_tsan_role(line + 2, rep->used_roles));
        else
            rep->cur = -1;
    } else if (line[0] == '=' && strspn(line, "=") == (size_t)(c->line_end - line) &&
               c->line_end - line >= 10) {
        /* closing separator when the summary line was turned off */
        parse_close(c, rep, PARSE_END_COMPLETE);
    }
    /* anything else is the program's output */
}

/*
 * A frame of the open report.  The runtime writes each line whole, so a line
 * that begins as a frame is nothing else; recognising it by its first bytes
 * spares the bulk of a log (its stacks) any search.  Most frames of a stack
 * cannot change a finding: those are counted, not read; the others are read
 * once per distinct text (parse_report_frame_line).
 */
static int parse_tsan_stack_line(parse_ctx *c, const char *line)
{
    const char *text = c->tsan.open ? parse_tsan_frame_text(line) : NULL;
    if (!text)
        return 0;
    /* the frame's number is left out of the key: a function's frame reads
       the same at any depth */
    parse_report_frame_line(c, &c->tsan, line, text, parse_tsan_frame);
    return 1;
}

void parse_tsan_line(parse_ctx *c, const char *line, const parse_tsan_word *w)
{
    if (parse_tsan_stack_line(c, line))
        return;
    /* Every other line the runtime writes names it, so knowing which lines
       do spares every other search on the program's own output. */
    if (w->at) {
        const char *title = parse_tsan_find(line, w, "WARNING: ThreadSanitizer: ");
        const char *pid = title ? strstr(title, "(pid=") : NULL;
        if (pid) {
            parse_tsan_warning(c, title + 26, pid);
            return;
        }
        if (parse_tsan_fatal(c, line, w))
            return;
    }
    if (c->tsan.open)
        parse_tsan_body(c, line, w);
}
