# commands.cmake - the racecard command's observable behaviour, one command
# at a time: what each prints on stdout and stderr, its exit status and the
# files it writes, with small trees (tests/cli, tests/lint_*) and stand-in
# detectors (tests/fake/detector.sh) so that every test takes well under a
# second.  Included from tests/CMakeLists.txt, which defines racecard_expect.

# The unit programs' own harness: a program that ran no check fails.
add_executable(unit_nochecks unit_nochecks.c unit.h)
add_test(NAME unit/no-checks-fails
         COMMAND ${CMAKE_COMMAND} "-DCMD=$<TARGET_FILE:unit_nochecks>" -DEXIT=1
                 "-DMATCH=^unit_nochecks: 0 checks, 0 failed\n$"
                 "-DSTDERR=^unit_nochecks: no check ran, so nothing was tested\n$"
                 -P "${RACECARD_EXPECT}")
set_tests_properties(unit/no-checks-fails PROPERTIES LABELS "self" TIMEOUT 60)
