# version.cmake - writes OUT, a C file with racecard's version and the commit
# it is built from, for `racecard --version`.  Run by the build (cmake -P) at
# every build rather than at configure time, where the commit would go stale;
# OUT is rewritten only when its text changes, so nothing relinks needlessly.
#   -DSOURCE_DIR=DIR  the source tree (a git checkout, or not)
#   -DVERSION=X.Y.Z   the project's version
#   -DOUT=FILE        the C file to write
set(commit "unknown")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" describe --always --dirty --abbrev=12
                  RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(rv EQUAL 0 AND out)
    set(commit "${out}")
  endif()
endif()
set(text "/* Written by cmake/version.cmake at build time. */\n")
string(APPEND text "const char racecard_version[] = \"${VERSION}\";\n")
string(APPEND text "const char racecard_commit[] = \"${commit}\";\n")
set(old "")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
