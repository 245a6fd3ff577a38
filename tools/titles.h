/*
 * titles.h - the report titles of each detector, and what kind of report each
 * one opens: the one table the parse stage (canonical findings) and the
 * explain stage (notes for people) both read.
 *
 * Both stages must agree on what a title means: a report that parse counts
 * as a lock-order inversion must be explained as one.  When each kept its own
 * list they could drift apart, and a new title had to be added twice.  Here
 * a title is one row, and a new kind of report one enumerator, its canonical
 * name and its rows; the canonical name must also be in finding.c's kinds
 * (unit_finding checks it), and explain's words for the kind live in
 * explain_text.c.
 *
 * A title is recognised by a fragment of it, not by its whole text: titles
 * carry thread numbers, addresses and sizes ("Possible data race during read
 * of size 4 at 0x10C02C by thread #3").
 */
#ifndef RACECARD_TITLES_H
#define RACECARD_TITLES_H

/* Which detector printed a title; a set of them is a bit mask. */
enum {
    TITLES_TSAN = 1u << 0,      /* "WARNING: ThreadSanitizer: TITLE (pid=N)" */
    TITLES_HELGRIND = 1u << 1,  /* the line after Helgrind's "-----" separator */
    TITLES_DRD = 1u << 2,       /* a DRD line that starts a report */
    TITLES_VALGRIND = TITLES_HELGRIND | TITLES_DRD
};

/*
 * The kinds of report racecard tells apart.  Each but the last two is a
 * canonical finding kind (titles_canonical).  A failed pthread call is a
 * kind explain has words for but no finding kind: parse reports it as
 * other:SLUG, as it does every title it does not know (TITLES_OTHER).
 */
typedef enum titles_kind {
    TITLES_DATA_RACE,
    TITLES_USE_AFTER_FREE,
    TITLES_LOCK_ORDER,
    TITLES_THREAD_LEAK,
    TITLES_DESTROY_LOCKED,
    TITLES_UNLOCK_UNLOCKED,
    TITLES_DOUBLE_LOCK,
    TITLES_SIGNAL_UNSAFE,
    TITLES_PTHREAD_ERROR,   /* Helgrind: "Thread #1's call to pthread_... failed" */
    TITLES_OTHER,
    TITLES_NKINDS
} titles_kind;

/*
 * The kind of the report a title opens, for a title printed by one of
 * `tools` (a TITLES_* mask): the first row of the table whose detector is in
 * the mask and whose fragments the title holds, or TITLES_OTHER.  With
 * `lenient` a row's first fragment is enough, for a reader to whom a title
 * cut short costs a note rather than a finding (explain still says what a
 * lock-order inversion is when Helgrind's title lost its end; parse does
 * not count it as one).  title is the title alone, any bytes,
 * NUL-terminated.  Called once per report, not per line, so a scan of the
 * table costs nothing that shows.
 */
titles_kind titles_kind_of(unsigned tools, const char *title, int lenient);

/* "data-race", "lock-order-inversion", ...: the canonical finding kind, or
   NULL for TITLES_PTHREAD_ERROR, TITLES_OTHER and a value that is no kind. */
const char *titles_canonical(titles_kind k);

/*
 * ThreadSanitizer's report of a crash, "ERROR: ThreadSanitizer: WHAT on
 * ...": the signal the program died of when WHAT (the text after that
 * prefix) names one ("SEGV", "BUS", ..., "stack-overflow"), else 0: any
 * other ERROR is a failure of the runtime, not a crash.
 */
int titles_tsan_crash_signal(const char *what);

/*
 * True for Helgrind's "Lock at 0x.. was first observed" (leading white space
 * allowed): it comes where a title is due, after the separator, but
 * announces a lock the report to follow mentions; the report's title comes
 * after it.
 */
int titles_hg_lock_announcement(const char *text);

#endif
