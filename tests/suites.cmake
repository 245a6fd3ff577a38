# Foreign suites through the same readers and scorecard (tools/suite.h),
# on racecard's own mini-suites in each suite's form (tests/suites/): every
# label form, the drift check, the errata, the skip and error reasons.  No
# foreign code: ci/suites runs the real suites on a user's checkouts.
set(fake "${CMAKE_CURRENT_SOURCE_DIR}/fake")
set(drb "${CMAKE_CURRENT_SOURCE_DIR}/suites/drb")

# DataRaceBench's label forms: the plain pair; the other prefixes, '@' for
# ':' and blanks inside brackets; Write_set x Read_set; an erratum of
# racecard's own moving a drifted label to its access.
racecard_expect(suites/drb-pair EXIT 0
                MATCH "^data-race DRB901-pair-orig-yes.c:14 DRB901-pair-orig-yes.c:14\n$"
                ARGS --suite "drb=${drb}" truth drb/DRB901-pair-orig-yes)
racecard_expect(suites/drb-prefixes EXIT 0
                MATCH "^data-race DRB902-prefixes-orig-yes.c:12 DRB902-prefixes-orig-yes.c:12\ndata-race DRB902-prefixes-orig-yes.c:13 DRB902-prefixes-orig-yes.c:13\n$"
                ARGS --suite "drb=${drb}" truth drb/DRB902-prefixes-orig-yes)
racecard_expect(suites/drb-sets EXIT 0
                MATCH "^data-race DRB903-sets-orig-yes.c:14 DRB903-sets-orig-yes.c:14\ndata-race DRB903-sets-orig-yes.c:14 DRB903-sets-orig-yes.c:15\n$"
                ARGS --suite "drb=${drb}" truth drb/DRB903-sets-orig-yes)
racecard_expect(suites/drb-erratum EXIT 0
                MATCH "^data-race DRB036-truedepscalar-var-yes.c:67 DRB036-truedepscalar-var-yes.c:68\ndata-race DRB036-truedepscalar-var-yes.c:68 DRB036-truedepscalar-var-yes.c:68\n$"
                ARGS --suite "drb=${drb}" truth drb/DRB036-truedepscalar-var-yes)
# A -no kernel has no pairs; a string that looks like a label is none.
racecard_expect(suites/drb-no-kernel EXIT 0 STDOUT "/dev/null"
                ARGS --suite "drb=${drb}" truth drb/DRB904-clean-orig-no)
# A label one line off its access is refused with its line, never scored.
racecard_expect(suites/drb-drift EXIT 3
                STDERR "DRB905-drift-orig-yes.c:9: the label count@9 names 'count', which is not on line 9: the label has drifted from the code"
                ARGS --suite "drb=${drb}" truth drb/DRB905-drift-orig-yes)
racecard_expect(suites/drb-no-label EXIT 3
                STDERR "DRB906-nolabel-orig-yes.c: a -yes kernel whose comments name no racing pair"
                ARGS --suite "drb=${drb}" truth drb/DRB906-nolabel-orig-yes)
# list --from: the readable kernels, the broken ones named, a warning that
# the checkout's commit cannot be told (it is not a git checkout).
# The category is DataRaceBench's own P-labels, from the mini-suite's
# DRB-metainfo.json (in DataRaceBench's form, written here): by file name
# (DRB901); by name when the file knows the kernel under another number
# (DRB907 there is DRB902 here) or with '_' for '-' (DRB904); several labels
# (DRB903: Y1 Y4); and none when the labels contradict the verdict (DRB036,
# labelled N1 but -yes): no-P-label, never a guess.
racecard_expect(suites/drb-list EXIT 3
                MATCH "^drb/DRB036-truedepscalar-var-yes race no-P-label\ndrb/DRB901-pair-orig-yes race Y1\ndrb/DRB902-prefixes-orig-yes race Y7\ndrb/DRB903-sets-orig-yes race Y1 Y4\ndrb/DRB904-clean-orig-no race-free N2\n$"
                STDERR "warning: drb: cannot tell which commit [^\n]*checked against e1bffc57f35f\n.*DRB905-drift-orig-yes.c:9: .*DRB906-nolabel-orig-yes.c: "
                ARGS --suite "drb=${drb}" list --from drb)
# score --from: partial truth.  Pairs: 3 TP, 1 FP (in the race-free
# kernel), 4 FN; a pair and a line the racy kernel's labels do not list are
# unlabelled, neither TP nor FP; the two broken kernels are left out, named.
# Per P-label: a kernel with two (DRB903) counts in each.
racecard_expect(suites/drb-score EXIT 0
                MATCH "\ndetector,static-drb,,,5,5,0,0,0,0,0,3,1,0,1,[^\n]*,3,1,4,0.75,0.428571,0.545455,5,1,2,[^\n]*\ncategory,static-drb,,N2,1,1,,,,,,0,1,0,0,[^\n]*\ncategory,static-drb,,Y1,2,2,,,,,,2,0,0,0,[^\n]*\ncategory,static-drb,,Y4,1,1,,,,,,1,0,0,0,[^\n]*\ncategory,static-drb,,Y7,1,1,,,,,,0,0,0,1,[^\n]*\ncategory,static-drb,,no-P-label,1,1,,,,,,1,0,0,0,"
                STDERR "score: 2 cases of drb left out, each for the reason above.*static-drb: 2 reported pairs and lines are on lines the suite's labels say nothing about: unlabelled"
                ARGS --suite "drb=${drb}" --detector-file "${fake}/static-drb.det"
                     score --from drb -d static-drb --format csv)
racecard_expect(suites/drb-score-table EXIT 0
                MATCH "Case level per category \\(a case in several counts in each\\): TP/FP/TN/FN\ncategory +static-drb\nN2 +0/1/0/0\nY1 +2/0/0/0\nY4 +1/0/0/0\nY7 +0/0/0/1\nno-P-label +1/0/0/0\n"
                ARGS --suite "drb=${drb}" --detector-file "${fake}/static-drb.det"
                     score --from drb -d static-drb)
# Errors: a suite racecard has no adapter for, a directory that is none, a
# suite asked for whose checkout nobody named.
racecard_expect(suites/unknown-suite EXIT 2 STDERR "--suite 'nosuch=/': want SUITE=DIR, SUITE one of: drb, goblint, svcomp"
                ARGS --suite "nosuch=/" list --from drb)
racecard_expect(suites/not-a-directory EXIT 2 STDERR "is not a directory \\(a checkout of the suite\\)"
                ARGS --suite "drb=${drb}/missing" list --from drb)
racecard_expect(suites/not-configured EXIT 2 STDERR "no checkout of suite 'drb' is known: give --suite drb=DIR"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/.." --build-dir "${CMAKE_CURRENT_BINARY_DIR}/no-suites" list --from drb)

# Goblint's regression tests: line-level truth from the labels at the end of
# code lines.  RACE! is a racing line, NORACE (and NORACE!) a race-free one;
# a comment alone on its line, "TODO NORACE" and a label inside a string
# label nothing.
set(goblint "${CMAKE_CURRENT_SOURCE_DIR}/suites/goblint")
racecard_expect(suites/goblint-labels EXIT 0
                MATCH "^data-race 01-labels_rc.c:10\ndata-race 01-labels_rc.c:22\nno-race 01-labels_rc.c:12\nno-race 01-labels_rc.c:24\n$"
                ARGS --suite "goblint=${goblint}" truth goblint/90-racecard/01-labels_rc)
# Only plain RACE ("the analyser may warn"): the verdict is unknown; a PARAM
# that changes the semantics leaves the test out; a file without labels is
# no race test and is not listed.
racecard_expect(suites/goblint-list EXIT 3
                MATCH "^goblint/90-racecard/01-labels_rc race goblint\ngoblint/90-racecard/02-clean_nr race-free goblint\ngoblint/90-racecard/03-maybe unknown goblint\n$"
                STDERR "04-param_volatile.c: left out: its PARAM line asks for semantics a native run does not have"
                ARGS --suite "goblint=${goblint}" list --from goblint)
# score --from goblint: case level over the known verdicts (1 TP, 1 TN, the
# unknown one counted apart); no pair level; lines: the RACE! lines TP, the
# NORACE line FP, an unlabelled line apart.
racecard_expect(suites/goblint-score EXIT 0
                MATCH "\ndetector,static-goblint,,,3,3,0,0,0,0,0,1,0,1,0,[^\n]*,0,0,0,,,,2,1,0,0.666667,1,0.8,"
                STDERR "score: 1 case of goblint left out, each for the reason above.*static-goblint: 1 reported pairs and lines are on lines the suite's labels say nothing about"
                ARGS --suite "goblint=${goblint}" --detector-file "${fake}/static-goblint.det"
                     score --from goblint -d static-goblint --format csv)

# SV-COMP's no-data-race tasks: program-level truth from each task
# definition's expected verdict, read with libyaml.  The mini-suite has a
# task for each label form (true, false, an input given as a list, a
# commented-out property, a .i with its .c beside it) and each reason a task
# is left out; every reason is counted in one line and each left-out task
# is named with its own.
set(svcomp "${CMAKE_CURRENT_SOURCE_DIR}/suites/svcomp")
if(RACECARD_YAML)
  racecard_expect(suites/svcomp-list EXIT 3
                  MATCH "^svcomp/racecard-a/race-false race racecard-a\nsvcomp/racecard-a/race-true race-free racecard-a\nsvcomp/racecard-a/with-original race racecard-a\nsvcomp/racecard-b/atomic-section race-free racecard-b\nsvcomp/racecard-b/nondet-race race racecard-b\n$"
                  STDERR "racecard: svcomp: 14 files, 5 read; left out: 1 \\.i only \\(preprocessed, no \\.c beside it\\), 1 input missing, 1 input not C, 2 no no-data-race property \\(not listed\\), 1 no-data-race without an expected verdict, 1 semantics differ \\(__VERIFIER_atomic_ functions\\), 1 several input files, 1 unreadable task definition\n.*atomic.yml: left out: semantics differ [^\n]*defines __VERIFIER_atomic_acquire.*bad.yml:2: left out: unreadable task definition: not YAML: .*commented-verdict.yml:5: left out: no-data-race without an expected verdict.*missing.yml:3: left out: input missing.*not-c.yml:3: left out: input not C.*preprocessed.yml:3: left out: \\.i only.*several.yml:4: left out: several input files"
                  ARGS --suite "svcomp=${svcomp}" list --from svcomp)
  # The truth is the verdict alone: nothing on stdout, the verdict on stderr.
  racecard_expect(suites/svcomp-truth-race EXIT 0 STDOUT "/dev/null"
                  STDERR "^racecard: svcomp/racecard-a/race-false: program-level truth only: race \\(no lines are named\\)\n$"
                  ARGS --suite "svcomp=${svcomp}" truth svcomp/racecard-a/race-false)
  racecard_expect(suites/svcomp-truth-free EXIT 0 STDOUT "/dev/null"
                  STDERR "program-level truth only: race-free"
                  ARGS --suite "svcomp=${svcomp}" truth svcomp/racecard-a/race-true)
  # A task with another property only is not listed, but asked for by name
  # it says why.
  racecard_expect(suites/svcomp-other-property EXIT 3
                  STDERR "other-property.yml: left out: no no-data-race property: no property_file names no-data-race.prp"
                  ARGS --suite "svcomp=${svcomp}" truth svcomp/racecard-a/other-property)
  racecard_expect(suites/svcomp-commented-only EXIT 3
                  STDERR "commented-only.yml: left out: no no-data-race property"
                  ARGS --suite "svcomp=${svcomp}" truth svcomp/racecard-a/commented-only)
  # score --from svcomp: case level only (TP 2, FP 1, TN 1, FN 1), no pair
  # or line figures; the folders are the categories.
  racecard_expect(suites/svcomp-score EXIT 0
                  MATCH "\ndetector,static-svcomp,,,5,5,0,0,0,0,0,2,1,1,1,[^\n]*,0,0,0,,,,0,0,0,,,,[^\n]*\ncategory,static-svcomp,,racecard-a,3,3,,,,,,1,1,0,1,[^\n]*\ncategory,static-svcomp,,racecard-b,2,2,,,,,,1,0,1,0,"
                  STDERR "score: 7 cases of svcomp left out, each for the reason above"
                  ARGS --suite "svcomp=${svcomp}" --detector-file "${fake}/static-svcomp.det"
                       score --from svcomp -d static-svcomp --format csv)
else()
  # Without libyaml the adapter refuses, saying what to install.
  racecard_expect(suites/svcomp-no-yaml EXIT 2
                  STDERR "built without libyaml \\(Debian: libyaml-dev\\)"
                  ARGS --suite "svcomp=${svcomp}" list --from svcomp)
endif()
# racecard's stand-ins for the __VERIFIER_ functions: the values they give
# (stub_verifier.c), and they link beside a task that defines reach_error
# itself (they are weak) and run it natively.
find_package(Threads REQUIRED)
add_executable(stub_verifier stub_verifier.c "${PROJECT_SOURCE_DIR}/suites/stubs/verifier.c")
target_link_libraries(stub_verifier PRIVATE Threads::Threads)
add_test(NAME suites/svcomp-stubs COMMAND stub_verifier)
set_tests_properties(suites/svcomp-stubs PROPERTIES LABELS "self" TIMEOUT 60)
foreach(task atomic-section nondet-race)
  add_executable(svcomp_stub_${task} "${svcomp}/c/racecard-b/${task}.c"
                 "${PROJECT_SOURCE_DIR}/suites/stubs/verifier.c")
  target_link_libraries(svcomp_stub_${task} PRIVATE Threads::Threads)
  add_test(NAME suites/svcomp-stubs-${task} COMMAND svcomp_stub_${task})
  set_tests_properties(suites/svcomp-stubs-${task} PROPERTIES LABELS "self" TIMEOUT 60)
endforeach()
