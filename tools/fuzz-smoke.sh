#!/usr/bin/env bash
# Time-bounded fuzz smoke: every harness fuzz/fuzz_*.c under libFuzzer
# and/or AFL++ for SECONDS each, two jobs at a time.  Fails (exit 1) on any
# finding (crash, oracle failure, sanitizer report, timeout, AFL++ crash or
# hang file) and on any job that could not run (a missing tool is a
# failure, never a skip).  Prints one `RESULT:` line per job with execs/s.
#
# usage: tools/fuzz-smoke.sh libfuzzer|afl|both SECONDS [HARNESS...]
# env:   IVA_BUILD_ROOT (default build/ci), IVA_JOBS (parallel jobs, 2),
#        IVA_STAGE_COUNTS (if set, "PASSED FAILED" jobs is appended).
set -u
ENGINE=${1:?usage: fuzz-smoke.sh libfuzzer|afl|both SECONDS [HARNESS...]}
SECS=${2:?seconds per harness}
shift 2
SRC=$(cd "$(dirname "$0")/.." && pwd)
BR=${IVA_BUILD_ROOT:-$SRC/build/ci}
mkdir -p "$BR"
BR=$(cd "$BR" && pwd)
J=${IVA_JOBS:-2}
OUT=$BR/fuzz-smoke
HARNESSES=("$@")
if [ ${#HARNESSES[@]} -eq 0 ]; then
    for f in "$SRC"/fuzz/fuzz_*.c; do HARNESSES+=("$(basename "$f" .c)"); done
fi
case $ENGINE in
    libfuzzer) ENGINES=(libfuzzer) ;;
    afl) ENGINES=(afl) ;;
    both) ENGINES=(libfuzzer afl) ;;
    *) echo "unknown engine $ENGINE"; exit 2 ;;
esac

# build ENGINE: configure + build the engine's fuzz binaries.
build() {
    local eng=$1 cc dir=$BR/fuzz-$1
    cc=clang; [ "$eng" = afl ] && cc=afl-clang-fast
    command -v "$cc" >/dev/null || { echo "missing tool: $cc"; return 1; }
    cmake -S "$SRC" -B "$dir" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE= \
        -DIVA_FUZZ=ON -DIVA_FUZZ_ENGINE="$eng" -DIVA_BUILD_TESTS=OFF \
        -DIVA_BUILD_TOOLS=OFF -DIVA_BUILD_EXAMPLES=OFF -DIVA_BUILD_BENCH=OFF \
        >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; return 1; }
    cmake --build "$dir" -j"$J" >"$dir.build.log" 2>&1 || { tail -n 40 "$dir.build.log"; return 1; }
}

# inputs DIR...: the non-dot regular files of the directories.
inputs() {
    local d
    for d in "$@"; do
        [ -d "$d" ] && find "$d" -maxdepth 1 -type f ! -name '.*'
    done
}

# run_libfuzzer HARNESS: one bounded libFuzzer run; writes $job/result.
run_libfuzzer() {
    local h=$1 job=$OUT/libfuzzer-$1 bin=$BR/fuzz-libfuzzer/fuzz/$1 dict=() rc eps
    rm -rf "$job"; mkdir -p "$job/work" "$job/art"
    [ -x "$bin" ] || { echo "FAIL no binary $bin" >"$job/result"; return; }
    [ -f "$SRC/fuzz/dict/$h.dict" ] && dict=(-dict="$SRC/fuzz/dict/$h.dict")
    inputs "$SRC/corpus/$h" "$SRC/corpus/regressions/$h" | xargs -r cp -t "$job/work"
    ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$bin" -max_total_time="$SECS" -timeout=5 -rss_limit_mb=2048 -max_len=4096 \
        -print_final_stats=1 -artifact_prefix="$job/art/" "${dict[@]}" \
        "$job/work" >"$job/log" 2>&1
    rc=$?
    eps=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$job/log" | tail -1)
    if [ $rc -ne 0 ] || [ -n "$(ls -A "$job/art")" ]; then
        echo "FAIL libfuzzer $h rc=$rc execs/s ${eps:-?} artifacts: $(ls "$job/art" | tr '\n' ' ')" >"$job/result"
    else
        echo "PASS libfuzzer $h execs/s ${eps:-?} execs $(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$job/log" | tail -1)" >"$job/result"
    fi
}

# run_afl HARNESS: one bounded AFL++ run; writes $job/result.
run_afl() {
    local h=$1 job=$OUT/afl-$1 bin=$BR/fuzz-afl/fuzz/$1 dict=() rc n eps
    rm -rf "$job"; mkdir -p "$job/seeds"
    [ -x "$bin" ] || { echo "FAIL no binary $bin" >"$job/result"; return; }
    command -v afl-fuzz >/dev/null || { echo "FAIL missing tool afl-fuzz" >"$job/result"; return; }
    [ -f "$SRC/fuzz/dict/$h.dict" ] && dict=(-x "$SRC/fuzz/dict/$h.dict")
    inputs "$SRC/corpus/$h" "$SRC/corpus/regressions/$h" | xargs -r cp -t "$job/seeds"
    [ -n "$(ls -A "$job/seeds")" ] || printf '\0' >"$job/seeds/empty"
    env -u ASAN_OPTIONS -u UBSAN_OPTIONS AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 \
        AFL_NO_AFFINITY=1 AFL_FAST_CAL=1 AFL_CMPLOG_ONLY_NEW=1 \
        AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_ALLOW_TMP=1 \
        afl-fuzz -i "$job/seeds" -o "$job/out" -V "$SECS" -t 5000 -m none \
        "${dict[@]}" -- "$bin" >"$job/log" 2>&1
    rc=$?
    # afl-fuzz exits 0 even when it found crashes: look for them
    n=$(find "$job/out/default/crashes" "$job/out/default/hangs" -name 'id:*' 2>/dev/null | wc -l)
    eps=$(sed -nE 's/^execs_per_sec *: *([0-9.]+).*/\1/p' "$job/out/default/fuzzer_stats" 2>/dev/null)
    if [ $rc -ne 0 ] || [ "$n" -gt 0 ] || [ -z "$eps" ]; then
        echo "FAIL afl $h rc=$rc findings=$n execs/s ${eps:-?} (see $job)" >"$job/result"
    else
        echo "PASS afl $h execs/s $eps execs $(sed -nE 's/^execs_done *: *([0-9]+).*/\1/p' "$job/out/default/fuzzer_stats")" >"$job/result"
    fi
}

fail=0
mkdir -p "$OUT"
for e in "${ENGINES[@]}"; do
    build "$e" || { echo "FAIL: build for $e"; fail=1; }
done

# two jobs at a time
jobs_list=()
for h in "${HARNESSES[@]}"; do
    for e in "${ENGINES[@]}"; do jobs_list+=("$e $h"); done
done
running=0
for jb in "${jobs_list[@]}"; do
    set -- $jb
    if [ "$1" = libfuzzer ]; then run_libfuzzer "$2" & else run_afl "$2" & fi
    running=$((running + 1))
    if [ $running -ge "$J" ]; then wait -n; running=$((running - 1)); fi
done
wait

passed=0 failed=0
for jb in "${jobs_list[@]}"; do
    set -- $jb
    r=$(cat "$OUT/$1-$2/result" 2>/dev/null || echo "FAIL $1 $2 no result")
    echo "RESULT: fuzz $r"
    case $r in
        PASS*) passed=$((passed + 1)) ;;
        *) failed=$((failed + 1)); fail=1
           echo "  log: $OUT/$1-$2/log"; grep -E 'ORACLE|ERROR|SUMMARY|Test unit written|PROGRAM ABORT' "$OUT/$1-$2/log" 2>/dev/null | head -5 ;;
    esac
done
[ -n "${IVA_STAGE_COUNTS:-}" ] && echo "$passed $failed" >>"$IVA_STAGE_COUNTS"
echo "SUMMARY: fuzz smoke ${SECS}s per harness per engine: $passed passed, $failed failed"
exit $fail
