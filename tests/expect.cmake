# expect.cmake - run one command and hold it to an exit status, an exact
# stdout (a file) and a stderr pattern.  Used with cmake -P by tests.
#   -DCMD=a|b|c      the argument vector, '|'-separated
#   -DEXIT=N         the exit status wanted
#   -DSTDOUT=FILE    stdout must equal this file (optional)
#   -DSTDERR=REGEX   stderr must match this regular expression (optional)
#   -DMATCH=REGEX    stdout must match this regular expression (optional)
#   -DMASK=MASK      rewrite stdout before comparing it (optional):
#                    csv:COLUMN,... or regex:REGEX (expect_steps.cmake)
#   -DENV=N=V|N=V    environment variables for the command, '|'-separated
#                    (optional); RACECARD_STRICT is unset unless given here
# On failure it prints the command, what was wrong, and the command's
# stdout and stderr.  The checks themselves are in expect_steps.cmake.
include("${CMAKE_CURRENT_LIST_DIR}/expect_steps.cmake")
string(REPLACE "|" ";" cmd "${CMD}")
string(REPLACE "|" ";" env "${ENV}")
expect_command(CMD ${cmd} EXIT "${EXIT}" STDOUT "${STDOUT}" MATCH "${MATCH}"
               STDERR "${STDERR}" MASK "${MASK}" ENV ${env})
