/*
 * unit_text.c - the line reader and word splitter: CRLF, NUL bytes, a last
 * line without newline and a very long line must all come through intact.
 */
#include "text.h"
#include "unit.h"

#include <stdlib.h>

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

static void test_words(void)
{
    text_list w;
    text_list_init(&w);
    text_split_words("  valgrind --tool=drd\t{exe}  ", &w);
    UNIT_CHECK(w.n == 3);
    UNIT_STREQ(w.v[0], "valgrind");
    UNIT_STREQ(w.v[2], "{exe}");
    text_list_free(&w);
    unsigned long v = 0;
    UNIT_CHECK(text_parse_ulong("42", 100, &v) == 0 && v == 42);
    UNIT_CHECK(text_parse_ulong("101", 100, &v) != 0);
    UNIT_CHECK(text_parse_ulong("4x", 100, &v) != 0);
    UNIT_CHECK(text_parse_ulong("", 100, &v) != 0);
    UNIT_STREQ(text_basename("/a/b/c.c"), "c.c");
}

int main(void)
{
    test_reader();
    test_long_line();
    test_words();
    return unit_finish("unit_text");
}
