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
                MATCH "^lint: 2 cases, 1 detectors, 1 expected files checked, 1 problems\n$"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint_unreadable" lint)
racecard_expect(lint/unreadable-definition EXIT 3
                STDERR "lint_bad_definition/detectors/typo.det:7: unknown key 'timout'"
                MATCH "^lint: 1 cases, 1 detectors, 1 expected files checked, 1 problems\n$"
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

# ---- the run directory ----------------------------------------------------
# Most tests run racecard on tests/cli, a tree of three small cases (tally,
# guarded, spill) and four stand-in detectors (replay, segv, missing,
# unbuilt), from a run directory cli/run-dir.cmake makes: src is a link to
# the tree, build a stand-in build tree.  Given as --source-dir src
# --build-dir build (after racecard_expect's own, which they override),
# every path racecard prints is relative and the same on every checkout, so
# outputs are compared whole.  The tests that run a stand-in share its logs,
# so all the tests in it take one lock.
set(cli_run "${CMAKE_CURRENT_BINARY_DIR}/cli-run")
set(in_run --source-dir src --build-dir build)
file(MAKE_DIRECTORY "${cli_run}")
add_test(NAME cli/run-dir
         COMMAND ${CMAKE_COMMAND} "-DTREE=${cli}" "-DRUN=${cli_run}" -P "${cli}/run-dir.cmake")
set_tests_properties(cli/run-dir PROPERTIES LABELS "self" TIMEOUT 60 FIXTURES_SETUP cli-run)
function(racecard_in_run_dir)
  set_tests_properties(${ARGN} PROPERTIES WORKING_DIRECTORY "${cli_run}"
                       FIXTURES_REQUIRED cli-run RESOURCE_LOCK cli-run-logs)
endfunction()

# ---- list -----------------------------------------------------------------
racecard_expect(list/tree EXIT 0 STDOUT "${cli}/stdout/list" STDERR "^$" ARGS ${in_run} list)
# The catalog: one line per cases/*.c and *.cpp, in order, and nothing else,
# held to an expected list written from CMake's own reading of the headers
# (a regex of every line grew past what CMake's regex engine takes).
file(GLOB catalog_cases CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/cases/*.c" "${PROJECT_SOURCE_DIR}/cases/*.cpp")
list(TRANSFORM catalog_cases REPLACE "^.*/([^/]*)\\.(c|cpp)$" "\\1")
list(SORT catalog_cases)   # by name, as racecard sorts them (not by file name)
set(want "")
foreach(c IN LISTS catalog_cases)
  string(APPEND want "${c} ${RACECARD_verdict_${c}} ${RACECARD_category_${c}}\n")
endforeach()
file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/catalog-list.txt" "${want}")
racecard_expect(list/catalog EXIT 0 STDOUT "${CMAKE_CURRENT_BINARY_DIR}/catalog-list.txt" STDERR "^$" ARGS list)
# A case that cannot be read is named, the others listed, and the status is 3.
racecard_expect(list/unreadable-case EXIT 3 MATCH "^readable race test\n$"
                STDERR "unreadable.c:10: RACE\\(x\\) has no partner"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint_unreadable" list)
racecard_expect(list/usage EXIT 2 STDERR "list" ARGS list racy_counter)
racecard_in_run_dir(list/tree)

# ---- detectors ------------------------------------------------------------
# Available or not, with the reason and the package to install: a program
# not on PATH (missing), a flavour the build tree does not have (unbuilt).
racecard_expect(detectors/tree EXIT 0 STDOUT "${cli}/stdout/detectors" STDERR "^$" ARGS ${in_run} detectors)
file(GLOB catalog_dets CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/detectors/*.det")
list(TRANSFORM catalog_dets REPLACE "^.*/([^/]*)\\.det$" "\\1")
list(SORT catalog_dets)    # helgrind before helgrind-approx
set(want "^")
foreach(d IN LISTS catalog_dets)
  string(APPEND want "${d} +[a-z]*available [^\n]+\n")
endforeach()
racecard_expect(detectors/catalog EXIT 0 MATCH "${want}$" STDERR "^$" ARGS detectors)
racecard_expect(detectors/not-installed EXIT 0 STDERR "^$"
                MATCH "\nmissing-tool +unavailable +missing-tool is not installed: 'racecard-no-such-detector' is not on PATH \\(install: racecard-imaginary-package\\)\n$"
                ARGS --detector-file "${bad}/missing-tool.det" detectors)
racecard_expect(detectors/broken-definition EXIT 3 STDERR "broken.det:3: unknown key 'colour'"
                ARGS --detector-file "${bad}/broken.det" detectors)
racecard_expect(detectors/usage EXIT 2 STDERR "detectors" ARGS detectors tsan-clang)
racecard_in_run_dir(detectors/tree)

# ---- truth ----------------------------------------------------------------
# Several cases in one call: their truths one after the other (guarded,
# race-free, has none); a case that cannot be read is named and nothing is
# printed, so a partial truth is never taken for the whole.
racecard_expect(truth/several EXIT 0 STDOUT "${cli}/stdout/truth" STDERR "^$" ARGS ${in_run} truth tally guarded spill)
racecard_expect(truth/unreadable-prints-nothing EXIT 3 STDOUT "/dev/null"
                STDERR "unreadable.c:10: RACE\\(x\\) has no partner"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint_unreadable" truth readable unreadable)
racecard_expect(truth/usage EXIT 2 STDERR "truth" ARGS truth)
racecard_in_run_dir(truth/several)

# ---- run and check --------------------------------------------------------
racecard_expect(run/findings EXIT 0 STDERR "^$"
                MATCH "^# replay/spill: reports \\([0-9.]+ s\\); raw log build/logs/replay/spill.log\ndata-race spill.c:10 spill.c:11\nthread-leak spill.c:12\n$"
                ARGS ${in_run} run replay spill)
racecard_expect(run/not-installed EXIT 77
                STDERR "^SKIP missing/tally: missing is not installed: 'racecard-no-such-detector' is not on PATH \\(install: racecard-imaginary-package\\)\n$"
                ARGS ${in_run} run missing tally)
racecard_expect(run/usage EXIT 2 STDERR "run" ARGS ${in_run} run replay)
# A log of the caller's choosing (ci/stress gives each run its own).
racecard_expect(run/log-file EXIT 0 STDERR "^$"
                MATCH "^# replay/spill: reports \\([0-9.]+ s\\); raw log build/own-spill.log\ndata-race spill.c:10 spill.c:11\nthread-leak spill.c:12\n$"
                ARGS ${in_run} run --log build/own-spill.log replay spill)
racecard_expect(check/pass EXIT 0 STDERR "^$"
                MATCH "^replay/tally: reports, 1 finding\nPASS replay/tally: as expected in src/expected/replay/tally\n$"
                ARGS ${in_run} check replay tally)
racecard_expect(check/crash EXIT 5 STDERR "^$"
                MATCH "^ERROR segv/tally: crashed: the case died of signal 11 \\(SIGSEGV\\)\n  raw log: build/logs/segv/tally.log\n$"
                ARGS ${in_run} check segv tally)
racecard_expect(check/flavour-not-built EXIT 77 STDERR "^$"
                MATCH "^SKIP unbuilt/tally: unbuilt: no build of flavour 'future' in build \\(configure the build tree first\\)\n$"
                ARGS ${in_run} check unbuilt tally)
racecard_expect(check/usage EXIT 2 STDERR "check" ARGS ${in_run} check replay)
racecard_in_run_dir(run/findings run/not-installed run/usage run/log-file check/pass check/crash
                    check/flavour-not-built check/usage)

# ---- matrix ---------------------------------------------------------------
# The whole tree: every cell word (pass, pass* with its footnote, FAIL with
# its diff, ERROR, skip with the package, once per detector), the details
# in table order, the counts, and status 1.
racecard_expect(matrix/table EXIT 1 STDOUT "${cli}/stdout/matrix" STDERR "^$" ARGS ${in_run} matrix)
# Status 0 only when nothing failed: plain passes; a pass* is a pass; a
# skip is not a failure (nor a pass: it is counted apart).
racecard_expect(matrix/pass EXIT 0 STDERR "^$"
                MATCH "^case +verdict +replay\ntally +race +pass\n\nmatrix: 1 passed, 0 failed, 0 skipped, 0 errors\n$"
                ARGS ${in_run} matrix -d replay -c tally)
racecard_expect(matrix/pass-star EXIT 0 STDERR "^$"
                MATCH "^case +verdict +replay\nguarded +race-free +pass\\*\n\n\\* as expected, where the expected file records a known false positive or\n  negative of that detector, with its reason\n\nmatrix: 1 passed, 0 failed, 0 skipped, 0 errors\n$"
                ARGS ${in_run} matrix -d replay -c guarded)
racecard_expect(matrix/skip EXIT 0 STDERR "^$"
                MATCH "^case +verdict +missing\ntally +race +skip\n\nSKIP missing/tally: missing is not installed: [^\n]*\\(install: racecard-imaginary-package\\)\n\nmatrix: 0 passed, 0 failed, 1 skipped, 0 errors\nmatrix: nothing was tested: every cell was skipped [^\n]*\n$"
                ARGS ${in_run} matrix -d missing -c tally)
# One FAIL among passes is status 1; so is one ERROR alone.
racecard_expect(matrix/one-fail EXIT 1 STDERR "^$"
                MATCH "\nguarded +race-free +pass\\*\nspill +race +FAIL\ntally +race +pass\n.*\nFAIL replay/spill: findings differ from src/expected/replay/spill\n  \\+ thread-leak spill.c:12 +\\(reported, not expected\\)\n  raw log: build/logs/replay/spill.log\n\nmatrix: 2 passed, 1 failed, 0 skipped, 0 errors\n$"
                ARGS ${in_run} matrix -d replay)
racecard_expect(matrix/one-error EXIT 1 STDERR "^$"
                MATCH "^case +verdict +segv\ntally +race +ERROR\n\nERROR segv/tally: crashed: the case died of signal 11 \\(SIGSEGV\\)\n  raw log: build/logs/segv/tally.log\n\nmatrix: 0 passed, 0 failed, 0 skipped, 1 errors\n$"
                ARGS ${in_run} matrix -d segv -c tally)
racecard_in_run_dir(matrix/table matrix/pass matrix/pass-star matrix/skip matrix/one-fail matrix/one-error)
# A definition from a file and expected files from elsewhere, on a case of
# the catalog.  It writes the raw log runner/mismatch writes and
# html/content reads back, hence the lock the three share.
racecard_expect(matrix/detector-file EXIT 1 STDERR "^$"
                MATCH "^case +verdict +fake-report\nracy_counter +race +FAIL\n\nfake-report/racy_counter: reports, 1 finding\nFAIL fake-report/racy_counter: findings differ from [^\n]*/tests/fake/expected/fake-report/racy_counter\n  \\+ data-race racy_counter.c:50 racy_counter.c:56 +\\(reported, not expected\\)\n  - data-race racy_counter.c:51 racy_counter.c:56 +\\(expected, not reported\\)\n  raw log: [^\n]*/logs/fake-report/racy_counter.log\n\nmatrix: 0 passed, 1 failed, 0 skipped, 0 errors\n$"
                ARGS --expected-dir "${fake}/expected" --detector-file "${fake}/fake-report.det" matrix -d fake-report -c racy_counter)
set_tests_properties(matrix/detector-file runner/mismatch html/content PROPERTIES RESOURCE_LOCK logs-fake-report)
# A definition from a file whose program is not installed: skipped, with
# the package to install; not a failure.
racecard_expect(matrix/skip-detector-file EXIT 0 STDERR "^$"
                MATCH "^case +verdict +missing-tool\nracy_counter +race +skip\n\nSKIP missing-tool/racy_counter: missing-tool is not installed: 'racecard-no-such-detector' is not on PATH \\(install: racecard-imaginary-package\\)\n\nmatrix: 0 passed, 0 failed, 1 skipped, 0 errors\nmatrix: nothing was tested: every cell was skipped [^\n]*\n$"
                ARGS --detector-file "${bad}/missing-tool.det" matrix -d missing-tool -c racy_counter)
# A cell whose expected file is missing is BROKEN and counted an error.
racecard_expect(matrix/broken-cell EXIT 1 STDERR "^$"
                MATCH "^case +verdict +plain\nforgotten +race-free +BROKEN\n\nracecard: [^\n]*/expected/plain/forgotten: cannot open expected findings[^\n]*\n\nmatrix: 0 passed, 0 failed, 0 skipped, 1 errors\n$"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint_missing" matrix)
racecard_expect(matrix/usage EXIT 2 STDERR "matrix" ARGS matrix -x)

# ---- bless ----------------------------------------------------------------
# Written files read back (cli/bless.cmake): title, note, FIXME on what
# differs from the truth, check refusing a FIXME, reasons kept on a second
# bless, nothing written by a run that did not complete, status 70 for an
# expected tree that cannot be written.
add_test(NAME bless/write-and-check
         COMMAND ${CMAKE_COMMAND} "-DRACECARD=$<TARGET_FILE:racecard>" "-DRUN=${cli_run}"
                 -P "${cli}/bless.cmake")
set_tests_properties(bless/write-and-check PROPERTIES LABELS "self" TIMEOUT 60
                     FIXTURES_REQUIRED cli-run RESOURCE_LOCK cli-run-logs)
racecard_expect(bless/not-its-own-files EXIT 3
                STDERR "segv does not keep expected files of its own \\(expected = replay\\)"
                ARGS ${in_run} --expected-dir scratch-nothing bless segv tally)
racecard_expect(bless/unknown-detector EXIT 4 STDERR "unknown detector 'nosuch'"
                ARGS ${in_run} --expected-dir scratch-nothing bless nosuch tally)
racecard_expect(bless/usage EXIT 2 STDERR "bless" ARGS ${in_run} bless)
racecard_in_run_dir(bless/not-its-own-files bless/unknown-detector bless/usage)

# ---- parse and explain: usage ----------------------------------------------
racecard_expect(parse/usage EXIT 2 STDERR "parse" ARGS parse --bogus)
racecard_expect(explain/usage EXIT 2 STDERR "explain" ARGS explain --bogus)
