/*
 * fuzz.h - what racecard's fuzz targets share: the libFuzzer entry point,
 * a file to hand readers that want a path, and the check that findings
 * read back as themselves.
 *
 * Every target is also built without libFuzzer, with replay.c as its main,
 * so the inputs that once broke a reader are replayed by CTest in every
 * build (and under the sanitizers in the asan one).
 */
#ifndef RACECARD_FUZZ_H
#define RACECARD_FUZZ_H

#include "finding.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Writes data to NAME in a directory of this process's own and returns the
 * path (valid until the next call).  Readers that take a path (cases,
 * expected files, definitions) check the file name against the content, so
 * the name is fixed and chosen by the target.  The directory and the file
 * go when the process exits normally.
 */
const char *fuzz_file(const char *name, const uint8_t *data, size_t size);

/*
 * Every finding racecard prints must be one the canonical reader accepts
 * and reads back to the same kind, locations and keys: parse output becomes
 * expected files, and truth is compared with it.  Aborts (a crash to the
 * fuzzer) with the offending line when that does not hold.
 */
void fuzz_check_findings(const finding_list *l, const char *what);

#endif
