/*
 * cli.c - option walking, --help and usage errors for every command (see
 * cli.h).  One implementation, so "--opt=value" and "--opt value" mean the
 * same thing in every command and every usage error reads alike.
 */
#include "cli.h"

#include "exitcode.h"
#include "pool.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cli_strict_from_env(const char *value)
{
    return value && *value && strcmp(value, "0") != 0 && strcmp(value, "no") != 0;
}

void cli_args_init(cli_args *a, const char *command, const char *usage, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->command = command;
    a->usage = usage;
    a->argc = argc;
    a->argv = argv;
}

static int cli_end(cli_args *a, int status)
{
    a->done = 1;
    a->status = status;
    a->step = 0;
    return status;
}

int cli_usage_error(cli_args *a, const char *what)
{
    if (a->command)
        fprintf(stderr, "racecard %s: %s\n(racecard %s --help for usage)\n", a->command, what,
                a->command);
    else
        fprintf(stderr, "racecard: %s\n(racecard --help for usage)\n", what);
    return cli_end(a, RC_EXIT_USAGE);
}

int cli_unknown(cli_args *a)
{
    if (a->done)
        return a->status;
    text_buf b;
    text_buf_init(&b);
    text_buf_printf(&b, "unknown option '%s'", a->argv[a->i]);
    int rc = cli_usage_error(a, b.s);
    text_buf_free(&b);
    return rc;
}

int cli_next(cli_args *a)
{
    if (a->done || a->stopped)
        return 0;
    a->i += a->step;
    a->step = 1;
    /* no operand left: checked apart, as gcc under -fsanitize=address sees
       s[1] of a "" literal in the one expression and fails -Warray-bounds */
    if (a->i >= a->argc) {
        a->stopped = 1;
        return 0;
    }
    const char *s = a->argv[a->i];
    if (s[0] != '-' || s[1] == '\0') {
        a->stopped = 1;
        return 0;
    }
    if (strcmp(s, "--") == 0) {
        a->i++;
        a->stopped = 1;
        return 0;
    }
    if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
        fputs(a->usage, stdout);
        cli_end(a, RC_EXIT_OK);
        return 0;
    }
    return 1;
}

/* How argv[i] names the option: 0 not at all, 1 alone, 2 as "--long=value",
   3 as "-xvalue" (a short option with its value attached, as in -j4). */
static int cli_names(const cli_args *a, const char *short_name, const char *long_name)
{
    const char *s = a->argv[a->i];
    if ((short_name && strcmp(s, short_name) == 0) || (long_name && strcmp(s, long_name) == 0))
        return 1;
    size_t n = long_name ? strlen(long_name) : 0;
    if (n && strncmp(s, long_name, n) == 0 && s[n] == '=')
        return 2;
    if (short_name && strlen(short_name) == 2 && strncmp(s, short_name, 2) == 0 && s[2])
        return 3;
    return 0;
}

int cli_flag(cli_args *a, const char *short_name, const char *long_name)
{
    if (a->done)
        return 0;
    int how = cli_names(a, short_name, long_name);
    if (how == 3)
        return 0;
    if (how == 2) {
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "%s takes no value", long_name);
        cli_usage_error(a, b.s);
        text_buf_free(&b);
        return 0;
    }
    return how == 1;
}

int cli_value(cli_args *a, const char *short_name, const char *long_name, const char **value)
{
    if (a->done)
        return 0;
    int how = cli_names(a, short_name, long_name);
    if (how == 2) {
        *value = strchr(a->argv[a->i], '=') + 1;
        return 1;
    }
    if (how == 3) {
        *value = a->argv[a->i] + 2;
        return 1;
    }
    if (how == 0)
        return 0;
    if (a->i + 1 >= a->argc) {
        text_buf b;
        text_buf_init(&b);
        text_buf_printf(&b, "%s wants a value", a->argv[a->i]);
        cli_usage_error(a, b.s);
        text_buf_free(&b);
        return 0;
    }
    *value = a->argv[a->i + 1];
    a->step = 2;
    return 1;
}

int cli_operands(const cli_args *a)
{
    return a->i < a->argc ? a->argc - a->i : 0;
}

int cli_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("racecard: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

int cli_run_option(cli_args *a, cli_ctx *ctx)
{
    const char *v;
    if (cli_value(a, "-j", "--jobs", &v)) {
        if (pool_parse_jobs(v, &ctx->jobs) != 0) {
            cli_usage_error(a, "-j wants a number of runs at a time, 1..1024");
            return 0;
        }
        return 1;
    }
    if (cli_flag(a, NULL, "--rerun"))
        return ctx->rerun = 1;
    if (cli_flag(a, "-q", "--quiet"))
        return ctx->quiet = 1;
    return 0;
}
