/*
 * text.c - strings, lists and a streaming line reader (see text.h).
 */
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void text_out_of_memory(void)
{
    fputs("racecard: out of memory\n", stderr);
    exit(70);
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

void text_buf_printf(text_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    text_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void text_reader_init(text_reader *r, FILE *f)
{
    r->f = f;
    text_buf_init(&r->line);
    r->lineno = 0;
    r->ended_without_newline = 0;
}

void text_reader_free(text_reader *r)
{
    text_buf_free(&r->line);
}

/*
 * getline() reads a line in one call instead of a call per byte, which is
 * most of the parse stage's time on a large log; its buffer lives in
 * r->line (getline and text_buf both manage it with malloc/realloc).
 */
const char *text_reader_next(text_reader *r)
{
    errno = 0;
    ssize_t n = getline(&r->line.s, &r->line.cap, r->f);
    if (n < 0) {
        if (errno == ENOMEM)
            text_out_of_memory();
        r->line.len = 0;
        return NULL;
    }
    size_t len = (size_t)n;
    if (len && r->line.s[len - 1] == '\n')
        len--;
    else
        r->ended_without_newline = 1;
    /* A NUL would cut the line short for every string function downstream. */
    char *end = r->line.s + len;
    for (char *z = memchr(r->line.s, '\0', len); z; z = memchr(z + 1, '\0', (size_t)(end - z - 1)))
        *z = '?';
    if (len && r->line.s[len - 1] == '\r')
        len--;
    r->line.s[len] = '\0';
    r->line.len = len;
    r->lineno++;
    return r->line.s;
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

int text_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int text_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

const char *text_skip_space(const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    return s;
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
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p))
            return -1;
    errno = 0;
    unsigned long v = strtoul(s, NULL, 10);
    if (errno || v > max)
        return -1;
    *out = v;
    return 0;
}
