/*
 * lines_bench - the floor under `racecard parse`: how long racecard's own
 * line reader (text_reader, tools/text.c) takes to hand out every line of
 * a log, with the same watches the parse stage sets, and nothing done with
 * the lines.
 *
 * usage: lines_bench LOG
 *
 * Prints the number of lines read.  ci/bench-parse times it beside grep
 * and `racecard parse` on the same log: a parser that must look at every
 * line (a log read with every detector's reader, as a Valgrind log is)
 * cannot be faster than this, whereas `grep -c WORD` never splits a log
 * into lines at all.  The gap between this and parse is what the readers
 * of the detectors cost; the gap between grep and this is the price of
 * reading a line at a time.
 *
 * Exit status: 0, or 2 on bad usage or a file that cannot be read.
 */
#include "parse.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: lines_bench LOG\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "lines_bench: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    text_reader rd;
    text_reader_init(&rd, f);
    /* as parse_stream_own watches a log read by every detector's reader */
    parse_watch(&rd, PARSE_ANY);
    unsigned long marked = 0;
    while (text_reader_next(&rd))
        marked += (unsigned long)rd.marked + (unsigned long)rd.byte_marked;
    int failed = text_reader_failed(&rd);
    /* the marks are printed so the compiler cannot leave their work out */
    printf("%lu lines, %lu marks\n", rd.lineno, marked);
    text_reader_free(&rd);
    fclose(f);
    if (failed) {
        fprintf(stderr, "lines_bench: %s: read error\n", argv[1]);
        return 2;
    }
    return 0;
}
