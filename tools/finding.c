/*
 * finding.c - canonical findings: build, order, print and read them back.
 */
#include "finding.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const finding_kinds[] = {
    "data-race", "lock-order-inversion", "thread-leak", "destroy-locked-mutex",
    "unlock-unlocked-mutex", "double-lock", "signal-unsafe-call",
    "heap-use-after-free", "invalid-mutex", "exit-holding-lock", NULL,
};

void finding_list_init(finding_list *l)
{
    l->v = NULL;
    l->n = l->cap = 0;
}

static void finding_free(finding *x)
{
    free(x->kind);
    free(x->loc[0]);
    free(x->loc[1]);
    free(x->keys);
}

void finding_list_free(finding_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        finding_free(&l->v[i]);
    free(l->v);
    finding_list_init(l);
}

/* Splits "file:line" into the file part length and the line number. */
static int finding_loc_split(const char *loc, size_t *file_len, unsigned long *line)
{
    const char *colon = strrchr(loc, ':');
    if (!colon || colon == loc)
        return -1;
    if (text_parse_ulong(colon + 1, 100000000UL, line) != 0)
        return -1;
    *file_len = (size_t)(colon - loc);
    return 0;
}

int finding_loc_cmp(const char *a, const char *b)
{
    int ua = strcmp(a, FINDING_UNKNOWN_LOC) == 0;
    int ub = strcmp(b, FINDING_UNKNOWN_LOC) == 0;
    if (ua || ub)
        return ua - ub;
    size_t fa, fb;
    unsigned long la, lb;
    if (finding_loc_split(a, &fa, &la) || finding_loc_split(b, &fb, &lb))
        return strcmp(a, b);
    size_t m = fa < fb ? fa : fb;
    int c = strncmp(a, b, m);
    if (c)
        return c;
    if (fa != fb)
        return fa < fb ? -1 : 1;
    return la < lb ? -1 : la > lb;
}

void finding_add(finding_list *l, const char *kind, const char *loc1,
                 const char *loc2, const char *keys)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = text_realloc(l->v, l->cap * sizeof *l->v);
    }
    finding *x = &l->v[l->n++];
    x->kind = text_dup(kind);
    x->loc[0] = text_dup(loc1 ? loc1 : FINDING_UNKNOWN_LOC);
    x->loc[1] = loc2 ? text_dup(loc2) : NULL;
    x->keys = keys && *keys ? text_dup(keys) : NULL;
    if (x->loc[1] && finding_loc_cmp(x->loc[0], x->loc[1]) > 0) {
        char *t = x->loc[0];
        x->loc[0] = x->loc[1];
        x->loc[1] = t;
    }
}

void finding_set_init(finding_set *s)
{
    s->slot = NULL;
    s->cap = s->n = 0;
}

void finding_set_free(finding_set *s)
{
    free(s->slot);
    finding_set_init(s);
}

/*
 * Hashes a LOC the way finding_loc_cmp compares it: a file part and a line
 * number, so "a.c:7" and "a.c:07", which compare equal, hash alike.  The
 * digits are read here rather than through finding_loc_split: this runs for
 * every report of a long log.
 */
static size_t finding_hash_loc(size_t h, const char *loc)
{
    size_t n = strlen(loc);
    /* the digits at the end, read backwards: a LOC with a line is one whose
       last colon (not its first byte) has only digits, at least one, after
       it, and that colon is then the byte before those digits */
    const char *d = loc + n;
    while (d > loc && d[-1] >= '0' && d[-1] <= '9')
        d--;
    if (d == loc + n || d == loc || d[-1] != ':' || d - 1 == loc)
        return text_hash(h, loc, n + 1);
    const char *colon = d - 1;
    while (*d == '0' && d[1])
        d++;
    return text_hash(text_hash(h, loc, (size_t)(colon - loc)), d, n - (size_t)(d - loc));
}

static size_t finding_hash(const finding *x)
{
    size_t h = text_hash(0, x->kind, strlen(x->kind) + 1);
    h = finding_hash_loc(h, x->loc[0]);
    return x->loc[1] ? finding_hash_loc(h, x->loc[1]) : h;
}

/* Whether two findings have the same kind and LOCs byte for byte: equal by
 * finding_cmp too, and much cheaper to tell, as a long log repeats its
 * findings exactly. */
static int finding_same_text(const finding *a, const finding *b)
{
    return strcmp(a->kind, b->kind) == 0 && strcmp(a->loc[0], b->loc[0]) == 0 &&
           (a->loc[1] ? b->loc[1] && strcmp(a->loc[1], b->loc[1]) == 0 : !b->loc[1]);
}

/* The slot holding a finding equal to x, or the empty slot where it goes. */
static size_t *finding_set_find(const finding_set *s, const finding_list *l, const finding *x)
{
    size_t mask = s->cap - 1;
    for (size_t i = finding_hash(x) & mask;; i = (i + 1) & mask) {
        size_t *slot = &s->slot[i];
        if (*slot == 0 || finding_same_text(&l->v[*slot - 1], x) ||
            finding_cmp(&l->v[*slot - 1], x) == 0)
            return slot;
    }
}

static void finding_set_grow(finding_set *s, const finding_list *l)
{
    size_t *old = s->slot, old_cap = s->cap;
    s->cap = s->cap ? s->cap * 2 : 64;
    s->slot = text_alloc(s->cap * sizeof *s->slot);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            *finding_set_find(s, l, &l->v[old[i] - 1]) = old[i];
    free(old);
}

void finding_set_rebuild(finding_set *s, const finding_list *l)
{
    finding_set_free(s);
    for (size_t i = 0; i < l->n; i++) {
        if (2 * (s->n + 1) > s->cap)
            finding_set_grow(s, l);
        size_t *slot = finding_set_find(s, l, &l->v[i]);
        if (*slot == 0) {
            *slot = i + 1;
            s->n++;
        }
    }
}

int finding_add_unique(finding_list *l, finding_set *s, const char *kind, const char *loc1,
                       const char *loc2, const char *keys)
{
    /* The candidate in canonical order, pointing at the caller's strings. */
    finding x;
    x.kind = (char *)kind;
    x.loc[0] = (char *)(loc1 ? loc1 : FINDING_UNKNOWN_LOC);
    x.loc[1] = (char *)loc2;
    x.keys = NULL;
    if (x.loc[1] && finding_loc_cmp(x.loc[0], x.loc[1]) > 0) {
        char *t = x.loc[0];
        x.loc[0] = x.loc[1];
        x.loc[1] = t;
    }
    if (2 * (s->n + 1) > s->cap)
        finding_set_grow(s, l);
    size_t *slot = finding_set_find(s, l, &x);
    if (*slot)
        return 0;
    finding_add(l, kind, loc1, loc2, keys);
    *slot = l->n;
    s->n++;
    return 1;
}

int finding_cmp(const finding *a, const finding *b)
{
    int c = strcmp(a->kind, b->kind);
    if (c)
        return c;
    c = finding_loc_cmp(a->loc[0], b->loc[0]);
    if (c)
        return c;
    if (!a->loc[1] || !b->loc[1])
        return (a->loc[1] != NULL) - (b->loc[1] != NULL);
    return finding_loc_cmp(a->loc[1], b->loc[1]);
}

static int finding_qsort_cmp(const void *a, const void *b)
{
    return finding_cmp(a, b);
}

int finding_list_equal(const finding_list *a, const finding_list *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (finding_cmp(&a->v[i], &b->v[i]) != 0)
            return 0;
    return 1;
}

void finding_list_normalize(finding_list *l)
{
    if (l->n < 2)
        return;
    qsort(l->v, l->n, sizeof *l->v, finding_qsort_cmp);
    size_t w = 1;
    for (size_t r = 1; r < l->n; r++) {
        if (finding_cmp(&l->v[w - 1], &l->v[r]) == 0)
            finding_free(&l->v[r]);
        else
            l->v[w++] = l->v[r];
    }
    l->n = w;
}

char *finding_format(const finding *x)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%s %s", x->kind, x->loc[0]);
    if (x->loc[1])
        text_buf_printf(&b, " %s", x->loc[1]);
    return b.s;
}

void finding_print(const finding *x, FILE *f)
{
    char *s = finding_format(x);
    fputs(s, f);
    if (x->keys)
        fprintf(f, " %s", x->keys);
    fputc('\n', f);
    free(s);
}

void finding_list_print(const finding_list *l, FILE *f)
{
    for (size_t i = 0; i < l->n; i++)
        finding_print(&l->v[i], f);
}

int finding_kind_valid(const char *kind)
{
    for (size_t i = 0; finding_kinds[i]; i++)
        if (strcmp(kind, finding_kinds[i]) == 0)
            return 1;
    if (!text_starts_with(kind, "other:") || !kind[6])
        return 0;
    for (const char *p = kind + 6; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
            return 0;
    return 1;
}

char *finding_other_kind(const char *title)
{
    text_buf b;
    text_buf_init(&b);
    text_buf_adds(&b, "other:");
    int dash = 0;
    for (const char *p = title; *p && b.len < 66; p++) {
        unsigned char c = (unsigned char)*p;
        if (isalnum(c)) {
            if (dash && b.len > 6)
                text_buf_add(&b, "-", 1);
            dash = 0;
            char lc = (char)tolower(c);
            text_buf_add(&b, &lc, 1);
        } else {
            dash = 1;
        }
    }
    if (b.len == 6)
        text_buf_adds(&b, "unnamed");
    return b.s;
}

static int finding_loc_valid(const char *loc)
{
    size_t fl;
    unsigned long ln;
    return strcmp(loc, FINDING_UNKNOWN_LOC) == 0 || finding_loc_split(loc, &fl, &ln) == 0;
}

int finding_parse_line(const char *line, finding_list *l, char *err, size_t errlen)
{
    text_list w;
    text_list_init(&w);
    text_split_words(line, &w);
    int rc = -1;
    size_t nloc = 0;
    text_buf keys;
    text_buf_init(&keys);
    if (w.n == 0) {
        snprintf(err, errlen, "empty finding");
        goto out;
    }
    if (!finding_kind_valid(w.v[0])) {
        snprintf(err, errlen, "unknown kind '%s'", w.v[0]);
        goto out;
    }
    for (size_t i = 1; i < w.n; i++) {
        if (strchr(w.v[i], '=')) {
            if (keys.len)
                text_buf_add(&keys, " ", 1);
            text_buf_adds(&keys, w.v[i]);
        } else if (keys.len) {
            snprintf(err, errlen, "'%s' after key=value words", w.v[i]);
            goto out;
        } else if (!finding_loc_valid(w.v[i])) {
            snprintf(err, errlen, "'%s' is not a location (file:line or ?)", w.v[i]);
            goto out;
        } else if (++nloc > 2) {
            snprintf(err, errlen, "more than two locations");
            goto out;
        }
    }
    if (nloc == 0) {
        snprintf(err, errlen, "no location");
        goto out;
    }
    finding_add(l, w.v[0], w.v[1], nloc > 1 ? w.v[2] : NULL, keys.s);
    rc = 0;
out:
    text_buf_free(&keys);
    text_list_free(&w);
    return rc;
}
