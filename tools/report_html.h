/*
 * report_html.h - a scored run as a static web site, for reading a race report
 * beside the program it is about ("racecard score --html DIR").
 *
 * DIR/index.html holds the scorecard (the tables report_write gives, as HTML)
 * and a table of cases x detectors, each cell the case-level outcome linked to
 * the detector's panel on the case's page.  DIR/CASE.html holds the case's
 * header, its source with line numbers, the lines its markers label
 * highlighted and the lines each detector named marked, and one panel per
 * detector: its findings held against the truth and its raw log run through
 * explain_stream.  DIR/style.css styles both.  No script, no network: the
 * pages read the same from a file system, an artifact store or a browser with
 * the network off.
 *
 * This stage only formats, like report.c: the figures come from the cards and
 * entries the score command computed, the annotations from the explain stage.
 */
#ifndef RACECARD_REPORT_HTML_H
#define RACECARD_REPORT_HTML_H

#include "casefile.h"
#include "report.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>

/* One case of the run: its header and markers, and the truth they give. */
typedef struct report_html_case {
    const case_info *info;
    const finding_list *truth;
} report_html_case;

/* Everything the site is made from (all borrowed). */
typedef struct report_html_site {
    const report_detector *dets;   /* dets[d].entries[c] is cases[c], for every d */
    size_t ndets;
    const report_html_case *cases;
    size_t ncases;
    const text_list *skipped;      /* "DETECTOR: why" per detector not run, or NULL */
    const char *log_dir;           /* the raw logs: LOG_DIR/DETECTOR/CASE.log */
    const char *cases_dir;         /* where explain finds the cases' sources, or NULL */
    unsigned repeat;               /* runs per case (the log kept is the last one's) */
    const char *expected_dir;      /* EXPECTED_DIR/DETECTOR/CASE, for the reasons of known
                                      false positives and negatives, or NULL */
    const char *const *versions;   /* versions[d]: the tools that made dets[d]'s runs
                                      ("clang 14.0.6, Valgrind 3.19.0"), or NULL */
    const char *lessons_md;        /* docs/lessons.md, copied as lessons.html, or NULL */
} report_html_site;

/*
 * Creates dir (and its parents) and writes dir/style.css.  The score command
 * calls it before running anything, so an unwritable dir is reported at once
 * rather than after the whole catalog has run.  Returns 0, or -1 with
 * "cannot write PATH: reason" in err.
 */
int report_html_prepare(const char *dir, text_buf *err);

/*
 * Writes dir/index.html and dir/CASE.html for every case (dir prepared).
 * A missing raw log is said on its panel, not an error.  Returns 0, or -1
 * with "cannot write PATH: reason" in err.
 */
int report_html_write(const char *dir, const report_html_site *s, text_buf *err);

/*
 * Writes n bytes of s as HTML text, safe in element content and in quoted
 * attribute values: & < > " ' become references, and control characters
 * other than tab, newline and carriage return become U+FFFD, which HTML does
 * not allow raw.
 */
void report_html_escape(FILE *out, const char *s, size_t n);

/* Writes s for an href: bytes other than letters, digits, '.', '_' and '-'
   as %XX, so a name cannot end the attribute or change the path. */
void report_html_url(FILE *out, const char *s);

/*
 * The case-level outcome of one entry, as on the index: "TP", "FP", "TN" or
 * "FN" for an entry that ran, else its status name ("crashed", ...).
 */
const char *report_html_outcome(const score_entry *e);

#endif
