/*
 * unit_lint.c - the catalog's consistency rules (lint.c) on hand-made
 * inputs: locations that exist or not, the label review with and without
 * the 'undetected' flag, and CMake's view of the definitions and headers
 * agreeing with racecard's readers, or not.
 */
#include "lint.h"
#include "unit.h"

#include <stdlib.h>
#include <unistd.h>

#define GOOD RACECARD_TEST_DIR "/bad/good_case.c"
#define FAKE RACECARD_TEST_DIR "/fake/fake-report.det"
/* A definition without cxx: its C++ keys read as empty on both sides. */
#define NO_CXX RACECARD_TEST_DIR "/fake/fake-segv.det"
#define SUPPORT RACECARD_SOURCE_DIR "/cases/support"

/* good_case.c has 13 lines; turn.h is a support header. */
static void test_loc_exists(const case_info *c)
{
    UNIT_CHECK(lint_loc_exists(SUPPORT, c, "good_case.c:13"));
    UNIT_CHECK(lint_loc_exists(SUPPORT, c, "good_case.c:1"));
    UNIT_CHECK(!lint_loc_exists(SUPPORT, c, "good_case.c:14"));
    UNIT_CHECK(!lint_loc_exists(SUPPORT, c, "good_case.c:0"));
    UNIT_CHECK(!lint_loc_exists(SUPPORT, c, "good_case.c:x"));
    UNIT_CHECK(!lint_loc_exists(SUPPORT, c, "good_case.c"));
    UNIT_CHECK(lint_loc_exists(SUPPORT, c, "?"));
    UNIT_CHECK(lint_loc_exists(SUPPORT, c, "turn.h:1"));
    UNIT_CHECK(!lint_loc_exists(SUPPORT, c, "turn.h:100000"));
    UNIT_CHECK(!lint_loc_exists(SUPPORT, c, "nosuch.h:1"));
}

static void test_lines(const case_info *c)
{
    check_expected e;
    check_expected_init(&e);
    finding_add(&e.findings, "data-race", "good_case.c:10", "good_case.c:99", NULL);
    finding_add(&e.missing, "data-race", "good_case.c:77", "good_case.c:11", NULL);
    finding_add(&e.findings, "thread-leak", "good_case.c:12", NULL, NULL);
    UNIT_CHECK(lint_lines(&e, "exp", SUPPORT, c, stderr) == 2);
    check_expected_free(&e);
}

/* good_case.c's truth: x pairs 10-11, 10-13, 11-13 and y 12 with itself. */
static void test_review(case_info *c, const finding_list *truth)
{
    finding_list seen;
    finding_list_init(&seen);
    UNIT_CHECK(truth->n == 4);
    UNIT_CHECK(lint_review(c, truth, &seen, stderr) == 4);
    for (size_t i = 0; i + 1 < truth->n; i++)
        finding_add(&seen, truth->v[i].kind, truth->v[i].loc[0], truth->v[i].loc[1], NULL);
    UNIT_CHECK(lint_review(c, truth, &seen, stderr) == 1);
    /* One side of a pair (DRD) does not confirm the pair. */
    if (truth->n == 4)
        finding_add(&seen, "data-race", truth->v[3].loc[0], NULL, NULL);
    UNIT_CHECK(lint_review(c, truth, &seen, stderr) == 1);
    text_list_push(&c->flags, text_dup("undetected"));
    UNIT_CHECK(lint_review(c, truth, &seen, stderr) == 0);
    finding_list_free(&seen);
}

/* Writes text to a new temporary file; returns its path (free it). */
static char *unit_view(const char *text)
{
    char *path = text_dup("/tmp/racecard-unit-lint-XXXXXX");
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    UNIT_CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static unsigned unit_build(const char *text, size_t *compared)
{
    char *path = unit_view(text);
    unsigned n = lint_build(path, RACECARD_TEST_DIR, stderr, compared);
    unlink(path);
    free(path);
    return n;
}

static void test_build(void)
{
    size_t compared = 99;
    const char *agree = "source\t" RACECARD_TEST_DIR "\n"
                        "detector\t" FAKE "\tname\tfake-report\n"
                        "detector\t" FAKE "\tcflags\t-std=c11 -g -O0\n"
                        "detector\t" FAKE "\ttimeout\t2\n"
                        "detector\t" FAKE "\ttests\tyes\n"
                        "detector\t" FAKE "\tcxx\tg++\n"
                        "detector\t" FAKE "\tcxxflags\t-std=c++17 -g -O0\n"
                        "detector\t" NO_CXX "\tcxx\t\n"
                        "detector\t" NO_CXX "\tcxxflags\t\n"
                        "case\t" GOOD "\tverdict\trace\n"
                        "case\t" GOOD "\tcategory\ttest\n";
    UNIT_CHECK(unit_build(agree, &compared) == 0);
    UNIT_CHECK(compared == 10);
    /* The C++ compiler: a value the other reader lacks, or reads otherwise. */
    UNIT_CHECK(unit_build("source\t" RACECARD_TEST_DIR "\n"
                          "detector\t" FAKE "\tcxx\t\n"
                          "detector\t" FAKE "\tcxxflags\t-std=c++17 -g -O1\n"
                          "detector\t" NO_CXX "\tcxx\tclang++\n", &compared) == 3);
    UNIT_CHECK(compared == 3);
    /* Each way the two readers can part. */
    UNIT_CHECK(unit_build("source\t" RACECARD_TEST_DIR "\n"
                          "detector\t" FAKE "\ttimeout\t30\n"
                          "detector\t" FAKE "\ttests\tno\n"
                          "case\t" GOOD "\tcategory\tother\n", &compared) == 3);
    UNIT_CHECK(compared == 3);
    UNIT_CHECK(unit_build("source\t" RACECARD_TEST_DIR "\n"
                          "detector\t" RACECARD_TEST_DIR "/bad/broken.det\tname\tbroken\n"
                          "case\t" RACECARD_TEST_DIR "/bad/no_verdict.c\tverdict\trace\n", &compared) == 2);
    UNIT_CHECK(unit_build("source\t" RACECARD_TEST_DIR "\nnonsense\n", &compared) == 1);
    /* Another tree's view is not this tree's business; nor is no view. */
    UNIT_CHECK(unit_build("source\t/\ndetector\t" FAKE "\ttimeout\t30\n", &compared) == 0);
    UNIT_CHECK(compared == 0);
    UNIT_CHECK(lint_build("/nonexistent/view", RACECARD_TEST_DIR, stderr, &compared) == 0);
    UNIT_CHECK(compared == 0);
}

int main(void)
{
    case_info c;
    text_buf err;
    text_buf_init(&err);
    int rc = case_load(GOOD, &c, &err);
    UNIT_CHECK(rc == 0);
    if (rc == 0) {
        finding_list truth;
        finding_list_init(&truth);
        case_truth(&c, &truth);
        test_loc_exists(&c);
        test_lines(&c);
        test_review(&c, &truth);
        finding_list_free(&truth);
    }
    case_free(&c);
    text_buf_free(&err);
    test_build();
    return unit_finish("unit_lint");
}
