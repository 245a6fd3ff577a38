# lines_check.cmake - holds bench/lines_bench to the line count it exists to
# time: both the reader (default) and the bare split (--bare) must count the
# lines of a file as wc -l does, plus one for a last line without a
# newline.  A floor that miscounted would time something other than the
# work it stands for.  Run by CTest with cmake -P:
#   -DBENCH=PATH   the lines_bench program
#   -DLOG=FILE     a recorded log to count
#   -DDIR=DIR      where the made-up inputs are written
file(MAKE_DIRECTORY "${DIR}")
string(REPEAT "x" 300000 long)
set(inputs log nonl empty blanks long)
file(WRITE "${DIR}/nonl" "a\nb")
file(WRITE "${DIR}/empty" "")
file(WRITE "${DIR}/blanks" "\n\n\n")
# a line longer than the bare split's 128 KiB block, between two others
file(WRITE "${DIR}/long" "a\n${long}\nz\n")
set(want_nonl 2)
set(want_empty 0)
set(want_blanks 3)
set(want_long 3)
file(READ "${LOG}" log_text)
string(REGEX MATCHALL "\n" newlines "${log_text}")
list(LENGTH newlines want_log)
if(NOT log_text MATCHES "\n$")
  math(EXPR want_log "${want_log} + 1")
endif()
foreach(in IN LISTS inputs)
  set(path "${DIR}/${in}")
  if(in STREQUAL "log")
    set(path "${LOG}")
  endif()
  foreach(mode reader bare)
    set(args "${path}")
    if(mode STREQUAL "bare")
      set(args --bare "${path}")
    endif()
    execute_process(COMMAND "${BENCH}" ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT out MATCHES "^${want_${in}} lines")
      message(SEND_ERROR "lines_bench (${mode}) on ${in}: wanted ${want_${in}} lines, got exit ${rc}: ${out}${err}")
    endif()
  endforeach()
endforeach()
# and a file it cannot read is an error, not a count of nothing
execute_process(COMMAND "${BENCH}" --bare "${DIR}/absent" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "absent")
  message(SEND_ERROR "lines_bench --bare on a missing file: wanted exit 2 and its name, got ${rc}: ${err}")
endif()
