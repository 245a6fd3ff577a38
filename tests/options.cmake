# options.cmake - the command line every command shares (cli.c): --help
# for each command, --version, "--opt value" and "--opt=value" alike, names
# that do not resolve reported once before anything runs, and strict mode,
# in which a detector that cannot run here fails instead of skipping.
# Included from tests/CMakeLists.txt, after racecard_expect is defined.

set(bad "${CMAKE_CURRENT_SOURCE_DIR}/bad")
set(missing "${CMAKE_CURRENT_SOURCE_DIR}/bad/missing-tool.det")

# --help: the command's own usage on stdout, nothing on stderr, status 0.
foreach(cmd parse truth list detectors doctor run check matrix bless lint score explain blind export)
  racecard_expect(cli/help-${cmd} EXIT 0 STDERR "^$" MATCH "^usage: racecard [^\n]*${cmd}" ARGS ${cmd} --help)
endforeach()
racecard_expect(cli/help-short EXIT 0 STDERR "^$" MATCH "^usage: racecard [^\n]*score" ARGS score -h)
racecard_expect(cli/help-lists-commands EXIT 0 STDERR "^$"
                MATCH "commands.*parse.*truth.*list.*detectors.*doctor.*run.*check.*matrix.*bless.*lint.*score.*explain.*blind.*export"
                ARGS --help)
racecard_expect(cli/version EXIT 0 STDERR "^$" MATCH "^racecard [0-9]+\\.[0-9]+\\.[0-9]+ \\(commit [^ )]+\\)\n$"
                ARGS --version)

# One option syntax everywhere.
racecard_expect(cli/opt-equals-value EXIT 0 STDOUT "${CMAKE_CURRENT_SOURCE_DIR}/logs/case-tsan-clang-racy_counter.findings"
                ARGS parse --detector=tsan "${CMAKE_CURRENT_SOURCE_DIR}/logs/case-tsan-clang-racy_counter.log")
racecard_expect(cli/opt-equals-global EXIT 0 MATCH "^stray race test\n$"
                ARGS --source-dir=${CMAKE_CURRENT_SOURCE_DIR}/lint list)
racecard_expect(cli/opt-equals-bad-value EXIT 2 STDERR "racecard score: --repeat wants 1..1000"
                ARGS score --repeat=0)
racecard_expect(cli/opt-missing-value EXIT 2 STDERR "racecard score: --format wants a value"
                ARGS score --format)
racecard_expect(cli/flag-takes-no-value EXIT 2 STDERR "racecard matrix: --strict takes no value"
                ARGS matrix --strict=yes)
racecard_expect(cli/unknown-option EXIT 2 STDERR "racecard list: unknown option '--frob'"
                ARGS list --frob)
racecard_expect(cli/unknown-global-option EXIT 2 STDERR "^racecard: unknown option '--frob'\n"
                ARGS --frob list)

# A name that does not resolve is reported once, before anything runs.
racecard_expect(matrix/unknown-detector EXIT 4 STDOUT "/dev/null"
                STDERR "^racecard: unknown detector 'nosuch'[^\n]*\n$"
                ARGS matrix -d nosuch)
racecard_expect(matrix/unknown-case EXIT 3 STDOUT "/dev/null"
                STDERR "^racecard: [^\n]*/cases/nosuch.c: cannot open[^\n]*\n$"
                ARGS matrix -c nosuch -d tsan-clang)
racecard_expect(score/unknown-detector EXIT 4 STDOUT "/dev/null"
                STDERR "^racecard: unknown detector 'nosuch'[^\n]*\n$"
                ARGS score -d nosuch -c racy_counter)
racecard_expect(score/sarif-unwritable EXIT 73 STDOUT "/dev/null"
                STDERR "^racecard: score --sarif: cannot write [^\n]*/good_case.c/sarif: Not a directory\n$"
                ARGS score -c racy_counter --sarif "${bad}/good_case.c/sarif")

# Strict mode.  Without it a detector that cannot run is a skip (77), and a
# matrix of nothing but skips says in its last line that nothing was tested;
# with it (the option or the environment) the same is status 6, naming what
# to install.
racecard_expect(strict/check-skips-without EXIT 77 MATCH "SKIP missing-tool/racy_counter"
                ARGS --detector-file "${missing}" check racy_counter)
racecard_expect(strict/check-option EXIT 6
                STDERR "strict: nothing was tested: missing-tool cannot run here: [^\n]*install: racecard-imaginary-package"
                ARGS --strict --detector-file "${missing}" check racy_counter)
racecard_expect(strict/check-command-option EXIT 6 STDERR "strict: nothing was tested: missing-tool"
                ARGS --detector-file "${missing}" check --strict racy_counter)
racecard_expect(strict/check-environment EXIT 6 STDERR "strict: nothing was tested: missing-tool"
                ENV RACECARD_STRICT=1 ARGS --detector-file "${missing}" check racy_counter)
racecard_expect(strict/environment-off EXIT 77 MATCH "SKIP missing-tool/racy_counter"
                ENV RACECARD_STRICT=0 ARGS --detector-file "${missing}" check racy_counter)
racecard_expect(strict/run-option EXIT 6 STDERR "strict: nothing was tested: missing-tool"
                ARGS --strict --detector-file "${missing}" run racy_counter)
racecard_expect(strict/matrix-nothing-tested EXIT 0
                MATCH "matrix: 0 passed, 0 failed, 2 skipped, 0 errors\nmatrix: nothing was tested: every cell was skipped[^\n]*\n$"
                ARGS --detector-file "${missing}" matrix -d missing-tool -c racy_counter -c mutex_same)
racecard_expect(strict/matrix-option EXIT 6
                MATCH "matrix: nothing was tested: every cell was skipped[^\n]*\n$"
                ARGS --strict --detector-file "${missing}" matrix -d missing-tool -c racy_counter)
racecard_expect(strict/score-option EXIT 6 STDERR "strict: 1 detector was skipped"
                ARGS --strict --detector-file "${missing}" score -d missing-tool -c racy_counter)
racecard_expect(strict/bless-skips-without EXIT 77 STDERR "^SKIP missing-tool: [^\n]*install: racecard-imaginary-package\\)\n$"
                ARGS --detector-file "${missing}" --expected-dir "${CMAKE_CURRENT_BINARY_DIR}/strict-bless" bless racy_counter mutex_same)
racecard_expect(strict/bless-option EXIT 6 STDERR "strict: nothing was tested: missing-tool"
                ARGS --strict --detector-file "${missing}" --expected-dir "${CMAKE_CURRENT_BINARY_DIR}/strict-bless" bless racy_counter)

# lint holds CMake's reading of the definitions and case headers to
# racecard's: on the real tree it compares something, and a view that
# disagrees (as CMake would read a definition another way) is a problem.
racecard_expect(lint/build-view-compared EXIT 0 MATCH "lint: [1-9][0-9]* values CMake read compared with racecard's reading\n"
                ARGS lint)
set(view_dir "${CMAKE_CURRENT_BINARY_DIR}/lint-view")
file(MAKE_DIRECTORY "${view_dir}")
file(WRITE "${view_dir}/racecard-read.txt"
     "source\t${CMAKE_CURRENT_SOURCE_DIR}/lint\n"
     "detector\t${CMAKE_CURRENT_SOURCE_DIR}/lint/detectors/plain.det\ttimeout\t99\n"
     "case\t${CMAKE_CURRENT_SOURCE_DIR}/lint/cases/stray.c\tverdict\trace\n")
racecard_expect(lint/build-view-disagrees EXIT 3
                STDERR "plain.det: CMake reads timeout as '99', racecard as '30'"
                MATCH "lint: 2 values CMake read compared"
                ARGS --source-dir "${CMAKE_CURRENT_SOURCE_DIR}/lint" --build-dir "${view_dir}" lint)

# --detector-file adds a detector beside the tree's, scored in the same
# table under its own name; one asked for that cannot run here, or that
# could not run a single case, fails the score loudly after the scorecard.
set(fake "${CMAKE_CURRENT_SOURCE_DIR}/fake")
racecard_expect(score/detector-files-beside-the-tree EXIT 0
                MATCH "\ndetector,baseline-race,[^\n]*\ndetector,fake-canonical,[^\n]*\ndetector,fake-flaky,"
                ARGS --detector-file "${fake}/fake-canonical.det" --detector-file "${fake}/fake-flaky.det"
                     score -d baseline-race -d fake-canonical -d fake-flaky -c racy_counter --format csv)
racecard_expect(score/asked-detector-cannot-run EXIT 77
                STDERR "score: skipped missing-tool: [^\n]*\nscore: nothing was scored: every detector asked for was skipped\nracecard: score: 1 detector asked for cannot run here"
                ARGS --detector-file "${missing}" score -d missing-tool -c racy_counter)
racecard_expect(score/detector-file-cannot-run EXIT 77 STDERR "score: skipped missing-tool: "
                MATCH "\nbaseline-race "
                ARGS --detector-file "${missing}" score -d baseline-race -d missing-tool -c racy_counter)
racecard_expect(score/detector-ran-no-case EXIT 5
                STDERR "score: fake-vgfail could not run one of 1 cases \\(1 detector errors, 0 without a binary\\)[^\n]*\n.*racecard: score: 1 detector could not run a single case"
                MATCH "fake-vgfail"
                ARGS --detector-file "${fake}/fake-vgfail.det" score -d fake-vgfail -c racy_counter)
# A file named like a tree definition stands in for it, listed once, last.
racecard_expect(detectors/file-stands-in EXIT 0
                MATCH "^baseline-norace [^\n]*\ndrd [^\n]*\n.*\nbaseline-race +available +the stand-in that replaces the tree's baseline-race[^\n]*\n$"
                ARGS --detector-file "${fake}/override/baseline-race.det" detectors)

# Findings as tools write them: a path is reduced to the file's base name
# and a column dropped, so they score; a malformed one is still refused.
racecard_expect(parse/tool-paths-and-columns EXIT 8 STDOUT "${CMAKE_CURRENT_SOURCE_DIR}/cli/tool/paths.findings"
                STDERR "paths.log:5: not a canonical finding: 'racy_counter.c:12:x' is not a location"
                ARGS parse --detector canonical "${CMAKE_CURRENT_SOURCE_DIR}/cli/tool/paths.log")
racecard_expect(score/foreign-file-named EXIT 0
                STDERR "score: fake-foreign: 2 findings name a file that is not the case's own \\(first: elsewhere.c:3 in mutex_same\\)"
                ARGS --detector-file "${fake}/fake-foreign.det" score -d fake-foreign -c mutex_same -c racy_counter)

# Tool versions: the first line of a definition's version command, in the
# scorecard's every format and in SARIF; a command that fails says so.
racecard_expect(score/version-in-csv EXIT 0
                MATCH "\nversion,fake-versioned,mytool 1.2.3 \\(built here\\),[,]*\nversion,fake-noversion,unknown: 'false' printed no version \\(see [^)]*/logs/fake-noversion/version.log\\),"
                ARGS --detector-file "${fake}/fake-versioned.det" --detector-file "${fake}/fake-noversion.det"
                     score -d fake-versioned -d fake-noversion -c racy_counter --format csv
                     --sarif "${CMAKE_CURRENT_BINARY_DIR}/version-sarif")
racecard_expect(score/version-in-json EXIT 0
                MATCH "\"detector\":[ \t]*\"fake-versioned\",[ \t\n]*\"version\":[ \t]*\"mytool 1.2.3 \\(built here\\)\""
                ARGS --detector-file "${fake}/fake-versioned.det" score -d fake-versioned -c racy_counter --format json)

# Tools that read source: racecard blind leaks no label (blind-check greps
# every copy), a stand-in static analyser is handed the blind copies and
# builds nothing, and a stand-in answering from a table keyed by the
# neutral id scores only because racecard maps its findings back.
add_test(NAME blind/no-label-leaks
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/cli/blind-check"
                 $<TARGET_FILE:racecard> "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}"
                 "${CMAKE_CURRENT_BINARY_DIR}/blind-check")
set_tests_properties(blind/no-label-leaks PROPERTIES LABELS "self" TIMEOUT 60)
racecard_expect(blind/usage EXIT 2 STDERR "racecard blind: want one DIR" ARGS blind)
racecard_expect(blind/table-tool-maps-back EXIT 0
                MATCH "reports[^\n]*\ndata-race racy_counter.c:51 racy_counter.c:56\nthread-leak turn.h:3\n$"
                ARGS --detector-file "${fake}/static-table.det" run racy_counter)
racecard_expect(blind/static-tool-scored EXIT 0
                MATCH "\ndetector,static-lint,,,2,2,0,0,0,0,0,1,1,0,0,0.5,1,0,0.5,0.666667,1,0.666667,1,1,0,0.5,1,0.666667,"
                ARGS --detector-file "${fake}/static-lint.det" score -d static-lint -c racy_counter -c mutex_same --format csv)
# Every kind of tool in one scorecard, each under its own name, with
# versions: two built-in detectors, a static tool on blind sources and a
# dynamic tool from a definition file.
racecard_expect(score/every-kind-of-tool EXIT 0
                MATCH "\ndetector,tsan-clang,[^\n]*\ndetector,helgrind,[^\n]*\ndetector,static-lint,[^\n]*\ndetector,fake-versioned,.*\nversion,tsan-clang,[^\n]*clang version[^\n]*\nversion,helgrind,valgrind-[^\n]*\nversion,fake-versioned,mytool 1.2.3"
                ARGS --detector-file "${fake}/static-lint.det" --detector-file "${fake}/fake-versioned.det"
                     score -d tsan-clang -d helgrind -d static-lint -d fake-versioned -c racy_counter --format csv)

# score --records and --format json hold to their JSON Schemas
# (docs/schema), and each finding's verdict to the truth (records-check).
add_test(NAME records/schema-and-verdicts
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/cli/records-check"
                 $<TARGET_FILE:racecard> "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}"
                 "${CMAKE_CURRENT_BINARY_DIR}/records-check")
set_tests_properties(records/schema-and-verdicts PROPERTIES LABELS "self" TIMEOUT 120 SKIP_RETURN_CODE 77)
# The README's "own compiler" example: a definition kept outside the tree,
# built by CMake (RACECARD_EXTRA_DETECTORS) and scored under its own name.
add_test(NAME readme/own-compiler
         COMMAND sh "${CMAKE_CURRENT_SOURCE_DIR}/cli/readme-own-compiler" "${PROJECT_SOURCE_DIR}"
                 $<TARGET_FILE:racecard> "${CMAKE_CURRENT_BINARY_DIR}/own-compiler")
set_tests_properties(readme/own-compiler PROPERTIES LABELS "self" TIMEOUT 300 SKIP_RETURN_CODE 77)

# score --scale: costs at a work scale, start-up apart, the scaled runs in
# the records, and a tool whose findings change with the scale named and
# counted as changed (scale-check).
add_test(NAME score/scale
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/cli/scale-check"
                 $<TARGET_FILE:racecard> "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}"
                 "${CMAKE_CURRENT_BINARY_DIR}/scale-check")
set_tests_properties(score/scale PROPERTIES LABELS "self" TIMEOUT 120 SKIP_RETURN_CODE 77)
racecard_expect(score/scale-bad EXIT 2 STDERR "racecard score: --scale wants auto or 1..10000"
                ARGS score --scale 0)
racecard_expect(score/scale-too-big EXIT 2 STDERR "racecard score: --scale wants auto or 1..10000"
                ARGS score --scale=10001)
# A case refuses a work scale it cannot take, loudly (cases/support/scale.h).
add_test(NAME cases/scale-refused
         COMMAND "${CMAKE_COMMAND}" -E env CASE_SCALE=3x "${PROJECT_BINARY_DIR}/cases/plain/racy_counter")
set_tests_properties(cases/scale-refused PROPERTIES LABELS "self"
                     PASS_REGULAR_EXPRESSION "CASE_SCALE=3x: not a whole number from 1 to 10000")
racecard_expect(records/unwritable EXIT 73 STDOUT "/dev/null"
                STDERR "^racecard: score --records: cannot write [^\n]*/good_case.c/records.jsonl: Not a directory\n$"
                ARGS score -c racy_counter --records "${bad}/good_case.c/records.jsonl")

# The catalog as a data set: racecard export, plain and --blind, holds to
# its schema, and a blind record gives away neither name nor label in its
# inputs (export-check).
add_test(NAME export/schema-and-blindness
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/cli/export-check"
                 $<TARGET_FILE:racecard> "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}")
set_tests_properties(export/schema-and-blindness PROPERTIES LABELS "self" TIMEOUT 120 SKIP_RETURN_CODE 77)
racecard_expect(export/usage EXIT 2 STDERR "racecard export: --format wants jsonl" ARGS export --format csv)
# The catalog as SV-COMP tasks: every task definition holds to format 2.0
# and names its case's verdict, every input compiles beside its headers,
# and nothing but the map names a case (svcomp-check).
add_test(NAME export/svcomp-tasks
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/cli/svcomp-check"
                 $<TARGET_FILE:racecard> "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}"
                 "${CMAKE_CURRENT_BINARY_DIR}/svcomp-check")
set_tests_properties(export/svcomp-tasks PROPERTIES LABELS "self" TIMEOUT 120 SKIP_RETURN_CODE 77)
racecard_expect(export/svcomp-not-blind EXIT 2
                STDERR "racecard export: --svcomp writes blind tasks, not records: no --blind or --format"
                ARGS export --svcomp "${CMAKE_CURRENT_BINARY_DIR}/svcomp-unused" --blind)
racecard_expect(export/svcomp-unwritable EXIT 73
                STDERR "^racecard: [^\n]*/good_case.c/properties/no-data-race.prp: cannot write: Not a directory\n$"
                ARGS export --svcomp "${bad}/good_case.c" -c racy_counter)
racecard_expect(export/svcomp-skips-cxx EXIT 0
                STDERR "^export: skipped cpp_lock_guard: a C\\+\\+ program, and SV-COMP's tasks are C\nexport: wrote 1 SV-COMP task "
                ARGS export --svcomp "${CMAKE_CURRENT_BINARY_DIR}/svcomp-two" -c racy_counter -c cpp_lock_guard)
# --per-case: a CSV row of section "case" per (detector, case), with the
# case's name in a last column the header gains only then.
racecard_expect(score/per-case-csv EXIT 0
                MATCH "^section,[^\n]*,memory,startup,case\n.*\ncase,static-lint,,unsynchronised-global,1,1,0,0,0,0,0,1,0,0,0,[^\n]*,racy_counter\ncase,static-lint,,mutex,1,1,0,0,0,0,0,0,1,0,0,[^\n]*,mutex_same\n$"
                ARGS --detector-file "${fake}/static-lint.det" score -d static-lint -c racy_counter -c mutex_same --format csv --per-case)

# Machine conditions: under a virtual-memory limit (prlimit, no root
# needed) ThreadSanitizer fails as the detector's failure with the cause in
# plain words, never as a crash of the case; Helgrind runs; and racecard
# doctor says so before anything runs.
# Not in a sanitizer build: racecard itself, under ASan, cannot start under
# such a limit either.
set(vm_limit prlimit --as=4000000000)
if(NOT RACECARD_SANITIZE)
  racecard_expect(machine/vm-limit-tsan EXIT 5 PREFIX ${vm_limit}
                  STDERR "ERROR tsan-clang/racy_counter: detector-failed: ThreadSanitizer could not reserve its allocator's memory \\(ENOMEM\\): a virtual-memory limit"
                  ARGS run tsan-clang racy_counter)
  racecard_expect(machine/vm-limit-tsan-gcc EXIT 5 PREFIX ${vm_limit}
                  STDERR "detector-failed: ThreadSanitizer could not reserve its allocator's memory"
                  ARGS run tsan-gcc racy_counter)
  racecard_expect(machine/vm-limit-valgrind-runs EXIT 0 PREFIX ${vm_limit}
                  MATCH "\ndata-race racy_counter.c:51 racy_counter.c:56\n$"
                  ARGS run helgrind racy_counter)
  racecard_expect(doctor/vm-limit EXIT 77 PREFIX ${vm_limit}
                  MATCH "- a virtual-memory limit \\(RLIMIT_AS, ulimit -v\\) of 3814 MB is set[^\n]*\n    breaks: ThreadSanitizer; fix: ulimit -v unlimited[^\n]*racecard works around it: no\n.*  tsan-clang +broken here: a virtual-memory limit.*  helgrind +ready\n"
                  ARGS doctor -d tsan-clang -d helgrind)
endif()
# personality(ADDR_NO_RANDOMIZE) refused, as by a container's seccomp
# profile (no_aslr_refused installs such a filter, no root needed): doctor
# says so, and a ThreadSanitizer run that needs the workaround is the
# detector's failure naming it, not "could not start".
add_executable(no_aslr_refused no_aslr_refused.c)
racecard_expect(doctor/personality-refused EXIT 0 PREFIX $<TARGET_FILE:no_aslr_refused>
                MATCH "- personality\\(ADDR_NO_RANDOMIZE\\) is refused here \\(a seccomp profile\\)[^\n]*\n    breaks: no detector; fix: allow personality\\(2\\) in the container's seccomp profile"
                ARGS doctor -d baseline-race)
racecard_expect(machine/personality-refused EXIT 5 PREFIX $<TARGET_FILE:no_aslr_refused>
                STDERR "ERROR fake-mapping/racy_counter: detector-failed: [^\n]*could not turn address randomisation off for the run \\(personality: Operation not permitted\\): a seccomp profile"
                ARGS --detector-file "${fake}/fake-mapping.det" run fake-mapping racy_counter)
# A clang that finds no llvm-symbolizer (tests/fake/nosymbolizer/clang first
# on PATH): doctor names it, for every ThreadSanitizer definition built with
# that clang, with the package to install.
racecard_expect(doctor/no-symbolizer EXIT 77 ENV "PATH=${fake}/nosymbolizer:$ENV{PATH}"
                MATCH "- tsan-clang: clang finds no llvm-symbolizer: ThreadSanitizer's stacks would name no file or line[^\n]*\n    breaks: ThreadSanitizer; fix: install llvm \\(Debian\\)"
                ARGS doctor -d tsan-clang)
# A crash whose instruction ThreadSanitizer's summary puts in its own tool
# or runtime (Archer 14 on an OpenMP target region) is the detector's
# failure, never the case's.
racecard_expect(machine/detector-runtime-crash EXIT 5
                STDERR "ERROR fake-archercrash/racy_counter: detector-failed: the detector's own runtime crashed \\(signal 11, SIGSEGV\\)"
                ARGS --detector-file "${fake}/fake-archercrash.det" run fake-archercrash racy_counter)
racecard_expect(doctor/nothing-to-break EXIT 0 MATCH "  baseline-race +ready\n$" ARGS doctor -d baseline-race)
racecard_expect(doctor/not-installed EXIT 77 MATCH "  missing-tool +cannot run: [^\n]*racecard-imaginary-package"
                ARGS --detector-file "${missing}" doctor -d missing-tool)
racecard_expect(doctor/brief-when-well EXIT 0 STDOUT "/dev/null" ARGS doctor --brief -d baseline-race)
if(NOT RACECARD_SANITIZE)
  racecard_expect(doctor/brief-when-not EXIT 0 PREFIX ${vm_limit}
                  MATCH "virtual-memory limit.*tsan-clang +broken here"
                  ARGS doctor --brief -d tsan-clang)
endif()

# The results stage, -j and shards (results-check): runs counted by a
# stand-in tool, so reuse, invalidation, --rerun and merge are each seen to
# make exactly the runs they should.
add_test(NAME results/store-jobs-shards
         COMMAND Python3::Interpreter "${CMAKE_CURRENT_SOURCE_DIR}/cli/results-check"
                 $<TARGET_FILE:racecard> "${PROJECT_SOURCE_DIR}" "${PROJECT_BINARY_DIR}"
                 "${CMAKE_CURRENT_BINARY_DIR}/results-check")
set_tests_properties(results/store-jobs-shards PROPERTIES LABELS "self" TIMEOUT 300 SKIP_RETURN_CODE 77)
