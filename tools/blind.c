/*
 * blind.c - blind copies of cases (see blind.h).
 *
 * The comment stripper is a small lexer over the C (and C++) source: it
 * must know string and character literals, or a "/" "*" inside a string
 * would eat the program, and a quote inside a comment would hide the next
 * one.  It reads a byte at a time; cases are a few kilobytes.
 */
#include "blind.h"

#include "exitcode.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *blind_id(const char *name)
{
    /* FNV-1a: stable across machines and releases, unlike text_hash. */
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "case_%08lx", (unsigned long)h);
    return b.s;
}

typedef enum blind_state {
    BLIND_CODE, BLIND_STRING, BLIND_CHAR, BLIND_BLOCK, BLIND_LINE
} blind_state;

static int blind_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Writes the code text of s[0, n), each occurrence of name that starts a
 * word replaced by id.  One inside a longer identifier is not the case's
 * name but another's: mutex_trylock calls pthread_mutex_trylock, which
 * must stay what libc calls it.
 */
static void blind_emit(text_buf *out, const char *s, size_t n, const char *name, const char *id)
{
    size_t nl = name ? strlen(name) : 0;
    size_t i = 0;
    while (i < n) {
        if (nl && n - i >= nl && memcmp(s + i, name, nl) == 0 &&
            (i == 0 || !blind_ident_char(s[i - 1]))) {
            text_buf_adds(out, id);
            i += nl;
        } else {
            text_buf_add(out, s + i, 1);
            i++;
        }
    }
}

/*
 * Strips the comments of src (n bytes) into out.  A block comment becomes
 * its newlines, or one space when it has none, so tokens it separated stay
 * apart; a line comment becomes nothing (its newline is kept).
 */
static void blind_strip(const char *src, size_t n, text_buf *code)
{
    blind_state st = BLIND_CODE;
    for (size_t i = 0; i < n; i++) {
        char c = src[i], next = i + 1 < n ? src[i + 1] : '\0';
        switch (st) {
        case BLIND_CODE:
            if (c == '/' && next == '*') {
                st = BLIND_BLOCK;
                i++;
                int newline = 0;
                for (size_t k = i + 1; k < n && !(src[k] == '*' && k + 1 < n && src[k + 1] == '/'); k++)
                    newline |= src[k] == '\n';
                if (!newline)
                    text_buf_add(code, " ", 1);
                continue;
            }
            if (c == '/' && next == '/') {
                st = BLIND_LINE;
                i++;
                continue;
            }
            if (c == '"')
                st = BLIND_STRING;
            else if (c == '\'')
                st = BLIND_CHAR;
            text_buf_add(code, &c, 1);
            break;
        case BLIND_STRING:
        case BLIND_CHAR:
            text_buf_add(code, &c, 1);
            if (c == '\\' && i + 1 < n) {
                text_buf_add(code, &src[++i], 1);
            } else if ((st == BLIND_STRING && c == '"') || (st == BLIND_CHAR && c == '\'') ||
                       c == '\n') {
                st = BLIND_CODE;
            }
            break;
        case BLIND_BLOCK:
            if (c == '*' && next == '/') {
                st = BLIND_CODE;
                i++;
            } else if (c == '\n') {
                text_buf_add(code, "\n", 1);
            }
            break;
        case BLIND_LINE:
            if (c == '\n') {
                st = BLIND_CODE;
                text_buf_add(code, "\n", 1);
            }
            break;
        }
    }
}

/*
 * Copies code to out with "support/" taken out of every #include "support/X"
 * line: the support headers are written beside the copy (job_write_blind),
 * where the case's own directory is not, so the copy must name them as
 * neighbours.  The line stays a line, so the numbering is kept.
 */
static void blind_flatten_includes(const text_buf *code, text_buf *out)
{
    static const char dir[] = "support/";
    const char *p = code->s, *end = code->s + code->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl + 1 : end;
        const char *q = p;
        while (q < e && (*q == ' ' || *q == '\t'))
            q++;
        const char *quote = text_starts_with(q, "#include \"") ? q + strlen("#include \"") : NULL;
        if (quote && quote < e && text_starts_with(quote, dir)) {
            text_buf_add(out, p, (size_t)(quote - p));
            p = quote + strlen(dir);
        }
        text_buf_add(out, p, (size_t)(e - p));
        p = e;
    }
}

int blind_copy(FILE *in, FILE *out, const char *name, const char *id)
{
    text_buf src, code, done;
    text_buf_init(&src);
    text_buf_init(&code);
    text_buf_init(&done);
    text_buf_adds(&src, "");
    text_buf_adds(&code, "");
    text_buf_adds(&done, "");
    char block[8192];
    size_t got;
    while ((got = fread(block, 1, sizeof block, in)) > 0)
        text_buf_add(&src, block, got);
    int rc = ferror(in) ? -1 : 0;
    blind_strip(src.s, src.len, &code);
    text_buf flat;
    text_buf_init(&flat);
    text_buf_adds(&flat, "");
    blind_flatten_includes(&code, &flat);
    blind_emit(&done, flat.s, flat.len, name, id);
    text_buf_free(&flat);
    if (!rc && fwrite(done.s, 1, done.len, out) != done.len)
        rc = -1;
    text_buf_free(&src);
    text_buf_free(&code);
    text_buf_free(&done);
    return rc;
}

int blind_write(const char *src, const char *dst, const char *name, const char *id, text_buf *err)
{
    FILE *in = fopen(src, "r");
    if (!in)
        return text_fail(err, RC_EXIT_INPUT, src, 0, "cannot open: %s", strerror(errno));
    /* Written aside and renamed into place: runs made at the same time
       (pool.h) write the same support headers, and a tool reading one must
       never see it half written. */
    text_buf tmp;
    text_buf_init(&tmp);
    text_buf_printf(&tmp, "%s.%ld.tmp", dst, (long)getpid());
    FILE *out = text_make_parent_dir(dst) == 0 ? fopen(tmp.s, "w") : NULL;
    if (!out) {
        int e = errno;
        fclose(in);
        text_buf_free(&tmp);
        return text_fail(err, RC_EXIT_OUTPUT, dst, 0, "cannot write: %s", strerror(e));
    }
    int rc = blind_copy(in, out, name, id);
    fclose(in);
    if (fclose(out) != 0 || rc != 0 || rename(tmp.s, dst) != 0) {
        remove(tmp.s);
        text_buf_free(&tmp);
        return text_fail(err, RC_EXIT_OUTPUT, dst, 0, "cannot write the blind copy of %s", src);
    }
    text_buf_free(&tmp);
    return 0;
}
