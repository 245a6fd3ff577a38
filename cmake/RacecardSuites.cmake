# RacecardSuites.cmake - the build stage for foreign suites: the programs of
# a user's checkout of each suite in RACECARD_SUITES ("drb=DIR;..."), built
# for every flavour whose definition lists the suite (key `suites`), as
# BUILD/cases/FLAVOUR/SUITE/NAME.  racecard vendors none of them; the
# checkouts are recorded in BUILD/racecard-suites.txt so that every later
# command knows them (tools/suite.h).
#
# A program that does not build leaves BUILD/cases/FLAVOUR/SUITE/NAME.build-failed
# (cmake/suite-compile.sh), so one foreign file cannot stop the build.
#
# An SV-COMP task is its definition, c/FOLDER/TASK.yml, built as
# svcomp/FOLDER/TASK from the C file it names (or the .c beside the .i it
# names).  CMake cannot read YAML: the patterns below only pick what to
# build, and may build a task racecard then leaves out; tools/suite_svcomp.c
# reads every definition with libyaml and decides, naming each reason.

set(RACECARD_SUITES "" CACHE STRING
    "foreign suites' checkouts: drb=DIR (DataRaceBench), goblint=DIR (Goblint's regression tests), svcomp=DIR (sv-benchmarks)")

# racecard_svcomp_source(TASK OUT): the C file to build for the SV-COMP
# task definition TASK, or "" when it names none that racecard could run.
function(racecard_svcomp_source task out)
  set(${out} "" PARENT_SCOPE)
  file(STRINGS "${task}" race REGEX "^[ \t]*-?[ \t]*property_file:[^#]*no-data-race\\.prp")
  file(STRINGS "${task}" lines)
  set(inputs "")
  set(in_list OFF)
  foreach(line IN LISTS lines)
    if(line MATCHES "^input_files:[ \t]*['\"]?([^'\" \t#]+)")
      list(APPEND inputs "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^input_files:")
      set(in_list ON)
    elseif(in_list AND line MATCHES "^[ \t]*-[ \t]*['\"]?([^'\" \t#]+)")
      list(APPEND inputs "${CMAKE_MATCH_1}")
    elseif(NOT line MATCHES "^[ \t]*(#|$)")
      set(in_list OFF)
    endif()
  endforeach()
  list(LENGTH inputs n)
  if(NOT race OR NOT n EQUAL 1)
    return()
  endif()
  get_filename_component(tdir "${task}" DIRECTORY)
  string(REGEX REPLACE "\\.i$" ".c" c "${tdir}/${inputs}")
  if(c MATCHES "\\.c$" AND EXISTS "${c}")
    set(${out} "${c}" PARENT_SCOPE)
  endif()
endfunction()

set(racecard_suites_file "")
set(racecard_suite_outputs "")
# racecard_suite_programs(SUITE DIR OUT_SRC OUT_PROGRAMS): where a suite's
# programs are and which they are.
function(racecard_suite_programs suite dir out_src out_programs)
  if(suite STREQUAL "drb")
    set(src "${dir}/micro-benchmarks")
    file(GLOB programs "${src}/*.c" "${src}/*.cpp")
  elseif(suite STREQUAL "goblint")
    set(src "${dir}/tests/regression")
    file(GLOB candidates "${src}/*/*.c")
    set(programs "")
    # Only the race tests: a line labelled RACE or NORACE (tools/suite_goblint.c
    # reads the labels exactly; this only keeps the build small).
    foreach(c IN LISTS candidates)
      file(STRINGS "${c}" hit REGEX "//[ \t]*(RACE|NORACE)" LIMIT_COUNT 1)
      if(hit)
        list(APPEND programs "${c}")
      endif()
    endforeach()
  elseif(suite STREQUAL "svcomp")
    set(src "${dir}/c")
    set(programs "")
    if(NOT RACECARD_YAML)
      message(WARNING "RACECARD_SUITES: svcomp needs libyaml (Debian: libyaml-dev) to read "
                      "task definitions: its tasks are not built")
    else()
      file(GLOB candidates "${src}/*/*.yml")
      foreach(c IN LISTS candidates)
        racecard_svcomp_source("${c}" source)
        if(source)
          list(APPEND programs "${c}")
        endif()
      endforeach()
    endif()
  else()
    message(FATAL_ERROR "RACECARD_SUITES: no adapter for suite '${suite}' (known: drb, goblint, svcomp)")
  endif()
  if(NOT IS_DIRECTORY "${src}")
    message(FATAL_ERROR "RACECARD_SUITES: ${dir} is not a checkout of ${suite} (no ${src})")
  endif()
  list(SORT programs)
  set(${out_src} "${src}" PARENT_SCOPE)
  set(${out_programs} "${programs}" PARENT_SCOPE)
endfunction()

if(RACECARD_SUITE_FLAVOURS)
  list(REMOVE_DUPLICATES RACECARD_SUITE_FLAVOURS)
endif()
foreach(spec IN LISTS RACECARD_SUITES)
  if(NOT spec MATCHES "^([a-z]+)=(.+)$")
    message(FATAL_ERROR "RACECARD_SUITES: '${spec}' is not SUITE=DIR")
  endif()
  set(suite "${CMAKE_MATCH_1}")
  get_filename_component(dir "${CMAKE_MATCH_2}" ABSOLUTE)
  racecard_suite_programs("${suite}" "${dir}" src programs)
  string(APPEND racecard_suites_file "${suite}=${dir}\n")
  list(LENGTH programs count)
  message(STATUS "racecard: suite ${suite}: ${count} programs in ${src}")
  foreach(fl IN LISTS RACECARD_SUITE_FLAVOURS)
    separate_arguments(suites UNIX_COMMAND "${RACECARD_SUITES_OF_${fl}}")
    if(NOT suite IN_LIST suites OR NOT RACECARD_FLAVOUR_OK_${fl} STREQUAL "ok")
      continue()
    endif()
    separate_arguments(lf UNIX_COMMAND "${RACECARD_LDFLAGS_OF_${fl}}")
    foreach(program IN LISTS programs)
      file(RELATIVE_PATH rel "${src}" "${program}")
      string(REGEX REPLACE "\\.(c|cpp|yml)$" "" name "${rel}")
      if(suite STREQUAL "svcomp")
        racecard_svcomp_source("${program}" program)
      endif()
      get_filename_component(pdir "${program}" DIRECTORY)
      if(program MATCHES "\\.cpp$")
        if(NOT RACECARD_FLAVOUR_OK_${fl}.cxx STREQUAL "ok")
          continue()
        endif()
        set(cc "${RACECARD_CC_${fl}.cxx}")
        separate_arguments(cf UNIX_COMMAND "${RACECARD_CXXFLAGS_OF_${fl}}")
      else()
        set(cc "${RACECARD_CC_${fl}}")
        # Foreign C is GNU C more often than not (usleep, M_PI).
        string(REPLACE "-std=c11" "-std=gnu11" cflags "${RACECARD_CFLAGS_OF_${fl}}")
        separate_arguments(cf UNIX_COMMAND "${cflags}")
      endif()
      set(extra "")
      set(defines "")
      if(suite STREQUAL "drb")
        # The polybench kernels need polybench's own runtime beside them, and
        # the defines DataRaceBench's own script gives them: without
        # POLYBENCH_TIME the kernels call polybench_timer_start undeclared,
        # which clang 16 and later refuse.
        file(STRINGS "${program}" uses_polybench REGEX "polybench/polybench\\.h" LIMIT_COUNT 1)
        set(includes -I "${src}" -I "${src}/utilities")
        if(uses_polybench)
          set(extra "${src}/utilities/polybench.c")
          set(defines -DPOLYBENCH_TIME -DPOLYBENCH_NO_FLUSH_CACHE)
        endif()
      else()
        # racecard's own stand-ins for goblint.h and the __VERIFIER_ functions
        # (Goblint's tests and SV-COMP's tasks alike).
        set(extra "${PROJECT_SOURCE_DIR}/suites/stubs/verifier.c")
        set(includes -I "${pdir}" -I "${PROJECT_SOURCE_DIR}/suites/stubs")
      endif()
      set(out "${CMAKE_BINARY_DIR}/cases/${fl}/${suite}/${name}")
      add_custom_command(
        OUTPUT "${out}"
        COMMAND sh "${PROJECT_SOURCE_DIR}/cmake/suite-compile.sh" "${out}" --
                "${cc}" ${cf} ${defines} ${includes} "${program}" ${extra} ${lf} -lm
        DEPENDS "${program}" "${PROJECT_SOURCE_DIR}/cmake/suite-compile.sh"
        COMMENT "${suite} ${name} [${fl}]"
        VERBATIM)
      list(APPEND racecard_suite_outputs "${out}")
    endforeach()
  endforeach()
endforeach()
file(WRITE "${CMAKE_BINARY_DIR}/racecard-suites.txt" "${racecard_suites_file}")
add_custom_target(racecard_suites ALL DEPENDS ${racecard_suite_outputs})
