/*
 * parse_canonical.c - the reader for tools that print racecard's canonical
 * findings themselves (parser = canonical), directly or through a converter.
 *
 * Such a log still carries the program's own output, so a line counts as a
 * finding only when its first word is a finding kind.  A line that claims to
 * be a finding and is not well formed is never dropped quietly: it is noted
 * and counted as a report racecard could not read, which makes the run a
 * detector failure rather than a clean result.
 */
#include "parse_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    char *copy = text_dup(t);
    parse_rtrim(copy);
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
