/*
 * suite.h - foreign suites of race-detection programs read as racecard
 * cases, with their own labels as the truth.
 *
 * A tool author is judged on the suites the field already uses.  racecard
 * vendors none of them: the user names a checkout (`--suite drb=PATH`, or
 * CMake's RACECARD_SUITES, which the build records for every later
 * command), and an adapter per suite lists its programs as cases named
 * SUITE/NAME and reads each one's labels into the same truth racecard's
 * own markers give, at the level the labels reach (casefile.h).  A label
 * that cannot be trusted (it has drifted from the code) refuses the case
 * with its line: never a silent wrong truth.
 *
 * Suites: drb (DataRaceBench, LLNL/dataracebench: micro-benchmarks/),
 * goblint (Goblint's regression tests, goblint/analyzer: tests/regression/),
 * svcomp (SV-COMP's no-data-race tasks, sosy-lab/sv-benchmarks: c/FOLDER/
 * TASK.yml, read with libyaml).
 */
#ifndef RACECARD_SUITE_H
#define RACECARD_SUITE_H

#include "casefile.h"
#include "finding.h"
#include "text.h"

/* A suite checkout: the adapter's name and the user's directory. */
typedef struct suite_ref {
    char *name;   /* "drb" */
    char *dir;    /* the checkout's top directory */
} suite_ref;

typedef struct suite_set {
    suite_ref *v;
    size_t n;
} suite_set;

void suite_set_init(suite_set *s);
void suite_set_free(suite_set *s);
/*
 * Adds "NAME=DIR" to s.  Returns 0, or -1 with err set when NAME is not a
 * suite racecard has an adapter for or DIR is not a directory.
 */
int suite_set_add(suite_set *s, const char *spec, text_buf *err);
/* The suite whose cases are named "NAME/...", or NULL. */
const suite_ref *suite_set_find(const suite_set *s, const char *case_name);
/* The checkout named for suite `name`, or NULL. */
const suite_ref *suite_set_named(const suite_set *s, const char *name);

/*
 * What a walk over a suite's files found beside the programs it lists: how
 * many files it looked at, and how many it counted under each of the
 * adapter's reasons (a task left out, a file that is no test of the kind),
 * so that nothing is left out without a count.
 */
typedef struct suite_tally {
    int accounts;          /* set by an adapter that accounts for every file */
    size_t files;          /* every file of the suite's kind looked at */
    text_list reasons;     /* the adapter's words, each once */
    size_t *counts;        /* counts[i]: files under reasons.v[i] */
} suite_tally;

void suite_tally_init(suite_tally *t);
void suite_tally_free(suite_tally *t);
void suite_tally_add(suite_tally *t, const char *reason);

/*
 * Appends the suite's case names (SUITE/NAME), sorted.  When the adapter
 * counts what it read and left out, writes that as one line to summary
 * ("12 task definitions: 7 read; left out: ..."); else leaves it empty.
 */
void suite_case_names(const suite_ref *s, text_list *out, text_buf *summary);
/*
 * Reads the case `name` (SUITE/NAME) of suite s into c and its truth.
 * Returns 0, or RC_EXIT_INPUT with a one-line reason in err ("PATH:LINE:
 * what" for a label that cannot be trusted).  Free c with case_free.
 */
int suite_case_load(const suite_ref *s, const char *name, case_info *c, finding_list *truth,
                    text_buf *err);
/*
 * The commit the adapter was checked against, and a warning in *warn (to
 * free) when the checkout is at another one or its commit cannot be told.
 * NULL, and no warning, for an adapter pinned to no commit (svcomp: its
 * labels are the task definitions' own fields, read as data, with nothing
 * in the code that could drift).
 */
const char *suite_pinned(const suite_ref *s, char **warn);

/* For the adapters: fills the header fields of a suite's case. */
void suite_case_init(case_info *c, const char *path, const char *name, const char *verdict,
                     const char *category, const char *origin, case_truth_level level);

/* DataRaceBench (suite_drb.c): one kernel, micro-benchmarks/NAME.c(pp). */
int suite_drb_load(const char *path, case_info *c, finding_list *truth, text_buf *err);
/*
 * DataRaceBench's own P-labels of the kernel at path ("Y1", "Y3 Y5": the
 * checkout's DRB-metainfo.json, suite_drb_plabels.c), to free; NULL when the
 * file does not label the kernel, or labels it against its verdict (racy:
 * Y labels, else N).
 */
char *suite_drb_plabels(const char *path, int racy);
/* Goblint (suite_goblint.c): one test, tests/regression/DIR/NAME.c. */
int suite_goblint_load(const char *path, case_info *c, finding_list *truth, text_buf *err);
/* Whether a Goblint test has a race label at all (the others are no race tests). */
int suite_goblint_wanted(const char *path, suite_tally *t);
/*
 * SV-COMP (suite_svcomp.c): one task definition, c/FOLDER/TASK.yml, whose
 * program-level truth is its no-data-race property's expected verdict.
 */
int suite_svcomp_load(const char *path, case_info *c, finding_list *truth, text_buf *err);
/* Whether a task has a no-data-race property (the others are not listed);
   counts every task under its reason in t. */
int suite_svcomp_wanted(const char *path, suite_tally *t);
/* NULL, or why this racecard cannot read SV-COMP tasks (built without libyaml). */
const char *suite_svcomp_unavailable(void);
#define SUITE_NO_RACE CASE_NO_RACE

#endif
