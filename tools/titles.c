/*
 * titles.c - the table of detector report titles (see titles.h).
 *
 * Rows are tried in order and the first that matches wins, so a fragment
 * that could occur inside another title must come after that title's row.
 * No two rows of the titles detectors print today can both match one title.
 *
 * Titles that have no row stay other:SLUG for parse and get explain's
 * general note: among them ThreadSanitizer's "signal handler spoils errno",
 * Helgrind's "Exiting thread still holds N lock" and "pthread_cond_signal:
 * associated lock is not held by any thread", DRD's "The object at address
 * 0x.. is not a mutex" and "Mutex 0x.. still locked at thread exit".
 */
#include "titles.h"
#include "text.h"

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
    {TITLES_HELGRIND, "'s call to pthread_", NULL, TITLES_PTHREAD_ERROR},
    /* DRD */
    {TITLES_DRD, "Conflicting load by thread", NULL, TITLES_DATA_RACE},
    {TITLES_DRD, "Conflicting store by thread", NULL, TITLES_DATA_RACE},
    {TITLES_DRD, "Recursive locking not allowed", NULL, TITLES_DOUBLE_LOCK},
    {TITLES_DRD, "Mutex not locked", NULL, TITLES_UNLOCK_UNLOCKED},
    {TITLES_DRD, "Destroying locked mutex", NULL, TITLES_DESTROY_LOCKED},
};

titles_kind titles_kind_of(unsigned tools, const char *title, int lenient)
{
    for (size_t i = 0; i < sizeof titles_table / sizeof *titles_table; i++) {
        const struct titles_row *r = &titles_table[i];
        if ((r->tools & tools) && strstr(title, r->fragment) &&
            (!r->also || lenient || strstr(title, r->also)))
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
        [TITLES_PTHREAD_ERROR] = NULL,
        [TITLES_OTHER] = NULL,
    };
    _Static_assert(sizeof names / sizeof *names == TITLES_NKINDS, "one entry per titles_kind");
    return (unsigned)k < TITLES_NKINDS ? names[k] : NULL;
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
