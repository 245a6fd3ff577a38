/*
 * explain_catalog.c - checks that `racecard explain` covers every report the
 * catalog produces: run over the raw logs the matrix tests leave in
 * BUILD/logs/DETECTOR/CASE.log, explain must know the kind of every report,
 * have a note for every section of it (explain.h says what a section is),
 * and explain at least one report wherever the parse stage finds one.
 *
 *     explain_catalog LOGDIR DETECTOR...
 *
 * Prints, per detector, how many logs, reports, sections and kinds it
 * covered, and one line per log that fails.  Exits 0 when every log passes,
 * 1 when one fails, 2 for a usage error or a log that cannot be read, and 77
 * (CTest's skip) when no detector has any log, so a tree where the matrix
 * never ran is reported as skipped rather than passed.
 *
 * A program of its own rather than an option of racecard explain: it is a
 * check of racecard on racecard's own catalog, not a thing its users do.
 */
#include "explain.h"
#include "parse.h"
#include "text.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* What one detector's logs came to. */
typedef struct catalog_totals {
    unsigned logs, failed, parsed;
    explain_stats st;
} catalog_totals;

/* The .log files of dir, sorted; an absent dir has none. */
static void catalog_list(const char *dir, text_list *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (text_ends_with(e->d_name, ".log"))
            text_list_push(out, text_dup(e->d_name));
    closedir(d);
    text_list_sort(out, 0);
}

/* Reports the parse stage finds in path (complete or cut off); -1 if unreadable. */
static long catalog_parse(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    parse_result r;
    parse_result_init(&r);
    int err = parse_stream(f, path, PARSE_ANY, &r);
    fclose(f);
    long n = err ? -1 : (long)(r.reports + r.truncated);
    parse_result_free(&r);
    return n;
}

/* Explains path into nowhere; returns 0, or -1 if it cannot be read. */
static int catalog_explain(const char *path, FILE *sink, explain_stats *st)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    explain_opts o = {0, NULL, NULL, NULL, NULL, NULL};
    memset(st, 0, sizeof *st);
    int err = explain_stream(f, sink, &o, st);
    fclose(f);
    return err;
}

static void catalog_add(explain_stats *sum, const explain_stats *st)
{
    sum->reports += st->reports;
    sum->cut += st->cut;
    sum->sections += st->sections;
    sum->unnoted += st->unnoted;
    for (int k = 0; k < EXPLAIN_NKINDS; k++)
        sum->kinds[k] += st->kinds[k];
}

/* Names what is wrong with one log's explanation; 0 when nothing is. */
static int catalog_judge(const char *path, long parsed, const explain_stats *st)
{
    int bad = 0;
    if (st->kinds[EXPLAIN_OTHER]) {
        printf("FAIL %s: %u report%s of a kind explain does not know\n", path,
               st->kinds[EXPLAIN_OTHER], st->kinds[EXPLAIN_OTHER] == 1 ? "" : "s");
        bad = 1;
    }
    if (st->unnoted) {
        printf("FAIL %s: %u of %u sections without a note of their own\n", path, st->unnoted,
               st->sections);
        bad = 1;
    }
    if (parsed > 0 && st->reports == 0) {
        printf("FAIL %s: parse finds %ld report%s, explain none\n", path, parsed,
               parsed == 1 ? "" : "s");
        bad = 1;
    }
    if (bad)
        printf("     (racecard explain %s shows where)\n", path);
    return bad;
}

/* Checks one log; returns -1 if it cannot be read, else 1 if it fails. */
static int catalog_log(const char *path, FILE *sink, catalog_totals *t)
{
    explain_stats st;
    long parsed = catalog_parse(path);
    if (parsed < 0 || catalog_explain(path, sink, &st) != 0) {
        fprintf(stderr, "explain_catalog: %s: cannot be read\n", path);
        return -1;
    }
    t->logs++;
    t->parsed += (unsigned)parsed;
    catalog_add(&t->st, &st);
    int bad = catalog_judge(path, parsed, &st);
    t->failed += (unsigned)bad;
    return bad;
}

/* "tsan-clang: 66 logs, 40 reports (parse: 40) in 3 kinds (...), 120 sections". */
static void catalog_print(const char *det, const catalog_totals *t)
{
    unsigned kinds = 0;
    for (int k = 0; k < EXPLAIN_NKINDS; k++)
        kinds += t->st.kinds[k] > 0;
    printf("%s: %u logs, %u reports (parse finds %u) in %u kind%s", det, t->logs, t->st.reports,
           t->parsed, kinds, kinds == 1 ? "" : "s");
    const char *sep = " (";
    for (int k = 0; k < EXPLAIN_NKINDS; k++)
        if (t->st.kinds[k]) {
            printf("%s%u %s", sep, t->st.kinds[k], explain_kind_name((explain_kind)k));
            sep = ", ";
        }
    printf("%s, %u sections, %u unnoted, %u logs failed\n", kinds ? ")" : "", t->st.sections,
           t->st.unnoted, t->failed);
}

/* Checks every log of one detector; returns -1 on an unreadable log. */
static int catalog_detector(const char *logdir, const char *det, FILE *sink, catalog_totals *t)
{
    text_buf dir;
    text_buf_init(&dir);
    text_buf_printf(&dir, "%s/%s", logdir, det);
    text_list logs;
    text_list_init(&logs);
    catalog_list(dir.s, &logs);
    int rc = 0;
    for (size_t i = 0; i < logs.n && rc >= 0; i++) {
        text_buf path;
        text_buf_init(&path);
        text_buf_printf(&path, "%s/%s", dir.s, logs.v[i]);
        if (catalog_log(path.s, sink, t) < 0)
            rc = -1;
        text_buf_free(&path);
    }
    text_list_free(&logs);
    text_buf_free(&dir);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: explain_catalog LOGDIR DETECTOR...\n", stderr);
        return 2;
    }
    FILE *sink = fopen("/dev/null", "w");
    if (!sink) {
        perror("explain_catalog: /dev/null");
        return 2;
    }
    unsigned logs = 0, failed = 0;
    int rc = 0;
    for (int i = 2; i < argc && rc == 0; i++) {
        catalog_totals t;
        memset(&t, 0, sizeof t);
        rc = catalog_detector(argv[1], argv[i], sink, &t);
        catalog_print(argv[i], &t);
        logs += t.logs;
        failed += t.failed;
    }
    fclose(sink);
    if (rc < 0)
        return 2;
    if (logs == 0) {
        printf("no logs under %s: run the matrix tests first\n", argv[1]);
        return 77;
    }
    return failed ? 1 : 0;
}
