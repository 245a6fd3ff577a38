/*
 * unit_check.c - expected files: every difference from the truth must carry
 * a reason; one-location (DRD-style) findings agree with the pair they name;
 * the comparison is exact; a rewritten file keeps reasons and flags new
 * differences with FIXME, which is refused until a human explains them.
 */
#include "check.h"
#include "exitcode.h"
#include "unit.h"

#include <stdlib.h>

static char unit_path[] = "/tmp/racecard-unit-check-XXXXXX";

static void unit_write(const char *text)
{
    FILE *f = fopen(unit_path, "w");
    if (UNIT_HOLDS(f != NULL)) {
        fputs(text, f);
        fclose(f);
    }
}

static void unit_truth(finding_list *t)
{
    finding_list_init(t);
    finding_add(t, "data-race", "a.c:4", "a.c:9", NULL);
    finding_add(t, "data-race", "a.c:20", "a.c:20", NULL);
}

/* Loads text as an expected file and holds it to the truth; returns status. */
static int unit_judge(const char *text, text_buf *err)
{
    finding_list t;
    unit_truth(&t);
    unit_write(text);
    check_expected e;
    check_expected_init(&e);
    int rc = check_load(unit_path, &e, err);
    if (!rc)
        rc = check_against_truth(&e, &t, err);
    check_expected_free(&e);
    finding_list_free(&t);
    return rc;
}

static void test_documented(void)
{
    text_buf err;
    text_buf_init(&err);
    UNIT_CHECK(unit_judge("# header\ndata-race a.c:4 a.c:9\ndata-race a.c:20 a.c:20\n", &err) == 0);
    /* A one-sided report covers the pair it names. */
    UNIT_CHECK(unit_judge("data-race a.c:9\ndata-race a.c:20\n", &err) == 0);
    UNIT_CHECK(unit_judge("data-race a.c:4 ?\ndata-race a.c:20\n", &err) == 0);
    /* An extra finding needs a reason ... */
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\ndata-race a.c:20\ndata-race a.c:30\n", &err) == RC_EXIT_INPUT);
    UNIT_CHECK(strstr(err.s, "'data-race a.c:30' is not in the ground truth") != NULL);
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\ndata-race a.c:20\ndata-race a.c:30  # atomics\n", &err) == 0);
    /* ... and so does a truth pair left out. */
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\n", &err) == RC_EXIT_INPUT);
    UNIT_CHECK(strstr(err.s, "'data-race a.c:20 a.c:20' is in the ground truth but not expected") != NULL);
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\nmissing data-race a.c:20 a.c:20  # history\n", &err) == 0);
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\nmissing data-race a.c:20 a.c:20\n", &err) == RC_EXIT_INPUT);
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\ndata-race a.c:20\nmissing data-race a.c:20 a.c:20  # x\n", &err) == RC_EXIT_INPUT);
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\ndata-race a.c:20\nmissing data-race a.c:1 a.c:2  # x\n", &err) == RC_EXIT_INPUT);
    /* A same-kind finding on a wrong line is not one-sided agreement. */
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:10\ndata-race a.c:20\n", &err) == RC_EXIT_INPUT);
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\ndata-race a.c:20\n" "data-rcae a.c:1\n", &err) == RC_EXIT_INPUT);
    UNIT_CHECK(strstr(err.s, ":3: unknown kind 'data-rcae'") != NULL);
    UNIT_CHECK(unit_judge("data-race a.c:4 a.c:9\ndata-race a.c:20\ndata-race a.c:30  # " CHECK_FIXME "\n", &err) == RC_EXIT_INPUT);
    text_buf_free(&err);
}

static void test_compare(void)
{
    finding_list want, got;
    finding_list_init(&want);
    finding_list_init(&got);
    UNIT_CHECK(check_compare(&want, &got, NULL) == 0);
    finding_add(&want, "data-race", "a.c:4", "a.c:9", NULL);
    finding_add(&got, "data-race", "a.c:9", "a.c:4", "pid=7");
    UNIT_CHECK(check_compare(&want, &got, NULL) == 0);   /* keys and side order ignored */
    finding_add(&got, "thread-leak", "a.c:2", NULL, NULL);
    finding_add(&want, "data-race", "a.c:5", NULL, NULL);
    finding_list_normalize(&want);
    finding_list_normalize(&got);
    UNIT_CHECK(check_compare(&want, &got, NULL) == 2);
    finding_list_free(&want);
    finding_list_free(&got);
}

static void test_write(void)
{
    finding_list t, run;
    unit_truth(&t);
    finding_list_init(&run);
    finding_add(&run, "data-race", "a.c:4", "a.c:9", NULL);
    finding_add(&run, "data-race", "a.c:30", NULL, NULL);
    text_buf err;
    text_buf_init(&err);
    UNIT_CHECK(check_write(unit_path, NULL, &run, &t, "# new\n", &err) == 0);
    check_expected e;
    check_expected_init(&e);
    UNIT_CHECK(check_load(unit_path, &e, &err) == RC_EXIT_INPUT);   /* FIXME refused */
    check_expected_free(&e);
    unit_write("# kept header\ndata-race a.c:4 a.c:9\ndata-race a.c:30  # a reason\n"
               "missing data-race a.c:20 a.c:20  # old reason\n");
    check_expected_init(&e);
    UNIT_CHECK(check_load(unit_path, &e, &err) == 0);
    UNIT_CHECK(check_write(unit_path, &e, &run, &t, "# new\n", &err) == 0);
    check_expected_free(&e);
    check_expected_init(&e);
    UNIT_CHECK(check_load(unit_path, &e, &err) == 0);
    UNIT_CHECK(e.header.n == 1 && e.findings.n == 2 && e.missing.n == 1);
    if (UNIT_HOLDS(e.missing_reasons.n == 1))
        UNIT_STREQ(e.missing_reasons.v[0], "old reason");
    check_expected_free(&e);
    text_buf_free(&err);
    finding_list_free(&t);
    finding_list_free(&run);
}

int main(void)
{
    int fd = mkstemp(unit_path);
    if (fd < 0)
        return 2;
    test_documented();
    test_compare();
    test_write();
    remove(unit_path);
    return unit_finish("unit_check");
}
