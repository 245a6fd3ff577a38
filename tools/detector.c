/*
 * detector.c - read detector definitions (see detector.h for the format).
 */
#include "detector.h"
#include "exitcode.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char **det_string_slot(det_def *d, const char *key)
{
    static const char *const keys[] = {
        "name", "summary", "flavour", "compiler", "cflags", "ldflags",
        "parser", "install", "note", "expected", "build", "cxx", "cxxflags", "catalog", "suites",
        NULL,
    };
    char **slots[] = {
        &d->name, &d->summary, &d->flavour, &d->compiler, &d->cflags,
        &d->ldflags, &d->parser, &d->install, &d->note, &d->expected, &d->build,
        &d->cxx, &d->cxxflags, &d->catalog, &d->suites,
    };
    for (size_t i = 0; keys[i]; i++)
        if (strcmp(key, keys[i]) == 0)
            return slots[i];
    return NULL;
}

/* Applies one "key = value" line.  Returns 0 or an error code. */
static int det_set(det_def *d, unsigned long line, const char *key, const char *value,
                   text_buf *err)
{
    char **slot = det_string_slot(d, key);
    unsigned long n;
    if (slot) {
        if (*slot)
            return text_fail(err, RC_EXIT_INPUT, d->path, line, "key '%s' given twice", key);
        *slot = text_dup(value);
    } else if (strcmp(key, "run") == 0) {
        if (d->run.n)
            return text_fail(err, RC_EXIT_INPUT, d->path, line, "key '%s' given twice", key);
        text_split_words(value, &d->run);
    } else if (strcmp(key, "version") == 0) {
        if (d->version.n)
            return text_fail(err, RC_EXIT_INPUT, d->path, line, "key '%s' given twice", key);
        text_split_words(value, &d->version);
    } else if (strcmp(key, "convert") == 0) {
        if (d->convert.n)
            return text_fail(err, RC_EXIT_INPUT, d->path, line, "key '%s' given twice", key);
        text_split_words(value, &d->convert);
    } else if (strcmp(key, "env") == 0) {
        const char *eq = strchr(value, '=');
        if (!eq || eq == value)
            return text_fail(err, RC_EXIT_INPUT, d->path, line,
                             "env wants NAME=VALUE, not '%s'", value);
        text_list_push(&d->env, text_dup(value));
    } else if (strcmp(key, "timeout") == 0) {
        if (text_parse_ulong(value, 3600, &n) || n == 0)
            return text_fail(err, RC_EXIT_INPUT, d->path, line,
                             "timeout must be 1..3600 seconds, not '%s'", value);
        d->timeout = (unsigned)n;
    } else if (strcmp(key, "race-exit") == 0) {
        if (text_parse_ulong(value, 255, &n))
            return text_fail(err, RC_EXIT_INPUT, d->path, line,
                             "race-exit must be 0..255, not '%s'", value);
        d->race_exit = (int)n;
    } else if (strcmp(key, "aslr-retry") == 0) {
        if (strcmp(value, "yes") && strcmp(value, "no"))
            return text_fail(err, RC_EXIT_INPUT, d->path, line,
                             "aslr-retry must be yes or no, not '%s'", value);
        d->aslr_retry = strcmp(value, "yes") == 0;
    } else {
        return text_fail(err, RC_EXIT_INPUT, d->path, line, "unknown key '%s'", key);
    }
    return 0;
}

static int det_parse_line(det_def *d, const char *line, unsigned long lineno, text_buf *err)
{
    const char *t = text_skip_space(line);
    if (!*t || *t == '#')
        return 0;
    const char *eq = strchr(t, '=');
    if (!eq)
        return text_fail(err, RC_EXIT_INPUT, d->path, lineno, "expected 'key = value'");
    char *key = text_ndup(t, (size_t)(eq - t));
    char *k = text_trim_dup(key);
    char *value = text_trim_dup(eq + 1);
    int rc = det_set(d, lineno, k, value, err);
    free(key);
    free(k);
    free(value);
    return rc;
}

int det_runs_catalog(const det_def *d)
{
    return !d->catalog || strcmp(d->catalog, "no") != 0;
}

int det_runs_suite(const det_def *d, const char *name)
{
    text_list words;
    text_list_init(&words);
    if (d->suites)
        text_split_words(d->suites, &words);
    int found = 0;
    for (size_t i = 0; i < words.n; i++)
        found |= strcmp(words.v[i], name) == 0;
    text_list_free(&words);
    return found;
}

static int det_check(det_def *d, text_buf *err)
{
    if (d->catalog && strcmp(d->catalog, "yes") != 0 && strcmp(d->catalog, "no") != 0)
        return text_fail(err, RC_EXIT_INPUT, d->path, 0, "catalog must be yes or no, not '%s'",
                         d->catalog);
    static const char *const required[] = {"name", "parser", "flavour", "compiler", NULL};
    if (d->build && strcmp(d->build, "none") != 0)
        return text_fail(err, RC_EXIT_INPUT, d->path, 0,
                         "build must be none (or left out, for a compiled case), not '%s'", d->build);
    /* A tool that reads source builds nothing: no flavour, no compiler. */
    size_t nrequired = det_builds(d) ? 4 : 2;
    for (size_t i = 0; i < nrequired; i++)
        if (!*det_string_slot(d, required[i]))
            return text_fail(err, RC_EXIT_INPUT, d->path, 0,
                             "required key '%s' is missing", required[i]);
    if (!d->run.n)
        return text_fail(err, RC_EXIT_INPUT, d->path, 0, "required key '%s' is missing", "run");
    const char *base = text_basename(d->path);
    size_t stem = strlen(base) - (text_ends_with(base, ".det") ? 4 : 0);
    if (strlen(d->name) != stem || strncmp(d->name, base, stem) != 0)
        return text_fail(err, RC_EXIT_INPUT, d->path, 0,
                         "name '%s' does not match the file name", d->name);
    if (strcmp(d->parser, "tsan") && strcmp(d->parser, "helgrind") && strcmp(d->parser, "drd") &&
        strcmp(d->parser, "canonical"))
        return text_fail(err, RC_EXIT_INPUT, d->path, 0,
                         "parser must be tsan, helgrind, drd or canonical, not '%s'", d->parser);
    if (d->convert.n && strcmp(d->parser, "canonical") != 0)
        return text_fail(err, RC_EXIT_INPUT, d->path, 0,
                         "a converter prints canonical findings: set parser = canonical");
    if (d->cxxflags && !d->cxx)
        return text_fail(err, RC_EXIT_INPUT, d->path, 0,
                         "cxxflags without cxx: name the C++ compiler too");
    if (d->expected && strcmp(d->expected, "none") != 0 &&
        (!*d->expected || strchr(d->expected, '/') || strchr(d->expected, ' ')))
        return text_fail(err, RC_EXIT_INPUT, d->path, 0,
                         "expected must be a detector name or none, not '%s'", d->expected);
    return 0;
}

int det_load(const char *path, det_def *d, text_buf *err)
{
    memset(d, 0, sizeof *d);
    text_list_init(&d->run);
    text_list_init(&d->env);
    text_list_init(&d->convert);
    text_list_init(&d->version);
    d->path = text_dup(path);
    d->timeout = 30;
    d->race_exit = -1;
    FILE *f = fopen(path, "r");
    if (!f)
        return text_fail(err, RC_EXIT_INPUT, path, 0, "cannot open: %s", strerror(errno));
    text_reader r;
    text_reader_init(&r, f);
    const char *line;
    int rc = 0;
    while (!rc && (line = text_reader_next(&r)) != NULL)
        rc = det_parse_line(d, line, r.lineno, err);
    text_reader_free(&r);
    fclose(f);
    return rc ? rc : det_check(d, err);
}

void det_list(const char *dir, text_list *names)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    size_t first = names->n;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (e->d_name[0] != '.' && text_ends_with(e->d_name, ".det"))
            text_list_push(names, text_ndup(e->d_name, strlen(e->d_name) - 4));
    closedir(dp);
    text_list_sort(names, first);
}

int det_find(const char *dir, const char *name, det_def *d, text_buf *err)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/%s.det", dir, name);
    if (strchr(name, '/') || access(path.s, F_OK) != 0) {
        memset(d, 0, sizeof *d);
        text_list names;
        text_list_init(&names);
        det_list(dir, &names);
        text_buf_clear(err);
        text_buf_printf(err, "unknown detector '%s' (known:", name);
        for (size_t i = 0; i < names.n; i++)
            text_buf_printf(err, " %s", names.v[i]);
        text_buf_adds(err, names.n ? ")" : " none)");
        text_list_free(&names);
        text_buf_free(&path);
        return RC_EXIT_DETECTOR;
    }
    int rc = det_load(path.s, d, err);
    text_buf_free(&path);
    return rc;
}

void det_free(det_def *d)
{
    char **strings[] = {
        &d->path, &d->name, &d->summary, &d->flavour, &d->compiler,
        &d->cflags, &d->ldflags, &d->parser, &d->install, &d->note,
        &d->expected, &d->build, &d->cxx, &d->cxxflags, &d->catalog, &d->suites,
    };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(*strings[i]);
    text_list_free(&d->run);
    text_list_free(&d->env);
    text_list_free(&d->convert);
    text_list_free(&d->version);
    memset(d, 0, sizeof *d);
}

/* Appends w to b with every {name} of vars replaced by its value. */
static void det_expand(text_buf *b, const char *w, const char *const vars[][2], size_t nvars)
{
    while (*w) {
        size_t i = 0;
        for (; i < nvars; i++)
            if (text_starts_with(w, vars[i][0]))
                break;
        if (i < nvars) {
            text_buf_adds(b, vars[i][1]);
            w += strlen(vars[i][0]);
        } else {
            text_buf_add(b, w++, 1);
        }
    }
}

/* A placeholder left as itself when its value is not known. */
static const char *det_or(const char *value, const char *placeholder)
{
    return value ? value : placeholder;
}

/* words with the placeholders replaced, as a NULL-terminated vector. */
static char **det_vector(const det_def *d, const text_list *words, const det_vars *v)
{
    char *dir = text_dup(d->path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    const char *const vars[][2] = {
        {"{exe}", det_or(v->exe, "{exe}")},
        {"{detdir}", slash ? dir : "."},
        {"{log}", det_or(v->log, "{log}")},
        {"{source}", det_or(v->source, "{source}")},
        {"{blind}", det_or(v->blind, "{blind}")},
        {"{case}", det_or(v->case_id, "{case}")},
        {"{srcdir}", det_or(v->srcdir, "{srcdir}")},
    };
    char **argv = text_alloc((words->n + 1) * sizeof *argv);
    for (size_t i = 0; i < words->n; i++) {
        text_buf b;
        text_buf_init(&b);
        text_buf_adds(&b, "");
        det_expand(&b, words->v[i], vars, sizeof vars / sizeof vars[0]);
        argv[i] = b.s;
    }
    argv[words->n] = NULL;
    free(dir);
    return argv;
}

char **det_argv(const det_def *d, const char *exe)
{
    det_vars v = {exe, NULL, NULL, NULL, NULL, NULL};
    return det_vector(d, &d->run, &v);
}

char **det_argv_vars(const det_def *d, const det_vars *v)
{
    return det_vector(d, &d->run, v);
}

char **det_version_argv(const det_def *d)
{
    det_vars v = {NULL, NULL, NULL, NULL, NULL, NULL};
    return d->version.n ? det_vector(d, &d->version, &v) : NULL;
}

char **det_convert_argv(const det_def *d, const char *exe, const char *log)
{
    det_vars v = {exe, log, NULL, NULL, NULL, NULL};
    return det_convert_argv_vars(d, &v);
}

char **det_convert_argv_vars(const det_def *d, const det_vars *v)
{
    return d->convert.n ? det_vector(d, &d->convert, v) : NULL;
}

int det_builds(const det_def *d)
{
    return !d->build || strcmp(d->build, "none") != 0;
}

const char *det_expected_name(const det_def *d)
{
    if (!d->expected)
        return d->name;
    return strcmp(d->expected, "none") == 0 ? NULL : d->expected;
}

void det_argv_free(char **argv)
{
    for (size_t i = 0; argv && argv[i]; i++)
        free(argv[i]);
    free(argv);
}

/* True if prog (a bare name or a path) names an executable file. */
static int det_on_path(const char *prog)
{
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    text_buf cand;
    text_buf_init(&cand);
    int found = 0;
    for (const char *p = path; !found; p++) {
        const char *e = strchr(p, ':');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        text_buf_clear(&cand);
        text_buf_add(&cand, n ? p : ".", n ? n : 1);
        text_buf_printf(&cand, "/%s", prog);
        struct stat st;
        found = stat(cand.s, &st) == 0 && S_ISREG(st.st_mode) && access(cand.s, X_OK) == 0;
        if (!e)
            break;
        p = e;
    }
    text_buf_free(&cand);
    return found;
}

/* Reads the first line of BUILD/flavours/FILE: 1 when it says "ok", 0 when
   it says anything else (that line in *line, allocated), -1 when there is
   no such file. */
static int det_status_ok(const char *build_dir, const char *file, char **line)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/flavours/%s", build_dir, file);
    FILE *f = fopen(path.s, "r");
    text_buf_free(&path);
    *line = NULL;
    if (!f)
        return -1;
    text_reader r;
    text_reader_init(&r, f);
    const char *l = text_reader_next(&r);
    int ok = l && strcmp(l, "ok") == 0;
    *line = text_dup(l ? l : "flavour probe failed");
    text_reader_free(&r);
    fclose(f);
    return ok;
}

int det_available(const det_def *d, const char *build_dir, text_buf *why)
{
    char **argv = det_argv(d, "{exe}");
    const char *prog = argv[0];
    text_buf_clear(why);
    if (!strstr(prog, "{exe}") && !det_on_path(prog)) {
        text_buf_printf(why, "%s is not installed: '%s' is not on PATH (install: %s)",
                        d->name, prog, d->install ? d->install : "unknown");
        det_argv_free(argv);
        return 0;
    }
    det_argv_free(argv);
    if (!det_builds(d))
        return 1;
    text_buf file;
    text_buf_init(&file);
    text_buf_printf(&file, "%s.status", d->flavour);
    char *line;
    int ok = det_status_ok(build_dir, file.s, &line);
    if (ok < 0)
        text_buf_printf(why, "%s: no build of flavour '%s' in %s (configure the build tree first)",
                        d->name, d->flavour, build_dir);
    else if (!ok)
        text_buf_printf(why, "%s is not installed: %s (install: %s)", d->name, line,
                        d->install ? d->install : "unknown");
    free(line);
    text_buf_free(&file);
    return ok > 0;
}

int det_available_cxx(const det_def *d, const char *build_dir, text_buf *why)
{
    if (!det_available(d, build_dir, why))
        return 0;
    if (!det_builds(d))
        return 1;   /* reads source: C++ is as good as C */
    if (!d->cxx) {
        text_buf_printf(why, "%s cannot build the C++ cases: its definition names no C++ "
                        "compiler (keys cxx and cxxflags)", d->name);
        return 0;
    }
    text_buf file;
    text_buf_init(&file);
    text_buf_printf(&file, "%s.cxx.status", d->flavour);
    char *line;
    int ok = det_status_ok(build_dir, file.s, &line);
    if (ok < 0)
        text_buf_printf(why, "%s: no C++ build of flavour '%s' in %s (configure the build tree "
                        "first)", d->name, d->flavour, build_dir);
    else if (!ok)
        text_buf_printf(why, "%s cannot build the C++ cases: %s (install: %s)", d->name, line,
                        d->install ? d->install : "unknown");
    free(line);
    text_buf_free(&file);
    return ok > 0;
}
