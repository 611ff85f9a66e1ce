#!/usr/bin/env bash
# Mutation study: does fuzzing catch deliberately broken builds, and how fast?
#
#   usage: tools/mutate.sh [--seconds N] [--engine libfuzzer|afl|both]
#                          [--work DIR] [--list] MUTATION...|all
#
# For each MUTATION: copies the source tree to WORK/<mutation>/src (never
# touching the shipped src/), applies ONE source edit there (an exact
# string replacement that must match exactly once, so a stale mutation
# fails loudly instead of testing nothing), builds the harnesses that
# should catch it with libFuzzer and/or AFL++ (persistent mode), and runs
# each engine from an empty seed (one zero byte, no corpus; the harness's
# dictionary fuzz/dict/<harness>.dict) until the first finding or N
# seconds (default 120).  Also replays the
# shipped corpus of those harnesses against the mutant.
# Prints one line per (mutation, engine, harness):
#   MUTANT <name> <engine> <harness> found <seconds> | not-found <cap>
# and "CORPUS <name> <harness> caught|missed".  Run by hand, not in CI
# (docs/FUZZING.md, "Mutation study", has the table).
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
SECS=120; ENGINES="libfuzzer afl"; WORK=/tmp/ivalloc-mutants; LIST=0; WANT=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECS=$2; shift 2;;
    --engine) [ "$2" = both ] && ENGINES="libfuzzer afl" || ENGINES=$2; shift 2;;
    --work) WORK=$2; shift 2;;
    --list) LIST=1; shift;;
    -h|--help) sed -n '2,20p' "$0"; exit 0;;
    *) WANT+=("$1"); shift;;
  esac
done

# name | file | harnesses | old text | new text | what it breaks
# (old/new are one line here; \n stands for a newline)
MUTATIONS=(
"merge-off-by-one|src/ops.c|fuzz_ops|(t->nodes_[y].max_ == n->min_ - in)|(t->nodes_[y].max_ == n->min_ - 2u * in)|free() merges a left FREE neighbour ending 2 below key.min instead of 1"
"align-round|src/range.c|fuzz_ops|    if (r == 0u) {|    if (r <= 1u) {|align_up treats x = k*align + 1 as already aligned"
"pull-up-stops|src/treap.c|fuzz_ops|            return;\n        x = t->nodes_[x].parent_;|            return;\n        x = IVA__NIL;|pull_from stops at its stop node: the ancestors above it keep a stale big/height"
"pull-up-early-stop|src/treap.c|fuzz_ops|    uint64_t b = own > bl ? own : bl, old_big = n->big_;|    uint64_t b = own > bl ? own : bl, old_big = b > br ? b : br;|iva__pull reports unchanged when only big (largest FREE span) changed, so the walk stops early"
"stale-skipped|src/treap.c|fuzz_ops|        if (!changed && stale == IVA__NIL)|        if (!changed)|the walk may stop below the node that free/allocate changed without a recompute (stale big there and above)"
"restore-reset-first|src/snapshot.c|fuzz_restore|    if (st == IVA_OK && count > t->count_)|    if (st == IVA_OK)\n        iva__pool_reset(t);\n    if (st == IVA_OK && count > t->count_)|restore empties the tree before reserving: a NO_MEMORY restore leaves it empty"
"journal-underreserve|src/place.c|fuzz_oom|    iva_status st = iva__journal_reserve(t, 4u);|    iva_status st = iva__journal_reserve(t, 2u);|allocate reserves 2 journal records, a split writes up to 4"
"len-sat-wrap|src/range.c|fuzz_ops|    return d == UINT64_MAX ? UINT64_MAX : d + 1u;|    return d + 1u;|the length of [0, UINT64_MAX] wraps to 0"
"align-up-wrap|src/range.c|fuzz_ops|    if (x > UINT64_MAX - (align - r))\n        return false;\n||align_up near UINT64_MAX wraps to a small start instead of failing"
)

field() { local IFS='|'; read -r -a f <<<"$1"; echo "${f[$2]}"; }

if [ $LIST = 1 ]; then
  for m in "${MUTATIONS[@]}"; do printf '%-22s %-14s %s\n' "$(field "$m" 0)" "$(field "$m" 1)" "$(field "$m" 5)"; done
  exit 0
fi
[ ${#WANT[@]} -gt 0 ] || { echo "name a mutation, or all (--list shows them)"; exit 2; }
[ "${WANT[0]}" = all ] && WANT=($(for m in "${MUTATIONS[@]}"; do field "$m" 0; done))
for t in clang afl-clang-fast afl-fuzz python3 cmake; do
  command -v $t >/dev/null || { echo "missing tool: $t"; exit 1; }
done

# apply_mutation DIR FILE OLD NEW: exact replacement, exactly once.
apply_mutation() {
  python3 - "$1/$2" "$3" "$4" <<'EOF'
import sys
path, old, new = sys.argv[1], sys.argv[2].replace('\\n', '\n'), sys.argv[3].replace('\\n', '\n')
s = open(path).read()
n = s.count(old)
if n != 1:
    sys.exit("mutation text found %d times in %s (want 1)" % (n, path))
open(path, 'w').write(s.replace(old, new))
EOF
}

# build DIR ENGINE HARNESSES...: fuzz binaries of the mutant.
build() {
  local d=$1 eng=$2; shift 2
  local cc=clang; [ "$eng" = afl ] && cc=afl-clang-fast
  AFL_QUIET=1 cmake -S "$d/src" -B "$d/build-$eng" -DCMAKE_C_COMPILER=$cc -DIVA_FUZZ=ON \
    -DIVA_FUZZ_ENGINE=$eng -DIVA_WERROR=OFF -DIVA_BUILD_TESTS=OFF -DIVA_BUILD_TOOLS=OFF -DIVA_BUILD_EXAMPLES=OFF \
    -DIVA_BUILD_BENCH=OFF >"$d/build-$eng.log" 2>&1 &&
  AFL_QUIET=1 cmake --build "$d/build-$eng" -j"$(nproc)" --target "$@" >>"$d/build-$eng.log" 2>&1
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

run_libfuzzer() {  # DIR HARNESS -> prints seconds or "not-found"
  local d=$1 h=$2 out="$1/lf-$2" t0
  rm -rf "$out"; mkdir -p "$out/corpus" "$out/art"
  printf '\0' >"$out/corpus/seed"
  t0=$(now)
  "$d/build-libfuzzer/fuzz/$h" -max_total_time="$SECS" -timeout=5 -max_len=4096 -rss_limit_mb=2048 \
       -dict="$SRC/fuzz/dict/$h.dict" -artifact_prefix="$out/art/" "$out/corpus" >"$out/log" 2>&1
  # a finding is an artifact written (crash, oracle abort, leak, timeout)
  if grep -q 'Test unit written to' "$out/log"; then echo "found $(elapsed "$t0")"; else echo "not-found"; fi
}

run_afl() {  # DIR HARNESS -> prints seconds or "not-found"
  local d=$1 h=$2 out="$1/afl-$2" t0 n
  rm -rf "$out"; mkdir -p "$out/in"
  printf '\0' >"$out/in/seed"
  t0=$(now)
  AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_FAST_CAL=1 AFL_BENCH_UNTIL_CRASH=1 \
  AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_QUIET=1 \
    afl-fuzz -i "$out/in" -o "$out/out" -V "$SECS" -x "$SRC/fuzz/dict/$h.dict" -- "$d/build-afl/fuzz/$h" >"$out/log" 2>&1
  n=$(find "$out/out/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
  if [ "$n" -gt 0 ]; then echo "found $(elapsed "$t0")"; else echo "not-found"; fi
}

# Does the shipped corpus (replayed by ctest) already catch the mutant?
corpus_check() {  # DIR HARNESS
  local d=$1 h=$2 bin="$1/build-libfuzzer/fuzz/$2"
  local dirs=()
  for c in "$SRC/corpus/$h" "$SRC/corpus/regressions/$h"; do [ -d "$c" ] && dirs+=("$c"); done
  [ ${#dirs[@]} -gt 0 ] || { echo "no-corpus"; return; }
  if "$bin" -runs=0 "${dirs[@]}" >"$d/corpus-$h.log" 2>&1; then echo "missed"; else echo "caught"; fi
}

# why DIR ENGINE HARNESS: the first oracle or sanitizer line of a finding
# (AFL++ crashes are replayed with the AFL++ binary, which replays files).
why() {
  local d=$1 eng=$2 h=$3 log crash
  if [ "$eng" = libfuzzer ]; then log="$d/lf-$h/log"; else
    crash=$(find "$d/afl-$h/out/default/crashes" -name 'id:*' 2>/dev/null | sort | head -n 1)
    [ -n "$crash" ] || return 0
    log="$d/afl-$h/replay.log"
    # an inner shell takes the abort, so that this one prints no job notice
    bash -c '"$@"; exit 0' _ timeout 60 "$d/build-afl/fuzz/$h" "$crash" >"$log" 2>&1
  fi
  grep -m1 -E 'FUZZ ORACLE FAILED|ERROR: (Address|Leak|Undefined)|runtime error|timeout' "$log" \
    | sed -e "s|$d/src/||g" -e 's/^/  why: /' | cut -c1-220
}

status=0
for name in "${WANT[@]}"; do
  m=""; for x in "${MUTATIONS[@]}"; do [ "$(field "$x" 0)" = "$name" ] && m=$x; done
  [ -n "$m" ] || { echo "unknown mutation $name"; status=2; continue; }
  file=$(field "$m" 1); harnesses=$(field "$m" 2)
  d="$WORK/$name"; rm -rf "$d"; mkdir -p "$d/src"
  tar -C "$SRC" --exclude=./build --exclude=./.git -cf - . | tar -C "$d/src" -xf -
  apply_mutation "$d/src" "$file" "$(field "$m" 3)" "$(field "$m" 4)" || { status=1; continue; }
  echo "== $name: $(field "$m" 5) ($file)"
  for eng in $ENGINES; do
    build "$d" "$eng" $harnesses || { echo "build failed: $d/build-$eng.log"; status=1; continue; }
    for h in $harnesses; do
      if [ "$eng" = libfuzzer ]; then r=$(run_libfuzzer "$d" "$h"); else r=$(run_afl "$d" "$h"); fi
      [ "$r" = not-found ] && r="not-found $SECS"
      echo "MUTANT $name $eng $h $r"
      why "$d" "$eng" "$h"
      if [ "$eng" = libfuzzer ]; then echo "CORPUS $name $h $(corpus_check "$d" "$h")"; fi
    done
  done
done
exit $status
