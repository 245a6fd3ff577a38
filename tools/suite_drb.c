/*
 * suite_drb.c - DataRaceBench's kernels as racecard cases (suite.h).
 *
 * DataRaceBench (LLNL) labels a kernel twice: its file name ends in -yes
 * (it has a data race) or -no, and a racy kernel's comments name racing
 * accesses as VAR@LINE:COL:ACCESS, in pairs joined by "vs." under free-text
 * prefixes ("Data race pair:", "Dependence pair:", ...), or as a Write_set
 * and a Read_set of VAR@LINE:COL, of which every write/write and
 * write/read combination is a pair.  One kernel writes '@' for the last
 * ':'.  The pairs are representative, not complete, so the truth is
 * partial (see score.h): a racy kernel may race elsewhere too.
 *
 * A label whose variable is not on the line it names has drifted from the
 * code (the code moved after the comment was written): the kernel is then
 * refused with that line, never scored against a wrong line, unless
 * racecard's own errata below say where the access is; an erratum is
 * checked the same way, so it cannot hide a further drift.
 *
 * A kernel's category is DataRaceBench's own P-labels ("Y1", "Y3 Y5"),
 * read from the checkout's DRB-metainfo.json (suite_drb_plabels.c), or
 * "no-P-label" for a kernel that file does not label.
 */
#include "suite.h"

#include "exitcode.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One access named by a label. */
typedef struct drb_access {
    char *var;             /* as written: a[i+1], *counter, a.counter */
    unsigned long line;
    char access;           /* 'R', 'W', or 0 in a set (the set says) */
} drb_access;

/*
 * racecard's errata of DataRaceBench's labels at the pinned commit: in
 * kernel, the label naming var (any, when NULL) on line `from` means the
 * access of `to_var` (the same, when NULL) on line `to`.  Each was read off
 * the kernel's code.
 */
static const struct drb_erratum {
    const char *kernel;
    unsigned long from, to;
    const char *var, *to_var;
} drb_errata[] = {
    /* The labels name the line above each access: tmp is read at 67
       (a[i] = tmp) and written at 68 (tmp = a[i] + i). */
    {"DRB036-truedepscalar-var-yes", 66, 67, NULL, NULL},
    {"DRB036-truedepscalar-var-yes", 67, 68, NULL, NULL},
    /* size++ is on line 33, one above its label (size-- is on 45, as
       labelled). */
    {"DRB199-prodcons-yes", 34, 33, NULL, NULL},
    /* The label names size, a variable this kernel does not have; the
       accesses on its lines 35 and 42 are x = 0 and x = 1. */
    {"DRB201-sync1-yes", 35, 35, "size", "x"},
    {"DRB201-sync1-yes", 42, 42, "size", "x"},
    /* a[i + 64] = a[i] + b[i] is on line 33, one above the label. */
    {"DRB207-simd-loadstore-yes", 34, 33, NULL, NULL},
};

/* Applies racecard's errata for kernel to a. */
static void drb_apply_errata(const char *kernel, drb_access *a)
{
    for (size_t i = 0; i < sizeof drb_errata / sizeof drb_errata[0]; i++) {
        const struct drb_erratum *e = &drb_errata[i];
        if (strcmp(e->kernel, kernel) != 0 || e->from != a->line ||
            (e->var && strcmp(a->var, e->var) != 0))
            continue;
        a->line = e->to;
        if (e->to_var) {
            free(a->var);
            a->var = text_dup(e->to_var);
        }
        return;
    }
}

typedef struct drb_file {
    const char *kernel;    /* its name without .c: the key of the errata */
    text_list lines;       /* the file, line by line (index 0 is line 1) */
    text_buf comments;     /* every comment's text, one line each, in order */
} drb_file;

/* Reads path into f: its lines, and the text of its comments. */
static int drb_read(const char *path, drb_file *f)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    text_list_init(&f->lines);
    text_buf_init(&f->comments);
    text_reader r;
    text_reader_init(&r, fp);
    int in_block = 0;
    char *line;
    while ((line = text_reader_next(&r)) != NULL) {
        text_list_push(&f->lines, text_dup(line));
        for (const char *p = line; *p;) {
            if (in_block) {
                const char *end = strstr(p, "*/");
                text_buf_add(&f->comments, p, end ? (size_t)(end - p) : strlen(p));
                if (!end)
                    break;
                in_block = 0;
                p = end + 2;
            } else if (p[0] == '/' && p[1] == '*') {
                in_block = 1;
                p += 2;
            } else if (p[0] == '/' && p[1] == '/') {
                text_buf_adds(&f->comments, p + 2);
                break;
            } else if (*p == '"') {
                /* A string may hold what looks like a comment. */
                for (p++; *p && *p != '"'; p++)
                    if (*p == '\\' && p[1])
                        p++;
                if (*p)
                    p++;
            } else {
                p++;
            }
        }
        text_buf_adds(&f->comments, "\n");
    }
    int failed = text_reader_failed(&r);
    text_reader_free(&r);
    fclose(fp);
    return failed ? -1 : 0;
}

static void drb_file_free(drb_file *f)
{
    text_list_free(&f->lines);
    text_buf_free(&f->comments);
}

/*
 * If an access label ends at at (the '@'), fills a from the text around it
 * and returns the end of the label; else NULL.  start is where the text
 * begins, so the variable is the run of non-blank bytes before '@'.
 */
static const char *drb_access_at(const char *start, const char *at, drb_access *a)
{
    /* Back to the start of the variable: blanks end it, except inside
       brackets (u1[i - 1]). */
    const char *v = at;
    int depth = 0;
    while (v > start) {
        char ch = v[-1];
        if (ch == ']')
            depth++;
        else if (ch == '[' && depth > 0)
            depth--;
        else if (depth == 0 && (isspace((unsigned char)ch) || ch == '{' || ch == ',' || ch == ':'))
            break;
        v--;
    }
    if (v == at || !isdigit((unsigned char)at[1]))
        return NULL;
    char *end;
    unsigned long line = strtoul(at + 1, &end, 10);
    if (*end != ':' || !isdigit((unsigned char)end[1]))
        return NULL;
    strtoul(end + 1, &end, 10);   /* the column: not needed */
    a->access = 0;
    if ((*end == ':' || *end == '@') && (end[1] == 'R' || end[1] == 'W') &&
        !isalnum((unsigned char)end[2])) {
        a->access = end[1];
        end += 2;
    }
    a->var = text_ndup(v, (size_t)(at - v));
    a->line = line;
    return end;
}

/* The variable's first identifier: a in a[i+1] and a.counter, counter in *counter. */
static char *drb_base_name(const char *var)
{
    const char *p = var;
    while (*p && !(isalpha((unsigned char)*p) || *p == '_'))
        p++;
    const char *q = p;
    while (isalnum((unsigned char)*q) || *q == '_')
        q++;
    return text_ndup(p, (size_t)(q - p));
}

/* True when the identifier name is a whole word of line. */
static int drb_line_has(const char *line, const char *name)
{
    size_t n = strlen(name);
    if (!n)
        return 0;
    for (const char *p = strstr(line, name); p; p = strstr(p + 1, name)) {
        int before = p == line || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        int after = !(isalnum((unsigned char)p[n]) || p[n] == '_');
        if (before && after)
            return 1;
    }
    return 0;
}

/* 0 when a's variable is on its line; else RC_EXIT_INPUT with err set. */
static int drb_check_drift(const char *path, const drb_file *f, drb_access *a, text_buf *err)
{
    drb_apply_errata(f->kernel, a);
    char *name = drb_base_name(a->var);
    int ok = a->line >= 1 && a->line <= f->lines.n && drb_line_has(f->lines.v[a->line - 1], name);
    if (!ok) {
        text_buf_clear(err);
        text_buf_printf(err, "%s:%lu: the label %s@%lu names '%s', which is not on line %lu: the "
                        "label has drifted from the code", path, a->line, a->var, a->line, name,
                        a->line);
    }
    free(name);
    return ok ? 0 : RC_EXIT_INPUT;
}

/* Adds the pair of two lines of file to truth (normalised later). */
static void drb_add_pair(finding_list *truth, const char *file, unsigned long l1,
                         unsigned long l2)
{
    text_buf x, y;
    text_buf_init(&x);
    text_buf_init(&y);
    text_buf_printf(&x, "%s:%lu", file, l1 < l2 ? l1 : l2);
    text_buf_printf(&y, "%s:%lu", file, l1 < l2 ? l2 : l1);
    finding_add(truth, "data-race", x.s, y.s, NULL);
    text_buf_free(&x);
    text_buf_free(&y);
}

/* The entries of a "NAME = {...}" set in text, or 0 when there is none. */
static size_t drb_set(const char *text, const char *name, drb_access *out, size_t max)
{
    const char *p = strstr(text, name);
    if (!p || !(p = strchr(p, '{')))
        return 0;
    const char *close = strchr(p, '}');
    size_t n = 0;
    for (const char *at = strchr(p, '@'); at && (!close || at < close) && n < max;
         at = strchr(at + 1, '@'))
        if (drb_access_at(p + 1, at, &out[n]))
            n++;
    return n;
}

static void drb_free_accesses(drb_access *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].var);
}

#define DRB_MAX_SET 64

/* The Write_set x (Write_set and Read_set) pairs; 0 or RC_EXIT_INPUT. */
static int drb_sets(const char *path, const drb_file *f, const char *file, finding_list *truth,
                    text_buf *err, int *found)
{
    drb_access w[DRB_MAX_SET], r[DRB_MAX_SET];
    size_t nw = drb_set(f->comments.s, "Write_set", w, DRB_MAX_SET);
    size_t nr = drb_set(f->comments.s, "Read_set", r, DRB_MAX_SET);
    int rc = 0;
    for (size_t i = 0; i < nw + nr && !rc; i++)
        rc = drb_check_drift(path, f, i < nw ? &w[i] : &r[i - nw], err);
    for (size_t i = 0; i < nw && !rc; i++) {
        for (size_t j = i; j < nw; j++)
            drb_add_pair(truth, file, w[i].line, w[j].line);
        for (size_t j = 0; j < nr; j++)
            drb_add_pair(truth, file, w[i].line, r[j].line);
    }
    *found += nw > 0;
    drb_free_accesses(w, nw);
    drb_free_accesses(r, nr);
    return rc;
}

/* Every "A vs. B" pair of the comments; 0 or RC_EXIT_INPUT. */
static int drb_pairs(const char *path, const drb_file *f, const char *file, finding_list *truth,
                     text_buf *err, int *found)
{
    const char *text = f->comments.s;
    int rc = 0;
    for (const char *at = strchr(text, '@'); at && !rc; at = strchr(at + 1, '@')) {
        drb_access a = {0}, b = {0};
        const char *end = drb_access_at(text, at, &a);
        if (!end || !a.access) {
            free(a.var);
            continue;
        }
        const char *p = end;
        while (isspace((unsigned char)*p))
            p++;
        const char *at2 = strncmp(p, "vs.", 3) == 0 ? strchr(p + 3, '@') : NULL;
        const char *end2 = at2 ? drb_access_at(p + 3, at2, &b) : NULL;
        if (end2 && b.access) {
            rc = drb_check_drift(path, f, &a, err);
            if (!rc)
                rc = drb_check_drift(path, f, &b, err);
            if (!rc)
                drb_add_pair(truth, file, a.line, b.line);
            (*found)++;
            at = end2 - 1;
        }
        free(a.var);
        free(b.var);
    }
    return rc;
}

int suite_drb_load(const char *path, case_info *c, finding_list *truth, text_buf *err)
{
    const char *base = text_basename(path);
    size_t ext = text_ends_with(base, ".cpp") ? 4 : text_ends_with(base, ".c") ? 2 : 0;
    char *stem = text_ndup(base, strlen(base) - ext);
    int racy = text_ends_with(stem, "-yes"), clean = text_ends_with(stem, "-no");
    text_buf name;
    text_buf_init(&name);
    text_buf_printf(&name, "drb/%s", stem);
    char *plabels = racy || clean ? suite_drb_plabels(path, racy) : NULL;
    suite_case_init(c, path, name.s, racy ? "race" : clean ? "race-free" : NULL,
                    plabels ? plabels : "no-P-label", "DataRaceBench", CASE_TRUTH_PARTIAL);
    free(plabels);
    text_buf_free(&name);
    free(stem);
    drb_file f;
    if (!ext || (!racy && !clean)) {
        text_buf_clear(err);
        text_buf_printf(err, "%s: not a DataRaceBench kernel: the name must end in -yes or -no "
                        "and the file in .c or .cpp", path);
        return RC_EXIT_INPUT;
    }
    if (drb_read(path, &f) != 0) {
        text_buf_clear(err);
        text_buf_printf(err, "%s: cannot read: %s", path, strerror(errno));
        return RC_EXIT_INPUT;
    }
    int found = 0;
    f.kernel = c->name + strlen("drb/");
    int rc = drb_pairs(path, &f, c->file, truth, err, &found);
    if (!rc)
        rc = drb_sets(path, &f, c->file, truth, err, &found);
    if (!rc && racy && !found) {
        text_buf_clear(err);
        text_buf_printf(err, "%s: a -yes kernel whose comments name no racing pair "
                        "(VAR@LINE:COL:ACCESS vs. VAR@LINE:COL:ACCESS)", path);
        rc = RC_EXIT_INPUT;
    }
    if (!rc && clean && found) {
        text_buf_clear(err);
        text_buf_printf(err, "%s: a -no kernel whose comments name a racing pair", path);
        rc = RC_EXIT_INPUT;
    }
    drb_file_free(&f);
    finding_list_normalize(truth);
    return rc;
}
