/*
 * unit_finding.c - canonical findings: order, uniqueness, round trip, and
 * refusal of lines that are not canonical.
 */
#include "finding.h"
#include "unit.h"

#include <stdlib.h>

static void test_order(void)
{
    UNIT_CHECK(finding_loc_cmp("a.c:9", "a.c:10") < 0);   /* numeric, not textual */
    UNIT_CHECK(finding_loc_cmp("a.c:10", "b.c:2") < 0);
    UNIT_CHECK(finding_loc_cmp("a.c:10", "a.c:10") == 0);
    UNIT_CHECK(finding_loc_cmp("?", "z.c:1") > 0);
    UNIT_CHECK(finding_loc_cmp("ab.c:1", "a.c:1") > 0);
    finding_list l;
    finding_list_init(&l);
    finding_add(&l, "data-race", "x.c:30", "x.c:4", NULL);
    finding_add(&l, "data-race", "x.c:4", "x.c:30", "seen=2");
    finding_add(&l, "data-race", "x.c:4", NULL, NULL);
    finding_add(&l, "thread-leak", "x.c:1", NULL, NULL);
    finding_list_normalize(&l);
    UNIT_CHECK(l.n == 3);
    char *s = finding_format(&l.v[1]);
    UNIT_STREQ(s, "data-race x.c:4 x.c:30");   /* sides sorted, duplicate gone */
    free(s);
    s = finding_format(&l.v[0]);
    UNIT_STREQ(s, "data-race x.c:4");          /* one location sorts first */
    free(s);
    finding_list_free(&l);
}

static void test_parse(void)
{
    finding_list l;
    finding_list_init(&l);
    char err[200];
    UNIT_CHECK(finding_parse_line("data-race a.c:2 a.c:1", &l, err, sizeof err) == 0);
    UNIT_CHECK(finding_parse_line("other:dubious-signal ? cut=yes", &l, err, sizeof err) == 0);
    UNIT_STREQ(l.v[1].keys, "cut=yes");
    UNIT_CHECK(finding_parse_line("data-rcae a.c:1", &l, err, sizeof err) != 0);
    UNIT_CHECK(strstr(err, "unknown kind") != NULL);
    UNIT_CHECK(finding_parse_line("data-race a.c", &l, err, sizeof err) != 0);
    UNIT_CHECK(finding_parse_line("data-race a.c:1 b.c:2 c.c:3", &l, err, sizeof err) != 0);
    UNIT_CHECK(finding_parse_line("data-race", &l, err, sizeof err) != 0);
    UNIT_CHECK(finding_parse_line("data-race k=v a.c:1", &l, err, sizeof err) != 0);
    UNIT_CHECK(finding_parse_line("other:Bad a.c:1", &l, err, sizeof err) != 0);
    UNIT_CHECK(l.n == 2);
    char *s = finding_format(&l.v[0]);
    UNIT_STREQ(s, "data-race a.c:1 a.c:2");
    free(s);
    finding_list_free(&l);
}

static void test_other(void)
{
    char *k = finding_other_kind("Thread #1: pthread_cond_{signal,broadcast}: dubious");
    UNIT_STREQ(k, "other:thread-1-pthread-cond-signal-broadcast-dubious");
    UNIT_CHECK(finding_kind_valid(k));
    free(k);
    k = finding_other_kind("!!!");
    UNIT_STREQ(k, "other:unnamed");
    free(k);
}

int main(void)
{
    test_order();
    test_parse();
    test_other();
    return unit_finish("unit_finding");
}
