/*
 * doctor.h - the conditions of a machine that break race detectors, found
 * before anything runs (racecard doctor).
 *
 * CI containers, shared build hosts and HPC login nodes break detectors in
 * ways that look like bugs of the case: ThreadSanitizer under a
 * virtual-memory limit fails a CHECK and dies of SIGSEGV; under strict
 * overcommit it cannot map its shadow; with high address randomisation it
 * finds memory where its fixed layout needs room.  Each check here reads
 * the machine (limits, /proc, a probe in a child process) and says in
 * plain words what holds, which detectors it breaks, the fix, and whether
 * racecard works around it.  The runner names the same conditions in the
 * logs of runs they broke (runner.c).
 */
#ifndef RACECARD_DOCTOR_H
#define RACECARD_DOCTOR_H

#include "text.h"

#include <stddef.h>

/* Which detectors a condition breaks. */
enum {
    DOCTOR_TSAN = 1,      /* ThreadSanitizer (parser = tsan) */
    DOCTOR_VALGRIND = 2,  /* Helgrind and DRD */
    DOCTOR_NONE = 0       /* worth knowing, breaks none */
};

typedef struct doctor_condition {
    char *what;           /* what holds, in plain words */
    int breaks;           /* DOCTOR_* mask */
    char *fix;
    int worked_around;    /* racecard copes with it by itself */
} doctor_condition;

typedef struct doctor_report {
    doctor_condition *v;
    size_t n, cap;
} doctor_report;

/* Where the checks read the machine; a test points them at files of its own. */
typedef struct doctor_probe {
    const char *proc_dir;     /* "/proc" */
    const char *cgroup_dir;   /* "/sys/fs/cgroup" */
    int probe_personality;    /* try personality(ADDR_NO_RANDOMIZE) in a child */
} doctor_probe;

void doctor_report_init(doctor_report *r);
void doctor_report_free(doctor_report *r);
/* Appends every condition that holds on this machine. */
void doctor_check(const doctor_probe *p, doctor_report *r);
/*
 * The condition for a clang detector whose runtime finds no llvm-symbolizer
 * (stacks without file and line), appended when it holds; compiler is the
 * definition's C compiler.
 */
void doctor_check_symbolizer(const char *detector, const char *compiler, doctor_report *r);

#endif
