# bless.cmake - `racecard bless` end to end, in the run directory of
# run-dir.cmake, into a scratch expected tree it makes afresh (cmake -P):
#   -DRACECARD=PATH  the command
#   -DRUN=DIR        the run directory (src: tests/cli, build: stand-in build)
# What bless writes is read back byte for byte, and then by `check`.
include("${CMAKE_CURRENT_LIST_DIR}/../expect_steps.cmake")
if(NOT RACECARD OR NOT RUN)
  message(FATAL_ERROR "bless.cmake: want -DRACECARD=PATH -DRUN=DIR")
endif()
set(tree "${CMAKE_CURRENT_LIST_DIR}")
set(scratch "${RUN}/scratch-bless")
expect_fresh_dir("${scratch}")
set(rc "${RACECARD}" --source-dir src --build-dir build --expected-dir scratch-bless/expected)

# A new file: the title "# DET on CASE: summary", the definition's note,
# the findings, and "FIXME: say why" on a finding that is not in the truth
# and on the true pair the detector missed.
expect_command(CMD ${rc} bless replay spill WORKDIR "${RUN}" EXIT 0 STDERR "^$"
               MATCH "^wrote scratch-bless/expected/replay/spill \\(reports, 2 findings\\): review it with git diff\n$")
expect_file("${scratch}/expected/replay/spill" EQUALS "${tree}/bless/replay-spill.new")

# check refuses the file while a FIXME is left in it.
expect_command(CMD ${rc} check replay spill WORKDIR "${RUN}" EXIT 3
               MATCH "scratch-bless/expected/replay/spill:4: reason still says 'FIXME: say why'")

# A definition without a note: the title alone; a detector that reports
# nothing: every true pair written as missing, with a FIXME.
expect_command(CMD ${rc} --detector-file src/bless/quiet.det bless tally WORKDIR "${RUN}" EXIT 0 STDERR "^$"
               MATCH "^wrote scratch-bless/expected/quiet/tally \\(clean, 0 findings\\): review it with git diff\n$")
expect_file("${scratch}/expected/quiet/tally" EQUALS "${tree}/bless/quiet-tally.new")

# A reviewed file blessed again: its title and every reason kept, so with
# the same findings it is unchanged; and check now passes.
configure_file("${tree}/bless/replay-spill.reviewed" "${scratch}/expected/replay/spill" COPYONLY)
expect_command(CMD ${rc} bless replay spill WORKDIR "${RUN}" EXIT 0 STDERR "^$"
               MATCH "^wrote scratch-bless/expected/replay/spill")
expect_file("${scratch}/expected/replay/spill" EQUALS "${tree}/bless/replay-spill.reviewed")
expect_command(CMD ${rc} check replay spill WORKDIR "${RUN}" EXIT 0 STDERR "^$"
               MATCH "PASS replay/spill: as expected in scratch-bless/expected/replay/spill\n$")

# Blessing every case when none is named.
expect_command(CMD ${rc} bless replay WORKDIR "${RUN}" EXIT 0 STDERR "^$"
               MATCH "^wrote scratch-bless/expected/replay/guarded [^\n]*\nwrote scratch-bless/expected/replay/spill [^\n]*\nwrote scratch-bless/expected/replay/tally [^\n]*\n$")
expect_file("${scratch}/expected/replay/tally" MATCH "^# replay on tally: [^\n]*\n# The stand-in [^\n]*\ndata-race tally.c:10 tally.c:11\n$")

# A run that did not complete writes nothing (exit status 5).
expect_command(CMD ${rc} --detector-file src/../fake/fake-segv.det bless tally WORKDIR "${RUN}" EXIT 5
               STDERR "ERROR fake-segv/tally: crashed: the case died of signal 11")
expect_file("${scratch}/expected/fake-segv/tally" ABSENT)

# An expected tree that cannot be written: a file where its folder should be.
file(WRITE "${scratch}/not-a-folder" "")
expect_command(CMD "${RACECARD}" --source-dir src --build-dir build --expected-dir scratch-bless/not-a-folder
                   bless replay tally
               WORKDIR "${RUN}" EXIT 73 STDERR "scratch-bless/not-a-folder/replay/tally: cannot write: Not a directory")
