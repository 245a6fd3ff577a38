#!/bin/sh
# static-lint.sh FILE - a stand-in static analyser for racecard's tests: it
# reads a (blind) source file, never runs anything, and calls every two
# statements that add to or subtract 1 from the same plain variable a data
# race, naming the file as it was given.  Crude on purpose: what is tested
# is that racecard hands it the blind copy and maps its answer back.
file=$1
name=$(basename "$file")
awk -v f="$name" '
  match($0, /^[ \t]*[A-Za-z_][A-Za-z_0-9]* [-+]= 1;/) {
    v = $1; lines[v] = lines[v] " " NR
  }
  END {
    for (v in lines) {
      n = split(lines[v], l, " ")
      for (i = 1; i < n; i++) printf "data-race %s:%d %s:%d\n", f, l[i], f, l[i + 1]
    }
  }' "$file"
