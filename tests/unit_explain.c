/*
 * unit_explain.c - the explain stage over recorded logs: each kind of report
 * gets the notes that fit it, nothing of the log is dropped or reordered,
 * garbage and cut-off logs come through, the output streams, and two logs
 * are compared whole with golden files in tests/explain/.
 *
 * `unit_explain --bless` rewrites the golden files from the current output;
 * read the diff before committing it.
 */
#include "casefile.h"
#include "explain.h"
#include "text.h"
#include "unit.h"

#include <dirent.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define LOGS RACECARD_TEST_DIR "/logs/"
#define CASES RACECARD_TEST_DIR "/../cases"
#define PARSE_GEN RACECARD_TEST_DIR "/parse_gen"

static int unit_bless;

/* Runs explain on f; returns the output (caller frees). */
static char *unit_explain_file(FILE *f, const explain_opts *o, explain_stats *st)
{
    char *out = NULL;
    size_t n = 0;
    FILE *mem = unit_memstream(&out, &n);
    memset(st, 0, sizeof *st);
    UNIT_CHECK(explain_stream(f, mem, o, st) == 0);
    fclose(mem);
    return out;
}

static char *unit_explain_log(const char *path, const explain_opts *o, explain_stats *st)
{
    FILE *f = fopen(path, "r");
    UNIT_CHECK(f != NULL);
    if (!f) {
        memset(st, 0, sizeof *st);
        return text_dup("");
    }
    char *out = unit_explain_file(f, o, st);
    fclose(f);
    return out;
}

static char *unit_explain_text(const char *log, const explain_opts *o, explain_stats *st)
{
    FILE *f = fmemopen((void *)log, strlen(log), "r");
    char *out = unit_explain_file(f, o, st);
    fclose(f);
    return out;
}

static int unit_is_note(const char *line)
{
    return line[strspn(line, " ")] == '|';
}

/*
 * out with the wrapping of notes undone: a note line that follows another is
 * joined to it with one space, so a phrase can be looked for wherever the
 * width of the terminal happened to break it.
 */
static char *unit_unwrap(const char *out)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_adds(&b, "");
    int prev_note = 0;
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = text_ndup(p, n);
        int note = unit_is_note(line);
        if (note && prev_note) {
            const char *text = strchr(line, '|') + 1;
            text_buf_adds(&b, " ");
            text_buf_adds(&b, text_skip_space(text));
        } else {
            if (b.len)
                text_buf_adds(&b, "\n");
            text_buf_adds(&b, line);
        }
        prev_note = note;
        free(line);
        p += n + (nl != NULL);
    }
    return b.s;
}

/* Checks that out holds want, as printed or unwrapped; says which log lacked it. */
static void unit_has(const char *out, const char *want, const char *log)
{
    char *flat = unit_unwrap(out);
    unit_checks++;
    if (!strstr(out, want) && !strstr(flat, want)) {
        fprintf(stderr, "%s: explain output lacks \"%s\"\n", log, want);
        unit_failures++;
    }
    free(flat);
}

static void unit_lacks(const char *out, const char *unwanted, const char *log)
{
    unit_checks++;
    if (strstr(out, unwanted)) {
        fprintf(stderr, "%s: explain output has \"%s\"\n", log, unwanted);
        unit_failures++;
    }
}

static const explain_opts unit_plain = {0, NULL, CASES, NULL, NULL, NULL};
static const explain_opts unit_gen = {0, PARSE_GEN, CASES, NULL, NULL, NULL};

/*
 * Explains LOGS/name and checks the number of reports, of those cut off, and
 * that each of the NULL-terminated strings appears.
 */
static void unit_expect(const char *name, const explain_opts *o, unsigned reports, unsigned cut,
                        const char *const *want)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s%s", LOGS, name);
    explain_stats st;
    char *out = unit_explain_log(path.s, o, &st);
    unit_checks += 2;
    if (st.reports != reports || st.cut != cut) {
        fprintf(stderr, "%s: %u reports, %u cut off; want %u and %u\n", name, st.reports, st.cut,
                reports, cut);
        unit_failures++;
    }
    for (size_t i = 0; want[i]; i++)
        unit_has(out, want[i], name);
    free(out);
    text_buf_free(&path);
}

/* ------------------------------------------------------------------ */
/* Each kind of report                                                 */
/* ------------------------------------------------------------------ */

static void test_tsan_race_with_mutexes(void)
{
    static const char *const want[] = {
        "A data race: two threads accessed the same memory",
        "*     #0 withdraw /work/main/cases/mutex_different.c:54:13",
        "| Thread T2 wrote 8 bytes at 0x5639b2a12280, in withdraw",
        "It held M0.",
        "The detector caught the race at this access, the later of the two",
        "| >   54      balance -= 1; /* RACE(balance) */",
        "|     52  static void withdraw(void)",
        "|     56\n",
        "| This access came first in this run. That order is chance, not design: no",
        "happens-before edge",
        "| They held different locks (thread T2: M0; thread T1: M1). A lock orders",
        "| >   49      balance += 1; /* RACE(balance) */",
        "| The memory is the global variable balance (8 bytes): one object, shared",
        "| M0 is the mutex at 0x5639b2a122b0. TSan first saw it here, at withdrawer",
        "Thread T2 held it when it wrote.",
        "| Thread T2 was created by the main thread, at main",
        "It made the later access.",
        "It made the earlier access.",
        "| The summary points at mutex_different.c:54 in withdraw, the top frame of",
        "| How to fix: make every access to this memory synchronised in the same way.",
        "balance 0\n",
        NULL,
    };
    unit_expect("case-tsan-clang-mutex_different.log", &unit_plain, 1, 0, want);
}

static void test_tsan_rwlock_readers(void)
{
    /* Both sides under the same rwlock, both as readers. */
    static const char log[] =
        "WARNING: ThreadSanitizer: data race (pid=1)\n"
        "  Write of size 8 at 0x10 by thread T1 (mutexes: read M0):\n"
        "    #0 lookup /src/table.c:48:10 (t+0x1)\n"
        "\n"
        "  Previous write of size 8 at 0x10 by thread T2 (mutexes: read M0):\n"
        "    #0 lookup /src/table.c:48:10 (t+0x1)\n"
        "\n"
        "SUMMARY: ThreadSanitizer: data race /src/table.c:48:10 in lookup\n"
        "==================\n";
    explain_stats st;
    char *out = unit_explain_text(log, &unit_plain, &st);
    unit_has(out, "Both held M0, but only as readers", "rwlock");
    unit_has(out, "It held M0 (for reading).", "rwlock");
    free(out);
}

static void test_tsan_heap(void)
{
    static const char *const want[] = {
        "| The main thread read 4 bytes at 0x7b080000002c, in main (race_heap.c:18).",
        "| The memory is in a heap block of 32 bytes, allocated by the main thread,",
        "at main (race_heap.c:15). Every thread that has a pointer to the block can",
        "| >   18      printf(\"p[3]=%d\\n\", p[3]);",
        "Neither access was made holding a lock, so no lock orders them.",
        NULL,
    };
    unit_expect("tsan-gcc12-race_heap.log", &unit_gen, 1, 0, want);
}

static void test_lock_order(void)
{
    static const char *const tsan[] = {
        "A lock-order inversion, a potential deadlock",
        "| Each arrow means \"held while taking\": M0 => M1 => M0.",
        "| The main thread took M1 while holding M0, at ab (lock_order.c:11): the",
        "edge M0 => M1.",
        "| Thread T1 took M0 while holding M1, at ba (lock_order.c:20): the edge M1",
        "| This is where the same thread had taken M0, at ab (lock_order.c:10).",
        "| >   11      pthread_mutex_lock(&b);",
        "| The summary names no line of the program: the top frame of the first",
        "| How to fix: choose one order for these locks",
        NULL,
    };
    unit_expect("tsan-clang14-lock_order.log", &unit_gen, 1, 0, tsan);
    static const char *const helgrind[] = {
        "Thread #2 first took the lock at 0x10C0A0, at ba",
        "...and then, still holding it, took the lock at 0x10C060, at ba",
        "That established the order \"0x10C060 before 0x10C0A0\"",
        "Helgrind first saw the lock at 0x10C060, the variable a, here",
        "| How to fix: choose one order for these locks",
        NULL,
    };
    unit_expect("helgrind-lock_order.log", &unit_gen, 1, 0, helgrind);
}

static void test_thread_leak(void)
{
    static const char *const want[] = {
        "A thread leak: a thread was created and never joined, nor detached.",
        "| Thread T1 was created by the main thread, at main (thread_leak.c:14),",
        "Nobody joined it with pthread_join, and it was not detached: that is the leak.",
        "| >   14      pthread_create(&t, NULL, quick, NULL);",
        "| How to fix: call pthread_join on every thread you create",
        NULL,
    };
    unit_expect("tsan-clang14-thread_leak.log", &unit_gen, 1, 0, want);
    unit_expect("tsan-clang19-thread_leak.log", &unit_gen, 1, 0, want);
}

static void test_helgrind_race(void)
{
    static const char *const want[] = {
        "Helgrind runs the program on Valgrind's simulated CPU",
        "| Thread #3 was created here, at main (mutex_different.c:99).",
        "Helgrind first saw the lock at 0x10C100, the variable withdraw_lock,",
        "* ==4337==    at 0x1095B2: withdraw (mutex_different.c:54)",
        "| Thread #3 read 8 bytes at 0x10C0A0, in withdraw",
        "Thread #3 was created at main (mutex_different.c:99).",
        "It held the lock at 0x10C100 (withdraw_lock).",
        "| They held different locks (thread #3: the lock at 0x10C100",
        "| >   54      balance -= 1; /* RACE(balance) */",
        "| The memory is the global or static variable balance: one",
        "| Another data race; the first one above says what that means.",
        "| How to fix: as for the first data race above.",
        "| 3998 errors from 4 contexts: errors count every time a problem was seen",
        NULL,
    };
    unit_expect("case-helgrind-mutex_different.log", &unit_plain, 4, 0, want);
}

static void test_drd_race(void)
{
    static const char *const want[] = {
        "DRD runs the program on Valgrind's simulated CPU",
        "| Thread 3 read 4 bytes at 0x0010c02c, in bump",
        "| DRD names only this access, the later of the two.",
        "The memory is a global or static variable without an",
        "| Thread 2's conflicting access lies between the segment start",
        "That thread had finished, so DRD no longer has the stacks",
        "DRD names only this access, the later of the two; the other lies in the other segment",
        "| >   10      counter++;",
        NULL,
    };
    unit_expect("drd-race_global.log", &unit_gen, 2, 0, want);
}

static void test_mutex_misuse(void)
{
    static const char *const destroy[] = {
        "A locked mutex was destroyed.",
        "| The mutex is destroyed here, while still locked, at main",
        "| This is where the mutex was locked, at main (destroy_locked.c:9); it was",
        "| The mutex is on the stack of the main thread: a local variable.",
        "| M0 is the mutex at 0x7ffc73982fe0. It was initialised here, at main",
        "| How to fix: unlock the mutex before destroying it",
        NULL,
    };
    unit_expect("tsan-gcc12-destroy_locked.log", &unit_gen, 1, 0, destroy);
    static const char *const drd_destroy[] = {
        "| The mutex is destroyed here, while still locked, at main",
        "| DRD first saw the mutex at 0x1fff000400 here, at main",
        NULL,
    };
    unit_expect("drd-destroy_locked.log", &unit_gen, 1, 0, drd_destroy);
    static const char *const unlock[] = {
        "A mutex was unlocked that was not locked, or not by this thread.",
        "| The unlock is here, at main (unlock_unlocked.c:11).",
        "The lock itself is a local variable on thread #1's stack, in main",
        "| A pthread call returned an error, named on the next line.",
        "| How to fix: make every unlock match a lock taken by the same",
        NULL,
    };
    unit_expect("helgrind-unlock_unlocked.log", &unit_gen, 2, 0, unlock);
    static const char *const tsan_unlock[] = {
        "| The unlock is here, at main (unlock_unlocked.c:11).",
        "| How to fix: make every unlock match a lock taken by the same thread",
        NULL,
    };
    unit_expect("tsan-gcc12-unlock_unlocked.log", &unit_gen, 1, 0, tsan_unlock);
    static const char *const relock[] = {
        "A thread locked a mutex it already held.",
        "| The second lock, taken while the thread already held the",
        "| The same thread had locked it already, here, at main",
        "| >   15      int rc = pthread_mutex_lock(&m);",
        "| How to fix: do not lock a mutex you already hold.",
        NULL,
    };
    unit_expect("helgrind-double_lock.log", &unit_gen, 2, 0, relock);
    static const char *const tsan_relock[] = {
        "| The second lock, taken while the thread already held the mutex, is here,",
        "| The mutex is the global variable m (40 bytes)",
        "TSan first saw it here, at take (double_lock_tsan.c:14), where it was first used",
        "(a mutex set up with PTHREAD_MUTEX_INITIALIZER has no init call to show)",
        NULL,
    };
    unit_expect("tsan-gcc12-double_lock.log", &unit_gen, 1, 0, tsan_relock);
    static const char *const drd_relock[] = {
        "| The second lock, taken while the thread already held the mutex, is here,",
        "| DRD first saw the mutex at 0x1fff000410 here, at main (double_lock.c:13).",
        NULL,
    };
    unit_expect("drd-double_lock.log", &unit_gen, 1, 0, drd_relock);
}

static void test_signal_unsafe(void)
{
    static const char *const want[] = {
        "A signal handler called a function that is not async-signal-safe.",
        "| The handler called malloc here, at on_usr1 (signal_unsafe.c:14). The",
        "| The handler called free here, at on_usr1 (signal_unsafe.c:16). The",
        "| Another signal-unsafe call; the first one above says what that means.",
        "| A signal handler changed errno without saving and restoring it",
        "| How to fix: do as little as possible in the handler",
        "| How to fix: as for the first signal-unsafe call above.",
        NULL,
    };
    unit_expect("tsan-clang14-signal_unsafe.log", &unit_gen, 3, 0, want);
}

static void test_use_after_free(void)
{
    static const char *const want[] = {
        "A heap use after free: memory was accessed after the block holding it had",
        "| The detector caught it at this access, the later of the two in this run:",
        "| The main thread freed the block at 0x7b0400000000, in main",
        "The detector counts freeing a block as writing all of it",
        "| >   19      free(p);",
        "| How to fix: free the block only once no thread can use it any more",
        NULL,
    };
    unit_expect("tsan-clang14-use_after_free.log", &unit_gen, 1, 0, want);
}

static void test_cut_off(void)
{
    static const char *const cut[] = {
        "| The log ends inside this report: it was cut off",
        "| How to fix: as for the first data race above.",
        NULL,
    };
    unit_expect("tsan-gcc12-cut.log", &unit_gen, 2, 1, cut);
    unit_expect("helgrind-cut.log", &unit_gen, 2, 1, cut);
    unit_expect("drd-cut.log", &unit_gen, 2, 1, cut);
    /* A report whose summary is out is whole even if its closing separator
       never comes. */
    static const char log[] =
        "WARNING: ThreadSanitizer: thread leak (pid=1)\n"
        "SUMMARY: ThreadSanitizer: thread leak (a+0x1) in pthread_create\n"
        "WARNING: ThreadSanitizer: thread leak (pid=1)\n"
        "SUMMARY: ThreadSanitizer: thread leak (a+0x1) in pthread_create\n"
        "FATAL: ThreadSanitizer CHECK failed: somewhere\n";
    explain_stats st;
    char *out = unit_explain_text(log, &unit_plain, &st);
    UNIT_CHECK(st.reports == 2 && st.cut == 0);
    unit_lacks(out, "breaks off", "summary then another report");
    unit_has(out, "| ThreadSanitizer itself failed here", "a runtime failure");
    free(out);
}

static void test_failed_restore(void)
{
    /* The locks of an access whose stack is lost are unknown, not "none". */
    static const char *const want[] = {
        "TSan could not restore the stack of this access",
        "| The program slept between the two accesses, as if that ordered them.",
        NULL,
    };
    unit_expect("tsan-gcc12-failed_restore.log", &unit_gen, 1, 0, want);
    explain_stats st;
    char *out = unit_explain_log(LOGS "tsan-gcc12-failed_restore.log", &unit_gen, &st);
    unit_lacks(out, "Neither access was made holding a lock", "failed restore");
    free(out);
}

/* Helgrind's report of a pthread call that failed is a kind of its own, and
 * the error code is read for the misuse it names. */
static void test_pthread_error(void)
{
    static const char *const relock[] = {
        "| A pthread call returned an error, named on the next line.",
        "| The call that failed is here, at main (double_lock.c:15). It failed with EDEADLK: the "
        "thread already held this error-checking mutex: a double lock.",
        "| How to fix: the error names the misuse; fix that, not the check.",
        NULL,
    };
    unit_expect("helgrind-double_lock.log", &unit_gen, 2, 0, relock);
    static const char *const destroy[] = {
        "It failed with EBUSY: the mutex is still locked.",
        NULL,
    };
    unit_expect("case-helgrind-mutex_destroy_locked.log", &unit_gen, 2, 0, destroy);
    explain_stats st;
    free(unit_explain_log(LOGS "helgrind-double_lock.log", &unit_gen, &st));
    UNIT_CHECK(st.kinds[EXPLAIN_PTHREAD_ERROR] == 1 && st.kinds[EXPLAIN_OTHER] == 0);
    /* the same code from another call means something else: no guess */
    static const char log[] =
        "==5== Thread #1's call to pthread_join failed\n"
        "==5==    with error code 35 (EDEADLK: Resource deadlock would occur)\n"
        "==5==    by 0x1091DD: main (join.c:13)\n"
        "==5== \n";
    char *out = unit_explain_text(log, &unit_plain, &st);
    unit_has(out, "(join.c:13). It failed with EDEADLK.", "join");
    free(out);
}

/*
 * Sections (explain.h): each header a report's stack or fact hangs from is
 * counted, and one explain has no words for is counted as unnoted; the
 * empty stack under a TSan race title is none.
 */
static void test_sections(void)
{
    explain_stats st;
    free(unit_explain_log(LOGS "case-tsan-clang-racy_counter.log", &unit_gen, &st));
    /* two races, each of two accesses, the location and two thread creations */
    UNIT_CHECK(st.sections == 10 && st.unnoted == 0);
    free(unit_explain_log(LOGS "drd-race_global.log", &unit_gen, &st));
    UNIT_CHECK(st.sections > 0 && st.unnoted == 0);
    static const char log[] =
        "WARNING: ThreadSanitizer: data race (pid=7)\n"
        "  Write of size 4 at 0x1 by thread T1:\n"
        "    #0 f /src/a.c:3 (a+0x1)\n"
        "\n"
        "  Something new under the title:\n"
        "    #0 g /src/a.c:4 (a+0x1)\n"
        "\n"
        "  Location is somewhere never seen before.\n"
        "\n"
        "SUMMARY: ThreadSanitizer: data race /src/a.c:3 in f\n"
        "==================\n";
    char *out = unit_explain_text(log, &unit_plain, &st);
    UNIT_CHECK(st.sections == 3 && st.unnoted == 2);
    free(out);
    char *totals = NULL;
    size_t n = 0;
    FILE *mem = unit_memstream(&totals, &n);
    explain_print_totals(mem, "x.log", &st, 0);
    fclose(mem);
    UNIT_STREQ(totals, "racecard explain: x.log: 1 report (1 data race); 2 sections not "
                       "recognised\n");
    free(totals);
}

/*
 * The sections real logs contain beyond racecard's own cases (issue 12),
 * each with its note: Helgrind's --read-var-info lines and a freed block,
 * Valgrind's error-limit notice, DRD's lock held too long and barrier
 * wait, TSan's folded thread leaks and signal handler, and the kinds one
 * misuse has across detectors.
 */
static void test_real_world_sections(void)
{
    static const char *const var[] = {
        "The memory is the variable counter, declared at race_global.c:5: one object", NULL};
    unit_expect("helgrind-read_var_info.log", &unit_gen, 2, 0, var);
    static const char *const freed[] = {"heap block that has already been freed", NULL};
    unit_expect("helgrind-sections_freed.log", &unit_gen, 1, 0, freed);
    static const char *const notice[] = {"Valgrind's own notice, not a report", NULL};
    unit_expect("drd-many_races.log", &unit_gen, 240, 0, notice);
    static const char *const held[] = {
        "DRD's report of a lock held longer than --exclusive-threshold",
        "The lock was released here, 51 ms after it was taken", "threshold of 10 ms", NULL};
    unit_expect("drd-lock_misuse_held.log", &unit_gen, 1, 0, held);
    static const char *const barrier[] = {
        "A barrier was destroyed while another thread may still be inside",
        "Thread 2 was still inside its barrier wait here", NULL};
    unit_expect("drd-sections_barrier.log", &unit_gen, 1, 0, barrier);
    static const char *const leaks[] = {"2 more threads started there were never joined", NULL};
    unit_expect("tsan-clang14-sections_leaks.log", &unit_gen, 1, 0, leaks);
    static const char *const handler[] = {"The handler of signal 10 ran here", NULL};
    unit_expect("tsan-clang19-sections_errno.log", &unit_gen, 1, 0, handler);
    static const char *const exits[] = {"A thread ended while holding a lock", NULL};
    unit_expect("drd-lock_misuse_exit2.log", &unit_gen, 2, 0, exits);
    unit_expect("helgrind-lock_misuse_exit2.log", &unit_gen, 1, 0, exits);
    static const char *const invalid[] = {"A lock call was given something that is not a lock",
                                          NULL};
    unit_expect("tsan-clang14-lock_misuse_invalid.log", &unit_gen, 1, 0, invalid);
    /* -q, no history: the race is whole, not cut off */
    static const char *const quiet[] = {"A data race", NULL};
    unit_expect("helgrind-q_history_none.log", &unit_gen, 2, 0, quiet);
    /* no banner, no separators: the same reports as with them */
    static const char *const bare[] = {"A data race", "A thread ended while holding a lock", NULL};
    unit_expect("helgrind-no_separator.log", &unit_gen, 4, 0, bare);
    /* the report glued to the program's output is read */
    static const char *const glued[] = {"Thread 1 read 4 bytes at 0x0010c044, in main", NULL};
    unit_expect("drd-glued_output.log", &unit_gen, 2, 0, glued);
}

/*
 * What explain adds for a learner (explain_learn.c): the catalog's record of
 * a known false positive or negative, the race-free twin, a race with one
 * side, how to get the source quoted, and malloc's "write".
 */
static void test_learner(void)
{
    /* Helgrind's false positive on a C11 atomic counter: the expected file's
       reason, and no advice to make the variable atomic */
    explain_opts o = unit_gen;
    o.case_name = "refcount_atomic";
    o.expected = RACECARD_SOURCE_DIR "/expected/helgrind/refcount_atomic";
    explain_stats st;
    char *out = unit_explain_log(LOGS "case-helgrind-refcount_atomic.log", &o, &st);
    unit_has(out, "racecard's catalog has this report on record", "refcount_atomic");
    unit_has(out, "Helgrind does not model C11 atomics", "refcount_atomic");
    unit_lacks(out, "or make the variable atomic", "refcount_atomic");
    free(out);
    /* a false negative is named at the end, with its reason */
    o.case_name = "mutex_double_lock";
    o.expected = RACECARD_SOURCE_DIR "/expected/tsan-clang/mutex_double_lock";
    out = unit_explain_log(LOGS "empty.log", &o, &st);
    unit_has(out, "a report this detector does not give on this case", "mutex_double_lock");
    unit_has(out, "double-lock mutex_double_lock.c:43 is in the case's markers", "mutex_double_lock");
    free(out);
    /* the fix points at the race-free twin */
    o.case_name = "dotprod_nomutex";
    o.expected = NULL;
    out = unit_explain_log(LOGS "case-tsan-clang-dotprod_nomutex.log", &o, &st);
    unit_has(out, "dotprod_mutex is this program done right", "dotprod_nomutex");
    free(out);
    /* one side only, and no source at hand */
    out = unit_explain_log(LOGS "helgrind-q_history_none.log", &unit_plain, &st);
    unit_has(out, "This report names only one side of the race", "q_history_none");
    unit_has(out, "No source lines were quoted: race_global.c was not found", "q_history_none");
    unit_has(out, "explain --source DIR", "q_history_none");
    free(out);
    out = unit_explain_log(LOGS "helgrind-q_history_none.log", &unit_gen, &st);
    unit_lacks(out, "No source lines were quoted", "q_history_none with its source");
    free(out);
    /* TSan's malloc counted as a write */
    out = unit_explain_log(LOGS "tsan-clang14-sections_alloc.log", &unit_gen, &st);
    unit_has(out, "The main thread allocated the block", "sections_alloc");
    unit_has(out, "ThreadSanitizer counts allocating a block as writing all of it", "sections_alloc");
    free(out);
    /* every pair of the table of twins: a racy case and a race-free one */
    const char *racy, *twin;
    for (size_t i = 0; explain_learn_twin_at(i, &racy, &twin); i++) {
        const char *names[2] = {racy, twin};
        const char *want[2] = {"race", "race-free"};
        for (int k = 0; k < 2; k++) {
            text_buf path, err;
            text_buf_init(&path);
            text_buf_init(&err);
            text_buf_printf(&path, "%s/%s.c", CASES, names[k]);
            case_info c;
            int rc = case_load(path.s, &c, &err);
            unit_checks++;
            if (rc || strcmp(c.verdict, want[k]) != 0) {
                fprintf(stderr, "twins: %s is not a %s case (%s)\n", names[k], want[k],
                        rc ? err.s : c.verdict);
                unit_failures++;
            }
            case_free(&c);
            text_buf_free(&path);
            text_buf_free(&err);
        }
    }
}

static void test_unknown_kind(void)
{
    static const char log[] =
        "==================\n"
        "WARNING: ThreadSanitizer: some report of a new kind (pid=7)\n"
        "    #0 frob /src/frob.c:3 (a+0x1)\n"
        "\n"
        "SUMMARY: ThreadSanitizer: some report of a new kind /src/frob.c:3 in frob\n"
        "==================\n";
    explain_stats st;
    char *out = unit_explain_text(log, &unit_plain, &st);
    UNIT_CHECK(st.reports == 1 && st.kinds[EXPLAIN_OTHER] == 1);
    unit_has(out, "  WARNING: ThreadSanitizer: some report of a new kind (pid=7)\n", "unknown");
    unit_has(out, "racecard has no explanation of its own for this kind of report", "unknown");
    unit_has(out, "| The program's own code comes in at frob (frob.c:3).", "unknown");
    unit_has(out, "| How to fix: racecard has no advice of its own", "unknown");
    free(out);
    /* a value that is no kind names no memory past the table */
    UNIT_STREQ(explain_kind_name(EXPLAIN_OTHER), "other");
    UNIT_STREQ(explain_kind_name(EXPLAIN_NKINDS), "other");
}

static void test_crash_and_failures(void)
{
    static const char *const crash[] = {
        "| This is not a race report: the program died of a signal",
        "| The program's own code at this point: main (crash.c:24).",
        NULL,
    };
    unit_expect("tsan-gcc12-crash.log", &unit_gen, 2, 0, crash);
    unit_expect("drd-crash.log", &unit_gen, 2, 0, crash);
    static const char *const mapping[] = {
        "| ThreadSanitizer could not start: the kernel placed memory where TSan's",
        NULL,
    };
    unit_expect("tsan-clang14-bad_mapping.log", &unit_gen, 0, 0, mapping);
    static const char *const vg[] = {
        "| Valgrind itself could not start or go on",
        NULL,
    };
    unit_expect("valgrind-no_such_tool.log", &unit_gen, 0, 0, vg);
}

/* ------------------------------------------------------------------ */
/* Source quotes                                                       */
/* ------------------------------------------------------------------ */

static void test_sources(void)
{
    explain_stats st;
    /* Without --source, only racecard's own cases are found. */
    char *out = unit_explain_log(LOGS "tsan-clang14-race_global.log", &unit_plain, &st);
    unit_lacks(out, "counter++", "race_global without --source");
    free(out);
    out = unit_explain_log(LOGS "tsan-clang14-race_global.log", &unit_gen, &st);
    unit_has(out, "| >   10      counter++;", "race_global with --source");
    unit_has(out, "| (race_global.c:10 is quoted above.)", "race_global with --source");
    free(out);
    /* A file named like a case but in another program's tree is not a case. */
    static const char other[] =
        "WARNING: ThreadSanitizer: data race (pid=1)\n"
        "  Write of size 4 at 0x10 by thread T1:\n"
        "    #0 decrement /home/someone/src/racy_counter.c:56:7 (a+0x1)\n"
        "\n"
        "  Previous write of size 4 at 0x10 by thread T2:\n"
        "    #0 increment racy_counter.c:9999 (a+0x1)\n"
        "\n"
        "SUMMARY: ThreadSanitizer: data race /home/someone/src/racy_counter.c:56:7 in decrement\n"
        "==================\n";
    out = unit_explain_text(other, &unit_plain, &st);
    unit_lacks(out, "RACE(x)", "a foreign racy_counter.c");
    unit_has(out, "(racy_counter.c has only ", "a line past the end of the case");
    unit_has(out, "it is not the source this program was built from.", "line past the end");
    free(out);
}

/* ------------------------------------------------------------------ */
/* Nothing dropped, nothing reordered, every title explained           */
/* ------------------------------------------------------------------ */

/* The lines of s (split at '\n'), as pointers into a copy the caller frees. */
static char **unit_lines(char *s, size_t *n)
{
    size_t cap = 16;
    char **v = text_alloc(cap * sizeof *v);
    *n = 0;
    for (char *p = s; *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (*n == cap)
            v = text_realloc(v, (cap *= 2) * sizeof *v);
        v[(*n)++] = p;
        if (!nl)
            break;
        p = nl + 1;
    }
    return v;
}

/* An output line that shows the input line: as is, or after the gutter. */
static int unit_shows(const char *out, const char *in)
{
    if (strcmp(out, in) == 0)
        return 1;
    return (text_starts_with(out, "  ") || text_starts_with(out, "* ")) && strcmp(out + 2, in) == 0;
}

/* A report title as each detector prints it, recognised apart from explain. */
static int unit_is_title(const char *line)
{
    static const char *const vg[] = {
        "Possible data race during", "Conflicting load by", "Conflicting store by",
        "lock order \"", "Attempt to re-lock", "unlocked a not-locked lock",
        "Destroying locked mutex", "Recursive locking not allowed", "Mutex not locked",
        "pthread_mutex_destroy of a locked mutex", NULL,
    };
    if (strstr(line, "WARNING: ThreadSanitizer: ") && strstr(line, "(pid="))
        return 1;
    size_t digits = strspn(line + 2, "0123456789");
    if (!text_starts_with(line, "==") || digits < 1 || digits > 9 ||
        !text_starts_with(line + 2 + digits, "== "))
        return 0;
    for (size_t i = 0; vg[i]; i++)
        if (strstr(line, vg[i]))
            return 1;
    return 0;
}

/* Every line of the log appears in the output, in order; every title is
 * followed at once by a note; every section is recognised. */
static void unit_check_whole(const char *path, const char *name)
{
    FILE *f = fopen(path, "r");
    if (!UNIT_HOLDS(f != NULL))
        return;
    explain_stats st;
    char *out = unit_explain_file(f, &unit_gen, &st);
    rewind(f);
    size_t nout;
    char **o = unit_lines(out, &nout);
    text_reader rd;
    text_reader_init(&rd, f);
    const char *in;
    size_t at = 0;
    int lost = 0, bare = 0;
    while (!lost && (in = text_reader_next(&rd)) != NULL) {
        while (at < nout && !unit_shows(o[at], in))
            at++;
        if (at == nout) {
            fprintf(stderr, "%s:%lu: line not in the output, or out of order\n", name, rd.lineno);
            lost = 1;
            break;
        }
        if (unit_is_title(in) && !(at + 1 < nout && unit_is_note(o[at + 1]))) {
            fprintf(stderr, "%s:%lu: title without a note under it\n", name, rd.lineno);
            bare = 1;
        }
        at++;
    }
    /* every section of every recorded log has its note: a new kind of line
       in a real log must be taught to explain before its log is recorded */
    int unnoted = st.unnoted > 0;
    if (unnoted)
        fprintf(stderr, "%s: %u sections not recognised\n", name, st.unnoted);
    unit_checks += 3;
    unit_failures += lost + bare + unnoted;
    text_reader_free(&rd);
    free(o);
    free(out);
    fclose(f);
}

static void test_nothing_dropped(void)
{
    DIR *d = opendir(LOGS);
    UNIT_CHECK(d != NULL);
    if (!d)
        return;
    struct dirent *e;
    unsigned logs = 0;
    while ((e = readdir(d)) != NULL) {
        if (!text_ends_with(e->d_name, ".log"))
            continue;
        text_buf path;
        text_buf_init(&path);
        text_buf_printf(&path, "%s%s", LOGS, e->d_name);
        unit_check_whole(path.s, e->d_name);
        text_buf_free(&path);
        logs++;
    }
    closedir(d);
    UNIT_CHECK(logs > 50);
}

static void test_garbage(void)
{
    /* Any bytes at all: the recorded garbage, and fragments that look like
       the start of something, one after the other. */
    static const char bits[] =
        "==1== Possible data race during write of size 4 at 0x1 by thread #2\n"
        "==1== Locks held: 3, at addresses\n==1== This conflicts with a previous\n"
        "==1==  Address 0x\n==1== Lock at 0x\n==1== ---\n==1== \n==1==    at 0x1: \n"
        "WARNING: ThreadSanitizer: \n  Write of size\n  Previous\n  Mutex \n  Thread T\n"
        "  Location is global '\n  Location is heap block\n  Cycle in lock order graph:\n"
        "    #0 \n    #1 f (\n    #2 ((((((( ))))\nSUMMARY: ThreadSanitizer: \n"
        "SUMMARY: ThreadSanitizer:  in \n==2== drd, a thread error detector\n"
        "==2== Conflicting load by\n==2== Other segment end (thread\n==2== mutex  was first "
        "observed at:\n==3== Thread #1: lock order \"\n==3==  followed by a later\n";
    explain_stats st;
    char *out = unit_explain_text(bits, &unit_plain, &st);
    UNIT_CHECK(out != NULL && st.reports >= 3);
    free(out);
    out = unit_explain_log(LOGS "garbage.log", &unit_plain, &st);
    UNIT_CHECK(out != NULL);
    free(out);
    /* Many processes at once: the oldest give way without losing a line. */
    text_buf many;
    text_buf_init(&many);
    for (int pid = 1; pid <= 300; pid++)
        text_buf_printf(&many, "==%d== Conflicting store by thread 2 at 0x1 size 4\n", pid);
    out = unit_explain_text(many.s, &unit_plain, &st);
    UNIT_CHECK(st.reports == 300 && st.cut == 300);
    unit_has(out, "  ==300== Conflicting store by thread 2 at 0x1 size 4\n", "300 processes");
    free(out);
    text_buf_free(&many);
}

/* ------------------------------------------------------------------ */
/* Colour and streaming                                                */
/* ------------------------------------------------------------------ */

static void test_color(void)
{
    int color = -1;
    UNIT_CHECK(explain_color_choice("auto", 1, NULL, &color) == 0 && color == 1);
    UNIT_CHECK(explain_color_choice("auto", 0, NULL, &color) == 0 && color == 0);
    UNIT_CHECK(explain_color_choice("auto", 1, "1", &color) == 0 && color == 0);
    UNIT_CHECK(explain_color_choice("auto", 1, "", &color) == 0 && color == 1);
    UNIT_CHECK(explain_color_choice("always", 0, "1", &color) == 0 && color == 1);
    UNIT_CHECK(explain_color_choice("never", 1, NULL, &color) == 0 && color == 0);
    UNIT_CHECK(explain_color_choice("sometimes", 1, NULL, &color) == -1);
    explain_opts o = {1, NULL, CASES, NULL, NULL, NULL};
    explain_stats st;
    char *out = unit_explain_log(LOGS "case-tsan-clang-racy_counter.log", &o, &st);
    unit_has(out, "\033[1;33m*\033[0m ", "colour: the marked frame");
    unit_has(out, "\033[36m| A data race", "colour: a note");
    unit_has(out, "\033[32m| How to fix", "colour: how to fix");
    free(out);
    out = unit_explain_log(LOGS "case-tsan-clang-racy_counter.log", &unit_plain, &st);
    unit_lacks(out, "\033[", "no colour");
    free(out);
}

/* Reads what the child wrote until `want` shows up or 10 s pass. */
static int unit_read_until(int fd, const char *want)
{
    text_buf got;
    text_buf_init(&got);
    text_buf_adds(&got, "");
    int found = 0;
    for (int waited = 0; !found && waited < 100;) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) {
            waited++;
            continue;
        }
        char buf[4096];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        text_buf_add(&got, buf, (size_t)n);
        found = strstr(got.s, want) != NULL;
    }
    text_buf_free(&got);
    return found;
}

static void test_streams(void)
{
    /* The explanation of a report comes out while the log is still open. */
    static const char report[] =
        "WARNING: ThreadSanitizer: data race (pid=1)\n"
        "  Write of size 4 at 0x10 by thread T1:\n"
        "    #0 f /src/a.c:3 (a+0x1)\n"
        "\n"
        "SUMMARY: ThreadSanitizer: data race /src/a.c:3 in f\n"
        "==================\n";
    int in[2], out[2];
    UNIT_CHECK(pipe(in) == 0 && pipe(out) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(in[1]);
        close(out[0]);
        FILE *fi = fdopen(in[0], "r"), *fo = fdopen(out[1], "w");
        setvbuf(fo, NULL, _IOLBF, 0);
        explain_stats st;
        memset(&st, 0, sizeof st);
        _exit(explain_stream(fi, fo, &unit_plain, &st) == 0 && fclose(fo) == 0 ? 0 : 1);
    }
    close(in[0]);
    close(out[1]);
    UNIT_CHECK(write(in[1], report, sizeof report - 1) == (ssize_t)(sizeof report - 1));
    UNIT_CHECK(unit_read_until(out[0], "| How to fix:"));
    close(in[1]);
    int status = 0;
    UNIT_CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(out[0]);
}

/* ------------------------------------------------------------------ */
/* Golden files                                                        */
/* ------------------------------------------------------------------ */

static char *unit_slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    text_buf b;
    text_buf_init(&b);
    text_buf_adds(&b, "");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        text_buf_add(&b, buf, n);
    fclose(f);
    return b.s;
}

/* Says where got and want first differ, by line. */
static void unit_first_difference(const char *got, const char *want)
{
    unsigned long line = 1;
    const char *g = got, *w = want, *gl = got, *wl = want;
    for (; *g && *g == *w; g++, w++)
        if (*g == '\n') {
            line++;
            gl = g + 1;
            wl = w + 1;
        }
    fprintf(stderr, "  line %lu:\n  got:  %.*s\n  want: %.*s\n", line, (int)strcspn(gl, "\n"),
            gl, (int)strcspn(wl, "\n"), wl);
}

/* explain LOGS/log must print exactly tests/explain/golden. */
static void unit_golden(const char *log, const explain_opts *o, const char *golden)
{
    text_buf path, gpath;
    text_buf_init(&path);
    text_buf_init(&gpath);
    text_buf_printf(&path, "%s%s", LOGS, log);
    text_buf_printf(&gpath, "%s/explain/%s", RACECARD_TEST_DIR, golden);
    explain_stats st;
    memset(&st, 0, sizeof st);
    char *out = NULL;
    size_t n = 0;
    FILE *mem = unit_memstream(&out, &n);
    FILE *f = fopen(path.s, "r");
    UNIT_CHECK(f && explain_stream(f, mem, o, &st) == 0);
    explain_print_totals(mem, log, &st, 0);
    fclose(mem);
    if (f)
        fclose(f);
    if (unit_bless) {
        FILE *g = fopen(gpath.s, "w");
        UNIT_CHECK(g && fputs(out, g) >= 0 && fclose(g) == 0);
        printf("wrote %s\n", gpath.s);
    } else {
        char *want = unit_slurp(gpath.s);
        unit_checks++;
        if (!want || strcmp(out, want) != 0) {
            fprintf(stderr, "%s: explain output differs from %s (unit_explain --bless rewrites "
                            "it)\n", log, gpath.s);
            unit_first_difference(out, want ? want : "");
            unit_failures++;
        }
        free(want);
    }
    free(out);
    text_buf_free(&path);
    text_buf_free(&gpath);
}

static void test_golden(void)
{
    unit_golden("case-tsan-clang-racy_counter.log", &unit_plain, "case-tsan-clang-racy_counter.txt");
    unit_golden("case-helgrind-mutex_different.log", &unit_plain,
                "case-helgrind-mutex_different.txt");
}

int main(int argc, char **argv)
{
    unit_bless = argc > 1 && strcmp(argv[1], "--bless") == 0;
    signal(SIGPIPE, SIG_IGN);
    if (!unit_bless) {
        test_tsan_race_with_mutexes();
        test_tsan_rwlock_readers();
        test_tsan_heap();
        test_lock_order();
        test_thread_leak();
        test_helgrind_race();
        test_drd_race();
        test_mutex_misuse();
        test_signal_unsafe();
        test_use_after_free();
        test_cut_off();
        test_failed_restore();
        test_pthread_error();
        test_sections();
        test_real_world_sections();
        test_learner();
        test_unknown_kind();
        test_crash_and_failures();
        test_sources();
        test_nothing_dropped();
        test_garbage();
        test_color();
        test_streams();
    }
    test_golden();
    return unit_finish("unit_explain");
}
