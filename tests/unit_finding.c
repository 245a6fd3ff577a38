/*
 * unit_finding.c - canonical findings: order, uniqueness, round trip, and
 * refusal of lines that are not canonical; and the kinds the title table
 * (titles.h) gives the parse stage, which must all be canonical.
 */
#include "finding.h"
#include "titles.h"
#include "unit.h"

#include <stdio.h>

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
    if (UNIT_HOLDS(l.n == 3)) {
        char *s = finding_format(&l.v[1]);
        UNIT_STREQ(s, "data-race x.c:4 x.c:30");   /* sides sorted, duplicate gone */
        free(s);
        s = finding_format(&l.v[0]);
        UNIT_STREQ(s, "data-race x.c:4");          /* one location sorts first */
        free(s);
    }
    finding_list_free(&l);
}

static void test_parse(void)
{
    finding_list l;
    finding_list_init(&l);
    char err[200];
    UNIT_CHECK(finding_parse_line("data-race a.c:2 a.c:1", &l, err, sizeof err) == 0);
    UNIT_CHECK(finding_parse_line("other:dubious-signal ? cut=yes", &l, err, sizeof err) == 0);
    if (UNIT_HOLDS(l.n == 2))
        UNIT_STREQ(l.v[1].keys, "cut=yes");
    UNIT_CHECK(finding_parse_line("data-rcae a.c:1", &l, err, sizeof err) != 0);
    UNIT_CHECK(strstr(err, "unknown kind") != NULL);
    UNIT_CHECK(finding_parse_line("data-race a.c", &l, err, sizeof err) != 0);
    UNIT_CHECK(finding_parse_line("data-race a.c:1 b.c:2 c.c:3", &l, err, sizeof err) != 0);
    UNIT_CHECK(finding_parse_line("data-race", &l, err, sizeof err) != 0);
    UNIT_CHECK(finding_parse_line("data-race k=v a.c:1", &l, err, sizeof err) != 0);
    UNIT_CHECK(finding_parse_line("other:Bad a.c:1", &l, err, sizeof err) != 0);
    if (UNIT_HOLDS(l.n == 2)) {
        char *s = finding_format(&l.v[0]);
        UNIT_STREQ(s, "data-race a.c:1 a.c:2");
        free(s);
    }
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

/* Adding without duplicates: equal by finding_cmp whatever the order of the
 * two locations, the spelling of a line number or the keys. */
static void test_unique(void)
{
    finding_list l;
    finding_set s;
    finding_list_init(&l);
    finding_set_init(&s);
    UNIT_CHECK(finding_add_unique(&l, &s, "data-race", "b.c:9", "a.c:7", "stack=unrestored") == 1);
    UNIT_CHECK(finding_add_unique(&l, &s, "data-race", "a.c:7", "b.c:9", NULL) == 0);
    UNIT_CHECK(finding_add_unique(&l, &s, "data-race", "a.c:07", "b.c:9", NULL) == 0);
    UNIT_CHECK(finding_add_unique(&l, &s, "data-race", "a.c:7", NULL, NULL) == 1);
    UNIT_CHECK(finding_add_unique(&l, &s, "data-race", NULL, NULL, NULL) == 1);
    UNIT_CHECK(finding_add_unique(&l, &s, "data-race", "?", NULL, NULL) == 0);
    UNIT_CHECK(finding_add_unique(&l, &s, "thread-leak", "a.c:7", NULL, NULL) == 1);
    if (UNIT_HOLDS(l.n == 4)) {
        UNIT_STREQ(l.v[0].loc[0], "a.c:7");
        UNIT_STREQ(l.v[0].keys, "stack=unrestored");
    }
    /* enough distinct findings to grow the set several times */
    char loc[32];
    for (int i = 1; i <= 1000; i++) {
        snprintf(loc, sizeof loc, "c.c:%d", i);
        UNIT_CHECK(finding_add_unique(&l, &s, "data-race", loc, "c.c:1", NULL) == 1);
    }
    size_t added = 0;
    for (int i = 1000; i >= 1; i--) {
        snprintf(loc, sizeof loc, "c.c:%d", i);
        added += (size_t)finding_add_unique(&l, &s, "data-race", "c.c:1", loc, NULL);
    }
    UNIT_CHECK(added == 0 && l.n == 1004);
    /* sorting moves findings: the set must be rebuilt to find them again */
    finding_list_normalize(&l);
    finding_set_rebuild(&s, &l);
    UNIT_CHECK(finding_add_unique(&l, &s, "thread-leak", "a.c:7", NULL, NULL) == 0);
    UNIT_CHECK(finding_add_unique(&l, &s, "data-race", "c.c:500", "c.c:1", NULL) == 0);
    UNIT_CHECK(l.n == 1004);
    finding_set_free(&s);
    finding_list_free(&l);
}

/* Every kind a title can have is a finding kind, or has none (other:SLUG). */
static void test_title_kinds(void)
{
    for (int k = 0; k < TITLES_NKINDS; k++) {
        const char *name = titles_canonical((titles_kind)k);
        if (k == TITLES_PTHREAD_ERROR || k == TITLES_OTHER)
            UNIT_CHECK(name == NULL);
        else
            UNIT_CHECK(name && finding_kind_valid(name) && strncmp(name, "other:", 6) != 0);
    }
    UNIT_CHECK(titles_canonical(TITLES_NKINDS) == NULL);
    UNIT_CHECK(titles_kind_of(TITLES_TSAN, "data race", 0) == TITLES_DATA_RACE);
    UNIT_CHECK(titles_kind_of(TITLES_VALGRIND, "Possible data race during read of size 4 at 0x1 "
                                               "by thread #3", 0) == TITLES_DATA_RACE);
    /* a title is looked up among its own detector's rows only */
    UNIT_CHECK(titles_kind_of(TITLES_TSAN, "Conflicting load by thread 3", 0) == TITLES_OTHER);
    UNIT_CHECK(titles_kind_of(TITLES_DRD, "Possible data race during read", 0) == TITLES_OTHER);
    UNIT_CHECK(titles_kind_of(TITLES_DRD, "Conflicting store by thread 2 at 0x1 size 4", 0) ==
               TITLES_DATA_RACE);
    /* Helgrind's lock order counts only whole; leniently, by its start */
    const char *cut = "Thread #3: lock order \"0x10C0A0 before 0x10";
    UNIT_CHECK(titles_kind_of(TITLES_HELGRIND, cut, 0) == TITLES_OTHER);
    UNIT_CHECK(titles_kind_of(TITLES_HELGRIND, cut, 1) == TITLES_LOCK_ORDER);
    UNIT_CHECK(titles_kind_of(TITLES_HELGRIND, "Thread #3: lock order \"0x1 before 0x2\" violated",
                              0) == TITLES_LOCK_ORDER);
    UNIT_CHECK(titles_tsan_crash_signal("SEGV on unknown address 0x0") == 11);
    UNIT_CHECK(titles_tsan_crash_signal("stack-overflow") == 11);
    UNIT_CHECK(titles_tsan_crash_signal("SEGVx") == 0);
    UNIT_CHECK(titles_hg_lock_announcement("  Lock at 0x10C100 was first observed"));
    UNIT_CHECK(!titles_hg_lock_announcement("Lock was previously acquired"));
}

int main(void)
{
    test_order();
    test_parse();
    test_other();
    test_unique();
    test_title_kinds();
    return unit_finish("unit_finding");
}
