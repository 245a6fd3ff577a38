/*
 * unit_score.c - the scorecard against confusion matrices worked out by hand:
 * a normal mix of cases, exact and inexact pairs, DRD-style one-location
 * findings at line level, "?" locations, per-kind rows, entries that did not
 * run, flakiness, medians and costs, and the degenerate inputs where a ratio
 * has nothing to divide by and must come out undefined, never 0.
 */
#include "score.h"
#include "unit.h"

#include <stdlib.h>

#define UNIT_MAX 8

static score_entry unit_entries[UNIT_MAX];
static finding_list unit_truths[UNIT_MAX];
static size_t unit_n;

/* Adds an entry with its own (empty) truth; returns it for filling in. */
static score_entry *unit_entry(const char *name, const char *category, score_status status)
{
    score_entry *e = &unit_entries[unit_n];
    finding_list_init(&unit_truths[unit_n]);
    score_entry_init(e);
    e->case_name = name;
    e->category = category;
    e->truth = &unit_truths[unit_n];
    e->status = status;
    e->runs = 1;
    unit_n++;
    return e;
}

static finding_list *unit_truth(score_entry *e)
{
    return &unit_truths[e - unit_entries];
}

static void unit_race(finding_list *l, const char *a, const char *b)
{
    finding_add(l, "data-race", a, b, NULL);
}

static void unit_reset(void)
{
    for (size_t i = 0; i < unit_n; i++) {
        score_entry_free(&unit_entries[i]);
        finding_list_free(&unit_truths[i]);
    }
    unit_n = 0;
}

/* The counts c must hold, TN included. */
static void unit_counts(const score_counts *c, size_t tp, size_t fp, size_t tn, size_t fn)
{
    UNIT_CHECK(c->tp == tp);
    UNIT_CHECK(c->fp == fp);
    UNIT_CHECK(c->tn == tn);
    UNIT_CHECK(c->fn == fn);
}

/* 3 racy and 3 race-free cases: 2 TP, 1 FN, 1 FP, 2 TN. */
static void test_normal_mix(void)
{
    const char *cat[6] = {"global", "lock", "lock", "global", "lock", "lock"};
    for (int i = 0; i < 6; i++) {
        score_entry *e = unit_entry(i < 3 ? "racy" : "free", cat[i], SCORE_RAN);
        if (i < 3)
            unit_race(unit_truth(e), "r.c:1", "r.c:2");
        if (i < 2 || i == 3)     /* racy 0 and 1 found; race-free 3 a false alarm */
            unit_race(&e->found, "r.c:1", "r.c:2");
    }
    /* Findings of another kind never make a case predicted racy. */
    finding_add(&unit_entries[4].found, "thread-leak", "r.c:9", NULL, NULL);
    score_card card;
    score_compute("det", unit_entries, unit_n, &card);
    UNIT_STREQ(card.detector, "det");
    UNIT_CHECK(card.cases == 6 && card.status[SCORE_RAN] == 6 && card.changed == 0);
    unit_counts(&card.cases_cm, 2, 1, 2, 1);
    UNIT_NEAR(card.case_rates.precision, 2.0 / 3);
    UNIT_NEAR(card.case_rates.recall, 2.0 / 3);
    UNIT_NEAR(card.case_rates.f1, 2.0 / 3);
    UNIT_NEAR(card.case_rates.specificity, 2.0 / 3);
    UNIT_NEAR(card.case_rates.accuracy, 4.0 / 6);
    UNIT_NEAR(card.support, 1);
    UNIT_NEAR(card.adjusted_f1, 2.0 / 3);
    /* Exact pairs: the two found are true, the third racy case's is missed,
     * the false alarm's pair is not in its (empty) truth. */
    unit_counts(&card.pairs, 2, 1, 0, 1);
    UNIT_NAN(card.pair_rates.specificity);
    UNIT_NAN(card.pair_rates.accuracy);
    /* By category: global holds racy 0 (TP) and free 3 (FP); lock the rest. */
    score_counts g = score_category_counts(unit_entries, unit_n, "global");
    unit_counts(&g, 1, 1, 0, 0);
    score_counts l = score_category_counts(unit_entries, unit_n, "lock");
    unit_counts(&l, 1, 0, 2, 1);
    score_counts none = score_category_counts(unit_entries, unit_n, NULL);
    unit_counts(&none, 0, 0, 0, 0);
    score_counts other = score_category_counts(unit_entries, unit_n, "nosuch");
    unit_counts(&other, 0, 0, 0, 0);
    score_card_free(&card);
    unit_reset();
}

/*
 * Truth: 4-9, 20-20 (self), 4-12, 40-41.  Found: 4-9 exact; 9-12 a wrong
 * pair; 20 alone and 4-? (not pairs, but lines); 30 alone (a wrong line);
 * 9-4 again in the other order, which is the same pair counted once.
 */
static void test_pairs_and_lines(void)
{
    score_entry *e = unit_entry("racy", "c", SCORE_RAN);
    finding_list *t = unit_truth(e);
    unit_race(t, "a.c:4", "a.c:9");
    unit_race(t, "a.c:20", "a.c:20");
    unit_race(t, "a.c:4", "a.c:12");
    unit_race(t, "a.c:40", "a.c:41");
    unit_race(&e->found, "a.c:4", "a.c:9");
    unit_race(&e->found, "a.c:9", "a.c:12");
    unit_race(&e->found, "a.c:20", NULL);
    unit_race(&e->found, "a.c:4", "?");
    unit_race(&e->found, "a.c:30", NULL);
    unit_race(&e->found, "a.c:9", "a.c:4");
    score_card card;
    score_compute("det", unit_entries, unit_n, &card);
    unit_counts(&card.cases_cm, 1, 0, 0, 0);
    unit_counts(&card.pairs, 1, 1, 0, 3);
    UNIT_NEAR(card.pair_rates.precision, 1.0 / 2);
    UNIT_NEAR(card.pair_rates.recall, 1.0 / 4);
    UNIT_NEAR(card.pair_rates.f1, 2.0 / (2 + 1 + 3));
    /* Lines found 4 9 12 20 30 against truth lines 4 9 12 20 40 41. */
    unit_counts(&card.lines, 4, 1, 0, 2);
    UNIT_NEAR(card.line_rates.precision, 4.0 / 5);
    UNIT_NEAR(card.line_rates.recall, 4.0 / 6);
    UNIT_NEAR(card.line_rates.f1, 8.0 / (8 + 1 + 2));
    UNIT_NAN(card.line_rates.specificity);
    UNIT_CHECK(card.nkinds == 0 && card.kinds == NULL);
    score_card_free(&card);
    unit_reset();
}

/* DRD names only the later access: no pair, but the line is a true one. */
static void test_one_location(void)
{
    score_entry *e = unit_entry("racy", "c", SCORE_RAN);
    unit_race(unit_truth(e), "r.c:10", "r.c:20");
    unit_race(&e->found, "r.c:20", NULL);
    score_card card;
    score_compute("drd", unit_entries, unit_n, &card);
    unit_counts(&card.cases_cm, 1, 0, 0, 0);
    unit_counts(&card.pairs, 0, 0, 0, 1);
    UNIT_NAN(card.pair_rates.precision);   /* no pair reported: undefined, not 0 */
    UNIT_NEAR(card.pair_rates.recall, 0);
    UNIT_NAN(card.pair_rates.f1);
    unit_counts(&card.lines, 1, 0, 0, 1);
    UNIT_NEAR(card.line_rates.precision, 1);
    UNIT_NEAR(card.line_rates.recall, 1.0 / 2);
    UNIT_NEAR(card.line_rates.f1, 2.0 / 3);
    score_card_free(&card);
    unit_reset();
}

/* A race with no location at all still predicts the case racy. */
static void test_unknown_locations(void)
{
    score_entry *e = unit_entry("free", "c", SCORE_RAN);
    unit_race(&e->found, "?", NULL);
    e = unit_entry("free2", "c", SCORE_RAN);
    unit_race(&e->found, "?", "?");
    score_card card;
    score_compute("det", unit_entries, unit_n, &card);
    unit_counts(&card.cases_cm, 0, 2, 0, 0);
    UNIT_NEAR(card.case_rates.precision, 0);
    UNIT_NAN(card.case_rates.recall);
    UNIT_NAN(card.case_rates.f1);
    UNIT_NEAR(card.case_rates.specificity, 0);
    unit_counts(&card.pairs, 0, 0, 0, 0);
    unit_counts(&card.lines, 0, 0, 0, 0);
    UNIT_NAN(card.line_rates.precision);
    score_card_free(&card);
    unit_reset();
}

/* The kind row named k, or NULL. */
static const score_kind_row *unit_kind(const score_card *card, const char *k)
{
    for (size_t i = 0; i < card->nkinds; i++)
        if (strcmp(card->kinds[i].kind, k) == 0)
            return &card->kinds[i];
    return NULL;
}

static void test_kinds(void)
{
    score_entry *e = unit_entry("lock_order", "misuse", SCORE_RAN);
    finding_add(unit_truth(e), "lock-order-inversion", "l.c:58", "l.c:49", NULL);
    finding_add(&e->found, "lock-order-inversion", "l.c:49", "l.c:58", "cycle=2");
    e = unit_entry("thread_leak", "misuse", SCORE_RAN);
    finding_add(unit_truth(e), "thread-leak", "t.c:83", NULL, NULL);
    finding_add(&e->found, "thread-leak", "t.c:84", NULL, NULL);
    e = unit_entry("free", "heap", SCORE_RAN);
    finding_add(&e->found, "heap-use-after-free", "h.c:5", NULL, NULL);
    /* Truth of an entry that did not run still names its kind ... */
    e = unit_entry("double_lock", "misuse", SCORE_TIMEOUT);
    finding_add(unit_truth(e), "double-lock", "d.c:7", NULL, NULL);
    finding_add(&e->found, "double-lock", "d.c:7", NULL, NULL);
    /* ... but what a crashed run reported does not. */
    e = unit_entry("signal", "misuse", SCORE_CRASHED);
    finding_add(&e->found, "signal-unsafe-call", "s.c:3", NULL, NULL);
    score_card card;
    score_compute("det", unit_entries, unit_n, &card);
    UNIT_CHECK(card.nkinds == 4);
    if (card.nkinds == 4) {
        UNIT_STREQ(card.kinds[0].kind, "double-lock");
        UNIT_STREQ(card.kinds[1].kind, "heap-use-after-free");
        UNIT_STREQ(card.kinds[2].kind, "lock-order-inversion");
        UNIT_STREQ(card.kinds[3].kind, "thread-leak");
    }
    const score_kind_row *r = unit_kind(&card, "double-lock");
    UNIT_CHECK(r && r->counts.tp == 0 && r->counts.fp == 0 && r->counts.fn == 0);
    UNIT_CHECK(r && isnan(r->rates.precision) && isnan(r->rates.recall) && isnan(r->rates.f1));
    r = unit_kind(&card, "heap-use-after-free");
    UNIT_CHECK(r && r->counts.tp == 0 && r->counts.fp == 1 && r->counts.fn == 0);
    UNIT_CHECK(r && r->rates.precision == 0 && isnan(r->rates.recall) && isnan(r->rates.f1));
    r = unit_kind(&card, "lock-order-inversion");
    UNIT_CHECK(r && r->counts.tp == 1 && r->counts.fp == 0 && r->counts.fn == 0);
    UNIT_CHECK(r && r->rates.precision == 1 && r->rates.recall == 1 && r->rates.f1 == 1);
    UNIT_CHECK(r && isnan(r->rates.specificity) && isnan(r->rates.accuracy));
    /* A wrong line is both a false alarm and a miss; F1 is 0, not undefined. */
    r = unit_kind(&card, "thread-leak");
    UNIT_CHECK(r && r->counts.tp == 0 && r->counts.fp == 1 && r->counts.fn == 1 && r->counts.tn == 0);
    UNIT_CHECK(r && r->rates.precision == 0 && r->rates.recall == 0 && r->rates.f1 == 0);
    /* None of it is a data race. */
    unit_counts(&card.cases_cm, 0, 0, 3, 0);
    unit_counts(&card.lines, 0, 0, 0, 0);
    score_card_free(&card);
    UNIT_CHECK(card.kinds == NULL && card.nkinds == 0);
    unit_reset();
}

/*
 * Two entries ran (a TP and a TN); four did not, and what they reported is
 * ignored: a build failure, a detector error that reported a race in a
 * race-free case, a crash and a timeout of racy cases.
 */
static void test_status(void)
{
    score_entry *e = unit_entry("racy", "c", SCORE_RAN);
    unit_race(unit_truth(e), "r.c:1", "r.c:2");
    unit_race(&e->found, "r.c:1", "r.c:2");
    e->changed = 1;
    e->runs = 2;
    unit_entry("free", "c", SCORE_RAN);
    e = unit_entry("racy_b", "c", SCORE_BUILD_FAILED);
    unit_race(unit_truth(e), "r.c:1", "r.c:2");
    e = unit_entry("free_d", "c", SCORE_DETECTOR_ERROR);
    unit_race(&e->found, "r.c:1", "r.c:2");
    e = unit_entry("racy_c", "c", SCORE_CRASHED);
    unit_race(unit_truth(e), "r.c:1", "r.c:2");
    unit_race(&e->found, "r.c:1", "r.c:2");
    e = unit_entry("racy_t", "c", SCORE_TIMEOUT);
    unit_race(unit_truth(e), "r.c:1", "r.c:2");
    e->changed = 1;
    score_card card;
    score_compute("det", unit_entries, unit_n, &card);
    UNIT_CHECK(card.cases == 6);
    UNIT_CHECK(card.status[SCORE_RAN] == 2);
    UNIT_CHECK(card.status[SCORE_BUILD_FAILED] == 1);
    UNIT_CHECK(card.status[SCORE_DETECTOR_ERROR] == 1);
    UNIT_CHECK(card.status[SCORE_CRASHED] == 1);
    UNIT_CHECK(card.status[SCORE_TIMEOUT] == 1);
    UNIT_CHECK(card.changed == 2);
    unit_counts(&card.cases_cm, 1, 0, 1, 0);
    UNIT_NEAR(card.case_rates.f1, 1);
    UNIT_NEAR(card.case_rates.accuracy, 1);
    UNIT_NEAR(card.support, 2.0 / 6);
    UNIT_NEAR(card.adjusted_f1, 1.0 / 3);
    unit_counts(&card.pairs, 1, 0, 0, 0);
    unit_counts(&card.lines, 2, 0, 0, 0);
    score_counts c = score_category_counts(unit_entries, unit_n, "c");
    unit_counts(&c, 1, 0, 1, 0);
    UNIT_STREQ(score_status_name(SCORE_RAN), "ran");
    UNIT_STREQ(score_status_name(SCORE_BUILD_FAILED), "build-failed");
    UNIT_STREQ(score_status_name(SCORE_DETECTOR_ERROR), "detector-error");
    UNIT_STREQ(score_status_name(SCORE_CRASHED), "crashed");
    UNIT_STREQ(score_status_name(SCORE_TIMEOUT), "timeout");
    /* a value past the table, or below it, reads no memory outside it */
    UNIT_STREQ(score_status_name(SCORE_STATUS_COUNT), "?");
    UNIT_STREQ(score_status_name((score_status)-1), "?");
    score_card_free(&card);
    unit_reset();
}

static void test_median(void)
{
    double odd[] = {3, 1, 2};
    UNIT_NEAR(score_median(odd, 3), 2);
    UNIT_CHECK(odd[0] == 1 && odd[1] == 2 && odd[2] == 3);
    double even[] = {4, 1, 3, 2};
    UNIT_NEAR(score_median(even, 4), 2.5);
    double one[] = {7.5};
    UNIT_NEAR(score_median(one, 1), 7.5);
    UNIT_NAN(score_median(NULL, 0));
}

/* Ratios only where both sides are known, and only over entries that ran. */
static void test_cost(void)
{
    static const struct { double wall, native_wall, maxrss, native_maxrss; score_status s; } runs[] = {
        {10, 1, 200, 100, SCORE_RAN},     /* slowdown 10, memory 2 */
        {6, 2, 500, 100, SCORE_RAN},      /* 3, 5 */
        {5, 0, 0, 100, SCORE_RAN},        /* native time unknown, rss unknown */
        {0, 1, 300, -1, SCORE_RAN},       /* time unknown, native rss unknown */
        {100, 1, 9000, 1, SCORE_TIMEOUT}, /* did not run: ignored */
        {8, 2, 0, 0, SCORE_RAN},          /* 4, unknown */
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        score_entry *e = unit_entry("c", "c", runs[i].s);
        e->wall = runs[i].wall;
        e->native_wall = runs[i].native_wall;
        e->maxrss = runs[i].maxrss;
        e->native_maxrss = runs[i].native_maxrss;
    }
    score_card card;
    score_compute("det", unit_entries, unit_n, &card);
    UNIT_NEAR(card.slowdown, 4);      /* median of 10, 3, 4 */
    UNIT_NEAR(card.memory, 3.5);      /* median of 2, 5 */
    score_card_free(&card);
    unit_reset();
    unit_entry("c", "c", SCORE_RAN);  /* nothing measured */
    score_compute("det", unit_entries, unit_n, &card);
    UNIT_NAN(card.slowdown);
    UNIT_NAN(card.memory);
    score_card_free(&card);
    unit_reset();
}

/* Race-free cases only, all clean: nothing to be precise or recall about. */
static void test_no_positives(void)
{
    for (int i = 0; i < 3; i++)
        unit_entry("free", "c", SCORE_RAN);
    score_card card;
    score_compute("det", unit_entries, unit_n, &card);
    unit_counts(&card.cases_cm, 0, 0, 3, 0);
    UNIT_NAN(card.case_rates.precision);
    UNIT_NAN(card.case_rates.recall);
    UNIT_NAN(card.case_rates.f1);
    UNIT_NEAR(card.case_rates.specificity, 1);
    UNIT_NEAR(card.case_rates.accuracy, 1);
    UNIT_NEAR(card.support, 1);
    UNIT_NAN(card.adjusted_f1);
    UNIT_NAN(card.pair_rates.precision);
    UNIT_NAN(card.line_rates.recall);
    score_card_free(&card);
    unit_reset();
}

static void test_all_skipped(void)
{
    score_entry *e = unit_entry("racy", "c", SCORE_BUILD_FAILED);
    unit_race(unit_truth(e), "r.c:1", "r.c:2");
    unit_entry("free", "c", SCORE_BUILD_FAILED);
    score_card card;
    score_compute("det", unit_entries, unit_n, &card);
    UNIT_CHECK(card.cases == 2 && card.status[SCORE_BUILD_FAILED] == 2);
    unit_counts(&card.cases_cm, 0, 0, 0, 0);
    UNIT_NEAR(card.support, 0);
    UNIT_NAN(card.case_rates.accuracy);
    UNIT_NAN(card.case_rates.f1);
    UNIT_NAN(card.adjusted_f1);
    unit_counts(&card.pairs, 0, 0, 0, 0);   /* unscored truth is not missed */
    score_card_free(&card);
    unit_reset();
}

static void test_no_entries(void)
{
    score_card card;
    score_compute("det", NULL, 0, &card);
    UNIT_CHECK(card.cases == 0 && card.status[SCORE_RAN] == 0 && card.nkinds == 0);
    UNIT_NAN(card.support);
    UNIT_NAN(card.adjusted_f1);
    UNIT_NAN(card.case_rates.precision);
    UNIT_NAN(card.case_rates.specificity);
    UNIT_NAN(card.slowdown);
    score_card_free(&card);
    score_counts c = {0, 0, 0, 0};
    score_rates r = score_rates_of(&c);
    UNIT_CHECK(isnan(r.precision) && isnan(r.recall) && isnan(r.specificity)
               && isnan(r.accuracy) && isnan(r.f1));
    score_counts z = score_category_counts(NULL, 0, "c");
    unit_counts(&z, 0, 0, 0, 0);
}

/* A case in several categories (DataRaceBench's P-labels, "Y3 Y5") counts
   in each of them and in no category that only shares a prefix; a case of
   unknown verdict counts in none, as it counts nowhere else. */
static void test_categories(void)
{
    unit_reset();
    score_entry *both = unit_entry("both", "Y3 Y5", SCORE_RAN);
    unit_race(unit_truth(both), "a.c:1", "a.c:2");
    unit_race(&both->found, "a.c:1", "a.c:2");
    score_entry *one = unit_entry("one", "Y3", SCORE_RAN);
    unit_race(&one->found, "b.c:1", "b.c:1");
    score_entry *unknown = unit_entry("unknown", "Y5", SCORE_RAN);
    unknown->level = CASE_TRUTH_UNKNOWN;
    unit_race(&unknown->found, "c.c:1", "c.c:1");
    score_counts y3 = score_category_counts(unit_entries, unit_n, "Y3");
    unit_counts(&y3, 1, 1, 0, 0);
    score_counts y5 = score_category_counts(unit_entries, unit_n, "Y5");
    unit_counts(&y5, 1, 0, 0, 0);
    score_counts y = score_category_counts(unit_entries, unit_n, "Y");
    unit_counts(&y, 0, 0, 0, 0);
    UNIT_CHECK(score_in_category("Y3 Y5", "Y5"));
    UNIT_CHECK(score_in_category("Y3", "Y3"));
    UNIT_CHECK(!score_in_category("Y35", "Y3"));
    UNIT_CHECK(!score_in_category("Y3 Y5", "Y3 Y5 Y6"));
    UNIT_CHECK(score_in_category(NULL, NULL));
    UNIT_CHECK(!score_in_category("Y3", NULL));
    unit_reset();
}

/* Everything wrong is an F1 of 0; F1 stays undefined only when P or R is. */
static void test_rates(void)
{
    score_counts wrong = {0, 3, 0, 2};
    score_rates r = score_rates_of(&wrong);
    UNIT_NEAR(r.precision, 0);
    UNIT_NEAR(r.recall, 0);
    UNIT_NEAR(r.f1, 0);
    UNIT_NEAR(r.specificity, 0);
    UNIT_NEAR(r.accuracy, 0);
    score_counts c = {3, 1, 4, 2};
    r = score_rates_of(&c);
    UNIT_NEAR(r.precision, 3.0 / 4);
    UNIT_NEAR(r.recall, 3.0 / 5);
    UNIT_NEAR(r.f1, 6.0 / (6 + 1 + 2));
    UNIT_NEAR(r.specificity, 4.0 / 5);
    UNIT_NEAR(r.accuracy, 7.0 / 10);
}

/* Repeated runs (score_entry_add_run): the union is scored, the worst
   status stands, a run that disagrees with the first marks the entry
   changed, and the costs are the medians of the runs. */
static void test_repeated_runs(void)
{
    score_entry e;
    score_entry_init(&e);
    finding_list a, b;
    finding_list_init(&a);
    finding_list_init(&b);
    finding_add(&a, "data-race", "x.c:1", "x.c:2", NULL);
    finding_add(&b, "data-race", "x.c:1", "x.c:2", NULL);
    finding_add(&b, "thread-leak", "x.c:9", NULL, NULL);
    finding_list_normalize(&b);
    score_run r1 = {SCORE_RAN, 1, &a, 3.0, 100};
    score_run r2 = {SCORE_RAN, 1, &a, 1.0, 300};
    score_entry_add_run(&e, &r1);
    score_entry_add_run(&e, &r2);
    UNIT_CHECK(!e.changed);
    score_run r3 = {SCORE_RAN, 1, &b, 2.0, 200};
    score_entry_add_run(&e, &r3);
    UNIT_CHECK(e.changed);
    score_entry_finish(&e);
    UNIT_CHECK(e.runs == 3);
    UNIT_CHECK(e.status == SCORE_RAN);
    UNIT_CHECK(e.found.n == 2);
    if (e.found.n == 2) {
        UNIT_STREQ(e.found.v[0].kind, "data-race");
        UNIT_STREQ(e.found.v[1].kind, "thread-leak");
    }
    UNIT_NEAR(e.wall, 2.0);
    UNIT_NEAR(e.maxrss, 200);
    score_entry_free(&e);

    /* The same findings with another outcome is a change too; a timeout is
       worse than a run and stays; five runs still get a median. */
    score_entry_init(&e);
    for (int k = 0; k < 5; k++) {
        score_run r = {k == 2 ? SCORE_TIMEOUT : SCORE_RAN, k == 2 ? 3 : 1, &a, k + 1.0, 10};
        score_entry_add_run(&e, &r);
    }
    score_entry_finish(&e);
    UNIT_CHECK(e.changed);
    UNIT_CHECK(e.status == SCORE_TIMEOUT);
    UNIT_CHECK(e.runs == 5);
    UNIT_NEAR(e.wall, 3.0);
    score_entry_free(&e);

    /* No run at all: nothing found, costs unknown. */
    score_entry_init(&e);
    score_entry_finish(&e);
    UNIT_CHECK(e.found.n == 0 && !e.changed);
    UNIT_NAN(e.wall);
    score_entry_free(&e);
    finding_list_free(&a);
    finding_list_free(&b);
}

/* Costs at a work scale (score_entry_set_scaled): the scaled runs' costs
   replace scale 1's, which become start-up; the scores stay scale 1's; a
   scaled run that found something else marks the entry changed. */
static void test_scaled(void)
{
    finding_list a, b;
    finding_list_init(&a);
    finding_list_init(&b);
    finding_add(&a, "data-race", "x.c:1", "x.c:2", NULL);
    finding_add(&b, "data-race", "x.c:1", NULL, NULL);
    score_entry e, det, native, drift;
    score_entry_init(&e);
    score_entry_init(&det);
    score_entry_init(&native);
    score_entry_init(&drift);
    score_run one = {SCORE_RAN, 1, &a, 0.5, 1000};
    score_entry_add_run(&e, &one);
    score_entry_finish(&e);
    e.native_wall = 0.01;
    e.native_maxrss = 500;
    score_run big = {SCORE_RAN, 1, &a, 6.0, 4000};
    score_entry_add_run(&det, &big);
    score_entry_finish(&det);
    score_run base = {SCORE_RAN, 1, NULL, 0.2, 800};
    finding_list none;
    finding_list_init(&none);
    base.found = &none;
    score_entry_add_run(&native, &base);
    score_entry_finish(&native);
    UNIT_CHECK(score_entry_set_scaled(&e, 40, &det, &native) == 0);
    UNIT_CHECK(!e.changed && e.scale == 40);
    UNIT_NEAR(e.wall, 6.0);
    UNIT_NEAR(e.native_wall, 0.2);
    UNIT_NEAR(e.maxrss, 4000);
    UNIT_NEAR(e.native_maxrss, 800);
    UNIT_NEAR(e.startup, 0.5);
    UNIT_NEAR(e.native_startup, 0.01);
    UNIT_CHECK(e.found.n == 1);
    e.case_name = "c";
    score_card card;
    score_compute("det", &e, 1, &card);
    UNIT_NEAR(card.slowdown, 30);     /* 6 / 0.2 */
    UNIT_NEAR(card.memory, 5);        /* 4000 / 800 */
    UNIT_NEAR(card.startup, 50);      /* 0.5 / 0.01 */
    score_card_free(&card);

    /* Other findings at the scale: changed, and the union is not touched. */
    score_run other = {SCORE_RAN, 1, &b, 6.0, 4000};
    score_entry_add_run(&drift, &other);
    score_entry_finish(&drift);
    score_entry f;
    score_entry_init(&f);
    score_entry_add_run(&f, &one);
    score_entry_finish(&f);
    UNIT_CHECK(score_entry_set_scaled(&f, 40, &drift, &native) == 1);
    UNIT_CHECK(f.changed && f.found.n == 1);

    /* No scaled run (the scale could not be found): costs unknown. */
    score_entry g;
    score_entry_init(&g);
    score_entry_add_run(&g, &one);
    score_entry_finish(&g);
    g.native_wall = 0.01;
    UNIT_CHECK(score_entry_set_scaled(&g, 0, NULL, NULL) == 0);
    score_compute("det", &g, 1, &card);
    UNIT_NAN(card.slowdown);
    UNIT_NEAR(card.startup, 50);
    score_card_free(&card);

    /* Not scaled at all: start-up unknown. */
    score_compute("det", &det, 1, &card);
    UNIT_NAN(card.startup);
    score_card_free(&card);
    score_entry_free(&e);
    score_entry_free(&f);
    score_entry_free(&g);
    score_entry_free(&det);
    score_entry_free(&native);
    score_entry_free(&drift);
    finding_list_free(&a);
    finding_list_free(&b);
    finding_list_free(&none);
}

int main(void)
{
    test_normal_mix();
    test_pairs_and_lines();
    test_one_location();
    test_unknown_locations();
    test_kinds();
    test_status();
    test_median();
    test_cost();
    test_no_positives();
    test_all_skipped();
    test_no_entries();
    test_rates();
    test_categories();
    test_repeated_runs();
    test_scaled();
    return unit_finish("unit_score");
}
