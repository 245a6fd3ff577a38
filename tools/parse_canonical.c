/*
 * parse_canonical.c - the reader for tools that print racecard's canonical
 * findings themselves (parser = canonical), directly or through a converter.
 *
 * Such a log still carries the program's own output, so a line counts as a
 * finding only when its first word is a finding kind.  A line that claims to
 * be a finding and is not well formed is never dropped quietly: it is noted
 * and counted as a report racecard could not read, which makes the run a
 * detector failure rather than a clean result.
 *
 * Tools name places as they like, so a location is taken as they write it
 * before it is held to the canonical form: a path is reduced to its file's
 * base name (as every reader does with a frame's file), and "file:line:col"
 * loses its column.  Without this, "src/x.c:12:5" would be a location of a
 * file called "src/x.c:12" and miss the truth without a word.
 */
#include "parse_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* True when s[0, n) is a non-empty run of digits. */
static int parse_canonical_digits(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Appends word to b as a canonical location: base name, no column. */
static void parse_canonical_loc(text_buf *b, const char *word)
{
    const char *base = strrchr(word, '/');
    base = base && base[1] ? base + 1 : word;
    size_t n = strlen(base);
    const char *last = strrchr(base, ':');
    if (last && last > base) {
        const char *prev = last - 1;
        while (prev > base && *prev != ':')
            prev--;
        if (*prev == ':' && parse_canonical_digits(prev + 1, (size_t)(last - prev - 1)) &&
            parse_canonical_digits(last + 1, strlen(last + 1)))
            n = (size_t)(last - base);
    }
    text_buf_add(b, base, n);
}

/* The line with every location word tidied (keys left as they are). */
static char *parse_canonical_tidy(const char *line)
{
    text_list w;
    text_list_init(&w);
    text_split_words(line, &w);
    text_buf b;
    text_buf_init(&b);
    text_buf_adds(&b, "");
    for (size_t i = 0; i < w.n; i++) {
        if (i)
            text_buf_add(&b, " ", 1);
        if (i == 0 || strchr(w.v[i], '='))
            text_buf_adds(&b, w.v[i]);
        else
            parse_canonical_loc(&b, w.v[i]);
    }
    text_list_free(&w);
    return b.s;
}

void parse_canonical_line(parse_ctx *c, const char *line)
{
    const char *t = text_skip_space(line);
    size_t n = strcspn(t, " \t");
    if (n == 0 || n >= 80)
        return;
    char kind[80];
    memcpy(kind, t, n);
    kind[n] = '\0';
    int looks_like_kind = finding_kind_valid(kind) || strncmp(kind, "other:", 6) == 0;
    if (!looks_like_kind)
        return;
    char *copy = parse_canonical_tidy(t);
    char err[200];
    if (finding_parse_line(copy, &c->r->findings, err, sizeof err) == 0) {
        c->r->reports++;
    } else {
        char msg[320];
        snprintf(msg, sizeof msg, "not a canonical finding: %s", err);
        parse_note(c, c->lineno, msg);
        c->r->truncated++;
    }
    free(copy);
}
