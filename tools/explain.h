/*
 * explain.h - a detector's log, annotated for a reader who is learning to
 * read race reports (the "explain" command).
 *
 * The log is copied to the output line by line, in order, and nothing is
 * dropped.  Lines of a ThreadSanitizer, Helgrind or DRD report get a
 * two-column gutter ("* " on the first frame of each stack that is in the
 * program's own code); under each section of a report comes a note in plain
 * words (who accessed what, which access came first and why that order means
 * nothing, which locks were held, where the memory lives, where each thread
 * came from, what the summary line points at), and after each report a short
 * "how to fix" paragraph for its kind.  Notes start with "| ".  Lines the
 * program itself printed pass through as they are, without a gutter.
 *
 * This stage reads reports and sections on its own rather than through the
 * parse stage: parse reduces a report to its canonical findings, while
 * explain needs every line of it, in order, as it streams by.  Stack frames
 * it reads with parse's own frame readers (parse.h), and the kind of a report
 * from the title table parse reads too (titles.h), so the two stages cannot
 * disagree on which frame is the program's or on what a report is.
 */
#ifndef RACECARD_EXPLAIN_H
#define RACECARD_EXPLAIN_H

#include "titles.h"

#include <stddef.h>
#include <stdio.h>

/*
 * The kinds of report explain has words for; anything else is OTHER.  They
 * are titles.h's kinds, under explain's names: the kind of a title comes from
 * the table the parse stage reads too, so both stages call a report the same.
 */
typedef enum explain_kind {
    EXPLAIN_DATA_RACE = TITLES_DATA_RACE,
    EXPLAIN_USE_AFTER_FREE = TITLES_USE_AFTER_FREE,
    EXPLAIN_LOCK_ORDER = TITLES_LOCK_ORDER,
    EXPLAIN_THREAD_LEAK = TITLES_THREAD_LEAK,
    EXPLAIN_DESTROY_LOCKED = TITLES_DESTROY_LOCKED,
    EXPLAIN_UNLOCK_UNLOCKED = TITLES_UNLOCK_UNLOCKED,
    EXPLAIN_DOUBLE_LOCK = TITLES_DOUBLE_LOCK,
    EXPLAIN_SIGNAL_UNSAFE = TITLES_SIGNAL_UNSAFE,
    EXPLAIN_INVALID_MUTEX = TITLES_INVALID_MUTEX,
    EXPLAIN_EXIT_HOLDING = TITLES_EXIT_HOLDING,
    EXPLAIN_PTHREAD_ERROR = TITLES_PTHREAD_ERROR,  /* a pthread call returned an error (Helgrind) */
    EXPLAIN_OTHER = TITLES_OTHER,
    EXPLAIN_NKINDS = TITLES_NKINDS
} explain_kind;

typedef struct explain_opts {
    int color;               /* 1: ANSI colours; 0: plain text */
    const char *source_dir;  /* --source DIR: where to look for source files, or NULL */
    const char *cases_dir;   /* racecard's own cases/, for files named like a case, or NULL */
    const char *case_name;   /* the catalog case the log is of, or NULL: its race-free
                                twin is named in the fix advice */
    const char *expected;    /* that case's expected file for the log's detector, or
                                NULL: a report it gives a reason for is said to be
                                known, with the reason, and so is a report it lists
                                as missed */
    const struct parse_own *own;  /* the program's own files (parse.h), or NULL: the
                                frame marked '*' is then the one parse takes with
                                --own, so the two stages agree */
} explain_opts;

/*
 * What one or more explain_stream calls have seen.
 *
 * A section of a report is one of its header lines together with the stack
 * printed under it, if any:
 *  - every report: the title, when a stack follows right under it (a TSan
 *    data race has none: its title is no section); for Helgrind and DRD
 *    races the title is the first access;
 *  - ThreadSanitizer: each line of two spaces and text inside a report,
 *    with or without a stack ("  Read of size 4 ...:", "  Location is
 *    global ...", "  Mutex M0 (0x..) created at:", "  Thread T1 ... created
 *    by ...:", "  Cycle in lock order graph: ...", "  and:", ...);
 *  - Helgrind: each line inside a report that is neither a frame, nor
 *    "Locks held: ...", nor a line that continues the section above it
 *    ("with error code", "in frame #", "Block was alloc'd", "but before",
 *    "(...)");
 *  - DRD: each line of a report that does not start with white space and is
 *    not a frame; "Other segment start" and the "Other segment end" after it
 *    are one section, noted after its end.
 * Announcements between reports (Helgrind's threads and locks) and the stack
 * of a crash are no sections of a report.
 */
typedef struct explain_stats {
    unsigned reports;                /* report titles read */
    unsigned cut;                    /* reports the log ended or broke off inside */
    unsigned kinds[EXPLAIN_NKINDS];  /* reports per kind */
    unsigned sections;               /* sections of reports (see above) */
    unsigned unnoted;                /* sections whose header explain did not
                                        recognise, so their note (if any) is
                                        only that it does not know it */
} explain_stats;

/*
 * The race-free case of the catalog that is the racy case `racy` done right
 * (dotprod_mutex for dotprod_nomutex), or NULL when its fix is no case of
 * the catalog; explain's fix advice points at it.
 */
const char *explain_learn_twin(const char *racy);
/* The i-th pair of that table: 1 and the pair, or 0 past its end. */
int explain_learn_twin_at(size_t i, const char **racy, const char **twin);

/* "data race", "lock-order inversion", ...: for people, not a canonical kind. */
const char *explain_kind_name(explain_kind k);

/*
 * Copies the log `in` to `out` with its notes (see the top of this file) and
 * adds what it read to *st (which the caller zeroes).  Reads one line at a
 * time and keeps only a bounded state per report, so a log of any size
 * streams through.  Any bytes are accepted.  Returns 0, or -1 on a read
 * error of `in` (what was read before it has been written).
 */
int explain_stream(FILE *in, FILE *out, const explain_opts *o, explain_stats *st);

/* One closing line: "racecard explain: NAME: 3 reports (2 data race, ...)",
 * then "; 1 cut off" and "; 2 sections not recognised" when there are any. */
void explain_print_totals(FILE *out, const char *name, const explain_stats *st, int color);

/*
 * Whether to colour, from --color's WHEN ("auto", "always" or "never"),
 * whether the output is a terminal, and $NO_COLOR (NULL when unset).  auto
 * colours a terminal unless NO_COLOR is set to a non-empty value; an explicit
 * always or never wins over NO_COLOR.  Returns 0 and sets *color, or -1 for an
 * unknown WHEN.
 */
int explain_color_choice(const char *when, int is_tty, const char *no_color, int *color);

/*
 * The command: racecard explain [--source DIR] [--color=WHEN] [LOG...].
 * argv holds the arguments after "explain"; reads stdin when there is no LOG
 * (or for "-").  default_source_dir is racecard's source tree, whose cases/
 * is searched for files named like a case.  Returns an exit status from
 * exitcode.h: 0, 2 for a usage error, 3 for a log that cannot be read.
 */
int explain_command(int argc, char **argv, const char *default_source_dir);

#endif
