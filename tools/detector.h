/*
 * detector.h - detector definitions: everything racecard knows about one
 * detector lives in one small file, detectors/NAME.det, so adding a detector
 * is writing a file, not changing code.
 *
 * Format: "key = value" lines; '#' starts a comment line.  Keys:
 *   name       the detector's name; must match the file name
 *   summary    one line for humans
 *   build      none: the detector reads source instead of running a binary
 *              (a static analyser, a learned model): nothing is compiled for
 *              it and flavour, compiler and the flags are not needed
 *   flavour    name of the build the cases need; detectors that share a
 *              flavour share the binaries (helgrind and drd both use "plain")
 *   compiler   compiler command for that build (CMake reads it)
 *   cflags     compile flags for that build (CMake reads it)
 *   ldflags    link flags for that build, C and C++ alike (CMake reads it)
 *   cxx        C++ compiler command for that build, for the cases/ *.cpp
 *              (CMake reads it); without it the C++ cases are skipped
 *   cxxflags   C++ compile flags for that build (CMake reads it): the same
 *              optimisation, debug and sanitizer flags as cflags, with
 *              -std=c++17 for -std=c11
 *   run        the argument vector that runs a case; {exe} is the case binary,
 *              {detdir} the directory of the definition file, {log} the raw
 *              log, {source} the case's source file, {blind} its blind copy
 *              (blind.h), {case} the case's neutral id, {srcdir} the folder
 *              of the cases
 *   env        NAME=VALUE added to the environment (may be repeated)
 *   parser     which reports to read: tsan, helgrind, drd, or canonical (the
 *              tool prints racecard's canonical finding lines itself)
 *   version    an argument vector whose first line of output names the
 *              tool's version (e.g. clang --version), recorded beside its
 *              scores ({detdir} as for run)
 *   convert    an argument vector run after the detector, whose standard
 *              output is canonical findings ({log} is the raw log, {exe} and
 *              {detdir} as for run); needs parser = canonical
 *   expected   whose expected files CTest checks this detector against: a
 *              detector name (default: its own), or none for a detector that
 *              is only scored against the ground truth
 *   timeout    seconds before a run is killed (default 30)
 *   race-exit  the exit status the detector uses for "reports found"
 *   aslr-retry yes: when ThreadSanitizer dies on an unexpected memory mapping,
 *              run once more with address randomisation off for that process
 *   install    the Debian packages that provide the detector
 *   note       a line that `racecard bless` puts under the title of every new
 *              expected file, for what a reader of any of them must know
 */
#ifndef RACECARD_DETECTOR_H
#define RACECARD_DETECTOR_H

#include "text.h"

typedef struct det_def {
    char *path;
    char *name, *summary, *flavour, *compiler, *cflags, *ldflags;
    char *cxx, *cxxflags; /* NULL when the definition builds no C++ */
    char *parser, *install, *note, *expected, *build;
    char *catalog;   /* "no": builds none of racecard's own cases; NULL: "yes" */
    char *suites;    /* the foreign suites whose programs it builds ("drb"), or NULL */
    text_list run;   /* words; may contain {exe} */
    text_list convert; /* words; may contain {log}; empty when none */
    text_list version; /* words: the command that prints the tool's version */
    text_list env;   /* NAME=VALUE */
    unsigned timeout;
    int race_exit;   /* -1 when the detector has none */
    int aslr_retry;
} det_def;

/*
 * Reads a definition file.  Returns 0, or RC_EXIT_INPUT with "PATH:LINE:
 * what" in err for a missing file, an unknown or repeated key, a missing
 * required key (name, flavour, compiler, run, parser) or a bad value.
 */
int det_load(const char *path, det_def *d, text_buf *err);

/*
 * Loads DIR/NAME.det.  Returns RC_EXIT_DETECTOR (with the known names in
 * err) when there is no such definition, else as det_load.
 */
int det_find(const char *dir, const char *name, det_def *d, text_buf *err);

/* Appends the names of the definitions in dir, sorted. */
void det_list(const char *dir, text_list *names);

void det_free(det_def *d);

/* The values of the placeholders; a NULL one is left as written. */
typedef struct det_vars {
    const char *exe, *log, *source, *blind, *case_id, *srcdir;
} det_vars;

/* The run vector with {exe} and {detdir} replaced; NULL-terminated, free
 * with det_argv_free. */
char **det_argv(const det_def *d, const char *exe);
/* The run vector with every placeholder of v replaced. */
char **det_argv_vars(const det_def *d, const det_vars *v);
/* False for a detector that reads source and builds nothing (build = none). */
int det_builds(const det_def *d);
/* Whether it runs racecard's own cases (catalog), and suite `name`'s programs. */
int det_runs_catalog(const det_def *d);
int det_runs_suite(const det_def *d, const char *name);

/* The version vector with {detdir} replaced, or NULL when there is none. */
char **det_version_argv(const det_def *d);

/* The convert vector with {log}, {exe} and {detdir} replaced, or NULL when
 * the definition has none. */
char **det_convert_argv(const det_def *d, const char *exe, const char *log);
char **det_convert_argv_vars(const det_def *d, const det_vars *v);

/* The name of the detector whose expected files check d, or NULL for none. */
const char *det_expected_name(const det_def *d);
void det_argv_free(char **argv);

/*
 * Decides whether the detector can run here.  Returns 1 when it can, else 0
 * with a sentence in why naming what is missing and the packages to
 * install.  build_dir holds flavours/FLAVOUR.status, written by CMake after
 * it tried the flavour's compiler; the run command's program must be on PATH.
 */
int det_available(const det_def *d, const char *build_dir, text_buf *why);

/*
 * The same for the C++ cases: the detector must be available, define cxx,
 * and CMake's probe of that compiler (flavours/FLAVOUR.cxx.status) must
 * have built a threaded C++ program.
 */
int det_available_cxx(const det_def *d, const char *build_dir, text_buf *why);

#endif
