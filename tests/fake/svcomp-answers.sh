#!/bin/sh
# svcomp-answers.sh SOURCE - a stand-in tool for the SV-COMP adapter's
# tests: answers from a fixed table of racecard's own mini-suite
# (tests/suites/svcomp), so that each case-level outcome of a truth that is
# the verdict alone is seen.  Lines do not matter at program level.
case $(basename "$1") in
race-false.c)
  echo "data-race race-false.c:7 race-false.c:7" ;;      # racy: TP
race-true.c)
  echo "data-race race-true.c:9 race-true.c:9" ;;        # race-free: FP
nondet-race.c)
  echo "data-race nondet-race.c:15 nondet-race.c:24" ;;  # racy: TP
esac
# with-original.c (racy) says nothing: FN; atomic-section.c (race-free): TN.
exit 0
