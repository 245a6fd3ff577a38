/*
 * runner.h - one case under one detector, from binary to normalised findings:
 * the run stage followed by the parse stage, with the outcome told apart.
 *
 * A detector's exit status alone cannot be trusted: ThreadSanitizer exits
 * with 66 both when it found races and when it could not start at all
 * ("unexpected memory mapping").  The outcome is therefore decided from the
 * process status and from what the log says, in that order.
 */
#ifndef RACECARD_RUNNER_H
#define RACECARD_RUNNER_H

#include "detector.h"
#include "finding.h"
#include "parse.h"
#include "run.h"
#include "text.h"

typedef enum runner_outcome {
    RUNNER_CLEAN,            /* ran to the end, nothing reported */
    RUNNER_REPORTS,          /* ran to the end, findings reported */
    RUNNER_CRASHED,          /* the case died of a signal */
    RUNNER_TIMEOUT,          /* killed at the time limit: deadlock or hang */
    RUNNER_DETECTOR_FAILED,  /* could not start, or the detector itself died */
    RUNNER_BAD_EXIT          /* the case exited with a status it should not */
} runner_outcome;

typedef struct runner_result {
    runner_outcome outcome;
    text_buf detail;         /* one line: why, for the failed outcomes */
    int aslr_workaround;     /* the run was repeated with ADDR_NO_RANDOMIZE */
    finding_list findings;   /* normalised */
    text_list notes;         /* from the parser */
    run_status status;
    unsigned jobs;           /* runs at a time on the machine when it ran: its
                                costs are only comparable when it ran alone (1) */
    int reused;              /* read back from the results stage (store.h),
                                made by an earlier racecard invocation */
} runner_result;

void runner_result_init(runner_result *r);
void runner_result_free(runner_result *r);

/* True for the outcomes where the run completed and findings mean something. */
int runner_completed(const runner_result *r);

/* "clean", "reports", "crashed", ...; "?" for a value that is no outcome. */
const char *runner_outcome_name(runner_outcome o);
/* The outcome runner_outcome_name calls name; 0, or -1 for no such name. */
int runner_outcome_parse(const char *name, runner_outcome *o);

/*
 * Runs detector d on one case, the placeholders of its vectors from v,
 * keeping the raw log at v->log (its directory
 * is created).  When ThreadSanitizer cannot start because of the kernel's
 * address layout (its "unexpected memory mapping" FATAL, or a death by signal
 * before anything was written) and the definition allows it, the failed log
 * is kept as LOG.first-attempt and the run is repeated once with address
 * randomisation disabled for that process.  With the program's own source
 * files known (own, may be NULL) the log is read as `parse --own` reads it,
 * so a glibc frame printed by its source file (Valgrind with glibc's debug
 * info) is never taken for the case's.  Returns 0 when r holds an outcome,
 * or RC_EXIT_INTERNAL with err set when racecard could not run anything.
 */
int runner_run(const det_def *d, const det_vars *v, const parse_own *own, runner_result *r,
               text_buf *err);

/*
 * Fills own with a case's own files: its source (case_path) and the
 * support/ folder beside it, whose headers cases include.  A support/ that
 * is missing adds nothing.
 */
void runner_case_own(const char *case_path, parse_own *own);


#endif
