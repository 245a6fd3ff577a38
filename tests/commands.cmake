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

set(bad "${CMAKE_CURRENT_SOURCE_DIR}/bad")
set(fake "${CMAKE_CURRENT_SOURCE_DIR}/fake")
set(cli "${CMAKE_CURRENT_SOURCE_DIR}/cli")

# ---- lint: one small tree per rule -----------------------------------------
# (lint/stale-line and lint/label-review in tests/CMakeLists.txt are the
# other two.)  Each tree is clean but for the one problem.
racecard_expect(lint/unreadable-case EXIT 3
                STDERR "lint_unreadable/cases/unreadable.c:10: RACE\\(x\\) has no partner"
                MATCH "^lint: 2 cases, 1 detectors, 2 expected files checked, 1 problems\n$"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint_unreadable" lint)
racecard_expect(lint/unreadable-definition EXIT 3
                STDERR "lint_bad_definition/detectors/typo.det:7: unknown key 'timout'"
                MATCH "^lint: 1 cases, 2 detectors, 2 expected files checked, 1 problems\n$"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint_bad_definition" lint)
racecard_expect(lint/missing-expected EXIT 3
                STDERR "lint_missing/expected/plain/forgotten: cannot open expected findings"
                MATCH "^lint: 1 cases, 1 detectors, 1 expected files checked, 1 problems\n$"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint_missing" lint)
# Four ways an expected file differs from the truth without saying why; the
# detector 'exact' expects the truth, so the label review has nothing to say.
racecard_expect(lint/undocumented-difference EXIT 3
                STDERR "expected/plain/dropped: 'data-race dropped.c:10 dropped.c:11' is in the ground truth but not expected[^\n]*\n.*expected/plain/extra: 'data-race extra.c:10 extra.c:11' is not in the ground truth[^\n]*\n.*expected/plain/fixme:3: reason still says 'FIXME: say why'[^\n]*\n.*expected/plain/unexplained:2: a 'missing' line needs '# reason'"
                MATCH "^lint: 4 cases, 2 detectors, 8 expected files checked, 4 problems\n$"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint_undocumented" lint)
racecard_expect(lint/usage EXIT 2 STDERR "lint" ARGS lint extra)
