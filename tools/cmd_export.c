/*
 * cmd_export.c - the catalog handed to tools that read source: "racecard
 * blind" writes every case as a blind copy (blind.h) under a neutral id,
 * with the support headers it includes, for a static analyser or a model
 * to read without reading the answer.
 */
#include "blind.h"
#include "cli.h"
#include "exitcode.h"
#include "job.h"

#include <stdlib.h>
#include <string.h>

static const char cmd_blind_usage[] =
    "usage: racecard blind [-c CASE]... DIR\n"
    "\n"
    "Writes each case (every case when none is named) as DIR/ID.c, its neutral\n"
    "id the only name it has: the header, every comment and every marker\n"
    "removed, the case's name replaced by the id, and the line numbers kept,\n"
    "so line N of the copy is line N of the case.  The support headers the\n"
    "cases include are written beside them, blind too.  Which id is which case\n"
    "racecard keeps to itself: a definition with build = none is given the\n"
    "copies ({blind}, {case}) and its findings are mapped back.\n"
    "\n"
    "exit status: 0 written; 2 usage; 3 a case cannot be read; 73 DIR cannot\n"
    "be written.\n";

int cmd_blind(cli_ctx *ctx, int argc, char **argv)
{
    cli_args a;
    cli_args_init(&a, "blind", cmd_blind_usage, argc, argv);
    text_list names;
    text_list_init(&names);
    const char *v;
    while (cli_next(&a)) {
        if (cli_value(&a, "-c", "--case", &v))
            text_list_push(&names, text_dup(v));
        else
            cli_unknown(&a);
    }
    int rc = a.done ? a.status : -1;
    if (rc < 0 && cli_operands(&a) != 1)
        rc = cli_usage_error(&a, "want one DIR");
    if (rc >= 0) {
        text_list_free(&names);
        return rc;
    }
    const char *dir = argv[a.i];
    job_catalog cat;
    rc = job_catalog_load(ctx, &names, &cat);
    text_buf err;
    text_buf_init(&err);
    for (size_t i = 0; i < cat.n && !rc; i++)
        rc = job_write_blind(ctx->source_dir, &cat.v[i], dir, &err);
    if (rc && err.len)
        fprintf(stderr, "racecard: %s\n", err.s);
    else if (!rc)
        printf("blind: wrote %zu case%s and the support headers to %s\n", cat.n,
               cat.n == 1 ? "" : "s", dir);
    text_buf_free(&err);
    job_catalog_free(&cat);
    text_list_free(&names);
    return rc;
}
