/*
 * explain_notes.c - the note under each section of a report: who accessed
 * what and which access came first, the locks each side held and why they
 * did not order the two, where the memory lives, where each thread and lock
 * came from, the edges of a lock-order cycle, and the stack under a title.
 *
 * The readers turn lines into facts (an access, a header, the first own
 * frame); this file turns those facts into sentences, so the wording can
 * change without touching any parsing.  What every report of a kind shares
 * (its meaning, how to fix it) is in explain_text.c.
 *
 * The notes say only what the log shows.  Which access "came first" is the
 * order in this run as the detector recorded it, and the note says why that
 * order proves nothing: a data race is the absence of a happens-before edge,
 * not a particular interleaving.  Locks are compared by the names the
 * detector printed (TSan's M0, M1; Helgrind's addresses), nothing more.
 */
#include "explain_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* Pieces of sentences                                                 */
/* ------------------------------------------------------------------ */

/* "Thread T2", "The main thread", "Thread #3": a thread opening a sentence. */
static void explain_subject(text_buf *b, const char *thread)
{
    if (!thread)
        text_buf_adds(b, "A thread");
    else if (text_starts_with(thread, "main thread"))
        text_buf_adds(b, "The main thread");
    else
        text_buf_printf(b, "%c%s", toupper((unsigned char)thread[0]), thread + 1);
}

/* "thread T2", "the main thread": a thread inside a sentence. */
static void explain_object(text_buf *b, const char *thread)
{
    if (!thread)
        text_buf_adds(b, "a thread");
    else if (text_starts_with(thread, "main thread"))
        text_buf_adds(b, "the main thread");
    else
        text_buf_adds(b, thread);
}

/* "decrement (racy_counter.c:56)". */
static void explain_at(text_buf *b, const explain_where *w)
{
    if (w->func)
        text_buf_printf(b, "%s (%s:%lu)", w->func, text_basename(w->file), w->line);
    else
        text_buf_printf(b, "%s:%lu", text_basename(w->file), w->line);
}

/* ", at decrement (racy_counter.c:56)" when there is an own frame. */
static void explain_comma_at(text_buf *b, const explain_where *w)
{
    if (!w->file)
        return;
    text_buf_adds(b, ", at ");
    explain_at(b, w);
}

/* The name part of a held-lock entry: "M0" of TSan's "write M0", or the address. */
static const char *explain_lock_key(const char *entry)
{
    const char *sp = strrchr(entry, ' ');
    return sp ? sp + 1 : entry;
}

static int explain_lock_read(const char *entry)
{
    return text_starts_with(entry, "read ");
}

/* "the lock at 0x10C100 (withdraw_lock)" for a Helgrind address. */
static void explain_notes_hg_lock(text_buf *b, const explain_report *rep, const char *addr)
{
    const char *name = rep ? explain_names_lock(rep->names, addr) : NULL;
    text_buf_printf(b, "the lock at %s", addr ? addr : "?");
    if (name)
        text_buf_printf(b, " (%s)", name);
}

/* A held lock as people read it. */
static void explain_lock_label(text_buf *b, const explain_report *rep, const char *entry)
{
    if (rep->tool == EXPLAIN_TOOL_TSAN)
        text_buf_printf(b, "%s%s", explain_lock_key(entry),
                        explain_lock_read(entry) ? " (for reading)" : "");
    else
        explain_notes_hg_lock(b, rep, entry);
}

static void explain_lock_list(text_buf *b, const explain_report *rep, const text_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            text_buf_adds(b, i + 1 == l->n ? " and " : ", ");
        explain_lock_label(b, rep, l->v[i]);
    }
}

/* The entry of l naming the same lock as entry, or NULL. */
static const char *explain_lock_find(const text_list *l, const char *entry)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(explain_lock_key(l->v[i]), explain_lock_key(entry)) == 0)
            return l->v[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Accesses                                                            */
/* ------------------------------------------------------------------ */

static void explain_notes_held(text_buf *b, const explain_report *rep, const explain_access *a)
{
    if (!a->locks_known)
        return;
    if (!a->locks.n) {
        text_buf_adds(b, " It held no lock.");
        return;
    }
    text_buf_adds(b, " It held ");
    explain_lock_list(b, rep, &a->locks);
    text_buf_adds(b, ".");
}

/* Why the locks of the two sides did not order them. */
static void explain_notes_pair_locks(text_buf *b, const explain_report *rep)
{
    const explain_access *x = &rep->acc[0], *y = &rep->acc[1];
    if (!x->locks_known || !y->locks_known)
        return;
    text_buf_adds(b, "\n");
    if (!x->locks.n && !y->locks.n) {
        text_buf_adds(b, "Neither access was made holding a lock, so no lock orders them.");
        return;
    }
    if (!x->locks.n || !y->locks.n) {
        const explain_access *h = x->locks.n ? x : y, *n = x->locks.n ? y : x;
        explain_subject(b, h->thread);
        text_buf_adds(b, " held ");
        explain_lock_list(b, rep, &h->locks);
        text_buf_adds(b, ", but ");
        explain_object(b, n->thread);
        text_buf_adds(b, " held none: a lock orders two accesses only when both are made "
                         "holding that same lock.");
        return;
    }
    text_list common;
    text_list_init(&common);
    int all_read = 1;
    for (size_t i = 0; i < x->locks.n; i++) {
        const char *other = explain_lock_find(&y->locks, x->locks.v[i]);
        if (!other)
            continue;
        text_list_push(&common, text_dup(explain_lock_key(x->locks.v[i])));
        all_read &= explain_lock_read(x->locks.v[i]) && explain_lock_read(other);
    }
    if (!common.n) {
        text_buf_adds(b, "They held different locks (");
        explain_object(b, x->thread);
        text_buf_adds(b, ": ");
        explain_lock_list(b, rep, &x->locks);
        text_buf_adds(b, "; ");
        explain_object(b, y->thread);
        text_buf_adds(b, ": ");
        explain_lock_list(b, rep, &y->locks);
        text_buf_adds(b, "). A lock orders only the sections that hold that same lock, so "
                         "these locks exclude nothing from each other.");
    } else if (all_read) {
        text_buf_adds(b, "Both held ");
        explain_lock_list(b, rep, &common);
        text_buf_adds(b, ", but only as readers: any number of readers may hold a read lock "
                         "at once, so it orders nothing between them. A writer must take the "
                         "lock for writing.");
    } else {
        text_buf_adds(b, "Both held ");
        explain_lock_list(b, rep, &common);
        text_buf_adds(b, ", which normally orders the two accesses: check that both are "
                         "really made under it, and that both sides lock the same object, not "
                         "a copy of it.");
    }
    text_list_free(&common);
}

static void explain_notes_order(explain_ctx *c, text_buf *b, const explain_report *rep,
                                const explain_access *a)
{
    text_buf_adds(b, "\n");
    if (rep->tool == EXPLAIN_TOOL_DRD && !explain_first(c, EXPLAIN_SAID(EXPLAIN_SAID_DRD))) {
        text_buf_adds(b, "DRD names only this access, the later of the two; the other lies in "
                         "the other segment below (the first DRD race above says more).");
    } else if (rep->tool == EXPLAIN_TOOL_DRD) {
        text_buf_adds(b, "DRD names only this access, the later of the two. The other thread's "
                         "access lies somewhere in the \"other segment\" below, a stretch of its "
                         "run between two synchronisation operations, and DRD does not record "
                         "which instruction it was. DRD lists no held locks: what it found is "
                         "that no synchronisation between the two threads (a lock released by "
                         "one and then taken by the other, a join, ...) orders that segment "
                         "before this access.");
    } else if (a->previous && !explain_first(c, EXPLAIN_SAID(EXPLAIN_SAID_ORDER))) {
        text_buf_adds(b, "This access came first in this run, by chance: nothing orders the "
                         "two (the first race above says why).");
    } else if (a->previous) {
        text_buf_adds(b, "This access came first in this run. That order is chance, not "
                         "design: no happens-before edge leads from one access to the other (a "
                         "release and later acquire of the same lock, a thread start or join, "
                         "an atomic store-release read by a load-acquire, a condition variable "
                         "or a barrier), so another run may do them the other way round, or at "
                         "the same time.");
    } else if (rep->kind == EXPLAIN_USE_AFTER_FREE) {
        text_buf_adds(b, "The detector caught it at this access, the later of the two in this "
                         "run: by then the block had been freed.");
    } else {
        text_buf_adds(b, "The detector caught the race at this access, the later of the two "
                         "in this run.");
    }
}

static void explain_notes_access(explain_ctx *c, text_buf *b, const explain_report *rep,
                                 const explain_section *s)
{
    if (s->access < 0) {
        text_buf_adds(b, "Another access to the same memory.");
        return;
    }
    const explain_access *a = &rep->acc[s->access];
    explain_subject(b, a->thread);
    if (a->is_free)
        text_buf_adds(b, " freed the block");
    else
        text_buf_adds(b, a->write ? " wrote" : " read");
    if (a->is_free)
        ; /* the size is that of the whole block, said below */
    else if (a->size)
        text_buf_printf(b, " %s byte%s", a->size, strcmp(a->size, "1") ? "s" : "");
    if (a->addr)
        text_buf_printf(b, " at %s", a->addr);
    else if (a->previous)
        text_buf_adds(b, " at the same address");
    if (s->own.file) {
        text_buf_adds(b, ", in ");
        explain_at(b, &s->own);
    }
    text_buf_adds(b, ".");
    if (a->atomic)
        text_buf_adds(b, " The access was atomic.");
    if (a->is_free)
        text_buf_adds(b, " The detector counts freeing a block as writing all of it, hence "
                         "the \"write\" in the header.");
    const char *id = a->thread && text_starts_with(a->thread, "thread #") ? a->thread + 7 : NULL;
    const char *origin = id ? explain_names_thread(rep->names, id) : NULL;
    if (origin)
        text_buf_printf(b, " Thread %s was created at %s.", id, origin);
    if (s->unrestored)
        text_buf_adds(b, " TSan could not restore the stack of this access: it is older than "
                         "the history TSan keeps for each thread, so only the access itself "
                         "is known.");
    else if (!s->own.file)
        text_buf_adds(b, " None of its frames is in the program's own code with a file and "
                         "line (was the program built without -g?).");
    explain_notes_held(b, rep, a);
    explain_notes_order(c, b, rep, a);
    if (s->access == 1) {
        explain_notes_pair_locks(b, rep);
        if (rep->acc[0].atomic != rep->acc[1].atomic)
            text_buf_adds(b, "\nOne access is atomic and the other is not. Atomic operations "
                             "are ordered only with other atomic operations on the same "
                             "object; a plain access beside them still races.");
    }
}

/* ------------------------------------------------------------------ */
/* Where memory lives                                                  */
/* ------------------------------------------------------------------ */

static const char explain_heap_reach[] =
    ". Every thread that has a pointer to the block can reach it.";

/* In a report about a mutex, its "Location" is the mutex's. */
static const char *explain_what(const explain_report *rep)
{
    if (rep && (rep->kind == EXPLAIN_DESTROY_LOCKED || rep->kind == EXPLAIN_UNLOCK_UNLOCKED ||
                rep->kind == EXPLAIN_DOUBLE_LOCK))
        return "The mutex";
    return "The memory";
}

/* A local variable is shared only by handing out its address: say so for races. */
static void explain_local(text_buf *b, const explain_report *rep)
{
    if (rep && (rep->kind == EXPLAIN_DATA_RACE || rep->kind == EXPLAIN_USE_AFTER_FREE))
        text_buf_adds(b, " whose address reached another thread. It is valid only while the "
                         "function that owns it runs.");
    else
        text_buf_adds(b, ".");
}

/* Returns 0 when the header is none of the shapes this knows. */
static int explain_notes_tsan_location(text_buf *b, const explain_report *rep,
                                       const explain_section *s)
{
    const char *h = s->header;
    const char *what = explain_what(rep);
    if (text_starts_with(h, "Location is global '")) {
        char *name = explain_field(h, "global '", "'");
        if (!name || strcmp(name, "<null>") == 0 || strcmp(name, "??") == 0) {
            text_buf_adds(b, strstr(h, "[stack]") ? "TSan could not name this object; "
                                                    "\"[stack]\" says it is on a thread's "
                                                    "stack."
                                                  : "TSan could not name this object.");
        } else {
            text_buf_printf(b, "%s is the global variable %s", what, name);
            explain_add_field(b, " (%s bytes)", h, "of size ", " ", NULL);
            text_buf_adds(b, ": one object, shared by every thread of the program.");
        }
        free(name);
    } else if (text_starts_with(h, "Location is heap block")) {
        text_buf_printf(b, "%s is in a heap block", what);
        explain_add_field(b, " of %s bytes", h, "of size ", " ", NULL);
        char *by = explain_field(h, " allocated by ", NULL);
        if (by) {
            text_buf_adds(b, ", allocated by ");
            explain_object(b, by);
        }
        free(by);
        explain_comma_at(b, &s->own);
        text_buf_adds(b, explain_heap_reach);
    } else if (text_starts_with(h, "Location is stack of ")) {
        char *who = explain_field(h, "stack of ", ".");
        text_buf_printf(b, "%s is on the stack of ", what);
        explain_object(b, who);
        text_buf_adds(b, ": a local variable");
        explain_local(b, rep);
        free(who);
    } else if (text_starts_with(h, "Location is TLS of ")) {
        char *who = explain_field(h, "TLS of ", ".");
        text_buf_adds(b, "The memory is thread-local storage of ");
        explain_object(b, who);
        text_buf_adds(b, ": each thread has its own copy, and another thread reached this one "
                         "through a pointer.");
        free(who);
    } else if (text_starts_with(h, "Location is file descriptor")) {
        text_buf_adds(b, "The \"memory\" is a file descriptor: TSan treats operations on a "
                         "descriptor (read, write, close) as accesses to it.");
    } else {
        text_buf_adds(b, "This says where the memory lives, as TSan sees it.");
        return 0;
    }
    return 1;
}

/* Returns 0 when the header is none of the shapes this knows. */
static int explain_notes_vg_location(text_buf *b, const explain_report *rep,
                                     const explain_section *s)
{
    const char *h = s->header;
    const char *what = explain_what(rep);
    const char *extra = s->extra.s;
    char *off = explain_field(h, " is ", " bytes inside");
    int inside = off && strcmp(off, "0") != 0, known = 1;
    if (strstr(h, "data symbol \"")) {
        text_buf_adds(b, what);
        explain_add_field(b, " is the global or static variable %s", h, "data symbol \"", "\"",
                          " is a global or static variable");
        if (inside)
            text_buf_printf(b, ", %s bytes into it", off);
        text_buf_adds(b, ": one object, shared by every thread of the program.");
    } else if (strstr(h, "inside a block of size ")) {
        text_buf_printf(b, "The memory is %s bytes into a heap block", off ? off : "some");
        explain_add_field(b, " of %s bytes", h, "block of size ", " ", NULL);
        explain_add_field(b, ", allocated by %s", extra, "alloc'd by ", ";", NULL);
        explain_comma_at(b, &s->own);
        text_buf_adds(b, explain_heap_reach);
    } else if (strstr(h, "'s stack")) {
        explain_add_field(b, "The memory is on the stack of %s", h, " is on ", "'s stack",
                          "The memory is on a thread's stack");
        explain_add_field(b, ", a local variable of %s", extra, "created by ", ";",
                          ", a local variable");
        explain_local(b, rep);
    } else if (strstr(h, "BSS section of ")) {
        explain_add_field(b, "The memory is a global or static variable without an initialiser "
                             "(in the BSS section of %s); DRD does not name the variable.",
                          h, "BSS section of ", NULL, NULL);
    } else if (strstr(h, "Data section")) {
        text_buf_adds(b, "The memory is a global or static variable with an initialiser (in "
                         "the data section); DRD does not name the variable.");
    } else if (strstr(h, "anonymous segment")) {
        text_buf_adds(b, "The memory is in an anonymous mapping that Valgrind cannot tie to a "
                         "variable, a heap block or a stack: memory from mmap, or thread-local "
                         "storage, which glibc keeps in such mappings.");
    } else if (strstr(h, "Allocation context: unknown")) {
        text_buf_adds(b, "DRD does not know where this memory came from; a thread's stack is "
                         "the usual answer.");
    } else if (strstr(h, "Allocation context")) {
        explain_add_field(b, "The memory is at offset %s of a heap block", h, "at offset ", " ",
                          "The memory is in a heap block");
        text_buf_adds(b, ", allocated");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, explain_heap_reach);
    } else {
        text_buf_adds(b, "This says where the memory lives.");
        known = 0;
    }
    free(off);
    return known;
}

/* ------------------------------------------------------------------ */
/* Locks and threads                                                   */
/* ------------------------------------------------------------------ */

static void explain_notes_mutex(explain_ctx *c, text_buf *b, const explain_report *rep,
                                const explain_section *s)
{
    const char *h = s->header;
    if (text_starts_with(h, "Mutex ")) {
        char *name = explain_field(h, "Mutex ", " ");
        explain_add_field(b, "%s is the mutex", h, "Mutex ", " ", "This is the mutex");
        explain_add_field(b, " at %s", h, "(", ")", NULL);
        if (s->frame0 && strstr(s->frame0, "_init")) {
            text_buf_adds(b, ". It was initialised here");
            explain_comma_at(b, &s->own);
            text_buf_adds(b, ".");
        } else {
            text_buf_adds(b, ". TSan first saw it here");
            explain_comma_at(b, &s->own);
            text_buf_adds(b, ", where it was first used");
            if (explain_first(c, EXPLAIN_SAID(EXPLAIN_SAID_STATIC_MUTEX)))
                text_buf_adds(b, " (a mutex set up with PTHREAD_MUTEX_INITIALIZER has no "
                                 "init call to show)");
            text_buf_adds(b, ".");
        }
        for (int i = 0; rep && name && i < rep->nacc; i++)
            if (explain_lock_find(&rep->acc[i].locks, name)) {
                text_buf_adds(b, " ");
                explain_subject(b, rep->acc[i].thread);
                text_buf_adds(b, rep->acc[i].write ? " held it when it wrote."
                                                   : " held it when it read.");
            }
        free(name);
    } else if (text_starts_with(h, "Lock at ")) {
        char *addr = explain_field(h, "Lock at ", " ");
        char *sym = explain_field(s->extra.s, "data symbol \"", "\"");
        const char *name = sym ? sym : explain_names_lock(rep ? rep->names : NULL, addr);
        text_buf_printf(b, "Helgrind first saw the lock at %s", addr ? addr : "this address");
        if (name)
            text_buf_printf(b, ", the variable %s,", name);
        text_buf_adds(b, " here");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, ".");
        char *who = explain_field(s->extra.s, " is on ", "'s stack");
        if (who) {
            text_buf_printf(b, " The lock itself is a local variable on %s's stack", who);
            explain_add_field(b, ", in %s", s->extra.s, "created by ", ";", NULL);
            text_buf_adds(b, ".");
        }
        if (!rep && explain_first(c, EXPLAIN_SAID(EXPLAIN_SAID_LOCKS)))
            text_buf_adds(b, " Helgrind describes each lock a report mentions before the "
                             "report itself.");
        free(who);
        free(sym);
        free(addr);
    } else {
        char *what = explain_trim_ndup(h, strcspn(h, " "));
        const char *noun = strcmp(what, "cond") == 0 ? "condition variable" : what;
        text_buf_printf(b, "DRD first saw the %s", noun);
        explain_add_field(b, " at %s", h, " ", " was", NULL);
        text_buf_adds(b, " here");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, ".");
        free(what);
    }
}

static void explain_notes_thread(text_buf *b, const explain_report *rep, const explain_section *s)
{
    const char *h = s->header;
    char *name = explain_field(h, "Thread ", " ");
    char *creator = explain_field(h, "created by ", " at");
    text_buf_printf(b, "Thread %s", name ? name : "?");
    const char *tid = strstr(h, "(tid=");
    const char *q = strchr(h, '\'');
    if (q && (!tid || q < tid))
        explain_add_field(b, " (%s)", q, "'", "'", NULL);
    text_buf_adds(b, " was created by ");
    explain_object(b, creator ? creator : "another thread");
    explain_comma_at(b, &s->own);
    if (strstr(h, ", running)"))
        text_buf_adds(b, ", and was still running when TSan printed this report.");
    else if (strstr(h, ", finished)"))
        text_buf_adds(b, ", and had already finished by then.");
    else
        text_buf_adds(b, ".");
    for (int i = 0; rep && name && i < rep->nacc; i++) {
        const char *t = rep->acc[i].thread;
        if (t && text_starts_with(t, "thread ") && strcmp(t + 7, name) == 0)
            text_buf_printf(b, " It made the %s access.",
                            rep->acc[i].previous ? "earlier" : "later");
    }
    if (rep && rep->kind == EXPLAIN_THREAD_LEAK)
        text_buf_adds(b, " Nobody joined it with pthread_join, and it was not detached: that "
                         "is the leak.");
    free(name);
    free(creator);
}

/* "M0 (0x..) => M1 (0x..) => M0" without the addresses. */
static void explain_notes_cycle(text_buf *b, const explain_section *s)
{
    const char *p = strchr(s->header, ':');
    p = p ? p + 1 : s->header;
    text_buf chain;
    text_buf_init(&chain);
    text_buf_adds(&chain, "");
    int depth = 0;
    for (; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth)
            depth--;
        else if (!depth && !(*p == ' ' && (chain.len == 0 || chain.s[chain.len - 1] == ' ')))
            text_buf_add(&chain, p, 1);
    }
    parse_rtrim(chain.s);
    text_buf_printf(b, "Each arrow means \"held while taking\": %s. The chain comes back to "
                       "where it starts, so threads that follow different arrows at the same "
                       "time can each hold one of these locks while waiting forever for the "
                       "next.", chain.s);
    text_buf_free(&chain);
}

static void explain_notes_edge(text_buf *b, const explain_report *rep, const explain_section *s)
{
    const char *h = s->header;
    if (rep->tool == EXPLAIN_TOOL_TSAN) {
        char *taken = explain_field(h, "Mutex ", " ");
        char *held = explain_field(h, "holding mutex ", " ");
        char *who = explain_field(h, " in ", NULL);
        explain_subject(b, who);
        text_buf_printf(b, " took %s while holding %s", taken ? taken : "a mutex",
                        held ? held : "another");
        explain_comma_at(b, &s->own);
        if (taken && held)
            text_buf_printf(b, ": the edge %s => %s", held, taken);
        text_buf_adds(b, ".");
        free(taken);
        free(held);
        free(who);
        return;
    }
    char *addr = explain_field(h, "lock at ", NULL);
    if (!s->phase) {
        text_buf_adds(b, "...and then, still holding it, took ");
        explain_notes_hg_lock(b, rep, addr);
        explain_comma_at(b, &s->own);
        text_buf_adds(b, ": the opposite of the order established below.");
    } else {
        text_buf_adds(b, "...followed, while that was held, by ");
        explain_notes_hg_lock(b, rep, addr);
        explain_comma_at(b, &s->own);
        explain_add_field(b, ". That established the order \"%s\" which the thread above broke.",
                          rep->title, "lock order \"", "\"", ".");
    }
    free(addr);
}

static void explain_notes_edge_first(text_buf *b, const explain_report *rep,
                                     const explain_section *s)
{
    const char *h = s->header;
    if (rep->tool == EXPLAIN_TOOL_TSAN) {
        explain_add_field(b, "This is where the same thread had taken %s", h, "Mutex ", " ",
                          "This is where the same thread had taken the first mutex");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, ".");
        return;
    }
    char *addr = explain_field(h, "lock at ", NULL);
    if (!s->phase) {
        explain_add_field(b, "Thread %s first took ", rep->title, "Thread ", ":",
                          "The thread first took ");
        explain_notes_hg_lock(b, rep, addr);
        explain_comma_at(b, &s->own);
        text_buf_adds(b, "...");
    } else {
        text_buf_adds(b, "Earlier, ");
        explain_notes_hg_lock(b, rep, addr);
        text_buf_adds(b, " had been taken first");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, "...");
    }
    free(addr);
}

/* Returns 0 when neither the header nor the kind of report says what the
 * stack is. */
static int explain_notes_locked_at(text_buf *b, const explain_report *rep,
                                   const explain_section *s)
{
    if (text_starts_with(s->header, "Lock was previously acquired")) {
        text_buf_adds(b, "The same thread had locked it already, here");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, ", and had not unlocked it since.");
    } else if (rep->kind == EXPLAIN_DESTROY_LOCKED) {
        text_buf_adds(b, "This is where the mutex was locked");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, "; it was still locked when it was destroyed.");
    } else {
        text_buf_adds(b, "The detector's second stack for this report");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, ".");
        return 0;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* The stack under a title                                             */
/* ------------------------------------------------------------------ */

/* What Helgrind's "with error code 35 (EDEADLK: Resource deadlock would
 * occur)" says about a failed call (named in the title), for the errors a
 * misused lock gives; the same code means other things from other calls. */
static void explain_notes_errno(text_buf *b, const char *title, const char *extra)
{
    static const struct {
        const char *call, *code, *meaning;
    } errs[] = {
        {"pthread_mutex_lock", "EDEADLK", "the thread already held this error-checking mutex: "
                                          "a double lock"},
        {"pthread_mutex_unlock", "EPERM", "the thread does not hold this mutex: an unlock "
                                          "without its lock"},
        {"pthread_mutex_destroy", "EBUSY", "the mutex is still locked"},
        {"pthread_cond_destroy", "EBUSY", "threads still wait on the condition variable"},
        {"pthread_", "EINVAL", "the object was never initialised, or was destroyed already"},
        {NULL, NULL, NULL},
    };
    char *code = explain_field(extra, "(", ":");
    if (!code)
        return;
    text_buf_printf(b, " It failed with %s", code);
    for (size_t i = 0; errs[i].call; i++)
        if (strcmp(code, errs[i].code) == 0 && title && strstr(title, errs[i].call)) {
            text_buf_printf(b, ": %s", errs[i].meaning);
            break;
        }
    text_buf_adds(b, ".");
    free(code);
}

static void explain_notes_main(text_buf *b, const explain_report *rep, const explain_section *s)
{
    const explain_where *w = &s->own;
    if (!rep) { /* the stack of a crash */
        if (w->file) {
            text_buf_adds(b, "The program's own code at this point: ");
            explain_at(b, w);
            text_buf_adds(b, ".");
        }
        return;
    }
    if (!s->frames)
        return;
    if (!w->file) {
        text_buf_adds(b, "None of these frames is in the program's own code with a file and "
                         "line (was the program built without -g?).");
        return;
    }
    switch (rep->kind) {
    case EXPLAIN_DESTROY_LOCKED:
        text_buf_adds(b, "The mutex is destroyed here, while still locked, at ");
        break;
    case EXPLAIN_UNLOCK_UNLOCKED:
        text_buf_adds(b, "The unlock is here, at ");
        break;
    case EXPLAIN_DOUBLE_LOCK:
        text_buf_adds(b, "The second lock, taken while the thread already held the mutex, is "
                         "here, at ");
        break;
    case EXPLAIN_SIGNAL_UNSAFE:
        text_buf_printf(b, "The handler called %s here, at ", s->frame0 ? s->frame0 : "it");
        break;
    case EXPLAIN_PTHREAD_ERROR:
        text_buf_adds(b, "The call that failed is here, at ");
        break;
    default:
        text_buf_adds(b, "The program's own code comes in at ");
        break;
    }
    explain_at(b, w);
    text_buf_adds(b, ".");
    if (rep->kind == EXPLAIN_SIGNAL_UNSAFE)
        text_buf_adds(b, " The frames under the handler show where the signal interrupted the "
                         "program.");
    if (rep->kind == EXPLAIN_PTHREAD_ERROR)
        explain_notes_errno(b, rep->title, s->extra.s);
}

/* ------------------------------------------------------------------ */
/* Section notes                                                       */
/* ------------------------------------------------------------------ */

/*
 * Writes the note of s into b; returns 1 if its own frame is worth quoting.
 * Clears *known when the note is only the sentence for a header this does
 * not recognise.
 */
static int explain_notes_note(explain_ctx *c, text_buf *b, const explain_report *rep,
                              const explain_section *s, int *known)
{
    switch (s->kind) {
    case EXPLAIN_SEC_ACCESS:
        if (!rep)
            return 0;
        explain_notes_access(c, b, rep, s);
        return 1;
    case EXPLAIN_SEC_LOCATION:
        if (rep && rep->tool == EXPLAIN_TOOL_TSAN)
            *known = explain_notes_tsan_location(b, rep, s);
        else
            *known = explain_notes_vg_location(b, rep, s);
        return 0;
    case EXPLAIN_SEC_MUTEX:
        explain_notes_mutex(c, b, rep, s);
        return 0;
    case EXPLAIN_SEC_THREAD:
        explain_notes_thread(b, rep, s);
        return rep && rep->kind == EXPLAIN_THREAD_LEAK;
    case EXPLAIN_SEC_EDGE:
        if (rep)
            explain_notes_edge(b, rep, s);
        return 1;
    case EXPLAIN_SEC_EDGE_FIRST:
        if (rep)
            explain_notes_edge_first(b, rep, s);
        return 0;
    case EXPLAIN_SEC_CYCLE:
        explain_notes_cycle(b, s);
        return 0;
    case EXPLAIN_SEC_LOCKED_AT:
        if (rep)
            *known = explain_notes_locked_at(b, rep, s);
        return 1;
    case EXPLAIN_SEC_SLEEP:
        text_buf_adds(b, "The program slept between the two accesses, as if that ordered "
                         "them. A sleep makes one order likely, never certain: it creates no "
                         "happens-before edge, and under load the accesses can still meet.");
        return 0;
    case EXPLAIN_SEC_SEGMENT:
        if (!s->phase)
            return 0;
        explain_add_field(b, "Thread %s's", s->header, "(thread ", ")", "The other thread's");
        text_buf_adds(b, " conflicting access lies between the segment start and the segment "
                         "end shown: between two of its synchronisation operations, neither of "
                         "which orders it with the access above.");
        if (strstr(s->extra.s ? s->extra.s : "", "no longer available"))
            text_buf_adds(b, " That thread had finished, so DRD no longer has the stacks of "
                             "those two points.");
        return 0;
    case EXPLAIN_SEC_WINDOW:
        explain_add_field(b, "At this history level Helgrind keeps no record of the other "
                             "access itself, only a window: %s made it after the first point "
                             "shown and before the second, and nothing orders that window with "
                             "the access above. Run with --history-level=full (the default) to "
                             "see the access.",
                          s->header, " by ", ",", "the other access itself");
        return 0;
    case EXPLAIN_SEC_ANNOUNCE:
        explain_add_field(b, "Thread %s was created here", s->header, "Thread ", " ",
                          "This thread was created here");
        explain_comma_at(b, &s->own);
        text_buf_adds(b, ".");
        if (explain_first(c, EXPLAIN_SAID(EXPLAIN_SAID_ANNOUNCE)))
            text_buf_adds(b, " Helgrind numbers threads in the order they start, #1 being "
                             "main, and announces each before the first report that mentions "
                             "it.");
        return 0;
    case EXPLAIN_SEC_MAIN:
        explain_notes_main(b, rep, s);
        return !rep || (rep->kind != EXPLAIN_DATA_RACE && rep->kind != EXPLAIN_USE_AFTER_FREE);
    default:
        return 0;
    }
}

int explain_notes_section(explain_ctx *c, explain_report *rep, const explain_section *s,
                          size_t indent)
{
    text_buf b;
    text_buf_init(&b);
    int known = 1;
    int quote = explain_notes_note(c, &b, rep, s, &known);
    int noted = known && b.len > 0;
    if (b.len)
        explain_out_note(c, indent, EXPLAIN_NOTE, b.s);
    if (quote)
        explain_out_quote(c, rep, indent, &s->own);
    text_buf_free(&b);
    return noted;
}
