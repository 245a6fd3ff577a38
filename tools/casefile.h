/*
 * casefile.h - a case's self-description: its header fields and the ground
 * truth carried by the RACE/NORACE markers on its lines.  A case is a C
 * file (NAME.c) or a C++ one (NAME.cpp); both are read the same way.
 *
 * The header is the file's first comment block, " * key: value" per field,
 * ended by a blank " *" line or the end of the comment.  Markers are
 * RACE(tag), RACE(tag, self) and NORACE(tag) on the racing lines themselves,
 * so the label cannot drift from the code it describes.  Misuse that is not a
 * data race (a leaked thread, a lock-order inversion, ...) is marked
 * BUG(kind) on its one line, or BUG(kind, tag) on the two lines of a pair.
 */
#ifndef RACECARD_CASEFILE_H
#define RACECARD_CASEFILE_H

#include "finding.h"
#include "text.h"

typedef struct case_marker {
    unsigned long line;
    char *tag;
    int self;     /* RACE(tag, self): the line races with itself too */
    int norace;   /* NORACE(tag): shared, but ordered */
    char *kind;   /* BUG(kind[, tag]): a finding other than a data race; else NULL */
} case_marker;

/*
 * How far a case's truth reaches.  racecard's own cases name every racing
 * pair; a foreign suite's labels may name less (suite.h): representative
 * pairs (DataRaceBench), racing lines without partners (Goblint), or the
 * verdict alone (SV-COMP).  The scorecard scores each level only over the
 * cases whose truth reaches it (score.h).
 */
typedef enum case_truth_level {
    CASE_TRUTH_PAIR,      /* every racing pair (racecard's markers) */
    CASE_TRUTH_PARTIAL,   /* some racing pairs: a race elsewhere is unlabelled */
    CASE_TRUTH_LINE,      /* racing lines, without their partners */
    CASE_TRUTH_PROGRAM,   /* the verdict only */
    CASE_TRUTH_UNKNOWN    /* not even the verdict: not scored */
} case_truth_level;

/* The kind of a truth finding that labels a line race-free (a foreign
   suite's NORACE): a race reported there is a false positive. */
#define CASE_NO_RACE "no-race"

typedef struct case_info {
    char *path;
    char *file;       /* basename of path, as detectors print it */
    char *name, *summary, *verdict, *category, *origin, *why;
    text_list flags;
    char *suite;      /* the foreign suite it comes from, or NULL (suite.h) */
    case_truth_level truth_level;
    case_marker *markers;
    size_t nmarkers, capmarkers;
} case_info;

/*
 * Reads and validates a case.  Returns 0, or RC_EXIT_INPUT with a one-line
 * reason in err ("PATH:LINE: what") when the file is missing or unreadable,
 * a header field is missing, unknown or malformed, the name does not match
 * the file name, a marker is malformed, a race tag has no partner, or the
 * verdict disagrees with the markers.  c must be freed with case_free either way.
 */
int case_load(const char *path, case_info *c, text_buf *err);
void case_free(case_info *c);

/*
 * Appends the ground truth to out: the data-race pairs of every RACE tag and
 * one finding per BUG kind and tag (one location, or the pair of two).
 */
void case_truth(const case_info *c, finding_list *out);

int case_has_flag(const case_info *c, const char *flag);

/* True for a C++ case (NAME.cpp), built with the flavour's cxx; the rest
   are C (NAME.c). */
int case_is_cxx(const case_info *c);

#endif
