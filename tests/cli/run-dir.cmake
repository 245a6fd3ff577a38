# run-dir.cmake - makes the directory the tests of tests/commands.cmake run
# the command in (cmake -P, the setup of the fixture cli-run):
#   RUN/src     a link to this tree (tests/cli), racecard's --source-dir
#   RUN/build   a stand-in build tree, racecard's --build-dir: the flavour
#               'plain' marked built, and for each case a program that does
#               nothing (the stand-in detectors never need a real one)
# With both given as relative paths from RUN, the paths racecard prints
# (raw logs, expected files) are the same wherever the tree is checked out,
# so the tests can compare its output exactly.
#   -DTREE=DIR  this tree
#   -DRUN=DIR   the directory to make (removed first, with every log in it)
if(NOT TREE OR NOT RUN)
  message(FATAL_ERROR "run-dir.cmake: want -DTREE=DIR -DRUN=DIR")
endif()
file(REMOVE_RECURSE "${RUN}")
file(MAKE_DIRECTORY "${RUN}/build/flavours" "${RUN}/build/cases/plain")
file(CREATE_LINK "${TREE}" "${RUN}/src" SYMBOLIC)
file(WRITE "${RUN}/build/flavours/plain.status" "ok\n")
file(GLOB cases "${TREE}/cases/*.c")
foreach(c IN LISTS cases)
  get_filename_component(name "${c}" NAME_WE)
  set(exe "${RUN}/build/cases/plain/${name}")
  file(WRITE "${exe}" "#!/bin/sh\n# stands in for the case ${name}, which is never compiled\nexit 0\n")
  file(CHMOD "${exe}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
endforeach()
message(STATUS "made ${RUN}")
