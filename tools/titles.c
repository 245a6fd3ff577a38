/*
 * titles.c - the table of detector report titles (see titles.h).
 *
 * Rows are tried in order and the first that matches wins, so a fragment
 * that could occur inside another title must come after that title's row.
 * No two rows of the titles detectors print today can both match one title.
 *
 * Titles that have no row stay other:SLUG for parse and get explain's
 * general note: among them ThreadSanitizer's "signal handler spoils errno"
 * and Helgrind's "pthread_cond_signal: associated lock is not held by any
 * thread".
 *
 * One misuse has one kind whichever detector reports it (docs/kinds.md):
 * "mutex" in a kind's name stands for any lock, reader-writer locks too, as
 * ThreadSanitizer's and Helgrind's titles do not tell them apart either.
 */
#include "titles.h"
#include "text.h"

#include <stdint.h>
#include <string.h>

static const struct titles_row {
    unsigned tools;         /* TITLES_* of the detectors that print it */
    const char *fragment;   /* the title holds this ... */
    const char *also;       /* ... and this too, unless NULL (or lenient) */
    titles_kind kind;
} titles_table[] = {
    /* ThreadSanitizer, any clang or gcc runtime: the TITLE of
       "WARNING: ThreadSanitizer: TITLE (pid=N)" */
    {TITLES_TSAN, "data race", NULL, TITLES_DATA_RACE},
    {TITLES_TSAN, "heap-use-after-free", NULL, TITLES_USE_AFTER_FREE},
    {TITLES_TSAN, "lock-order-inversion", NULL, TITLES_LOCK_ORDER},
    {TITLES_TSAN, "thread leak", NULL, TITLES_THREAD_LEAK},
    {TITLES_TSAN, "destroy of a locked mutex", NULL, TITLES_DESTROY_LOCKED},
    {TITLES_TSAN, "unlock of an unlocked mutex", NULL, TITLES_UNLOCK_UNLOCKED},
    {TITLES_TSAN, "double lock of a mutex", NULL, TITLES_DOUBLE_LOCK},
    {TITLES_TSAN, "signal-unsafe call inside of a signal", NULL, TITLES_SIGNAL_UNSAFE},
    {TITLES_TSAN, "use of an invalid mutex", NULL, TITLES_INVALID_MUTEX},
    /* Helgrind.  Its lock-order title carries addresses between its two
       ends: Thread #3: lock order "0x10C0A0 before 0x10C0C8" violated */
    {TITLES_HELGRIND, "lock order \"", "\" violated", TITLES_LOCK_ORDER},
    {TITLES_HELGRIND, "Possible data race during", NULL, TITLES_DATA_RACE},
    {TITLES_HELGRIND, "unlocked a not-locked lock", NULL, TITLES_UNLOCK_UNLOCKED},
    /* only ever raised by an unlock of something Helgrind never saw locked
       (a mutex from PTHREAD_MUTEX_INITIALIZER that nobody locked) */
    {TITLES_HELGRIND, "unlocked an invalid lock", NULL, TITLES_UNLOCK_UNLOCKED},
    {TITLES_HELGRIND, "currently held by thread", NULL, TITLES_UNLOCK_UNLOCKED},
    {TITLES_HELGRIND, "Attempt to re-lock a non-recursive lock", NULL, TITLES_DOUBLE_LOCK},
    {TITLES_HELGRIND, "pthread_mutex_destroy of a locked mutex", NULL, TITLES_DESTROY_LOCKED},
    {TITLES_HELGRIND, "Exiting thread still holds", NULL, TITLES_EXIT_HOLDING},
    /* "pthread_mutex_lock with a pthread_rwlock_t* argument": a lock call on
       something that is not that kind of lock, DRD's "is not a mutex" */
    {TITLES_HELGRIND, " with a pthread_", "_t* argument", TITLES_INVALID_MUTEX},
    /* refined by its error code: titles_failed_call_kind */
    {TITLES_HELGRIND, "'s call to pthread_", NULL, TITLES_PTHREAD_ERROR},
    /* DRD */
    {TITLES_DRD, "Conflicting load by thread", NULL, TITLES_DATA_RACE},
    {TITLES_DRD, "Conflicting store by thread", NULL, TITLES_DATA_RACE},
    {TITLES_DRD, "Recursive locking not allowed", NULL, TITLES_DOUBLE_LOCK},
    {TITLES_DRD, "Recursive writer locking not allowed", NULL, TITLES_DOUBLE_LOCK},
    {TITLES_DRD, "Mutex not locked", NULL, TITLES_UNLOCK_UNLOCKED},
    {TITLES_DRD, "Reader-writer lock not locked by calling thread", NULL,
     TITLES_UNLOCK_UNLOCKED},
    {TITLES_DRD, "Destroying locked mutex", NULL, TITLES_DESTROY_LOCKED},
    {TITLES_DRD, "Destroying locked rwlock", NULL, TITLES_DESTROY_LOCKED},
    {TITLES_DRD, "still locked at thread exit", NULL, TITLES_EXIT_HOLDING},
    /* refined by the call that met it: titles_not_a_lock_kind */
    {TITLES_DRD, "is not a mutex", NULL, TITLES_INVALID_MUTEX},
    {TITLES_DRD, "is not a reader-writer lock", NULL, TITLES_INVALID_MUTEX},
    {TITLES_DRD, "Not a mutex", NULL, TITLES_INVALID_MUTEX},
    {TITLES_DRD, "Not a reader-writer lock", NULL, TITLES_INVALID_MUTEX},
};

/*
 * The rows whose fragment starts with a given pair of bytes, as two masks a
 * byte (bit i: row i), so that a title is read once: at each of its
 * positions the rows that could start there are the AND of two lookups,
 * and only those are compared.  Trying every row's strstr in turn cost a
 * library call per row for every title of a long log.  Built on first use;
 * racecard runs jobs in processes, not threads.
 */
#define TITLES_NROWS (sizeof titles_table / sizeof *titles_table)
_Static_assert(TITLES_NROWS <= 64, "a row is a bit of a 64-bit mask");
static uint64_t titles_first[256], titles_second[256];
/* the rows of each set of detectors (a TITLES_* mask) */
#define TITLES_ALL (TITLES_TSAN | TITLES_HELGRIND | TITLES_DRD)
static uint64_t titles_rows_of[TITLES_ALL + 1];
static size_t titles_len[TITLES_NROWS];
static int titles_built;

static void titles_build(void)
{
    for (size_t i = 0; i < TITLES_NROWS; i++) {
        const unsigned char *f = (const unsigned char *)titles_table[i].fragment;
        titles_len[i] = strlen((const char *)f);
        titles_first[f[0]] |= UINT64_C(1) << i;
        titles_second[f[1]] |= UINT64_C(1) << i;   /* every fragment has two bytes */
        for (unsigned tools = 0; tools <= TITLES_ALL; tools++)
            if (titles_table[i].tools & tools)
                titles_rows_of[tools] |= UINT64_C(1) << i;
    }
    titles_built = 1;
}

titles_kind titles_kind_of(unsigned tools, const char *title, int lenient)
{
    if (!titles_built)
        titles_build();
    uint64_t wanted = titles_rows_of[tools & TITLES_ALL];
    /* the rows whose fragment the title holds; the first in the table's
       order then wins, as the table's comment says.  A row found that needs
       no second fragment settles every row after it, so only the rows
       before it are looked for from then on: the first row's title (a
       ThreadSanitizer data race) is settled at its first word. */
    uint64_t found = 0;
    const unsigned char *t = (const unsigned char *)title;
    for (size_t at = 0; wanted && t[at] && t[at + 1]; at++) {
        uint64_t m = titles_first[t[at]] & titles_second[t[at + 1]] & wanted & ~found;
        while (m) {
            int i = __builtin_ctzll(m);
            m &= m - 1;
            if (strncmp(title + at, titles_table[i].fragment, titles_len[i]) != 0)
                continue;
            found |= UINT64_C(1) << i;
            if (!titles_table[i].also || lenient)
                wanted &= (UINT64_C(1) << i) - 1;
        }
    }
    for (; found; found &= found - 1) {
        const struct titles_row *r = &titles_table[__builtin_ctzll(found)];
        if (!r->also || lenient || strstr(title, r->also))
            return r->kind;
    }
    return TITLES_OTHER;
}

const char *titles_canonical(titles_kind k)
{
    static const char *const names[] = {
        [TITLES_DATA_RACE] = "data-race",
        [TITLES_USE_AFTER_FREE] = "heap-use-after-free",
        [TITLES_LOCK_ORDER] = "lock-order-inversion",
        [TITLES_THREAD_LEAK] = "thread-leak",
        [TITLES_DESTROY_LOCKED] = "destroy-locked-mutex",
        [TITLES_UNLOCK_UNLOCKED] = "unlock-unlocked-mutex",
        [TITLES_DOUBLE_LOCK] = "double-lock",
        [TITLES_SIGNAL_UNSAFE] = "signal-unsafe-call",
        [TITLES_INVALID_MUTEX] = "invalid-mutex",
        [TITLES_EXIT_HOLDING] = "exit-holding-lock",
        [TITLES_PTHREAD_ERROR] = NULL,
        [TITLES_OTHER] = NULL,
    };
    _Static_assert(sizeof names / sizeof *names == TITLES_NKINDS, "one entry per titles_kind");
    return (unsigned)k < TITLES_NKINDS ? names[k] : NULL;
}

/* The word after "call to " in a title: "pthread_mutex_unlock"; "" if none. */
static size_t titles_call_name(const char *title, const char **start)
{
    const char *p = strstr(title, "call to ");
    if (!p) {
        *start = "";
        return 0;
    }
    p += 8;
    *start = p;
    return strcspn(p, " ");
}

static int titles_has(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++)
        if (strncmp(s + i, word, w) == 0)
            return 1;
    return 0;
}

titles_kind titles_failed_call_kind(const char *title, const char *error_line)
{
    const char *call;
    size_t n = titles_call_name(title, &call);
    const char *e = strchr(error_line, '(');
    if (!n || !e)
        return TITLES_PTHREAD_ERROR;
    e++;
    size_t en = strcspn(e, ":)");
    int lock = titles_has(call, n, "mutex") || titles_has(call, n, "rwlock");
    /* EBUSY from a destroy is left alone: glibc also refuses a mutex whose
       state a stray unlock has broken (tests/logs/helgrind-unlock_unlocked),
       and Helgrind reports a destroy of a really locked mutex by a title of
       its own. */
#define TITLES_ERRNO_IS(name) (en == strlen(name) && strncmp(e, name, en) == 0)
    if (!lock)
        return TITLES_PTHREAD_ERROR;
    if (TITLES_ERRNO_IS("EPERM") && titles_has(call, n, "unlock"))
        return TITLES_UNLOCK_UNLOCKED;
    if (TITLES_ERRNO_IS("EDEADLK") && titles_has(call, n, "lock") && !titles_has(call, n, "unlock"))
        return TITLES_DOUBLE_LOCK;
    if (TITLES_ERRNO_IS("EINVAL"))
        return TITLES_INVALID_MUTEX;
#undef TITLES_ERRNO_IS
    return TITLES_PTHREAD_ERROR;
}

titles_kind titles_not_a_lock_kind(const char *func)
{
    return func && strstr(func, "unlock") ? TITLES_UNLOCK_UNLOCKED : TITLES_INVALID_MUTEX;
}

const char *titles_other_slug(unsigned tools, const char *title)
{
    if ((tools & TITLES_DRD) && text_starts_with(text_skip_space(title), "Acquired at:"))
        return "lock-held-too-long";
    return NULL;
}

int titles_tsan_crash_signal(const char *what)
{
    static const struct {
        const char *name;
        int sig;
    } sigs[] = {
        {"SEGV", 11}, {"BUS", 7}, {"FPE", 8}, {"ILL", 4}, {"ABRT", 6}, {"TRAP", 5},
        {"stack-overflow", 11},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        size_t n = strlen(sigs[i].name);
        if (strncmp(what, sigs[i].name, n) == 0 && (what[n] == ' ' || what[n] == '\0'))
            return sigs[i].sig;
    }
    return 0;
}

int titles_hg_lock_announcement(const char *text)
{
    return text_starts_with(text_skip_space(text), "Lock at 0x");
}

int titles_vg_notice(const char *text)
{
    /* asked of most lines of a Valgrind report: a switch on the first
       byte picks the one text to compare, so most lines cost one jump */
    switch (text[0]) {
    case 'M': return text_starts_with(text, "More than ") && strstr(text, "errors detected");
    case 'w': return text_starts_with(text, "will still be recorded, but in less detail");
    case 'F': return text_starts_with(text, "Final error counts will be inaccurate");
    case 'R': return text_starts_with(text, "Rerun with --error-limit=no");
    case 't': return text_starts_with(text, "that errors may occur in your program without");
    case 'V': return text_starts_with(text, "Valgrind, because errors are no longer being displayed");
    default: return 0;
    }
}

/* "Thread #" and at least one digit. */
static int titles_hg_thread(const char *text)
{
    return text_starts_with(text, "Thread #") && text[8] >= '0' && text[8] <= '9';
}

int titles_hg_announcement(const char *text)
{
    return titles_hg_thread(text) &&
           (strstr(text, " was created") || strstr(text, " is the program's root thread"));
}

int titles_hg_bare_title(const char *text)
{
    if (text[0] == ' ' || titles_hg_announcement(text))
        return 0;
    return titles_hg_thread(text) || titles_kind_of(TITLES_HELGRIND, text, 0) != TITLES_OTHER;
}
