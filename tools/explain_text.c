/*
 * explain_text.c - what the explain stage says about a report as a whole:
 * what each kind of report means (under its title), how to fix it (after
 * it), what TSan's SUMMARY line points at, how a report was cut off, and the
 * detectors' lines outside reports (banners, counts, crashes, failures).
 *
 * Long explanations are given in full the first time in a log and pointed
 * back to afterwards (explain_first), so a log of a hundred races reads as
 * one lesson and ninety-nine short notes.  The notes under sections are in
 * explain_notes.c.
 */
#include "explain_impl.h"
#include "parse.h"
#include "titles.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* Kinds                                                               */
/* ------------------------------------------------------------------ */

/*
 * Helgrind's and DRD's titles never collide, so a Valgrind title is looked up
 * among both, whichever tool the process was taken for.  Leniently: here a
 * title cut short costs a note, not a finding, and the note on its kind is
 * still the right one.
 */
explain_kind explain_text_kind(explain_tool tool, const char *title)
{
    unsigned tools = tool == EXPLAIN_TOOL_TSAN ? TITLES_TSAN : TITLES_VALGRIND;
    return (explain_kind)titles_kind_of(tools, title, 1);
}

static const char *const explain_intro[EXPLAIN_NKINDS] = {
    [EXPLAIN_DATA_RACE] =
        "A data race: two threads accessed the same memory, at least one of them wrote, and "
        "nothing in the program orders one access before the other. C11 gives such a program "
        "undefined behaviour, whatever it happened to print this time.",
    [EXPLAIN_USE_AFTER_FREE] =
        "A heap use after free: memory was accessed after the block holding it had been freed. "
        "The block may already hold something else, so the access can read garbage or corrupt "
        "another object.",
    [EXPLAIN_LOCK_ORDER] =
        "A lock-order inversion, a potential deadlock: the same locks are taken in one order in "
        "one place and in the opposite order in another. Two threads running those places at "
        "the same time can each hold one lock and wait forever for the other. The detector saw "
        "both orders; this run need not have deadlocked.",
    [EXPLAIN_THREAD_LEAK] =
        "A thread leak: a thread was created and never joined, nor detached. Its resources stay "
        "allocated until the process ends, and nothing waits for the work it does.",
    [EXPLAIN_DESTROY_LOCKED] =
        "A locked mutex was destroyed. POSIX leaves pthread_mutex_destroy on a locked mutex "
        "undefined: some thread still owns it, or is about to unlock it.",
    [EXPLAIN_UNLOCK_UNLOCKED] =
        "A mutex was unlocked that was not locked, or not by this thread. POSIX leaves this "
        "undefined for a default mutex; a lock and its unlock do not pair up somewhere.",
    [EXPLAIN_DOUBLE_LOCK] =
        "A thread locked a mutex it already held. A default (non-recursive) mutex then "
        "deadlocks, the thread waiting for itself, or fails with EDEADLK if it checks errors.",
    [EXPLAIN_SIGNAL_UNSAFE] =
        "A signal handler called a function that is not async-signal-safe. The signal may "
        "arrive while the program is inside that same function (malloc holding its lock, say); "
        "the handler then deadlocks or corrupts its state.",
    [EXPLAIN_INVALID_MUTEX] =
        "A lock call was given something that is not a lock (any more): a mutex never "
        "initialised, already destroyed, or memory that was never one. POSIX leaves every such "
        "call undefined; the lock protects nothing. (DRD also says \"not a mutex\" when a "
        "statically initialised lock it never saw locked is unlocked: that is an unlock without "
        "its lock, and racecard's finding says so.)",
    [EXPLAIN_EXIT_HOLDING] =
        "A thread ended while holding a lock. Any thread that later waits for that lock waits "
        "forever.",
    [EXPLAIN_PTHREAD_ERROR] =
        "A pthread call returned an error, named on the next line. A program that ignores it "
        "goes on with a lock or thread in a state it does not expect. Helgrind reports every "
        "such failure, so the misuse that caused it is often reported beside it as well.",
    [EXPLAIN_OTHER] =
        "racecard has no explanation of its own for this kind of report; it is shown as the "
        "detector printed it. The frame marked * is where the program's own code comes in, the "
        "place to start reading.",
};

/* Kinds racecard does not count but can still say a word about. */
static const struct {
    const char *fragment;
    const char *note;
} explain_other_notes[] = {
    {"signal handler spoils errno",
     "A signal handler changed errno without saving and restoring it: the code it interrupted "
     "may find an errno that its own call did not set."},
    {"associated lock is not held",
     "A condition variable was signalled by a thread that did not hold the mutex its waiters "
     "use. That is allowed, but a wakeup is easily lost this way: a waiter that has checked "
     "its condition and not yet started waiting misses the signal."},
    {"has been signaled but the associated mutex",
     "A condition variable was signalled by a thread that did not hold the mutex its waiters "
     "use. That is allowed, but a wakeup is easily lost this way: a waiter that has checked "
     "its condition and not yet started waiting misses the signal."},
    {"Destruction of barrier not synchronized",
     "A barrier was destroyed while another thread may still be inside its wait on it: the "
     "return from pthread_barrier_wait is not ordered with what the other threads do next, so "
     "the destroy races with that thread's way out of the wait."},
    {"Acquired at:",
     "DRD's report of a lock held longer than --exclusive-threshold (or --shared-threshold) "
     "allows: where it was taken, then \"Lock on mutex ... was held during N ms\" and where it "
     "was released. Not a bug, a cost: every other thread that wants the lock waits that "
     "long."},
    {NULL, NULL},
};

static const char *const explain_fix[EXPLAIN_NKINDS] = {
    [EXPLAIN_DATA_RACE] =
        "How to fix: make every access to this memory synchronised in the same way. Protect all "
        "of them with one and the same mutex (both sides must lock the same one), or make the "
        "variable atomic (_Atomic, or atomic operations on both sides), or make sure one access "
        "is over before the other can start (pthread_join, a barrier, a condition variable "
        "with its predicate). If the threads never needed to share it, give each its own copy. "
        "Sleeps and volatile do not fix a data race.",
    [EXPLAIN_USE_AFTER_FREE] =
        "How to fix: free the block only once no thread can use it any more: join the threads "
        "that use it first, or count the references to it (atomically, or under a lock) and "
        "free it when the count drops to zero. Setting the pointer to NULL after free does not "
        "help a thread that has already loaded it.",
    [EXPLAIN_LOCK_ORDER] =
        "How to fix: choose one order for these locks and take them in that order everywhere "
        "(a documented hierarchy, or always the lower address first). Or take the second with "
        "pthread_mutex_trylock and, when it is busy, release the first and start again; or "
        "merge the two into one lock if they are always taken together.",
    [EXPLAIN_THREAD_LEAK] =
        "How to fix: call pthread_join on every thread you create, before main returns and "
        "before anything the thread uses goes away. If nobody needs to wait for it, create it "
        "detached (pthread_attr_setdetachstate) or call pthread_detach, and still make sure "
        "the process does not end while it works.",
    [EXPLAIN_DESTROY_LOCKED] =
        "How to fix: unlock the mutex before destroying it, and destroy it only when no thread "
        "can lock it again (after joining the threads that use it). A mutex inside an object "
        "that is freed needs the same care.",
    [EXPLAIN_UNLOCK_UNLOCKED] =
        "How to fix: make every unlock match a lock taken by the same thread, on every path; "
        "early returns and error paths are the usual culprits. Keeping each lock and its unlock "
        "in one function helps, and an error-checking mutex (PTHREAD_MUTEX_ERRORCHECK) makes a "
        "stray unlock fail at once while debugging.",
    [EXPLAIN_DOUBLE_LOCK] =
        "How to fix: do not lock a mutex you already hold. Split the function into a locking "
        "entry point and an internal one that expects the lock to be held, and call the "
        "internal one from code that holds it. Make the mutex PTHREAD_MUTEX_RECURSIVE only if "
        "re-entry is really intended.",
    [EXPLAIN_SIGNAL_UNSAFE] =
        "How to fix: do as little as possible in the handler: set a volatile sig_atomic_t flag "
        "(or write a byte to a pipe) and return, and do the real work in ordinary code that "
        "checks the flag. A handler may call only the functions POSIX lists as "
        "async-signal-safe (write and _exit are; malloc, free and printf are not).",
    [EXPLAIN_INVALID_MUTEX] =
        "How to fix: initialise every mutex before its first use (pthread_mutex_init, or "
        "PTHREAD_MUTEX_INITIALIZER), destroy it only after the last thread that uses it is "
        "done, and never copy a pthread_mutex_t: pass a pointer to the one lock.",
    [EXPLAIN_EXIT_HOLDING] =
        "How to fix: release every lock a thread holds before it returns or calls "
        "pthread_exit, on every path; keep each lock and its unlock in one function so an "
        "early return cannot skip the unlock.",
    [EXPLAIN_PTHREAD_ERROR] =
        "How to fix: the error names the misuse; fix that, not the check. EDEADLK from "
        "pthread_mutex_lock: the thread locked an error-checking mutex it already held. EPERM "
        "from pthread_mutex_unlock: it unlocked a mutex it does not hold. EBUSY from a destroy: "
        "the mutex is still locked, or the condition variable still waited on. EINVAL: the "
        "object was never initialised, or was destroyed already. And check the result of every "
        "pthread call that can fail.",
    [EXPLAIN_OTHER] =
        "How to fix: racecard has no advice of its own for this report; the detector's manual "
        "explains the message. Start at the frame marked *, the first in the program's own "
        "code.",
};

int explain_first(explain_ctx *c, unsigned long bit)
{
    if (c->said & bit)
        return 0;
    c->said |= bit;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Reports as a whole                                                  */
/* ------------------------------------------------------------------ */

void explain_text_title(explain_ctx *c, const explain_report *rep)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_adds(&b, explain_intro[rep->kind]);
    for (size_t i = 0; rep->kind == EXPLAIN_OTHER && explain_other_notes[i].fragment; i++)
        if (strstr(rep->title, explain_other_notes[i].fragment)) {
            text_buf_clear(&b);
            text_buf_adds(&b, explain_other_notes[i].note);
            break;
        }
    if (rep->kind != EXPLAIN_OTHER && !explain_first(c, EXPLAIN_SAID_INTRO(rep->kind))) {
        text_buf_clear(&b);
        text_buf_printf(&b, "Another %s; the first one above says what that means.",
                        explain_kind_name(rep->kind));
    }
    explain_out_note(c, rep->indent + EXPLAIN_REPORT_INDENT, EXPLAIN_NOTE, b.s);
    text_buf_free(&b);
}

void explain_text_fix(explain_ctx *c, const explain_report *rep)
{
    text_buf b;
    text_buf_init(&b);
    if (explain_first(c, EXPLAIN_SAID_FIX(rep->kind)))
        text_buf_adds(&b, explain_fix[rep->kind]);
    else if (rep->kind == EXPLAIN_OTHER)
        text_buf_adds(&b, "How to fix: see the detector's manual; start at the frame marked *.");
    else
        text_buf_printf(&b, "How to fix: as for the first %s above.", explain_kind_name(rep->kind));
    explain_out_note(c, rep->indent + EXPLAIN_REPORT_INDENT, EXPLAIN_FIX, b.s);
    text_buf_free(&b);
}

void explain_text_end(explain_ctx *c, const explain_report *rep, explain_end end)
{
    const char *text;
    switch (end) {
    case EXPLAIN_END_LOG:
        text = "The log ends inside this report: it was cut off (the program or the detector "
               "died, or the log was truncated). What is shown is all there is.";
        break;
    case EXPLAIN_END_LOG_TAIL:
        text = "The log ends after this report, before Valgrind's closing lines: the process "
               "did not finish normally, or the log was cut off. The report itself looks whole.";
        break;
    case EXPLAIN_END_INTERRUPTED:
        text = "This report breaks off here: another report begins before it ended (two "
               "processes writing to the same log?).";
        break;
    case EXPLAIN_END_FATAL:
        text = "This report breaks off here: the detector failed in the middle of it.";
        break;
    default:
        return;
    }
    explain_out_note(c, rep->indent + EXPLAIN_REPORT_INDENT, EXPLAIN_WARN, text);
}

/* What the top frame of the first stack is, by kind, for the summary note. */
static const char *explain_summary_role(explain_kind k)
{
    switch (k) {
    case EXPLAIN_DATA_RACE:
    case EXPLAIN_USE_AFTER_FREE:
        return "the access at which the detector caught it";
    case EXPLAIN_SIGNAL_UNSAFE:
        return "the handler's unsafe call";
    case EXPLAIN_DESTROY_LOCKED:
    case EXPLAIN_UNLOCK_UNLOCKED:
    case EXPLAIN_DOUBLE_LOCK:
    case EXPLAIN_INVALID_MUTEX:
        return "the call that misused the mutex";
    default:
        return "where the report begins";
    }
}

void explain_text_summary(explain_ctx *c, const explain_report *rep, const char *line)
{
    const char *p = strstr(line, "SUMMARY: ThreadSanitizer: ");
    p = p ? p + 26 : line;
    if (rep->title && text_starts_with(p, rep->title))
        p += strlen(rep->title);
    const char *in = NULL;
    for (const char *q = strstr(p, " in "); q; q = strstr(q + 1, " in "))
        in = q;
    char *loc = explain_trim_ndup(p, in ? (size_t)(in - p) : strlen(p));
    char *g;
    if ((g = parse_last_group(loc)) && text_starts_with(g, "(BuildId:")) {
        *g = '\0';
        parse_rtrim(loc);
    }
    const char *func = in ? in + 4 : "?";
    text_buf b;
    text_buf_init(&b);
    if (!*loc) {
        text_buf_adds(&b, "The summary repeats the title; this runtime printed no location.");
    } else if (loc[0] == '(') {
        text_buf_printf(&b, "The summary names no line of the program: the top frame of the "
                            "first stack, %s, is in the ThreadSanitizer runtime or a library, "
                            "so TSan gives a binary and an offset instead. The frames marked * "
                            "above are the program's own.", func);
    } else {
        unsigned long n = parse_split_loc(loc);
        if (parse_frame_is_own_in(c->o->own, func, loc, NULL))
            text_buf_printf(&b, "The summary points at %s:%lu in %s, the top frame of the "
                                "report's first stack: %s. Tools that only count reports "
                                "read this one line.", text_basename(loc), n, func,
                            explain_summary_role(rep->kind));
        else
            text_buf_printf(&b, "The summary points into %s (%s:%lu), library code at the top "
                                "of the first stack; the frames marked * above are the "
                                "program's own.", func, text_basename(loc), n);
    }
    explain_out_note(c, rep->indent + EXPLAIN_REPORT_INDENT, EXPLAIN_NOTE, b.s);
    text_buf_free(&b);
    free(loc);
}

/* ------------------------------------------------------------------ */
/* Lines outside reports                                               */
/* ------------------------------------------------------------------ */

void explain_text_event(explain_ctx *c, int event, const char *text, size_t indent)
{
    text_buf b;
    text_buf_init(&b);
    int style = EXPLAIN_NOTE;
    switch (event) {
    case EXPLAIN_EV_TSAN_COUNT:
        text_buf_adds(&b, "TSan's count of the reports it printed in this process. A program "
                          "with reports exits with status 66, unless TSAN_OPTIONS sets another "
                          "exitcode.");
        break;
    case EXPLAIN_EV_TSAN_MAPPING:
        style = EXPLAIN_WARN;
        text_buf_adds(&b, "ThreadSanitizer could not start: the kernel placed memory where "
                          "TSan's shadow layout forbids it. vm.mmap_rnd_bits above 28 does this "
                          "to the runtimes of clang before 18 and of gcc; lower it to 28, or "
                          "run the program under \"setarch -R\". This log says nothing about "
                          "races.");
        break;
    case EXPLAIN_EV_TSAN_FATAL:
        style = EXPLAIN_WARN;
        text_buf_adds(&b, "ThreadSanitizer itself failed here, and the run ends: this is not "
                          "a report about the program.");
        break;
    case EXPLAIN_EV_CRASH:
        style = EXPLAIN_WARN;
        text_buf_adds(&b, "This is not a race report: the program died of a signal, and the "
                          "detector shows where. A race reported earlier may be the cause, or "
                          "not.");
        break;
    case EXPLAIN_EV_VG_FATAL:
        style = EXPLAIN_WARN;
        text_buf_adds(&b, "Valgrind itself could not start or go on; nothing in this log is "
                          "about the program.");
        break;
    case EXPLAIN_EV_HELGRIND:
        text_buf_adds(&b, "Helgrind runs the program on Valgrind's simulated CPU and watches "
                          "every memory access, the locks held at it and the synchronisation "
                          "before it. It numbers threads #1 (main), #2, ... in creation order.");
        break;
    case EXPLAIN_EV_DRD:
        text_buf_adds(&b, "DRD runs the program on Valgrind's simulated CPU and cuts each "
                          "thread's run into segments at its synchronisation operations; two "
                          "accesses race when they come from segments that no synchronisation "
                          "orders. It numbers threads 1 (main), 2, ... in creation order.");
        break;
    case EXPLAIN_EV_VG_COUNT:
        explain_add_field(&b, "%s: errors count every time a problem was seen, contexts the "
                              "distinct reports, each printed once above. Suppressed ones were "
                              "hidden by suppression files, such as those Valgrind ships for "
                              "the C library.",
                          text, "ERROR SUMMARY: ", " (", "");
        break;
    case EXPLAIN_EV_VG_NOTICE:
        text_buf_adds(&b, "Valgrind's own notice, not a report: past 100 errors (or 1000 "
                          "distinct ones) it shows later errors with less detail, or stops "
                          "showing them; the counts at the end may then be too low. Run with "
                          "--error-limit=no to see every one, or fix the reports above first: "
                          "one bug often causes many.");
        break;
    case EXPLAIN_EV_ROOT_THREAD:
        text_buf_adds(&b, "Thread #1 is main, the thread the program started with.");
        break;
    default:
        break;
    }
    if (b.len)
        explain_out_note(c, indent, style, b.s);
    text_buf_free(&b);
}
