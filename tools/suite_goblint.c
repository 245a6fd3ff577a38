/*
 * suite_goblint.c - Goblint's regression tests as racecard cases (suite.h).
 *
 * Goblint (goblint/analyzer, tests/regression/DIR/NAME.c) labels the lines
 * of its race tests with a comment at the end of the code line:
 *   // RACE!   a race is possible on this line: a racing line, partner unnamed
 *   // NORACE  no race on this line (NORACE! the same)
 *   // RACE    the analyser may warn here, by intended imprecision: not
 *              truth, the line is unlabelled
 * A comment alone on its line labels nothing.  The truth is therefore at
 * line level: each RACE! line is a one-location data race, each NORACE
 * line a "no-race" line (a race reported there is a false positive), and
 * the verdict is "race" with a RACE! line, "race-free" with NORACE lines
 * only, and unknown when only plain RACE lines say anything.
 *
 * A test whose first line's PARAM asks Goblint for semantics a native run
 * does not have (volatile accesses as races or not, all functions as
 * thread entries, kernel code, sem.* options), or that defines
 * __VERIFIER_atomic_ functions (atomic for verifiers, plain code natively),
 * is left out with that reason: its labels are not about the program that
 * runs.
 */
#include "suite.h"

#include "exitcode.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a line's trailing comment says. */
typedef enum goblint_label { GOBLINT_NONE, GOBLINT_RACE, GOBLINT_NORACE, GOBLINT_MAYBE } goblint_label;

/* The label of line: a // comment after code, starting with one of the words. */
static goblint_label goblint_line_label(const char *line)
{
    const char *p = line;
    int in_string = 0;
    for (; *p; p++) {
        if (*p == '"' && (p == line || p[-1] != '\\'))
            in_string = !in_string;
        else if (!in_string && p[0] == '/' && p[1] == '/')
            break;
    }
    if (!*p)
        return GOBLINT_NONE;
    const char *code = line;
    while (code < p && isspace((unsigned char)*code))
        code++;
    if (code == p)
        return GOBLINT_NONE;   /* a comment-only line labels nothing */
    const char *c = text_skip_space(p + 2);
    if (text_starts_with(c, "NORACE"))
        return GOBLINT_NORACE;
    if (text_starts_with(c, "RACE!"))
        return GOBLINT_RACE;
    if (text_starts_with(c, "RACE") && !isalnum((unsigned char)c[4]) && c[4] != '_')
        return GOBLINT_MAYBE;
    return GOBLINT_NONE;
}

/* Why a test's PARAM line or code makes it leave, or NULL. */
static const char *goblint_left_out(const char *first, const char *line)
{
    static const char *const params[] = {"volatile", "allfuns", "kernel", "sem.", NULL};
    if (text_starts_with(text_skip_space(first), "// PARAM:"))
        for (size_t i = 0; params[i]; i++)
            if (strstr(first, params[i]))
                return "its PARAM line asks for semantics a native run does not have";
    if (strstr(line, "__VERIFIER_atomic_") && !strstr(line, "__VERIFIER_atomic_begin") &&
        !strstr(line, "__VERIFIER_atomic_end"))
        return "it has __VERIFIER_atomic_ functions, atomic for verifiers and plain code natively";
    return NULL;
}

/* Adds "KIND FILE:LINE" to truth. */
static void goblint_add(finding_list *truth, const char *kind, const char *file, unsigned long line)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%s:%lu", file, line);
    finding_add(truth, kind, b.s, NULL, NULL);
    text_buf_free(&b);
}

int suite_goblint_load(const char *path, case_info *c, finding_list *truth, text_buf *err)
{
    const char *rel = strstr(path, "/tests/regression/");
    rel = rel ? rel + strlen("/tests/regression/") : text_basename(path);
    text_buf name;
    text_buf_init(&name);
    text_buf_printf(&name, "goblint/");
    text_buf_add(&name, rel, strlen(rel) - (text_ends_with(rel, ".c") ? 2 : 0));
    suite_case_init(c, path, name.s, NULL, "goblint", "Goblint's regression tests",
                    CASE_TRUTH_LINE);
    text_buf_free(&name);
    FILE *f = fopen(path, "r");
    if (!f) {
        text_buf_clear(err);
        text_buf_printf(err, "%s: cannot read: %s", path, strerror(errno));
        return RC_EXIT_INPUT;
    }
    text_reader r;
    text_reader_init(&r, f);
    unsigned long n = 0, races = 0, clean = 0, maybe = 0;
    char *first = NULL;
    const char *why = NULL;
    char *line;
    while ((line = text_reader_next(&r)) != NULL) {
        if (++n == 1)
            first = text_dup(line);
        if (!why)
            why = goblint_left_out(first, line);
        goblint_label l = goblint_line_label(line);
        if (l == GOBLINT_RACE)
            goblint_add(truth, "data-race", c->file, n), races++;
        else if (l == GOBLINT_NORACE)
            goblint_add(truth, SUITE_NO_RACE, c->file, n), clean++;
        else if (l == GOBLINT_MAYBE)
            maybe++;
    }
    int failed = text_reader_failed(&r);
    text_reader_free(&r);
    fclose(f);
    free(first);
    text_buf_clear(err);
    if (failed)
        text_buf_printf(err, "%s: cannot read: %s", path, strerror(errno));
    else if (why)
        text_buf_printf(err, "%s: left out: %s", path, why);
    else if (!races && !clean && !maybe)
        text_buf_printf(err, "%s: left out: no line is labelled RACE!, RACE or NORACE", path);
    if (err->len)
        return RC_EXIT_INPUT;
    c->verdict = text_dup(races ? "race" : maybe ? "unknown" : "race-free");
    if (!races && maybe)
        c->truth_level = CASE_TRUTH_UNKNOWN;
    finding_list_normalize(truth);
    return 0;
}

int suite_goblint_wanted(const char *path, suite_tally *t)
{
    (void)t;   /* a file without labels is no race test: nothing to count */
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;   /* listed, so that loading it says why it cannot be read */
    text_reader r;
    text_reader_init(&r, f);
    int wanted = 0;
    char *line;
    while (!wanted && (line = text_reader_next(&r)) != NULL)
        wanted = goblint_line_label(line) != GOBLINT_NONE;
    text_reader_free(&r);
    fclose(f);
    return wanted;
}
