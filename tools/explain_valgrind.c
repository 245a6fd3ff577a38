/*
 * explain_valgrind.c - the Valgrind reader of the explain stage: every
 * "==PID== text" line of Helgrind and DRD (banners, thread and lock
 * announcements, report titles, section headers, frames, separators,
 * trailers, crashes), with the state kept for each Valgrind process.  The
 * prefix and the frames are split by the parse stage's readers (parse.h).
 *
 * Lines of several processes may interleave in one log, so each "==PID=="
 * has its own state and its own open report.  A process's tool comes from
 * its banner; without one, a process that prints Helgrind's "-----"
 * separators is taken for Helgrind, any other for DRD, as in the parse stage.
 * A Helgrind report runs until the next separator, trailer or crash (it has
 * blank lines inside); a DRD report ends at its blank line.
 *
 * What Helgrind says outside reports is kept to explain reports later: where
 * each thread was created ("Thread #3 was created", so a race note can say
 * where thread #3 came from) and which variable each lock is ("Lock at 0x..
 * was first observed ... data symbol "m"", so "Locks held: 1, at address
 * 0x.." can name it).  Both are small rings per process.
 *
 * The number of processes followed at once is capped; the one idle longest
 * gives way, its open report closed as cut off, so a log of garbage with
 * endless distinct prefixes costs bounded memory.
 */
#include "explain_impl.h"
#include "titles.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EXPLAIN_MAX_PROCESSES 64

typedef enum explain_vg_mode {
    EXPLAIN_VG_IDLE,          /* between reports */
    EXPLAIN_VG_ANNOUNCE,      /* after "---Thread-Announcement---" */
    EXPLAIN_VG_EXPECT_TITLE,  /* after Helgrind's "-----" separator */
    EXPLAIN_VG_LOCK_ANNOUNCE, /* Helgrind's "Lock at 0x.. was first observed" block */
    EXPLAIN_VG_CRASH          /* "Process terminating ..." block */
} explain_vg_mode;

struct explain_vg {
    unsigned long pid;
    unsigned long used;       /* ctx clock when last seen */
    explain_tool tool;
    int tool_known;
    int separators;           /* "-----" seen, for a banner-less log */
    explain_vg_mode mode;
    int last_blank;
    size_t indent;            /* width of "==PID== " */
    explain_report rep;
    explain_section ann;      /* an announcement or crash stack, outside reports */
    explain_names *names;     /* apart, so rep.names survives the array's realloc */
};

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

static void explain_names_put(explain_pair *ring, size_t *count, const char *key, char *value)
{
    explain_pair *p = &ring[*count % EXPLAIN_NAMES];
    free(p->key);
    free(p->value);
    p->key = text_dup(key);
    p->value = value;
    (*count)++;
}

/* Newest first, so a reused address or thread number gives its latest name. */
static const char *explain_names_get(const explain_pair *ring, size_t count, const char *key)
{
    size_t n = count < EXPLAIN_NAMES ? count : EXPLAIN_NAMES;
    for (size_t i = 0; i < n; i++) {
        const explain_pair *p = &ring[(count - 1 - i) % EXPLAIN_NAMES];
        if (strcasecmp(p->key, key) == 0)
            return p->value;
    }
    return NULL;
}

const char *explain_names_lock(const explain_names *n, const char *addr)
{
    return n && addr ? explain_names_get(n->locks, n->nlocks, addr) : NULL;
}

const char *explain_names_thread(const explain_names *n, const char *thread)
{
    return n && thread ? explain_names_get(n->threads, n->nthreads, thread) : NULL;
}

static void explain_names_free(explain_names *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < EXPLAIN_NAMES; i++) {
        free(n->locks[i].key);
        free(n->locks[i].value);
        free(n->threads[i].key);
        free(n->threads[i].value);
    }
    free(n);
}

/* ' Address 0x10c220 is 0 bytes inside data symbol "lock"' under a lock's
 * first sighting names the lock at the address in that section's header. */
static void explain_vg_lock_name(explain_vg *vg, const explain_section *s, const char *t)
{
    char *addr = explain_field(s->header, "Lock at ", " ");
    char *sym = explain_field(t, "data symbol \"", "\"");
    if (addr && sym)
        explain_names_put(vg->names->locks, &vg->names->nlocks, addr, sym);
    else
        free(sym);
    free(addr);
}

/* At the end of "Thread #3 was created" and its stack: remember where. */
static void explain_vg_thread_origin(explain_vg *vg)
{
    const explain_section *s = &vg->ann;
    if (!s->open || s->kind != EXPLAIN_SEC_ANNOUNCE || !s->own.file)
        return;
    char *id = explain_field(s->header, "Thread ", " ");
    if (!id)
        return;
    text_buf b;
    text_buf_init(&b);
    if (s->own.func)
        text_buf_printf(&b, "%s (%s:%lu)", s->own.func, text_basename(s->own.file), s->own.line);
    else
        text_buf_printf(&b, "%s:%lu", text_basename(s->own.file), s->own.line);
    explain_names_put(vg->names->threads, &vg->names->nthreads, id, b.s);
    free(id);
}

/* ------------------------------------------------------------------ */
/* Processes                                                           */
/* ------------------------------------------------------------------ */

static void explain_vg_clear(explain_ctx *c, explain_vg *vg, explain_end end)
{
    explain_report_close(c, &vg->rep, end);
    explain_vg_thread_origin(vg);
    explain_section_end(c, NULL, &vg->ann, vg->indent + EXPLAIN_SECTION_INDENT);
    explain_names_free(vg->names);
    vg->names = NULL;
}

static explain_vg *explain_vg_get(explain_ctx *c, unsigned long pid, size_t indent)
{
    c->clock++;
    for (size_t i = 0; i < c->nvg; i++)
        if (c->vg[i].pid == pid) {
            c->vg[i].used = c->clock;
            return &c->vg[i];
        }
    explain_vg *vg;
    if (c->nvg == EXPLAIN_MAX_PROCESSES) {
        vg = &c->vg[0];
        for (size_t i = 1; i < c->nvg; i++)
            if (c->vg[i].used < vg->used)
                vg = &c->vg[i];
        explain_vg_clear(c, vg, EXPLAIN_END_LOG);
    } else {
        if (c->nvg == c->cap) {
            c->cap = c->cap ? c->cap * 2 : 4;
            c->vg = text_realloc(c->vg, c->cap * sizeof *c->vg);
        }
        vg = &c->vg[c->nvg++];
    }
    memset(vg, 0, sizeof *vg);
    vg->pid = pid;
    vg->used = c->clock;
    vg->indent = indent;
    vg->rep.sec.access = -1;
    vg->ann.access = -1;
    vg->names = text_alloc(sizeof *vg->names);
    memset(vg->names, 0, sizeof *vg->names);
    return vg;
}

static int explain_vg_helgrind_style(const explain_vg *vg)
{
    if (vg->tool_known)
        return vg->tool == EXPLAIN_TOOL_HELGRIND;
    return vg->separators > 0;
}

static explain_tool explain_vg_tool(const explain_vg *vg)
{
    return explain_vg_helgrind_style(vg) ? EXPLAIN_TOOL_HELGRIND : EXPLAIN_TOOL_DRD;
}

/* ------------------------------------------------------------------ */
/* Accesses                                                            */
/* ------------------------------------------------------------------ */

/* "Possible data race during read of size 4 at 0x10C02C by thread #3" and
 * "This conflicts with a previous write of size 4 by thread #2". */
static void explain_hg_access(explain_access *a, const char *h)
{
    a->previous = text_starts_with(h, "This conflicts");
    a->write = strstr(h, " write of size") != NULL;
    a->size = explain_field(h, "of size ", " ");
    a->addr = a->previous ? NULL : explain_field(h, " at ", " ");
    a->thread = explain_field(h, " by ", NULL);
}

/* "Locks held: none", "Locks held: 1, at address 0x10C100", "... addresses 0x1 0x2". */
static void explain_hg_locks(explain_access *a, const char *h)
{
    a->locks_known = 1;
    const char *p = strstr(h, "at address");
    if (!p)
        return;
    p = strchr(p, ' ');
    while (p && *p) {
        p = text_skip_space(p);
        size_t n = strcspn(p, " ");
        if (text_starts_with(p, "0x"))
            text_list_push(&a->locks, text_ndup(p, n));
        p += n;
    }
}

/* "Conflicting load by thread 3 at 0x0010c02c size 4". */
static void explain_drd_access(explain_access *a, const char *h)
{
    a->write = strstr(h, "Conflicting store") != NULL;
    a->thread = explain_field(h, " by ", " at ");
    a->addr = explain_field(h, " at ", " ");
    a->size = explain_field(h, " size ", " ");
}

/* ------------------------------------------------------------------ */
/* Lines of a process                                                  */
/* ------------------------------------------------------------------ */

static int explain_vg_is_trailer(const char *t)
{
    static const char *const trailers[] = {
        "Use --history-level=", "the cost of reduced accuracy", "For lists of detected",
        "For counts of detected", "ERROR SUMMARY:", "HEAP SUMMARY:", NULL,
    };
    for (size_t i = 0; trailers[i]; i++)
        if (text_starts_with(t, trailers[i]))
            return 1;
    return 0;
}

/* Banner lines; the first tells the tool. */
static int explain_vg_banner(explain_ctx *c, explain_vg *vg, const char *t, const char *line)
{
    if (strstr(t, "Helgrind, a thread error detector")) {
        vg->tool = EXPLAIN_TOOL_HELGRIND;
        vg->tool_known = 1;
    } else if (strstr(t, "drd, a thread error detector")) {
        vg->tool = EXPLAIN_TOOL_DRD;
        vg->tool_known = 1;
    } else if (!text_starts_with(t, "Copyright (C)") && !text_starts_with(t, "Using Valgrind-") &&
               !text_starts_with(t, "Command: ") && !text_starts_with(t, "Parent PID: ") &&
               !(strstr(t, ", a ") && strstr(t, "error detector"))) {
        return 0;
    }
    explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
    if (text_starts_with(t, "Command: ") && vg->tool_known)
        explain_text_event(c, vg->tool == EXPLAIN_TOOL_HELGRIND ? EXPLAIN_EV_HELGRIND
                                                                : EXPLAIN_EV_DRD,
                           t, vg->indent + EXPLAIN_REPORT_INDENT);
    return 1;
}

/* Opens a report at its title; the title of a race is its first access. */
static void explain_vg_title(explain_ctx *c, explain_vg *vg, const char *t, const char *line)
{
    explain_report *rep = &vg->rep;
    explain_tool tool = explain_vg_tool(vg);
    explain_kind kind = explain_text_kind(tool, t);
    explain_report_open(c, rep, tool, kind, t, line, vg->indent);
    rep->names = vg->names;
    int race = kind == EXPLAIN_DATA_RACE;
    explain_section_start(c, rep, &rep->sec, race ? EXPLAIN_SEC_ACCESS : EXPLAIN_SEC_MAIN, t);
    if (race && rep->sec.access >= 0) {
        if (tool == EXPLAIN_TOOL_HELGRIND)
            explain_hg_access(&rep->acc[rep->sec.access], rep->sec.header);
        else
            explain_drd_access(&rep->acc[rep->sec.access], rep->sec.header);
    }
    vg->mode = EXPLAIN_VG_IDLE;
}

/* A line of a process with no open report. */
static void explain_vg_between(explain_ctx *c, explain_vg *vg, const char *t, const char *line)
{
    const char *h = text_skip_space(t);
    int helgrind = explain_vg_helgrind_style(vg);
    if (vg->mode == EXPLAIN_VG_ANNOUNCE) {
        if (text_starts_with(h, "Thread #") && strstr(h, "was created"))
            explain_section_start(c, NULL, &vg->ann, EXPLAIN_SEC_ANNOUNCE, h);
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        if (strstr(h, "is the program's root thread"))
            explain_text_event(c, EXPLAIN_EV_ROOT_THREAD, h, vg->indent + EXPLAIN_SECTION_INDENT);
        return;
    }
    if (vg->mode == EXPLAIN_VG_LOCK_ANNOUNCE) {
        if (text_starts_with(h, "Address ") && vg->ann.open) {
            explain_vg_lock_name(vg, &vg->ann, h);
            text_buf_adds(&vg->ann.extra, h);
        }
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        return;
    }
    if (vg->mode == EXPLAIN_VG_CRASH || (helgrind && vg->mode != EXPLAIN_VG_EXPECT_TITLE)) {
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        return;
    }
    if (helgrind && titles_hg_lock_announcement(h)) {
        /* Helgrind names the locks of a race before the race's title */
        vg->mode = EXPLAIN_VG_LOCK_ANNOUNCE;
        explain_section_start(c, NULL, &vg->ann, EXPLAIN_SEC_MUTEX, h);
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        return;
    }
    size_t n = strlen(t);
    if (!helgrind && (t[0] == ' ' || (text_starts_with(t, "Thread ") && n && t[n - 1] == ':'))) {
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN); /* DRD's "Thread 3:": who runs next */
        return;
    }
    explain_vg_title(c, vg, t, line);
}

/* Lines that belong to the current section rather than starting one. */
static int explain_hg_continuation(const char *h)
{
    return text_starts_with(h, "with error code") || text_starts_with(h, "in frame #") ||
           text_starts_with(h, "Block was alloc'd") || text_starts_with(h, "but before") ||
           text_starts_with(h, "declared at ") || h[0] == '(';
}

/* A non-frame line inside an open Helgrind report. */
static void explain_hg_line(explain_ctx *c, explain_vg *vg, const char *t, const char *line)
{
    explain_report *rep = &vg->rep;
    explain_section *s = &rep->sec;
    const char *h = text_skip_space(t);
    if (text_starts_with(h, "Locks held:")) {
        if (s->open && s->access >= 0)
            explain_hg_locks(&rep->acc[s->access], h);
    } else if (s->open && (explain_hg_continuation(h) ||
                           (text_starts_with(h, "Address ") && s->kind == EXPLAIN_SEC_MUTEX))) {
        if (s->kind == EXPLAIN_SEC_MUTEX)
            explain_vg_lock_name(vg, s, h);
        if (s->extra.len)
            text_buf_adds(&s->extra, "; ");
        text_buf_adds(&s->extra, h);
    } else {
        explain_sec kind = EXPLAIN_SEC_OTHER;
        int phase = 0;
        if (text_starts_with(h, "This conflicts with a previous read") ||
            text_starts_with(h, "This conflicts with a previous write"))
            kind = EXPLAIN_SEC_ACCESS;
        else if (text_starts_with(h, "This conflicts with a previous"))
            kind = EXPLAIN_SEC_WINDOW, rep->window_seen = 1;
        else if (text_starts_with(h, "Address ") || text_starts_with(h, "Location 0x"))
            kind = EXPLAIN_SEC_LOCATION, rep->location_seen = 1;
        else if (text_starts_with(h, "Lock at 0x"))
            kind = EXPLAIN_SEC_MUTEX;
        else if (text_starts_with(h, "Lock was previously acquired"))
            kind = EXPLAIN_SEC_LOCKED_AT;
        else if (text_starts_with(h, "Observed (incorrect) order"))
            kind = EXPLAIN_SEC_EDGE_FIRST;
        else if (text_starts_with(h, "followed by a later acquisition")) {
            kind = EXPLAIN_SEC_EDGE;
            phase = rep->required_seen;
        } else if (text_starts_with(h, "Required order was established")) {
            kind = EXPLAIN_SEC_EDGE_FIRST;
            phase = rep->required_seen = 1;
        }
        explain_section_start(c, rep, s, kind, h);
        s->phase = phase;
        if (kind == EXPLAIN_SEC_ACCESS && s->access >= 0)
            explain_hg_access(&rep->acc[s->access], h);
    }
    explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
}

/* A non-frame line inside an open DRD report. */
static void explain_drd_line(explain_ctx *c, explain_vg *vg, const char *t, const char *line)
{
    explain_report *rep = &vg->rep;
    explain_section *s = &rep->sec;
    const char *h = text_skip_space(t);
    if (t[0] == ' ' && s->open) {
        /* "   (thread finished, call stack no longer available)" */
        if (s->extra.len)
            text_buf_adds(&s->extra, "; ");
        text_buf_adds(&s->extra, h);
    } else {
        explain_sec kind = EXPLAIN_SEC_OTHER;
        if (text_starts_with(h, "Allocation context:") ||
            (text_starts_with(h, "Address 0x") && strstr(h, "Allocation context")))
            kind = EXPLAIN_SEC_LOCATION;
        else if (text_starts_with(h, "Other segment "))
            kind = EXPLAIN_SEC_SEGMENT;
        else if (strstr(h, "was first observed at"))
            kind = EXPLAIN_SEC_MUTEX;
        else if (explain_notes_is_fact(h))
            kind = EXPLAIN_SEC_FACT;
        explain_section_start(c, rep, s, kind, h);
        s->phase = text_starts_with(h, "Other segment end");
    }
    explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
}

/* A blank line: the end of a section, of an announcement, of a DRD report. */
static void explain_vg_blank(explain_ctx *c, explain_vg *vg, const char *line)
{
    size_t indent = vg->indent + EXPLAIN_SECTION_INDENT;
    explain_vg_thread_origin(vg);
    explain_section_end(c, NULL, &vg->ann, indent);
    if (vg->rep.open) {
        if (explain_vg_helgrind_style(vg))
            explain_section_end(c, &vg->rep, &vg->rep.sec, indent);
        else
            explain_report_close(c, &vg->rep, EXPLAIN_END_COMPLETE);
    }
    explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
    if (vg->mode == EXPLAIN_VG_CRASH || (vg->mode == EXPLAIN_VG_ANNOUNCE && !vg->separators))
        vg->mode = EXPLAIN_VG_IDLE;
    else if (vg->mode == EXPLAIN_VG_LOCK_ANNOUNCE)
        vg->mode = EXPLAIN_VG_EXPECT_TITLE;
}

/* Separators, crashes and trailers end whatever report is open; 1 if t was one. */
static int explain_vg_boundary(explain_ctx *c, explain_vg *vg, const char *t, const char *line)
{
    int event = -1;
    explain_vg_mode mode;
    if (text_starts_with(t, "---")) {
        vg->separators++;
        mode = strstr(t, "Thread-Announcement") ? EXPLAIN_VG_ANNOUNCE : EXPLAIN_VG_EXPECT_TITLE;
    } else if (text_starts_with(t, "Process terminating with default action of signal")) {
        event = EXPLAIN_EV_CRASH;
        mode = EXPLAIN_VG_CRASH;
    } else if (explain_vg_is_trailer(t)) {
        if (text_starts_with(t, "ERROR SUMMARY:"))
            event = EXPLAIN_EV_VG_COUNT;
        mode = EXPLAIN_VG_IDLE;
    } else {
        return 0;
    }
    explain_report_close(c, &vg->rep, EXPLAIN_END_COMPLETE);
    explain_vg_thread_origin(vg);
    explain_section_end(c, NULL, &vg->ann, vg->indent + EXPLAIN_SECTION_INDENT);
    explain_out_detector(c, line, 0, event == EXPLAIN_EV_CRASH ? EXPLAIN_WARN : EXPLAIN_PLAIN);
    if (event >= 0)
        explain_text_event(c, event, t, vg->indent + EXPLAIN_REPORT_INDENT);
    if (event == EXPLAIN_EV_CRASH) /* its stack follows; the own frame gets marked */
        explain_section_start(c, NULL, &vg->ann, EXPLAIN_SEC_MAIN, t);
    vg->mode = mode;
    return 1;
}

/*
 * A process that printed no separator (as the parse stage reads it): a
 * Helgrind title is known by its words (titles_hg_bare_title) and makes the
 * process Helgrind's, and an announcement is one until its blank line.
 * Returns 1 when the line was taken care of.
 */
static int explain_vg_no_separator(explain_ctx *c, explain_vg *vg, const char *t,
                                   const char *line)
{
    if (vg->separators || (vg->tool_known && vg->tool == EXPLAIN_TOOL_DRD))
        return 0;
    int announce = titles_hg_announcement(t);
    if (!announce && !titles_hg_bare_title(t))
        return 0;
    explain_report_close(c, &vg->rep, EXPLAIN_END_COMPLETE);
    vg->tool = EXPLAIN_TOOL_HELGRIND;
    vg->tool_known = 1;
    if (announce) {
        vg->mode = EXPLAIN_VG_ANNOUNCE;
        explain_vg_between(c, vg, t, line);
    } else {
        explain_vg_title(c, vg, t, line);
    }
    return 1;
}

void explain_vg_line(explain_ctx *c, unsigned long pid, const char *text, const char *line)
{
    explain_vg *vg = explain_vg_get(c, pid, (size_t)(text - line));
    parse_frame f;
    int blank = *text_skip_space(text) == '\0';
    vg->last_blank = blank;
    if (parse_vg_frame(text, &f)) {
        explain_frame_line(c, vg->rep.open ? &vg->rep.sec : &vg->ann, &f, line);
    } else if (blank) {
        explain_vg_blank(c, vg, line);
    } else if (explain_vg_boundary(c, vg, text, line)) {
        /* done */
    } else if (text_starts_with(text, "Warning:")) {
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN); /* Valgrind's remarks come any time */
    } else if (titles_vg_notice(text)) {
        /* between two reports, the next title right after it */
        explain_out_detector(c, line, 0, EXPLAIN_PLAIN);
        if (text_starts_with(text, "More than "))
            explain_text_event(c, EXPLAIN_EV_VG_NOTICE, text, vg->indent + EXPLAIN_REPORT_INDENT);
    } else if (explain_vg_no_separator(c, vg, text, line)) {
        /* done: a Helgrind title or announcement with no separator before it */
    } else if (explain_vg_banner(c, vg, text, line)) {
        /* done: banners say which tool */
    } else if (!vg->rep.open) {
        explain_vg_between(c, vg, text, line);
    } else if (explain_vg_helgrind_style(vg)) {
        explain_hg_line(c, vg, text, line);
    } else {
        explain_drd_line(c, vg, text, line);
    }
}

/*
 * Whether a Helgrind report open at the end of the log is whole, only
 * Valgrind's closing lines missing: it ended with its blank line and reached
 * its second part (the other access of a race, the required order of a lock
 * order), as the parse stage decides.
 */
static int explain_vg_whole(const explain_vg *vg)
{
    const explain_report *rep = &vg->rep;
    if (!rep->open || !explain_vg_helgrind_style(vg) || !vg->last_blank)
        return 0;
    if (rep->kind == EXPLAIN_DATA_RACE)  /* with no history, the address ends it */
        return rep->nacc == 2 || rep->window_seen || rep->location_seen;
    if (rep->kind == EXPLAIN_LOCK_ORDER)
        return rep->required_seen;
    return 1;
}

void explain_vg_finish(explain_ctx *c)
{
    for (size_t i = 0; i < c->nvg; i++) {
        explain_vg *vg = &c->vg[i];
        explain_vg_clear(c, vg, explain_vg_whole(vg) ? EXPLAIN_END_LOG_TAIL : EXPLAIN_END_LOG);
    }
    free(c->vg);
    c->vg = NULL;
    c->nvg = c->cap = 0;
}
