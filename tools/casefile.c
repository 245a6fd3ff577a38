/*
 * casefile.c - read a case's header and markers, derive its ground truth.
 *
 * Strict on purpose: a label that cannot be parsed exactly is worse than no
 * label, because every score downstream would silently rest on it.
 */
#include "casefile.h"
#include "exitcode.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The header fields, and whether each must be present. */
static const struct {
    const char *key;
    int required;
} case_fields[] = {
    {"name", 1}, {"summary", 1}, {"verdict", 1}, {"category", 1},
    {"origin", 1}, {"why", 1}, {"flags", 0}, {NULL, 0},
};

static char **case_field_slot(case_info *c, const char *key)
{
    if (strcmp(key, "name") == 0) return &c->name;
    if (strcmp(key, "summary") == 0) return &c->summary;
    if (strcmp(key, "verdict") == 0) return &c->verdict;
    if (strcmp(key, "category") == 0) return &c->category;
    if (strcmp(key, "origin") == 0) return &c->origin;
    if (strcmp(key, "why") == 0) return &c->why;
    return NULL;
}

/*
 * Splits a header line " * key: value" into key and value.  Returns 1 and
 * sets *key (allocated) and *value (pointer into line) when the line is a
 * field, 0 otherwise.
 */
static int case_split_field(const char *body, char **key, const char **value)
{
    const char *p = body;
    while (*p && (islower((unsigned char)*p) || *p == '-'))
        p++;
    if (p == body || *p != ':')
        return 0;
    *key = text_ndup(body, (size_t)(p - body));
    *value = text_skip_space(p + 1);
    return 1;
}

/* The text of a comment-block line with its leading " * " (or "/ *") removed. */
static const char *case_comment_body(const char *line)
{
    const char *p = text_skip_space(line);
    if (text_starts_with(p, "/*"))
        p += 2;
    else if (*p == '*' && p[1] != '/')
        p++;
    return text_skip_space(p);
}

static void case_append_value(char **slot, const char *more)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_adds(&b, *slot);
    text_buf_add(&b, " ", 1);
    text_buf_adds(&b, more);
    free(*slot);
    *slot = b.s;
}

static int case_set_field(case_info *c, unsigned long line, const char *key,
                          const char *value, text_buf *err, char ***last)
{
    if (strcmp(key, "flags") == 0) {
        char *copy = text_dup(value);
        for (char *tok = strtok(copy, ", "); tok; tok = strtok(NULL, ", "))
            text_list_push(&c->flags, text_dup(tok));
        free(copy);
        *last = NULL;
        return 0;
    }
    char **slot = case_field_slot(c, key);
    if (!slot)
        return text_fail(err, RC_EXIT_INPUT, c->path, line, "unknown header field '%s'", key);
    if (*slot)
        return text_fail(err, RC_EXIT_INPUT, c->path, line, "header field given twice");
    *slot = text_trim_dup(value);
    *last = slot;
    return 0;
}

/*
 * Parses the header comment.  Stops at the end of the header (blank comment
 * line or end of comment); *after is set to the number of the last header
 * line so marker scanning starts after it.
 */
static int case_parse_header(case_info *c, text_reader *r, text_buf *err,
                             unsigned long *after)
{
    const char *line;
    int in_comment = 0, fields_done = 0;
    char **last = NULL;
    while ((line = text_reader_next(r)) != NULL) {
        const char *t = text_skip_space(line);
        if (!in_comment) {
            if (!*t)
                continue;
            if (!text_starts_with(t, "/*"))
                return text_fail(err, RC_EXIT_INPUT, c->path, r->lineno,
                                 "the file must open with its header comment");
            in_comment = 1;
        }
        int ends = strstr(t, "*/") != NULL;
        if (!fields_done) {
            char *key = NULL;
            const char *value = NULL;
            char *body = text_dup(case_comment_body(line));
            char *close = strstr(body, "*/");
            if (close)
                *close = '\0';
            if (case_split_field(body, &key, &value)) {
                int rc = case_set_field(c, r->lineno, key, value, err, &last);
                free(key);
                if (rc) {
                    free(body);
                    return rc;
                }
            } else if (*text_skip_space(body) == '\0') {
                if (c->name)
                    fields_done = 1;
                last = NULL;
            } else if (last) {
                char *more = text_trim_dup(body);
                case_append_value(last, more);
                free(more);
            } else {
                free(body);
                return text_fail(err, RC_EXIT_INPUT, c->path, r->lineno,
                                 "header line is neither 'key: value' nor a continuation");
            }
            free(body);
        }
        if (ends) {
            *after = r->lineno;
            return 0;
        }
    }
    return text_fail(err, RC_EXIT_INPUT, c->path, 0, "no complete header comment");
}

static case_marker *case_add_marker(case_info *c, unsigned long line, const char *tag,
                                    size_t taglen, int self, int norace)
{
    if (c->nmarkers == c->capmarkers) {
        c->capmarkers = c->capmarkers ? 2 * c->capmarkers : 16;
        c->markers = text_realloc(c->markers, c->capmarkers * sizeof *c->markers);
    }
    case_marker *m = &c->markers[c->nmarkers++];
    m->line = line;
    m->tag = text_ndup(tag, taglen);
    m->self = self;
    m->norace = norace;
    m->kind = NULL;
    return m;
}

static int case_is_ident(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_';
}

/*
 * Finds every RACE(...) and NORACE(...) on one source line.  A marker's
 * argument is a tag of letters, digits, '_', '-' or '.', optionally followed
 * by ", self" (RACE only).
 */
static int case_scan_line(case_info *c, const char *line, unsigned long lineno,
                          text_buf *err)
{
    for (const char *p = strstr(line, "RACE("); p; p = strstr(p + 5, "RACE(")) {
        int norace = p - line >= 2 && strncmp(p - 2, "NO", 2) == 0;
        const char *start = norace ? p - 2 : p;
        if (start > line && case_is_ident(start[-1]))
            continue;
        const char *a = p + 5, *e = a;
        while (case_is_ident(*e) || *e == '-' || *e == '.')
            e++;
        size_t taglen = (size_t)(e - a);
        const char *rest = text_skip_space(e);
        int self = 0;
        if (*rest == ',') {
            rest = text_skip_space(rest + 1);
            if (!text_starts_with(rest, "self"))
                return text_fail(err, RC_EXIT_INPUT, c->path, lineno,
                                 "marker option must be 'self'");
            self = 1;
            rest = text_skip_space(rest + 4);
        }
        if (!taglen || *rest != ')')
            return text_fail(err, RC_EXIT_INPUT, c->path, lineno,
                             "malformed marker: expected RACE(tag), RACE(tag, self) or NORACE(tag)");
        if (norace && self)
            return text_fail(err, RC_EXIT_INPUT, c->path, lineno, "NORACE takes no 'self'");
        case_add_marker(c, lineno, a, taglen, self, norace);
    }
    return 0;
}

static int case_is_tagchar(char ch)
{
    return case_is_ident(ch) || ch == '-' || ch == '.';
}

/*
 * Finds every BUG(kind) and BUG(kind, tag) on one source line.  The kind must
 * be a named finding kind other than data-race, which RACE markers own.  A
 * BUG without a tag gets the line number as its tag, so that it stands alone.
 */
static int case_scan_bugs(case_info *c, const char *line, unsigned long lineno,
                          text_buf *err)
{
    for (const char *p = strstr(line, "BUG("); p; p = strstr(p + 4, "BUG(")) {
        if (p > line && case_is_ident(p[-1]))
            continue;
        const char *k = p + 4, *ke = k;
        while (case_is_tagchar(*ke))
            ke++;
        const char *rest = text_skip_space(ke), *t = NULL, *te = NULL;
        if (*rest == ',') {
            t = te = text_skip_space(rest + 1);
            while (case_is_tagchar(*te))
                te++;
            rest = text_skip_space(te);
        }
        if (ke == k || (t && te == t) || *rest != ')')
            return text_fail(err, RC_EXIT_INPUT, c->path, lineno,
                             "malformed marker: expected BUG(kind) or BUG(kind, tag)");
        char *kind = text_ndup(k, (size_t)(ke - k));
        if (!finding_kind_valid(kind) || strcmp(kind, "data-race") == 0 ||
            text_starts_with(kind, "other:")) {
            int rc = text_fail(err, RC_EXIT_INPUT, c->path, lineno,
                               "BUG(%s): not a finding kind a case can be labelled with "
                               "(data races take RACE markers)", kind);
            free(kind);
            return rc;
        }
        char own[32];
        snprintf(own, sizeof own, "line%lu", lineno);
        case_marker *m = t ? case_add_marker(c, lineno, t, (size_t)(te - t), 0, 0)
                           : case_add_marker(c, lineno, own, strlen(own), 0, 0);
        m->kind = kind;
    }
    return 0;
}

/* A BUG tag names one line, or the two lines of one pair; never more. */
static int case_validate_bugs(case_info *c, text_buf *err)
{
    for (size_t i = 0; i < c->nmarkers; i++) {
        const case_marker *m = &c->markers[i];
        if (!m->kind)
            continue;
        size_t same = 0;
        for (size_t j = 0; j < c->nmarkers; j++) {
            const case_marker *o = &c->markers[j];
            if (o->kind && strcmp(o->kind, m->kind) == 0 && strcmp(o->tag, m->tag) == 0)
                same++;
        }
        if (same > 2)
            return text_fail(err, RC_EXIT_INPUT, c->path, m->line,
                             "a BUG(kind, tag) pair has more than two lines");
    }
    return 0;
}

/* Every RACE tag needs a partner line or a 'self'; verdicts must agree. */
static int case_validate(case_info *c, text_buf *err)
{
    for (size_t i = 0; case_fields[i].key; i++) {
        char **slot = case_field_slot(c, case_fields[i].key);
        if (case_fields[i].required && slot && (!*slot || !**slot))
            return text_fail(err, RC_EXIT_INPUT, c->path, 0,
                             "header field '%s' is missing", case_fields[i].key);
    }
    size_t stem = strlen(c->file) - (text_ends_with(c->file, ".c")     ? 2
                                     : text_ends_with(c->file, ".cpp") ? 4
                                                                       : 0);
    if (strlen(c->name) != stem || strncmp(c->name, c->file, stem) != 0)
        return text_fail(err, RC_EXIT_INPUT, c->path, 0,
                         "header 'name' does not match the file name");
    int race = strcmp(c->verdict, "race") == 0;
    if (!race && strcmp(c->verdict, "race-free") != 0)
        return text_fail(err, RC_EXIT_INPUT, c->path, 0, "verdict must be 'race' or 'race-free'");
    size_t races = 0;
    for (size_t i = 0; i < c->nmarkers; i++) {
        const case_marker *m = &c->markers[i];
        if (m->norace || m->kind)
            continue;
        races++;
        /* One partner is enough: counting them all made a file of many
         * markers of one tag quadratic to read. */
        int partnered = m->self;
        for (size_t j = 0; j < c->nmarkers && !partnered; j++)
            if (j != i && !c->markers[j].norace && !c->markers[j].kind &&
                strcmp(c->markers[j].tag, m->tag) == 0)
                partnered = 1;
        if (!partnered)
            return text_fail(err, RC_EXIT_INPUT, c->path, m->line,
                             "RACE(%s) has no partner: mark the other access, or write "
                             "RACE(%s, self)", m->tag, m->tag);
    }
    if (race && !races)
        return text_fail(err, RC_EXIT_INPUT, c->path, 0,
                         "verdict is 'race' but no line carries a RACE(tag) marker");
    if (!race && races)
        return text_fail(err, RC_EXIT_INPUT, c->path, 0,
                         "verdict is 'race-free' but a line carries a RACE(tag) marker");
    return case_validate_bugs(c, err);
}

int case_load(const char *path, case_info *c, text_buf *err)
{
    memset(c, 0, sizeof *c);
    text_list_init(&c->flags);
    c->path = text_dup(path);
    c->file = text_dup(text_basename(path));
    FILE *f = fopen(path, "r");
    if (!f)
        return text_fail(err, RC_EXIT_INPUT, c->path, 0, "cannot open: %s", strerror(errno));
    text_reader r;
    text_reader_init(&r, f);
    unsigned long after = 0;
    int rc = case_parse_header(c, &r, err, &after);
    const char *line;
    while (!rc && (line = text_reader_next(&r)) != NULL)
        if ((rc = case_scan_line(c, line, r.lineno, err)) == 0)
            rc = case_scan_bugs(c, line, r.lineno, err);
    if (!rc && text_reader_failed(&r))
        rc = text_fail(err, RC_EXIT_INPUT, c->path, 0, "read error");
    text_reader_free(&r);
    fclose(f);
    return rc ? rc : case_validate(c, err);
}

void case_free(case_info *c)
{
    free(c->path);
    free(c->file);
    free(c->name);
    free(c->summary);
    free(c->verdict);
    free(c->category);
    free(c->origin);
    free(c->why);
    free(c->suite);
    text_list_free(&c->flags);
    for (size_t i = 0; i < c->nmarkers; i++) {
        free(c->markers[i].tag);
        free(c->markers[i].kind);
    }
    free(c->markers);
    memset(c, 0, sizeof *c);
}

static void case_loc(const case_info *c, unsigned long line, char *buf, size_t n)
{
    snprintf(buf, n, "%s:%lu", c->file, line);
}

/* The finding of a BUG marker, emitted once per kind and tag. */
static void case_bug_truth(const case_info *c, size_t i, finding_list *out)
{
    const case_marker *m = &c->markers[i];
    for (size_t j = 0; j < i; j++)
        if (c->markers[j].kind && strcmp(c->markers[j].kind, m->kind) == 0 &&
            strcmp(c->markers[j].tag, m->tag) == 0)
            return;
    char a[512], b[512];
    case_loc(c, m->line, a, sizeof a);
    for (size_t j = i + 1; j < c->nmarkers; j++) {
        const case_marker *o = &c->markers[j];
        if (o->kind && strcmp(o->kind, m->kind) == 0 && strcmp(o->tag, m->tag) == 0) {
            case_loc(c, o->line, b, sizeof b);
            finding_add(out, m->kind, a, b, NULL);
            return;
        }
    }
    finding_add(out, m->kind, a, NULL, NULL);
}

void case_truth(const case_info *c, finding_list *out)
{
    char a[512], b[512];
    for (size_t i = 0; i < c->nmarkers; i++) {
        const case_marker *m = &c->markers[i];
        if (m->kind)
            case_bug_truth(c, i, out);
        if (m->norace || m->kind)
            continue;
        case_loc(c, m->line, a, sizeof a);
        if (m->self)
            finding_add(out, "data-race", a, a, NULL);
        for (size_t j = i + 1; j < c->nmarkers; j++) {
            const case_marker *o = &c->markers[j];
            if (o->norace || o->kind || strcmp(o->tag, m->tag) != 0 || o->line == m->line)
                continue;
            case_loc(c, o->line, b, sizeof b);
            finding_add(out, "data-race", a, b, NULL);
        }
    }
    finding_list_normalize(out);
}

int case_is_cxx(const case_info *c)
{
    return text_ends_with(c->file, ".cpp");
}

int case_has_flag(const case_info *c, const char *flag)
{
    for (size_t i = 0; i < c->flags.n; i++)
        if (strcmp(c->flags.v[i], flag) == 0)
            return 1;
    return 0;
}
