/*
 * export_svcomp.c - the catalog as SV-COMP verification tasks (see
 * export_svcomp.h): the blind copies and support headers job_write_blind
 * writes, and beside them a task definition per copy, the property file
 * they point to, and the map from ids back to cases.
 *
 * The task definitions are written as text, not through a YAML library:
 * their shape is fixed and every value in them is a neutral file name, a
 * boolean or a word, none of which needs quoting beyond single quotes.
 */
#include "export_svcomp.h"

#include "blind.h"
#include "exitcode.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The property of SV-COMP's NoDataRace category: from main on, globally,
   no data race.  The line is the format's, as verifiers recognise it. */
static const char export_svcomp_formula[] = "CHECK( init(main()), LTL(G ! data-race) )\n";

/* Writes text to path, making its directory; 0 or RC_EXIT_OUTPUT. */
static int export_svcomp_save(const char *path, const char *text, text_buf *err)
{
    FILE *f = text_make_parent_dir(path) == 0 ? fopen(path, "w") : NULL;
    if (!f)
        return text_fail(err, RC_EXIT_OUTPUT, path, 0, "cannot write: %s", strerror(errno));
    int bad = fputs(text, f) == EOF;
    if (fclose(f) != 0 || bad)
        return text_fail(err, RC_EXIT_OUTPUT, path, 0, "cannot write: %s", strerror(errno));
    return 0;
}

static int export_svcomp_listed(const text_list *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

/* Appends to l each header dir/file includes in quotes that l lacks. */
static void export_svcomp_scan(const char *dir, const char *file, text_list *l)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/%s", dir, file);
    FILE *f = fopen(path.s, "r");
    text_buf_free(&path);
    if (!f)
        return; /* a header that is not there: the compile check says so */
    text_reader r;
    text_reader_init(&r, f);
    for (char *line; (line = text_reader_next(&r)) != NULL;) {
        const char *p = text_skip_space(line);
        if (*p++ != '#')
            continue;
        p = text_skip_space(p);
        if (!text_starts_with(p, "include"))
            continue;
        p = text_skip_space(p + strlen("include"));
        const char *end = *p == '"' ? strchr(p + 1, '"') : NULL;
        char *name = end ? text_ndup(p + 1, (size_t)(end - p - 1)) : NULL;
        if (name && !export_svcomp_listed(l, name))
            text_list_push(l, name);
        else
            free(name);
    }
    text_reader_free(&r);
    fclose(f);
}

/* The headers the copy dir/file needs, its own includes and theirs. */
static void export_svcomp_required(const char *dir, const char *file, text_list *out)
{
    export_svcomp_scan(dir, file, out);
    for (size_t i = 0; i < out->n; i++)
        export_svcomp_scan(dir, out->v[i], out);
}

/* The task definition of the copy id.c, whose case has verdict verdict. */
static void export_svcomp_yml(const char *id, const char *verdict, const text_list *required,
                              text_buf *y)
{
    text_buf_printf(y, "format_version: '2.0'\n\ninput_files: '%s.c'\n", id);
    if (required->n)
        text_buf_adds(y, "\nrequired_files:\n");
    for (size_t i = 0; i < required->n; i++)
        text_buf_printf(y, "  - '%s'\n", required->v[i]);
    text_buf_printf(y, "\nproperties:\n  - property_file: '%s'\n    expected_verdict: %s\n",
                    EXPORT_SVCOMP_PROPERTY, strcmp(verdict, "race-free") == 0 ? "true" : "false");
    text_buf_adds(y, "\noptions:\n  language: C\n  data_model: LP64\n");
}

/* One case's copy, headers and task definition; its map line into map. */
static int export_svcomp_task(const char *source_dir, const job_case *c, const char *dir,
                              text_buf *map, text_buf *err)
{
    int rc = job_write_blind(source_dir, c, dir, err);
    if (rc)
        return rc;
    char *id = blind_id(c->info.name);
    text_buf file, path, y;
    text_buf_init(&file);
    text_buf_init(&path);
    text_buf_init(&y);
    text_buf_printf(&file, "%s.c", id);
    text_list required;
    text_list_init(&required);
    export_svcomp_required(dir, file.s, &required);
    export_svcomp_yml(id, c->info.verdict, &required, &y);
    text_buf_printf(&path, "%s/%s.yml", dir, id);
    rc = export_svcomp_save(path.s, y.s, err);
    text_buf_printf(map, "%s %s\n", id, c->info.name);
    text_list_free(&required);
    text_buf_free(&file);
    text_buf_free(&path);
    text_buf_free(&y);
    free(id);
    return rc;
}

/* Writes dir/name holding text; 0 or RC_EXIT_OUTPUT. */
static int export_svcomp_save_in(const char *dir, const char *name, const char *text,
                                 text_buf *err)
{
    text_buf path;
    text_buf_init(&path);
    text_buf_printf(&path, "%s/%s", dir, name);
    int rc = export_svcomp_save(path.s, text, err);
    text_buf_free(&path);
    return rc;
}

int export_svcomp_write(const char *source_dir, const job_catalog *cat, const char *dir,
                        FILE *note, text_buf *err)
{
    text_buf map;
    text_buf_init(&map);
    text_buf_adds(&map, "");
    size_t written = 0;
    int rc = export_svcomp_save_in(dir, EXPORT_SVCOMP_PROPERTY, export_svcomp_formula, err);
    for (size_t i = 0; i < cat->n && !rc; i++) {
        const case_info *ci = &cat->v[i].info;
        if (case_is_cxx(ci)) {
            fprintf(note, "export: skipped %s: a C++ program, and SV-COMP's tasks are C\n",
                    ci->name);
            continue;
        }
        rc = export_svcomp_task(source_dir, &cat->v[i], dir, &map, err);
        written += !rc;
    }
    if (!rc)
        rc = export_svcomp_save_in(dir, EXPORT_SVCOMP_MAP, map.s, err);
    if (!rc)
        fprintf(note, "export: wrote %zu SV-COMP task%s (no-data-race, C, LP64) to %s, "
                      "skipped %zu\n",
                written, written == 1 ? "" : "s", dir, cat->n - written);
    text_buf_free(&map);
    return rc;
}
