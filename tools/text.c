/*
 * text.c - strings, lists, paths and a streaming line reader (see text.h).
 */
#define _GNU_SOURCE /* memrchr */
#include "text.h"
#include "exitcode.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void text_out_of_memory(void)
{
    fputs("racecard: out of memory\n", stderr);
    exit(RC_EXIT_INTERNAL);
}

void *text_alloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (!p)
        text_out_of_memory();
    return p;
}

void *text_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        text_out_of_memory();
    return q;
}

char *text_ndup(const char *s, size_t n)
{
    char *d = text_alloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *text_dup(const char *s)
{
    return text_ndup(s, strlen(s));
}

void text_buf_init(text_buf *b)
{
    b->s = NULL;
    b->len = b->cap = 0;
}

void text_buf_free(text_buf *b)
{
    free(b->s);
    text_buf_init(b);
}

static void text_buf_reserve(text_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->s = text_realloc(b->s, cap);
    b->cap = cap;
}

void text_buf_clear(text_buf *b)
{
    text_buf_reserve(b, 0);
    b->len = 0;
    b->s[0] = '\0';
}

void text_buf_add(text_buf *b, const char *s, size_t n)
{
    text_buf_reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void text_buf_adds(text_buf *b, const char *s)
{
    text_buf_add(b, s, strlen(s));
}

void text_buf_vprintf(text_buf *b, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        return;
    text_buf_reserve(b, (size_t)n);
    va_copy(aq, ap);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, aq);
    va_end(aq);
    b->len += (size_t)n;
}

void text_buf_printf(text_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    text_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

int text_fail(text_buf *err, int code, const char *path, unsigned long line,
              const char *fmt, ...)
{
    text_buf_clear(err);
    if (line)
        text_buf_printf(err, "%s:%lu: ", path, line);
    else
        text_buf_printf(err, "%s: ", path);
    va_list ap;
    va_start(ap, fmt);
    text_buf_vprintf(err, fmt, ap);
    va_end(ap);
    return code;
}

/* Large enough that a read(2) and a memchr per line are all a log costs. */
#define TEXT_READER_BLOCK (128u * 1024u)

void text_reader_init(text_reader *r, FILE *f)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->fd = fileno(f);
    r->byte = -1;
}

void text_reader_free(text_reader *r)
{
    free(r->buf);
    r->buf = NULL;
    r->cap = r->start = r->end = r->scanned = 0;
}

int text_reader_failed(const text_reader *r)
{
    return r->failed;
}

void text_reader_watch(text_reader *r, const char *needle)
{
    r->needle = needle;
    r->needle_len = strlen(needle);
    r->look_from = r->look_to = 0;
    r->look_at = SIZE_MAX;
    r->marked = r->marked_again = 0;
    r->mark = NULL;
    r->anchor_chosen = 0;
}

void text_reader_watch_byte(text_reader *r, char b)
{
    r->byte = (unsigned char)b;
    r->byte_from = r->byte_to = 0;
    r->byte_at = SIZE_MAX;
    r->byte_marked = 0;
}

/* Sets byte_marked for the line buf[from, to): from the occurrence found
 * before when it is still ahead (or none was to the end, and nothing more
 * was read), else by a memchr to the end of what was read. */
static void text_reader_mark_byte(text_reader *r, size_t from, size_t to)
{
    if (!(from >= r->byte_from &&
          (r->byte_at != SIZE_MAX ? r->byte_at >= from : r->byte_to == r->end))) {
        const char *p = memchr(r->buf + from, r->byte, r->end - from);
        r->byte_from = from;
        r->byte_to = r->end;
        r->byte_at = p ? (size_t)(p - r->buf) : SIZE_MAX;
    }
    r->byte_marked = r->byte_at < to;
}

/*
 * Chooses the needle byte to look for: the one the block at p holds least
 * often, so memchr finds few false starts (for "ThreadSanitizer" in a TSan
 * log, its 'z').
 */
static void text_reader_choose_anchor(text_reader *r, const char *p, size_t n)
{
    size_t count[256] = {0};
    for (size_t i = 0; i < n; i++)
        count[(unsigned char)p[i]]++;
    r->anchor = 0;
    for (size_t k = 1; k < r->needle_len; k++)
        if (count[(unsigned char)r->needle[k]] < count[(unsigned char)r->needle[r->anchor]])
            r->anchor = k;
    r->anchor_chosen = 1;
}

/* The first occurrence of the needle in n bytes at p, or NULL: memchr for
 * the anchor byte, then a comparison (glibc's memmem is several times
 * slower on a log). */
static const char *text_reader_search(const text_reader *r, const char *p, size_t n)
{
    size_t k = r->anchor;
    const char *end = p + n;
    for (const char *q = p + k; q < end;) {
        const char *a = memchr(q, r->needle[k], (size_t)(end - q));
        if (!a)
            return NULL;
        const char *start = a - k;
        if ((size_t)(end - start) >= r->needle_len && memcmp(start, r->needle, r->needle_len) == 0)
            return start;
        q = a + 1;
    }
    return NULL;
}

/*
 * text_reader_find when what the earlier search found does not answer:
 * searches on from where that search stopped, else from `from`, and keeps
 * what it finds.  Apart so that the answers without a search, asked for
 * every line, cost no more than their tests.
 */
static size_t __attribute__((noinline)) text_reader_find_on(text_reader *r, size_t from)
{
    size_t at = from;
    if (from >= r->look_from && r->look_at == SIZE_MAX && r->look_to >= r->needle_len &&
        r->look_to - r->needle_len + 1 > from)
        at = r->look_to - r->needle_len + 1;   /* nothing wholly before look_to */
    if (!r->anchor_chosen)
        text_reader_choose_anchor(r, r->buf + r->start, r->end - r->start);
    const char *m = at < r->end ? text_reader_search(r, r->buf + at, r->end - at) : NULL;
    r->look_from = from;
    r->look_to = r->end;
    r->look_at = m ? (size_t)(m - r->buf) : SIZE_MAX;
    return r->look_at;
}

/*
 * The first occurrence of the needle wholly inside buf[from, end), or
 * SIZE_MAX: from what an earlier search found when that answers (an
 * occurrence at or after from; or none to the end, and nothing more read
 * since, which is most lines of a log), else by searching.
 */
static inline size_t text_reader_find(text_reader *r, size_t from)
{
    if (from >= r->look_from &&
        (r->look_at != SIZE_MAX ? r->look_at >= from : r->look_to == r->end))
        return r->look_at;
    return text_reader_find_on(r, from);
}

/* Sets marked, mark and marked_again for the line buf[from, to). */
static void text_reader_mark(text_reader *r, size_t from, size_t to)
{
    size_t m = text_reader_find(r, from);
    r->marked = m != SIZE_MAX && m + r->needle_len <= to;
    r->mark = r->marked ? r->buf + m : NULL;
    r->marked_again = 0;
    if (r->marked) {
        /* the search past it is the one the next marked line would need:
           its answer is kept for that line */
        size_t next = text_reader_find(r, m + 1);
        r->marked_again = next != SIZE_MAX && next + r->needle_len <= to;
    }
}

/* The newlines in n bytes at p.  A memchr per line: glibc's is vectorised,
 * and on log lines of some dozens of bytes this beats counting a word at a
 * time in C. */
static unsigned long text_count_newlines(const char *p, size_t n)
{
    unsigned long k = 0;
    const char *end = p + n;
    for (const char *q = memchr(p, '\n', n); q; q = memchr(q + 1, '\n', (size_t)(end - q - 1)))
        k++;
    return k;
}

/*
 * Moves the unread bytes to the front and makes room for a block more,
 * growing the buffer only when a single line fills it.
 */
static void text_reader_make_room(text_reader *r)
{
    size_t unread = r->end - r->start;
    if (r->start) {
        memmove(r->buf, r->buf + r->start, unread);
        r->look_from = r->look_to = 0;   /* what was searched has moved */
        r->look_at = SIZE_MAX;
        r->byte_from = r->byte_to = 0;
        r->byte_at = SIZE_MAX;
        r->scanned -= r->start;
        r->start = 0;
        r->end = unread;
    }
    if (r->cap - r->end < TEXT_READER_BLOCK + 1) {
        size_t cap = r->cap ? r->cap : TEXT_READER_BLOCK + 1;
        while (cap - r->end < TEXT_READER_BLOCK + 1)
            cap *= 2;
        r->buf = text_realloc(r->buf, cap);
        r->cap = cap;
    }
}

/* Reads what is available (at most a block); sets at_eof or failed. */
static void text_reader_fill(text_reader *r)
{
    text_reader_make_room(r);
    char *at = r->buf + r->end;
    size_t want = r->cap - r->end - 1;
    ssize_t n;
    if (r->fd >= 0) {
        do
            n = read(r->fd, at, want);
        while (n < 0 && errno == EINTR);
    } else {
        n = (ssize_t)fread(at, 1, want, r->f);
        if (n == 0 && ferror(r->f))
            n = -1;
    }
    if (n <= 0) {
        r->at_eof = 1;
        r->failed = n < 0;
        return;
    }
    /* A NUL would cut a line short for every string function downstream. */
    for (char *z = memchr(at, '\0', (size_t)n); z; z = memchr(z, '\0', (size_t)(at + n - z)))
        *z++ = '?';
    r->end += (size_t)n;
}

/* The next newline after what is in the buffer, reading more until one
 * comes or the file ends (then NULL). */
static char *__attribute__((noinline)) text_reader_more(text_reader *r)
{
    while (!r->at_eof) {
        r->scanned = r->end;
        text_reader_fill(r);
        char *nl = memchr(r->buf + r->scanned, '\n', r->end - r->scanned);
        if (nl)
            return nl;
    }
    return NULL;
}

char *text_reader_next(text_reader *r)
{
    char *nl = r->buf ? memchr(r->buf + r->scanned, '\n', r->end - r->scanned) : NULL;
    if (!nl)
        nl = text_reader_more(r);
    if (!nl && r->start == r->end)
        return NULL;
    char *line = r->buf + r->start;
    size_t len;
    if (nl) {
        len = (size_t)(nl - line);
        r->start += len + 1;
    } else {
        /* the last line has no newline; the spare byte holds its NUL */
        len = r->end - r->start;
        r->start = r->end;
        r->ended_without_newline = 1;
    }
    r->scanned = r->start;
    if (r->needle)
        text_reader_mark(r, (size_t)(line - r->buf), (size_t)(line - r->buf) + len);
    if (r->byte >= 0)
        text_reader_mark_byte(r, (size_t)(line - r->buf), (size_t)(line - r->buf) + len);
    if (len && line[len - 1] == '\r')
        len--;
    line[len] = '\0';
    r->lineno++;
    r->len = len;
    return line;
}

void text_reader_skip_unmarked(text_reader *r)
{
    for (;;) {
        size_t m = r->buf ? text_reader_find(r, r->start) : SIZE_MAX;
        if (m != SIZE_MAX) {
            const char *ls = memrchr(r->buf + r->start, '\n', m - r->start);
            size_t line = ls ? (size_t)(ls - r->buf) + 1 : r->start;
            r->lineno += text_count_newlines(r->buf + r->start, line - r->start);
            r->start = r->scanned = line;
            return;
        }
        /* every whole line so far is skipped; a partial one waits for more */
        const char *nl = r->buf ? memrchr(r->buf + r->start, '\n', r->end - r->start) : NULL;
        if (nl) {
            size_t cut = (size_t)(nl - r->buf) + 1;
            r->lineno += text_count_newlines(r->buf + r->start, cut - r->start);
            r->start = cut;
            r->scanned = r->end;
        }
        if (r->at_eof) {
            if (r->start < r->end) {
                r->lineno++;
                r->ended_without_newline = 1;
                r->start = r->scanned = r->end;
            }
            return;
        }
        text_reader_fill(r);
    }
}

size_t text_hash(size_t h, const void *p, size_t n)
{
    /* Two lanes of eight bytes, each a multiply and a shift a step: the
       lanes do not wait for each other, so a long key (a stack frame of a
       log, hashed per report) costs about half what one lane would. */
    const unsigned char *s = p;
    uint64_t x = (uint64_t)h ^ 0x243F6A8885A308D3ULL, y = 0x13198A2E03707344ULL;
    uint64_t w, v;
    for (; n >= 16; s += 16, n -= 16) {
        memcpy(&w, s, 8);
        memcpy(&v, s + 8, 8);
        x = (x ^ w) * 0x9E3779B97F4A7C15ULL;
        y = (y ^ v) * 0xC2B2AE3D27D4EB4FULL;
        x ^= x >> 29;
        y ^= y >> 29;
    }
    if (n >= 8) {
        memcpy(&w, s, 8);
        x = (x ^ w) * 0x9E3779B97F4A7C15ULL;
        x ^= x >> 29;
        s += 8;
        n -= 8;
    }
    x ^= y;
    /* the last bytes put together in a register: copied to memory a byte
       at a time and read back as a word, they would wait for the stores */
    w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)s[i] << (8 * i);
    x = (x ^ w ^ ((uint64_t)n << 56)) * 0x9E3779B97F4A7C15ULL;
    return (size_t)(x ^ (x >> 32));
}

void text_list_init(text_list *l)
{
    l->v = NULL;
    l->n = l->cap = 0;
}

void text_list_free(text_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    text_list_init(l);
}

void text_list_push(text_list *l, char *owned)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = text_realloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = owned;
}

static int text_list_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void text_list_sort(text_list *l, size_t from)
{
    if (from < l->n)
        qsort(l->v + from, l->n - from, sizeof *l->v, text_list_cmp);
}

void text_split_words(const char *s, text_list *out)
{
    for (;;) {
        s = text_skip_space(s);
        if (!*s)
            return;
        const char *e = s;
        while (*e && !isspace((unsigned char)*e))
            e++;
        text_list_push(out, text_ndup(s, (size_t)(e - s)));
        s = e;
    }
}

int text_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

char *text_trim_dup(const char *s)
{
    s = text_skip_space(s);
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return text_ndup(s, n);
}

const char *text_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int text_parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
    if (!*s)
        return -1;
    /* digit by digit, stopping before max is passed (so before any
       overflow): the parse stage reads a line number of every finding of a
       long log this way, and strtoul's generality costs more than this */
    unsigned long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        unsigned long d = (unsigned long)(*p - '0');
        if (d > max || v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* Each folder is made in turn from the top, as mkdir -p does. */
int text_make_parent_dir(const char *path)
{
    char *dir = text_dup(path);
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash) {
        *slash = '\0';
        for (char *p = dir + 1; *p && !rc; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(dir, 0755) != 0 && errno != EEXIST)
                rc = -1;
            *p = '/';
        }
        if (!rc && mkdir(dir, 0755) != 0 && errno != EEXIST)
            rc = -1;
        /* EEXIST also covers a file standing where the folder should be. */
        struct stat sb;
        if (!rc && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
            errno = ENOTDIR;
            rc = -1;
        }
    }
    free(dir);
    return rc;
}

char *text_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    text_buf b;
    text_buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        text_buf_add(&b, chunk, n);
    int bad = ferror(f), saved = errno;
    fclose(f);
    if (bad) {
        text_buf_free(&b);
        errno = saved;
        return NULL;
    }
    if (!b.s)
        text_buf_adds(&b, "");
    if (len)
        *len = b.len;
    return b.s;
}
