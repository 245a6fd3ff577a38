/*
 * lint.h - the catalog's consistency rules, each a function that reports
 * its problems on a stream and returns how many it found.
 *
 * The lint command (cmd_lint.c) reads the catalog and applies them; they
 * live apart from it so each rule can be tested on hand-made inputs.  The
 * rules that need only a reader's verdict (a case that cannot be read, an
 * expected file that is missing or leaves a difference from the truth
 * unexplained) are those readers' own errors; these are the rest:
 *
 *   lines     every location an expected file names is a line that exists
 *   review    every finding of a case's truth is reported exactly by some
 *             detector, or the case is flagged 'undetected' and says why
 *   build     CMake's reading of the definitions and case headers (it builds
 *             the flavours and labels the tests) agrees with racecard's
 */
#ifndef RACECARD_LINT_H
#define RACECARD_LINT_H

#include "casefile.h"
#include "check.h"
#include "finding.h"

#include <stdio.h>

/*
 * True if loc ("file:line", or "?" which always passes) names a line that
 * exists in the case's own file or in a header of support_dir.
 */
int lint_loc_exists(const char *support_dir, const case_info *c, const char *loc);

/* The lines rule over one expected file (path for messages). */
unsigned lint_lines(const check_expected *e, const char *path, const char *support_dir,
                    const case_info *c, FILE *out);

/*
 * The review rule: seen holds what every detector's expected file of the
 * case reports.  A truth finding none reports exactly (kind and every
 * location) is a problem, unless the case is flagged 'undetected'.
 */
unsigned lint_review(const case_info *c, const finding_list *truth, const finding_list *seen,
                     FILE *out);

/*
 * The build rule.  view_path is the file CMake writes at configure time
 * (BUILD/racecard-read.txt): tab-separated lines
 *
 *     source  DIR
 *     detector  PATH  KEY  VALUE     (name build flavour compiler cflags ldflags
 *                                     cxx cxxflags timeout tests; cxx and
 *                                     cxxflags empty when the definition has none)
 *     case  PATH  KEY  VALUE         (verdict category)
 *
 * Each file is read again here with racecard's own readers and every value
 * compared.  A view of another source tree than source_dir is not compared
 * (*compared stays 0); nor is a missing view.  Returns the problems found.
 */
unsigned lint_build(const char *view_path, const char *source_dir, FILE *out, size_t *compared);

#endif
