# commands.cmake - the racecard command's observable behaviour, one command
# at a time: what each prints on stdout and stderr, its exit status and the
# files it writes, with small trees (tests/cli, tests/lint_*) and stand-in
# detectors (tests/fake/detector.sh) so that every test takes well under a
# second.  Included from tests/CMakeLists.txt, which defines racecard_expect.

# The harness itself.  expect.cmake runs the command without
# RACECARD_STRICT, even when CTest's environment has it, and with what ENV
# sets; on a failure it shows the command's stdout and stderr.
add_test(NAME harness/strict-unset
         COMMAND ${CMAKE_COMMAND} "-DCMD=printenv|RACECARD_STRICT" -DEXIT=1 "-DMATCH=^$"
                 -P "${RACECARD_EXPECT}")
set_tests_properties(harness/strict-unset PROPERTIES LABELS "self" TIMEOUT 60
                     ENVIRONMENT RACECARD_STRICT=1)
add_test(NAME harness/env
         COMMAND ${CMAKE_COMMAND} "-DCMD=printenv|RACECARD_STRICT|RACECARD_TEST_ENV" -DEXIT=0
                 "-DENV=RACECARD_STRICT=2|RACECARD_TEST_ENV=a b=c" "-DMATCH=^2\na b=c\n$"
                 -P "${RACECARD_EXPECT}")
set_tests_properties(harness/env PROPERTIES LABELS "self" TIMEOUT 60 ENVIRONMENT RACECARD_STRICT=1)
# A command that fails its check: the test's output must hold the reason,
# then everything the command printed on stdout and on stderr (the check's
# own failure is the point, so only the output decides).
add_test(NAME harness/failure-shows-stderr
         COMMAND ${CMAKE_COMMAND} "-DCMD=sh|-c|echo to-stdout && echo to-stderr >&2 && exit 3"
                 -DEXIT=0 -P "${RACECARD_EXPECT}")
set_tests_properties(harness/failure-shows-stderr PROPERTIES LABELS "self" TIMEOUT 60
    PASS_REGULAR_EXPRESSION "exit status 3, wanted 0\n--- its stdout\nto-stdout\n--- its stderr\nto-stderr\n--- end")

# The unit programs' own harness: a program that ran no check fails.
add_executable(unit_nochecks unit_nochecks.c unit.h)
add_test(NAME unit/no-checks-fails
         COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:unit_nochecks>" -DEXIT=1
                 "-DMATCH=^unit_nochecks: 0 checks, 0 failed\n$"
                 "-DSTDERR=^unit_nochecks: no check ran, so nothing was tested\n$"
                 -P "${RACECARD_EXPECT}")
set_tests_properties(unit/no-checks-fails PROPERTIES LABELS "self" TIMEOUT 60)
