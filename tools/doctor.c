/*
 * doctor.c - the machine conditions that break race detectors (see doctor.h).
 */
#define _GNU_SOURCE /* personality */
#include "doctor.h"

#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

void doctor_report_init(doctor_report *r)
{
    r->v = NULL;
    r->n = r->cap = 0;
}

void doctor_report_free(doctor_report *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].what);
        free(r->v[i].fix);
    }
    free(r->v);
    doctor_report_init(r);
}

static void doctor_add(doctor_report *r, int breaks, int worked_around, const char *fix,
                       const char *what)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 8;
        r->v = text_realloc(r->v, r->cap * sizeof *r->v);
    }
    doctor_condition *c = &r->v[r->n++];
    c->what = text_dup(what);
    c->fix = text_dup(fix);
    c->breaks = breaks;
    c->worked_around = worked_around;
}

/* The first number in dir/name, or -1 when it cannot be read. */
static long doctor_read_long(const char *dir, const char *name)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(path.s, "r");
    text_buf_free(&path);
    long v = -1;
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

/* True when dir/name holds word as a whole word. */
static int doctor_file_has_word(const char *dir, const char *name, const char *word)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(path.s, "r");
    text_buf_free(&path);
    if (!f)
        return 0;
    text_reader r;
    text_reader_init(&r, f);
    size_t n = strlen(word);
    int found = 0;
    const char *line;
    while (!found && (line = text_reader_next(&r)) != NULL)
        for (const char *p = strstr(line, word); p && !found; p = strstr(p + 1, word))
            found = (p == line || p[-1] == ' ' || p[-1] == '\t') && (p[n] == '\0' || p[n] == ' ');
    text_reader_free(&r);
    fclose(f);
    return found;
}

static void doctor_vm_limit(doctor_report *r)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return;
    text_buf b;
    text_buf_init(&b);
    /* ThreadSanitizer reserves terabytes of address space for its shadow;
       Valgrind runs in a few hundred megabytes. */
    int breaks = DOCTOR_TSAN | (rl.rlim_cur < (1UL << 30) ? DOCTOR_VALGRIND : 0);
    text_buf_printf(&b, "a virtual-memory limit (RLIMIT_AS, ulimit -v) of %lu MB is set: "
                    "ThreadSanitizer cannot reserve its shadow memory under any limit%s",
                    (unsigned long)(rl.rlim_cur >> 20),
                    breaks & DOCTOR_VALGRIND ? ", nor Valgrind under one this small" : "");
    doctor_add(r, breaks, 0, "ulimit -v unlimited (or raise the container's or the job's limit)", b.s);
    text_buf_free(&b);
}

static void doctor_overcommit(const doctor_probe *p, doctor_report *r)
{
    text_buf dir;
    text_buf_init(&dir);
    text_buf_printf(&dir, "%s/sys/vm", p->proc_dir);
    if (doctor_read_long(dir.s, "overcommit_memory") == 2)
        doctor_add(r, DOCTOR_TSAN, 0, "sysctl vm.overcommit_memory=0 (as root)",
                   "strict overcommit (vm.overcommit_memory=2): ThreadSanitizer's mapping of its "
                   "shadow memory is refused (ENOMEM)");
    text_buf_free(&dir);
}

/*
 * Whether this process may turn address randomisation off for a child, as
 * racecard's workaround does: tried in a child of its own, so nothing here
 * changes.  Container runtimes' seccomp profiles may refuse it.
 */
static int doctor_personality_allowed(void)
{
    pid_t pid = fork();
    if (pid < 0)
        return 1;   /* cannot tell: assume it works, as racecard will try */
    if (pid == 0) {
        int cur = personality(0xffffffff);
        _exit(cur != -1 && personality((unsigned long)cur | ADDR_NO_RANDOMIZE) != -1 ? 0 : 1);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static void doctor_randomisation(const doctor_probe *p, doctor_report *r)
{
    text_buf dir;
    text_buf_init(&dir);
    text_buf_printf(&dir, "%s/sys/vm", p->proc_dir);
    long bits = doctor_read_long(dir.s, "mmap_rnd_bits");
    text_buf_free(&dir);
    int allowed = !p->probe_personality || doctor_personality_allowed();
    if (bits > 28) {
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "high address randomisation (vm.mmap_rnd_bits=%ld, above 28): "
                        "ThreadSanitizer from clang before 18 and from gcc finds memory where its "
                        "fixed shadow layout needs room", bits);
        doctor_add(r, DOCTOR_TSAN, allowed,
                   allowed ? "none needed: racecard re-runs such a case with address randomisation "
                             "off for that process (aslr-retry); or sysctl vm.mmap_rnd_bits=28"
                           : "sysctl vm.mmap_rnd_bits=28 (as root on the host)", b.s);
        text_buf_free(&b);
    }
    if (!allowed)
        doctor_add(r, bits > 28 ? DOCTOR_TSAN : DOCTOR_NONE, 0,
                   "allow personality(2) in the container's seccomp profile (docker run "
                   "--security-opt seccomp=PROFILE), or lower vm.mmap_rnd_bits on the host",
                   "personality(ADDR_NO_RANDOMIZE) is refused here (a seccomp profile): racecard "
                   "cannot turn address randomisation off for ThreadSanitizer when it needs to");
}

static void doctor_la57(const doctor_probe *p, doctor_report *r)
{
    if (doctor_file_has_word(p->proc_dir, "cpuinfo", "la57"))
        doctor_add(r, DOCTOR_TSAN, 0,
                   "boot the kernel with no5lvl, or run ThreadSanitizer on a 4-level machine",
                   "5-level paging (la57): the kernel can hand out addresses above 47 bits, where "
                   "ThreadSanitizer's fixed x86-64 layout has no room");
}

static void doctor_cpus(const doctor_probe *p, doctor_report *r)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/cpu.max", p->cgroup_dir);
    FILE *f = fopen(path.s, "r");
    text_buf_free(&path);
    long quota = -1, period = 0;
    if (f) {
        char q[32] = "";
        if (fscanf(f, "%31s %ld", q, &period) == 2 && strcmp(q, "max") != 0)
            quota = strtol(q, NULL, 10);
        fclose(f);
    }
    text_buf b;
    text_buf_init(&b);
    if (quota > 0 && period > 0 && quota < period * (online > 0 ? online : 1))
        text_buf_printf(&b, "a cgroup CPU quota of %.2f CPUs (of %ld online)",
                        (double)quota / (double)period, online);
    else if (online == 1)
        text_buf_adds(&b, "one CPU online");
    if (b.len) {
        text_buf_adds(&b, ": runs take longer and threads never run at once, but every case "
                          "is forced into its interleavings and gives the same findings");
        doctor_add(r, DOCTOR_NONE, 1, "none needed (ci/stress pins runs to one CPU on purpose)", b.s);
    }
    text_buf_free(&b);
}

void doctor_check(const doctor_probe *p, doctor_report *r)
{
    doctor_vm_limit(r);
    doctor_overcommit(p, r);
    doctor_randomisation(p, r);
    doctor_la57(p, r);
    doctor_cpus(p, r);
}

void doctor_check_symbolizer(const char *detector, const char *compiler, doctor_report *r)
{
    if (!compiler || strncmp(text_basename(compiler), "clang", 5) != 0)
        return;
    /* clang names the symbolizer its runtime will use, as a path when it
       finds one beside itself or on PATH. */
    char *argv[] = {(char *)compiler, "--print-prog-name=llvm-symbolizer", NULL};
    int started = 0;
    char *path = run_first_line(argv, NULL, 10, &started);
    int ok = path && strchr(path, '/') && access(path, X_OK) == 0;
    free(path);
    if (ok || !started)
        return;
    text_buf b, fix;
    text_buf_init(&b);
    text_buf_init(&fix);
    const char *ver = strchr(text_basename(compiler), '-');
    text_buf_printf(&b, "%s: %s finds no llvm-symbolizer: ThreadSanitizer's stacks would name no "
                    "file or line, and every finding would be at '?'", detector, compiler);
    text_buf_printf(&fix, "install llvm%s (Debian)", ver ? ver : "");
    doctor_add(r, DOCTOR_TSAN, 0, fix.s, b.s);
    text_buf_free(&b);
    text_buf_free(&fix);
}
