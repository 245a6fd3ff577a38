/*
 * exitcode.h - racecard's exit statuses, in one place so the README, CTest
 * (SKIP_RETURN_CODE) and scripts can rely on them.
 *
 * Who returns what, one convention per layer, so a caller never has to guess
 * whether a non-zero result is already an exit status:
 *  - Stages that load, judge or write what racecard is about return an
 *    RC_EXIT_* value (RC_EXIT_OK, that is 0, on success) with the reason in
 *    their err buffer: case_load, det_load, det_find, check_load,
 *    check_against_truth, check_write and runner_run.  A message about a
 *    file is built by text_fail ("PATH:LINE: what").  The commands print the
 *    reason and pass the status on as it is.
 *  - Commands return an RC_EXIT_* value and print their own messages:
 *    explain_command and the command functions of main.c.
 *  - I/O helpers and string helpers return 0, or -1 (errno, or err where they
 *    take one, says why), and leave the exit status to their caller:
 *    run_command, text_make_parent_dir, parse_stream, explain_stream,
 *    report_write, report_write_html_tables, report_sarif,
 *    report_html_prepare, report_html_write, finding_parse_line,
 *    text_parse_ulong, and the name readers (parse_tool_from_name,
 *    report_format_parse, explain_color_choice).
 *  - Predicates return 1 or 0 (det_available, case_has_flag, ...).
 */
#ifndef RACECARD_EXITCODE_H
#define RACECARD_EXITCODE_H

enum {
    RC_EXIT_OK = 0,          /* done; for check: findings match expected */
    RC_EXIT_MISMATCH = 1,    /* check/matrix: findings differ from expected */
    RC_EXIT_USAGE = 2,       /* bad command line */
    RC_EXIT_INPUT = 3,       /* missing or malformed case, expected or definition file */
    RC_EXIT_DETECTOR = 4,    /* unknown detector */
    RC_EXIT_RUN = 5,         /* the run did not complete: crash, timeout, detector failed */
    RC_EXIT_UNTESTED = 6,    /* strict mode: a detector asked for was skipped, or nothing was tested */
    RC_EXIT_LOG = 8,         /* parse: a report was cut off or the detector died */
    RC_EXIT_INTERNAL = 70,   /* out of memory, failed fork, unwritable log */
    RC_EXIT_OUTPUT = 73,     /* a file asked for cannot be written: score --html/--sarif, bless */
    RC_EXIT_SKIP = 77        /* detector not installed: CTest reports SKIP */
};

#endif
