/*
 * fuzz_util.c - the fuzz targets' temporary file and the read-back check
 * of findings (see fuzz.h).
 */
#include "fuzz.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *fuzz_dir_path;
static text_buf fuzz_path;

/* Leaves no directories behind in TMPDIR after a normal exit. */
static void fuzz_cleanup(void)
{
    if (fuzz_path.s)
        unlink(fuzz_path.s);
    if (fuzz_dir_path)
        rmdir(fuzz_dir_path);
    text_buf_free(&fuzz_path);
    free(fuzz_dir_path);
}

const char *fuzz_file(const char *name, const uint8_t *data, size_t size)
{
    if (!fuzz_dir_path) {
        const char *tmp = getenv("TMPDIR");
        text_buf t;
        text_buf_init(&t);
        text_buf_printf(&t, "%s/racecard-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(t.s)) {
            perror(t.s);
            abort();
        }
        fuzz_dir_path = t.s;
        atexit(fuzz_cleanup);
    }
    if (fuzz_path.s)
        unlink(fuzz_path.s);
    text_buf_clear(&fuzz_path);
    text_buf_printf(&fuzz_path, "%s/%s", fuzz_dir_path, name);
    FILE *f = fopen(fuzz_path.s, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(fuzz_path.s);
        abort();
    }
    return fuzz_path.s;
}

static int fuzz_same_keys(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

void fuzz_check_findings(const finding_list *l, const char *what)
{
    for (size_t i = 0; i < l->n; i++) {
        char *line = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&line, &len);
        if (!f)
            abort();
        finding_print(&l->v[i], f);
        fclose(f);
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        finding_list back;
        finding_list_init(&back);
        char err[200];
        int ok = finding_parse_line(line, &back, err, sizeof err) == 0 && back.n == 1 &&
                 finding_cmp(&back.v[0], &l->v[i]) == 0 &&
                 strcmp(back.v[0].loc[0], l->v[i].loc[0]) == 0 &&
                 fuzz_same_keys(back.v[0].keys, l->v[i].keys);
        if (!ok) {
            fprintf(stderr, "%s: printed finding does not read back as itself: '%s'%s%s\n",
                    what, line, back.n ? "" : ": ", back.n ? "" : err);
            abort();
        }
        finding_list_free(&back);
        free(line);
    }
}
