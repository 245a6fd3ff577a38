/*
 * fuzz_detector.c - fuzz target for detector definitions (det_load): the
 * input is written to fuzz.det (the name key must match the file's), read,
 * and a definition that loads has its run and convert vectors expanded, as
 * the runner does before every run.
 */
#include "detector.h"
#include "fuzz.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("fuzz.det", data, size);
    det_def d;
    text_buf err;
    text_buf_init(&err);
    if (det_load(path, &d, &err) == 0) {
        char **argv = det_argv(&d, "/bin/case");
        if (!argv[0])
            abort(); /* det_load promised a run vector */
        det_argv_free(argv);
        det_argv_free(det_convert_argv(&d, "/bin/case", "/tmp/case.log"));
        det_expected_name(&d);
    }
    det_free(&d);
    text_buf_free(&err);
    return 0;
}
