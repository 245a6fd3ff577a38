/*
 * unit_doctor.c - the machine conditions of doctor.c read from a stand-in
 * /proc and cgroup tree (tests/doctor): strict overcommit, high address
 * randomisation (worked around), 5-level paging and a CPU quota, each
 * found, and none on a tree where none holds.
 */
#include "doctor.h"
#include "unit.h"

#include <string.h>

/* The condition of r whose text holds needle, or NULL. */
static const doctor_condition *unit_find(const doctor_report *r, const char *needle)
{
    for (size_t i = 0; i < r->n; i++)
        if (strstr(r->v[i].what, needle))
            return &r->v[i];
    return NULL;
}

static void test_every_condition(void)
{
    doctor_probe p = {RACECARD_TEST_DIR "/doctor/proc", RACECARD_TEST_DIR "/doctor/cgroup", 0};
    doctor_report r;
    doctor_report_init(&r);
    doctor_check(&p, &r);
    const doctor_condition *c = unit_find(&r, "vm.overcommit_memory=2");
    UNIT_CHECK(c != NULL);
    if (c)
        UNIT_CHECK(c->breaks == DOCTOR_TSAN && !c->worked_around && strstr(c->fix, "sysctl"));
    c = unit_find(&r, "vm.mmap_rnd_bits=32");
    UNIT_CHECK(c != NULL);
    if (c)
        UNIT_CHECK(c->breaks == DOCTOR_TSAN && c->worked_around);
    c = unit_find(&r, "la57");
    UNIT_CHECK(c != NULL && c->breaks == DOCTOR_TSAN);
    c = unit_find(&r, "cgroup CPU quota of 0.50 CPUs");
    UNIT_CHECK(c != NULL);
    if (c)
        UNIT_CHECK(c->breaks == DOCTOR_NONE);
    doctor_report_free(&r);
}

static void test_nothing_holds(void)
{
    /* A tree with none of the files: nothing can be said, nothing is. */
    doctor_probe p = {RACECARD_TEST_DIR "/doctor/none", RACECARD_TEST_DIR "/doctor/none", 0};
    doctor_report r;
    doctor_report_init(&r);
    doctor_check(&p, &r);
    UNIT_CHECK(!unit_find(&r, "overcommit") && !unit_find(&r, "mmap_rnd_bits") &&
               !unit_find(&r, "la57") && !unit_find(&r, "quota"));
    doctor_report_free(&r);
}

int main(void)
{
    test_every_condition();
    test_nothing_holds();
    return unit_finish("unit_doctor");
}
