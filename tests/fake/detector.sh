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
*)
  echo "detector.sh: unknown mode '$mode'" >&2; exit 2 ;;
esac
