/*
 * export_svcomp.h - the catalog as verification tasks of SV-COMP, the
 * competition on software verification, for the software verifiers that
 * take part in its NoDataRace category and for BenchExec, which runs them.
 *
 * A task there is a task-definition file (YAML, format version 2.0) that
 * names the program, the files it needs, and each property to check with
 * its expected verdict; the data-race property is a file whose one formula
 * says that no execution from main reaches a data race.  racecard writes,
 * into one directory:
 *
 *   ID.c                        the case's blind copy (blind.h), the input
 *   ID.yml                      its task definition: expected_verdict true
 *                               for a race-free case, false for a racy one
 *   turn.h, ...                 the support headers, blind, beside the copies
 *   properties/no-data-race.prp the property
 *   racecard-map.txt            "ID NAME" per task, for the benchmarker
 *
 * The program is the blind copy so that a verifier reading it reads no
 * label; the verdict is where the format puts it, in the .yml, which
 * BenchExec never hands to the tool.  SV-COMP's tasks are C: C++ cases are
 * skipped, each with its reason.  docs/export.md, "SV-COMP tasks".
 */
#ifndef RACECARD_EXPORT_SVCOMP_H
#define RACECARD_EXPORT_SVCOMP_H

#include "job.h"

#include <stdio.h>

/* Where the task files point for the property, relative to dir. */
#define EXPORT_SVCOMP_PROPERTY "properties/no-data-race.prp"
#define EXPORT_SVCOMP_MAP "racecard-map.txt"

/*
 * Writes the tasks of every C case of cat (read and valid) into dir, and
 * says on note how many were written and which cases were skipped and why.
 * Returns 0, or RC_EXIT_INPUT (a case or support header cannot be read) or
 * RC_EXIT_OUTPUT (dir cannot be written) with the reason in err.
 */
int export_svcomp_write(const char *source_dir, const job_catalog *cat, const char *dir,
                        FILE *note, text_buf *err);

#endif
