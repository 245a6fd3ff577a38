#!/bin/sh
# goblint-answers.sh SOURCE - a stand-in tool for the Goblint adapter's
# tests: answers from a fixed table of racecard's own mini-suite
# (tests/suites/goblint), so that each way of scoring line-level truth is seen.
case $(basename "$1") in
01-labels_rc.c)
  echo "data-race 01-labels_rc.c:10 01-labels_rc.c:22"   # two RACE! lines: 2 TP lines
  echo "data-race 01-labels_rc.c:12"                     # a NORACE line: FP
  echo "data-race 01-labels_rc.c:15" ;;                  # no label: unlabelled
03-maybe.c)
  echo "data-race 03-maybe.c:7" ;;                       # unknown truth: not scored
esac
exit 0
