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
double_lock_tsan signal_unsafe use_after_free fork_race misc_other crash
glibc_frames verifier_atomic glued_output race_vector many_races"

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
    race_vector) src=race_vector.cpp ;;
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

# lock_misuse: one misuse per run, named by the argument; DRD reports a lock
# held too long only when given a threshold.
gcc -g -O0 -pthread -o "$out/bin/lock_misuse.vg" lock_misuse.c &&
    clang -g -O1 -fsanitize=thread -o "$out/bin/lock_misuse.clang" lock_misuse.c &&
    gcc -g -O1 -fsanitize=thread -o "$out/bin/lock_misuse.gcc" lock_misuse.c &&
    for w in rwunlock rwunlockinit rwrelock unlockinit eperm exit1 exit2 held invalid wrongtype; do
        thr=; [ $w = held ] && thr=--exclusive-threshold=10
        valgrind --tool=helgrind --fair-sched=yes "$out/bin/lock_misuse.vg" $w > "$out/helgrind-lock_misuse_$w.log" 2>&1
        valgrind --tool=drd --fair-sched=yes $thr "$out/bin/lock_misuse.vg" $w > "$out/drd-lock_misuse_$w.log" 2>&1
        "$out/bin/lock_misuse.clang" $w > "$out/tsan-clang-lock_misuse_$w.log" 2>&1
        "$out/bin/lock_misuse.gcc" $w > "$out/tsan-gcc-lock_misuse_$w.log" 2>&1
    done

# Helgrind run with -q (no banner, no trailer) and no access history (no
# "This conflicts with" part): race_global, and glued_output, whose output
# without a newline runs into Valgrind's first line.
for p in race_global glued_output; do
    valgrind --tool=helgrind -q --fair-sched=yes --history-level=none "$out/bin/$p.vg" \
        > "$out/helgrind-q-$p.log" 2>&1
done

# sections: reports whose sections explain must know (see README.md).
gcc -g -O0 -pthread -o "$out/bin/sections.vg" sections.c &&
    clang -g -O1 -fsanitize=thread -o "$out/bin/sections.clang" sections.c &&
    "$out/bin/sections.clang" leaks > "$out/tsan-clang-sections_leaks.log" 2>&1 &&
    "$out/bin/sections.clang" alloc > "$out/tsan-clang-sections_alloc.log" 2>&1
command -v clang-19 > /dev/null &&
    clang-19 -g -O1 -fsanitize=thread -o "$out/bin/sections.clang19" sections.c &&
    "$out/bin/sections.clang19" errno > "$out/tsan-clang19-sections_errno.log" 2>&1
valgrind --tool=helgrind --fair-sched=yes --free-is-write=yes "$out/bin/sections.vg" freed \
    > "$out/helgrind-sections_freed.log" 2>&1
valgrind --tool=drd --fair-sched=yes "$out/bin/sections.vg" barrier > "$out/drd-sections_barrier.log" 2>&1
valgrind --tool=helgrind --fair-sched=yes --read-var-info=yes "$out/bin/race_global.vg" \
    > "$out/helgrind-read_var_info.log" 2>&1

# omp_target: clang-19 with OpenMP; Debian 12 has no libomp for clang-19,
# so clang 14's is linked (see README.md).
if command -v clang-19 > /dev/null && [ -e /usr/lib/llvm-14/lib/libomp-14.so.5 ]; then
    mkdir -p "$out/omp" && ln -sf /usr/lib/llvm-14/lib/libomp-14.so.5 "$out/omp/libomp.so" &&
        clang-19 -g -O1 -fopenmp -fsanitize=thread -o "$out/bin/omp_target.clang19" omp_target.c \
            -L"$out/omp" -Wl,-rpath,/usr/lib/llvm-14/lib &&
        "$out/bin/omp_target.clang19" > "$out/tsan-clang19-omp_target.log" 2>&1
fi
