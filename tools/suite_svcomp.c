/*
 * suite_svcomp.c - SV-COMP's no-data-race tasks as racecard cases (suite.h).
 *
 * sv-benchmarks (sosy-lab/sv-benchmarks) defines each verification task in
 * a YAML file, c/FOLDER/TASK.yml:
 *
 *   format_version: '2.0'
 *   input_files: 'TASK.i'
 *   properties:
 *     - property_file: ../properties/no-data-race.prp
 *       expected_verdict: false
 *
 * expected_verdict false means the program has a data race; true, that it
 * has none.  That is all the truth there is: program level, no lines.
 * The files are read with libyaml, never with patterns, because tasks carry
 * commented-out properties (a YAML comment, which libyaml drops) and either
 * a single input file or a list of them.
 *
 * A task is run natively from C source, so it is left out, with its reason
 * counted (suite_tally) and named on loading, when:
 *   - its definition cannot be read as YAML, or is not a task definition;
 *   - it has no no-data-race property (not listed: no race task at all);
 *   - its no-data-race property has no expected verdict true or false;
 *   - it names several input files, or an input that is not C;
 *   - its input is a preprocessed .i with no original .c beside it (most
 *     are preprocessed for a 32-bit target and do not build natively);
 *   - its input is missing;
 *   - the program defines __VERIFIER_atomic_ functions.  A verifier runs
 *     each as one atomic step, and tasks use them as blocking guards (an
 *     assume inside an atomic acquire waits until it holds).  Natively they
 *     are plain code; a global lock around them would still not wait on
 *     the assumption, so the program that runs would not be the task's:
 *     "semantics differ", left out and counted apart.
 * __VERIFIER_atomic_begin/_end, __VERIFIER_nondet_* and the like come from
 * racecard's own stand-ins (suites/stubs/verifier.c).
 */
#include "suite.h"

#include "exitcode.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef RACECARD_HAVE_YAML
#include <yaml.h>
#endif

/* Why a task is left out: the words of the summary and of each message. */
typedef enum svcomp_skip {
    SVCOMP_READ,
    SVCOMP_SKIP_YAML,
    SVCOMP_SKIP_NO_PROPERTY,
    SVCOMP_SKIP_VERDICT,
    SVCOMP_SKIP_SEVERAL,
    SVCOMP_SKIP_NOT_C,
    SVCOMP_SKIP_PREPROCESSED,
    SVCOMP_SKIP_MISSING,
    SVCOMP_SKIP_ATOMIC
} svcomp_skip;

static const char *const svcomp_reasons[] = {
    [SVCOMP_READ] = "read",
    [SVCOMP_SKIP_YAML] = "unreadable task definition",
    [SVCOMP_SKIP_NO_PROPERTY] = "no no-data-race property",
    [SVCOMP_SKIP_VERDICT] = "no-data-race without an expected verdict",
    [SVCOMP_SKIP_SEVERAL] = "several input files",
    [SVCOMP_SKIP_NOT_C] = "input not C",
    [SVCOMP_SKIP_PREPROCESSED] = ".i only (preprocessed, no .c beside it)",
    [SVCOMP_SKIP_MISSING] = "input missing",
    [SVCOMP_SKIP_ATOMIC] = "semantics differ (__VERIFIER_atomic_ functions)",
};

/* What a task definition says, as far as racecard needs it. */
typedef struct svcomp_task {
    svcomp_skip skip;
    unsigned long line;   /* the definition's line the reason is about, or 0 */
    text_buf why;         /* the reason's detail */
    int racy;             /* expected_verdict false */
    char *source;         /* the C file to build and run */
} svcomp_task;

static void svcomp_task_init(svcomp_task *t)
{
    t->skip = SVCOMP_READ;
    t->line = 0;
    text_buf_init(&t->why);
    t->racy = 0;
    t->source = NULL;
}

static void svcomp_task_free(svcomp_task *t)
{
    text_buf_free(&t->why);
    free(t->source);
}

/* Leaves t out for reason, with a detail; returns -1 so callers can stop. */
static int svcomp_skip_as(svcomp_task *t, svcomp_skip reason, unsigned long line,
                          const char *detail)
{
    t->skip = reason;
    t->line = line;
    text_buf_clear(&t->why);
    text_buf_adds(&t->why, detail);
    return -1;
}

/*
 * The first __VERIFIER_atomic_ function the program names other than the
 * stand-ins' _begin and _end (to free), or NULL.  Comments are not told
 * from code: a task that only mentions one in a comment is rare, and is
 * then left out rather than run with the wrong semantics.
 */
static char *svcomp_atomic_function(const char *source)
{
    static const char prefix[] = "__VERIFIER_atomic_";
    FILE *f = fopen(source, "r");
    if (!f)
        return NULL;
    text_reader r;
    text_reader_init(&r, f);
    char *found = NULL;
    for (char *line; !found && (line = text_reader_next(&r)) != NULL;)
        for (const char *p = strstr(line, prefix); p && !found; p = strstr(p + 1, prefix)) {
            if (p > line && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
                continue;
            const char *q = p + strlen(prefix);
            while (isalnum((unsigned char)*q) || *q == '_')
                q++;
            size_t n = (size_t)(q - p) - strlen(prefix);
            const char *rest = p + strlen(prefix);
            if (!(n == 5 && strncmp(rest, "begin", 5) == 0) &&
                !(n == 3 && strncmp(rest, "end", 3) == 0))
                found = text_ndup(p, (size_t)(q - p));
        }
    text_reader_free(&r);
    fclose(f);
    return found;
}

#ifdef RACECARD_HAVE_YAML

/* The directory part of path, with its slash ("" when there is none). */
static char *svcomp_dir_of(const char *path)
{
    return text_ndup(path, (size_t)(text_basename(path) - path));
}

/* Finds the C source of input (relative to the task's directory) into t. */
static int svcomp_source(const char *task_path, const char *input, unsigned long line,
                         svcomp_task *t)
{
    char *dir = svcomp_dir_of(task_path);
    text_buf path, c;
    text_buf_init(&path);
    text_buf_init(&c);
    text_buf_printf(&path, "%s%s", input[0] == '/' ? "" : dir, input);
    free(dir);
    int rc = 0, why = ENOENT;
    if (text_ends_with(input, ".c")) {
        if (access(path.s, R_OK) == 0)
            t->source = text_dup(path.s);
        else
            why = errno;
    } else if (text_ends_with(input, ".i")) {
        /* The original beside the preprocessed file stands for it. */
        text_buf_add(&c, path.s, path.len - 1);
        text_buf_adds(&c, "c");
        if (access(c.s, R_OK) == 0)
            t->source = text_dup(c.s);
        else if (access(path.s, R_OK) == 0) {
            text_buf_clear(&c);
            text_buf_printf(&c, "%s has no original %.*sc beside it", input,
                            (int)strlen(input) - 1, input);
            rc = svcomp_skip_as(t, SVCOMP_SKIP_PREPROCESSED, line, c.s);
        }
    } else {
        text_buf_clear(&c);
        text_buf_printf(&c, "%s is neither a .c nor a .i file", input);
        rc = svcomp_skip_as(t, SVCOMP_SKIP_NOT_C, line, c.s);
    }
    if (!rc && !t->source) {
        text_buf_clear(&c);
        text_buf_printf(&c, "%s: %s", path.s, strerror(why));
        rc = svcomp_skip_as(t, SVCOMP_SKIP_MISSING, line, c.s);
    }
    text_buf_free(&path);
    text_buf_free(&c);
    return rc;
}

/* A scalar node's text, or NULL for any other node. */
static const char *svcomp_scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* The 1-based line a node starts on. */
static unsigned long svcomp_line(const yaml_node_t *n)
{
    return n ? (unsigned long)n->start_mark.line + 1 : 0;
}

/* The value of key in mapping node m, or NULL. */
static yaml_node_t *svcomp_get(yaml_document_t *d, const yaml_node_t *m, const char *key)
{
    if (!m || m->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const char *k = svcomp_scalar(yaml_document_get_node(d, p->key));
        if (k && strcmp(k, key) == 0)
            return yaml_document_get_node(d, p->value);
    }
    return NULL;
}

/* Reads the no-data-race property's expected verdict into t. */
static int svcomp_property(yaml_document_t *d, const yaml_node_t *root, svcomp_task *t)
{
    yaml_node_t *props = svcomp_get(d, root, "properties");
    const yaml_node_t *found = NULL;
    if (props && props->type == YAML_SEQUENCE_NODE)
        for (yaml_node_item_t *i = props->data.sequence.items.start;
             i < props->data.sequence.items.top; i++) {
            yaml_node_t *p = yaml_document_get_node(d, *i);
            const char *file = svcomp_scalar(svcomp_get(d, p, "property_file"));
            if (!file || strcmp(text_basename(file), "no-data-race.prp") != 0)
                continue;
            if (found)
                return svcomp_skip_as(t, SVCOMP_SKIP_YAML, svcomp_line(p),
                                      "the no-data-race property is given twice");
            found = p;
        }
    else if (props)
        return svcomp_skip_as(t, SVCOMP_SKIP_YAML, svcomp_line(props),
                              "properties is not a list");
    if (!found)
        return svcomp_skip_as(t, SVCOMP_SKIP_NO_PROPERTY, 0,
                              "no property_file names no-data-race.prp");
    yaml_node_t *v = svcomp_get(d, found, "expected_verdict");
    const char *verdict = svcomp_scalar(v);
    /* YAML's own spellings of the two booleans. */
    if (verdict && (!strcmp(verdict, "false") || !strcmp(verdict, "False") ||
                    !strcmp(verdict, "FALSE")))
        t->racy = 1;
    else if (verdict && (!strcmp(verdict, "true") || !strcmp(verdict, "True") ||
                         !strcmp(verdict, "TRUE")))
        t->racy = 0;
    else {
        text_buf b;
        text_buf_init(&b);
        if (verdict)
            text_buf_printf(&b, "expected_verdict is '%s', not true or false", verdict);
        else
            text_buf_adds(&b, "the no-data-race property has no expected_verdict");
        svcomp_skip_as(t, SVCOMP_SKIP_VERDICT, svcomp_line(v ? v : found), b.s);
        text_buf_free(&b);
        return -1;
    }
    return 0;
}

/* Reads input_files (one file, alone or in a list) and finds its source. */
static int svcomp_input(yaml_document_t *d, const yaml_node_t *root, const char *path,
                        svcomp_task *t)
{
    yaml_node_t *in = svcomp_get(d, root, "input_files");
    if (in && in->type == YAML_SEQUENCE_NODE) {
        ptrdiff_t n = in->data.sequence.items.top - in->data.sequence.items.start;
        if (n > 1)
            return svcomp_skip_as(t, SVCOMP_SKIP_SEVERAL, svcomp_line(in),
                                  "input_files lists several files: racecard builds one");
        in = n == 1 ? yaml_document_get_node(d, in->data.sequence.items.start[0]) : NULL;
    }
    const char *file = svcomp_scalar(in);
    if (!file || !*file)
        return svcomp_skip_as(t, SVCOMP_SKIP_MISSING, svcomp_line(in),
                              "the definition names no input file (input_files)");
    return svcomp_source(path, file, svcomp_line(in), t);
}

/*
 * Leaves t out for libyaml's parse error, on the line where the construct
 * it could not finish began (a quote left open is found at the end of the
 * file), naming both.
 */
static void svcomp_yaml_error(const yaml_parser_t *p, svcomp_task *t)
{
    const char *problem = p->problem ? p->problem : "a parse error";
    unsigned long at = (unsigned long)p->problem_mark.line + 1;
    text_buf b;
    text_buf_init(&b);
    if (p->context) {
        text_buf_printf(&b, "not YAML: %s (begun on this line): %s, line %lu", p->context,
                        problem, at);
        at = (unsigned long)p->context_mark.line + 1;
    } else {
        text_buf_printf(&b, "not YAML: %s", problem);
    }
    svcomp_skip_as(t, SVCOMP_SKIP_YAML, at, b.s);
    text_buf_free(&b);
}

/* Parses path and reads what racecard needs into t (t->skip says how it went). */
static void svcomp_task_read(const char *path, svcomp_task *t)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "cannot read: %s", strerror(errno));
        svcomp_skip_as(t, SVCOMP_SKIP_YAML, 0, b.s);
        text_buf_free(&b);
        return;
    }
    yaml_parser_t p;
    yaml_document_t d;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_file(&p, f);
    if (!yaml_parser_load(&p, &d)) {
        svcomp_yaml_error(&p, t);
        yaml_parser_delete(&p);
        fclose(f);
        return;
    }
    yaml_node_t *root = yaml_document_get_root_node(&d);
    const char *format = svcomp_scalar(svcomp_get(&d, root, "format_version"));
    if (!root || root->type != YAML_MAPPING_NODE)
        svcomp_skip_as(t, SVCOMP_SKIP_YAML, svcomp_line(root),
                       "not a task definition (a YAML mapping with format_version)");
    else if (!format || (strcmp(format, "1.0") != 0 && strcmp(format, "2.0") != 0))
        svcomp_skip_as(t, SVCOMP_SKIP_YAML, svcomp_line(root),
                       "not a task definition of format_version 1.0 or 2.0");
    else if (svcomp_property(&d, root, t) == 0)
        svcomp_input(&d, root, path, t);
    yaml_document_delete(&d);
    yaml_parser_delete(&p);
    fclose(f);
}

const char *suite_svcomp_unavailable(void)
{
    return NULL;
}

#else /* !RACECARD_HAVE_YAML */

static const char svcomp_no_yaml[] =
    "this racecard was built without libyaml (Debian: libyaml-dev), so it cannot read "
    "SV-COMP task definitions: install it and configure again";

static void svcomp_task_read(const char *path, svcomp_task *t)
{
    (void)path;
    svcomp_skip_as(t, SVCOMP_SKIP_YAML, 0, svcomp_no_yaml);
}

const char *suite_svcomp_unavailable(void)
{
    return svcomp_no_yaml;
}

#endif

/* Reads a task and, when it is run natively, checks its program's semantics. */
static void svcomp_task_check(const char *path, svcomp_task *t)
{
    svcomp_task_read(path, t);
    if (t->skip != SVCOMP_READ)
        return;
    char *atomic = svcomp_atomic_function(t->source);
    if (atomic) {
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "%s defines %s, one atomic step for a verifier and plain code "
                        "natively", text_basename(t->source), atomic);
        svcomp_skip_as(t, SVCOMP_SKIP_ATOMIC, 0, b.s);
        text_buf_free(&b);
        free(atomic);
    }
}

int suite_svcomp_wanted(const char *path, suite_tally *tally)
{
    svcomp_task t;
    svcomp_task_init(&t);
    svcomp_task_check(path, &t);
    tally->accounts = 1;   /* every task is read or counted under a reason */
    if (t.skip == SVCOMP_SKIP_NO_PROPERTY)
        suite_tally_add(tally, "no no-data-race property (not listed)");
    else if (t.skip != SVCOMP_READ)
        suite_tally_add(tally, svcomp_reasons[t.skip]);
    int wanted = t.skip != SVCOMP_SKIP_NO_PROPERTY;
    svcomp_task_free(&t);
    return wanted;
}

/* "svcomp/FOLDER/TASK" from .../FOLDER/TASK.yml; the folder is the category. */
static char *svcomp_case_name(const char *path, char **folder)
{
    const char *base = text_basename(path);
    const char *end = base > path ? base - 1 : base;   /* the slash before base */
    const char *start = end;
    while (start > path && start[-1] != '/')
        start--;
    *folder = start < end ? text_ndup(start, (size_t)(end - start)) : text_dup("svcomp");
    size_t stem = strlen(base) - (text_ends_with(base, ".yml") ? 4 : 0);
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "svcomp/%s/%.*s", *folder, (int)stem, base);
    return b.s;
}

int suite_svcomp_load(const char *path, case_info *c, finding_list *truth, text_buf *err)
{
    (void)truth;   /* program level: a verdict, no lines */
    char *folder;
    char *name = svcomp_case_name(path, &folder);
    svcomp_task t;
    svcomp_task_init(&t);
    svcomp_task_check(path, &t);
    suite_case_init(c, t.source ? t.source : path, name, NULL, folder, "SV-COMP",
                    CASE_TRUTH_PROGRAM);
    int rc = 0;
    if (t.skip != SVCOMP_READ) {
        rc = text_fail(err, RC_EXIT_INPUT, path, t.line, "left out: %s: %s",
                       svcomp_reasons[t.skip], t.why.s);
    } else {
        c->verdict = text_dup(t.racy ? "race" : "race-free");
        free(c->summary);
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "SV-COMP task %s/%s: no-data-race expected_verdict %s", folder,
                        text_basename(path), t.racy ? "false (a data race)" : "true (none)");
        c->summary = b.s;
    }
    svcomp_task_free(&t);
    free(name);
    free(folder);
    return rc;
}
