#!/bin/sh
# suite-compile.sh OUT -- COMPILER ARGS... - builds one program of a foreign
# suite.  Foreign code is not racecard's to fix: a program that does not
# build with a flavour must not stop the build of the others, so a failure
# leaves OUT.build-failed (the compiler's first lines) instead of OUT and
# exits 0; racecard reports that case as build-failed, naming the file.
out=$1
shift 2
rm -f "$out" "$out.build-failed"
mkdir -p "$(dirname "$out")"
if ! "$@" -o "$out" 2>"$out.log"; then
  head -n 20 "$out.log" >"$out.build-failed"
fi
rm -f "$out.log"
exit 0
