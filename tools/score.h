/*
 * score.h - the scorecard: how well one detector's findings agree with the
 * ground truth of the catalog, at the level of cases, pairs and lines, with
 * what it costs against the native run.
 *
 * This stage only counts and divides.  It never runs anything: the command
 * feeds it one score_entry per (detector, case) and asks for the figures, so
 * every formula can be tested with hand-computed inputs.
 *
 * Definitions (DataRaceBench's, where it has one):
 *   case level   a case is positive when its truth holds a data race, and
 *                predicted positive when the detector reported at least one
 *                data-race finding (any locations).  TP, FP, TN, FN over the
 *                cases that ran; precision TP/(TP+FP), recall TP/(TP+FN),
 *                specificity TN/(TN+FP), accuracy (TP+TN)/ran,
 *                F1 2PR/(P+R), undefined when P or R is, and 0 when both
 *                are 0 (the limit, and 2TP/(2TP+FP+FN), whose denominator
 *                is then not 0); support = ran / all cases; adjusted F1 =
 *                F1 x support.
 *   pair level   each data-race finding with two known locations is a
 *                reported pair; a true positive only if the truth has that
 *                exact pair.  FN = truth pairs not reported exactly.
 *   line level   each location named by a data-race finding is a reported
 *                line (so DRD's one-location findings count); a true
 *                positive when some truth pair names that line.  FN = lines
 *                named by a truth pair that no data-race finding names.
 *   other kinds  per kind (lock-order-inversion, thread-leak, ...): a
 *                finding matches a truth finding of the kind with the same
 *                locations; TP, FP, FN, precision, recall, F1.  A row for
 *                every kind in the truth of any entry or found by an entry
 *                that ran.
 *   cost         per case, detector wall time / native wall time and
 *                detector max RSS / native max RSS, where both are known;
 *                the medians over the cases that ran.  When the costs were
 *                measured at a larger work scale (score --scale), start-up
 *                is the same wall-time ratio at scale 1, where a case runs
 *                in milliseconds and the ratio mostly compares start-up
 *                times; otherwise start-up is unknown.
 *   truth levels a foreign suite's labels may reach less than racecard's
 *                markers (casefile.h).  Case level: every entry but those
 *                of unknown truth, positive by the verdict when the truth
 *                is the verdict alone.  Pair level: entries whose truth has
 *                pairs (all, or partial); line level: those and entries
 *                with racing lines.  Partial truth of a racy program lists
 *                some of its races, so a reported pair or line it does not
 *                list is unlabelled (counted in `unlabelled`, neither TP nor
 *                FP); in a race-free program it is an FP as always.
 * Pair, line and kind levels have no negatives to count, so their TN stays
 * 0 and their specificity and accuracy are NaN.  Every level counts only
 * the entries that ran; the others show in status[] and support.  A
 * finding equal to an earlier one of its list counts once, so lists need
 * not be normalised.  "?" is never a line and never half of a pair.
 *
 * A ratio whose denominator is 0 is undefined and reported as such (NaN in
 * memory, "-" or null in output), never as 0 or 1.
 */
#ifndef RACECARD_SCORE_H
#define RACECARD_SCORE_H

#include "casefile.h"
#include "finding.h"

#include <stddef.h>

/* Why a (detector, case) did or did not take part in the scores. */
typedef enum score_status {
    SCORE_RAN,             /* completed (clean or reports): scored */
    SCORE_BUILD_FAILED,    /* no binary for the detector's flavour */
    SCORE_DETECTOR_ERROR,  /* the detector failed to start or died */
    SCORE_CRASHED,         /* the case died of a signal or exited badly */
    SCORE_TIMEOUT,         /* killed at the time limit */
    SCORE_STATUS_COUNT
} score_status;

typedef struct score_entry {
    const char *case_name;
    const char *category;        /* one word, or several: a case in each (DataRaceBench's "Y3 Y5") */
    const finding_list *truth;   /* the case's ground truth (borrowed; NULL: none) */
    case_truth_level level;      /* how far the truth reaches; PAIR by default */
    int racy;                    /* the verdict, for a truth that is the verdict only */
    finding_list found;          /* union of the findings of every run (owned) */
    score_status status;         /* of the worst run */
    int runs;                    /* how many runs were made */
    int changed;                 /* findings or outcome differed between runs */
    double wall, native_wall;    /* seconds, medians over runs; <= 0 unknown */
    double maxrss, native_maxrss;/* kilobytes, medians over runs; <= 0 unknown */
    long scale;                  /* the work scale wall and maxrss were measured
                                    at (CASE_SCALE); 1 unless scaled */
    double startup, native_startup; /* seconds at scale 1 when scale > 1 */
    /* kept by score_entry_add_run for the comparison and the medians */
    finding_list first;          /* the first run's findings */
    int first_outcome;
    double *run_wall, *run_maxrss;
    size_t run_cap;
} score_entry;

/* How one finding stands against a case's truth. */
typedef enum score_verdict {
    SCORE_TRUE,       /* the truth lists it exactly (kind and locations) */
    SCORE_ONE_SIDE,   /* a data race of one known location naming a line of a
                         true pair: DRD's form, right as far as it goes */
    SCORE_FALSE       /* anything else */
} score_verdict;

/* The verdict of x against truth (may be NULL: nothing is true). */
score_verdict score_finding_verdict(const finding *x, const finding_list *truth);
/* "tp", "one-side", "fp". */
const char *score_verdict_name(score_verdict v);

/* One run of a (detector, case), as the scorecard sees it. */
typedef struct score_run {
    score_status status;
    int outcome;                 /* the runner's outcome: only compared between runs */
    const finding_list *found;   /* normalised */
    double wall, maxrss;         /* seconds, kilobytes */
} score_run;

typedef struct score_counts {
    size_t tp, fp, tn, fn;
} score_counts;

typedef struct score_rates {
    double precision, recall, specificity, accuracy, f1;
} score_rates;

typedef struct score_kind_row {
    char *kind;
    score_counts counts;     /* tn unused */
    score_rates rates;       /* specificity and accuracy NaN */
} score_kind_row;

typedef struct score_card {
    const char *detector;
    const char *version;                 /* the tool's version line, or NULL
                                            (borrowed; set by the caller) */
    size_t cases;                        /* all entries */
    size_t status[SCORE_STATUS_COUNT];   /* entries per status */
    size_t changed;                      /* entries whose runs disagreed */
    size_t unknown;                      /* entries of unknown truth: not scored */
    size_t unlabelled;                   /* pairs and lines a partial truth does
                                            not list, in racy programs */
    score_counts cases_cm;               /* case level, over SCORE_RAN */
    score_rates case_rates;
    double support, adjusted_f1;         /* NaN with no entries */
    score_counts pairs, lines;           /* tn unused */
    score_rates pair_rates, line_rates;  /* specificity and accuracy NaN */
    score_kind_row *kinds;               /* one row per non-data-race kind */
    size_t nkinds;                       /* in truth or found, sorted */
    double slowdown, memory;             /* medians; NaN when unknown */
    double startup;                      /* median wall ratio at scale 1 when
                                            the costs were scaled, else NaN */
} score_card;

/* An entry that ran, with no truth, no findings and unknown costs. */
void score_entry_init(score_entry *e);
/* Frees found and the runs' record; the borrowed fields are left alone. */
void score_entry_free(score_entry *e);
/*
 * Adds one of the repeated runs of a (detector, case) to e (--repeat): its
 * findings join the union that is scored, as DataRaceBench scores repeated
 * runs; the worst status stands; e->changed is set when the run's outcome
 * or findings differ from the first run's; its costs are kept for the
 * medians.  Call score_entry_finish after the last.
 */
void score_entry_add_run(score_entry *e, const score_run *r);
/* The union normalised; wall and maxrss the medians of the runs (NaN for none). */
void score_entry_finish(score_entry *e);
/*
 * Makes the costs of e those measured at work scale `scale`: det holds the
 * detector's finished runs at that scale and native the native runs' (each
 * NULL or not run: the cost is unknown).  e's own costs, at scale 1, become
 * its start-up figures.  A scaled run whose outcome or findings differ from
 * e's first run sets e->changed and returns 1 (the knob changed what the
 * detector found); else 0.  Scaled findings never join e's union: the
 * scores are those of scale 1.
 */
int score_entry_set_scaled(score_entry *e, long scale, const score_entry *det,
                           const score_entry *native);

/* Rates from counts (all four used), NaN where a denominator is 0. */
score_rates score_rates_of(const score_counts *c);

/*
 * Fills card from n entries of one detector.  card->detector is borrowed.
 * Free with score_card_free.
 */
void score_compute(const char *detector, const score_entry *entries, size_t n,
                   score_card *card);
void score_card_free(score_card *card);

/*
 * The case-level counts of the entries of one category (SCORE_RAN only, and
 * a known verdict: an unknown one is not scored, as in the detector's
 * counts).  An entry whose category holds several words is in each of them.
 * A NULL category selects the entries that have none.
 */
score_counts score_category_counts(const score_entry *entries, size_t n,
                                   const char *category);
/* Whether an entry's category (one word or several) is, or holds, the word. */
int score_in_category(const char *entry_category, const char *category);

/* The median of n values, none NaN (NaN for n == 0); values is sorted. */
double score_median(double *values, size_t n);

/* "ran", "build-failed", "detector-error", "crashed", "timeout"; "?" for a
   value that is no status. */
const char *score_status_name(score_status s);

#endif
