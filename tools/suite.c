/*
 * suite.c - the foreign suites racecard reads (suite.h): which exist, where
 * a user's checkout is, the names of its cases, and which adapter reads
 * each one.
 */
#include "suite.h"

#include "exitcode.h"
#include "run.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What racecard knows of each suite. */
typedef struct suite_kind {
    const char *name;
    const char *subdir;    /* where the programs are, in the checkout */
    int depth;             /* 1: SUBDIR/NAME.c; 2: SUBDIR/GROUP/NAME.c */
    const char *ext;       /* what a program's file ends in; NULL: .c or .cpp */
    const char *pinned;    /* the commit the adapter was checked against, or NULL */
    int (*load)(const char *path, case_info *c, finding_list *truth, text_buf *err);
    /* A program of the suite's kind, or NULL: all; may count its reasons. */
    int (*wanted)(const char *path, suite_tally *t);
    const char *(*unavailable)(void);   /* why this build cannot read it, or NULL */
} suite_kind;

static const suite_kind suite_kinds[] = {
    {"drb", "micro-benchmarks", 1, NULL, "e1bffc57f35f2751afea6c9379b5863e0b2abfd9",
     suite_drb_load, NULL, NULL},
    {"goblint", "tests/regression", 2, NULL, "5be5054d09401e7109555c87c555284b4ac35fb5",
     suite_goblint_load, suite_goblint_wanted, NULL},
    /* Not pinned: a task's truth is its definition's own field, which
       cannot drift from the code (docs/suites.md). */
    {"svcomp", "c", 2, ".yml", NULL, suite_svcomp_load, suite_svcomp_wanted,
     suite_svcomp_unavailable},
};

static const suite_kind *suite_kind_of(const char *name)
{
    for (size_t i = 0; i < sizeof suite_kinds / sizeof suite_kinds[0]; i++)
        if (strcmp(suite_kinds[i].name, name) == 0)
            return &suite_kinds[i];
    return NULL;
}

void suite_set_init(suite_set *s)
{
    s->v = NULL;
    s->n = 0;
}

void suite_set_free(suite_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].name);
        free(s->v[i].dir);
    }
    free(s->v);
    suite_set_init(s);
}

int suite_set_add(suite_set *s, const char *spec, text_buf *err)
{
    const char *eq = strchr(spec, '=');
    char *name = eq ? text_ndup(spec, (size_t)(eq - spec)) : text_dup(spec);
    struct stat st;
    int rc = 0;
    text_buf_clear(err);
    const suite_kind *k = eq ? suite_kind_of(name) : NULL;
    const char *why = k && k->unavailable ? k->unavailable() : NULL;
    if (!k) {
        text_buf_printf(err, "'%s': want SUITE=DIR, SUITE one of: drb, goblint, svcomp", spec);
        rc = -1;
    } else if (why) {
        text_buf_printf(err, "'%s': %s", spec, why);
        rc = -1;
    } else if (stat(eq + 1, &st) != 0 || !S_ISDIR(st.st_mode)) {
        text_buf_printf(err, "'%s': %s is not a directory (a checkout of the suite)", spec, eq + 1);
        rc = -1;
    }
    if (rc) {
        free(name);
        return rc;
    }
    s->v = text_realloc(s->v, (s->n + 1) * sizeof *s->v);
    s->v[s->n].name = name;
    s->v[s->n].dir = text_dup(eq + 1);
    s->n++;
    return 0;
}

const suite_ref *suite_set_named(const suite_set *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].name, name) == 0)
            return &s->v[i];
    return NULL;
}

const suite_ref *suite_set_find(const suite_set *s, const char *case_name)
{
    const char *slash = strchr(case_name, '/');
    if (!slash)
        return NULL;
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->v[i].name) == (size_t)(slash - case_name) &&
            strncmp(s->v[i].name, case_name, (size_t)(slash - case_name)) == 0)
            return &s->v[i];
    return NULL;
}

/* DIR/SUBDIR of the checkout, where its programs are. */
static char *suite_programs_dir(const suite_ref *s)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%s/%s", s->dir, suite_kind_of(s->name)->subdir);
    return b.s;
}

void suite_tally_init(suite_tally *t)
{
    t->accounts = 0;
    t->files = 0;
    text_list_init(&t->reasons);
    t->counts = NULL;
}

void suite_tally_free(suite_tally *t)
{
    text_list_free(&t->reasons);
    free(t->counts);
    suite_tally_init(t);
}

void suite_tally_add(suite_tally *t, const char *reason)
{
    for (size_t i = 0; i < t->reasons.n; i++)
        if (strcmp(t->reasons.v[i], reason) == 0) {
            t->counts[i]++;
            return;
        }
    t->counts = text_realloc(t->counts, (t->reasons.n + 1) * sizeof *t->counts);
    t->counts[t->reasons.n] = 1;
    text_list_push(&t->reasons, text_dup(reason));
}

/* The length of n's extension when n is a program of suite k, else 0. */
static size_t suite_program_ext(const suite_kind *k, const char *n)
{
    if (k->ext)
        return text_ends_with(n, k->ext) ? strlen(k->ext) : 0;
    return text_ends_with(n, ".c") ? 2 : text_ends_with(n, ".cpp") ? 4 : 0;
}

/* Appends PREFIX/NAME for each program in dir, and goes down depth - 1 levels. */
static void suite_walk(const suite_kind *k, const char *dir, const char *prefix, int depth,
                       text_list *out, suite_tally *t)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        const char *n = e->d_name;
        if (n[0] == '.')
            continue;
        text_buf path, name;
        text_buf_init(&path);
        text_buf_init(&name);
        text_buf_printf(&path, "%s/%s", dir, n);
        size_t ext = suite_program_ext(k, n);
        struct stat st;
        if (depth > 1 && stat(path.s, &st) == 0 && S_ISDIR(st.st_mode)) {
            text_buf_printf(&name, "%s/%s", prefix, n);
            suite_walk(k, path.s, name.s, depth - 1, out, t);
        } else if (depth == 1 && ext && (t->files++, !k->wanted || k->wanted(path.s, t))) {
            text_buf_printf(&name, "%s/", prefix);
            text_buf_add(&name, n, strlen(n) - ext);
            text_list_push(out, text_dup(name.s));
        }
        text_buf_free(&path);
        text_buf_free(&name);
    }
    closedir(dp);
}

/*
 * "N files, M read; left out: COUNT REASON, ..." (or "none") for the tally
 * of an adapter that accounts for every file; a file read is one it
 * counted under no reason.
 */
static void suite_tally_print(const suite_tally *t, text_buf *out)
{
    text_buf_clear(out);
    if (!t->accounts)
        return;
    /* Sorted by reason, so the line is the same whatever order readdir gave. */
    size_t order[t->reasons.n ? t->reasons.n : 1], left = 0;
    for (size_t i = 0; i < t->reasons.n; i++) {
        order[i] = i;
        left += t->counts[i];
    }
    for (size_t i = 1; i < t->reasons.n; i++)
        for (size_t j = i; j > 0 && strcmp(t->reasons.v[order[j - 1]], t->reasons.v[order[j]]) > 0;
             j--) {
            size_t x = order[j];
            order[j] = order[j - 1];
            order[j - 1] = x;
        }
    text_buf_printf(out, "%zu files, %zu read; left out:", t->files, t->files - left);
    if (!t->reasons.n)
        text_buf_adds(out, " none");
    for (size_t i = 0; i < t->reasons.n; i++)
        text_buf_printf(out, "%s %zu %s", i ? "," : "", t->counts[order[i]],
                        t->reasons.v[order[i]]);
}

void suite_case_names(const suite_ref *s, text_list *out, text_buf *summary)
{
    const suite_kind *k = suite_kind_of(s->name);
    char *dir = suite_programs_dir(s);
    size_t from = out->n;
    suite_tally t;
    suite_tally_init(&t);
    suite_walk(k, dir, s->name, k->depth, out, &t);
    free(dir);
    text_list_sort(out, from);
    suite_tally_print(&t, summary);
    suite_tally_free(&t);
}

int suite_case_load(const suite_ref *s, const char *name, case_info *c, finding_list *truth,
                    text_buf *err)
{
    const suite_kind *k = suite_kind_of(s->name);
    const char *stem = name + strlen(s->name) + 1;
    char *dir = suite_programs_dir(s);
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/%s%s", dir, stem, k->ext ? k->ext : ".c");
    if (!k->ext && access(path.s, F_OK) != 0) {
        text_buf_clear(&path);
        text_buf_printf(&path, "%s/%s.cpp", dir, stem);
    }
    free(dir);
    int rc = k->load(path.s, c, truth, err);
    text_buf_free(&path);
    return rc;
}

const char *suite_pinned(const suite_ref *s, char **warn)
{
    const suite_kind *k = suite_kind_of(s->name);
    *warn = NULL;
    if (!k->pinned)
        return NULL;
    /* Only the checkout's own repository counts, not one it sits inside. */
    text_buf git;
    text_buf_init(&git);
    text_buf_printf(&git, "%s/.git", s->dir);
    int is_checkout = access(git.s, F_OK) == 0;
    text_buf_free(&git);
    char *argv[] = {"git", "-C", s->dir, "rev-parse", "HEAD", NULL};
    char *head = is_checkout ? run_first_line(argv, NULL, 10, NULL) : NULL;
    text_buf b;
    text_buf_init(&b);
    if (!head)
        text_buf_printf(&b, "%s: cannot tell which commit %s is at (not a git checkout?); "
                        "racecard's %s adapter was checked against %.12s", s->name, s->dir,
                        s->name, k->pinned);
    else if (strcmp(head, k->pinned) != 0)
        text_buf_printf(&b, "%s: %s is at %.12s, racecard's %s adapter was checked against "
                        "%.12s: labels may have changed", s->name, s->dir, head, s->name,
                        k->pinned);
    free(head);
    if (b.len)
        *warn = b.s;
    else
        text_buf_free(&b);
    return k->pinned;
}

void suite_case_init(case_info *c, const char *path, const char *name, const char *verdict,
                     const char *category, const char *origin, case_truth_level level)
{
    memset(c, 0, sizeof *c);
    text_list_init(&c->flags);
    c->path = text_dup(path);
    c->file = text_dup(text_basename(path));
    c->name = text_dup(name);
    c->verdict = verdict ? text_dup(verdict) : NULL;
    c->category = text_dup(category);
    c->origin = text_dup(origin);
    c->summary = text_dup(origin);
    c->why = text_dup("the suite's own labels");
    const char *slash = strchr(name, '/');
    c->suite = slash ? text_ndup(name, (size_t)(slash - name)) : NULL;
    c->truth_level = level;
}
