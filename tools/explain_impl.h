/*
 * explain_impl.h - the internals shared by the files of the explain stage:
 * explain.c (reports, sections, frames, the line loop), explain_tsan.c
 * (ThreadSanitizer's lines), explain_valgrind.c (Helgrind's and DRD's),
 * explain_text.c (what each kind of report means and how to fix it, the
 * summary, lines outside reports), explain_notes.c (the note under each
 * section) and explain_out.c (gutter, colour, wrapping, source quotes).
 *
 * Not part of racecard's API; explain.h is the contract.  The split keeps
 * each detector's formats in one file, as the parse stage does, and keeps the
 * prose apart from the reading so either can change alone.
 *
 * Everything kept about a report is small and fixed in number (two accesses,
 * one open section, a few quoted lines), so a report of any length, or a log
 * of garbage, costs bounded memory.
 */
#ifndef RACECARD_EXPLAIN_IMPL_H
#define RACECARD_EXPLAIN_IMPL_H

#include "explain.h"
#include "parse.h"
#include "text.h"

#include <stddef.h>

typedef enum explain_tool {
    EXPLAIN_TOOL_TSAN,
    EXPLAIN_TOOL_HELGRIND,
    EXPLAIN_TOOL_DRD
} explain_tool;

/* What a section of a report tells; it decides the note under it. */
typedef enum explain_sec {
    EXPLAIN_SEC_MAIN,        /* the stack right under a title */
    EXPLAIN_SEC_ACCESS,      /* one side of a race */
    EXPLAIN_SEC_LOCATION,    /* where the memory lives */
    EXPLAIN_SEC_MUTEX,       /* where a lock was created or first seen */
    EXPLAIN_SEC_THREAD,      /* where a thread was created */
    EXPLAIN_SEC_EDGE,        /* a lock taken while another was held */
    EXPLAIN_SEC_EDGE_FIRST,  /* where that other lock had been taken */
    EXPLAIN_SEC_CYCLE,       /* TSan's "Cycle in lock order graph" */
    EXPLAIN_SEC_LOCKED_AT,   /* where a mutex now misused was locked */
    EXPLAIN_SEC_SLEEP,       /* TSan's "As if synchronized via sleep" */
    EXPLAIN_SEC_SEGMENT,     /* DRD's "Other segment start/end" */
    EXPLAIN_SEC_WINDOW,      /* Helgrind's approximate "previous access ... after" */
    EXPLAIN_SEC_ANNOUNCE,    /* Helgrind's thread announcement (outside reports) */
    EXPLAIN_SEC_FACT,        /* a header with a sentence of its own (explain_notes.c's
                                table): TSan's "And N more similar thread leaks."
                                and "Signal N handler invoked at:", DRD's "Lock on
                                mutex .. was held during N ms" and "Conflicting
                                wait call by thread N:" */
    EXPLAIN_SEC_OTHER        /* nothing explain has words for */
} explain_sec;

/* A place in the program's own code (owned strings; file as printed). */
typedef struct explain_where {
    char *func;
    char *file;
    unsigned long line;
} explain_where;

/* One side of a race, as the detector described it. */
typedef struct explain_access {
    int previous;       /* the detector says it came first */
    int write;
    int atomic;
    int is_free;        /* the "write" is a free() (its first frame) */
    int is_alloc;       /* the "write" is a malloc() (its first frame) */
    char *size;         /* bytes, as printed, or NULL */
    char *addr;         /* or NULL */
    char *thread;       /* "thread T1", "main thread", "thread #3", "thread 3" */
    text_list locks;    /* TSan "write M0"; Helgrind "0x10C100" */
    int locks_known;    /* the detector said which locks were held */
} explain_access;

typedef struct explain_section {
    int open;
    explain_sec kind;
    char *header;       /* the line that opened it, trimmed, without prefix */
    text_buf extra;     /* continuation lines ("Block was alloc'd ..."), joined */
    int access;         /* ACCESS: index into the report's acc[], or -1 */
    int phase;          /* EDGE*: 1 after Helgrind's "Required order"; SEGMENT: 1 at "end" */
    unsigned frames;
    int unrestored;
    char *frame0;       /* function of the first frame, or NULL */
    explain_where own;  /* first own frame with a file and line */
} explain_section;

/* Names a Valgrind process has given so far: lock address -> symbol, thread
 * "#3" -> where it was created.  Small rings: the newest win. */
#define EXPLAIN_NAMES 32
typedef struct explain_pair {
    char *key, *value;
} explain_pair;
typedef struct explain_names {
    explain_pair locks[EXPLAIN_NAMES];
    explain_pair threads[EXPLAIN_NAMES];
    size_t nlocks, nthreads;  /* entries ever added; index modulo EXPLAIN_NAMES */
} explain_names;

#define EXPLAIN_QUOTED 8
#define EXPLAIN_PLACES 8
typedef struct explain_report {
    int open;
    explain_kind kind;
    explain_tool tool;
    char *title;
    size_t indent;          /* width of the "==PID== " prefix of its lines */
    explain_section sec;
    explain_access acc[2];
    int nacc;
    int summary_seen;       /* TSan: the SUMMARY line has been printed */
    int required_seen;      /* Helgrind lock order: "Required order" seen */
    int window_seen;        /* Helgrind race: the other access's window seen */
    int location_seen;      /* Helgrind race: its " Address 0x.. is ..." description */
    explain_names *names;   /* Valgrind process names, or NULL */
    explain_where quoted[EXPLAIN_QUOTED];
    size_t nquoted;
    char *quote_missed;     /* a source file a quote was wanted from and not found */
    char *places[EXPLAIN_PLACES];  /* "file.c:12" of each section's own frame */
    size_t nplaces;
} explain_report;

typedef struct explain_vg explain_vg;  /* one Valgrind process (explain_valgrind.c) */

typedef struct explain_ctx {
    FILE *out;
    const explain_opts *o;
    explain_stats *st;
    explain_report tsan;    /* the open ThreadSanitizer report */
    int tsan_crash;         /* inside the stack of a crash TSan reports */
    int tsan_blank;         /* a blank line inside a report, held back (explain_tsan.c) */
    explain_section crash;  /* that stack */
    explain_vg *vg;
    size_t nvg, cap;
    unsigned long clock;    /* for dropping the longest-idle process */
    unsigned long said;     /* EXPLAIN_SAID_* bits: long explanations given once */
    struct check_expected *expected;  /* the case's expected file, or NULL (explain_learn.c) */
} explain_ctx;

/* Long explanations are given in full once per log; repeats point back. */
#define EXPLAIN_SAID_INTRO(k) (1UL << (k))
#define EXPLAIN_SAID_FIX(k) (1UL << (EXPLAIN_NKINDS + (k)))
enum {
    EXPLAIN_SAID_ORDER = 2 * EXPLAIN_NKINDS, /* why "came first" proves nothing */
    EXPLAIN_SAID_DRD,                        /* what DRD's single access means */
    EXPLAIN_SAID_ANNOUNCE,                   /* Helgrind's thread numbering */
    EXPLAIN_SAID_LOCKS,                      /* Helgrind's lock announcements */
    EXPLAIN_SAID_STATIC_MUTEX,               /* TSan's "created at" a first lock */
    EXPLAIN_SAID_NO_SOURCE,                  /* how to get the source quoted */
    EXPLAIN_SAID_TWIN                        /* the case's race-free twin */
};
#define EXPLAIN_SAID(bit) (1UL << (bit))

/* How a report ends. */
typedef enum explain_end {
    EXPLAIN_END_COMPLETE,
    EXPLAIN_END_LOG,         /* the log ends inside it */
    EXPLAIN_END_LOG_TAIL,    /* the log ends after it, before the tool's closing lines */
    EXPLAIN_END_INTERRUPTED, /* another report begins inside it */
    EXPLAIN_END_FATAL        /* the detector died inside it */
} explain_end;

/* Output styles. */
enum { EXPLAIN_PLAIN, EXPLAIN_TITLE, EXPLAIN_NOTE, EXPLAIN_FIX, EXPLAIN_WARN };

/* Columns of note text are indented by the gutter plus this much. */
#define EXPLAIN_REPORT_INDENT 2
#define EXPLAIN_SECTION_INDENT 4

/* ---- explain.c ----------------------------------------------------------- */

void explain_where_set(explain_where *w, const char *func, const char *file, unsigned long line);
void explain_where_free(explain_where *w);
/* Copies s[0..n) with white space trimmed at both ends. */
char *explain_trim_ndup(const char *s, size_t n);
/*
 * The text after the first `key` in s, up to the first `stop` after it (or
 * the end when stop is NULL or absent), trimmed and without a trailing ':'.
 * Returns a new string, or NULL when key is absent or the text is empty.
 */
char *explain_field(const char *s, const char *key, const char *stop);
/*
 * Appends pattern with the "%s" in it replaced by explain_field(s, key,
 * stop), or appends `otherwise` (may be NULL) when there is no such field.
 * The pattern is no printf format: "%s" is its only special sequence.
 */
void explain_add_field(text_buf *b, const char *pattern, const char *s, const char *key,
                       const char *stop, const char *otherwise);

/* Opens a report: prints its title line and the note on its kind; the
 * caller then starts its first section. */
void explain_report_open(explain_ctx *c, explain_report *rep, explain_tool tool,
                         explain_kind kind, const char *title, const char *line, size_t indent);
/* Closes the current section (its note is printed) and opens one of kind. */
void explain_section_start(explain_ctx *c, explain_report *rep, explain_section *s,
                           explain_sec kind, const char *header);
/* Closes the section, printing its note; harmless when none is open. */
void explain_section_end(explain_ctx *c, explain_report *rep, explain_section *s, size_t indent);
/* Prints a frame line, marked when it is the first own frame of s (an open
 * section, or none); frees f. */
void explain_frame_line(explain_ctx *c, explain_section *s, parse_frame *f, const char *line);
/* Ends the report: last section, cut-off note, how to fix; counts it. */
void explain_report_close(explain_ctx *c, explain_report *rep, explain_end end);
void explain_section_clear(explain_section *s);

/* ---- explain_tsan.c ------------------------------------------------------ */

void explain_tsan_line(explain_ctx *c, const char *line);
/* The end of the log for ThreadSanitizer. */
void explain_tsan_finish(explain_ctx *c);

/* ---- explain_valgrind.c -------------------------------------------------- */

void explain_vg_line(explain_ctx *c, unsigned long pid, const char *text, const char *line);
/* The end of the log for every Valgrind process; frees their states. */
void explain_vg_finish(explain_ctx *c);
/* The symbol a process has given to a lock address, or NULL. */
const char *explain_names_lock(const explain_names *n, const char *addr);
/* Where a Helgrind thread ("#3") was created, or NULL. */
const char *explain_names_thread(const explain_names *n, const char *thread);

/* ---- explain_text.c ------------------------------------------------------ */

explain_kind explain_text_kind(explain_tool tool, const char *title);
/* 1 the first time `bit` is asked about in this log, 0 after. */
int explain_first(explain_ctx *c, unsigned long bit);
/* The note under a title: what this kind of report means. */
void explain_text_title(explain_ctx *c, const explain_report *rep);
void explain_text_fix(explain_ctx *c, const explain_report *rep);
void explain_text_end(explain_ctx *c, const explain_report *rep, explain_end end);
void explain_text_summary(explain_ctx *c, const explain_report *rep, const char *line);
/* Notes on detector lines outside reports; name the line's kind of event. */
enum {
    EXPLAIN_EV_TSAN_COUNT,     /* "ThreadSanitizer: reported N warnings" */
    EXPLAIN_EV_TSAN_MAPPING,   /* "FATAL: ThreadSanitizer: unexpected memory mapping" */
    EXPLAIN_EV_TSAN_FATAL,     /* any other failure of the runtime */
    EXPLAIN_EV_CRASH,          /* the program died of a signal */
    EXPLAIN_EV_VG_FATAL,       /* Valgrind could not go on */
    EXPLAIN_EV_HELGRIND,       /* Helgrind's banner */
    EXPLAIN_EV_DRD,            /* DRD's banner */
    EXPLAIN_EV_VG_COUNT,       /* "ERROR SUMMARY: N errors from M contexts" */
    EXPLAIN_EV_ROOT_THREAD,    /* "Thread #1 is the program's root thread" */
    EXPLAIN_EV_VG_NOTICE       /* "More than 100 errors detected ..." */
};
void explain_text_event(explain_ctx *c, int event, const char *text, size_t indent);

/* ---- explain_notes.c ----------------------------------------------------- */

/* The note under a section (rep is NULL outside reports), and the quote of
 * its own frame's line when that is worth showing.  Returns 1 when the note
 * says what this section is; 0 when there is none, or only the sentence for
 * a header explain does not recognise (explain_stats.unnoted). */
/* ---- explain_learn.c: the catalog's record, for a learner ---- */

/* Loads o->expected, if any, into c->expected (a file that cannot be read
 * is the same as none: explain works on any log). */
void explain_learn_open(explain_ctx *c);
/* Remembers the place w ("file.c:12") among those rep named. */
void explain_learn_place(explain_report *rep, const explain_where *w);
/*
 * At the end of rep, before the fix: a note on a race that names one side
 * only, on source that could not be quoted (once per log), and, when the
 * case's expected file gives a reason for this very report, that reason
 * with fix advice of its own.  Returns 1 when it gave the fix advice (the
 * general one must then not follow).
 */
int explain_learn_report(explain_ctx *c, explain_report *rep);
/* After the general fix of a data race: the case's race-free twin, once. */
void explain_learn_after_fix(explain_ctx *c, const explain_report *rep);
/* At the end of the log: the reports the expected file says are missed. */
void explain_learn_finish(explain_ctx *c);

/* True when header is one of EXPLAIN_SEC_FACT's (explain_notes.c). */
int explain_notes_is_fact(const char *header);
int explain_notes_section(explain_ctx *c, explain_report *rep, const explain_section *s,
                          size_t indent);

/* ---- explain_out.c ------------------------------------------------------- */

/* A detector's line: gutter ("* " when marked), then the line as printed. */
void explain_out_detector(explain_ctx *c, const char *line, int marked, int style);
/* A line of the program's own output: as it is. */
void explain_out_program(explain_ctx *c, const char *line);
/* A note, wrapped, each line "| " after the gutter and indent; '\n' breaks. */
void explain_out_note(explain_ctx *c, size_t indent, int style, const char *text);
/*
 * Quotes w's line with two lines of context on each side, the line itself
 * marked "> ", when its source file is at hand (explain_opts); a line this
 * report has quoted already is named, not quoted again.  Prints nothing when
 * the file cannot be found.
 */
void explain_out_quote(explain_ctx *c, explain_report *rep, size_t indent, const explain_where *w);

#endif
