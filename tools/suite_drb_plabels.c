/*
 * suite_drb_plabels.c - DataRaceBench's own categories for its kernels, the
 * P-labels (suite.h), so that the scorecard's per-category table speaks
 * the suite's language rather than racecard's.
 *
 * DataRaceBench labels each kernel with one or more properties: Y1-Y7 for
 * the kernels with a data race (Y1 unresolvable dependences, Y2 missing
 * data-sharing clauses, Y3 missing synchronisation, Y4 SIMD races, Y5
 * accelerator races, Y6 undefined behaviour, Y7 numerical kernels) and
 * N1-N7 for those without.  The machine-readable copy is DRB-metainfo.json
 * at the top of a checkout: {"FILE": {"basicInfo": {"Plabel": [...]}}}.
 *
 * At the pinned commit the file lags the kernels: DRB020-DRB028 were
 * renumbered after it was written (DRB021-privatemissing-var-yes.c there is
 * DRB020-privatemissing-var-yes.c here), DRB182/183 are spelled with '_',
 * and DRB184-DRB208 are not in it.  So a kernel is found by its file name,
 * or else by its name without the number (and '_' read as '-') when exactly
 * one entry of its language has that name; its labels must also agree with
 * its verdict (Y for -yes, N for -no).  A kernel found neither way has no
 * P-label, and says so, never a guessed one.
 */
#include "suite.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* DRB-metainfo.json of the checkout a kernel (.../micro-benchmarks/F) is in. */
static char *drb_plabels_meta_path(const char *kernel_path)
{
    const char *base = text_basename(kernel_path);
    text_buf b;
    text_buf_init(&b);
    text_buf_add(&b, kernel_path, (size_t)(base - kernel_path));
    text_buf_adds(&b, "../DRB-metainfo.json");
    return b.s;
}

/* The name without "DRBnnn-" and with '_' read as '-': "privatemissing-var-yes.c". */
static char *drb_plabels_stem(const char *file)
{
    const char *p = file;
    if (strncmp(p, "DRB", 3) == 0) {
        p += 3;
        while (isdigit((unsigned char)*p))
            p++;
        if (*p == '-' || *p == '_')
            p++;
    }
    char *s = text_dup(p);
    for (char *q = s; *q; q++)
        if (*q == '_')
            *q = '-';
    return s;
}

/* The extension of file, "" when none: kernels of one language match only. */
static const char *drb_plabels_ext(const char *file)
{
    const char *dot = strrchr(file, '.');
    return dot ? dot : "";
}

/* The one entry of meta that is file, by name or by renumbered name; or NULL. */
static const cJSON *drb_plabels_entry(const cJSON *meta, const char *file)
{
    const cJSON *exact = cJSON_GetObjectItemCaseSensitive(meta, file);
    if (exact)
        return exact;
    char *want = drb_plabels_stem(file);
    const cJSON *found = NULL;
    int count = 0;
    for (const cJSON *e = meta ? meta->child : NULL; e; e = e->next) {
        if (!e->string || strcmp(drb_plabels_ext(e->string), drb_plabels_ext(file)) != 0)
            continue;
        char *stem = drb_plabels_stem(e->string);
        if (strcmp(stem, want) == 0) {
            found = e;
            count++;
        }
        free(stem);
    }
    free(want);
    return count == 1 ? found : NULL;
}

/* The entry's labels as "Y1 Y4", if every one is a P-label of the verdict's class. */
static char *drb_plabels_words(const cJSON *entry, int racy)
{
    const cJSON *info = cJSON_GetObjectItemCaseSensitive(entry, "basicInfo");
    const cJSON *labels = cJSON_GetObjectItemCaseSensitive(info, "Plabel");
    if (!cJSON_IsArray(labels) || !cJSON_GetArraySize(labels))
        return NULL;
    text_buf b;
    text_buf_init(&b);
    const cJSON *l;
    cJSON_ArrayForEach(l, labels) {
        const char *s = cJSON_GetStringValue(l);
        int ok = s && s[0] == (racy ? 'Y' : 'N') && s[1] >= '1' && s[1] <= '7' && !s[2];
        if (!ok) {
            text_buf_free(&b);
            return NULL;   /* not this kernel's, or not a P-label: none rather than a wrong one */
        }
        text_buf_printf(&b, "%s%s", b.len ? " " : "", s);
    }
    return b.s;
}

char *suite_drb_plabels(const char *kernel_path, int racy)
{
    char *path = drb_plabels_meta_path(kernel_path);
    char *text = text_read_file(path, NULL);
    free(path);
    cJSON *meta = text ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *entry = cJSON_IsObject(meta) ? drb_plabels_entry(meta, text_basename(kernel_path))
                                              : NULL;
    char *words = entry ? drb_plabels_words(entry, racy) : NULL;
    cJSON_Delete(meta);
    return words;
}
