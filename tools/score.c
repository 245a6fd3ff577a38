/*
 * score.c - the scorecard: confusion matrices at case, pair, line and kind
 * level, support, and the median cost of one detector over the catalog.
 *
 * A case holds a handful of findings, so matching is by plain scans: at this
 * size a quadratic loop is clearer than an index and costs nothing.  The same
 * scans let the lists come unnormalised, since a finding equal to an earlier
 * one in its list is skipped rather than counted twice.
 */
#include "score.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SCORE_RACE "data-race"

static const char *const score_status_names[] = {
    "ran", "build-failed", "detector-error", "crashed", "timeout",
};
_Static_assert(sizeof score_status_names / sizeof *score_status_names == SCORE_STATUS_COUNT,
               "one name per score_status");

const char *score_status_name(score_status s)
{
    return (unsigned)s < SCORE_STATUS_COUNT ? score_status_names[s] : "?";
}

void score_entry_init(score_entry *e)
{
    e->case_name = NULL;
    e->category = NULL;
    e->truth = NULL;
    e->level = CASE_TRUTH_PAIR;
    e->racy = 0;
    finding_list_init(&e->found);
    e->status = SCORE_RAN;
    e->runs = 0;
    e->changed = 0;
    e->wall = e->native_wall = 0;
    e->maxrss = e->native_maxrss = 0;
    e->scale = 1;
    e->startup = e->native_startup = 0;
    finding_list_init(&e->first);
    e->first_outcome = 0;
    e->run_wall = e->run_maxrss = NULL;
    e->run_cap = 0;
}

void score_entry_free(score_entry *e)
{
    finding_list_free(&e->found);
    finding_list_free(&e->first);
    free(e->run_wall);
    free(e->run_maxrss);
    e->run_wall = e->run_maxrss = NULL;
    e->run_cap = 0;
}

/* Appends every finding of from to to (kinds and locations only). */
static void score_add_all(finding_list *to, const finding_list *from)
{
    for (size_t i = 0; i < from->n; i++)
        finding_add(to, from->v[i].kind, from->v[i].loc[0], from->v[i].loc[1], NULL);
}

void score_entry_add_run(score_entry *e, const score_run *r)
{
    if (r->status > e->status)
        e->status = r->status;
    if ((size_t)e->runs == e->run_cap) {
        e->run_cap = e->run_cap ? 2 * e->run_cap : 4;
        e->run_wall = text_realloc(e->run_wall, e->run_cap * sizeof *e->run_wall);
        e->run_maxrss = text_realloc(e->run_maxrss, e->run_cap * sizeof *e->run_maxrss);
    }
    e->run_wall[e->runs] = r->wall;
    e->run_maxrss[e->runs] = r->maxrss;
    if (e->runs == 0) {
        e->first_outcome = r->outcome;
        score_add_all(&e->first, r->found);
        finding_list_normalize(&e->first);
    } else if (r->outcome != e->first_outcome || !finding_list_equal(&e->first, r->found)) {
        e->changed = 1;
    }
    e->runs++;
    score_add_all(&e->found, r->found);
}

void score_entry_finish(score_entry *e)
{
    finding_list_normalize(&e->found);
    e->wall = score_median(e->run_wall, (size_t)e->runs);
    e->maxrss = score_median(e->run_maxrss, (size_t)e->runs);
}

int score_entry_set_scaled(score_entry *e, long scale, const score_entry *det,
                           const score_entry *native)
{
    e->scale = scale;
    e->startup = e->wall;
    e->native_startup = e->native_wall;
    int det_ran = det && det->runs && det->status == SCORE_RAN;
    int native_ran = native && native->runs && native->status == SCORE_RAN;
    e->wall = det_ran ? det->wall : 0;
    e->maxrss = det_ran ? det->maxrss : 0;
    e->native_wall = native_ran ? native->wall : 0;
    e->native_maxrss = native_ran ? native->maxrss : 0;
    if (!det || !det->runs || !e->runs)
        return 0;
    int differs = det->first_outcome != e->first_outcome || det->changed ||
                  !finding_list_equal(&det->first, &e->first);
    if (differs)
        e->changed = 1;
    return differs;
}

/* num / den, or NaN: an empty denominator means "no evidence", not 0. */
static double score_ratio(size_t num, size_t den)
{
    return den ? (double)num / (double)den : NAN;
}

static double score_f1(double p, double r)
{
    if (isnan(p) || isnan(r))
        return NAN;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

score_rates score_rates_of(const score_counts *c)
{
    score_rates r;
    r.precision = score_ratio(c->tp, c->tp + c->fp);
    r.recall = score_ratio(c->tp, c->tp + c->fn);
    r.specificity = score_ratio(c->tn, c->tn + c->fp);
    r.accuracy = score_ratio(c->tp + c->tn, c->tp + c->fp + c->tn + c->fn);
    r.f1 = score_f1(r.precision, r.recall);
    return r;
}

/* Rates of a level with no negatives: specificity and accuracy undefined. */
static score_rates score_rates_no_tn(const score_counts *c)
{
    score_rates r = score_rates_of(c);
    r.specificity = r.accuracy = NAN;
    return r;
}

static int score_known(const char *loc)
{
    return loc && strcmp(loc, FINDING_UNKNOWN_LOC) != 0;
}

static int score_is(const finding *x, const char *kind)
{
    return strcmp(x->kind, kind) == 0;
}

/* True if l->v[i] repeats an earlier finding of l. */
static int score_repeat(const finding_list *l, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (finding_cmp(&l->v[j], &l->v[i]) == 0)
            return 1;
    return 0;
}

static int score_listed(const finding *x, const finding_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (finding_cmp(x, &l->v[i]) == 0)
            return 1;
    return 0;
}

static int score_has_race(const finding_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (score_is(&l->v[i], SCORE_RACE))
            return 1;
    return 0;
}

/*
 * Counts the findings of one kind exactly: each distinct found one is a TP
 * if the truth lists it, else an FP; each truth one not found is an FN.
 * pairs_only skips found findings with fewer than two known locations, which
 * the pair level does not score at all.
 */
static void score_exact(const finding_list *truth, const finding_list *found,
                        const char *kind, int pairs_only, score_counts *c, size_t *unlabelled)
{
    for (size_t i = 0; i < found->n; i++) {
        const finding *x = &found->v[i];
        if (!score_is(x, kind) || score_repeat(found, i))
            continue;
        if (pairs_only && !(score_known(x->loc[0]) && score_known(x->loc[1])))
            continue;
        if (score_listed(x, truth))
            c->tp++;
        else if (unlabelled)
            (*unlabelled)++;
        else
            c->fp++;
    }
    for (size_t i = 0; truth && i < truth->n; i++) {
        const finding *t = &truth->v[i];
        if (score_is(t, kind) && !score_repeat(truth, i) && !score_listed(t, found))
            c->fn++;
    }
}

/* A set of borrowed locations, compared as finding_loc_cmp does. */
typedef struct score_locs {
    const char **v;
    size_t n, cap;
} score_locs;

static int score_locs_has(const score_locs *s, const char *loc)
{
    for (size_t i = 0; i < s->n; i++)
        if (finding_loc_cmp(s->v[i], loc) == 0)
            return 1;
    return 0;
}

static void score_locs_add(score_locs *s, const char *loc)
{
    if (!score_known(loc) || score_locs_has(s, loc))
        return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = text_realloc(s->v, s->cap * sizeof *s->v);
    }
    s->v[s->n++] = loc;
}

/* The known locations named by the data-race findings of l. */
static void score_race_lines(const finding_list *l, score_locs *out)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (score_is(&l->v[i], SCORE_RACE)) {
            score_locs_add(out, l->v[i].loc[0]);
            score_locs_add(out, l->v[i].loc[1]);
        }
}

/* The lines a line-level truth labels race-free (CASE_NO_RACE). */
static void score_clean_lines(const finding_list *l, score_locs *out)
{
    for (size_t i = 0; l && i < l->n; i++)
        if (score_is(&l->v[i], CASE_NO_RACE))
            score_locs_add(out, l->v[i].loc[0]);
}

/*
 * Line level.  With unlabelled set, a line the truth does not name is
 * unlabelled; a line-level truth (a suite's RACE! and NORACE lines) also
 * makes every line it does not label unlabelled, and a NORACE line an FP.
 */
static void score_lines(const score_entry *e, score_counts *c, size_t *unlabelled)
{
    score_locs found = {NULL, 0, 0}, truth = {NULL, 0, 0}, clean = {NULL, 0, 0};
    score_race_lines(&e->found, &found);
    score_race_lines(e->truth, &truth);
    int by_line = e->level == CASE_TRUTH_LINE;
    if (by_line)
        score_clean_lines(e->truth, &clean);
    for (size_t i = 0; i < found.n; i++)
        if (score_locs_has(&truth, found.v[i]))
            c->tp++;
        else if (unlabelled && !score_locs_has(&clean, found.v[i]))
            (*unlabelled)++;
        else
            c->fp++;
    free(clean.v);
    for (size_t i = 0; i < truth.n; i++)
        if (!score_locs_has(&found, truth.v[i]))
            c->fn++;
    free(found.v);
    free(truth.v);
}

static void score_case(const score_entry *e, score_counts *c)
{
    int real = e->level == CASE_TRUTH_PROGRAM ? e->racy : score_has_race(e->truth);
    int said = score_has_race(&e->found);
    if (real && said)
        c->tp++;
    else if (said)
        c->fp++;
    else if (real)
        c->fn++;
    else
        c->tn++;
}

score_verdict score_finding_verdict(const finding *x, const finding_list *truth)
{
    if (score_listed(x, truth))
        return SCORE_TRUE;
    int one = score_is(x, SCORE_RACE) && score_known(x->loc[0]) && !score_known(x->loc[1]);
    for (size_t i = 0; one && truth && i < truth->n; i++) {
        const finding *t = &truth->v[i];
        if (score_is(t, SCORE_RACE) && ((score_known(t->loc[0]) && finding_loc_cmp(t->loc[0], x->loc[0]) == 0) ||
                                        (score_known(t->loc[1]) && finding_loc_cmp(t->loc[1], x->loc[0]) == 0)))
            return SCORE_ONE_SIDE;
    }
    return SCORE_FALSE;
}

const char *score_verdict_name(score_verdict v)
{
    static const char *const names[] = {"tp", "one-side", "fp"};
    return (unsigned)v < sizeof names / sizeof *names ? names[v] : "?";
}

static void score_count_entry(score_card *card, const score_entry *e)
{
    card->status[e->status]++;
    if (e->changed)
        card->changed++;
    if (e->status != SCORE_RAN)
        return;
    if (e->level == CASE_TRUTH_UNKNOWN) {
        card->unknown++;
        return;
    }
    score_case(e, &card->cases_cm);
    /* A partial truth of a racy program: what it does not list is unlabelled. */
    size_t *unlabelled = (e->level == CASE_TRUTH_PARTIAL && score_has_race(e->truth)) ||
                                 e->level == CASE_TRUTH_LINE
                             ? &card->unlabelled
                             : NULL;
    if (e->level == CASE_TRUTH_PAIR || e->level == CASE_TRUTH_PARTIAL)
        score_exact(e->truth, &e->found, SCORE_RACE, 1, &card->pairs, unlabelled);
    if (e->level != CASE_TRUTH_PROGRAM)
        score_lines(e, &card->lines, unlabelled);
}

static void score_add_kinds(const finding_list *l, text_list *kinds)
{
    for (size_t i = 0; l && i < l->n; i++) {
        const char *k = l->v[i].kind;
        int seen = strcmp(k, SCORE_RACE) == 0 || strcmp(k, CASE_NO_RACE) == 0;
        for (size_t j = 0; !seen && j < kinds->n; j++)
            seen = strcmp(kinds->v[j], k) == 0;
        if (!seen)
            text_list_push(kinds, text_dup(k));
    }
}

/* One row per kind other than data-race, in strcmp order. */
static void score_kinds(score_card *card, const score_entry *entries, size_t n)
{
    text_list kinds;
    text_list_init(&kinds);
    /* Only racecard's own markers label misuse (BUG): a suite's program says
       nothing of it, so its other kinds are scored nowhere. */
    for (size_t i = 0; i < n; i++) {
        if (entries[i].level != CASE_TRUTH_PAIR)
            continue;
        score_add_kinds(entries[i].truth, &kinds);
        if (entries[i].status == SCORE_RAN)
            score_add_kinds(&entries[i].found, &kinds);
    }
    text_list_sort(&kinds, 0);
    card->nkinds = kinds.n;
    card->kinds = kinds.n ? text_alloc(kinds.n * sizeof *card->kinds) : NULL;
    for (size_t k = 0; k < kinds.n; k++) {
        score_kind_row *row = &card->kinds[k];
        row->kind = text_dup(kinds.v[k]);
        row->counts = (score_counts){0, 0, 0, 0};
        for (size_t i = 0; i < n; i++)
            if (entries[i].status == SCORE_RAN && entries[i].level == CASE_TRUTH_PAIR)
                score_exact(entries[i].truth, &entries[i].found, row->kind, 0, &row->counts,
                            NULL);
        row->rates = score_rates_no_tn(&row->counts);
    }
    text_list_free(&kinds);
}

enum score_cost_of { SCORE_TIME, SCORE_MEMORY, SCORE_STARTUP };

/* What one case cost against its native run, NaN unless both are known. */
static double score_entry_cost(const score_entry *e, enum score_cost_of what)
{
    double num = what == SCORE_TIME ? e->wall : what == SCORE_STARTUP ? e->startup : e->maxrss;
    double den = what == SCORE_TIME      ? e->native_wall
                 : what == SCORE_STARTUP ? e->native_startup
                                         : e->native_maxrss;
    return e->status == SCORE_RAN && num > 0 && den > 0 ? num / den : NAN;
}

static double score_cost(const score_entry *entries, size_t n, enum score_cost_of what)
{
    double *ratios = text_alloc((n ? n : 1) * sizeof *ratios);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double r = score_entry_cost(&entries[i], what);
        if (!isnan(r))
            ratios[m++] = r;
    }
    double median = score_median(ratios, m);
    free(ratios);
    return median;
}

void score_compute(const char *detector, const score_entry *entries, size_t n,
                   score_card *card)
{
    memset(card, 0, sizeof *card);
    card->detector = detector;
    card->cases = n;
    for (size_t i = 0; i < n; i++)
        score_count_entry(card, &entries[i]);
    card->case_rates = score_rates_of(&card->cases_cm);
    card->support = score_ratio(card->status[SCORE_RAN], n);
    card->adjusted_f1 = card->case_rates.f1 * card->support;
    card->pair_rates = score_rates_no_tn(&card->pairs);
    card->line_rates = score_rates_no_tn(&card->lines);
    score_kinds(card, entries, n);
    card->slowdown = score_cost(entries, n, SCORE_TIME);
    card->memory = score_cost(entries, n, SCORE_MEMORY);
    card->startup = score_cost(entries, n, SCORE_STARTUP);
}

void score_card_free(score_card *card)
{
    for (size_t i = 0; i < card->nkinds; i++)
        free(card->kinds[i].kind);
    free(card->kinds);
    card->kinds = NULL;
    card->nkinds = 0;
}

int score_in_category(const char *entry_category, const char *category)
{
    if (!entry_category || !category)
        return entry_category == category;
    size_t n = strlen(category);
    for (const char *p = entry_category; *p;) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (w == n && strncmp(p, category, n) == 0)
            return 1;
        p += w;
    }
    return 0;
}

score_counts score_category_counts(const score_entry *entries, size_t n,
                                   const char *category)
{
    score_counts c = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        if (entries[i].status == SCORE_RAN && entries[i].level != CASE_TRUTH_UNKNOWN &&
            score_in_category(entries[i].category, category))
            score_case(&entries[i], &c);
    return c;
}

static int score_double_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double score_median(double *values, size_t n)
{
    if (!n)
        return NAN;
    qsort(values, n, sizeof *values, score_double_cmp);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}
