/*
 * parse.c - the parse stage: ThreadSanitizer, Helgrind and DRD logs to
 * canonical findings (see parse.h for the contract).
 *
 * Logs mix detector reports with whatever the program printed, sometimes in
 * the middle of a report, and may hold several processes.  The parser keeps
 * one open ThreadSanitizer report and, for Valgrind, one state per "==PID=="
 * prefix, so interleaved Valgrind processes never mix.  A report is turned
 * into findings only once it is complete; one still open at the end of the
 * log is counted in r->truncated and described in a note instead.
 *
 * A report is read as a title followed by sections.  A section is a line of
 * text (a "header") and the stack printed under it; each section has a role
 * that says what its stack means: an access of a race, the inner acquisition
 * of a lock-order cycle, the creation of a thread, or nothing we use.  Of each
 * stack only the first frame in the program's own code with a file and line
 * is kept (parse_frame_is_own); a stack without one gives "?".
 *
 * Decisions worth knowing:
 *  - Data races take the two racing accesses.  DRD names only one access (its
 *    "Other segment" stacks are synchronisation points), and Helgrind with
 *    --history-level=approx/none gives only one, so those findings have one
 *    LOC.  ThreadSanitizer's heap-use-after-free is read the same way.
 *  - Lock-order inversions take the inner acquisition of each edge of the
 *    cycle (TSan "acquired here while holding", Helgrind "followed by a later
 *    acquisition").  A two-lock cycle gives one finding with both sites.  A
 *    TSan cycle of n > 2 locks gives n findings, one per pair of consecutive
 *    edges (e0,e1), (e1,e2) ... (en-1,e0): a finding holds at most two LOCs
 *    and every pair of neighbouring edges is a real part of the deadlock.
 *    Helgrind names only the closing edge of a longer cycle, so it gives one
 *    finding with that edge's single site.
 *  - Helgrind's "unlocked an invalid lock" is an unlock-unlocked-mutex: it is
 *    only ever raised by an unlock of something Helgrind never saw locked (a
 *    mutex from PTHREAD_MUTEX_INITIALIZER that nobody locked, typically).
 *  - A crash is not a finding: "Process terminating with default action of
 *    signal N" (Valgrind) and "ERROR: ThreadSanitizer: SEGV on unknown
 *    address" (and BUS, FPE, ILL, ABRT, TRAP, stack-overflow) set
 *    r->crash_signal and leave a note, so every detector reports a crash the
 *    same way.
 *  - other:<slug> comes from the report title with thread names, numbers and
 *    addresses taken out and cut at the first ", " or ". ", so it stays the
 *    same from run to run; it is cut at a word boundary to fit 60 characters.
 *  - A TSan report interrupted by another TSan report (two processes writing
 *    to one file) or by a fatal error of the runtime is counted as truncated.
 *  - A location taken from a stack TSan could not restore is "?" and the
 *    finding carries the key stack=unrestored.
 */
#include "parse.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Small string helpers                                                */
/* ------------------------------------------------------------------ */

/* True if s begins with prefix, ignoring ASCII case. */
static int parse_starts_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
            return 0;
    return 1;
}

static int parse_all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Parses n digits at s into a line number; 0 when out of range. */
static unsigned long parse_number(const char *s, size_t n)
{
    unsigned long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (v > 100000000UL)
            return 0;
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    return v;
}

/* Removes trailing white space from s in place. */
static void parse_rtrim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
}

/*
 * Given s ending in ')', returns the '(' that opens that last group, counting
 * nested parentheses (C++ signatures carry their own), or NULL if unbalanced.
 */
static char *parse_last_group(char *s)
{
    size_t n = strlen(s);
    if (n == 0 || s[n - 1] != ')')
        return NULL;
    int depth = 0;
    for (size_t i = n; i-- > 0;) {
        if (s[i] == ')')
            depth++;
        else if (s[i] == '(' && --depth == 0)
            return s + i;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Stack frames                                                        */
/* ------------------------------------------------------------------ */

/* One parsed frame; the strings point into buf, which the frame owns. */
typedef struct parse_frame {
    char *buf;
    const char *func;    /* NULL when unknown ("<null>", "???") */
    const char *file;    /* as printed; NULL when none */
    const char *object;  /* binary or library; NULL when not printed */
    unsigned long line;  /* 0 when the frame has no line */
} parse_frame;

static void parse_frame_free(parse_frame *f)
{
    free(f->buf);
    f->buf = NULL;
}

/*
 * Splits a "path:line" or "path:line:column" token in place: on success the
 * token is cut to the path and the line is returned; 0 means no line.
 */
static unsigned long parse_split_loc(char *tok)
{
    char *c2 = strrchr(tok, ':');
    if (!c2 || c2 == tok || !parse_all_digits(c2 + 1, strlen(c2 + 1)))
        return 0;
    char *c1 = c2;
    while (c1 > tok && c1[-1] != ':')
        c1--;
    if (c1 > tok + 1 && parse_all_digits(c1, (size_t)(c2 - c1))) {
        /* file:line:column */
        c1[-1] = '\0';
        return parse_number(c1, (size_t)(c2 - c1));
    }
    *c2 = '\0';
    return parse_number(c2 + 1, strlen(c2 + 1));
}

static const char *parse_known_name(const char *s)
{
    if (!s || !*s || strcmp(s, "<null>") == 0 || strcmp(s, "???") == 0)
        return NULL;
    return s;
}

/*
 * Reads a ThreadSanitizer frame line, "    #3 func file:12:7 (bin+0x12)
 * (BuildId: ...)".  Returns 1 and fills f (free it with parse_frame_free), or
 * 0 if the line is not a frame.
 */
static int parse_tsan_frame(const char *line, parse_frame *f)
{
    const char *s = text_skip_space(line);
    if (*s != '#' || !isdigit((unsigned char)s[1]))
        return 0;
    s++;
    while (isdigit((unsigned char)*s))
        s++;
    if (*s != ' ')
        return 0;
    memset(f, 0, sizeof *f);
    f->buf = text_dup(text_skip_space(s));
    char *b = f->buf;
    parse_rtrim(b);
    char *g = parse_last_group(b);
    if (g && text_starts_with(g, "(BuildId:")) {
        *g = '\0';
        parse_rtrim(b);
        g = parse_last_group(b);
    }
    if (g && strstr(g, "+0x")) {
        g[strlen(g) - 1] = '\0';
        *strstr(g, "+0x") = '\0';
        f->object = g + 1;
        *g = '\0';
        parse_rtrim(b);
    }
    char *sp = strrchr(b, ' ');
    if (!sp) {
        f->func = parse_known_name(b);
        return 1;
    }
    *sp = '\0';
    parse_rtrim(b);
    f->func = parse_known_name(b);
    char *loc = sp + 1;
    f->line = parse_split_loc(loc);
    f->file = parse_known_name(loc);
    return 1;
}

/*
 * Reads the text of a Valgrind frame line (after "==PID== "): "   at 0x4..:
 * func (file.c:12)", "by 0x..: func (in /lib/libc.so.6)".  Returns 1 and fills
 * f, or 0 if the line is not a frame.
 */
static int parse_vg_frame(const char *text, parse_frame *f)
{
    const char *s = text_skip_space(text);
    if (!text_starts_with(s, "at 0x") && !text_starts_with(s, "by 0x"))
        return 0;
    s += 5;
    if (!isxdigit((unsigned char)*s))
        return 0;
    while (isxdigit((unsigned char)*s))
        s++;
    if (*s != ':')
        return 0;
    memset(f, 0, sizeof *f);
    f->buf = text_dup(text_skip_space(s + 1));
    char *b = f->buf;
    parse_rtrim(b);
    char *g = parse_last_group(b);
    if (g && g > b && g[-1] == ' ') {
        g[strlen(g) - 1] = '\0';
        char *inner = g + 1;
        g[-1] = '\0';
        if (text_starts_with(inner, "in ")) {
            f->object = inner + 3;
        } else {
            f->line = parse_split_loc(inner);
            f->file = inner;
        }
    }
    parse_rtrim(b);
    f->func = parse_known_name(b);
    return 1;
}

/* glibc sources that show up in Valgrind stacks when debug info is present. */
static const char *const parse_libc_files[] = {
    "clone.S", "clone3.S", "clone-internal.c", "pthread_create.c",
    "libc-start.c", "libc_start_call_main.h", NULL,
};

/* Valgrind's preloaded replacements and interceptors. */
static const char *const parse_vg_files[] = {
    "hg_intercepts.c", "drd_pthread_intercepts.c", "drd_qtcreator_intercepts.c",
    "drd_libstdcxx_intercepts.c", NULL,
};

/* Shared objects that are never the program's own code. */
static const char *const parse_lib_objects[] = {
    "libc.so", "libc-", "libpthread", "libstdc++", "libc++", "libtsan",
    "libclang_rt", "libgcc_s", "ld-linux", "libm.so", "libm-", "vgpreload_",
    NULL,
};

static int parse_in_list(const char *s, const char *const *list, int prefix)
{
    for (size_t i = 0; list[i]; i++)
        if (prefix ? text_starts_with(s, list[i]) : strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/* Reserved identifiers (__x, _X) and the library namespaces. */
static int parse_func_is_library(const char *func)
{
    if (func[0] == '_' && (func[1] == '_' || isupper((unsigned char)func[1])))
        return 1;
    return text_starts_with(func, "pthread_") || text_starts_with(func, "std::") ||
           text_starts_with(func, "__gnu_cxx::");
}

static int parse_file_is_library(const char *file)
{
    const char *base = text_basename(file);
    if (text_starts_with(file, "/usr/include/") || strstr(file, "/include/c++/") ||
        text_starts_with(file, "/usr/lib/gcc/"))
        return 1;
    if (strstr(file, "libsanitizer/") || strstr(file, "compiler-rt/") ||
        strstr(file, "sanitizer_common/") || text_starts_with(base, "tsan_") ||
        text_starts_with(base, "sanitizer_"))
        return 1;
    if (strstr(file, "sysdeps/") || strstr(file, "nptl/"))
        return 1;
    return parse_in_list(base, parse_vg_files, 0) || text_starts_with(base, "vg_replace_") ||
           parse_in_list(base, parse_libc_files, 0);
}

int parse_frame_is_own(const char *func, const char *file, const char *object)
{
    if (func && parse_func_is_library(func))
        return 0;
    if (file && parse_file_is_library(file))
        return 0;
    if (object && parse_in_list(text_basename(object), parse_lib_objects, 1))
        return 0;
    return 1;
}

/* "file.c:12" for an own frame with a file and a line, else NULL (new string). */
static char *parse_frame_loc(const parse_frame *f)
{
    if (!f->file || f->line == 0 || !parse_frame_is_own(f->func, f->file, f->object))
        return NULL;
    const char *base = text_basename(f->file);
    if (!*base)
        return NULL;
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%s:%lu", base, f->line);
    return b.s;
}

/* ------------------------------------------------------------------ */
/* Reports                                                             */
/* ------------------------------------------------------------------ */

typedef enum parse_role {
    PARSE_ROLE_MAIN,    /* the stack right under the title */
    PARSE_ROLE_ACCESS,  /* one of the racing accesses */
    PARSE_ROLE_INNER,   /* inner acquisition of a lock-order edge */
    PARSE_ROLE_CREATE,  /* where a thread was created */
    PARSE_ROLE_OTHER    /* nothing a finding uses */
} parse_role;

typedef struct parse_section {
    parse_role role;
    char *loc;        /* first own frame, NULL until one is seen */
    unsigned frames;  /* frames read, own or not */
    int unrestored;   /* "[failed to restore the stack]" */
} parse_section;

typedef struct parse_report {
    int open;
    unsigned long begun;   /* line of the title */
    char *kind;            /* canonical kind */
    parse_section *sec;
    size_t nsec, cap;
    int cur;               /* section frames go to, or -1 */
    int conflict_seen;     /* Helgrind: "This conflicts with a previous ..." */
    int required_seen;     /* Helgrind: "Required order was established ..." */
} parse_report;

static void parse_report_clear(parse_report *rep)
{
    for (size_t i = 0; i < rep->nsec; i++)
        free(rep->sec[i].loc);
    free(rep->sec);
    free(rep->kind);
    memset(rep, 0, sizeof *rep);
    rep->cur = -1;
}

/* Starts a new section with the given role; frames now go to it. */
static void parse_section_add(parse_report *rep, parse_role role)
{
    if (rep->nsec == rep->cap) {
        rep->cap = rep->cap ? rep->cap * 2 : 8;
        rep->sec = text_realloc(rep->sec, rep->cap * sizeof *rep->sec);
    }
    parse_section *s = &rep->sec[rep->nsec];
    s->role = role;
    s->loc = NULL;
    s->frames = 0;
    s->unrestored = 0;
    rep->cur = (int)rep->nsec++;
}

/* Opens rep with a kind (taken over) and its implicit main section. */
static void parse_report_open(parse_report *rep, char *kind, unsigned long line)
{
    parse_report_clear(rep);
    rep->open = 1;
    rep->begun = line;
    rep->kind = kind;
    parse_section_add(rep, PARSE_ROLE_MAIN);
}

/* Adds a frame to the current section; takes f over. */
static void parse_report_frame(parse_report *rep, parse_frame *f)
{
    if (rep->open && rep->cur >= 0) {
        parse_section *s = &rep->sec[rep->cur];
        s->frames++;
        if (!s->loc)
            s->loc = parse_frame_loc(f);
    }
    parse_frame_free(f);
}

static void parse_report_unrestored(parse_report *rep)
{
    if (rep->open && rep->cur >= 0)
        rep->sec[rep->cur].unrestored = 1;
}

static int parse_section_has_stack(const parse_section *s)
{
    return s->frames > 0 || s->unrestored;
}

/* Collects up to max sections with one of the roles and a stack. */
static size_t parse_pick(const parse_report *rep, parse_role a, parse_role b,
                         const parse_section **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->nsec && n < max; i++)
        if ((rep->sec[i].role == a || rep->sec[i].role == b) &&
            parse_section_has_stack(&rep->sec[i]))
            out[n++] = &rep->sec[i];
    return n;
}

/* Adds a finding from one or two sections; a section without an own frame
 * still counts as a location, "?". */
static void parse_emit(parse_result *r, const char *kind, const parse_section *a,
                       const parse_section *b)
{
    int unrestored = (a && a->unrestored) || (b && b->unrestored);
    const char *lb = b ? (b->loc ? b->loc : FINDING_UNKNOWN_LOC) : NULL;
    finding_add(&r->findings, kind, a ? a->loc : NULL, lb, unrestored ? "stack=unrestored" : NULL);
}

/* Every pair of consecutive edges of a lock-order cycle (see the header). */
static void parse_emit_cycle(const parse_report *rep, parse_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->nsec; i++)
        if (rep->sec[i].role == PARSE_ROLE_INNER)
            n++;
    if (n == 0) {
        parse_emit(r, rep->kind, NULL, NULL);
        return;
    }
    const parse_section **e = text_alloc(n * sizeof *e);
    n = 0;
    for (size_t i = 0; i < rep->nsec; i++)
        if (rep->sec[i].role == PARSE_ROLE_INNER)
            e[n++] = &rep->sec[i];
    if (n == 1)
        parse_emit(r, rep->kind, e[0], NULL);
    else if (n == 2)
        parse_emit(r, rep->kind, e[0], e[1]);
    else
        for (size_t i = 0; i < n; i++)
            parse_emit(r, rep->kind, e[i], e[(i + 1) % n]);
    free(e);
}

/* Turns a complete report into findings. */
static void parse_report_emit(const parse_report *rep, parse_result *r)
{
    const parse_section *s[2] = {NULL, NULL};
    const char *k = rep->kind;
    r->reports++;
    if (strcmp(k, "data-race") == 0 || strcmp(k, "heap-use-after-free") == 0) {
        size_t n = parse_pick(rep, PARSE_ROLE_MAIN, PARSE_ROLE_ACCESS, s, 2);
        parse_emit(r, k, s[0], n > 1 ? s[1] : NULL);
    } else if (strcmp(k, "lock-order-inversion") == 0) {
        parse_emit_cycle(rep, r);
    } else if (strcmp(k, "thread-leak") == 0 &&
               parse_pick(rep, PARSE_ROLE_CREATE, PARSE_ROLE_CREATE, s, 1)) {
        parse_emit(r, k, s[0], NULL);
    } else {
        for (size_t i = 0; i < rep->nsec && !s[0]; i++)
            if (parse_section_has_stack(&rep->sec[i]))
                s[0] = &rep->sec[i];
        parse_emit(r, k, s[0], NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Titles to kinds                                                     */
/* ------------------------------------------------------------------ */

/* A kind name paired with a fragment of the title that identifies it. */
typedef struct parse_title_kind {
    const char *fragment;
    const char *kind;
} parse_title_kind;

static const parse_title_kind parse_tsan_kinds[] = {
    {"data race", "data-race"},
    {"heap-use-after-free", "heap-use-after-free"},
    {"lock-order-inversion", "lock-order-inversion"},
    {"thread leak", "thread-leak"},
    {"destroy of a locked mutex", "destroy-locked-mutex"},
    {"unlock of an unlocked mutex", "unlock-unlocked-mutex"},
    {"double lock of a mutex", "double-lock"},
    {"signal-unsafe call inside of a signal", "signal-unsafe-call"},
    {NULL, NULL},
};

static const parse_title_kind parse_helgrind_kinds[] = {
    {"Possible data race during", "data-race"},
    {"unlocked a not-locked lock", "unlock-unlocked-mutex"},
    {"unlocked an invalid lock", "unlock-unlocked-mutex"},
    {"currently held by thread", "unlock-unlocked-mutex"},
    {"Attempt to re-lock a non-recursive lock", "double-lock"},
    {"pthread_mutex_destroy of a locked mutex", "destroy-locked-mutex"},
    {NULL, NULL},
};

static const parse_title_kind parse_drd_kinds[] = {
    {"Conflicting load by thread", "data-race"},
    {"Conflicting store by thread", "data-race"},
    {"Recursive locking not allowed", "double-lock"},
    {"Mutex not locked", "unlock-unlocked-mutex"},
    {"Destroying locked mutex", "destroy-locked-mutex"},
    {NULL, NULL},
};

/* Helgrind's lock-order title carries addresses: match it by its two ends. */
static int parse_is_helgrind_lock_order(const char *title)
{
    return strstr(title, "lock order \"") && strstr(title, "\" violated");
}

/* Skips "Thread #3: ", "Thread #3's ", "Thread #3 " and DRD's "Thread 3: ". */
static const char *parse_skip_thread_prefix(const char *t)
{
    if (!text_starts_with(t, "Thread "))
        return t;
    const char *p = t + 7;
    if (*p == '#')
        p++;
    if (!isdigit((unsigned char)*p))
        return t;
    while (isdigit((unsigned char)*p))
        p++;
    if (text_starts_with(p, "'s "))
        return p + 3;
    if (*p == ':')
        p++;
    return text_skip_space(p);
}

static int parse_is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Length of a number starting at p ("0x1f", "12", "T3", "M0", "#2"), if a
 * whole word is a number; 0 otherwise. */
static size_t parse_number_word(const char *p)
{
    const char *q = p;
    if ((*q == 'T' || *q == 'M' || *q == '#') && isdigit((unsigned char)q[1]))
        q++;
    const char *e = q;
    if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X') && isxdigit((unsigned char)q[2])) {
        e = q + 2;
        while (isxdigit((unsigned char)*e))
            e++;
    } else {
        while (isdigit((unsigned char)*e))
            e++;
    }
    if (e == q || parse_is_word_char(*e))
        return 0;
    return (size_t)(e - p);
}

/*
 * Copies a title without what changes from run to run: thread prefixes,
 * hexadecimal and decimal numbers, TSan's T1 and M1 names, "#3" and quoted
 * names; cut at the first ", " or ". ".
 */
static char *parse_title_stable(const char *title)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_adds(&b, "");
    const char *p = parse_skip_thread_prefix(text_skip_space(title));
    while (*p) {
        if ((*p == ',' || *p == '.') && (p[1] == ' ' || p[1] == '\0'))
            break;
        int at_word = b.len == 0 || !parse_is_word_char(b.s[b.len - 1]);
        size_t n = at_word ? parse_number_word(p) : 0;
        const char *close = *p == '\'' ? strchr(p + 1, '\'') : NULL;
        if (n) {
            p += n;
        } else if (close) {
            p = close + 1;
        } else {
            text_buf_add(&b, p, 1);
            p++;
        }
    }
    return b.s;
}

/* Words that mean nothing once the address or number after them is gone. */
static int parse_dangling_word(const char *w, size_t n)
{
    static const char *const words[] = {"at", "by", "of", "on", "in", "for", "to", "with", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == n && strncmp(w, words[i], n) == 0)
            return 1;
    return 0;
}

/*
 * Builds other:<slug> from a title: the stable part of the title, whole words
 * only, at most 60 characters, without a trailing preposition.
 */
static char *parse_other_kind(const char *title)
{
    char *stable = parse_title_stable(title);
    text_buf words;
    text_buf_init(&words);
    text_buf_adds(&words, "");
    size_t slug_len = 0;
    const char *p = stable;
    for (;;) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (isalnum((unsigned char)*e))
            e++;
        size_t n = (size_t)(e - p);
        if (slug_len + (slug_len ? 1 : 0) + n > 60)
            break;
        slug_len += (slug_len ? 1 : 0) + n;
        if (words.len)
            text_buf_add(&words, " ", 1);
        text_buf_add(&words, p, n);
        p = e;
    }
    for (;;) {
        char *sp = strrchr(words.s, ' ');
        const char *last = sp ? sp + 1 : words.s;
        if (!sp || !parse_dangling_word(last, strlen(last)))
            break;
        *sp = '\0';
    }
    char *kind = finding_other_kind(words.s);
    text_buf_free(&words);
    free(stable);
    return kind;
}

/* The canonical kind a table gives a title, or NULL. */
static const char *parse_kind_in(const char *title, const parse_title_kind *table)
{
    for (size_t i = 0; table[i].fragment; i++)
        if (strstr(title, table[i].fragment))
            return table[i].kind;
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Parsing state                                                       */
/* ------------------------------------------------------------------ */

typedef enum parse_vg_mode {
    PARSE_VG_IDLE,          /* between reports */
    PARSE_VG_ANNOUNCE,      /* Helgrind thread announcement: not a report */
    PARSE_VG_EXPECT_TITLE,  /* after Helgrind's "-----" separator */
    PARSE_VG_CRASH          /* "Process terminating ..." block */
} parse_vg_mode;

/* What is known about one Valgrind process of the log. */
typedef struct parse_vg {
    unsigned long pid;
    parse_tool tool;      /* from the banner; PARSE_ANY until one is seen */
    int separators;       /* Helgrind-style "-----" seen, for a banner-less log */
    parse_vg_mode mode;
    int last_blank;       /* the last line of this process was empty */
    int finished;         /* the closing summary has been printed */
    parse_report rep;
} parse_vg;

typedef struct parse_ctx {
    const char *name;
    parse_tool tool;
    parse_result *r;
    unsigned long lineno;
    parse_report tsan;
    parse_vg *vg;
    size_t nvg, cap;
} parse_ctx;

/* Adds the note "NAME:LINE: msg". */
static void parse_note(parse_ctx *c, unsigned long line, const char *msg)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%s:%lu: %s", c->name, line, msg);
    text_list_push(&c->r->notes, b.s);
}

/* Why a report is closed. */
typedef enum parse_end {
    PARSE_END_COMPLETE,     /* the report is whole */
    PARSE_END_LOG,          /* the log ended inside it */
    PARSE_END_INTERRUPTED,  /* another report began inside it */
    PARSE_END_FATAL         /* the detector died inside it */
} parse_end;

/* Closes a report: complete ones become findings, cut ones are noted. */
static void parse_close(parse_ctx *c, parse_report *rep, parse_end end)
{
    if (!rep->open)
        return;
    if (end == PARSE_END_COMPLETE) {
        parse_report_emit(rep, c->r);
        parse_report_clear(rep);
        return;
    }
    text_buf b;
    text_buf_init(&b);
    if (end == PARSE_END_LOG)
        text_buf_printf(&b, "log ends inside a %s report begun at line %lu; it is not counted",
                        rep->kind, rep->begun);
    else
        text_buf_printf(&b, "a %s report begun at line %lu is cut short by %s; it is not counted",
                        rep->kind, rep->begun,
                        end == PARSE_END_FATAL ? "a fatal error" : "another report");
    c->r->truncated++;
    parse_note(c, c->lineno, b.s);
    text_buf_free(&b);
    parse_report_clear(rep);
}

/* ------------------------------------------------------------------ */
/* ThreadSanitizer                                                     */
/* ------------------------------------------------------------------ */

/* The role of a TSan section from its header (two spaces stripped). */
static parse_role parse_tsan_role(const char *h)
{
    if (text_starts_with(h, "Previous "))
        h += 9;
    if (parse_starts_ci(h, "atomic "))
        h += 7;
    if (parse_starts_ci(h, "read of size") || parse_starts_ci(h, "write of size"))
        return PARSE_ROLE_ACCESS;
    if (strstr(h, "acquired here while holding"))
        return PARSE_ROLE_INNER;
    if (text_starts_with(h, "Thread T") && strstr(h, "created by"))
        return PARSE_ROLE_CREATE;
    return PARSE_ROLE_OTHER;
}

/* Signal number for "ERROR: ThreadSanitizer: SEGV on unknown address" etc. */
static int parse_tsan_signal(const char *what)
{
    static const struct { const char *name; int sig; } sigs[] = {
        {"SEGV", 11}, {"BUS", 7}, {"FPE", 8}, {"ILL", 4}, {"ABRT", 6}, {"TRAP", 5},
        {"stack-overflow", 11}, {NULL, 0},
    };
    for (size_t i = 0; sigs[i].name; i++) {
        size_t n = strlen(sigs[i].name);
        if (strncmp(what, sigs[i].name, n) == 0 && (what[n] == ' ' || what[n] == '\0'))
            return sigs[i].sig;
    }
    return 0;
}

/* Notes a runtime failure, closing any open report first. */
static void parse_tsan_failure(parse_ctx *c, const char *what, const char *text)
{
    parse_close(c, &c->tsan, PARSE_END_FATAL);
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%s%s", what, text);
    parse_note(c, c->lineno, b.s);
    text_buf_free(&b);
}

/* Handles the runtime's own failures and crashes; returns 1 if line was one. */
static int parse_tsan_fatal(parse_ctx *c, const char *line)
{
    const char *p;
    if (strstr(line, "FATAL: ThreadSanitizer: unexpected memory mapping")) {
        c->r->tsan_bad_mapping = 1;
        parse_tsan_failure(c,
                           "ThreadSanitizer could not start: the kernel placed memory where "
                           "TSan's shadow layout forbids it (vm.mmap_rnd_bits above 28 does this "
                           "to the runtimes of clang < 18 and gcc; lower it to 28)",
                           "");
        return 1;
    }
    if ((p = strstr(line, "FATAL: ThreadSanitizer")) ||
        (p = strstr(line, "ThreadSanitizer: CHECK failed")) ||
        (p = strstr(line, "ThreadSanitizer: nested bug"))) {
        c->r->fatal = 1;
        parse_tsan_failure(c, "ThreadSanitizer stopped with a fatal error: ", p);
        return 1;
    }
    if ((p = strstr(line, "ERROR: ThreadSanitizer: "))) {
        int sig = parse_tsan_signal(p + 24);
        if (sig && !c->r->crash_signal)
            c->r->crash_signal = sig;
        if (!sig)
            c->r->fatal = 1;
        parse_tsan_failure(c, sig ? "the program crashed: " : "ThreadSanitizer stopped the program: ",
                           p + 24);
        return 1;
    }
    return 0;
}

/* Opens a report for a "WARNING: ThreadSanitizer: TITLE (pid=N)" line. */
static void parse_tsan_warning(parse_ctx *c, const char *title)
{
    parse_close(c, &c->tsan, PARSE_END_INTERRUPTED);
    char *t = text_dup(title);
    char *pid = strstr(t, " (pid=");
    if (pid)
        *pid = '\0';
    const char *kind = parse_kind_in(t, parse_tsan_kinds);
    parse_report_open(&c->tsan, kind ? text_dup(kind) : parse_other_kind(t), c->lineno);
    free(t);
}

/* A line while a TSan report is open: frames, section headers, the end. */
static void parse_tsan_body(parse_ctx *c, const char *line)
{
    parse_report *rep = &c->tsan;
    parse_frame f;
    if (strstr(line, "SUMMARY: ThreadSanitizer:")) {
        parse_close(c, rep, PARSE_END_COMPLETE);
    } else if (parse_tsan_frame(line, &f)) {
        parse_report_frame(rep, &f);
    } else if (strstr(line, "[failed to restore the stack]")) {
        parse_report_unrestored(rep);
    } else if (line[0] == ' ' && line[1] == ' ' && line[2] && line[2] != ' ') {
        size_t n = strlen(line);
        if (line[n - 1] == ':')
            parse_section_add(rep, parse_tsan_role(line + 2));
        else
            rep->cur = -1;
    } else if (line[0] == '=' && strspn(line, "=") == strlen(line) && strlen(line) >= 10) {
        /* closing separator when the summary line was turned off */
        parse_close(c, rep, PARSE_END_COMPLETE);
    }
    /* anything else is the program's output */
}

static void parse_tsan_line(parse_ctx *c, const char *line)
{
    const char *w = strstr(line, "WARNING: ThreadSanitizer: ");
    if (w && strstr(w, "(pid=")) {
        parse_tsan_warning(c, w + 26);
        return;
    }
    if (parse_tsan_fatal(c, line))
        return;
    if (c->tsan.open)
        parse_tsan_body(c, line);
}

/* ------------------------------------------------------------------ */
/* Valgrind: Helgrind and DRD                                          */
/* ------------------------------------------------------------------ */

/* The state of process pid, created on first sight. */
static parse_vg *parse_vg_get(parse_ctx *c, unsigned long pid)
{
    for (size_t i = c->nvg; i-- > 0;)
        if (c->vg[i].pid == pid)
            return &c->vg[i];
    if (c->nvg == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4;
        c->vg = text_realloc(c->vg, c->cap * sizeof *c->vg);
    }
    parse_vg *s = &c->vg[c->nvg++];
    memset(s, 0, sizeof *s);
    s->pid = pid;
    s->tool = PARSE_ANY;
    s->rep.cur = -1;
    return s;
}

/*
 * Splits a "==PID== text" line.  Returns the text (possibly empty) and sets
 * *pid, or NULL when the line has no Valgrind prefix.  Sanitizer lines such
 * as "==12==ERROR: ..." have no space after the prefix and are not Valgrind's.
 */
static const char *parse_vg_prefix(const char *line, unsigned long *pid)
{
    if (line[0] != '=' || line[1] != '=')
        return NULL;
    const char *p = line + 2;
    size_t n = strspn(p, "0123456789");
    if (n == 0 || n > 9 || p[n] != '=' || p[n + 1] != '=')
        return NULL;
    *pid = parse_number(p, n);
    p += n + 2;
    if (*p == '\0')
        return p;
    return *p == ' ' ? p + 1 : NULL;
}

/* Lines that end a process's run of reports. */
static int parse_vg_is_trailer(const char *t)
{
    static const char *const trailers[] = {
        "Use --history-level=", "the cost of reduced accuracy", "For lists of detected",
        "For counts of detected", "ERROR SUMMARY:", "HEAP SUMMARY:", NULL,
    };
    return parse_in_list(t, trailers, 1);
}

/* Banner lines printed when Valgrind starts. */
static int parse_vg_is_banner(parse_vg *s, const char *t)
{
    if (strstr(t, "Helgrind, a thread error detector"))
        s->tool = PARSE_HELGRIND;
    else if (strstr(t, "drd, a thread error detector"))
        s->tool = PARSE_DRD;
    else if (strstr(t, ", a ") && strstr(t, "error detector"))
        s->tool = PARSE_ANY;
    else
        return text_starts_with(t, "Copyright (C)") || text_starts_with(t, "Using Valgrind-") ||
               text_starts_with(t, "Command: ") || text_starts_with(t, "Parent PID: ");
    return 1;
}

/* Helgrind-style processes put a "-----" line before every report. */
static int parse_vg_helgrind_style(const parse_ctx *c, const parse_vg *s)
{
    if (s->tool != PARSE_ANY)
        return s->tool == PARSE_HELGRIND;
    if (c->tool == PARSE_HELGRIND || c->tool == PARSE_DRD)
        return c->tool == PARSE_HELGRIND;
    return s->separators > 0;
}

/*
 * The kind of a Valgrind report title (new string).  A process whose banner
 * is missing may be either tool; their titles never collide.
 */
static char *parse_vg_kind(const parse_vg *s, const char *title)
{
    const char *kind = NULL;
    if (s->tool != PARSE_DRD && parse_is_helgrind_lock_order(title))
        kind = "lock-order-inversion";
    if (!kind && s->tool != PARSE_DRD)
        kind = parse_kind_in(title, parse_helgrind_kinds);
    if (!kind && s->tool != PARSE_HELGRIND)
        kind = parse_kind_in(title, parse_drd_kinds);
    return kind ? text_dup(kind) : parse_other_kind(title);
}

/* A section header inside an open Helgrind report. */
static void parse_helgrind_header(parse_report *rep, const char *t)
{
    t = text_skip_space(t);
    if (text_starts_with(t, "Locks held:") || text_starts_with(t, "with error code") ||
        text_starts_with(t, "in frame #"))
        return; /* annotations of the stack that follows or precedes */
    if (text_starts_with(t, "This conflicts with a previous")) {
        rep->conflict_seen = 1;
        /* "... previous access by thread #2, after": --history-level=approx
         * gives a window of synchronisation points, not the other access */
        int exact = text_starts_with(t, "This conflicts with a previous read") ||
                    text_starts_with(t, "This conflicts with a previous write");
        parse_section_add(rep, exact ? PARSE_ROLE_ACCESS : PARSE_ROLE_OTHER);
        return;
    }
    if (text_starts_with(t, "followed by a later acquisition")) {
        parse_section_add(rep, PARSE_ROLE_INNER);
        return;
    }
    if (text_starts_with(t, "Required order was established"))
        rep->required_seen = 1;
    parse_section_add(rep, PARSE_ROLE_OTHER);
}

/* A non-frame line inside an open DRD (or unknown tool's) report. */
static void parse_drd_header(parse_report *rep, const char *t)
{
    if (t[0] == ' ' && strstr(t, "call stack no longer available"))
        return;
    parse_section_add(rep, PARSE_ROLE_OTHER);
}

/* Valgrind's "Process terminating with default action of signal 11 (SIGSEGV)". */
static void parse_vg_crash(parse_ctx *c, parse_vg *s, const char *t)
{
    const char *p = strstr(t, "signal ");
    unsigned long sig = 0;
    if (p) {
        p += 7;
        sig = parse_number(p, strspn(p, "0123456789"));
    }
    if (sig && sig < 128 && !c->r->crash_signal)
        c->r->crash_signal = (int)sig;
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "the program crashed (pid %lu): %s", s->pid, t);
    parse_note(c, c->lineno, b.s);
    text_buf_free(&b);
    s->mode = PARSE_VG_CRASH;
}

/* Lines of no open report: separators, banners, trailers and titles. */
static void parse_vg_between(parse_ctx *c, parse_vg *s, const char *t)
{
    if (s->mode == PARSE_VG_ANNOUNCE || s->mode == PARSE_VG_CRASH)
        return;
    if (parse_vg_is_banner(s, t) || parse_vg_is_trailer(t))
        return;
    int helgrind = parse_vg_helgrind_style(c, s);
    if (helgrind && s->mode != PARSE_VG_EXPECT_TITLE)
        return;
    if (!helgrind && (t[0] == ' ' || (text_starts_with(t, "Thread ") &&
                                      t[strlen(t) - 1] == ':' &&
                                      parse_skip_thread_prefix(t) != t)))
        return; /* DRD's "Thread 3:" says who runs next, it is no report */
    parse_report_open(&s->rep, parse_vg_kind(s, t), c->lineno);
    s->mode = PARSE_VG_IDLE;
}

/*
 * Whether a Helgrind report still open at the end of the log is whole: it
 * must end with its empty line, and a race or lock-order report must have
 * reached its second part.
 */
static int parse_vg_complete_at_end(const parse_ctx *c, const parse_vg *s)
{
    const parse_report *rep = &s->rep;
    if (!parse_vg_helgrind_style(c, s) || !s->last_blank)
        return 0;
    for (size_t i = 0; i < rep->nsec; i++)
        if (rep->sec[i].role != PARSE_ROLE_OTHER && !parse_section_has_stack(&rep->sec[i]))
            return 0;
    if (strcmp(rep->kind, "data-race") == 0)
        return rep->conflict_seen;
    if (strcmp(rep->kind, "lock-order-inversion") == 0) {
        size_t inner = 0;
        for (size_t i = 0; i < rep->nsec; i++)
            inner += rep->sec[i].role == PARSE_ROLE_INNER;
        return inner >= (rep->required_seen ? 2u : 1u);
    }
    return 1;
}

/* Whether this process's reports are wanted under the --detector choice. */
static int parse_vg_wanted(const parse_ctx *c, const parse_vg *s)
{
    return c->tool == PARSE_ANY || s->tool == PARSE_ANY || s->tool == c->tool;
}

static void parse_vg_line(parse_ctx *c, unsigned long pid, const char *t)
{
    parse_vg *s = parse_vg_get(c, pid);
    parse_frame f;
    int blank = *text_skip_space(t) == '\0';
    s->last_blank = blank;
    if (parse_vg_frame(t, &f)) {
        parse_report_frame(&s->rep, &f);
        return;
    }
    if (blank) {
        if (s->mode == PARSE_VG_CRASH)
            s->mode = PARSE_VG_IDLE;
        if (s->rep.open && !parse_vg_helgrind_style(c, s))
            parse_close(c, &s->rep, PARSE_END_COMPLETE);
        return;
    }
    if (text_starts_with(t, "---")) {
        parse_close(c, &s->rep, PARSE_END_COMPLETE);
        s->separators++;
        s->mode = strstr(t, "Thread-Announcement") ? PARSE_VG_ANNOUNCE : PARSE_VG_EXPECT_TITLE;
        return;
    }
    if (text_starts_with(t, "Process terminating with default action of signal")) {
        parse_close(c, &s->rep, PARSE_END_COMPLETE);
        parse_vg_crash(c, s, t);
        return;
    }
    if (text_starts_with(t, "Warning:"))
        return; /* Valgrind's own remarks can come at any time */
    if (parse_vg_is_trailer(t)) {
        parse_close(c, &s->rep, PARSE_END_COMPLETE);
        s->mode = PARSE_VG_IDLE;
        s->finished = 1;
        return;
    }
    if (!parse_vg_wanted(c, s))
        return;
    if (!s->rep.open)
        parse_vg_between(c, s, t);
    else if (parse_vg_helgrind_style(c, s))
        parse_helgrind_header(&s->rep, t);
    else
        parse_drd_header(&s->rep, t);
}

/* Valgrind's failures to start or to go on. */
static void parse_vg_fatal(parse_ctx *c, const char *line)
{
    if ((text_starts_with(line, "valgrind: ") && !strstr(line, "arning")) ||
        strstr(line, "Valgrind's memory management: out of memory") ||
        strstr(line, "the 'impossible' happened")) {
        c->r->fatal = 1;
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "Valgrind stopped with a fatal error: %s", line);
        parse_note(c, c->lineno, b.s);
        text_buf_free(&b);
    }
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */

static void parse_line(parse_ctx *c, const char *line)
{
    unsigned long pid;
    const char *t = parse_vg_prefix(line, &pid);
    int vg = c->tool == PARSE_ANY || c->tool == PARSE_HELGRIND || c->tool == PARSE_DRD;
    if (t) {
        if (vg) {
            parse_vg_line(c, pid, t);
            parse_vg_fatal(c, t);
        }
        return;
    }
    if (c->tool == PARSE_ANY || c->tool == PARSE_TSAN)
        parse_tsan_line(c, line);
    if (vg)
        parse_vg_fatal(c, line);
}

/* The end of the log: whatever is still open was cut off. */
static void parse_finish(parse_ctx *c)
{
    parse_close(c, &c->tsan, PARSE_END_LOG);
    for (size_t i = 0; i < c->nvg; i++) {
        parse_vg *s = &c->vg[i];
        if (s->rep.open)
            parse_close(c, &s->rep,
                        parse_vg_complete_at_end(c, s) ? PARSE_END_COMPLETE : PARSE_END_LOG);
        parse_report_clear(&s->rep);
    }
    parse_report_clear(&c->tsan);
    free(c->vg);
}

void parse_result_init(parse_result *r)
{
    memset(r, 0, sizeof *r);
    finding_list_init(&r->findings);
    text_list_init(&r->notes);
}

void parse_result_free(parse_result *r)
{
    finding_list_free(&r->findings);
    text_list_free(&r->notes);
    parse_result_init(r);
}

int parse_tool_from_name(const char *name, parse_tool *out)
{
    static const struct { const char *name; parse_tool tool; } tools[] = {
        {"tsan", PARSE_TSAN}, {"helgrind", PARSE_HELGRIND}, {"drd", PARSE_DRD},
        {"any", PARSE_ANY}, {NULL, PARSE_ANY},
    };
    for (size_t i = 0; tools[i].name; i++)
        if (strcmp(name, tools[i].name) == 0) {
            *out = tools[i].tool;
            return 0;
        }
    return -1;
}

int parse_stream(FILE *f, const char *name, parse_tool tool, parse_result *r)
{
    parse_ctx c;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.tool = tool;
    c.r = r;
    c.tsan.cur = -1;
    text_reader rd;
    text_reader_init(&rd, f);
    const char *line;
    while ((line = text_reader_next(&rd)) != NULL) {
        c.lineno = rd.lineno;
        parse_line(&c, line);
    }
    int err = ferror(f) ? -1 : 0;
    parse_finish(&c);
    text_reader_free(&rd);
    return err;
}
