/*
 * check.h - expected findings: read them, hold them to the ground truth,
 * compare a run with them, and write them anew for review (the "check" stage).
 *
 * expected/DETECTOR/CASE holds one canonical finding per line.  Where the
 * detector and the ground truth disagree the file must say why:
 *
 *   data-race a.c:10 a.c:10  # Helgrind does not model C11 atomics
 *   missing data-race a.c:4 a.c:9  # the earlier access left TSan's history
 *
 * A finding the truth does not contain needs a "# reason"; a truth pair the
 * detector does not report needs a "missing ... # reason" line.  A one-location
 * data race (DRD names only one access) agrees with the truth when that
 * location is one side of a true pair, and covers that pair.  Blank lines
 * and lines starting with '#' are commentary.
 */
#ifndef RACECARD_CHECK_H
#define RACECARD_CHECK_H

#include "finding.h"
#include "text.h"

#include <stdio.h>

typedef struct check_expected {
    char *path;
    text_list header;        /* leading '#' lines, kept by check_write */
    finding_list findings;   /* what the detector is expected to report */
    finding_list missing;    /* truth findings it is expected not to report */
    text_list reasons;       /* reason per findings[i] ("" if none) ... */
    text_list missing_reasons; /* ... and per missing[i] */
} check_expected;

void check_expected_init(check_expected *e);
void check_expected_free(check_expected *e);

/*
 * Reads an expected file.  Returns 0; RC_EXIT_INPUT with "PATH:LINE: what"
 * in err when a line is not canonical, a "missing" line has no reason, or
 * the file cannot be read.  A file that does not exist is an error too.
 */
int check_load(const char *path, check_expected *e, text_buf *err);

/*
 * Holds expected findings to the truth.  Returns 0, or RC_EXIT_INPUT with
 * every undocumented difference listed in err (one per line).
 */
int check_against_truth(const check_expected *e, const finding_list *truth, text_buf *err);

/*
 * Compares a run's normalised findings with the expected ones.  Returns the
 * number of differences; when out is not NULL writes them as a diff:
 * "- FINDING" expected but not reported, "+ FINDING" reported but not expected.
 */
size_t check_compare(const finding_list *expected, const finding_list *actual, FILE *out);

/*
 * Writes a new expected file at path from a run's findings: the header and
 * reasons of old (may be NULL) are kept where the same finding is still
 * there; a new difference from the truth gets the reason "FIXME: say why",
 * which check_load refuses, so a human must read and explain it.  Returns
 * 0, or RC_EXIT_INTERNAL with "PATH: what" in err when the file cannot be
 * written.
 */
int check_write(const char *path, const check_expected *old, const finding_list *actual,
                const finding_list *truth, const char *header_if_new, text_buf *err);

#define CHECK_FIXME "FIXME: say why"

#endif
