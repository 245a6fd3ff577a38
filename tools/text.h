/*
 * text.h - the small string and line tools every other racecard module uses.
 *
 * Logs can be huge, can end mid-line and can carry CRLF endings, so lines are
 * read one at a time into a growing buffer and handed out without the line
 * terminator.  Allocation failure is fatal: racecard is a command-line tool and
 * has nothing useful to do without memory.
 */
#ifndef RACECARD_TEXT_H
#define RACECARD_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Allocation wrappers: never return NULL (they exit with status 70). */
void *text_alloc(size_t n);
void *text_realloc(void *p, size_t n);
char *text_dup(const char *s);
char *text_ndup(const char *s, size_t n);

/* A growable NUL-terminated string. */
typedef struct text_buf {
    char *s;
    size_t len, cap;
} text_buf;

void text_buf_init(text_buf *b);
void text_buf_free(text_buf *b);
void text_buf_clear(text_buf *b);
void text_buf_add(text_buf *b, const char *s, size_t n);
void text_buf_adds(text_buf *b, const char *s);
void text_buf_printf(text_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A streaming line reader. */
typedef struct text_reader {
    FILE *f;
    text_buf line;
    unsigned long lineno;   /* number of the line last returned, from 1 */
    int ended_without_newline;
} text_reader;

void text_reader_init(text_reader *r, FILE *f);
void text_reader_free(text_reader *r);
/*
 * Reads the next line into r->line (terminator removed, a trailing '\r'
 * removed too, so CRLF logs read like LF ones).  Returns a pointer to the
 * line, valid until the next call, or NULL at end of file or on a read error
 * (ferror(r->f) tells which).  NUL bytes inside a line are replaced by '?'
 * so the rest of the line is not silently lost to C string functions.
 */
const char *text_reader_next(text_reader *r);

/* A list of owned strings. */
typedef struct text_list {
    char **v;
    size_t n, cap;
} text_list;

void text_list_init(text_list *l);
void text_list_free(text_list *l);
void text_list_push(text_list *l, char *owned);
/* Sorts l->v[from..] by strcmp (directory listings come in no order). */
void text_list_sort(text_list *l, size_t from);
/*
 * Splits s into whitespace-separated words, appended to out.  No quoting and
 * no expansion: definition files name argument vectors, never shell text.
 */
void text_split_words(const char *s, text_list *out);

/* Helpers over plain C strings. */
int text_starts_with(const char *s, const char *prefix);
int text_ends_with(const char *s, const char *suffix);
const char *text_skip_space(const char *s);
/* Returns a copy of s with leading and trailing white space removed. */
char *text_trim_dup(const char *s);
/* The part of a path after its last '/'. */
const char *text_basename(const char *path);
/*
 * Parses a whole decimal number in [0, max]; returns 0 on success, -1 if s is
 * empty, not all digits, or out of range.
 */
int text_parse_ulong(const char *s, unsigned long max, unsigned long *out);

#endif
