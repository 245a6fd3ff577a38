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
    TITLES_INVALID_MUTEX,   /* a lock call on something that is no lock (any more) */
    TITLES_EXIT_HOLDING,    /* a thread ended while holding a lock */
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
   NULL for TITLES_PTHREAD_ERROR, TITLES_OTHER and a value that is no kind.
   docs/kinds.md has the table of each detector's titles per kind. */
const char *titles_canonical(titles_kind k);

/*
 * The misuse a failed pthread call names (Helgrind's "Thread #1's call to
 * pthread_mutex_unlock failed" followed by "with error code 1 (EPERM:
 * Operation not permitted)"), so that the same misuse has the same kind
 * whichever detector saw it: EPERM from an unlock is TITLES_UNLOCK_UNLOCKED,
 * EDEADLK from a lock TITLES_DOUBLE_LOCK, EINVAL from a mutex or rwlock
 * call TITLES_INVALID_MUTEX; any other pair (EBUSY from a destroy among
 * them: see titles.c) stays TITLES_PTHREAD_ERROR.  title
 * and error_line are the two lines' texts (any bytes, NUL-terminated).
 */
titles_kind titles_failed_call_kind(const char *title, const char *error_line);

/*
 * DRD's "The object at address 0x.. is not a mutex" (or "... is not a
 * reader-writer lock") means an unlock of a lock DRD never saw locked when
 * the call that met it, the first frame's function `func`, is an unlock
 * (TITLES_UNLOCK_UNLOCKED, as Helgrind's "unlocked an invalid lock" and
 * TSan's "unlock of an unlocked mutex" call the same line), else a use of
 * something that is no lock (TITLES_INVALID_MUTEX).  func may be NULL.
 */
titles_kind titles_not_a_lock_kind(const char *func);

/*
 * The fixed slug of a title whose words would make a misleading or
 * unstable other:SLUG, or NULL.  DRD's report of a lock held too long
 * (--exclusive-threshold) is titled "Acquired at:", which says nothing.
 */
const char *titles_other_slug(unsigned tools, const char *title);

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

/*
 * Lines of the notices Valgrind's core prints once an error limit is reached
 * ("More than 100 errors detected.  Subsequent errors" / "will still be
 * recorded, but in less detail than before.", and those for 1000 and
 * 10000000 errors).  They come between two reports, the next title right
 * after them with no empty line, so both stages must know them for what
 * they are and never take one for a title.  text is after "==PID== ".
 */
int titles_vg_notice(const char *text);

/*
 * Helgrind's thread announcement, "Thread #3 was created" or "Thread #1 is
 * the program's root thread", which a "---Thread-Announcement---" separator
 * normally introduces.
 */
int titles_hg_announcement(const char *text);

/*
 * A line that can only be a Helgrind report's title even with no "-----"
 * separator before it (a log filtered of its separators, or a piece of
 * one): the title of one of the table's Helgrind rows, or any line that
 * starts with "Thread #N" and is no announcement.  DRD numbers its threads
 * without '#', so none of these is DRD's.  Both stages read such a log the
 * same way with this.
 */
int titles_hg_bare_title(const char *text);

#endif
