/*
 * fuzz_finding.c - fuzz target for canonical finding lines
 * (finding_parse_line): each line of the input is read as one finding, and
 * every finding read must print as a line that reads back as itself.  Each
 * line is also made into an other:<slug> kind, which must be a valid kind,
 * since the parsers build kinds from titles that way.
 */
#include "finding.h"
#include "fuzz.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    finding_list l;
    finding_list_init(&l);
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *line = text_ndup(p, n);
        char err[200];
        finding_parse_line(line, &l, err, sizeof err);
        char *kind = finding_other_kind(line);
        if (!finding_kind_valid(kind))
            abort();
        free(kind);
        free(line);
        p += n + 1;
    }
    fuzz_check_findings(&l, "finding line");
    finding_list_normalize(&l);
    fuzz_check_findings(&l, "normalised finding line");
    finding_list_free(&l);
    return 0;
}
