/*
 * store.c - results kept in the build tree as JSON, each behind the
 * fingerprint of everything it depends on (see store.h).
 *
 * The format is racecard's own and private to one build tree; its fields
 * mirror runner_result and run_status one to one, so nothing a later stage
 * reads is lost between a run and its reuse.
 */
#include "store.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* Bumped when a field changes meaning: older results are then stale. */
#define STORE_FORMAT 1

extern char **environ;

void store_print_init(store_print *p)
{
    p->h = 14695981039346656037ULL;
    store_print_long(p, STORE_FORMAT);
}

static void store_print_bytes(store_print *p, const void *data, size_t n)
{
    const unsigned char *s = data;
    uint64_t h = p->h;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    p->h = h;
}

void store_print_str(store_print *p, const char *s)
{
    if (!s)
        s = "(null)";
    store_print_bytes(p, s, strlen(s) + 1);
}

void store_print_long(store_print *p, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    store_print_str(p, buf);
}

void store_print_file(store_print *p, const char *path)
{
    FILE *f = fopen(path, "rb");
    store_print_str(p, f ? "file" : "no file");
    if (!f)
        return;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        store_print_bytes(p, buf, n);
    fclose(f);
}

static int store_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The fingerprint of dir's files into p (store_print_dir without its memo). */
static void store_print_dir_read(store_print *p, const char *dir)
{
    text_list names;
    text_list_init(&names);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            text_list_push(&names, text_dup(e->d_name));
    if (d)
        closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, store_name_cmp);
    for (size_t i = 0; i < names.n; i++) {
        text_buf path;
        text_buf_init(&path);
        text_buf_printf(&path, "%s/%s", dir, names.v[i]);
        struct stat st;
        if (stat(path.s, &st) == 0 && S_ISREG(st.st_mode)) {
            store_print_str(p, names.v[i]);
            store_print_file(p, path.s);
        }
        text_buf_free(&path);
    }
    text_list_free(&names);
}

void store_print_dir(store_print *p, const char *dir)
{
    /* Every job of a command prints the same support folder, whose files
       do not change while racecard runs: read them once per process. */
    static char *memo_dir;
    static char memo_hex[17];
    if (!memo_dir || strcmp(memo_dir, dir) != 0) {
        store_print d;
        store_print_init(&d);
        store_print_dir_read(&d, dir);
        store_print_hex(&d, memo_hex);
        free(memo_dir);
        memo_dir = text_dup(dir);
    }
    store_print_str(p, memo_hex);
}

void store_print_stat(store_print *p, const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        store_print_str(p, "absent");
        return;
    }
    store_print_long(p, (long)st.st_dev);
    store_print_long(p, (long)st.st_ino);
    store_print_long(p, (long)st.st_size);
    store_print_long(p, (long)st.st_mtim.tv_sec);
    store_print_long(p, st.st_mtim.tv_nsec);
}

/* The first line of a small /proc file, or its absence. */
static void store_print_first_line(store_print *p, const char *path, const char *prefix)
{
    FILE *f = fopen(path, "r");
    char line[256];
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        if (!prefix || strncmp(line, prefix, strlen(prefix)) == 0) {
            store_print_str(p, line);
            found = 1;
            break;
        }
    if (f)
        fclose(f);
    if (!found)
        store_print_str(p, "absent");
}

/* The environment variables a detector, its runtime or a case reads. */
static int store_env_relevant(const char *entry)
{
    static const char *const prefixes[] = {
        "PATH=", "LD_", "VALGRIND", "OMP_", "KMP_", "GOMP_", "RACECARD_", "CASE_SCALE=",
        "TMPDIR=",
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        if (strncmp(entry, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    const char *eq = strchr(entry, '=');
    return eq && eq - entry >= 8 && strncmp(eq - 8, "_OPTIONS", 8) == 0;
}

/* The relevant environment, sorted: its order in environ means nothing. */
static void store_print_env(store_print *p)
{
    text_list env;
    text_list_init(&env);
    for (char **e = environ; e && *e; e++)
        if (store_env_relevant(*e))
            text_list_push(&env, text_dup(*e));
    if (env.n)
        qsort(env.v, env.n, sizeof *env.v, store_name_cmp);
    for (size_t i = 0; i < env.n; i++)
        store_print_str(p, env.v[i]);
    text_list_free(&env);
}

void store_print_context(store_print *p)
{
    static store_print cached;
    static int done;
    if (!done) {
        store_print_init(&cached);
        store_print_stat(&cached, "/proc/self/exe");
        struct utsname u;
        if (uname(&u) == 0) {
            store_print_str(&cached, u.sysname);
            store_print_str(&cached, u.nodename);
            store_print_str(&cached, u.release);
            store_print_str(&cached, u.version);
            store_print_str(&cached, u.machine);
        }
        store_print_first_line(&cached, "/proc/sys/vm/mmap_rnd_bits", NULL);
        store_print_first_line(&cached, "/proc/sys/kernel/randomize_va_space", NULL);
        store_print_first_line(&cached, "/proc/sys/vm/overcommit_memory", NULL);
        store_print_first_line(&cached, "/proc/self/status", "Seccomp:");
        store_print_env(&cached);
        done = 1;
    }
    char hex[17];
    store_print_hex(&cached, hex);
    store_print_str(p, hex);
}

void store_print_hex(const store_print *p, char *buf)
{
    snprintf(buf, 17, "%016llx", (unsigned long long)p->h);
}

const char *store_session(void)
{
    static char id[64];
    if (!id[0]) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        snprintf(id, sizeof id, "%ld.%ld.%ld", (long)getpid(), (long)t.tv_sec, t.tv_nsec);
    }
    return id;
}

/* ---- reading and writing ---- */

static void store_hooks(void)
{
    cJSON_Hooks hooks = {text_alloc, free};
    cJSON_InitHooks(&hooks);
}

static double store_tv(const struct timeval *tv)
{
    return (double)tv->tv_sec + tv->tv_usec / 1e6;
}

static struct timeval store_to_tv(double s)
{
    struct timeval tv;
    tv.tv_sec = (time_t)s;
    tv.tv_usec = (long)((s - (double)tv.tv_sec) * 1e6 + 0.5);
    if (tv.tv_usec >= 1000000) {
        tv.tv_sec++;
        tv.tv_usec -= 1000000;
    }
    return tv;
}

static cJSON *store_status_json(const run_status *st)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "started", st->started);
    cJSON_AddNumberToObject(o, "start_errno", st->start_errno);
    cJSON_AddNumberToObject(o, "start_personality", st->start_personality);
    cJSON_AddNumberToObject(o, "timed_out", st->timed_out);
    cJSON_AddNumberToObject(o, "exited", st->exited);
    cJSON_AddNumberToObject(o, "exit_code", st->exit_code);
    cJSON_AddNumberToObject(o, "signaled", st->signaled);
    cJSON_AddNumberToObject(o, "signo", st->signo);
    cJSON_AddNumberToObject(o, "wall_s", st->wall_s);
    cJSON_AddNumberToObject(o, "user_s", store_tv(&st->usage.ru_utime));
    cJSON_AddNumberToObject(o, "system_s", store_tv(&st->usage.ru_stime));
    cJSON_AddNumberToObject(o, "max_rss_kb", (double)st->usage.ru_maxrss);
    cJSON_AddNumberToObject(o, "log_errno", st->log_errno);
    return o;
}

static cJSON *store_lines_json(const text_list *l)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < l->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
    return a;
}

static cJSON *store_findings_json(const finding_list *l)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < l->n; i++) {
        char *line = finding_format(&l->v[i]);
        cJSON_AddItemToArray(a, cJSON_CreateString(line));
        free(line);
    }
    return a;
}

int store_save(const char *path, const char *print, const runner_result *r, const char *log,
               text_buf *err)
{
    store_hooks();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "format", STORE_FORMAT);
    cJSON_AddStringToObject(o, "fingerprint", print);
    cJSON_AddNumberToObject(o, "jobs", r->jobs);
    cJSON_AddStringToObject(o, "session", store_session());
    cJSON_AddStringToObject(o, "outcome", runner_outcome_name(r->outcome));
    cJSON_AddStringToObject(o, "detail", r->detail.s ? r->detail.s : "");
    cJSON_AddNumberToObject(o, "aslr_workaround", r->aslr_workaround);
    cJSON_AddItemToObject(o, "status", store_status_json(&r->status));
    cJSON_AddItemToObject(o, "findings", store_findings_json(&r->findings));
    cJSON_AddItemToObject(o, "notes", store_lines_json(&r->notes));
    cJSON_AddStringToObject(o, "log", log ? log : "");
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    text_buf tmp;
    text_buf_init(&tmp);
    text_buf_printf(&tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = text_make_parent_dir(path) == 0 ? fopen(tmp.s, "w") : NULL;
    int rc = 0;
    if (!f || fputs(s, f) == EOF || fputc('\n', f) == EOF || fclose(f) != 0) {
        text_buf_printf(err, "cannot write the result %s: %s", tmp.s, strerror(errno));
        rc = -1;
    } else if (rename(tmp.s, path) != 0) {
        text_buf_printf(err, "cannot move the result into %s: %s", path, strerror(errno));
        rc = -1;
    }
    if (rc)
        remove(tmp.s);
    free(s);
    text_buf_free(&tmp);
    return rc;
}

static double store_num(const cJSON *o, const char *name, int *ok)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsNumber(v)) {
        *ok = 0;
        return 0;
    }
    return v->valuedouble;
}

static const char *store_str(const cJSON *o, const char *name, int *ok)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsString(v)) {
        *ok = 0;
        return "";
    }
    return v->valuestring;
}

static void store_status_read(const cJSON *o, run_status *st, int *ok)
{
    if (!cJSON_IsObject(o)) {
        *ok = 0;
        return;
    }
    st->started = (int)store_num(o, "started", ok);
    st->start_errno = (int)store_num(o, "start_errno", ok);
    st->start_personality = (int)store_num(o, "start_personality", ok);
    st->timed_out = (int)store_num(o, "timed_out", ok);
    st->exited = (int)store_num(o, "exited", ok);
    st->exit_code = (int)store_num(o, "exit_code", ok);
    st->signaled = (int)store_num(o, "signaled", ok);
    st->signo = (int)store_num(o, "signo", ok);
    st->wall_s = store_num(o, "wall_s", ok);
    st->usage.ru_utime = store_to_tv(store_num(o, "user_s", ok));
    st->usage.ru_stime = store_to_tv(store_num(o, "system_s", ok));
    st->usage.ru_maxrss = (long)store_num(o, "max_rss_kb", ok);
    st->log_errno = (int)store_num(o, "log_errno", ok);
}

/* Reads an array of strings: as findings when l, else as notes. */
static void store_lines_read(const cJSON *a, finding_list *l, text_list *notes, int *ok)
{
    if (!cJSON_IsArray(a)) {
        *ok = 0;
        return;
    }
    const cJSON *v;
    cJSON_ArrayForEach(v, a) {
        char why[160];
        if (!cJSON_IsString(v))
            *ok = 0;
        else if (notes)
            text_list_push(notes, text_dup(v->valuestring));
        else if (finding_parse_line(v->valuestring, l, why, sizeof why) != 0)
            *ok = 0;
    }
}

int store_load(const char *path, const char *print, runner_result *r)
{
    char *s = text_read_file(path, NULL);
    if (!s)
        return 1;
    store_hooks();
    cJSON *o = cJSON_Parse(s);
    free(s);
    int ok = cJSON_IsObject(o) && store_num(o, "format", &(int){1}) == STORE_FORMAT;
    if (ok)
        ok = strcmp(store_str(o, "fingerprint", &ok), print) == 0;
    runner_outcome outcome = RUNNER_CLEAN;
    if (ok)
        ok = runner_outcome_parse(store_str(o, "outcome", &ok), &outcome) == 0;
    if (ok) {
        r->outcome = outcome;
        text_buf_adds(&r->detail, store_str(o, "detail", &ok));
        r->aslr_workaround = (int)store_num(o, "aslr_workaround", &ok);
        store_status_read(cJSON_GetObjectItemCaseSensitive(o, "status"), &r->status, &ok);
        store_lines_read(cJSON_GetObjectItemCaseSensitive(o, "findings"), &r->findings, NULL, &ok);
        store_lines_read(cJSON_GetObjectItemCaseSensitive(o, "notes"), NULL, &r->notes, &ok);
        r->jobs = (unsigned)store_num(o, "jobs", &ok);
        r->reused = strcmp(store_str(o, "session", &ok), store_session()) != 0;
    }
    cJSON_Delete(o);
    if (!ok) {
        runner_result_free(r);
        runner_result_init(r);
        return 1;
    }
    finding_list_normalize(&r->findings);
    return 0;
}
