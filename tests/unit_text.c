/*
 * unit_text.c - the line reader and word splitter: CRLF, NUL bytes, a last
 * line without newline and a very long line must all come through intact,
 * whichever way the reader's blocks happen to cut the file, from a file, a
 * memory stream or a pipe.  And text_fail, the one builder of "PATH:LINE:
 * what" messages.
 */
#include "text.h"
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *unit_file(const char *bytes, size_t n)
{
    FILE *f = tmpfile();
    fwrite(bytes, 1, n, f);
    rewind(f);
    return f;
}

static void test_reader(void)
{
    static const char data[] = "one\r\ntwo\n\nth\0ree\nlast";
    FILE *f = unit_file(data, sizeof data - 1);
    text_reader r;
    text_reader_init(&r, f);
    UNIT_STREQ(text_reader_next(&r), "one");
    UNIT_STREQ(text_reader_next(&r), "two");
    UNIT_STREQ(text_reader_next(&r), "");
    UNIT_STREQ(text_reader_next(&r), "th?ree");
    UNIT_STREQ(text_reader_next(&r), "last");
    UNIT_CHECK(r.lineno == 5);
    UNIT_CHECK(r.ended_without_newline);
    UNIT_CHECK(text_reader_next(&r) == NULL);
    text_reader_free(&r);
    fclose(f);
}

static void test_long_line(void)
{
    size_t n = 10u << 20;   /* a 10 MB line, then an ordinary one */
    char *big = malloc(n + 6);
    memset(big, 'x', n);
    memcpy(big + n, "\nnext\n", 6);
    FILE *f = unit_file(big, n + 6);
    text_reader r;
    text_reader_init(&r, f);
    const char *line = text_reader_next(&r);
    UNIT_CHECK(line && strlen(line) == n);
    UNIT_STREQ(text_reader_next(&r), "next");
    UNIT_CHECK(r.lineno == 2);
    text_reader_free(&r);
    fclose(f);
    free(big);
}

/* Lines of every length from 0 to 1200 (720 KB), as one file: whatever the
 * block size, some lines straddle two blocks, and each must come back whole. */
static void test_block_edges(void)
{
    text_buf all;
    text_buf_init(&all);
    for (size_t len = 0; len <= 1200; len++) {
        for (size_t i = 0; i < len; i++)
            text_buf_add(&all, &"abcdefghij"[(len + i) % 10], 1);
        text_buf_add(&all, "\n", 1);
    }
    FILE *f = unit_file(all.s, all.len);
    text_reader r;
    text_reader_init(&r, f);
    size_t bad = 0, n = 0;
    char *line;
    while ((line = text_reader_next(&r)) != NULL) {
        size_t len = n++;
        int ok = strlen(line) == len;
        for (size_t i = 0; ok && i < len; i++)
            ok = line[i] == "abcdefghij"[(len + i) % 10];
        bad += !ok;
    }
    UNIT_CHECK(n == 1201 && bad == 0 && !text_reader_failed(&r));
    UNIT_CHECK(!r.ended_without_newline);
    text_reader_free(&r);
    fclose(f);
    text_buf_free(&all);
}

/* A memory stream has no descriptor: the reader goes through fread. */
static void test_memory_stream(void)
{
    static char data[] = "alpha\nbeta";
    FILE *f = fmemopen(data, sizeof data - 1, "r");
    if (!UNIT_HOLDS(f != NULL))
        return;
    text_reader r;
    text_reader_init(&r, f);
    UNIT_STREQ(text_reader_next(&r), "alpha");
    UNIT_STREQ(text_reader_next(&r), "beta");
    UNIT_CHECK(text_reader_next(&r) == NULL && !text_reader_failed(&r));
    text_reader_free(&r);
    fclose(f);
}

/* `tail -f log | racecard explain` must see a line as soon as it is written,
 * not when a block fills: the writer keeps the pipe open while we read. */
static void test_pipe_streams(void)
{
    int fds[2];
    if (!UNIT_HOLDS(pipe(fds) == 0))
        return;
    UNIT_CHECK(write(fds[1], "first\n", 6) == 6);
    FILE *f = fdopen(fds[0], "r");
    text_reader r;
    text_reader_init(&r, f);
    UNIT_STREQ(text_reader_next(&r), "first");
    UNIT_CHECK(write(fds[1], "second", 6) == 6);
    close(fds[1]);
    UNIT_STREQ(text_reader_next(&r), "second");
    UNIT_CHECK(text_reader_next(&r) == NULL && !text_reader_failed(&r));
    text_reader_free(&r);
    fclose(f);
}

/* A read that fails (a directory) ends the lines and says so. */
static void test_read_error(void)
{
    int fd = open(".", O_RDONLY | O_DIRECTORY);
    if (!UNIT_HOLDS(fd >= 0))
        return;
    FILE *f = fdopen(fd, "r");
    if (!UNIT_HOLDS(f != NULL)) {
        close(fd);
        return;
    }
    text_reader r;
    text_reader_init(&r, f);
    UNIT_CHECK(text_reader_next(&r) == NULL);
    UNIT_CHECK(text_reader_failed(&r));
    text_reader_free(&r);
    fclose(f);
}

/* The watched needle marks exactly the lines strstr would find it in, with
 * lines and occurrences cut across blocks, half needles ending a line, and
 * a last line without a newline. */
static void test_watch(void)
{
    text_buf all;
    text_buf_init(&all);
    size_t want = 1;   /* the last line */
    for (size_t i = 0; i < 30000; i++) {
        want += i % 7 == 0 || i % 7 == 2;
        size_t pad = (i * 37) % 90;
        for (size_t k = 0; k < pad; k++)
            text_buf_add(&all, "x", 1);
        if (i % 7 == 0)
            text_buf_adds(&all, "ThreadSanitizer");
        else if (i % 7 == 1)
            text_buf_adds(&all, "ThreadSanitize");   /* the rest starts the next line */
        else if (i % 7 == 2)
            text_buf_adds(&all, "r ThreadSanitizer\r");
        text_buf_add(&all, "\n", 1);
    }
    text_buf_adds(&all, "end ThreadSanitizer");
    FILE *f = unit_file(all.s, all.len);
    text_reader r;
    text_reader_init(&r, f);
    text_reader_watch(&r, "ThreadSanitizer");
    size_t lines = 0, marked = 0, wrong = 0;
    char *line;
    while ((line = text_reader_next(&r)) != NULL) {
        lines++;
        marked += (size_t)r.marked;
        wrong += (size_t)((strstr(line, "ThreadSanitizer") != NULL) != r.marked);
    }
    UNIT_CHECK(lines == 30001 && wrong == 0);
    UNIT_CHECK(marked == want);
    text_reader_free(&r);
    fclose(f);
    text_buf_free(&all);
}

/* A needle that few lines hold: blocks without it must not hide it in the
 * lines that come after the buffer is refilled. */
static void test_watch_sparse(void)
{
    text_buf all;
    text_buf_init(&all);
    size_t want = 0;
    for (size_t i = 0; i < 20000; i++) {
        text_buf_adds(&all, i % 3001 == 3000 ? "a ThreadSanitizer line\n"
                                             : "an ordinary line of program output, nothing more\n");
        want += i % 3001 == 3000;
    }
    FILE *f = unit_file(all.s, all.len);
    text_reader r;
    text_reader_init(&r, f);
    text_reader_watch(&r, "ThreadSanitizer");
    size_t marked = 0, wrong = 0;
    char *line;
    while ((line = text_reader_next(&r)) != NULL) {
        marked += (size_t)r.marked;
        wrong += (size_t)((strstr(line, "ThreadSanitizer") != NULL) != r.marked);
    }
    UNIT_CHECK(wrong == 0 && marked == want && want == 6);
    text_reader_free(&r);
    fclose(f);
    text_buf_free(&all);
}

/* Skipping to the next line that holds the needle: it must land on exactly
 * the lines strstr would pick, with their true line numbers, across blocks,
 * past a 2 MB line, and at a last line without a newline. */
static void test_skip_unmarked(void)
{
    text_buf all;
    text_buf_init(&all);
    text_list want;   /* "LINENO:TEXT" of every line holding the needle */
    text_list_init(&want);
    unsigned long lineno = 0;
    for (size_t i = 0; i < 40000; i++) {
        text_buf b;
        text_buf_init(&b);
        if (i == 20000) {
            for (size_t k = 0; k < (2u << 20); k++)
                text_buf_add(&b, "y", 1);
        } else {
            text_buf_printf(&b, "line %zu%s", i, i % 997 == 5 ? " ThreadSanitizer here" : "");
        }
        lineno++;
        if (strstr(b.s, "ThreadSanitizer")) {
            text_buf w;
            text_buf_init(&w);
            text_buf_printf(&w, "%lu:%s", lineno, b.s);
            text_list_push(&want, w.s);
        }
        text_buf_add(&all, b.s, b.len);
        text_buf_add(&all, "\n", 1);
        text_buf_free(&b);
    }
    text_buf_adds(&all, "last ThreadSanitizer");
    text_list_push(&want, text_dup("40001:last ThreadSanitizer"));
    FILE *f = unit_file(all.s, all.len);
    text_reader r;
    text_reader_init(&r, f);
    text_reader_watch(&r, "ThreadSanitizer");
    size_t got = 0, wrong = 0;
    for (;;) {
        text_reader_skip_unmarked(&r);
        char *line = text_reader_next(&r);
        if (!line)
            break;
        text_buf w;
        text_buf_init(&w);
        text_buf_printf(&w, "%lu:%s", r.lineno, line);
        wrong += got >= want.n || strcmp(w.s, want.v[got]) != 0 || !r.marked;
        got++;
        text_buf_free(&w);
    }
    UNIT_CHECK(got == want.n && wrong == 0);
    UNIT_CHECK(r.lineno == 40001 && r.ended_without_newline);
    text_reader_free(&r);
    fclose(f);
    /* a file whose last line lacks the needle and a newline: all skipped */
    static const char tail[] = "a\nb ThreadSanitizer\nc";
    f = unit_file(tail, sizeof tail - 1);
    text_reader_init(&r, f);
    text_reader_watch(&r, "ThreadSanitizer");
    text_reader_skip_unmarked(&r);
    UNIT_STREQ(text_reader_next(&r), "b ThreadSanitizer");
    UNIT_CHECK(r.lineno == 2);
    text_reader_skip_unmarked(&r);
    UNIT_CHECK(text_reader_next(&r) == NULL && r.lineno == 3 && r.ended_without_newline);
    text_reader_free(&r);
    fclose(f);
    text_list_free(&want);
    text_buf_free(&all);
}

static void test_words(void)
{
    text_list w;
    text_list_init(&w);
    text_split_words("  valgrind --tool=drd\t{exe}  ", &w);
    if (UNIT_HOLDS(w.n == 3)) {
        UNIT_STREQ(w.v[0], "valgrind");
        UNIT_STREQ(w.v[2], "{exe}");
    }
    text_list_free(&w);
    unsigned long v = 0;
    UNIT_CHECK(text_parse_ulong("42", 100, &v) == 0 && v == 42);
    UNIT_CHECK(text_parse_ulong("101", 100, &v) != 0);
    UNIT_CHECK(text_parse_ulong("4x", 100, &v) != 0);
    UNIT_CHECK(text_parse_ulong("", 100, &v) != 0);
    UNIT_STREQ(text_basename("/a/b/c.c"), "c.c");
}

/* text_fail: "PATH:LINE: what", or "PATH: what" for line 0; replaces what
   err held and hands back the code it was given. */
static void test_fail(void)
{
    text_buf err;
    text_buf_init(&err);
    text_buf_adds(&err, "an earlier message");
    UNIT_CHECK(text_fail(&err, 3, "cases/a.c", 12, "unknown header field '%s'", "nmae") == 3);
    UNIT_STREQ(err.s, "cases/a.c:12: unknown header field 'nmae'");
    UNIT_CHECK(err.len == strlen(err.s));
    UNIT_CHECK(text_fail(&err, 70, "x.det", 0, "cannot open: %s", "No such file") == 70);
    UNIT_STREQ(err.s, "x.det: cannot open: No such file");
    /* a message far past the buffer's first size grows it */
    char big[300];
    memset(big, 'w', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    text_fail(&err, 1, "p", 7, "%s%%", big);
    UNIT_CHECK(err.len == strlen("p:7: ") + sizeof big - 1 + 1 && err.s[err.len - 1] == '%');
    text_buf_free(&err);
}

int main(void)
{
    test_reader();
    test_long_line();
    test_block_edges();
    test_memory_stream();
    test_pipe_streams();
    test_read_error();
    test_watch();
    test_watch_sparse();
    test_skip_unmarked();
    test_words();
    test_fail();
    return unit_finish("unit_text");
}
