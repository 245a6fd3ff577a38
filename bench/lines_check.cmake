# lines_check.cmake - holds bench/lines_bench to the line count it exists to
# time: the reader (default), the bare split (--bare) and the sort (--sort)
# must count the lines of a file as wc -l does, plus one for a last line
# without a newline, and the sort must put each line of a made-up Valgrind
# log in its kind.  A floor that miscounted would time something other than the
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
  foreach(mode reader bare sort)
    set(args "${path}")
    if(NOT mode STREQUAL "reader")
      set(args --${mode} "${path}")
    endif()
    execute_process(COMMAND "${BENCH}" ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0 OR NOT out MATCHES "^${want_${in}} lines")
      message(SEND_ERROR "lines_bench (${mode}) on ${in}: wanted ${want_${in}} lines, got exit ${rc}: ${out}${err}")
    endif()
  endforeach()
endforeach()
# each kind of line once or twice: a bare "==12==" is an empty line, a
# sanitizer's "==12==ERROR" has no Valgrind prefix, "by 0xZZ" is no frame
file(WRITE "${DIR}/valgrind"
     "==12== Helgrind, a thread error detector\n==12== \n"
     "==12==    at 0x4C2F: f (a.c:1)\n==12==    by 0x4C30: g (in /lib/x.so)\n"
     "==12==    by 0xZZ: not a frame\nprogram output\n==12==ERROR: sanitizer\n==12==\n")
execute_process(COMMAND "${BENCH}" --sort "${DIR}/valgrind" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(want "8 lines: 2 Valgrind frames, 2 empty Valgrind lines, 2 other Valgrind lines, 2 without the prefix\n")
if(NOT rc EQUAL 0 OR NOT out STREQUAL want)
  message(SEND_ERROR "lines_bench --sort on a made-up Valgrind log: wanted ${want}got exit ${rc}: ${out}${err}")
endif()
# and a file it cannot read is an error, not a count of nothing
execute_process(COMMAND "${BENCH}" --bare "${DIR}/absent" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "absent")
  message(SEND_ERROR "lines_bench --bare on a missing file: wanted exit 2 and its name, got ${rc}: ${err}")
endif()
