#!/bin/sh
# static-table.sh ID FILE - a stand-in for a model that answers from what it
# has seen before: it looks the case's neutral id up in a fixed table
# (static-table.txt beside it) and prints the answer against the blind
# file's name.  The table holds line numbers of the cases, so a finding
# scores only if racecard maps the blind name back to the case's file.
dir=$(dirname "$0")
name=$(basename "$2")
awk -v id="$1" -v f="$name" '$1 == id { $1 = ""; gsub(/@/, f); sub(/^ /, ""); print }' "$dir/static-table.txt"
