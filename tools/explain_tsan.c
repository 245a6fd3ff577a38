/*
 * explain_tsan.c - the ThreadSanitizer reader of the explain stage: report
 * titles, section headers, frames, the summary and the closing separator,
 * and the runtime's own lines outside reports (counts, crashes, fatal
 * errors).  Every line of TSan's formats is recognised here; a frame line is
 * split by the parse stage's parse_tsan_frame, so both stages read it alike.
 *
 * One report is open at a time.  It opens at "WARNING: ThreadSanitizer:
 * TITLE" and ends at the "=====" after its SUMMARY line (or at that
 * separator alone when the summary was turned off).  Inside it, a line of
 * two spaces and text starts a section: one ending in ':' has a stack under
 * it, any other ("Location is global ...", "Cycle in lock order graph ...")
 * is a section of one line whose note follows at once.  A line that is none
 * of these is the program's output, printed mid-report as it came.
 *
 * A blank line inside a report is held back for one line: followed by a
 * frame, it was the program's output in the middle of a stack and the stack
 * goes on; followed by anything else, it ends the section, whose note is
 * printed before it.
 *
 * A title is taken even without its "(pid=N)", unlike the parse stage: a
 * report pasted by hand often loses it, and here a false start costs a note,
 * not a finding.
 */
#include "explain_impl.h"
#include "titles.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* "==================" and longer. */
static int explain_tsan_separator(const char *line)
{
    size_t n = strspn(line, "=");
    return n >= 10 && line[n] == '\0';
}

/* A sanitizer line with its "==PID==" glued to the text ("==12==ERROR: ..."). */
static int explain_tsan_prefixed(const char *line)
{
    if (line[0] != '=' || line[1] != '=')
        return 0;
    size_t n = strspn(line + 2, "0123456789");
    return n > 0 && line[2 + n] == '=' && line[3 + n] == '=';
}

/* What a section header ("Previous write of size 4 ...:", two spaces cut) says. */
static explain_sec explain_tsan_sec(const char *h)
{
    const char *p = h;
    if (text_starts_with(p, "Previous "))
        p += 9;
    if (text_starts_with_ci(p, "atomic "))
        p += 7;
    if (text_starts_with_ci(p, "read of size") || text_starts_with_ci(p, "write of size"))
        return EXPLAIN_SEC_ACCESS;
    if (text_starts_with(h, "Location is "))
        return EXPLAIN_SEC_LOCATION;
    if (text_starts_with(h, "Mutex ")) {
        if (strstr(h, "acquired here while holding"))
            return EXPLAIN_SEC_EDGE;
        if (strstr(h, "previously acquired"))
            return EXPLAIN_SEC_EDGE_FIRST;
        if (strstr(h, "created at"))
            return EXPLAIN_SEC_MUTEX;
        return EXPLAIN_SEC_OTHER;
    }
    if (text_starts_with(h, "Thread T") && strstr(h, "created"))
        return EXPLAIN_SEC_THREAD;
    if (text_starts_with(h, "Cycle in lock order graph"))
        return EXPLAIN_SEC_CYCLE;
    if (strcmp(h, "and:") == 0)
        return EXPLAIN_SEC_LOCKED_AT;
    if (text_starts_with(h, "As if synchronized via sleep"))
        return EXPLAIN_SEC_SLEEP;
    if (explain_notes_is_fact(h))
        return EXPLAIN_SEC_FACT;
    return EXPLAIN_SEC_OTHER;
}

/* Fills an access from "[Previous ][atomic ]write of size 4 at 0x.. by thread
 * T1 (mutexes: write M0, read M1):". */
static void explain_tsan_access(explain_access *a, const char *h)
{
    const char *p = h;
    a->previous = text_starts_with(p, "Previous ");
    if (a->previous)
        p += 9;
    a->atomic = text_starts_with_ci(p, "atomic ");
    if (a->atomic)
        p += 7;
    a->write = text_starts_with_ci(p, "write");
    a->size = explain_field(p, "of size ", " ");
    a->addr = explain_field(p, " at ", " ");
    a->thread = explain_field(p, " by ", " (");
    a->locks_known = 1;
    char *held = explain_field(p, "(mutexes: ", ")");
    if (!held)
        return;
    for (char *q = held; *q;) {
        size_t n = strcspn(q, ",");
        char *one = explain_trim_ndup(q, n);
        if (*one)
            text_list_push(&a->locks, one);
        else
            free(one);
        q += n;
        if (*q)
            q++;
    }
    free(held);
}

/* Closes the open report as `end`, or as complete once its summary is out. */
static void explain_tsan_close(explain_ctx *c, explain_end end)
{
    explain_report *rep = &c->tsan;
    explain_report_close(c, rep, rep->summary_seen ? EXPLAIN_END_COMPLETE : end);
}

/* "WARNING: ThreadSanitizer: TITLE (pid=N)" opens a report. */
static void explain_tsan_warning(explain_ctx *c, const char *line, const char *title)
{
    explain_report *rep = &c->tsan;
    explain_tsan_close(c, EXPLAIN_END_INTERRUPTED);
    if (c->tsan_crash) {
        explain_section_end(c, NULL, &c->crash, EXPLAIN_SECTION_INDENT);
        c->tsan_crash = 0;
    }
    char *t = text_dup(title);
    char *pid = strstr(t, " (pid=");
    if (pid)
        *pid = '\0';
    explain_report_open(c, rep, EXPLAIN_TOOL_TSAN, explain_text_kind(EXPLAIN_TOOL_TSAN, t), t,
                        line, 0);
    explain_section_start(c, rep, &rep->sec, EXPLAIN_SEC_MAIN, t);
    free(t);
}

/* The runtime's own failures and the crashes it reports; 1 if line was one. */
static int explain_tsan_failure(explain_ctx *c, const char *line)
{
    int event;
    const char *p;
    if (strstr(line, "FATAL: ThreadSanitizer: unexpected memory mapping"))
        event = EXPLAIN_EV_TSAN_MAPPING;
    else if (strstr(line, "FATAL: ThreadSanitizer") ||
             strstr(line, "ThreadSanitizer: CHECK failed") ||
             strstr(line, "ThreadSanitizer: nested bug"))
        event = EXPLAIN_EV_TSAN_FATAL;
    else if ((p = strstr(line, "ERROR: ThreadSanitizer: ")) != NULL)
        event = titles_tsan_crash_signal(p + 24) ? EXPLAIN_EV_CRASH : EXPLAIN_EV_TSAN_FATAL;
    else
        return 0;
    explain_tsan_close(c, EXPLAIN_END_FATAL);
    explain_out_detector(c, line, 0, EXPLAIN_WARN);
    explain_text_event(c, event, line, EXPLAIN_REPORT_INDENT);
    if (event == EXPLAIN_EV_CRASH) {
        /* the stack of the crash follows; its own frame gets marked */
        c->tsan_crash = 1;
        explain_section_start(c, NULL, &c->crash, EXPLAIN_SEC_MAIN, line);
    }
    return 1;
}

/* A line after a crash TSan reported; 0 when it is not the runtime's. */
static int explain_tsan_crash_line(explain_ctx *c, const char *line)
{
    parse_frame f;
    if (parse_tsan_frame(line, &f)) {
        explain_frame_line(c, &c->crash, &f, line);
        return 1;
    }
    if (!*line || explain_tsan_prefixed(line) || strstr(line, "ThreadSanitizer")) {
        int last = strstr(line, "==ABORTING") != NULL;
        if (last || !*line || strstr(line, "SUMMARY: ThreadSanitizer"))
            explain_section_end(c, NULL, &c->crash, EXPLAIN_SECTION_INDENT);
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        if (last)
            c->tsan_crash = 0;
        return 1;
    }
    return 0;
}

/* A line of an open report: frames, sections, the summary, the end. */
static void explain_tsan_body(explain_ctx *c, const char *line)
{
    explain_report *rep = &c->tsan;
    size_t indent = EXPLAIN_SECTION_INDENT;
    parse_frame f;
    if (rep->summary_seen) {
        int sep = explain_tsan_separator(line);
        if (sep)
            explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        explain_report_close(c, rep, EXPLAIN_END_COMPLETE);
        if (!sep)
            explain_tsan_line(c, line);
        return;
    }
    if (strstr(line, "SUMMARY: ThreadSanitizer:")) {
        explain_section_end(c, rep, &rep->sec, indent);
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        explain_text_summary(c, rep, line);
        rep->summary_seen = 1;
    } else if (parse_tsan_frame(line, &f)) {
        explain_frame_line(c, &rep->sec, &f, line);
    } else if (strstr(line, "[failed to restore the stack]")) {
        rep->sec.unrestored = 1;
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
    } else if (!*line) {
        c->tsan_blank = 1;
    } else if (line[0] == ' ' && line[1] == ' ' && line[2] && line[2] != ' ') {
        char *h = text_trim_dup(line);
        explain_sec kind = explain_tsan_sec(h);
        explain_section_start(c, rep, &rep->sec, kind, h);
        if (kind == EXPLAIN_SEC_ACCESS && rep->sec.access >= 0)
            explain_tsan_access(&rep->acc[rep->sec.access], h);
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        if (h[strlen(h) - 1] != ':')
            explain_section_end(c, rep, &rep->sec, indent);
        free(h);
    } else if (explain_tsan_separator(line)) {
        /* the end of a report whose summary line was turned off */
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        explain_report_close(c, rep, EXPLAIN_END_COMPLETE);
    } else {
        explain_out_program(c, line);
    }
}

/* A line outside reports: the runtime's own, or the program's. */
static void explain_tsan_outside(explain_ctx *c, const char *line)
{
    if (strstr(line, "ThreadSanitizer")) {
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        if (strstr(line, "ThreadSanitizer: reported "))
            explain_text_event(c, EXPLAIN_EV_TSAN_COUNT, line, EXPLAIN_REPORT_INDENT);
    } else if (explain_tsan_separator(line) || explain_tsan_prefixed(line)) {
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
    } else {
        explain_out_program(c, line);
    }
}

/* Prints the blank line held back, after the section's note unless a frame
 * shows the section goes on. */
static void explain_tsan_release_blank(explain_ctx *c, const char *line)
{
    parse_frame f;
    if (!c->tsan_blank)
        return;
    c->tsan_blank = 0;
    if (parse_tsan_frame(line, &f))
        parse_frame_free(&f);
    else
        explain_section_end(c, &c->tsan, &c->tsan.sec, EXPLAIN_SECTION_INDENT);
    explain_out_detector(c, "", 0, EXPLAIN_PLAIN);
}

void explain_tsan_line(explain_ctx *c, const char *line)
{
    explain_tsan_release_blank(c, line);
    if (strstr(line, "ThreadSanitizer")) {
        const char *w = strstr(line, "WARNING: ThreadSanitizer: ");
        if (w && (w == line || strstr(w, "(pid="))) {
            explain_tsan_warning(c, line, w + 26);
            return;
        }
        if (explain_tsan_failure(c, line))
            return;
    }
    if (c->tsan.open)
        explain_tsan_body(c, line);
    else if (!c->tsan_crash || !explain_tsan_crash_line(c, line))
        explain_tsan_outside(c, line);
}

void explain_tsan_finish(explain_ctx *c)
{
    explain_tsan_release_blank(c, "");
    explain_tsan_close(c, EXPLAIN_END_LOG);
    explain_section_end(c, NULL, &c->crash, EXPLAIN_SECTION_INDENT);
    c->tsan_crash = 0;
}
