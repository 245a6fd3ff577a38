# expect_steps.cmake - the checks of racecard's command tests, as functions
# for scripts run with cmake -P: expect.cmake holds one command to them, and
# a test that needs several commands in a row (write a file, then read it
# back) calls them one after the other.  The first check that fails stops
# the script with FATAL_ERROR, after printing what was run and everything
# it printed, stdout and stderr.
#
#   expect_command(CMD arg... EXIT code [STDOUT file] [MATCH regex]
#                  [STDERR regex] [MASK mask] [ENV NAME=VALUE...] [WORKDIR dir])
#       Runs the command and checks its exit status, its stdout (exactly
#       against a file, or against a pattern) and its stderr (a pattern).
#       The command runs without RACECARD_STRICT in its environment, so a
#       strict CI does not change what the tests see, and with
#       RACECARD_RERUN=1, so it never reads a result another test stored;
#       ENV sets variables for it (RACECARD_STRICT=1 among them, for a test
#       of strict mode).
#       MASK rewrites stdout before it is compared (see expect_mask).
#   expect_file(path [EQUALS file] [MATCH regex] [ABSENT])
#       A file a command wrote: equal to another file, matching a pattern,
#       or not there at all.
#   expect_fresh_dir(dir)
#       Removes dir and everything in it, and creates it empty.

# Lists keep their empty elements (a CSV field, a blank line of output).
cmake_policy(VERSION 3.25)

# expect_mask(mask text out_var): text with the parts that change from run
# to run replaced by '*'.  mask is one of
#   csv:COLUMN,COLUMN...  CSV with a header line: every non-empty field of the
#                         named columns below it (an empty field stays empty,
#                         so "not measured" still differs from "measured")
#   regex:REGEX           every match of REGEX
function(expect_mask mask text out_var)
  if(mask MATCHES "^csv:(.+)$")
    string(REPLACE "," ";" names "${CMAKE_MATCH_1}")
    # CMake lists hold the lines and fields: refuse what they cannot carry.
    if(text MATCHES "[][;\"\\]")
      message(FATAL_ERROR "MASK ${mask}: the text holds a quote, ';', '[', ']' or '\\', "
              "which this CSV reader does not take apart:\n${text}")
    endif()
    string(REPLACE "\n" ";" lines "${text}")
    list(POP_FRONT lines header)
    string(REPLACE "," ";" columns "${header}")
    set(at "")
    foreach(name IN LISTS names)
      list(FIND columns "${name}" i)
      if(i LESS 0)
        message(FATAL_ERROR "MASK ${mask}: no column '${name}' in the header:\n${header}")
      endif()
      list(APPEND at ${i})
    endforeach()
    set(result "${header}")
    foreach(line IN LISTS lines)
      if(NOT line STREQUAL "")
        # Each field behind an 'x', so that empty fields stay list items.
        string(REPLACE "," ";x" fields "x${line}")
        list(LENGTH fields n)
        foreach(i IN LISTS at)
          if(i LESS n)
            list(GET fields ${i} f)
            if(NOT f STREQUAL "x")
              list(REMOVE_AT fields ${i})
              list(INSERT fields ${i} "x*")
            endif()
          endif()
        endforeach()
        string(REPLACE ";x" "," line "${fields}")
        string(REGEX REPLACE "^x" "" line "${line}")
      endif()
      string(APPEND result "\n${line}")
    endforeach()
    set(text "${result}")
  elseif(mask MATCHES "^regex:(.+)$")
    string(REGEX REPLACE "${CMAKE_MATCH_1}" "*" text "${text}")
  else()
    message(FATAL_ERROR "MASK '${mask}': want csv:COLUMN,... or regex:REGEX")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Stops the script; the text is printed as it is (FATAL_ERROR would rewrap
# it, and a diff or a log needs its lines).
function(expect_fail text)
  message(NOTICE "${text}")
  message(FATAL_ERROR "check failed (above)")
endfunction()

function(expect_command)
  cmake_parse_arguments(PARSE_ARGV 0 x "" "EXIT;STDOUT;STDERR;MATCH;MASK;WORKDIR" "CMD;ENV")
  if(NOT x_CMD)
    message(FATAL_ERROR "expect_command: no CMD")
  endif()
  if("${x_EXIT}" STREQUAL "")
    message(FATAL_ERROR "expect_command: no EXIT")
  endif()
  # The environment of this script is the command's: a variable is unset or
  # set here rather than through `cmake -E env`, which would turn a command
  # that dies of a signal into one that exits with status 1.
  unset(ENV{RACECARD_STRICT})
  # Every run made afresh: tests share build trees, and what one stored
  # (docs/results.md) must not change what the next one prints.  The
  # results stage's own tests set RACECARD_RERUN=0.
  set(ENV{RACECARD_RERUN} 1)
  foreach(kv IN LISTS x_ENV)
    if(NOT kv MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
      message(FATAL_ERROR "expect_command: ENV wants NAME=VALUE, not '${kv}'")
    endif()
    set(ENV{${CMAKE_MATCH_1}} "${CMAKE_MATCH_2}")
  endforeach()
  set(wd "")
  if(x_WORKDIR)
    set(wd WORKING_DIRECTORY "${x_WORKDIR}")
  endif()
  execute_process(COMMAND ${x_CMD} ${wd} RESULT_VARIABLE rv OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(shown "${out}")
  if(x_MASK)
    expect_mask("${x_MASK}" "${out}" out)
  endif()
  set(problems "")
  if(NOT "${rv}" STREQUAL "${x_EXIT}")
    string(APPEND problems "exit status ${rv}, wanted ${x_EXIT}\n")
  endif()
  if(x_STDOUT)
    file(READ "${x_STDOUT}" want)
    if(NOT "${out}" STREQUAL "${want}")
      file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/expect-last-stdout.txt" "${out}")
      string(APPEND problems "stdout differs from ${x_STDOUT} "
             "(what it printed is in ${CMAKE_CURRENT_BINARY_DIR}/expect-last-stdout.txt):\n"
             "--- wanted\n${want}--- got\n${out}")
      if(x_MASK)
        string(APPEND problems "--- (after MASK ${x_MASK})\n")
      endif()
    endif()
  endif()
  if(x_MATCH AND NOT "${out}" MATCHES "${x_MATCH}")
    string(APPEND problems "stdout does not match '${x_MATCH}'\n")
  endif()
  if(x_STDERR AND NOT "${err}" MATCHES "${x_STDERR}")
    string(APPEND problems "stderr does not match '${x_STDERR}'\n")
  endif()
  if(problems)
    string(REPLACE ";" " " shown_cmd "${x_CMD}")
    expect_fail("command: ${shown_cmd}\n${problems}--- its stdout\n${shown}--- its stderr\n${err}--- end")
  endif()
  string(REPLACE ";" " " shown_cmd "${x_CMD}")
  message(STATUS "ok: ${shown_cmd}")
endfunction()

function(expect_file path)
  cmake_parse_arguments(PARSE_ARGV 1 x "ABSENT" "EQUALS;MATCH" "")
  if(x_ABSENT)
    if(EXISTS "${path}")
      expect_fail("${path} exists; it should not")
    endif()
    message(STATUS "ok: ${path} is absent")
    return()
  endif()
  if(NOT EXISTS "${path}")
    expect_fail("${path} does not exist")
  endif()
  file(READ "${path}" got)
  if(x_EQUALS)
    file(READ "${x_EQUALS}" want)
    if(NOT "${got}" STREQUAL "${want}")
      expect_fail("${path} differs from ${x_EQUALS}:\n--- wanted\n${want}--- got\n${got}--- end")
    endif()
  endif()
  if(x_MATCH AND NOT "${got}" MATCHES "${x_MATCH}")
    expect_fail("${path} does not match '${x_MATCH}':\n${got}--- end")
  endif()
  message(STATUS "ok: ${path}")
endfunction()

function(expect_fresh_dir dir)
  file(REMOVE_RECURSE "${dir}")
  file(MAKE_DIRECTORY "${dir}")
endfunction()
