#!/bin/sh
# detector.sh MODE EXE - a stand-in detector for racecard's runner tests.
# Each mode misbehaves the way a real detector or case can, so the runner's
# outcome classification is tested without waiting for a real failure.
mode=$1
exe=$2
case $mode in
hang)
  # A deadlocked case: never ends by itself.
  exec sleep 600 ;;
segv)
  # The case dies of a signal.
  kill -SEGV $$ ;;
vgdies)
  # Valgrind itself dies of a signal: its log never says the case crashed.
  echo "==4242== Helgrind, a thread error detector"
  echo "==4242== Command: $exe"
  echo "==4242== "
  kill -SEGV $$ ;;
vgcasedies)
  # The case dies under Valgrind, which says so and then dies of the same
  # signal, as Valgrind does.
  echo "==4242== Helgrind, a thread error detector"
  echo "==4242== Command: $exe"
  echo "==4242== "
  echo "==4242== Process terminating with default action of signal 11 (SIGSEGV)"
  echo "==4242==  Access not within mapped region at address 0x0"
  echo "==4242==    at 0x109199: main (racy_counter.c:99)"
  kill -SEGV $$ ;;
glibcframes)
  # Helgrind with glibc's debug info installed (libc6-dbg): a glibc frame
  # named by its source file, msort.c, above the case's own; the runner
  # reads the log with the case's own files, so it is passed over.
  cat <<'LOG'
==4242== Helgrind, a thread error detector
==4242== Command: racy_counter
==4242== 
==4242== ----------------------------------------------------------------
==4242== 
==4242== Possible data race during write of size 4 at 0x10C014 by thread #3
==4242== Locks held: none
==4242==    at 0x4851D51: memmove (in /usr/libexec/valgrind/vgpreload_helgrind-amd64-linux.so)
==4242==    by 0x48A59A3: msort_with_tmp (msort.c:44)
==4242==    by 0x1091B5: decrement (racy_counter.c:56)
==4242== 
==4242== This conflicts with a previous write of size 4 by thread #2
==4242== Locks held: none
==4242==    at 0x1091A1: increment (racy_counter.c:51)
==4242== 
==4242==  Address 0x10c014 is 0 bytes inside data symbol "x"
==4242== 
==4242== 
==4242== ERROR SUMMARY: 1 errors from 1 contexts (suppressed: 0 from 0)
LOG
  exit 0 ;;
exit3)
  # The case fails on its own terms.
  echo "case: cannot create threads"; exit 3 ;;
silent66)
  # ThreadSanitizer's race exit status with no report in the log.
  exit 66 ;;
vgfail)
  echo "valgrind: failed to start tool 'nosuch' for platform 'amd64-linux': No such file or directory"
  exit 1 ;;
mapping)
  # ThreadSanitizer on a kernel with too much address entropy: fails unless
  # address randomisation is off for this process (personality bit 0x0040000).
  read -r persona < /proc/self/personality
  if [ $(( 0x$persona & 0x0040000 )) -ne 0 ]; then
    exec "$exe"
  fi
  echo "FATAL: ThreadSanitizer: unexpected memory mapping 0x5c1b00728000-0x5c1b0074b000"
  exit 66 ;;
silentsegv)
  # ThreadSanitizer with high address entropy can also die of SIGSEGV while
  # mapping its shadow, before printing anything.
  read -r persona < /proc/self/personality
  if [ $(( 0x$persona & 0x0040000 )) -ne 0 ]; then
    exec "$exe"
  fi
  kill -SEGV $$ ;;
report)
  # A race reported on a pair the expected file does not list.
  cat <<'LOG'
==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Write of size 4 at 0x55988d4ed258 by thread T2:
    #0 decrement /src/cases/racy_counter.c:56:7 (racy_counter+0xd018f)

  Previous write of size 4 at 0x55988d4ed258 by thread T1:
    #0 increment /src/cases/racy_counter.c:50:7 (racy_counter+0xd0121)

SUMMARY: ThreadSanitizer: data race /src/cases/racy_counter.c:56:7 in decrement
==================
ThreadSanitizer: reported 1 warnings
LOG
  exit 66 ;;
segvbefore|segvduring|segvafter)
  # The case dies of SIGSEGV before, in the middle of, or after a report.
  [ "$mode" = segvbefore ] && kill -SEGV $$
  echo "=================="
  echo "WARNING: ThreadSanitizer: data race (pid=4242)"
  echo "  Write of size 4 at 0x55988d4ed258 by thread T2:"
  echo "    #0 decrement /src/cases/racy_counter.c:56:7 (racy_counter+0xd018f)"
  echo
  echo "  Previous write of size 4 at 0x55988d4ed258 by thread T1:"
  echo "    #0 increment /src/cases/racy_counter.c:51:7 (racy_counter+0xd0121)"
  echo
  if [ "$mode" = segvafter ]; then
    echo "SUMMARY: ThreadSanitizer: data race /src/cases/racy_counter.c:56:7 in decrement"
    echo "=================="
  fi
  kill -SEGV $$ ;;
flood)
  # Megabytes of program output around one complete report.
  yes "worker 3: checksum 0x5eed progress line that goes on and on" | head -c 4000000
  "$0" report
  yes "worker 4: still going" | head -c 4000000
  exit 66 ;;
flaky)
  # A tool that reports a race every other run: the odd runs of a --repeat,
  # told by their logs' names (CASE.log, CASE.run3.log, ...), report it and
  # the even ones do not, however many run at a time.
  case $3 in
    *.run[02468].log | *.run[0-9]*[02468].log) ;;
    *) echo "data-race racy_counter.c:51 racy_counter.c:56" ;;
  esac ;;
markup)
  # The true race of racy_counter, after program output full of HTML's
  # special characters, which a page must show as text.
  echo '<script>alert("x & y")</script> it'"'"'s <b>not</b> markup'
  "$0" report | sed 's/racy_counter.c:50:/racy_counter.c:51:/'
  exit 66 ;;
counted)
  # The canonical tool, leaving a line in the file $4 for every run it
  # makes: the results stage's tests count what really ran.
  echo "$3" >> "$4"
  exec "$0" canonical "$2" ;;
canonical)
  # A tool that prints racecard's canonical findings among the program's output.
  echo "total: -7149"
  echo "data-race racy_counter.c:56 racy_counter.c:51"
  echo "thread-leak racy_counter.c:99" ;;
archercrash)
  # ThreadSanitizer's OpenMP tool, Archer 14, dying on an OpenMP target
  # region of a program of racecard's own (#pragma omp target teams
  # distribute parallel for): the crashing instruction is in libarcher.so.
  cat "$(dirname "$0")/archer-crash.log"
  exit 66 ;;
scaled)
  # A tool that runs the case, so that its time grows with CASE_SCALE,
  # and reports the same race at every scale.
  "$exe" >/dev/null || exit
  echo "data-race racy_counter.c:51 racy_counter.c:56" ;;
scaledrift)
  # The same, but a case whose findings change with the work scale.
  "$exe" >/dev/null || exit
  if [ "${CASE_SCALE:-1}" = 1 ]; then
    echo "data-race racy_counter.c:51 racy_counter.c:56"
  else
    echo "data-race racy_counter.c:51"
  fi ;;
badcanonical)
  # A line that claims to be a finding but is not one.
  echo "data-race racy_counter.c:fifty-one" ;;
rawtool)
  # A tool with a format of its own, read by a converter.
  echo "RACE racy_counter.c:51 racy_counter.c:56" ;;
convert)
  # The converter of rawtool's format: $2 is the raw log.
  while read -r word a b; do
    [ "$word" = RACE ] && echo "data-race $a $b"
  done < "$exe"
  exit 0 ;;
convertfail)
  echo "converter: cannot read the log" >&2; exit 4 ;;
replay)
  # A tool that prints canonical findings recorded for each case: those in
  # DIR/CASE ($3), nothing when there is no such file.
  recording="$3/$(basename "$exe")"
  echo "replaying $recording"
  [ -f "$recording" ] && cat "$recording"
  exit 0 ;;
*)
  echo "detector.sh: unknown mode '$mode'" >&2; exit 2 ;;
esac
