#!/usr/bin/env bash
# Run every test of ivalloc: installs what is missing (apt-get when root),
# then runs each stage in tools/stages/ in order.  Prints one line per
# stage and a closing "N passed, N failed" that sums the ctest counts of
# every stage (a stage without ctest counts as one test).
#   usage: bash tools/test-all.sh [STAGE-NAME-SUBSTRING...]
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
export IVA_SRC="$SRC"
export IVA_BUILD_ROOT="${IVA_BUILD_ROOT:-$SRC/build/ci}"
export IVA_JOBS="${IVA_JOBS:-$(nproc)}"
mkdir -p "$IVA_BUILD_ROOT/logs"

bash "$SRC/tools/install-deps.sh" || { echo "dependency installation failed"; echo "0 passed, 1 failed"; exit 1; }

total_pass=0; total_fail=0; failed_stages=""
t_all=$(date +%s)
for stage in "$SRC"/tools/stages/[0-9]*.sh; do
  name=$(basename "$stage" .sh)
  if [ $# -gt 0 ]; then
    want=0; for f in "$@"; do case "$name" in *"$f"*) want=1;; esac; done
    [ $want = 1 ] || continue
  fi
  export IVA_STAGE_COUNTS="$IVA_BUILD_ROOT/logs/$name.counts"
  log="$IVA_BUILD_ROOT/logs/$name.log"
  rm -f "$IVA_STAGE_COUNTS"
  t0=$(date +%s)
  echo "=== stage $name"
  bash "$stage" >"$log" 2>&1
  rc=$?
  t1=$(date +%s)
  p=0; f=0
  if [ -s "$IVA_STAGE_COUNTS" ]; then
    while read -r a b; do p=$((p + a)); f=$((f + b)); done <"$IVA_STAGE_COUNTS"
  fi
  if [ $rc -ne 0 ] && [ $f -eq 0 ]; then f=$((f + 1)); fi
  if [ $rc -eq 0 ] && [ $p -eq 0 ] && [ $f -eq 0 ]; then p=1; fi
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  if [ $rc -eq 0 ]; then
    echo "    PASS $name ($p passed, $f failed, $((t1 - t0)) s)"
    grep -E '^(RESULT|SUMMARY):' "$log" | sed 's/^/    /'
  else
    echo "    FAIL $name (exit $rc, $p passed, $f failed, $((t1 - t0)) s) — last lines of $log:"
    tail -n 40 "$log" | sed 's/^/    | /'
    failed_stages="$failed_stages $name"
  fi
done
echo "=== all stages done in $(( $(date +%s) - t_all )) s${failed_stages:+; failed:$failed_stages}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
