/*
 * exitcode.h - racecard's exit statuses, in one place so the README, CTest
 * (SKIP_RETURN_CODE) and scripts can rely on them.
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
    RC_EXIT_OUTPUT = 73,     /* score: a report file asked for (--html, --sarif) cannot be written */
    RC_EXIT_SKIP = 77        /* detector not installed: CTest reports SKIP */
};

#endif
