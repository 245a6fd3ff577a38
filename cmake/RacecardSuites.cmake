# RacecardSuites.cmake - the build stage for foreign suites: the programs of
# a user's checkout of each suite in RACECARD_SUITES ("drb=DIR;..."), built
# for every flavour whose definition lists the suite (key `suites`), as
# BUILD/cases/FLAVOUR/SUITE/NAME.  racecard vendors none of them; the
# checkouts are recorded in BUILD/racecard-suites.txt so that every later
# command knows them (tools/suite.h).
#
# A program that does not build leaves BUILD/cases/FLAVOUR/SUITE/NAME.build-failed
# (cmake/suite-compile.sh), so one foreign file cannot stop the build.

set(RACECARD_SUITES "" CACHE STRING "foreign suites' checkouts: drb=DIR (DataRaceBench)")

set(racecard_suites_file "")
set(racecard_suite_outputs "")
foreach(spec IN LISTS RACECARD_SUITES)
  if(NOT spec MATCHES "^([a-z]+)=(.+)$")
    message(FATAL_ERROR "RACECARD_SUITES: '${spec}' is not SUITE=DIR")
  endif()
  set(suite "${CMAKE_MATCH_1}")
  get_filename_component(dir "${CMAKE_MATCH_2}" ABSOLUTE)
  if(NOT suite STREQUAL "drb")
    message(FATAL_ERROR "RACECARD_SUITES: no adapter for suite '${suite}' (known: drb)")
  endif()
  if(NOT IS_DIRECTORY "${dir}/micro-benchmarks")
    message(FATAL_ERROR "RACECARD_SUITES: ${dir} is not a DataRaceBench checkout (no micro-benchmarks/)")
  endif()
  string(APPEND racecard_suites_file "${suite}=${dir}\n")
  set(src "${dir}/micro-benchmarks")
  file(GLOB programs "${src}/*.c" "${src}/*.cpp")
  list(SORT programs)
  list(LENGTH programs count)
  message(STATUS "racecard: suite ${suite}: ${count} programs in ${src}")
  foreach(fl IN LISTS RACECARD_SUITE_FLAVOURS)
    separate_arguments(suites UNIX_COMMAND "${RACECARD_SUITES_OF_${fl}}")
    if(NOT suite IN_LIST suites OR NOT RACECARD_FLAVOUR_OK_${fl} STREQUAL "ok")
      continue()
    endif()
    separate_arguments(lf UNIX_COMMAND "${RACECARD_LDFLAGS_OF_${fl}}")
    foreach(program IN LISTS programs)
      get_filename_component(name "${program}" NAME_WE)
      if(program MATCHES "\\.cpp$")
        if(NOT RACECARD_FLAVOUR_OK_${fl}.cxx STREQUAL "ok")
          continue()
        endif()
        set(cc "${RACECARD_CC_${fl}.cxx}")
        separate_arguments(cf UNIX_COMMAND "${RACECARD_CXXFLAGS_OF_${fl}}")
      else()
        set(cc "${RACECARD_CC_${fl}}")
        separate_arguments(cf UNIX_COMMAND "${RACECARD_CFLAGS_OF_${fl}}")
      endif()
      # The polybench kernels need polybench's own runtime beside them.
      set(extra "")
      file(STRINGS "${program}" uses_polybench REGEX "polybench/polybench\\.h" LIMIT_COUNT 1)
      if(uses_polybench)
        set(extra "${src}/utilities/polybench.c")
      endif()
      set(out "${CMAKE_BINARY_DIR}/cases/${fl}/${suite}/${name}")
      add_custom_command(
        OUTPUT "${out}"
        COMMAND sh "${PROJECT_SOURCE_DIR}/cmake/suite-compile.sh" "${out}" --
                "${cc}" ${cf} -I "${src}" -I "${src}/utilities" "${program}" ${extra} ${lf} -lm
        DEPENDS "${program}" "${PROJECT_SOURCE_DIR}/cmake/suite-compile.sh"
        COMMENT "${suite} ${name} [${fl}]"
        VERBATIM)
      list(APPEND racecard_suite_outputs "${out}")
    endforeach()
  endforeach()
endforeach()
file(WRITE "${CMAKE_BINARY_DIR}/racecard-suites.txt" "${racecard_suites_file}")
add_custom_target(racecard_suites ALL DEPENDS ${racecard_suite_outputs})
