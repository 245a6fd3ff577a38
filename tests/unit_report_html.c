/*
 * unit_report_html.c - the pieces of the HTML report that can go wrong
 * quietly: escaping (a case source or a log holding < & " ' or control
 * bytes must read as text, never as markup), names in links, and the
 * case-level outcome each cell of the index shows.
 */
#include "report_html.h"
#include "unit.h"

#include <stdlib.h>

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

int main(void)
{
    test_escape();
    test_url();
    test_outcome();
    return unit_finish("unit_report_html");
}
