/*
 * fuzz_parse.c - fuzz target for the parse stage: the input is a log as one
 * detector's reader sees it.  FUZZ_PARSE_TOOL ("tsan", "helgrind", "drd",
 * "canonical" or "any") picks the reader at compile time, so each reader
 * gets a target and a corpus of its own logs, and a crash names the reader.
 *
 * The findings are normalised, as `racecard parse` does, and must read back
 * as themselves: what parse prints becomes an expected file.
 */
#include "fuzz.h"
#include "parse.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef FUZZ_PARSE_TOOL
#error "FUZZ_PARSE_TOOL must name the reader (tsan, helgrind, drd, canonical, any)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_tool tool;
    if (parse_tool_from_name(FUZZ_PARSE_TOOL, &tool) != 0)
        abort();
    /* fmemopen refuses an empty buffer; an empty log is read from one byte
     * of nothing instead. */
    static const uint8_t nothing[1];
    FILE *f = fmemopen((void *)(size ? data : nothing), size ? size : 1, "r");
    if (!f)
        abort();
    if (!size)
        fgetc(f);
    parse_result r;
    parse_result_init(&r);
    parse_stream(f, "fuzz.log", tool, &r);
    fclose(f);
    finding_list_normalize(&r.findings);
    fuzz_check_findings(&r.findings, "parse " FUZZ_PARSE_TOOL);
    parse_result_free(&r);
    return 0;
}
