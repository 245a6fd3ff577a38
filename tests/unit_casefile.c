/*
 * unit_casefile.c - reading a case: header fields, markers, and the truth
 * derived from them (pairs of distinct lines per tag, plus self pairs).
 */
#include "casefile.h"
#include "exitcode.h"
#include "unit.h"

#include <stdlib.h>

#define BAD RACECARD_TEST_DIR "/bad/"

static void test_good(void)
{
    case_info c;
    text_buf err;
    text_buf_init(&err);
    UNIT_CHECK(case_load(BAD "good_case.c", &c, &err) == 0);
    UNIT_STREQ(c.name, "good_case");
    UNIT_STREQ(c.verdict, "race");
    UNIT_STREQ(c.file, "good_case.c");
    UNIT_CHECK(c.nmarkers == 5);   /* four RACE and one NORACE */
    finding_list t;
    finding_list_init(&t);
    case_truth(&c, &t);
    if (UNIT_HOLDS(t.n == 4)) {
        char *s = finding_format(&t.v[3]);
        UNIT_STREQ(s, "data-race good_case.c:12 good_case.c:12");
        free(s);
    }
    finding_list_free(&t);
    case_free(&c);
    text_buf_free(&err);
}

/* BUG markers: a tagged pair gives one two-location finding, an untagged one stands alone. */
static void test_bugs(void)
{
    case_info c;
    text_buf err;
    text_buf_init(&err);
    UNIT_CHECK(case_load(BAD "bug_markers.c", &c, &err) == 0);
    finding_list t;
    finding_list_init(&t);
    case_truth(&c, &t);
    const char *want[] = {
        "lock-order-inversion bug_markers.c:9 bug_markers.c:10",
        "thread-leak bug_markers.c:11",
        "thread-leak bug_markers.c:12",
    };
    if (UNIT_HOLDS(t.n == 3)) {
        for (size_t i = 0; i < 3; i++) {
            char *s = finding_format(&t.v[i]);
            UNIT_STREQ(s, want[i]);
            free(s);
        }
    }
    finding_list_free(&t);
    case_free(&c);
    text_buf_free(&err);
}

/* Loads a case that must be refused; returns the message. */
static char *unit_refused(const char *path)
{
    case_info c;
    text_buf err;
    text_buf_init(&err);
    UNIT_CHECK(case_load(path, &c, &err) == RC_EXIT_INPUT);
    case_free(&c);
    return err.s;
}

static void test_bad(void)
{
    char *m = unit_refused(BAD "lonely_marker.c");
    UNIT_CHECK(strstr(m, ":10: RACE(x) has no partner") != NULL);
    free(m);
    m = unit_refused(BAD "bad_marker.c");
    UNIT_CHECK(strstr(m, "malformed marker") != NULL);
    free(m);
    m = unit_refused(BAD "no_verdict.c");
    UNIT_CHECK(strstr(m, "'verdict' is missing") != NULL);
    free(m);
    m = unit_refused(BAD "free_but_marked.c");
    UNIT_CHECK(strstr(m, "race-free") != NULL);
    free(m);
    m = unit_refused(BAD "bug_bad_kind.c");
    UNIT_CHECK(strstr(m, ":9: BUG(deadlock): not a finding kind") != NULL);
    free(m);
    m = unit_refused(BAD "bug_three.c");
    UNIT_CHECK(strstr(m, "more than two lines") != NULL);
    free(m);
    m = unit_refused(BAD "does_not_exist.c");
    UNIT_CHECK(strstr(m, "cannot open") != NULL);
    free(m);
}

int main(void)
{
    test_good();
    test_bugs();
    test_bad();
    return unit_finish("unit_casefile");
}
