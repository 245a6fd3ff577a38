# RacecardCases.cmake - the build stage: every case compiled once per build
# flavour that the detector definitions (detectors/*.det) ask for, and one
# CTest test per (detector, case).
#
# Detector definitions are data: this file reads whatever .det files exist,
# so a new detector needs no CMake change.  A flavour whose compiler is
# missing or cannot link a ThreadSanitizer (or any) probe is recorded as
# unavailable in flavours/NAME.status (flavours/NAME.cxx.status for its C++
# compiler, which builds the cases/*.cpp); racecard then reports that
# detector's tests (or its C++ ones) as skipped, naming the packages to
# install.

# racecard_det_read(FILE PREFIX): sets PREFIX_<key> for every "key = value".
function(racecard_det_read file prefix)
  file(STRINGS "${file}" lines)
  foreach(line IN LISTS lines)
    if(line MATCHES "^[ \t]*([a-z-]+)[ \t]*=[ \t]*(.*[^ \t])[ \t]*$")
      string(REPLACE "-" "_" key "${CMAKE_MATCH_1}")
      set(${prefix}_${key} "${CMAKE_MATCH_2}" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

# racecard_case_field(FILE KEY OUT): a header field of a case.
function(racecard_case_field file key out)
  file(STRINGS "${file}" hits REGEX "^ \\* ${key}:" LIMIT_COUNT 1)
  string(REGEX REPLACE "^ \\* ${key}:[ \t]*" "" value "${hits}")
  string(STRIP "${value}" value)
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# racecard_flavour_probe(FLAVOUR LANG COMPILER FLAGS LDFLAGS): try to build
# a threaded program the way the cases of that language (c or cxx) will be
# built; write the status file (flavours/FLAVOUR.status for C,
# flavours/FLAVOUR.cxx.status for C++) that racecard reads to skip a
# detector that cannot build them.
function(racecard_flavour_probe flavour lang compiler cflags ldflags)
  set(dir "${CMAKE_BINARY_DIR}/flavours")
  file(MAKE_DIRECTORY "${dir}")
  if(lang STREQUAL "cxx")
    set(suffix ".cxx")
    set(probe "${PROJECT_SOURCE_DIR}/cmake/probe.cpp")
    set(what "C++ compiler")
  else()
    set(suffix "")
    set(probe "${PROJECT_SOURCE_DIR}/cmake/probe.c")
    set(what "compiler")
  endif()
  set(status "ok")
  if(compiler STREQUAL "")
    set(status "no C++ compiler defined (keys cxx and cxxflags)")
  else()
    find_program(RACECARD_CC_${flavour}${suffix} NAMES "${compiler}")
    if(NOT RACECARD_CC_${flavour}${suffix})
      set(status "${what} '${compiler}' not found")
    else()
      separate_arguments(cf UNIX_COMMAND "${cflags}")
      separate_arguments(lf UNIX_COMMAND "${ldflags}")
      execute_process(
        COMMAND "${RACECARD_CC_${flavour}${suffix}}" ${cf} "${probe}"
                -o "${dir}/${flavour}${suffix}.probe" ${lf}
        RESULT_VARIABLE rv ERROR_VARIABLE err OUTPUT_QUIET)
      if(NOT rv EQUAL 0)
        string(REGEX REPLACE "\n.*" "" err "${err}")
        set(status "'${compiler} ${cflags}' cannot build a threaded program: ${err}")
      endif()
    endif()
  endif()
  file(WRITE "${dir}/${flavour}${suffix}.status" "${status}\n")
  set(RACECARD_FLAVOUR_OK_${flavour}${suffix} "${status}" PARENT_SCOPE)
  if(lang STREQUAL "cxx")
    message(STATUS "racecard: flavour ${flavour}, C++: ${status}")
  else()
    message(STATUS "racecard: flavour ${flavour}: ${status}")
  endif()
endfunction()

file(GLOB RACECARD_DET_FILES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/detectors/*.det")
# Definitions kept outside the tree (a tool under evaluation) are built for
# too; `racecard --detector-file PATH score` then scores them.  They get no
# CTest tests: they have no expected files here.
foreach(extra IN LISTS RACECARD_EXTRA_DETECTORS)
  if(NOT EXISTS "${extra}")
    message(FATAL_ERROR "RACECARD_EXTRA_DETECTORS: no such file: ${extra}")
  endif()
  list(APPEND RACECARD_DET_FILES "${extra}")
  set(RACECARD_EXTRA_${extra} 1)
endforeach()
# C cases (NAME.c) are built with a flavour's compiler and cflags, C++ cases
# (NAME.cpp) with its cxx and cxxflags; ldflags serve both.
file(GLOB RACECARD_C_CASE_FILES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/cases/*.c")
file(GLOB RACECARD_CXX_CASE_FILES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/cases/*.cpp")
set(RACECARD_CASE_FILES ${RACECARD_C_CASE_FILES} ${RACECARD_CXX_CASE_FILES})
list(SORT RACECARD_CASE_FILES)
foreach(case_file IN LISTS RACECARD_CXX_CASE_FILES)
  get_filename_component(case "${case_file}" NAME_WE)
  if(EXISTS "${PROJECT_SOURCE_DIR}/cases/${case}.c")
    message(FATAL_ERROR "cases/${case}.c and cases/${case}.cpp are two cases of one name")
  endif()
endforeach()
file(GLOB RACECARD_SUPPORT_FILES CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/cases/support/*.h")
set(RACECARD_CASE_WARNINGS -Wall -Wextra)
if(RACECARD_WERROR)
  list(APPEND RACECARD_CASE_WARNINGS -Werror)
endif()

set(racecard_flavours "")
set(racecard_case_outputs "")
# What CMake read, for `racecard lint` to hold against racecard's own
# readers (tools/lint.h): a definition or header the two read differently
# would build or label tests other than racecard runs them.
set(racecard_view "source\t${PROJECT_SOURCE_DIR}\n")
foreach(det_file IN LISTS RACECARD_DET_FILES)
  racecard_det_read("${det_file}" d)
  set(d_timeout_used 30)
  if(d_timeout)
    set(d_timeout_used "${d_timeout}")
  endif()
  set(d_tests "yes")
  if(d_expected STREQUAL "none")
    set(d_tests "no")
  endif()
  set(d_catalog_used "yes")
  if(d_catalog STREQUAL "no")
    set(d_catalog_used "no")
  endif()
  foreach(k name build flavour compiler cflags ldflags cxx cxxflags timeout_used tests
          catalog_used suites)
    string(REGEX REPLACE "_used$" "" key "${k}")
    string(APPEND racecard_view "detector\t${det_file}\t${key}\t${d_${k}}\n")
  endforeach()
  set(fl "${d_flavour}")
  set(spec "${d_compiler}|${d_cflags}|${d_ldflags}|${d_cxx}|${d_cxxflags}")
  # A detector that reads source (build = none) has nothing to build.
  if(d_build STREQUAL "none")
  elseif(fl IN_LIST racecard_flavours)
    if(NOT "${RACECARD_FLAVOUR_SPEC_${fl}}" STREQUAL "${spec}")
      message(FATAL_ERROR "${det_file}: flavour '${fl}' is defined differently by another detector")
    endif()
  else()
    list(APPEND racecard_flavours "${fl}")
    set(RACECARD_FLAVOUR_SPEC_${fl} "${spec}")
    racecard_flavour_probe("${fl}" c "${d_compiler}" "${d_cflags}" "${d_ldflags}")
    racecard_flavour_probe("${fl}" cxx "${d_cxx}" "${d_cxxflags}" "${d_ldflags}")
    separate_arguments(lf UNIX_COMMAND "${d_ldflags}")
    foreach(lang c cxx)
      if(lang STREQUAL "cxx")
        set(suffix ".cxx")
        set(files ${RACECARD_CXX_CASE_FILES})
        separate_arguments(cf UNIX_COMMAND "${d_cxxflags}")
      else()
        set(suffix "")
        set(files ${RACECARD_C_CASE_FILES})
        separate_arguments(cf UNIX_COMMAND "${d_cflags}")
      endif()
      # A detector of a foreign suite only (catalog = no) builds none of them.
      if(NOT RACECARD_FLAVOUR_OK_${fl}${suffix} STREQUAL "ok" OR d_catalog_used STREQUAL "no")
        continue()
      endif()
      foreach(case_file IN LISTS files)
        get_filename_component(case "${case_file}" NAME_WE)
        set(out "${CMAKE_BINARY_DIR}/cases/${fl}/${case}")
        add_custom_command(
          OUTPUT "${out}"
          COMMAND "${RACECARD_CC_${fl}${suffix}}" ${cf} ${RACECARD_CASE_WARNINGS}
                  -I "${PROJECT_SOURCE_DIR}/cases/support"
                  "${case_file}" -o "${out}" ${lf}
          DEPENDS "${case_file}" ${RACECARD_SUPPORT_FILES}
          COMMENT "case ${case} [${fl}]"
          VERBATIM)
        list(APPEND racecard_case_outputs "${out}")
      endforeach()
    endforeach()
  endif()
  # A detector with "expected = none" is only scored: it gets no CTest tests.
  if(NOT d_expected STREQUAL "none" AND NOT RACECARD_EXTRA_${det_file})
    list(APPEND RACECARD_DETECTORS "${d_name}")
  endif()
  set(RACECARD_TIMEOUT_${d_name} "${d_timeout_used}")
  # What the suites' build (RacecardSuites.cmake) needs of each flavour.
  if(d_suites AND NOT d_build STREQUAL "none")
    list(APPEND RACECARD_SUITE_FLAVOURS "${fl}")
    set(RACECARD_SUITES_OF_${fl} "${d_suites}")
    set(RACECARD_LDFLAGS_OF_${fl} "${d_ldflags}")
    set(RACECARD_CFLAGS_OF_${fl} "${d_cflags}")
    set(RACECARD_CXXFLAGS_OF_${fl} "${d_cxxflags}")
  endif()
  foreach(v name build flavour compiler cflags ldflags cxx cxxflags timeout expected catalog
          catalog_used suites)
    unset(d_${v})
  endforeach()
endforeach()
foreach(case_file IN LISTS RACECARD_CASE_FILES)
  get_filename_component(case "${case_file}" NAME_WE)
  foreach(key verdict category)
    racecard_case_field("${case_file}" ${key} value)
    set(RACECARD_${key}_${case} "${value}")
    string(APPEND racecard_view "case\t${case_file}\t${key}\t${value}\n")
  endforeach()
endforeach()
file(WRITE "${CMAKE_BINARY_DIR}/racecard-read.txt" "${racecard_view}")
file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/cases" "${CMAKE_BINARY_DIR}/logs")
add_custom_target(racecard_cases ALL DEPENDS ${racecard_case_outputs})

# One test per (detector, case) with expected files.  An unavailable detector
# still gets its tests: racecard exits 77 for them and CTest shows them as
# skipped.
foreach(det IN LISTS RACECARD_DETECTORS)
  foreach(case_file IN LISTS RACECARD_CASE_FILES)
    get_filename_component(case "${case_file}" NAME_WE)
    set(verdict "${RACECARD_verdict_${case}}")
    set(category "${RACECARD_category_${case}}")
    add_test(NAME "${det}/${case}"
             COMMAND racecard --source-dir "${PROJECT_SOURCE_DIR}"
                              --build-dir "${CMAKE_BINARY_DIR}" check "${det}" "${case}")
    math(EXPR limit "${RACECARD_TIMEOUT_${det}} * 2 + 30")
    # The raw logs it leaves are what explain/catalog reads (tests/CMakeLists.txt).
    set_tests_properties("${det}/${case}" PROPERTIES
      LABELS "matrix;${det};${verdict};${category}"
      TIMEOUT ${limit}
      SKIP_RETURN_CODE 77
      FIXTURES_SETUP "logs-${det}")
  endforeach()
endforeach()

# The main job: every case under every detector, as a table.
add_custom_target(matrix
  COMMAND racecard --source-dir "${PROJECT_SOURCE_DIR}" --build-dir "${CMAKE_BINARY_DIR}" doctor --brief
  COMMAND racecard --source-dir "${PROJECT_SOURCE_DIR}" --build-dir "${CMAKE_BINARY_DIR}" matrix
  DEPENDS racecard racecard_cases
  USES_TERMINAL
  VERBATIM)

# The scorecard: every case under every installed detector, scored against
# the ground truth (docs/scorecard.md); SARIF files land in sarif/, the HTML
# report (docs/html.md) in html/, and the record of every run in
# score-records.jsonl (docs/records.md), whose `reused` says which runs the
# matrix made before and score read back (docs/results.md).
add_custom_target(score
  COMMAND racecard --source-dir "${PROJECT_SOURCE_DIR}" --build-dir "${CMAKE_BINARY_DIR}"
          score --sarif "${CMAKE_BINARY_DIR}/sarif" --html "${CMAKE_BINARY_DIR}/html"
                --records "${CMAKE_BINARY_DIR}/score-records.jsonl"
  DEPENDS racecard racecard_cases
  USES_TERMINAL
  VERBATIM)
