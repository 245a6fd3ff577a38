/*
 * parse_impl.h - the internals of the parse stage that its four files
 * share: parse.c (the core), parse_tsan.c (ThreadSanitizer),
 * parse_valgrind.c (Helgrind and DRD) and parse_canonical.c (tools that
 * print canonical findings themselves).
 *
 * This is not part of racecard's API: only those four files include it, and
 * nothing in it is promised to anyone else.  The contract of the stage is
 * parse.h.  The header exists because the parser is split by detector and
 * the detector readers need the core's model of a report (frames, sections,
 * reports and their roles), the parse context, and the few functions that
 * are called from one file into another.  Everything else stays static in
 * the file that uses it; the per-process Valgrind state is known here only by
 * name.
 */
#ifndef RACECARD_PARSE_IMPL_H
#define RACECARD_PARSE_IMPL_H

#include "parse.h"

#include <stddef.h>

/* ------------------------------------------------------------------ */
/* Types                                                               */
/* ------------------------------------------------------------------ */

typedef enum parse_role {
    PARSE_ROLE_MAIN,    /* the stack right under the title */
    PARSE_ROLE_ACCESS,  /* one of the racing accesses */
    PARSE_ROLE_INNER,   /* inner acquisition of a lock-order edge */
    PARSE_ROLE_CREATE,  /* where a thread was created */
    PARSE_ROLE_OTHER    /* nothing a finding uses */
} parse_role;

typedef struct parse_section {
    parse_role role;
    size_t loc;       /* the first own frame's location: 1 + where it starts
                         in the report's locs, 0 until one is seen
                         (parse_section_loc) */
    unsigned frames;  /* frames read, own or not */
    int unrestored;   /* "[failed to restore the stack]" */
} parse_section;

/*
 * One report being read.  A long log opens one every few dozen lines, so a
 * report keeps its storage (sections, kind, locations) from one to the next
 * (parse_report_clear) and costs no allocation once the first has grown it;
 * parse_report_free releases it.
 */
typedef struct parse_report {
    int open;
    unsigned long begun;   /* line of the title */
    char *kind;            /* canonical kind, in kind_buf */
    text_buf kind_buf;
    text_buf locs;         /* the sections' locations, each NUL-terminated */
    parse_section *sec;
    size_t nsec, cap;
    int cur;               /* section frames go to, or -1 */
    unsigned used_roles;   /* 1 << role for each role a finding of this kind
                              takes a location from (parse_report_open) */
    int conflict_seen;     /* Helgrind: "This conflicts with a previous ..." */
    int required_seen;     /* Helgrind: "Required order was established ..." */
    int described_seen;    /* Helgrind: " Address 0x.. is ..." or " Location 0x..
                              is ...", the description that ends a race */
    int refine;            /* PARSE_REFINE_*: what may still change the kind */
    char *title;           /* the title, kept while refine is not NONE */
} parse_report;

/* A report whose kind its title alone does not settle (titles.h). */
enum {
    PARSE_REFINE_NONE,
    PARSE_REFINE_ERROR_CODE,  /* Helgrind's failed pthread call: its error code */
    PARSE_REFINE_FIRST_FRAME  /* DRD's "... is not a mutex": the call that met it */
};

/* Gives rep the kind k (a titles_kind) now that it is known, when k has a
 * canonical name; leaves it as it is otherwise. */
void parse_report_rekind(parse_report *rep, int k);

/* What is known about one Valgrind process of the log (parse_valgrind.c). */
typedef struct parse_vg parse_vg;

/*
 * What the own-code location of a frame line came to, remembered by the
 * line's text: a log repeats the same frames over and over, and reading a
 * frame (splitting it, judging whether it is the program's own) is most of
 * what a report costs.  PARSE_MEMO_SETS sets of two entries, the one used
 * last first (two frames a log repeats that fall in one set then both stay),
 * keys of at most PARSE_MEMO_MAX_KEY bytes, so it stays under a megabyte.
 */
#define PARSE_MEMO_SETS 1024
#define PARSE_MEMO_MAX_KEY 512

/* Reads a frame line into f: 1 if it is a frame (f to be freed), else 0. */
typedef int (*parse_frame_reader)(const char *line, parse_frame *f);

typedef struct parse_memo_entry {
    char *key;               /* the frame's text, NULL for an empty slot */
    size_t key_len;
    char *loc;               /* its location, NULL when the frame is not own code */
    parse_frame_reader read; /* which reader: TSan's and Valgrind's texts
                                differ in shape, and must not meet */
} parse_memo_entry;

typedef struct parse_ctx {
    const char *name;
    parse_tool tool;
    const parse_own *own;    /* the program's files, or NULL: the default rules */
    parse_result *r;
    unsigned long lineno;
    const char *line_end;    /* the NUL that ends the line being read */
    int line_quotes;         /* the line holds an apostrophe (parse_vg_fatal) */
    parse_report tsan;
    text_buf title;          /* a TSan report's title, cut (parse_tsan_warning) */
    parse_vg *vg;
    size_t nvg, cap;
    size_t vg_last;          /* index in vg of the process of the last Valgrind line */
    char vg_prefix[16];      /* the last "==PID== " read (parse_line), */
    size_t vg_prefix_len;    /* its length (0: none yet), */
    unsigned long vg_prefix_pid; /* and its PID */
    finding_set seen;   /* r->findings, indexed to keep them unique */
    parse_memo_entry *memo;  /* 2 * PARSE_MEMO_SETS entries, made on first use */
    unsigned long unprefixed;      /* Valgrind titles seen without "==PID== " */
    unsigned long unprefixed_line; /* the first of them */
    char *no_source_func;          /* the first frame of the program with no file
                                      (a binary without debug info), or NULL */
    unsigned long no_source_line;  /* its line in the log */
    unsigned long no_symbol_line;  /* the first frame of the program with no
                                      function and no file (stacks not
                                      symbolized), or 0 */
} parse_ctx;

/* Why a report is closed. */
typedef enum parse_end {
    PARSE_END_COMPLETE,     /* the report is whole */
    PARSE_END_LOG,          /* the log ended inside it */
    PARSE_END_INTERRUPTED,  /* another report began inside it */
    PARSE_END_FATAL         /* the detector died inside it */
} parse_end;

/* ------------------------------------------------------------------ */
/* parse.c: strings, frames, reports, titles, notes                    */
/* ------------------------------------------------------------------ */

/* Parses n digits at s into a line number; 0 when out of range. */
unsigned long parse_number(const char *s, size_t n);
/* True if s is in list (or, with prefix, begins with an entry of it). */
int parse_in_list(const char *s, const char *const *list, int prefix);

/* s, or NULL when it is empty, "<null>" or "???". */
const char *parse_known_name(const char *s);

/* Empties rep for the next report, keeping its storage. */
void parse_report_clear(parse_report *rep);
/* Releases rep's storage and empties it. */
void parse_report_free(parse_report *rep);
void parse_section_add(parse_report *rep, parse_role role);
/* Opens rep with a kind (copied) and its implicit main section. */
void parse_report_open(parse_report *rep, const char *kind, unsigned long line);
/* A section's location, or NULL when it has none. */
const char *parse_section_loc(const parse_report *rep, const parse_section *s);
/*
 * True when the next frame of the current section could still give a
 * finding its location: the section has none yet and its role is one the
 * report's kind takes locations from.  When false a reader may count the
 * frame with parse_report_frame_seen instead of reading it, which is what
 * keeps most of a long stack at the cost of recognising it.
 */
int parse_report_wants_loc(const parse_report *rep);
/* Counts a frame in the current section without reading it. */
void parse_report_frame_seen(parse_report *rep);
/*
 * A frame line of rep's current section: counted, and when the section
 * still wants a location, read with `read` (or found in c's memo by key, the
 * part of the line that decides the frame: the same key must always read to
 * the same frame).  key is the end of the line being read (it ends at
 * c->line_end).  Returns 0, or -1 if `read` says the line is no frame
 * (nothing is counted then).
 */
int parse_report_frame_line(parse_ctx *c, parse_report *rep, const char *line, const char *key,
                            parse_frame_reader read);
void parse_report_unrestored(parse_report *rep);
int parse_section_has_stack(const parse_section *s);

const char *parse_skip_thread_prefix(const char *t);
char *parse_other_kind(const char *title);

/* Adds the note "NAME:LINE: msg" to c's result; past PARSE_MAX_NOTES only
 * counts it.  parse_notef formats the message only when the note is kept: a
 * long log of cut-off reports or crashes leaves one per report. */
void parse_note(parse_ctx *c, unsigned long line, const char *msg);
void parse_notef(parse_ctx *c, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* parse_canonical.c: one line of a log written in the canonical format. */
void parse_canonical_line(parse_ctx *c, const char *line);
void parse_close(parse_ctx *c, parse_report *rep, parse_end end);

/* ------------------------------------------------------------------ */
/* parse_tsan.c                                                        */
/* ------------------------------------------------------------------ */

/* Where a line names ThreadSanitizer, as the reader's watch found it
 * (text_reader_watch): every line of the runtime's that matters does. */
typedef struct parse_tsan_word {
    const char *at;   /* the first "ThreadSanitizer" in the line; NULL when none */
    int again;        /* the line holds it more than once */
} parse_tsan_word;

/* Reads one line of the log as ThreadSanitizer output; w says where the
 * line names ThreadSanitizer. */
void parse_tsan_line(parse_ctx *c, const char *line, const parse_tsan_word *w);

/* ------------------------------------------------------------------ */
/* parse_valgrind.c                                                    */
/* ------------------------------------------------------------------ */

/* Reads the text of a "==PID== text" line for process pid. */
void parse_vg_line(parse_ctx *c, unsigned long pid, const char *t);
/* Notes Valgrind's failures to start or to go on, in the text of the line
 * being read (all of it, or its end); c->line_quotes must say whether the
 * line holds an apostrophe. */
void parse_vg_fatal(parse_ctx *c, const char *line);
/* Closes every process's report at the end of the log; frees c->vg. */
void parse_vg_finish(parse_ctx *c);

#endif
