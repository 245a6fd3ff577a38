/*
 * lines_bench - the floor under `racecard parse`: how long racecard's own
 * line reader (text_reader, tools/text.c) takes to hand out every line of
 * a log, with the same watches the parse stage sets, and nothing done with
 * the lines.
 *
 * usage: lines_bench [--bare | --sort] LOG
 *
 * Prints the number of lines read.  ci/bench-parse times it beside grep
 * and `racecard parse` on the same log: a parser that must look at every
 * line (a log read with every detector's reader, as a Valgrind log is)
 * cannot be faster than this, whereas `grep -c WORD` never splits a log
 * into lines at all.  The gap between this and parse is what the readers
 * of the detectors cost; the gap between grep and this is the price of
 * reading a line at a time.
 *
 * With --bare the lines are only counted, found by a memchr each in blocks
 * read with read(2) as racecard's reader reads them: no watch, no NUL
 * written, no line handed out.  That is the floor under any reader that
 * splits a log with the C library, racecard's or another.
 *
 * With --sort every line the reader hands out is also sorted by the parse
 * stage's own tests (parse_vg_prefix, parse_vg_frame_text) into a Valgrind
 * frame, an empty Valgrind line, another Valgrind line, or a line without
 * the prefix, and only counted: no state, no report.  It prints how many
 * of each, which is what a Valgrind log is made of, and its time is the
 * least any reader of such a log spends before it reads a report.
 *
 * Exit status: 0, or 2 on bad usage or a file that cannot be read.
 */
#include "parse.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The lines of fd, found by a memchr each in 128 KiB blocks (the size of
 * text_reader's).  Only counted, so a line cut by a block's end needs no
 * move: it is one line more if the file ends before its newline.  Returns
 * the number of lines, or -1 on a read error (errno says which). */
static long lines_bare(int fd)
{
    static char buf[128 * 1024];
    long lines = 0;
    int partial = 0;   /* bytes after the last newline so far */
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return lines + partial;
        const char *p = buf, *end = buf + n;
        for (const char *nl; (nl = memchr(p, '\n', (size_t)(end - p))) != NULL; p = nl + 1)
            lines++;
        if (p < end)
            partial = 1;
        else if (p > buf)
            partial = 0;
    }
}

/* What --sort counts, one slot per kind of line. */
enum { SORT_FRAME, SORT_BLANK, SORT_OTHER, SORT_NOT_VG, SORT_KINDS };

static int sort_line(const char *line)
{
    unsigned long pid;
    const char *t = parse_vg_prefix(line, &pid);
    if (!t)
        return SORT_NOT_VG;
    /* the white space is skipped once, as parse_vg_line does */
    const char *u = text_skip_space(t);
    if (*u == '\0')
        return SORT_BLANK;
    return parse_vg_frame_text(u) ? SORT_FRAME : SORT_OTHER;
}

int main(int argc, char **argv)
{
    int bare = argc == 3 && strcmp(argv[1], "--bare") == 0;
    int sort = argc == 3 && strcmp(argv[1], "--sort") == 0;
    if (argc != 2 + (bare || sort) || argv[argc - 1][0] == '-') {
        fprintf(stderr, "usage: lines_bench [--bare | --sort] LOG\n");
        return 2;
    }
    const char *path = argv[argc - 1];
    if (bare) {
        int fd = open(path, O_RDONLY);
        long n = fd < 0 ? -1 : lines_bare(fd);
        if (n < 0) {
            fprintf(stderr, "lines_bench: %s: %s\n", path, strerror(errno));
            return 2;
        }
        close(fd);
        printf("%ld lines\n", n);
        return 0;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "lines_bench: %s: %s\n", path, strerror(errno));
        return 2;
    }
    text_reader rd;
    text_reader_init(&rd, f);
    /* as parse_stream_own watches a log read by every detector's reader */
    parse_watch(&rd, PARSE_ANY);
    unsigned long marked = 0, sorted[SORT_KINDS] = {0};
    for (const char *line; (line = text_reader_next(&rd)) != NULL;) {
        marked += (unsigned long)rd.marked + (unsigned long)rd.byte_marked;
        if (sort)
            sorted[sort_line(line)]++;
    }
    int failed = text_reader_failed(&rd);
    if (sort)
        printf("%lu lines: %lu Valgrind frames, %lu empty Valgrind lines, %lu other Valgrind "
               "lines, %lu without the prefix\n", rd.lineno, sorted[SORT_FRAME],
               sorted[SORT_BLANK], sorted[SORT_OTHER], sorted[SORT_NOT_VG]);
    else   /* the marks are printed so the compiler cannot leave their work out */
        printf("%lu lines, %lu marks\n", rd.lineno, marked);
    text_reader_free(&rd);
    fclose(f);
    if (failed) {
        fprintf(stderr, "lines_bench: %s: read error\n", path);
        return 2;
    }
    return 0;
}
