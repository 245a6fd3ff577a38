/*
 * parse.c - the parse stage: ThreadSanitizer, Helgrind and DRD logs to
 * canonical findings (see parse.h for the contract).
 *
 * This is the shared core of the stage.  What recognises one detector's
 * lines lives in a file of its own, parse_tsan.c for ThreadSanitizer and
 * parse_valgrind.c for Helgrind and DRD, so that each detector's formats are
 * read in one place; everything the detectors have in common is here, once:
 * stack frames and which of them are the program's own, the bookkeeping of
 * reports and their sections, turning a complete report into findings, the
 * other:<slug> kinds made from titles, notes, and the line dispatcher that
 * hands every line of a log to the reader of its detector.  What the three
 * files share is declared in parse_impl.h.
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
 * Decisions worth knowing (those that concern one detector only are in the
 * header comment of its file):
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
 *  - A crash is not a finding: "Process terminating with default action of
 *    signal N" (Valgrind) and "ERROR: ThreadSanitizer: SEGV on unknown
 *    address" (and BUS, FPE, ILL, ABRT, TRAP, stack-overflow) set
 *    r->crash_signal and leave a note, so every detector reports a crash the
 *    same way.
 *  - other:<slug> comes from the report title with thread names, numbers and
 *    addresses taken out and cut at the first ", " or ". ", so it stays the
 *    same from run to run; it is cut at a word boundary to fit 60 characters.
 *  - A location taken from a stack TSan could not restore is "?" and the
 *    finding carries the key stack=unrestored.
 */
#include "parse_impl.h"
#include "titles.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Small string helpers                                                */
/* ------------------------------------------------------------------ */

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
unsigned long parse_number(const char *s, size_t n)
{
    unsigned long v = 0;
    for (size_t i = 0; i < n; i++) {
        v = v * 10 + (unsigned long)(s[i] - '0');
        /* checked after the digit is added: the canonical reader's limit,
         * so every line number given out reads back as one */
        if (v > 100000000UL)
            return 0;
    }
    return v;
}

/* Removes trailing white space from s in place. */
void parse_rtrim(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
}

/*
 * Given s ending in ')', returns the '(' that opens that last group, counting
 * nested parentheses (C++ signatures carry their own), or NULL if unbalanced.
 */
char *parse_last_group(char *s)
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

void parse_frame_free(parse_frame *f)
{
    free(f->buf);
    f->buf = NULL;
}

/*
 * Splits a "path:line" or "path:line:column" token in place: on success the
 * token is cut to the path and the line is returned; 0 means no line.
 */
unsigned long parse_split_loc(char *tok)
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

const char *parse_known_name(const char *s)
{
    if (!s || !*s || strcmp(s, "<null>") == 0 || strcmp(s, "???") == 0)
        return NULL;
    return s;
}

/* glibc sources that show up in Valgrind stacks when debug info is present
   (Valgrind then prints the file and no object): thread start, the read(2)
   wrapper whose buffer the kernel writes, qsort's merge sort, and the
   environment functions. */
static const char *const parse_libc_files[] = {
    "clone.S", "clone3.S", "clone-internal.c", "pthread_create.c",
    "libc-start.c", "libc_start_call_main.h", "read.c", "msort.c", "qsort.c",
    "getenv.c", "setenv.c", NULL,
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

int parse_in_list(const char *s, const char *const *list, int prefix)
{
    for (size_t i = 0; list[i]; i++)
        if (prefix ? text_starts_with(s, list[i]) : strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/*
 * Names the program gives its own functions although they look reserved:
 * SV-COMP's verifier hooks, which benchmark programs define themselves
 * (__VERIFIER_atomic_begin), and clang's names for the program's OpenMP
 * target regions run on the host (__omp_offloading_..._main_l63), made
 * from the program's own function and line.
 */
static const char *const parse_program_reserved[] = {
    "__VERIFIER_", "__omp_offloading_", NULL,
};

/*
 * Where the function's qualified name starts: a demangled C++ template
 * instance carries its return type first ("int& std::vector<int>::
 * emplace_back<int>(int&&)"), so the name is after the last space outside
 * any <...> or (...) that comes before the parameter list.
 */
static const char *parse_func_name(const char *func)
{
    const char *name = func;
    int depth = 0;
    for (const char *p = func; *p; p++) {
        if (*p == '<' || *p == '(') {
            /* "(anonymous namespace)" and "(below main)" open a name too */
            if (*p == '(' && depth == 0 && p != func && p[-1] != ' ' && p[-1] != ':')
                break;  /* the parameter list */
            depth++;
        } else if ((*p == '>' || *p == ')') && depth > 0) {
            depth--;
        } else if (*p == ' ' && depth == 0) {
            name = p + 1;
        }
    }
    return name;
}

/*
 * Reserved identifiers (__x, _X), symbol versions (pthread_create@@
 * GLIBC_2.34), Valgrind's "(below main)", and the library namespaces.
 */
static int parse_func_is_library(const char *func)
{
    if (func[0] == '_' && (func[1] == '_' || isupper((unsigned char)func[1])))
        return !parse_in_list(func, parse_program_reserved, 1);
    if (strchr(func, '@') || strcmp(func, "(below main)") == 0)
        return 1;
    const char *name = parse_func_name(func);
    return text_starts_with(name, "pthread_") || text_starts_with(name, "std::") ||
           text_starts_with(name, "__gnu_cxx::");
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
    /* assembler sources are the C library's (syscall-template.S, clone.S) */
    if (text_ends_with(base, ".S"))
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

/* ------------------------------------------------------------------ */
/* The program's own files                                             */
/* ------------------------------------------------------------------ */

void parse_own_init(parse_own *o)
{
    text_list_init(&o->names);
    text_list_init(&o->dirs);
}

void parse_own_free(parse_own *o)
{
    text_list_free(&o->names);
    text_list_free(&o->dirs);
    parse_own_init(o);
}

int parse_own_empty(const parse_own *o)
{
    return !o || (o->names.n == 0 && o->dirs.n == 0);
}

#define PARSE_OWN_MAX_DEPTH 16
#define PARSE_OWN_MAX_FILES 100000

static int parse_own_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files under dir; returns 0 or -1 (errno) for dir itself. */
static int parse_own_walk(parse_own *o, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && o->names.n < PARSE_OWN_MAX_FILES) {
        if (e->d_name[0] == '.')
            continue;  /* ".", "..", and hidden folders such as .git */
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(b.s, &st) == 0) {
            if (S_ISREG(st.st_mode))
                text_list_push(&o->names, text_dup(e->d_name));
            else if (S_ISDIR(st.st_mode) && depth < PARSE_OWN_MAX_DEPTH)
                parse_own_walk(o, b.s, depth + 1);  /* an unreadable subfolder adds nothing */
        }
        text_buf_free(&b);
    }
    closedir(d);
    return 0;
}

int parse_own_add(parse_own *o, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (S_ISDIR(st.st_mode)) {
        if (parse_own_walk(o, path, 0) != 0)
            return -1;
        /* absolute, as full paths in logs are; not resolved further, as a
           log names the folder the way the build did */
        text_buf b;
        text_buf_init(&b);
        char cwd[4096];
        if (path[0] != '/' && getcwd(cwd, sizeof cwd))
            text_buf_printf(&b, "%s/", cwd);
        text_buf_adds(&b, path);
        while (b.len > 1 && b.s[b.len - 1] == '/')
            b.s[--b.len] = '\0';
        text_list_push(&o->dirs, b.s);
    } else {
        text_list_push(&o->names, text_dup(text_basename(path)));
    }
    qsort(o->names.v, o->names.n, sizeof *o->names.v, parse_own_cmp);
    return 0;
}

int parse_own_has(const parse_own *o, const char *file)
{
    if (!o || !file)
        return 0;
    const char *base = text_basename(file);
    if (bsearch(&base, o->names.v, o->names.n, sizeof *o->names.v, parse_own_cmp))
        return 1;
    for (size_t i = 0; i < o->dirs.n; i++) {
        size_t n = strlen(o->dirs.v[i]);
        if (strncmp(file, o->dirs.v[i], n) == 0 && file[n] == '/')
            return 1;
    }
    return 0;
}

int parse_frame_is_own_in(const parse_own *own, const char *func, const char *file,
                          const char *object)
{
    if (parse_own_empty(own))
        return parse_frame_is_own(func, file, object);
    return parse_own_has(own, file);
}

/*
 * "file.c:12" for an own frame with a file and a line, else NULL (new string).
 * A canonical line is split at white space and reads a word holding '=' as a
 * key, so those bytes of a file name (Valgrind prints names with spaces as
 * they are) are written %XX, as is '%' itself to keep the form unambiguous.
 */
static char *parse_frame_loc(const parse_ctx *c, const parse_frame *f)
{
    if (!f->file || f->line == 0 || !parse_frame_is_own_in(c->own, f->func, f->file, f->object))
        return NULL;
    const char *base = text_basename(f->file);
    if (!*base)
        return NULL;
    text_buf b;
    text_buf_init(&b);
    for (const char *p = base; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (isspace(ch) || ch == '=' || ch == '%')
            text_buf_printf(&b, "%%%02X", ch);
        else
            text_buf_add(&b, p, 1);
    }
    text_buf_printf(&b, ":%lu", f->line);
    return b.s;
}

/* ------------------------------------------------------------------ */
/* Reports                                                             */
/* ------------------------------------------------------------------ */

static unsigned parse_used_roles(const char *kind);

void parse_report_clear(parse_report *rep)
{
    parse_report kept = *rep;
    free(rep->title);
    memset(rep, 0, sizeof *rep);
    rep->cur = -1;
    rep->sec = kept.sec;
    rep->cap = kept.cap;
    rep->kind_buf = kept.kind_buf;
    rep->locs = kept.locs;
    rep->locs.len = 0;
}

void parse_report_free(parse_report *rep)
{
    parse_report_clear(rep);
    free(rep->sec);
    text_buf_free(&rep->kind_buf);
    text_buf_free(&rep->locs);
    memset(rep, 0, sizeof *rep);
    rep->cur = -1;
}

const char *parse_section_loc(const parse_report *rep, const parse_section *s)
{
    return s->loc ? rep->locs.s + s->loc - 1 : NULL;
}

/* Gives the current section of rep the location loc (NULL: none). */
static void parse_section_set_loc(parse_report *rep, const char *loc)
{
    if (!loc) {
        rep->sec[rep->cur].loc = 0;
        return;
    }
    rep->sec[rep->cur].loc = rep->locs.len + 1;
    text_buf_add(&rep->locs, loc, strlen(loc) + 1);
}

/* Sets rep's kind to a copy of kind, in storage rep keeps. */
static void parse_report_set_kind(parse_report *rep, const char *kind)
{
    rep->kind_buf.len = 0;
    text_buf_adds(&rep->kind_buf, kind);
    rep->kind = rep->kind_buf.s;
    rep->used_roles = parse_used_roles(kind);
}

/* Starts a new section with the given role; frames now go to it. */
void parse_section_add(parse_report *rep, parse_role role)
{
    if (rep->nsec == rep->cap) {
        rep->cap = rep->cap ? rep->cap * 2 : 8;
        rep->sec = text_realloc(rep->sec, rep->cap * sizeof *rep->sec);
    }
    parse_section *s = &rep->sec[rep->nsec];
    s->role = role;
    s->loc = 0;
    s->frames = 0;
    s->unrestored = 0;
    rep->cur = (int)rep->nsec++;
}

#define PARSE_ROLE_BIT(r) (1u << (r))

/*
 * The roles whose locations parse_report_emit reads for a kind: the accesses
 * of a race or a use after free, the inner acquisitions of a lock-order
 * cycle; any other kind may fall back on its first section with a stack, so
 * every role counts.
 */
static unsigned parse_used_roles(const char *kind)
{
    if (strcmp(kind, "data-race") == 0 || strcmp(kind, "heap-use-after-free") == 0)
        return PARSE_ROLE_BIT(PARSE_ROLE_MAIN) | PARSE_ROLE_BIT(PARSE_ROLE_ACCESS);
    if (strcmp(kind, "lock-order-inversion") == 0)
        return PARSE_ROLE_BIT(PARSE_ROLE_INNER);
    return ~0u;
}

void parse_report_open(parse_report *rep, const char *kind, unsigned long line)
{
    parse_report_clear(rep);
    rep->open = 1;
    rep->begun = line;
    parse_report_set_kind(rep, kind);
    parse_section_add(rep, PARSE_ROLE_MAIN);
}

int parse_report_wants_loc(const parse_report *rep)
{
    if (!rep->open || rep->cur < 0)
        return 0;
    const parse_section *s = &rep->sec[rep->cur];
    return !s->loc && (rep->used_roles & PARSE_ROLE_BIT(s->role));
}

void parse_report_frame_seen(parse_report *rep)
{
    if (rep->open && rep->cur >= 0)
        rep->sec[rep->cur].frames++;
}

/* The two entries of the memo's set for a key. */
static parse_memo_entry *parse_memo_set(parse_ctx *c, const char *key, size_t n)
{
    if (!c->memo)
        c->memo = text_alloc(2 * PARSE_MEMO_SETS * sizeof *c->memo);
    return &c->memo[2 * (text_hash(0, key, n) % PARSE_MEMO_SETS)];
}

/* The location the memo holds for a key read by `read`, as the first entry
 * of its set (now the one used last); NULL when it holds none.  *found says
 * which: a frame that is not own code has no location either. */
static const char *parse_memo_find(parse_memo_entry *set, const char *key, size_t n,
                                   parse_frame_reader read, int *found)
{
    *found = 0;
    for (int w = 0; w < 2; w++) {
        parse_memo_entry *e = &set[w];
        if (e->key && e->read == read && e->key_len == n && memcmp(e->key, key, n) == 0) {
            if (w) {
                parse_memo_entry t = set[0];
                set[0] = set[1];
                set[1] = t;
            }
            *found = 1;
            return set[0].loc;
        }
    }
    return NULL;
}

/* Remembers a key's location (NULL: none) first in its set, in place of the
 * entry used least lately. */
static void parse_memo_put(parse_memo_entry *set, const char *key, size_t n,
                           parse_frame_reader read, const char *loc)
{
    free(set[1].key);
    free(set[1].loc);
    set[1] = set[0];
    set[0].key = text_ndup(key, n);
    set[0].key_len = n;
    set[0].loc = loc ? text_dup(loc) : NULL;
    set[0].read = read;
}

static void parse_memo_free(parse_ctx *c)
{
    if (!c->memo)
        return;
    for (size_t i = 0; i < 2 * PARSE_MEMO_SETS; i++) {
        free(c->memo[i].key);
        free(c->memo[i].loc);
    }
    free(c->memo);
    c->memo = NULL;
}

int parse_report_frame_line(parse_ctx *c, parse_report *rep, const char *line, const char *key,
                            parse_frame_reader read)
{
    if (!parse_report_wants_loc(rep)) {
        parse_report_frame_seen(rep);
        return 0;
    }
    size_t n = (size_t)(c->line_end - key);
    parse_memo_entry *set = n <= PARSE_MEMO_MAX_KEY ? parse_memo_set(c, key, n) : NULL;
    if (set) {
        int found;
        const char *known = parse_memo_find(set, key, n, read, &found);
        if (found) {
            parse_section_set_loc(rep, known);
            parse_report_frame_seen(rep);
            return 0;
        }
    }
    parse_frame f;
    if (!read(line, &f))
        return -1;
    char *loc = parse_frame_loc(c, &f);
    if (!f.file && f.func && !c->no_source_func && parse_frame_is_own(f.func, NULL, f.object)) {
        c->no_source_func = text_dup(f.func);
        c->no_source_line = c->lineno;
    }
    if (!f.file && !f.func && f.object && !c->no_symbol_line &&
        parse_frame_is_own(NULL, NULL, f.object))
        c->no_symbol_line = c->lineno;
    parse_frame_free(&f);
    if (set)
        parse_memo_put(set, key, n, read, loc);
    parse_section_set_loc(rep, loc);
    free(loc);
    parse_report_frame_seen(rep);
    return 0;
}

void parse_report_rekind(parse_report *rep, int k)
{
    const char *kind = titles_canonical((titles_kind)k);
    rep->refine = PARSE_REFINE_NONE;
    if (!kind || !rep->open)
        return;
    parse_report_set_kind(rep, kind);
}

void parse_report_unrestored(parse_report *rep)
{
    if (rep->open && rep->cur >= 0)
        rep->sec[rep->cur].unrestored = 1;
}

int parse_section_has_stack(const parse_section *s)
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
 * still counts as a location, "?".  A long log repeats the same few
 * findings: the set keeps them unique as they come, so memory stays bounded
 * by the distinct findings. */
static void parse_emit(parse_ctx *c, const parse_report *rep, const parse_section *a,
                       const parse_section *b)
{
    int unrestored = (a && a->unrestored) || (b && b->unrestored);
    const char *la = a ? parse_section_loc(rep, a) : NULL;
    const char *lb = b ? parse_section_loc(rep, b) : NULL;
    if (b && !lb)
        lb = FINDING_UNKNOWN_LOC;
    finding_add_unique(&c->r->findings, &c->seen, rep->kind, la, lb,
                       unrestored ? "stack=unrestored" : NULL);
}

/* Every pair of consecutive edges of a lock-order cycle (see the header). */
static void parse_emit_cycle(parse_ctx *c, const parse_report *rep)
{
    size_t n = 0;
    for (size_t i = 0; i < rep->nsec; i++)
        if (rep->sec[i].role == PARSE_ROLE_INNER)
            n++;
    if (n == 0) {
        parse_emit(c, rep, NULL, NULL);
        return;
    }
    const parse_section **e = text_alloc(n * sizeof *e);
    n = 0;
    for (size_t i = 0; i < rep->nsec; i++)
        if (rep->sec[i].role == PARSE_ROLE_INNER)
            e[n++] = &rep->sec[i];
    if (n == 1)
        parse_emit(c, rep, e[0], NULL);
    else if (n == 2)
        parse_emit(c, rep, e[0], e[1]);
    else
        for (size_t i = 0; i < n; i++)
            parse_emit(c, rep, e[i], e[(i + 1) % n]);
    free(e);
}

/* Turns a complete report into findings. */
static void parse_report_emit(parse_ctx *c, const parse_report *rep)
{
    const parse_section *s[2] = {NULL, NULL};
    const char *k = rep->kind;
    c->r->reports++;
    if (strcmp(k, "data-race") == 0 || strcmp(k, "heap-use-after-free") == 0) {
        size_t n = parse_pick(rep, PARSE_ROLE_MAIN, PARSE_ROLE_ACCESS, s, 2);
        parse_emit(c, rep, s[0], n > 1 ? s[1] : NULL);
    } else if (strcmp(k, "lock-order-inversion") == 0) {
        parse_emit_cycle(c, rep);
    } else if (strcmp(k, "thread-leak") == 0 &&
               parse_pick(rep, PARSE_ROLE_CREATE, PARSE_ROLE_CREATE, s, 1)) {
        parse_emit(c, rep, s[0], NULL);
    } else {
        for (size_t i = 0; i < rep->nsec && !s[0]; i++)
            if (parse_section_has_stack(&rep->sec[i]))
                s[0] = &rep->sec[i];
        parse_emit(c, rep, s[0], NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Titles to kinds                                                     */
/* ------------------------------------------------------------------ */

/* Skips "Thread #3: ", "Thread #3's ", "Thread #3 " and DRD's "Thread 3: ". */
const char *parse_skip_thread_prefix(const char *t)
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
char *parse_other_kind(const char *title)
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
/* ------------------------------------------------------------------ */
/* Notes and closing reports                                           */
/* ------------------------------------------------------------------ */

void parse_notef(parse_ctx *c, unsigned long line, const char *fmt, ...)
{
    if (c->r->notes.n >= PARSE_MAX_NOTES) {
        c->r->notes_left_out++;
        return;
    }
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%s:%lu: ", c->name, line);
    va_list ap;
    va_start(ap, fmt);
    text_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    text_list_push(&c->r->notes, b.s);
}

void parse_note(parse_ctx *c, unsigned long line, const char *msg)
{
    parse_notef(c, line, "%s", msg);
}

/* Closes a report: complete ones become findings, cut ones are noted. */
void parse_close(parse_ctx *c, parse_report *rep, parse_end end)
{
    if (!rep->open)
        return;
    if (end == PARSE_END_COMPLETE) {
        parse_report_emit(c, rep);
        parse_report_clear(rep);
        return;
    }
    if (end == PARSE_END_LOG)
        parse_notef(c, c->lineno, "log ends inside a %s report begun at line %lu; it is not counted",
                    rep->kind, rep->begun);
    else
        parse_notef(c, c->lineno,
                    "a %s report begun at line %lu is cut short by %s; it is not counted",
                    rep->kind, rep->begun,
                    end == PARSE_END_FATAL ? "a fatal error" : "another report");
    c->r->truncated++;
    parse_report_clear(rep);
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */

static void parse_vg_unprefixed(parse_ctx *c, const char *line);

/* A Valgrind line glued after the program's output (parse.h). */
const char *parse_vg_glued(const char *line, unsigned long *pid)
{
    if (!line[0])
        return NULL;
    for (const char *p = strchr(line + 1, '='); p; p = strchr(p + 1, '=')) {
        if (p[1] == '=' && isdigit((unsigned char)p[2])) {
            const char *t = parse_vg_prefix(p, pid);
            if (t)
                return t;
        }
    }
    return NULL;
}

/*
 * The text of a line that begins with a Valgrind prefix, and its PID; NULL
 * for any other line.  A process's lines come in runs, so a line that
 * begins with the very bytes of the last prefix read is known by one
 * comparison (parse_vg_prefix is a function of those bytes alone).
 */
static const char *parse_line_vg_prefix(parse_ctx *c, const char *line, unsigned long *pid)
{
    if (line[0] != '=')
        return NULL;   /* most lines of most logs */
    /* the line's length first: a line shorter than the prefix ends there */
    if (c->vg_prefix_len && (size_t)(c->line_end - line) >= c->vg_prefix_len &&
        memcmp(line, c->vg_prefix, c->vg_prefix_len) == 0) {
        *pid = c->vg_prefix_pid;
        return line + c->vg_prefix_len;
    }
    const char *t = parse_vg_prefix(line, pid);
    size_t n = t ? (size_t)(t - line) : 0;
    if (n && n <= sizeof c->vg_prefix && line[n - 1] == ' ') {
        memcpy(c->vg_prefix, line, n);
        c->vg_prefix_len = n;
        c->vg_prefix_pid = *pid;
    }
    return t;
}

/* One line of the log to the readers of the detectors wanted; w: where it
 * names ThreadSanitizer. */
static void parse_line(parse_ctx *c, const char *line, const parse_tsan_word *w)
{
    unsigned long pid;
    const char *t = parse_line_vg_prefix(c, line, &pid);
    int vg = c->tool == PARSE_ANY || c->tool == PARSE_HELGRIND || c->tool == PARSE_DRD;
    if (!t && vg && line[0])
        t = parse_vg_glued(line, &pid);
    if (t) {
        if (vg) {
            parse_vg_line(c, pid, t);
            parse_vg_fatal(c, t);
        }
        return;
    }
    if (c->tool == PARSE_ANY || c->tool == PARSE_TSAN)
        parse_tsan_line(c, line, w);
    if (vg) {
        parse_vg_fatal(c, line);
        parse_vg_unprefixed(c, line);
    }
}

/*
 * A Valgrind title with no "==PID== " before it: a filtered log, such as
 * Valgrind's own regression tests' .stderr.exp files (prefix removed,
 * addresses written 0x........, frames elided as "...").  Such a log is
 * not read: without the prefix a report cannot be told from what the
 * program printed.  It is counted, so parse_finish can say why nothing was
 * found rather than find nothing without a word.  Only a line's first byte
 * is looked at first, so ordinary lines cost nothing that shows.
 */
static void parse_vg_unprefixed(parse_ctx *c, const char *line)
{
    if (!strchr("PCTRMDNL", line[0]) ||
        titles_kind_of(TITLES_VALGRIND, line, 0) == TITLES_OTHER)
        return;
    if (!c->unprefixed++)
        c->unprefixed_line = c->lineno;
}

/* The end of the log: whatever is still open was cut off. */
static void parse_finish(parse_ctx *c)
{
    if (c->unprefixed && c->nvg == 0) {
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "a Helgrind or DRD report title without Valgrind's \"==PID== \" "
                        "prefix (%lu such line%s in all): a filtered log, such as Valgrind's own "
                        ".stderr.exp files?  racecard reads Valgrind reports only with their "
                        "prefix, so none of them was counted",
                        c->unprefixed, c->unprefixed == 1 ? "" : "s");
        parse_note(c, c->unprefixed_line, b.s);
        text_buf_free(&b);
    }
    parse_close(c, &c->tsan, PARSE_END_LOG);
    parse_vg_finish(c);
    parse_report_free(&c->tsan);
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
        {"canonical", PARSE_CANONICAL}, {"any", PARSE_ANY}, {NULL, PARSE_ANY},
    };
    for (size_t i = 0; tools[i].name; i++)
        if (strcmp(name, tools[i].name) == 0) {
            *out = tools[i].tool;
            return 0;
        }
    return -1;
}

/*
 * A finding at "?" beside a frame of the program that names a function but
 * no source file is a binary without debug info, not a report of libraries
 * only: says so once, at that frame.  (Frames of the sanitizer's runtime,
 * linked into the program without lines, name no file either; they alone
 * leave no finding at "?", so they alone say nothing.)  A frame of the
 * program with neither function nor file is a stack nobody symbolized:
 * ThreadSanitizer without an llvm-symbolizer, or with symbolize=0.
 */
static void parse_note_no_source(parse_ctx *c)
{
    int unknown = 0;
    for (size_t i = 0; i < c->r->findings.n && !unknown; i++)
        for (size_t k = 0; k < 2; k++)
            if (c->r->findings.v[i].loc[k] &&
                strcmp(c->r->findings.v[i].loc[k], FINDING_UNKNOWN_LOC) == 0)
                unknown = 1;
    if (unknown && c->no_symbol_line) {
        parse_note(c, c->no_symbol_line, "the program's frames name no function, file or line: "
                   "the stacks were not symbolized (no llvm-symbolizer found, or symbolize=0), "
                   "so findings are at '?'; install Debian's llvm-N for the clang in use "
                   "(racecard doctor names it)");
    } else if (unknown && c->no_source_func) {
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "frame '%s' of the program has no source file or line: the binary "
                        "has no debug info (built without -g, or stripped), so findings there "
                        "are at '?'; build it with -g", c->no_source_func);
        parse_note(c, c->no_source_line, b.s);
        text_buf_free(&b);
    }
    free(c->no_source_func);
    c->no_source_func = NULL;
}

int parse_stream(FILE *f, const char *name, parse_tool tool, parse_result *r)
{
    return parse_stream_own(f, name, tool, NULL, r);
}

void parse_watch(text_reader *rd, parse_tool tool)
{
    text_reader_watch(rd, "ThreadSanitizer");
    if (tool == PARSE_ANY || tool == PARSE_HELGRIND || tool == PARSE_DRD)
        text_reader_watch_byte(rd, '\'');
}

int parse_stream_own(FILE *f, const char *name, parse_tool tool, const parse_own *own,
                     parse_result *r)
{
    parse_ctx c;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.own = parse_own_empty(own) ? NULL : own;
    c.tool = tool;
    c.r = r;
    c.tsan.cur = -1;
    finding_set_init(&c.seen);
    finding_set_rebuild(&c.seen, &r->findings);
    text_reader rd;
    text_reader_init(&rd, f);
    parse_watch(&rd, tool);
    const char *line;
    for (;;) {
        /* Outside a report only a line naming ThreadSanitizer can matter to
           the TSan reader: the rest is skipped a block at a time. */
        if (tool == PARSE_TSAN && !c.tsan.open)
            text_reader_skip_unmarked(&rd);
        if ((line = text_reader_next(&rd)) == NULL)
            break;
        c.lineno = rd.lineno;
        c.line_end = line + rd.len;
        c.line_quotes = rd.byte_marked;
        if (tool == PARSE_CANONICAL)
            parse_canonical_line(&c, line);
        else
            parse_line(&c, line, &(parse_tsan_word){rd.mark, rd.marked_again});
    }
    int err = text_reader_failed(&rd) ? -1 : 0;
    parse_finish(&c);
    parse_note_no_source(&c);
    finding_set_free(&c.seen);
    parse_memo_free(&c);
    text_buf_free(&c.title);
    if (r->notes_left_out) {
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "%s: %u more notes were left out; the counts of reports and cut-off "
                        "reports are complete", name, r->notes_left_out);
        text_list_push(&r->notes, b.s);
        r->notes_left_out = 0;
    }
    text_reader_free(&rd);
    return err;
}
