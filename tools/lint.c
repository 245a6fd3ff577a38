/*
 * lint.c - the catalog's consistency rules (see lint.h).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "lint.h"

#include "detector.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Number of lines in a file, or 0 if it cannot be read. */
static unsigned long lint_count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    text_reader r;
    text_reader_init(&r, f);
    while (text_reader_next(&r))
        ;
    unsigned long n = r.lineno;
    text_reader_free(&r);
    fclose(f);
    return n;
}

int lint_loc_exists(const char *support_dir, const case_info *c, const char *loc)
{
    const char *colon = strrchr(loc, ':');
    unsigned long line;
    if (strcmp(loc, FINDING_UNKNOWN_LOC) == 0)
        return 1;
    if (!colon || text_parse_ulong(colon + 1, 100000000UL, &line) != 0 || line == 0)
        return 0;
    char *file = text_ndup(loc, (size_t)(colon - loc));
    text_buf path;
    text_buf_init(&path);
    if (strcmp(file, c->file) == 0)
        text_buf_adds(&path, c->path);
    else
        text_buf_printf(&path, "%s/%s", support_dir, file);
    int ok = line <= lint_count_lines(path.s);
    text_buf_free(&path);
    free(file);
    return ok;
}

unsigned lint_lines(const check_expected *e, const char *path, const char *support_dir,
                    const case_info *c, FILE *out)
{
    unsigned problems = 0;
    const finding_list *lists[] = {&e->findings, &e->missing};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < lists[l]->n; i++)
            for (size_t k = 0; k < 2 && lists[l]->v[i].loc[k]; k++)
                if (!lint_loc_exists(support_dir, c, lists[l]->v[i].loc[k])) {
                    fprintf(out, "racecard: %s: %s names a line that does not exist\n", path,
                            lists[l]->v[i].loc[k]);
                    problems++;
                }
    return problems;
}

unsigned lint_review(const case_info *c, const finding_list *truth, const finding_list *seen,
                     FILE *out)
{
    if (case_has_flag(c, "undetected"))
        return 0;
    unsigned problems = 0;
    for (size_t t = 0; t < truth->n; t++) {
        int found = 0;
        for (size_t i = 0; i < seen->n && !found; i++)
            found = finding_cmp(&truth->v[t], &seen->v[i]) == 0;
        if (!found) {
            char *s = finding_format(&truth->v[t]);
            fprintf(out, "racecard: %s: no detector reports '%s' exactly: fix the label, "
                    "or flag the case 'undetected' and say why in its header\n", c->path, s);
            free(s);
            problems++;
        }
    }
    return problems;
}

/* ---- the build rule --------------------------------------------------------- */

/* One value of CMake's against racecard's; a problem when they differ. */
static unsigned lint_same(const char *path, const char *key, const char *cmake, const char *ours,
                          FILE *out)
{
    if (strcmp(cmake, ours ? ours : "") == 0)
        return 0;
    fprintf(out, "racecard: %s: CMake reads %s as '%s', racecard as '%s'\n", path, key, cmake,
            ours ? ours : "");
    return 1;
}

/* racecard's value of a definition's key, as CMake names it. */
static void lint_det_value(const det_def *d, const char *key, text_buf *v)
{
    const char *s = NULL;
    if (strcmp(key, "name") == 0) s = d->name;
    else if (strcmp(key, "flavour") == 0) s = d->flavour;
    else if (strcmp(key, "build") == 0) s = d->build ? d->build : "";
    else if (strcmp(key, "compiler") == 0) s = d->compiler;
    else if (strcmp(key, "cflags") == 0) s = d->cflags;
    else if (strcmp(key, "ldflags") == 0) s = d->ldflags;
    else if (strcmp(key, "cxx") == 0) s = d->cxx ? d->cxx : "";
    else if (strcmp(key, "cxxflags") == 0) s = d->cxxflags ? d->cxxflags : "";
    else if (strcmp(key, "tests") == 0) s = det_expected_name(d) ? "yes" : "no";
    else if (strcmp(key, "catalog") == 0) s = det_runs_catalog(d) ? "yes" : "no";
    else if (strcmp(key, "suites") == 0) s = d->suites ? d->suites : "";
    else if (strcmp(key, "timeout") == 0) {
        text_buf_printf(v, "%u", d->timeout);
        return;
    }
    text_buf_adds(v, s ? s : "?unknown key");
}

static void lint_case_value(const case_info *c, const char *key, text_buf *v)
{
    const char *s = strcmp(key, "verdict") == 0    ? c->verdict
                    : strcmp(key, "category") == 0 ? c->category
                                                   : "?unknown key";
    text_buf_adds(v, s ? s : "");
}

/*
 * The file a run of view lines is about, read once with racecard's reader:
 * CMake writes one line per key, so consecutive lines name the same file.
 */
typedef struct lint_view_file {
    char *path;
    int is_detector, read_ok;
    det_def det;
    case_info kase;
} lint_view_file;

static void lint_view_file_free(lint_view_file *vf)
{
    if (vf->path && vf->is_detector)
        det_free(&vf->det);
    else if (vf->path)
        case_free(&vf->kase);
    free(vf->path);
    vf->path = NULL;
}

/* Makes vf the reading of path; a file that cannot be read is one problem. */
static unsigned lint_view_file_load(lint_view_file *vf, const char *kind, const char *path,
                                    FILE *out)
{
    int is_detector = strcmp(kind, "detector") == 0;
    if (vf->path && vf->is_detector == is_detector && strcmp(vf->path, path) == 0)
        return 0;
    lint_view_file_free(vf);
    vf->path = text_dup(path);
    vf->is_detector = is_detector;
    text_buf err;
    text_buf_init(&err);
    int rc = is_detector ? det_load(path, &vf->det, &err) : case_load(path, &vf->kase, &err);
    vf->read_ok = rc == 0;
    if (rc)
        fprintf(out, "racecard: %s (CMake %s)\n", err.s,
                is_detector ? "builds with this definition" : "labels tests from this case");
    text_buf_free(&err);
    return rc != 0;
}

/* Compares one view line (fields split) with racecard's own reading. */
static unsigned lint_build_line(lint_view_file *vf, char **f, FILE *out)
{
    unsigned problems = lint_view_file_load(vf, f[0], f[1], out);
    if (!vf->read_ok)
        return problems;
    text_buf v;
    text_buf_init(&v);
    if (vf->is_detector)
        lint_det_value(&vf->det, f[2], &v);
    else
        lint_case_value(&vf->kase, f[2], &v);
    problems += lint_same(f[1], f[2], f[3], v.s, out);
    text_buf_free(&v);
    return problems;
}

/* True when the two paths name the same directory. */
static int lint_same_dir(const char *a, const char *b)
{
    char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
    int same = ra && rb && strcmp(ra, rb) == 0;
    free(ra);
    free(rb);
    return same;
}

/* Splits a line at tabs into at most n fields; returns how many. */
static size_t lint_split_tabs(char *line, char **f, size_t n)
{
    size_t k = 0;
    while (k < n) {
        f[k++] = line;
        char *tab = strchr(line, '\t');
        if (!tab)
            break;
        *tab = '\0';
        line = tab + 1;
    }
    return k;
}

unsigned lint_build(const char *view_path, const char *source_dir, FILE *out, size_t *compared)
{
    *compared = 0;
    FILE *fp = fopen(view_path, "r");
    if (!fp)
        return 0;
    text_reader r;
    text_reader_init(&r, fp);
    unsigned problems = 0;
    int ours = 0;
    lint_view_file vf = {0};
    char *line, *f[4];
    while ((line = text_reader_next(&r)) != NULL) {
        size_t n = lint_split_tabs(line, f, 4);
        if (n == 2 && strcmp(f[0], "source") == 0) {
            ours = lint_same_dir(f[1], source_dir);
        } else if (n == 4 && ours &&
                   (strcmp(f[0], "detector") == 0 || strcmp(f[0], "case") == 0)) {
            problems += lint_build_line(&vf, f, out);
            (*compared)++;
        } else if (ours) {
            fprintf(out, "racecard: %s:%lu: not a line of CMake's view\n", view_path, r.lineno);
            problems++;
        }
    }
    lint_view_file_free(&vf);
    text_reader_free(&r);
    fclose(fp);
    return problems;
}
