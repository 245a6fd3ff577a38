/*
 * unit_report.c - the scorecard's output formats on two small detectors whose
 * figures are worked out by hand: one that ran everything, one whose runs all
 * timed out (so every ratio is undefined).  CSV must match field by field,
 * JSON and SARIF must parse back with cJSON and hold the right values, and an
 * undefined ratio must read "-", empty or null, never 0.
 */
#include "report.h"
#include "unit.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#define UNIT_CSV_HEADER                                                          \
    "section,detector,kind,category,cases,ran,build_failed,detector_error,"     \
    "crashed,timeout,changed,tp,fp,tn,fn,precision,recall,specificity,"         \
    "accuracy,f1,support,adjusted_f1,pair_tp,pair_fp,pair_fn,pair_precision,"   \
    "pair_recall,pair_f1,line_tp,line_fp,line_fn,line_precision,line_recall,"   \
    "line_f1,slowdown,memory,startup"

/* Truth shared by both detectors' entries. */
static finding_list unit_truth[5];
static score_entry unit_tsan[5], unit_drd[2];
static score_card unit_cards[2];
static report_detector unit_dets[2];

static void unit_entry(score_entry *e, const char *name, const char *category,
                       const finding_list *truth, score_status status)
{
    score_entry_init(e);
    e->case_name = name;
    e->category = category;
    e->truth = truth;
    e->status = status;
    e->runs = 1;
}

static void unit_cost(score_entry *e, double wall, double native_wall, double rss, double native_rss)
{
    e->wall = wall;
    e->native_wall = native_wall;
    e->maxrss = rss;
    e->native_maxrss = native_rss;
}

/*
 * tsan: racy1 found exactly (TP), racy2 missed (FN), free1 clean (TN),
 * free2 a false alarm (FP), leak's thread-leak found (a TN at case level).
 * Case P = R = F1 = 1/2, specificity 2/3, accuracy 3/5; pairs and lines
 * 1/2 each; slowdown median of 10, 10, 4; memory median of 3 and 2.
 * drd: both its runs timed out.
 */
static void unit_setup(void)
{
    for (int i = 0; i < 5; i++)
        finding_list_init(&unit_truth[i]);
    finding_add(&unit_truth[0], "data-race", "racy1.c:10", "racy1.c:12", NULL);
    finding_add(&unit_truth[1], "data-race", "racy2.c:5", "racy2.c:6", NULL);
    finding_add(&unit_truth[4], "thread-leak", "leak.c:30", NULL, NULL);
    unit_entry(&unit_tsan[0], "racy1", "global", &unit_truth[0], SCORE_RAN);
    finding_add(&unit_tsan[0].found, "data-race", "racy1.c:12", "racy1.c:10", NULL);
    unit_cost(&unit_tsan[0], 10, 1, 300, 100);
    unit_entry(&unit_tsan[1], "racy2", "lock", &unit_truth[1], SCORE_RAN);
    unit_cost(&unit_tsan[1], 20, 2, 200, 100);
    unit_entry(&unit_tsan[2], "free1", "lock", &unit_truth[2], SCORE_RAN);
    unit_cost(&unit_tsan[2], 4, 1, 0, 0);
    unit_entry(&unit_tsan[3], "free2", "global", &unit_truth[3], SCORE_RAN);
    finding_add(&unit_tsan[3].found, "data-race", "free2.c:7", "free2.c:8", NULL);
    unit_entry(&unit_tsan[4], "leak", "misuse", &unit_truth[4], SCORE_RAN);
    finding_add(&unit_tsan[4].found, "thread-leak", "leak.c:30", NULL, NULL);
    unit_entry(&unit_drd[0], "racy1", "global", &unit_truth[0], SCORE_TIMEOUT);
    unit_drd[0].changed = 1;
    unit_entry(&unit_drd[1], "free1", "lock", &unit_truth[2], SCORE_TIMEOUT);
    score_compute("tsan", unit_tsan, 5, &unit_cards[0]);
    score_compute("drd", unit_drd, 2, &unit_cards[1]);
    unit_dets[0] = (report_detector){&unit_cards[0], unit_tsan, 5};
    unit_dets[1] = (report_detector){&unit_cards[1], unit_drd, 2};
}

static void unit_teardown(void)
{
    for (int i = 0; i < 2; i++)
        score_card_free(&unit_cards[i]);
    for (int i = 0; i < 5; i++) {
        score_entry_free(&unit_tsan[i]);
        finding_list_free(&unit_truth[i]);
    }
    for (int i = 0; i < 2; i++)
        score_entry_free(&unit_drd[i]);
}

/* Writes the scorecards in format f into a new string. */
static char *unit_write(report_format f, const report_detector *d, size_t n)
{
    char *s = NULL;
    size_t len = 0;
    FILE *out = unit_memstream(&s, &len);
    UNIT_CHECK(report_write(out, f, d, n) == 0);
    fclose(out);
    return s;
}

/* The scorecards as HTML tables, in a new string. */
static char *unit_write_html(const report_detector *d, size_t n)
{
    char *s = NULL;
    size_t len = 0;
    FILE *out = unit_memstream(&s, &len);
    UNIT_CHECK(report_write_html_tables(out, d, n) == 0);
    fclose(out);
    return s;
}

/* True if text has a line exactly equal to line. */
static int unit_has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

static void test_csv(void)
{
    char *s = unit_write(REPORT_CSV, unit_dets, 2);
    UNIT_CHECK(strncmp(s, UNIT_CSV_HEADER "\n", strlen(UNIT_CSV_HEADER) + 1) == 0);
    UNIT_CHECK(unit_has_line(s, "detector,tsan,,,5,5,0,0,0,0,0,1,1,2,1,0.5,0.5,0.666667,0.6,0.5,1,0.5,"
                                "1,1,1,0.5,0.5,0.5,2,2,2,0.5,0.5,0.5,10,2.5,"));
    /* Nothing ran: every ratio empty, support 0 (a measurement, not a gap). */
    UNIT_CHECK(unit_has_line(s, "detector,drd,,,2,0,0,0,0,2,1,0,0,0,0,,,,,,0,,0,0,0,,,,0,0,0,,,,,,"));
    UNIT_CHECK(unit_has_line(s, "kind,tsan,thread-leak,,,,,,,,,1,0,,0,1,1,,,1,,,,,,,,,,,,,,,,,"));
    UNIT_CHECK(unit_has_line(s, "category,tsan,,global,2,2,,,,,,1,1,0,0,0.5,1,0,0.5,0.666667,,,,,,,,,,,,,,,,,"));
    UNIT_CHECK(unit_has_line(s, "category,tsan,,lock,2,2,,,,,,0,0,1,1,,0,1,0.5,,,,,,,,,,,,,,,,,,"));
    UNIT_CHECK(unit_has_line(s, "category,drd,,global,1,0,,,,,,0,0,0,0,,,,,,,,,,,,,,,,,,,,,,"));
    /* 1 header + 2 detectors + 1 kind + 3 + 2 categories, all 37 columns wide. */
    size_t lines = 0, commas = 0;
    for (const char *p = s; *p; p++) {
        lines += *p == '\n';
        commas += *p == ',';
    }
    UNIT_CHECK(lines == 9 && commas == 9 * 36);
    free(s);
    /* A field that holds a comma or a quote is quoted, quotes doubled. */
    score_card odd;
    score_compute("a,\"b", NULL, 0, &odd);
    report_detector d = {&odd, NULL, 0};
    s = unit_write(REPORT_CSV, &d, 1);
    UNIT_CHECK(strstr(s, "\ndetector,\"a,\"\"b\",,,0,") != NULL);
    free(s);
    score_card_free(&odd);
}

static double unit_num(const cJSON *o, const char *name)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, name);
    return cJSON_IsNumber(x) ? x->valuedouble : -1;
}

static void test_json(void)
{
    char *s = unit_write(REPORT_JSON, unit_dets, 2);
    cJSON *root = cJSON_Parse(s);
    UNIT_CHECK(root != NULL);
    UNIT_NEAR(unit_num(root, "version"), 2);
    const cJSON *dets = cJSON_GetObjectItemCaseSensitive(root, "detectors");
    UNIT_CHECK(cJSON_GetArraySize(dets) == 2);
    const cJSON *tsan = cJSON_GetArrayItem(dets, 0), *drd = cJSON_GetArrayItem(dets, 1);
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(tsan, "detector")), "tsan");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(tsan, "case");
    UNIT_NEAR(unit_num(c, "tp"), 1);
    UNIT_NEAR(unit_num(c, "tn"), 2);
    UNIT_NEAR(unit_num(c, "precision"), 0.5);
    UNIT_NEAR(unit_num(c, "specificity"), 2.0 / 3);
    UNIT_NEAR(unit_num(c, "accuracy"), 0.6);
    UNIT_NEAR(unit_num(tsan, "support"), 1);
    UNIT_NEAR(unit_num(tsan, "slowdown"), 10);
    UNIT_NEAR(unit_num(tsan, "memory"), 2.5);
    const cJSON *pair = cJSON_GetObjectItemCaseSensitive(tsan, "pair");
    UNIT_NEAR(unit_num(pair, "f1"), 0.5);
    UNIT_CHECK(cJSON_GetObjectItemCaseSensitive(pair, "tn") == NULL);
    UNIT_CHECK(cJSON_GetObjectItemCaseSensitive(pair, "specificity") == NULL);
    const cJSON *kind = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(tsan, "kinds"), 0);
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(kind, "kind")), "thread-leak");
    UNIT_NEAR(unit_num(kind, "recall"), 1);
    const cJSON *cats = cJSON_GetObjectItemCaseSensitive(tsan, "categories");
    UNIT_CHECK(cJSON_GetArraySize(cats) == 3);
    const cJSON *lock = cJSON_GetArrayItem(cats, 1);
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(lock, "category")), "lock");
    UNIT_CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(lock, "precision")));
    UNIT_NEAR(unit_num(lock, "recall"), 0);
    /* drd: undefined ratios are null, counts stay numbers. */
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(drd, "status");
    UNIT_NEAR(unit_num(status, "timeout"), 2);
    UNIT_NEAR(unit_num(status, "ran"), 0);
    UNIT_NEAR(unit_num(drd, "changed"), 1);
    UNIT_NEAR(unit_num(drd, "support"), 0);
    UNIT_CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(drd, "adjusted_f1")));
    UNIT_CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(drd, "slowdown")));
    c = cJSON_GetObjectItemCaseSensitive(drd, "case");
    UNIT_CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c, "precision")));
    UNIT_CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c, "f1")));
    UNIT_NEAR(unit_num(c, "fn"), 0);
    UNIT_CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(drd, "kinds")) == 0);
    cJSON_Delete(root);
    free(s);
}

static void test_table_and_md(void)
{
    char *s = unit_write(REPORT_TABLE, unit_dets, 2);
    UNIT_CHECK(strstr(s, "detector  TP  FP  TN  FN  precision  recall  specificity  accuracy     F1  support  adj-F1\n") != NULL);
    UNIT_CHECK(strstr(s, "\ntsan       1   1   2   1      0.500   0.500        0.667     0.600  0.500    1.000   0.500\n") != NULL);
    UNIT_CHECK(strstr(s, "\ndrd        0   0   0   0          -       -            -         -      -    0.000       -\n") != NULL);
    UNIT_CHECK(strstr(s, "\ntsan      thread-leak   1   0   0      1.000   1.000  1.000\n") != NULL);
    UNIT_CHECK(strstr(s, "\nglobal    1/1/0/0  0/0/0/0\n") != NULL);
    UNIT_CHECK(strstr(s, "\ndrd            -       -        -       -       -        -         -       -"
                         "         -             0               0        0        2        1\n") != NULL);
    UNIT_CHECK(strstr(s, " 10.00 ") != NULL && strstr(s, " 2.50 ") != NULL);
    free(s);
    s = unit_write(REPORT_MD, unit_dets, 2);
    UNIT_CHECK(strstr(s, "\n| detector | TP | FP | TN | FN | precision |") != NULL);
    UNIT_CHECK(strstr(s, "\n| --- | --- | ---: | ---: | ---: |") != NULL);
    UNIT_CHECK(strstr(s, "\n| drd | 0 | 0 | 0 | 0 | - | - | - | - | - | 0.000 | - |\n") != NULL);
    UNIT_CHECK(strstr(s, "\n| category | tsan | drd |\n| --- | ---: | ---: |\n| global | 1/1/0/0 | 0/0/0/0 |\n") != NULL);
    free(s);
    /* HTML: the same cells, names in plain cells, figures in "num" ones. */
    s = unit_write_html(unit_dets, 2);
    UNIT_CHECK(strstr(s, "<h3>Case level, over the cases that ran</h3>\n<table class=\"card\">\n"
                         "<thead><tr><th>detector</th><th>TP</th>") != NULL);
    UNIT_CHECK(strstr(s, "<tr><td>drd</td><td class=\"num\">0</td><td class=\"num\">0</td>"
                         "<td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">-</td>") != NULL);
    UNIT_CHECK(strstr(s, "<tr><td>tsan</td><td>thread-leak</td><td class=\"num\">1</td>") != NULL);
    UNIT_CHECK(strstr(s, "<tr><td>global</td><td class=\"num\">1/1/0/0</td><td class=\"num\">0/0/0/0</td></tr>\n") != NULL);
    free(s);
}

static void test_formats(void)
{
    report_format f;
    UNIT_CHECK(report_format_parse("json", &f) == 0 && f == REPORT_JSON);
    UNIT_CHECK(report_format_parse("md", &f) == 0 && f == REPORT_MD);
    UNIT_CHECK(report_format_parse("xml", &f) == -1);
    /* HTML tables are a fragment of the --html site, not a --format. */
    UNIT_CHECK(report_format_parse("html", &f) == -1);
    UNIT_STREQ(report_format_name(REPORT_CSV), "csv");
    UNIT_STREQ(report_format_name(REPORT_TABLE), "table");
    UNIT_STREQ(report_format_name((report_format)99), "?");
}

/* The result's first location's startLine and URI, or -1 and NULL. */
static long unit_sarif_where(const cJSON *loc, const char **uri)
{
    const cJSON *phys = cJSON_GetObjectItemCaseSensitive(loc, "physicalLocation");
    const cJSON *art = cJSON_GetObjectItemCaseSensitive(phys, "artifactLocation");
    const cJSON *region = cJSON_GetObjectItemCaseSensitive(phys, "region");
    *uri = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(art, "uri"));
    return (long)unit_num(region, "startLine");
}

static const char *unit_message(const cJSON *result)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(result, "message");
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(m, "text"));
}

/* A version line shows in every format when a detector has one, and adds
   nothing when none has (the tests above). */
static void test_versions(void)
{
    unit_cards[0].version = "clang version 14.0.6, with \"quotes\"";
    char *csv = unit_write(REPORT_CSV, unit_dets, 2);
    UNIT_CHECK(unit_has_line(csv, "version,tsan,\"clang version 14.0.6, with \"\"quotes\"\"\",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"));
    UNIT_CHECK(strstr(csv, "version,drd") == NULL);
    char *md = unit_write(REPORT_MD, unit_dets, 2);
    UNIT_CHECK(strstr(md, "Versions") != NULL && strstr(md, "| tsan | clang version 14.0.6") != NULL);
    char *table = unit_write(REPORT_TABLE, unit_dets, 2);
    UNIT_CHECK(strstr(table, "clang version 14.0.6") != NULL);
    char *json = unit_write(REPORT_JSON, unit_dets, 2);
    cJSON *root = cJSON_Parse(json);
    const cJSON *dets = cJSON_GetObjectItemCaseSensitive(root, "detectors");
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(dets, 0),
                                                                     "version")),
               "clang version 14.0.6, with \"quotes\"");
    UNIT_CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(dets, 1), "version")));
    cJSON_Delete(root);
    unit_cards[0].version = NULL;
    free(csv);
    free(md);
    free(table);
    free(json);
}

static void test_sarif(void)
{
    finding_list found;
    finding_list_init(&found);
    finding_add(&found, "data-race", "racy1.c:12", "racy1.c:10", NULL);
    finding_add(&found, "data-race", "racy1.c:20", NULL, NULL);
    finding_add(&found, "data-race", "?", NULL, NULL);
    finding_add(&found, "lock-order-inversion", "turn.h:5", "racy1.c:7", NULL);
    finding_add(&found, "data-race", "?", "racy1.c:30", NULL);
    report_sarif_case cases[] = {{"cases/racy1.c", &found}, {"cases/free1.c", NULL}};
    report_sarif_run runs[] = {{"tsan", cases, 2, "clang version 14.0.6"}, {"drd", NULL, 0, NULL}};
    char *s = NULL;
    size_t len = 0;
    FILE *out = unit_memstream(&s, &len);
    UNIT_CHECK(report_sarif(out, runs, 2) == 0);
    fclose(out);
    cJSON *root = cJSON_Parse(s);
    UNIT_CHECK(root != NULL);
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "version")), "2.1.0");
    const char *schema = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "$schema"));
    UNIT_CHECK(schema && strstr(schema, "sarif-schema-2.1.0.json") != NULL);
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(root, "runs");
    UNIT_CHECK(cJSON_GetArraySize(rs) == 2);
    const cJSON *run = cJSON_GetArrayItem(rs, 0);
    const cJSON *driver = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(run, "tool"), "driver");
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(driver, "name")), "tsan");
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(driver, "version")),
               "clang version 14.0.6");
    const cJSON *driver2 = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(rs, 1), "tool"), "driver");
    UNIT_CHECK(cJSON_GetObjectItemCaseSensitive(driver2, "version") == NULL);
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(run, "results");
    UNIT_CHECK(cJSON_GetArraySize(results) == 5);
    /* A pair: the first line is the location, the second a related one. */
    const cJSON *r = cJSON_GetArrayItem(results, 0);
    const char *uri = NULL;
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "ruleId")), "data-race");
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "level")), "warning");
    UNIT_CHECK(unit_sarif_where(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "locations"), 0), &uri) == 10);
    UNIT_STREQ(uri, "cases/racy1.c");
    const cJSON *rel = cJSON_GetObjectItemCaseSensitive(r, "relatedLocations");
    UNIT_CHECK(cJSON_GetArraySize(rel) == 1);
    UNIT_CHECK(unit_sarif_where(cJSON_GetArrayItem(rel, 0), &uri) == 12);
    UNIT_STREQ(unit_message(r), "data-race between racy1.c:10 and racy1.c:12");
    /* One location (DRD): no related location. */
    r = cJSON_GetArrayItem(results, 1);
    UNIT_CHECK(unit_sarif_where(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "locations"), 0), &uri) == 20);
    UNIT_CHECK(cJSON_GetObjectItemCaseSensitive(r, "relatedLocations") == NULL);
    /* No location at all: the message says so and names the case. */
    r = cJSON_GetArrayItem(results, 2);
    UNIT_CHECK(cJSON_GetObjectItemCaseSensitive(r, "locations") == NULL);
    UNIT_STREQ(unit_message(r), "data-race in cases/racy1.c, at no location in the program's own code");
    /* Another file than the case's keeps its bare name. */
    r = cJSON_GetArrayItem(results, 3);
    UNIT_STREQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "ruleId")), "lock-order-inversion");
    UNIT_CHECK(unit_sarif_where(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "locations"), 0), &uri) == 7);
    UNIT_STREQ(uri, "cases/racy1.c");
    UNIT_CHECK(unit_sarif_where(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "relatedLocations"), 0), &uri) == 5);
    UNIT_STREQ(uri, "turn.h");
    /* Half a pair: located, and the message says the other half is not. */
    r = cJSON_GetArrayItem(results, 4);
    UNIT_CHECK(unit_sarif_where(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "locations"), 0), &uri) == 30);
    UNIT_CHECK(cJSON_GetObjectItemCaseSensitive(r, "relatedLocations") == NULL);
    UNIT_STREQ(unit_message(r), "data-race at racy1.c:30; the other side has no location in the program's own code");
    UNIT_CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(rs, 1), "results")) == 0);
    cJSON_Delete(root);
    free(s);
    finding_list_free(&found);
}

int main(void)
{
    unit_setup();
    test_csv();
    test_json();
    test_table_and_md();
    unit_teardown();
    test_formats();
    test_sarif();
    test_versions();
    return unit_finish("unit_report");
}
