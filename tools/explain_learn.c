/*
 * explain_learn.c - what explain adds for a learner beyond the log itself:
 * the catalog's own record of the case a log comes from (the reason its
 * expected file gives for a known false positive or false negative, and its
 * race-free twin to compare with), a word on a report that names only one
 * side of a race, and how to get the source quoted when it was not.
 *
 * It is a file of its own because it is the only part of explain that reads
 * racecard's catalog (expected files, the table of twins); the rest reads
 * logs alone and works on any program's.  Without a case (explain_opts's
 * case_name and expected are NULL) it adds only the last two notes.
 *
 * Why the catalog's record: a learner who runs Helgrind on refcount_atomic
 * sees a data race reported on a C11 atomic counter; the general advice
 * ("make the variable atomic") is then wrong, and the expected file already
 * says why the report is there (Helgrind does not model C11 atomics).
 */
#include "check.h"
#include "explain_impl.h"

#include <stdlib.h>
#include <string.h>

/*
 * Racy cases and the race-free case that is the same program done right,
 * as the cases' own comments and names pair them.  A racy case with no
 * twin here is one whose fix is not a case of the catalog.
 * unit_explain checks that each pair exists with these verdicts.
 */
static const struct {
    const char *racy, *twin;
} explain_twins[] = {
    {"array_slices_offbyone", "array_slices"},
    {"atomic_publish_relaxed", "atomic_publish_acqrel"},
    {"dotprod_nomutex", "dotprod_mutex"},
    {"gil_release_blocking", "gil_release_reacquire"},
    {"global_read_write", "global_read_write_locked"},
    {"global_several_races", "global_several_races_locked"},
    {"global_write_write", "global_write_write_locked"},
    {"handoff_condvar_no_loop", "handoff_condvar"},
    {"handoff_dcl_plain", "handoff_dcl_atomic"},
    {"handoff_lazy_init_flag", "handoff_once"},
    {"handoff_phase_nobarrier", "handoff_phase_barrier"},
    {"heap_bitfields_adjacent", "heap_bitfields_split"},
    {"heap_fields_same", "heap_fields_distinct"},
    {"heap_free_after_read", "heap_free_after_join"},
    {"lifecycle_detached_nosync", "lifecycle_detached_condvar"},
    {"lifecycle_join_early", "lifecycle_join"},
    {"lifecycle_stack_nojoin", "lifecycle_stack_join"},
    {"mutex_different", "mutex_same"},
    {"mutex_unlocked_side", "mutex_same"},
    {"refcount_nolock", "refcount_objlock"},
    {"rwlock_write_under_rdlock", "rwlock_write_under_wrlock"},
    {"seqlock_plain", "seqlock_atomic"},
};

const char *explain_learn_twin(const char *racy)
{
    for (size_t k = 0; racy && k < sizeof explain_twins / sizeof *explain_twins; k++)
        if (strcmp(explain_twins[k].racy, racy) == 0)
            return explain_twins[k].twin;
    return NULL;
}

int explain_learn_twin_at(size_t i, const char **racy, const char **twin)
{
    if (i >= sizeof explain_twins / sizeof *explain_twins)
        return 0;
    *racy = explain_twins[i].racy;
    *twin = explain_twins[i].twin;
    return 1;
}

void explain_learn_open(explain_ctx *c)
{
    c->expected = NULL;
    if (!c->o->expected)
        return;
    check_expected *e = text_alloc(sizeof *e);
    check_expected_init(e);
    text_buf err;
    text_buf_init(&err);
    if (check_load(c->o->expected, e, &err) == 0) {
        c->expected = e;
    } else {
        check_expected_free(e);
        free(e);
    }
    text_buf_free(&err);
}

/* True when loc ("file.c:12") is one of the places the report named. */
static int explain_learn_named(const explain_report *rep, const char *loc)
{
    for (size_t i = 0; i < rep->nplaces; i++)
        if (strcmp(rep->places[i], loc) == 0)
            return 1;
    return 0;
}

void explain_learn_place(explain_report *rep, const explain_where *w)
{
    if (!w->file || !w->line || rep->nplaces == EXPLAIN_PLACES)
        return;
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "%s:%lu", text_basename(w->file), w->line);
    if (explain_learn_named(rep, b.s)) {
        text_buf_free(&b);
        return;
    }
    rep->places[rep->nplaces++] = b.s;
}

/*
 * The expected finding with a reason that this report is: same kind, and
 * every location of it among the places the report named.  Returns its
 * index, or -1.
 */
static long explain_learn_match(const explain_ctx *c, const explain_report *rep)
{
    const check_expected *e = c->expected;
    const char *kind = titles_canonical((titles_kind)rep->kind);
    if (!e || !kind)
        return -1;
    for (size_t i = 0; i < e->findings.n; i++) {
        const finding *f = &e->findings.v[i];
        if (!e->reasons.v[i][0] || strcmp(f->kind, kind) != 0)
            continue;
        if (f->loc[0] && explain_learn_named(rep, f->loc[0]) &&
            (!f->loc[1] || explain_learn_named(rep, f->loc[1])))
            return (long)i;
    }
    return -1;
}

int explain_learn_report(explain_ctx *c, explain_report *rep)
{
    size_t indent = rep->indent + EXPLAIN_REPORT_INDENT;
    text_buf b;
    text_buf_init(&b);
    if (rep->kind == EXPLAIN_DATA_RACE && rep->nacc == 1 && rep->tool != EXPLAIN_TOOL_DRD &&
        !rep->window_seen) {
        text_buf_adds(&b, "This report names only one side of the race: the detector no longer "
                          "had the other access in its history (Helgrind with "
                          "--history-level=none, or an access too old to keep). The other side "
                          "is another access to the same memory, by another thread: look for "
                          "every place that touches it.");
        explain_out_note(c, indent, EXPLAIN_NOTE, b.s);
        text_buf_clear(&b);
    }
    if (rep->quote_missed && !rep->nquoted &&
        explain_first(c, EXPLAIN_SAID(EXPLAIN_SAID_NO_SOURCE))) {
        text_buf_printf(&b, "No source lines were quoted: %s was not found. Run racecard "
                            "explain --source DIR, DIR being the folder of the program's "
                            "sources, to see the lines this report names.",
                        rep->quote_missed);
        explain_out_note(c, indent, EXPLAIN_NOTE, b.s);
        text_buf_clear(&b);
    }
    long m = explain_learn_match(c, rep);
    if (m >= 0) {
        const finding *f = &c->expected->findings.v[m];
        text_buf_printf(&b, "racecard's catalog has this report on record: %s lists \"%s %s%s%s\", "
                            "which the case's markers do not, and says why: %s.",
                        c->o->expected, f->kind, f->loc[0], f->loc[1] ? " " : "",
                        f->loc[1] ? f->loc[1] : "", c->expected->reasons.v[m]);
        explain_out_note(c, indent, EXPLAIN_WARN, b.s);
        text_buf_clear(&b);
        text_buf_adds(&b, "How to fix: if that reason holds, nothing in the program: the report "
                          "is the detector's, not a bug of this case. The general advice for "
                          "this kind of report does not apply.");
        explain_out_note(c, indent, EXPLAIN_FIX, b.s);
        text_buf_free(&b);
        return 1;
    }
    text_buf_free(&b);
    return 0;
}

void explain_learn_after_fix(explain_ctx *c, const explain_report *rep)
{
    const char *twin = explain_learn_twin(c->o->case_name);
    if (!twin || rep->kind != EXPLAIN_DATA_RACE ||
        !explain_first(c, EXPLAIN_SAID(EXPLAIN_SAID_TWIN)))
        return;
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "In racecard's catalog, %s is this program done right: read "
                        "cases/%s.c beside cases/%s.c to see the fix for this race.",
                    twin, twin, c->o->case_name);
    explain_out_note(c, rep->indent + EXPLAIN_REPORT_INDENT, EXPLAIN_FIX, b.s);
    text_buf_free(&b);
}

void explain_learn_finish(explain_ctx *c)
{
    check_expected *e = c->expected;
    if (!e)
        return;
    for (size_t i = 0; i < e->missing.n; i++) {
        const finding *f = &e->missing.v[i];
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "racecard's catalog records a report this detector does not give "
                            "on this case (%s): %s %s%s%s is in the case's markers, and the "
                            "file says why the detector misses it: %s.",
                        c->o->expected, f->kind, f->loc[0] ? f->loc[0] : "?",
                        f->loc[1] ? " " : "", f->loc[1] ? f->loc[1] : "",
                        e->missing_reasons.v[i]);
        explain_out_note(c, EXPLAIN_REPORT_INDENT, EXPLAIN_WARN, b.s);
        text_buf_free(&b);
    }
    check_expected_free(e);
    free(e);
    c->expected = NULL;
}
