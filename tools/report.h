/*
 * report.h - scorecards written out: a table for the terminal, CSV for
 * spreadsheets, JSON for programs, Markdown for pages; and the findings
 * themselves as SARIF 2.1.0, for tools that show static-analysis results
 * against the source.
 *
 * This stage only formats.  Every figure comes from a score_card or from
 * score_category_counts, so the table and the JSON cannot disagree.  An
 * undefined ratio (NaN) is written "-" in the table and Markdown, as an empty
 * field in CSV and as null in JSON, never as 0.  docs/scorecard.md names every
 * CSV column and JSON field and gives its formula.
 */
#ifndef RACECARD_REPORT_H
#define RACECARD_REPORT_H

#include "finding.h"
#include "score.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>

/* The values of --format, and only those (HTML tables have their own
   entry point, report_write_html_tables). */
typedef enum report_format {
    REPORT_TABLE,   /* aligned columns, one section after another */
    REPORT_CSV,     /* one header line; a 'section' column tells rows apart */
    REPORT_JSON,
    REPORT_MD       /* the table's sections as Markdown tables */
} report_format;

/* One detector's card and the entries it was computed from (for categories). */
typedef struct report_detector {
    const score_card *card;
    const score_entry *entries;
    size_t nentries;
} report_detector;

/* Reads "table", "csv", "json" or "md"; returns 0, or -1 for anything else
   (html too: see report_write_html_tables). */
int report_format_parse(const char *name, report_format *out);
/* The name report_format_parse reads, or "?" for a value that is no format. */
const char *report_format_name(report_format f);

/*
 * Writes the scorecards of n detectors, in the order given: per detector the
 * case-level counts and rates, support, pair and line scores, cost and run
 * statuses; then one row per (detector, kind other than data-race); then the
 * case-level counts per (category, detector).  Returns 0, or -1 when out
 * reports a write error.
 */
int report_write(FILE *out, report_format f, const report_detector *d, size_t n);
/*
 * report_write, and with per_case the figures of each (detector, case)
 * alone besides: in CSV a row of section "case" per entry, after the
 * others, and a last column "case" in the header and every row; in JSON a
 * "cases" array in each detector.  The table and Markdown are unchanged.
 */
int report_write_per_case(FILE *out, report_format f, const report_detector *d, size_t n,
                          int per_case);

/*
 * Writes the same sections as report_write's table, each as an <h3> and an
 * HTML <table>, for the index page of the --html site (report_html.c).  A
 * fragment to put inside a page, not a page, which is why it is no --format.
 * Every cell is escaped.  Returns 0, or -1 when out reports a write error.
 */
int report_write_html_tables(FILE *out, const report_detector *d, size_t n);

/*
 * One run of one detector on one case, as a line of a JSON Lines file
 * (score --records; docs/records.md and docs/records.schema.json): what
 * ran, how it ended, what it cost, each finding with its verdict against
 * the truth (score_finding_verdict) and the truth it did not report.
 */
typedef struct report_record {
    const char *detector, *version;  /* version may be NULL */
    const char *case_name, *category;
    unsigned run;                    /* 1-based */
    const char *status;              /* score_status_name of the run */
    const char *outcome;             /* the runner's outcome, or NULL */
    const char *detail;              /* why a run did not complete, or NULL */
    int exited, exit_status;         /* a normal exit and its status */
    const char *signal;              /* the signal it died of ("SIGSEGV"), or NULL */
    double wall_s, cpu_s, max_rss_kb;/* NaN when not measured */
    const finding_list *found;       /* may be NULL */
    const finding_list *truth;
    const char *log;                 /* the raw log, or NULL */
    long scale;                      /* the work scale it ran at (CASE_SCALE) */
    unsigned jobs;                   /* runs at a time while it ran (1: alone) */
    unsigned shard, nshards;         /* made as shard K of N (score --shard); N 0: not */
    int reused;                      /* read back from an earlier invocation's result */
    /* How far the truth reaches, so a finding it says nothing about is
       "unlabelled", not "fp": a suite's racy program whose labels are the
       verdict or some pairs, a line no label names, a kind no suite labels. */
    case_truth_level level;
    int racy;                        /* the case's verdict is race */
    int suite;                       /* a foreign suite's program */
} report_record;

/* Writes r as one line of JSON; 0, or -1 when out reports a write error. */
int report_record_write(FILE *out, const report_record *r);

/*
 * One case of the catalog as a record of a data set (racecard export;
 * docs/export.md): its labels as fields beside its source, for training or
 * evaluating a learned detector.  Every location is written against
 * loc_file (the case's own file, or the blind copy's name).
 */
typedef struct report_export_line {
    unsigned long line;
    const char *tag;             /* the marker's tag, or NULL */
    const char *kind;            /* BUG(kind): the misuse; NULL for a race */
    int self;                    /* RACE(tag, self) */
    const char *variable;        /* the tag when the line names it, else NULL */
    const char *access;          /* "write", "read", "read-write" or NULL */
} report_export_line;

typedef struct report_export_detector {
    const char *detector;
    const finding_list *findings, *missing;
    const text_list *reasons, *missing_reasons;  /* "" where none */
} report_export_detector;

typedef struct report_export_case {
    const char *id, *name;       /* name NULL in a blind export */
    const char *file, *loc_file; /* the case's file; the file locations name */
    const char *language;        /* "c" or "c++" */
    const char *source;          /* NULL in a blind export */
    const char *blind_source;
    const char *verdict, *category, *why;
    const text_list *flags;
    const finding_list *truth;
    const report_export_line *lines;   /* RACE and BUG markers */
    size_t nlines;
    const report_export_line *ordered; /* NORACE markers */
    size_t nordered;
    const report_export_detector *dets;
    size_t ndets;
} report_export_case;

/* Writes c as one line of JSON; 0, or -1 when out reports a write error. */
int report_export_write(FILE *out, const report_export_case *c);

/* The findings of one case, and where its source is. */
typedef struct report_sarif_case {
    const char *path;            /* relative to the source dir: "cases/x.c" */
    const finding_list *found;
} report_sarif_case;

/* One detector's findings over the cases it ran. */
typedef struct report_sarif_run {
    const char *detector;
    const report_sarif_case *cases;
    size_t ncases;
    const char *version;         /* tool.driver.version; NULL: left out */
} report_sarif_run;

/*
 * Writes a SARIF 2.1.0 log with one run per detector and one result per
 * finding: ruleId the finding's kind, level "warning", the first location as
 * the result's location and the second as a related location.  A location in
 * the case's own file gets the case's path as its URI; one in another file
 * keeps the bare file name, which is all a finding knows of it.  A finding
 * with no known location has no location, and its message says so and names
 * the case.  Returns 0, or -1 when out reports a write error.
 */
int report_sarif(FILE *out, const report_sarif_run *runs, size_t nruns);

#endif
