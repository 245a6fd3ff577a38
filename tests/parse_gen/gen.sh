#!/bin/sh
# Builds every program here under each detector and records its combined
# stdout+stderr as OUT/<detector>-<program>.log.
#
# Usage: gen.sh OUTDIR            clang (14 on Debian 12), gcc, helgrind, drd
#        gen.sh OUTDIR clang-19   only the given clang's ThreadSanitizer
set -u
out=${1:?usage: gen.sh OUTDIR [CLANG]}
clang=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/bin"
export TSAN_OPTIONS="halt_on_error=0 suppress_equal_addresses=0 history_size=7 second_deadlock_stack=1"
progs="race_global race_heap race_stack race_named race_atomic race_helper race_cxx
lock_order lock_order3 thread_leak destroy_locked unlock_unlocked double_lock
double_lock_tsan signal_unsafe use_after_free fork_race misc_other crash"

# tsan TAG CC CXX PROG SRC...: one ThreadSanitizer build and run.
tsan() {
    tag=$1 c=$2 cxx=$3 p=$4; shift 4
    case $1 in *.cpp) c=$cxx ;; esac
    $c -g -O1 -fsanitize=thread -o "$out/bin/$p.$tag" "$@" -lpthread &&
        "$out/bin/$p.$tag" > "$out/tsan-$tag-$p.log" 2>&1
}

cd "$here"
for p in $progs; do
    case $p in
    race_helper) src="race_helper_main.c race_helper_lib.c" ;;
    race_cxx) src=race_cxx.cpp ;;
    *) src=$p.c ;;
    esac
    if [ -n "$clang" ]; then
        tsan "$clang" "$clang" "$(echo "$clang" | sed 's/clang/clang++/')" $p $src
        continue
    fi
    tsan clang clang clang++ $p $src
    tsan gcc gcc g++ $p $src
    case $src in *.cpp) c=g++ ;; *) c=gcc ;; esac
    $c -g -O0 -pthread -o "$out/bin/$p.vg" $src &&
        for tool in helgrind drd; do
            valgrind --tool=$tool --fair-sched=yes "$out/bin/$p.vg" > "$out/$tool-$p.log" 2>&1
        done
done

# race_old_history: only gcc's runtime shows "[failed to restore the stack]",
# and only with the smallest history.
gcc -g -O1 -fsanitize=thread -o "$out/bin/race_old_history.gcc" race_old_history.c -lpthread &&
    TSAN_OPTIONS="halt_on_error=0 suppress_equal_addresses=0 history_size=0 second_deadlock_stack=1" \
        "$out/bin/race_old_history.gcc" > "$out/tsan-gcc-race_old_history.log" 2>&1
