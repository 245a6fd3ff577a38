/*
 * fuzz_case.c - fuzz target for case files: the input is written to fuzz.c
 * (case_load reads a path, and the header's name must match the file's, so
 * the name is fixed and a dictionary or seed can get past that check), read,
 * and when it is a valid case its ground truth is derived; the truth must
 * read back as canonical findings, as `racecard truth` prints it.
 *
 * The truth of a tag on n lines is its n(n-1)/2 pairs, by the case format's
 * own rule; a 64 KiB input of one tag would take minutes and gigabytes to
 * spell out under the sanitizers, which is the format's arithmetic, not a
 * bug.  So the truth is derived only for cases of at most FUZZ_CASE_MARKERS
 * markers (the catalog's largest has a handful); reading the file is fuzzed
 * at any size.
 */
#include "casefile.h"
#include "fuzz.h"

#include <stdio.h>

#define FUZZ_CASE_MARKERS 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("fuzz.c", data, size);
    case_info c;
    text_buf err;
    text_buf_init(&err);
    if (case_load(path, &c, &err) == 0 && c.nmarkers <= FUZZ_CASE_MARKERS) {
        finding_list t;
        finding_list_init(&t);
        case_truth(&c, &t);
        fuzz_check_findings(&t, "case truth");
        case_has_flag(&c, "undetected");
        finding_list_free(&t);
    }
    case_free(&c);
    text_buf_free(&err);
    return 0;
}
