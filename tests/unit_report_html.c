/*
 * unit_report_html.c - the pieces of the HTML report that can go wrong
 * quietly: escaping (a case source or a log holding < & " ' or control
 * bytes must read as text, never as markup), names in links, the
 * case-level outcome each cell of the index shows, and what a learner is
 * shown on a page: the order of things, DRD's one-location findings, the
 * reasons of known false positives and negatives, runs that disagreed and
 * the tools that made the runs.
 */
#include "casefile.h"
#include "report_html.h"
#include "unit.h"

#include <stdlib.h>
#include <unistd.h>

static char *unit_escape(const char *s, size_t n)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = unit_memstream(&out, &len);
    report_html_escape(f, s, n);
    fclose(f);
    return out;
}

static char *unit_url(const char *s)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = unit_memstream(&out, &len);
    report_html_url(f, s);
    fclose(f);
    return out;
}

static void test_escape(void)
{
    const char *src = "#include <pthread.h>\tif (a && b) s = \"it's\";\r\n";
    char *s = unit_escape(src, strlen(src));
    UNIT_STREQ(s, "#include &lt;pthread.h&gt;\tif (a &amp;&amp; b) s = &quot;it&#39;s&quot;;\r\n");
    free(s);
    /* ESC of a colour sequence, BEL, DEL and a NUL inside the length. */
    s = unit_escape("a\033[1mb\007c\177d\0e", 12);
    UNIT_STREQ(s, "a&#xFFFD;[1mb&#xFFFD;c&#xFFFD;d&#xFFFD;e");
    free(s);
    /* UTF-8 passes through: the pages declare it. */
    s = unit_escape("caf\xc3\xa9", 5);
    UNIT_STREQ(s, "caf\xc3\xa9");
    free(s);
    s = unit_escape("<<", 1);
    UNIT_STREQ(s, "&lt;");
    free(s);
}

static void test_url(void)
{
    char *s = unit_url("racy_counter-2.v1");
    UNIT_STREQ(s, "racy_counter-2.v1");
    free(s);
    s = unit_url("a b\"/#?%<");
    UNIT_STREQ(s, "a%20b%22%2F%23%3F%25%3C");
    free(s);
}

static void test_outcome(void)
{
    finding_list racy, clean, found_race, found_leak;
    finding_list_init(&racy);
    finding_list_init(&clean);
    finding_list_init(&found_race);
    finding_list_init(&found_leak);
    finding_add(&racy, "data-race", "x.c:1", "x.c:2", NULL);
    finding_add(&found_race, "data-race", "x.c:7", NULL, NULL);
    finding_add(&found_leak, "thread-leak", "x.c:9", NULL, NULL);
    score_entry e;
    score_entry_init(&e);
    e.truth = &racy;
    UNIT_STREQ(report_html_outcome(&e), "FN");
    /* Any data race counts at case level, wherever it is. */
    e.found = found_race;
    UNIT_STREQ(report_html_outcome(&e), "TP");
    e.truth = &clean;
    UNIT_STREQ(report_html_outcome(&e), "FP");
    /* Another kind is not a data race. */
    e.found = found_leak;
    UNIT_STREQ(report_html_outcome(&e), "TN");
    e.truth = NULL;
    UNIT_STREQ(report_html_outcome(&e), "TN");
    e.status = SCORE_TIMEOUT;
    UNIT_STREQ(report_html_outcome(&e), "timeout");
    finding_list_free(&racy);
    finding_list_free(&clean);
    finding_list_free(&found_race);
    finding_list_free(&found_leak);
}

static char *unit_slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return text_dup("");
    text_buf b;
    text_buf_init(&b);
    text_buf_adds(&b, "");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        text_buf_add(&b, buf, n);
    fclose(f);
    return b.s;
}

static void unit_has(const char *page, const char *want, const char *what)
{
    unit_checks++;
    if (!strstr(page, want)) {
        fprintf(stderr, "%s: lacks \"%s\"\n", what, want);
        unit_failures++;
    }
}

/* One case page per situation a learner must read right, from real cases
 * and the real expected files. */
static void unit_site_case(const char *kase, const char *det, const char *found1,
                           const char *found2, int changed, const char *const *want)
{
    text_buf path, err;
    text_buf_init(&path);
    text_buf_init(&err);
    text_buf_printf(&path, "%s/cases/%s.c", RACECARD_SOURCE_DIR, kase);
    case_info info;
    UNIT_CHECK(case_load(path.s, &info, &err) == 0);
    finding_list truth;
    finding_list_init(&truth);
    case_truth(&info, &truth);
    /* a baseline given first must come last */
    score_entry e[2];
    score_card cards[2];
    memset(cards, 0, sizeof cards);
    cards[0].detector = "baseline-race";
    cards[1].detector = det;
    for (int d = 0; d < 2; d++) {
        score_entry_init(&e[d]);
        e[d].truth = &truth;
        e[d].case_name = info.name;
    }
    finding_add(&e[1].found, "data-race", found1, found2, NULL);
    e[1].changed = changed;
    report_detector rd[2] = {{&cards[0], &e[0], 1}, {&cards[1], &e[1], 1}};
    report_html_case hc = {&info, &truth};
    const char *versions[2] = {"", "valgrind-3.19.0 (as a test says)"};
    char tmpl[] = "/tmp/racecard-unit-html-XXXXXX";
    UNIT_CHECK(mkdtemp(tmpl) != NULL);
    text_buf exp, cases;
    text_buf_init(&exp);
    text_buf_init(&cases);
    text_buf_printf(&exp, "%s/expected", RACECARD_SOURCE_DIR);
    text_buf_printf(&cases, "%s/cases", RACECARD_SOURCE_DIR);
    report_html_site site = {rd, 2, &hc, 1, NULL, tmpl, cases.s, 3, exp.s, versions, NULL};
    UNIT_CHECK(report_html_prepare(tmpl, &err) == 0);
    text_buf log;
    text_buf_init(&log);
    text_buf_printf(&log, "%s/%s/%s.log", tmpl, det, kase);
    UNIT_CHECK(text_make_parent_dir(log.s) == 0);
    FILE *lf = fopen(log.s, "w");
    UNIT_CHECK(lf != NULL);
    if (lf) {
        fputs("the program's output\n", lf);
        fclose(lf);
    }
    UNIT_CHECK(report_html_write(tmpl, &site, &err) == 0);
    text_buf page;
    text_buf_init(&page);
    text_buf_printf(&page, "%s/%s.html", tmpl, kase);
    char *html = unit_slurp(page.s);
    for (size_t i = 0; want[i]; i++)
        unit_has(html, want[i], kase);
    /* the detector measured before the baseline; logs folded */
    char *real = strstr(html, "<section class=\"det\" id=\"det-");
    UNIT_CHECK(real && strncmp(real + 29, det, strlen(det)) == 0);
    UNIT_CHECK(strstr(html, "<details>") && !strstr(html, "<details open>"));
    free(html);
    text_buf_clear(&page);
    text_buf_printf(&page, "%s/index.html", tmpl);
    html = unit_slurp(page.s);
    char *cases_at = strstr(html, "id=\"cases\""), *score_at = strstr(html, "id=\"scorecard\"");
    UNIT_CHECK(cases_at && score_at && cases_at < score_at);  /* the cases first */
    if (changed)
        unit_has(html, " changed\"", "index");
    unit_has(html, "Made by: <strong>", "index");
    free(html);
    /* leave nothing behind */
    const char *files[] = {"index.html", "style.css", NULL};
    for (size_t i = 0; files[i]; i++) {
        text_buf_clear(&page);
        text_buf_printf(&page, "%s/%s", tmpl, files[i]);
        unlink(page.s);
    }
    text_buf_clear(&page);
    text_buf_printf(&page, "%s/%s.html", tmpl, kase);
    unlink(page.s);
    unlink(log.s);
    text_buf_clear(&page);
    text_buf_printf(&page, "%s/%s", tmpl, det);
    rmdir(page.s);
    text_buf_free(&log);
    rmdir(tmpl);
    text_buf_free(&page);
    text_buf_free(&exp);
    text_buf_free(&cases);
    for (int d = 0; d < 2; d++)
        score_entry_free(&e[d]);
    finding_list_free(&truth);
    case_free(&info);
    text_buf_free(&path);
    text_buf_free(&err);
}

static void test_learner_pages(void)
{
    /* DRD names one side of racy_counter's pair: that agrees with the truth */
    static const char *const drd[] = {
        "<li class=\"tp\"><code>data-race racy_counter.c:56</code> one side of a racing pair",
        "Made by valgrind-3.19.0 (as a test says).", "The 3 runs of this case did not agree",
        NULL};
    unit_site_case("racy_counter", "drd", "racy_counter.c:56", NULL, 1, drd);
    /* Helgrind's known false positive on refcount_atomic, with its reason */
    static const char *const hg[] = {
        "known, and the expected file says why: false positive: Helgrind does not model C11 "
        "atomics", NULL};
    unit_site_case("refcount_atomic", "helgrind", "refcount_atomic.c:69", "refcount_atomic.c:93",
                   0, hg);
    /* a known false negative, with its reason */
    static const char *const fn[] = {
        "<li class=\"fn\"><code>double-lock mutex_double_lock.c:43</code> in the truth, not "
        "reported exactly <span class=\"known\">known, and the expected file says why: false "
        "negative", NULL};
    unit_site_case("mutex_double_lock", "tsan-clang", "mutex_double_lock.c:1", NULL, 0, fn);
}

int main(void)
{
    test_escape();
    test_url();
    test_outcome();
    test_learner_pages();
    return unit_finish("unit_report_html");
}
