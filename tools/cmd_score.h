/*
 * cmd_score.h - what "racecard score" and "racecard merge" share: the
 * options, everything one scorecard owns, and the writing of its outputs,
 * so that a scorecard merged from shards' records (cmd_merge.c) is written
 * by the very code that writes one made on one machine.
 */
#ifndef RACECARD_CMD_SCORE_H
#define RACECARD_CMD_SCORE_H

#include "cli.h"
#include "job.h"
#include "report.h"
#include "score.h"

#include <stdio.h>

typedef struct cmd_score_opts {
    text_list dets, cases;
    int named;               /* the detectors were named with -d */
    unsigned repeat;
    report_format format;
    const char *sarif_dir;   /* NULL: no SARIF */
    const char *html_dir;    /* NULL: no HTML report */
    const char *native;      /* the cost baseline's definition */
    const char *records;     /* --records FILE; NULL: none */
    int per_case;            /* --per-case: CSV and JSON rows per case */
    long scale;              /* --scale: 0 none, CMD_SCORE_SCALE_AUTO, or N */
    const char *from;        /* --from SUITE: a foreign suite's programs; NULL: the catalog */
    unsigned shard, nshards; /* --shard K/N; nshards 0: every run */
} cmd_score_opts;

#define CMD_SCORE_SCALE_AUTO (-1L)

/* Everything one score owns; cmd_score_free releases all of it. */
typedef struct cmd_score_run {
    job_catalog cat;
    char **paths;              /* cases/NAME.c per case, as SARIF names it */
    score_entry *native;       /* per case: the native run's costs */
    long *scale;               /* per case: the work scale of the cost runs (--scale) */
    score_entry *native_scaled;/* per case: the native runs at that scale */
    job_detectors dets;        /* the detectors asked for */
    score_entry **entries;     /* per scored detector, per case */
    score_card *cards;         /* per scored detector */
    report_detector *rd;       /* views of cards and entries for the writers */
    size_t nscored;
    text_list skipped;         /* "NAME: why" per detector that cannot run here */
    size_t skipped_asked;      /* of those, named with -d or --detector-file */
    size_t none_ran;           /* scored detectors that could not run one case */
    FILE *records;             /* --records, open from before anything runs */
} cmd_score_run;

/*
 * Checks, before anything runs or is read, that every output o asks for
 * can be written (the HTML and SARIF directories made), and opens the
 * records file.  Returns 0 or RC_EXIT_OUTPUT (reported on stderr).
 */
int cmd_score_prepare(const cmd_score_opts *o, cmd_score_run *s);
/*
 * Gives s, whose catalog is loaded, its per-case arrays (each case's path as
 * SARIF names it, the native baselines, the work scales) and room for nd
 * detectors' entries and cards.
 */
void cmd_score_alloc(cmd_score_run *s, size_t nd);
/* An empty entry of case c: its name, category, truth and how far the
   truth reaches (score.h), borrowed from c. */
void cmd_score_entry_init(score_entry *e, const job_case *c);
/* Frees everything s owns (s itself is the caller's). */
void cmd_score_free(cmd_score_run *s);
/*
 * Writes the scorecard in o's format on stdout, then SARIF and HTML when
 * asked, and says whether the run tested what was asked.  Returns 0 or the
 * command's exit status (reported on stderr).
 */
int cmd_score_write(const cli_ctx *ctx, const cmd_score_opts *o, const cmd_score_run *s);

#endif
