/*
 * finding.h - the canonical finding, the one shape every stage agrees on.
 *
 * A finding is one line of text:
 *
 *     KIND LOC [LOC] [key=value ...]
 *
 * KIND is data-race, lock-order-inversion, thread-leak, destroy-locked-mutex,
 * unlock-unlocked-mutex, double-lock, signal-unsafe-call, heap-use-after-free
 * or other:<slug>.  LOC is "file:line" (a basename) or "?" when the detector
 * gave no location in the program's own code.  Two LOCs are kept sorted, so a
 * pair reads the same whichever thread a detector called "previous".  Keys
 * carry facts a comparison ignores (how a report was cut, for instance).
 *
 * Lists are sorted and made unique by finding_list_normalize(); equality and
 * order look at the kind and the locations only, never at the keys.
 */
#ifndef RACECARD_FINDING_H
#define RACECARD_FINDING_H

#include <stddef.h>
#include <stdio.h>

#define FINDING_UNKNOWN_LOC "?"

typedef struct finding {
    char *kind;
    char *loc[2];  /* loc[1] is NULL for a one-location finding */
    char *keys;    /* "k=v k=v", or NULL */
} finding;

typedef struct finding_list {
    finding *v;
    size_t n, cap;
} finding_list;

void finding_list_init(finding_list *l);
void finding_list_free(finding_list *l);

/*
 * Appends a finding, copying every string.  loc1 may be NULL (stored as "?");
 * loc2 may be NULL for a one-location finding.  The two locations are stored
 * in canonical order.  keys may be NULL.
 */
void finding_add(finding_list *l, const char *kind, const char *loc1,
                 const char *loc2, const char *keys);

/*
 * An index of a list's findings by kind and locations, for adding to it
 * without duplicates in constant time: a log of a million repeats of a few
 * reports then costs a million lookups, not a million copies and sorts.
 */
typedef struct finding_set {
    size_t *slot;    /* 1 + an index into the list; 0 for an empty slot */
    size_t cap, n;   /* cap is 0 or a power of two, kept at least twice n */
} finding_set;

void finding_set_init(finding_set *s);
void finding_set_free(finding_set *s);

/*
 * Adds what finding_add would unless l already holds a finding equal to it
 * by finding_cmp (keys ignored: the one already there keeps its keys).  s
 * must index exactly l's findings: start from an empty list and an empty
 * set, or call finding_set_rebuild after changing l any other way.  Returns
 * 1 if the finding was added, 0 if it was a duplicate.
 */
int finding_add_unique(finding_list *l, finding_set *s, const char *kind, const char *loc1,
                       const char *loc2, const char *keys);

/* Makes s index every finding of l (after l was changed directly). */
void finding_set_rebuild(finding_set *s, const finding_list *l);

/* Sorts by kind then locations and drops duplicates (keys of the first kept). */
void finding_list_normalize(finding_list *l);

/* Orders two findings by kind and locations; keys are ignored. */
int finding_cmp(const finding *a, const finding *b);

/* True when two normalised lists hold the same findings (keys ignored). */
int finding_list_equal(const finding_list *a, const finding_list *b);

/* Orders two LOCs: by file name, then numerically by line; "?" sorts last. */
int finding_loc_cmp(const char *a, const char *b);

/* Writes one finding as a line (with '\n') to f. */
void finding_print(const finding *x, FILE *f);
void finding_list_print(const finding_list *l, FILE *f);

/* Formats a finding without keys into a freshly allocated string. */
char *finding_format(const finding *x);

/*
 * Parses one canonical line (no trailing newline) and appends it to l.
 * Returns 0, or -1 with a reason in err when the line is not canonical:
 * unknown kind, a LOC that is neither "?" nor "name:digits", a bare word
 * where a key=value was due, or too many locations.
 */
int finding_parse_line(const char *line, finding_list *l, char *err, size_t errlen);

/* True if kind is one of the named kinds or a well-formed other:<slug>. */
int finding_kind_valid(const char *kind);

/*
 * Builds an "other:<slug>" kind from a detector's free-text title: lower case,
 * runs of anything but letters and digits become one '-', trimmed, at most 60
 * characters.  Returns a new string.
 */
char *finding_other_kind(const char *title);

#endif
