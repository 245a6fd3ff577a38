#!/bin/sh
# drb-answers.sh SOURCE - a stand-in tool for the DataRaceBench adapter's
# tests: answers from a fixed table of racecard's own mini-suite
# (tests/suites/drb), so that each way of scoring a partial truth is seen.
case $(basename "$1") in
DRB901-pair-orig-yes.c)
  echo "data-race DRB901-pair-orig-yes.c:14 DRB901-pair-orig-yes.c:14"   # listed: TP
  echo "data-race DRB901-pair-orig-yes.c:13 DRB901-pair-orig-yes.c:14" ;; # not listed, racy kernel: unlabelled
DRB903-sets-orig-yes.c)
  echo "data-race DRB903-sets-orig-yes.c:14 DRB903-sets-orig-yes.c:15" ;; # listed: TP
DRB904-clean-orig-no.c)
  echo "data-race DRB904-clean-orig-no.c:12 DRB904-clean-orig-no.c:12" ;; # race-free kernel: FP
DRB036-truedepscalar-var-yes.c)
  echo "data-race DRB036-truedepscalar-var-yes.c:67 DRB036-truedepscalar-var-yes.c:68" ;; # listed after the erratum: TP
esac
exit 0
