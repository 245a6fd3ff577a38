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
 * True if a stack frame belongs to the program's own code rather than libc,
 * the pthread library, a sanitizer runtime, the C++ library or Valgrind's
 * preloaded interceptors.  func may be NULL; file is the source path as
 * printed (may be NULL when there is none); object is the binary or shared
 * library the frame is in, when the detector printed it (may be NULL).
 */
int parse_frame_is_own(const char *func, const char *file, const char *object);

#endif
