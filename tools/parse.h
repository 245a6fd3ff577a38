/*
 * parse.h - raw detector output to canonical findings (the "parse" stage).
 *
 * One pass over a log reads ThreadSanitizer (any clang or gcc runtime),
 * Helgrind and DRD reports, interleaved with whatever the program printed.
 * Logs are streamed line by line, so size does not matter.  Nothing a
 * detector reports is dropped silently: a report of a kind racecard has no
 * name for becomes other:<slug>; a report cut off by the end of the log is
 * left out of the findings but counted and described in the notes.
 */
#ifndef RACECARD_PARSE_H
#define RACECARD_PARSE_H

#include "finding.h"
#include "text.h"

#include <stdio.h>

typedef enum parse_tool {
    PARSE_ANY = 0,   /* recognise every detector's reports */
    PARSE_TSAN,
    PARSE_HELGRIND,
    PARSE_DRD,
    PARSE_CANONICAL  /* the tool printed canonical finding lines itself */
} parse_tool;

typedef struct parse_result {
    finding_list findings;  /* not sorted: call finding_list_normalize(); a
                               finding equal to one already in the list is not
                               added, so a log of a million repeated reports
                               stays small */
    text_list notes;        /* "NAME:LINE: what happened", for a human */
    unsigned reports;       /* complete reports read */
    unsigned truncated;     /* reports cut off by the end of a log */
    int tsan_bad_mapping;   /* "FATAL: ThreadSanitizer: unexpected memory mapping" */
    int fatal;              /* any other fatal error of the detector itself */
    int crash_signal;       /* signal the program died of, as the detector said; 0 if none */
    int crash_in_detector;  /* ...and the crashing instruction is in the detector's own
                               runtime (ThreadSanitizer's SUMMARY names libarcher.so, the
                               tsan runtime): the detector's failure, not the case's */
    unsigned notes_left_out;/* notes beyond PARSE_MAX_NOTES, counted, not kept */
} parse_result;

/* Notes kept per result; the counts above stay complete beyond it. */
#define PARSE_MAX_NOTES 200

void parse_result_init(parse_result *r);
void parse_result_free(parse_result *r);

/* "tsan", "helgrind", "drd", "canonical" or "any"; returns 0, or -1 for an
 * unknown name. */
int parse_tool_from_name(const char *name, parse_tool *out);

/*
 * Reads the log f to its end and adds what it finds to r; name is used in
 * notes.  May be called for several logs in turn.  Reports of a tool other
 * than `tool` are ignored unless tool is PARSE_ANY.  With PARSE_CANONICAL a
 * line whose first word is a finding kind is a finding; one that does not
 * parse as such is not skipped but noted and counted in r->truncated, and
 * any other line is the program's own output.  Returns 0, or -1 on a read
 * error (r keeps what was read before it).
 */
int parse_stream(FILE *f, const char *name, parse_tool tool, parse_result *r);

/*
 * The program's own source files, when the caller knows them: `parse --own
 * FILE|DIR`, or the runner, which knows the case it built.  Which frame of a
 * stack is the program's cannot be told from a frame alone: with glibc's
 * debug info installed (Debian libc6-dbg) Valgrind prints glibc's frames by
 * bare source file names (exit.c:146, allocatestack.c:137) exactly as it
 * prints the program's, and no list of glibc's file names keeps up.  Given
 * the program's files, a frame is its own exactly when its source file is
 * one of them; nothing else is consulted.
 */
typedef struct parse_own {
    text_list names;  /* basenames of the own files, sorted once filled */
    text_list dirs;   /* absolute directories given, for frames printed with
                         full paths (--fullpath-after, ThreadSanitizer) */
} parse_own;

void parse_own_init(parse_own *o);
void parse_own_free(parse_own *o);
/*
 * Adds a file, or every regular file under a directory (followed to a depth
 * of 16, at most 100000 files, so a mistaken "/" cannot run away), to o.
 * Returns 0, or -1 with errno set when path cannot be read (o keeps what was
 * added before).
 */
int parse_own_add(parse_own *o, const char *path);
/* True when o names no file at all (the default rules apply). */
int parse_own_empty(const parse_own *o);
/* True when the source path `file`, as a log prints it, is one of o's. */
int parse_own_has(const parse_own *o, const char *file);

/*
 * Sets on rd the watches the parse stage reads a log with, for the
 * detectors in `tool`: the word every ThreadSanitizer line that matters
 * holds, and for Valgrind's readers the apostrophe of its fatal messages.
 * parse_stream_own uses it; bench/lines_bench too, so that the floor it
 * measures is the reader parse really runs.
 */
void parse_watch(text_reader *rd, parse_tool tool);

/*
 * parse_stream with the program's own files known (own may be NULL or
 * empty: then parse_frame_is_own's rules decide).
 */
int parse_stream_own(FILE *f, const char *name, parse_tool tool, const parse_own *own,
                     parse_result *r);

/*
 * True if a stack frame belongs to the program's own code rather than libc,
 * the pthread library, a sanitizer runtime, the C++ library or Valgrind's
 * preloaded interceptors.  func may be NULL; file is the source path as
 * printed (may be NULL when there is none); object is the binary or shared
 * library the frame is in, when the detector printed it (may be NULL).
 */
int parse_frame_is_own(const char *func, const char *file, const char *object);
/* The same, decided by own's files when own names any (see parse_own). */
int parse_frame_is_own_in(const parse_own *own, const char *func, const char *file,
                          const char *object);

/*
 * Stack frames, read the same way by the parse and explain stages, so the
 * frame explain marks as the program's own is the one parse takes as the
 * finding's location.
 */

/* One stack frame as a detector printed it.  func, file and object point
 * into buf, which the frame owns; release it with parse_frame_free. */
typedef struct parse_frame {
    char *buf;
    const char *func;    /* NULL when unknown ("<null>", "???") */
    const char *file;    /* as printed; NULL when none */
    const char *object;  /* binary or library; NULL when not printed */
    unsigned long line;  /* 0 when the frame has no line */
} parse_frame;

/* Frees f->buf and sets it to NULL; harmless on a frame already freed. */
void parse_frame_free(parse_frame *f);

/*
 * Reads one line of a ThreadSanitizer log as a stack frame:
 * "    #3 func file.c:12:7 (bin+0x12) (BuildId: ab..)", any of whose parts
 * after the number may be missing.  line is a NUL-terminated line without
 * its terminator, any bytes.  Returns 1 and fills *f, which the caller must
 * release with parse_frame_free; returns 0 and leaves *f untouched when the
 * line is not a frame.
 */
int parse_tsan_frame(const char *line, parse_frame *f);

/*
 * Reads the text of a Valgrind line, after its "==PID== " prefix, as a stack
 * frame: "   at 0x4C2F: func (file.c:12)" or "by 0x4C2F: func (in /lib/x.so)".
 * Same contract as parse_tsan_frame: 1 and a frame to free, or 0 and *f
 * untouched.
 */
int parse_vg_frame(const char *text, parse_frame *f);

/*
 * The cheap half of parse_vg_frame, for a Valgrind text: the text after
 * "at 0xADDR:" or "by 0xADDR:" (white space before them skipped) when text
 * is a frame, else NULL.  It is all a frame's location depends on, the
 * address left out, and it allocates nothing.
 */
const char *parse_vg_frame_text(const char *text);

/*
 * Splits a Valgrind line "==PID== text" (or a bare "==PID==").  line is a
 * NUL-terminated line, any bytes.  Returns a pointer into line at the text
 * (empty for a bare prefix) and sets *pid; returns NULL when the line has
 * no Valgrind prefix, and *pid is then meaningless.  Sanitizer lines such as
 * "==12==ERROR: ..." have no space after the prefix and are not Valgrind's.
 */
const char *parse_vg_prefix(const char *line, unsigned long *pid);

/*
 * A Valgrind line glued after the program's own output: a program that
 * wrote to standard output without a final newline just before a report
 * leaves "progress: ==12== Conflicting load ..." in a combined log.  For a
 * line with no Valgrind prefix at its start, returns the text after the
 * first "==PID== " inside it and sets *pid (what comes before it is the
 * program's); NULL when there is none.  Same contract as parse_vg_prefix
 * otherwise.
 */
const char *parse_vg_glued(const char *line, unsigned long *pid);

/*
 * The string tools the frame readers are made of, for readers of the rest of
 * a line (a TSan SUMMARY names a location as a frame does).
 *
 * parse_rtrim removes trailing white space from s in place.
 *
 * parse_last_group: s must end in ')'; returns the '(' that opens that last
 * group, counting nested parentheses (C++ signatures carry their own), or
 * NULL when s does not end in ')' or the group is unbalanced.  s is not
 * changed.
 *
 * parse_split_loc splits a "path:line" or "path:line:column" token in place:
 * it cuts tok to the path and returns the line.  Returns 0 when tok has no
 * line (tok unchanged) or when the line is beyond 100000000 (tok cut all the
 * same).
 */
void parse_rtrim(char *s);
char *parse_last_group(char *s);
unsigned long parse_split_loc(char *tok);

#endif
