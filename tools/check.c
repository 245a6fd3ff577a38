/*
 * check.c - expected findings against the truth and against a run.
 */
#include "check.h"
#include "exitcode.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void check_expected_init(check_expected *e)
{
    e->path = NULL;
    text_list_init(&e->header);
    finding_list_init(&e->findings);
    finding_list_init(&e->missing);
    text_list_init(&e->reasons);
    text_list_init(&e->missing_reasons);
}

void check_expected_free(check_expected *e)
{
    free(e->path);
    text_list_free(&e->header);
    finding_list_free(&e->findings);
    finding_list_free(&e->missing);
    text_list_free(&e->reasons);
    text_list_free(&e->missing_reasons);
    check_expected_init(e);
}

/* Splits "FINDING  # reason" at the first " #"; returns the reason or "". */
static char *check_split_reason(char *line)
{
    char *hash = strstr(line, " #");
    if (!hash)
        return text_dup("");
    *hash = '\0';
    return text_trim_dup(hash + 2);
}

static int check_load_line(check_expected *e, const char *raw, unsigned long lineno,
                           int *in_header, text_buf *err)
{
    const char *t = text_skip_space(raw);
    if (*t == '#' || !*t) {
        if (*in_header && *t == '#')
            text_list_push(&e->header, text_dup(raw));
        else if (*in_header && e->header.n)
            *in_header = 0;
        return 0;
    }
    *in_header = 0;
    char *line = text_dup(t);
    char *reason = check_split_reason(line);
    int missing = text_starts_with(line, "missing ");
    finding_list *into = missing ? &e->missing : &e->findings;
    char why[256];
    int rc = 0;
    if (finding_parse_line(missing ? line + 8 : line, into, why, sizeof why) != 0)
        rc = text_fail(err, RC_EXIT_INPUT, e->path, lineno, "%s", why);
    else if (strcmp(reason, CHECK_FIXME) == 0)
        rc = text_fail(err, RC_EXIT_INPUT, e->path, lineno,
                       "reason still says '" CHECK_FIXME "': read the finding and explain it");
    else if (missing && !*reason)
        rc = text_fail(err, RC_EXIT_INPUT, e->path, lineno, "a 'missing' line needs '# reason'");
    if (rc) {
        free(line);
        free(reason);
        return rc;
    }
    text_list_push(missing ? &e->missing_reasons : &e->reasons, reason);
    free(line);
    return 0;
}

int check_load(const char *path, check_expected *e, text_buf *err)
{
    e->path = text_dup(path);
    FILE *f = fopen(path, "r");
    if (!f)
        return text_fail(err, RC_EXIT_INPUT, path, 0, "cannot open expected findings: %s",
                         strerror(errno));
    text_reader r;
    text_reader_init(&r, f);
    const char *line;
    int rc = 0, in_header = 1;
    while (!rc && (line = text_reader_next(&r)) != NULL)
        rc = check_load_line(e, line, r.lineno, &in_header, err);
    text_reader_free(&r);
    fclose(f);
    return rc;
}

static int check_loc_known(const char *loc)
{
    return strcmp(loc, FINDING_UNKNOWN_LOC) != 0;
}

/* True if x names one side of the truth pair t and nothing contradicts it. */
static int check_partial_match(const finding *x, const finding *t)
{
    if (strcmp(x->kind, t->kind) != 0 || !t->loc[1])
        return 0;
    const char *known = check_loc_known(x->loc[0]) ? x->loc[0] : x->loc[1];
    int one_sided = !x->loc[1] || !check_loc_known(x->loc[0]) || !check_loc_known(x->loc[1]);
    if (!one_sided || !known || !check_loc_known(known))
        return 0;
    return strcmp(known, t->loc[0]) == 0 || strcmp(known, t->loc[1]) == 0;
}

/* True if finding x agrees with some truth finding (exactly or one-sided). */
static int check_in_truth(const finding *x, const finding_list *truth)
{
    for (size_t i = 0; i < truth->n; i++)
        if (finding_cmp(x, &truth->v[i]) == 0 || check_partial_match(x, &truth->v[i]))
            return 1;
    return 0;
}

/* True if truth finding t is reported by some finding of l. */
static int check_covered(const finding *t, const finding_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (finding_cmp(&l->v[i], t) == 0 || check_partial_match(&l->v[i], t))
            return 1;
    return 0;
}

static int check_listed(const finding *t, const finding_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (finding_cmp(&l->v[i], t) == 0)
            return 1;
    return 0;
}

static void check_problem(text_buf *err, const char *path, const finding *x, const char *what)
{
    char *s = finding_format(x);
    if (err->len)
        text_buf_add(err, "\n", 1);
    text_buf_printf(err, "%s: '%s' %s", path, s, what);
    free(s);
}

int check_against_truth(const check_expected *e, const finding_list *truth, text_buf *err)
{
    text_buf_clear(err);
    for (size_t i = 0; i < e->findings.n; i++)
        if (!check_in_truth(&e->findings.v[i], truth) && !*e->reasons.v[i])
            check_problem(err, e->path, &e->findings.v[i],
                          "is not in the ground truth: add '# reason' saying why the detector reports it");
    for (size_t i = 0; i < truth->n; i++)
        if (!check_covered(&truth->v[i], &e->findings) && !check_listed(&truth->v[i], &e->missing))
            check_problem(err, e->path, &truth->v[i],
                          "is in the ground truth but not expected: add 'missing ... # reason'");
    for (size_t i = 0; i < e->missing.n; i++) {
        const finding *m = &e->missing.v[i];
        if (!check_listed(m, truth))
            check_problem(err, e->path, m, "is listed as missing but is not in the ground truth");
        else if (check_covered(m, &e->findings))
            check_problem(err, e->path, m, "is listed as missing but the expected findings report it");
    }
    return err->len ? RC_EXIT_INPUT : 0;
}

size_t check_compare(const finding_list *expected, const finding_list *actual, FILE *out)
{
    size_t i = 0, j = 0, diffs = 0;
    while (i < expected->n || j < actual->n) {
        int c = i == expected->n ? 1 : j == actual->n ? -1
              : finding_cmp(&expected->v[i], &actual->v[j]);
        if (c == 0) {
            i++, j++;
            continue;
        }
        const finding *x = c < 0 ? &expected->v[i++] : &actual->v[j++];
        if (out) {
            char *s = finding_format(x);
            fprintf(out, "  %c %s%s\n", c < 0 ? '-' : '+', s,
                    c < 0 ? "    (expected, not reported)" : "    (reported, not expected)");
            free(s);
        }
        diffs++;
    }
    return diffs;
}

/* The reason old gave for finding x, or NULL. */
static const char *check_old_reason(const check_expected *old, const finding *x, int missing)
{
    if (!old)
        return NULL;
    const finding_list *l = missing ? &old->missing : &old->findings;
    const text_list *r = missing ? &old->missing_reasons : &old->reasons;
    for (size_t i = 0; i < l->n; i++)
        if (finding_cmp(&l->v[i], x) == 0 && *r->v[i])
            return r->v[i];
    return NULL;
}

int check_write(const char *path, const check_expected *old, const finding_list *actual,
                const finding_list *truth, const char *header_if_new, text_buf *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return text_fail(err, RC_EXIT_OUTPUT, path, 0, "cannot write: %s", strerror(errno));
    if (old && old->header.n)
        for (size_t i = 0; i < old->header.n; i++)
            fprintf(f, "%s\n", old->header.v[i]);
    else if (header_if_new)
        fputs(header_if_new, f);
    for (size_t i = 0; i < actual->n; i++) {
        const finding *x = &actual->v[i];
        char *s = finding_format(x);
        const char *why = check_old_reason(old, x, 0);
        if (why)
            fprintf(f, "%s  # %s\n", s, why);
        else if (!check_in_truth(x, truth))
            fprintf(f, "%s  # %s\n", s, CHECK_FIXME);
        else
            fprintf(f, "%s\n", s);
        free(s);
    }
    for (size_t i = 0; i < truth->n; i++) {
        if (check_covered(&truth->v[i], actual))
            continue;
        char *s = finding_format(&truth->v[i]);
        const char *why = check_old_reason(old, &truth->v[i], 1);
        fprintf(f, "missing %s  # %s\n", s, why ? why : CHECK_FIXME);
        free(s);
    }
    if (fclose(f) != 0)
        return text_fail(err, RC_EXIT_OUTPUT, path, 0, "write failed");
    return 0;
}
