#!/usr/bin/env bash
# Line and branch coverage of src/ from everything ctest runs: the unit
# tests, the golden traces, and the replay of every fuzz corpus and
# regression directory (corpus/<harness>/, corpus/regressions/<harness>/).
#
#   usage: tools/coverage.sh [--min-lines PCT] [--min-branches PCT] [BUILD_DIR]
#
# Builds with clang source-based coverage (-DIVA_COVERAGE=ON:
# -fprofile-instr-generate -fcoverage-mapping), runs ctest with one raw
# profile per process, merges them (llvm-profdata) and prints the
# llvm-cov report of src/*.c.  Also writes BUILD_DIR/coverage-missed.txt:
# every line never run and every branch direction never taken.
# Exit status: 0, or 1 if the build or a test failed or a figure is below
# the --min-* threshold.  Prints "RESULT: coverage of src/ ..." lines.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
MIN_LINES=0; MIN_BRANCHES=0; B=""
while [ $# -gt 0 ]; do
  case "$1" in
    --min-lines) MIN_LINES=$2; shift 2;;
    --min-branches) MIN_BRANCHES=$2; shift 2;;
    -h|--help) sed -n '2,13p' "$0"; exit 0;;
    *) B=$1; shift;;
  esac
done
B=${B:-$SRC/build/coverage}
mkdir -p "$B" && B=$(cd "$B" && pwd)   # absolute: tests run in other directories
JOBS=${IVA_JOBS:-$(nproc)}

tool() {  # tool NAME: the versioned LLVM tool if present, else the plain one
  if command -v "$1-14" >/dev/null 2>&1; then echo "$1-14";
  elif command -v "$1" >/dev/null 2>&1; then echo "$1";
  else echo "missing tool: $1 (install llvm)" >&2; exit 1; fi
}
PROFDATA=$(tool llvm-profdata); COV=$(tool llvm-cov)
command -v clang >/dev/null || { echo "missing tool: clang" >&2; exit 1; }

mkdir -p "$B"
echo "== configure and build $B (clang, IVA_COVERAGE=ON)"
cmake -S "$SRC" -B "$B" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
  -DIVA_COVERAGE=ON -DIVA_BUILD_TESTS=ON \
  -DCMAKE_EXE_LINKER_FLAGS=-fprofile-instr-generate >"$B/configure.log" 2>&1 \
  || { tail -n 40 "$B/configure.log"; exit 1; }
cmake --build "$B" -j"$JOBS" >"$B/build.log" 2>&1 || { tail -n 60 "$B/build.log"; exit 1; }

echo "== run ctest (unit tests, golden traces, corpus and regression replays)"
rm -rf "$B/profraw"; mkdir -p "$B/profraw"
export LLVM_PROFILE_FILE="$B/profraw/%p-%m.profraw"
(cd "$B" && ctest --output-on-failure -j"$JOBS") >"$B/ctest.log" 2>&1
rc=$?
grep -E 'tests passed|Failed|\*\*\*' "$B/ctest.log" | tail -n 20
[ $rc -eq 0 ] || { echo "ctest failed (see $B/ctest.log)"; exit 1; }
n=$(grep -cE 'Test +#[0-9]+: fuzz_(corpus|regressions)_' "$B/ctest.log")
echo "ctest lines naming fuzz replays: $n"

"$PROFDATA" merge -sparse "$B"/profraw/*.profraw -o "$B/merged.profdata" || exit 1

# Every executable of the build that carries coverage mapping.
objs=()
while IFS= read -r f; do
  if readelf -S "$f" 2>/dev/null | grep -q __llvm_covmap; then objs+=("$f"); fi
done < <(find "$B" -type f -perm -u+x ! -name '*.so*' ! -path '*/CMakeFiles/*' | sort)
[ ${#objs[@]} -gt 0 ] || { echo "no instrumented executable found"; exit 1; }
args=("${objs[0]}")
for o in "${objs[@]:1}"; do args+=(-object "$o"); done
echo "== ${#objs[@]} instrumented executables"

"$COV" report -instr-profile="$B/merged.profdata" "${args[@]}" "$SRC"/src/*.c \
  | tee "$B/coverage-report.txt"
"$COV" show -instr-profile="$B/merged.profdata" "${args[@]}" "$SRC"/src/*.c \
  -show-branches=count -show-line-counts >"$B/coverage-show.txt"
# Never-run lines ("|      0|") and never-taken branch directions.
grep -nE '^ *[0-9]+\| +0\||^/|Branch \(.*(True: 0|False: 0)' "$B/coverage-show.txt" \
  | grep -B1 -vE '^[0-9]+:/' >"$B/coverage-missed.txt" || true

total=$(grep '^TOTAL' "$B/coverage-report.txt")
# TOTAL regions missed cover functions missed cover lines missed cover branches missed cover
read -r _ _ _ rcov _ _ fcov lines lmiss lcov br bmiss bcov <<<"$total"
echo "RESULT: coverage of src/: lines $lcov ($((lines - lmiss))/$lines), branches $bcov ($((br - bmiss))/$br), regions $rcov, functions $fcov"
echo "missed lines and branches: $B/coverage-missed.txt"
fail=0
below() { awk -v a="${1%\%}" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }'; }
if below "$lcov" "$MIN_LINES"; then echo "line coverage $lcov is below $MIN_LINES%"; fail=1; fi
if below "$bcov" "$MIN_BRANCHES"; then echo "branch coverage $bcov is below $MIN_BRANCHES%"; fail=1; fi
exit $fail
