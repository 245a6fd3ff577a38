/*
 * fuzz_expected.c - fuzz target for expected files (check_load): the input
 * is written to a file and read; a file that loads is then held to a truth
 * made of its own "missing" lines and compared with itself, the two things
 * racecard does with every expected file it reads.
 */
#include "check.h"
#include "fuzz.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("expected", data, size);
    check_expected e;
    check_expected_init(&e);
    text_buf err;
    text_buf_init(&err);
    if (check_load(path, &e, &err) == 0) {
        if (e.reasons.n != e.findings.n || e.missing_reasons.n != e.missing.n)
            abort(); /* a reason per finding is the contract check.h states */
        fuzz_check_findings(&e.findings, "expected findings");
        fuzz_check_findings(&e.missing, "expected missing");
        finding_list truth;
        finding_list_init(&truth);
        for (size_t i = 0; i < e.missing.n; i++)
            finding_add(&truth, e.missing.v[i].kind, e.missing.v[i].loc[0],
                        e.missing.v[i].loc[1], NULL);
        finding_list_normalize(&truth);
        check_against_truth(&e, &truth, &err);
        finding_list sorted;
        finding_list_init(&sorted);
        for (size_t i = 0; i < e.findings.n; i++)
            finding_add(&sorted, e.findings.v[i].kind, e.findings.v[i].loc[0],
                        e.findings.v[i].loc[1], NULL);
        finding_list_normalize(&sorted);
        if (check_compare(&sorted, &sorted, NULL) != 0)
            abort(); /* a list differs from itself */
        finding_list_free(&sorted);
        finding_list_free(&truth);
    }
    check_expected_free(&e);
    text_buf_free(&err);
    return 0;
}
