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

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Allocation wrappers: never return NULL (they exit with RC_EXIT_INTERNAL). */
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
/* The same with a va_list, which is left untouched (it is copied). */
void text_buf_vprintf(text_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/*
 * The one way a loader reports what is wrong with a file: clears err, writes
 * "PATH:LINE: " ("PATH: " when line is 0, for what concerns the whole
 * file), then the formatted message, and returns code, so a caller can say
 * `return text_fail(err, RC_EXIT_INPUT, path, n, "...", ...)`.  One builder
 * keeps every such message in the shape editors and CI logs link to a line.
 */
int text_fail(text_buf *err, int code, const char *path, unsigned long line,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * A streaming line reader.  It reads the file in large blocks and hands out
 * lines in place, so the bulk of a log costs a memchr per line and no copy:
 * that is most of the parse stage's speed on a large log.  A line longer
 * than the buffer grows it; the scan for its end resumes where it stopped,
 * so a 10 MB line costs linear time.
 */
typedef struct text_reader {
    FILE *f;
    int fd;                 /* fileno(f), or -1 for a stream without one */
    char *buf;
    size_t cap;             /* bytes allocated; one is kept for a final NUL */
    size_t start, end;      /* the unread bytes are buf[start, end) */
    size_t scanned;         /* buf[start, scanned) holds no newline */
    int at_eof, failed;
    unsigned long lineno;   /* number of the line last returned, from 1 */
    size_t len;             /* and its length */
    int ended_without_newline;
    /* text_reader_watch: the needle, and what a search of buf found: the
       first occurrence wholly inside buf[look_from, look_to) is at look_at,
       or there is none when look_at is SIZE_MAX */
    const char *needle;
    size_t needle_len, look_from, look_to, look_at;
    size_t anchor;          /* index of the needle's byte that memchr looks
                               for: the one rarest in the first block read */
    int anchor_chosen;
    int marked;             /* the line last returned holds the needle, */
    const char *mark;       /* first here (NULL when it does not), */
    int marked_again;       /* and more than once */
    /* text_reader_watch_byte: the byte (-1: none), and where buf holds it
       first at or after byte_from (SIZE_MAX: nowhere before byte_to) */
    int byte;
    size_t byte_from, byte_to, byte_at;
    int byte_marked;        /* the line last returned holds the byte */
} text_reader;

/*
 * Starts reading f.  When f has a file descriptor the reader reads it with
 * read(2), so a pipe's lines come out as they arrive rather than when a
 * block fills: nothing may have been read from f before, and f must not be
 * read from while the reader is in use.  A stream without a descriptor (a
 * memory stream) is read with fread.
 */
void text_reader_init(text_reader *r, FILE *f);
void text_reader_free(text_reader *r);
/*
 * Returns the next line, terminator removed (a trailing '\r' removed too, so
 * CRLF logs read like LF ones), valid until the next call; or NULL at end of
 * file or after a read error (text_reader_failed tells which).  The line may
 * be changed in place by the caller, up to its NUL.  NUL bytes inside a line
 * are replaced by '?' so the rest of the line is not silently lost to C
 * string functions.
 */
char *text_reader_next(text_reader *r);
/* True once a read of the file failed; the lines before it were returned. */
int text_reader_failed(const text_reader *r);
/*
 * From now on, sets r->marked with every line: whether the line holds
 * needle (a non-empty string without '\n' or '\r' that outlives the
 * reader); r->mark, where in the line it first is; and r->marked_again,
 * whether it is there more than once.  The search runs over the buffer,
 * not line by line, so a needle that few lines hold costs about one search
 * per block: the parse stage watches for "ThreadSanitizer" this way instead
 * of searching every line.
 */
void text_reader_watch(text_reader *r, const char *needle);
/*
 * The same for one byte, besides the needle: from now on sets
 * r->byte_marked with every line, whether the line holds byte b (not '\n').
 * A memchr finds each occurrence once, so a byte few lines hold costs about
 * a comparison per line: the parse stage so looks for the apostrophe that
 * Valgrind's fatal messages hold, in every line of a Valgrind log.
 */
void text_reader_watch_byte(text_reader *r, char b);
/*
 * Skips the lines that do not hold the watched needle, up to the next that
 * does (which text_reader_next then returns) or the end of the file.  The
 * skipped lines are counted in r->lineno as if read.  A reader with nothing
 * to do until the needle comes back (the parse stage outside a report) so
 * costs a search and a newline count per block instead of a call per line.
 * Only after text_reader_watch.
 */
void text_reader_skip_unmarked(text_reader *r);

/*
 * A hash of n bytes, continuing from h (start with 0), for hash tables: two
 * lanes of eight bytes a step, so hashing a 150-byte stack frame costs a few
 * dozen cycles.  Not for anything adversarial, nor to be kept: it may change
 * from one release to the next.
 */
size_t text_hash(size_t h, const void *p, size_t n);

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

/*
 * Helpers over plain C strings.  The first four are inline: the parse
 * stage asks them of nearly every line of a log, most answers are settled
 * at the first byte, and a call would cost more than the answer.
 */

/* isspace() in the "C" locale, the only one racecard runs in (it never
   calls setlocale), without the call for the locale's table. */
static inline int text_is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* True when s begins with prefix; one pass, stopping at the first
   difference. */
static inline int text_starts_with(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (*s != *prefix)
            return 0;
    return 1;
}

/* s after its leading white space. */
static inline const char *text_skip_space(const char *s)
{
    while (text_is_space(*s))
        s++;
    return s;
}

/* As text_starts_with, ignoring ASCII case ("Atomic write" and "atomic write"). */
static inline int text_starts_with_ci(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        char a = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        char b = *prefix >= 'A' && *prefix <= 'Z' ? (char)(*prefix - 'A' + 'a') : *prefix;
        if (a != b)
            return 0;
    }
    return 1;
}
int text_ends_with(const char *s, const char *suffix);
/* Returns a copy of s with leading and trailing white space removed. */
char *text_trim_dup(const char *s);
/* The part of a path after its last '/'. */
const char *text_basename(const char *path);
/* Creates the directories leading to path (mkdir -p of its parent).
   Returns 0, or -1 with errno set (ENOTDIR when a file is in the way). */
int text_make_parent_dir(const char *path);
/* The whole of a (small) file, NUL-terminated ("" for an empty one), its
   length in *len (may be NULL; the file may hold NUL bytes); NULL with
   errno set when it cannot be opened or read.  Free it. */
char *text_read_file(const char *path, size_t *len);
/*
 * Parses a whole decimal number in [0, max]; returns 0 on success, -1 if s is
 * empty, not all digits, or out of range.
 */
int text_parse_ulong(const char *s, unsigned long max, unsigned long *out);

#endif
