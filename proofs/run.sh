#!/usr/bin/env bash
# Prove the ACSL contracts of ivalloc with Frama-C/WP (z3, cvc4, cvc5).
#   usage: proofs/run.sh [--cleanup] [FILE-SUBSTRING...]
#   (a substring selects the targets whose proved file, the first unit of
#   the target, contains it)
# Prints "FILE: proved/total" per target of proofs/targets.txt and a total;
# exits non-zero if any goal is unproved, if frama-c fails, or if a file
# proves fewer goals than proofs/baseline.txt records.
#   --cleanup  empty proofs/cache first, so that it only keeps the entries
#              the current goals use (then commit proofs/cache).
# Env: IVA_PROOF_OUT (default build/proofs), IVA_PROOF_TIMEOUT (20),
#      IVA_JOBS (nproc), IVA_PROOF_PARALLEL (IVA_JOBS: frama-c runs at once),
#      IVA_PROOF_UPDATE_BASELINE=1 rewrites the baseline lines of the
#      targets run.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT=${IVA_PROOF_OUT:-$ROOT/build/proofs}
TIMEOUT=${IVA_PROOF_TIMEOUT:-20}
JOBS=${IVA_JOBS:-$(nproc)}
CACHE_MODE=update
if [ "${1:-}" = "--cleanup" ]; then rm -rf "$HERE/cache"; shift; fi
mkdir -p "$OUT" "$HERE/cache"

need() { command -v "$1" >/dev/null 2>&1 || { echo "missing tool: $1"; exit 1; }; }
for t in frama-c why3 z3 cvc4 cvc5 python3; do need "$t"; done

# Why3 configuration: detected provers plus cvc5 through our driver (Why3
# 1.5.1 predates cvc5).  Absolute paths are only known here, at run time.
export WHY3CONFIG="$OUT/why3.conf"
rm -f "$WHY3CONFIG"
why3 config detect >"$OUT/why3-detect.log" 2>&1 || { cat "$OUT/why3-detect.log"; exit 1; }
CVC5=$(command -v cvc5)
CVC5_VER=$("$CVC5" --version | sed -nE 's/.*cvc5 version ([0-9.]+).*/\1/p' | head -1)
cat >>"$WHY3CONFIG" <<CONF

[prover]
command = "$CVC5 --tlimit-per=%t000 --lang=smt2 %f"
command_steps = "$CVC5 --rlimit=%S --lang=smt2 %f"
driver = "$HERE/cvc5.drv"
in_place = false
interactive = false
name = "CVC5"
shortcut = "cvc5"
version = "$CVC5_VER"
CONF

# One frama-c per target, IVA_PROOF_PARALLEL of them at a time (default:
# JOBS, so 2 on 2 cores).  With a warm cache most of the time is WP's own
# simplifier (Qed), which is single-threaded per frama-c, so targets run
# side by side; each gets JOBS / PARALLEL prover processes.
PARALLEL=${IVA_PROOF_PARALLEL:-$JOBS}
[ "$PARALLEL" -ge 1 ] 2>/dev/null || PARALLEL=1
PAR=$((JOBS / PARALLEL)); [ $PAR -ge 1 ] || PAR=1

prove_target() { # FILE FCTS TAG: writes $OUT/TAG.rc and the log / JSON
  local file=$1 fcts=$2 tag=$3 units sel=()
  local json="$OUT/$tag.json" log="$OUT/$tag.log"
  rm -f "$json" "$OUT/$tag.rc"
  case "$fcts" in
    '*') ;;
    '*-'*) sel=(-wp-skip-fct "${fcts#\*-}");;
    *) sel=(-wp-fct "$fcts");;
  esac
  # FILE may be a+b: b is parsed too so that the contracts of the functions
  # a calls from b are known (contracts sit on definitions); only the
  # functions selected are proved.
  IFS=+ read -r -a units <<<"$file"
  (cd "$ROOT" && frama-c "${units[@]}" -c11 -machdep x86_64 \
     -cpp-extra-args="-I$ROOT/include -I$ROOT/src -DIVA_STATIC_DEFINE" \
     -warn-unsigned-overflow -warn-unsigned-downcast \
     -wp -wp-rte "${sel[@]}" -wp-prover cvc4,cvc5,z3-ce \
     -wp-timeout "$TIMEOUT" -wp-par "$PAR" \
     -wp-cache "$CACHE_MODE" -wp-cache-dir "$HERE/cache" \
     -wp-report-json "$json") >"$log" 2>&1
  echo $? >"$OUT/$tag.rc"
}

# The targets to run: all, or those whose proved file (the first unit)
# contains one of the arguments.
targets=()
while read -r file fcts; do
  case "$file" in ''|'#'*) continue;; esac
  if [ $# -gt 0 ]; then
    want=0; for f in "$@"; do case "${file%%+*}" in *"$f"*) want=1;; esac; done
    [ $want = 1 ] || continue
  fi
  targets+=("$file $fcts")
done <"$HERE/targets.txt"

tagof() { echo "$1" | tr '/.+' '___'; }
running=0
for tf in "${targets[@]}"; do
  read -r file fcts <<<"$tf"
  if [ $running -ge $PARALLEL ]; then wait -n; running=$((running - 1)); fi
  prove_target "$file" "$fcts" "$(tagof "$file")" &
  running=$((running + 1))
done
wait

fail=0; sum_ok=0; sum_all=0
: >"$OUT/counts.txt"
for tf in "${targets[@]}"; do
  read -r file fcts <<<"$tf"
  tag=$(tagof "$file"); json="$OUT/$tag.json"; log="$OUT/$tag.log"
  rc=$(cat "$OUT/$tag.rc" 2>/dev/null || echo 99)
  counts=$(python3 - "$json" <<'PY' 2>/dev/null
import json, sys
g = json.load(open(sys.argv[1]))["wp:global"]["wp:main"]
print(g.get("valid", 0), g.get("total", 0))
PY
)
  if [ "$rc" -ne 0 ] || [ -z "$counts" ]; then
    echo "$file: frama-c failed (exit $rc), see $log"; tail -n 20 "$log"; fail=1; continue
  fi
  read -r ok all <<<"$counts"
  echo "$file: $ok/$all"
  echo "$file $ok $all" >>"$OUT/counts.txt"
  sum_ok=$((sum_ok + ok)); sum_all=$((sum_all + all))
  if [ "$ok" -ne "$all" ] || [ "$all" -eq 0 ]; then
    echo "$file: UNPROVED goals:"; grep -E 'Goal .*(Unknown|Timeout|Failed)|\[wp\].*(Unknown|Timeout|Failed)' "$log" | head -n 30
    fail=1
  fi
  base=$(awk -v f="$file" '$1 == f { print $2 }' "$HERE/baseline.txt" 2>/dev/null)
  if [ -n "$base" ] && [ "$ok" -lt "$base" ]; then
    echo "$file: proved goals dropped below the baseline ($ok < $base)"; fail=1
  fi
done

echo "TOTAL: $sum_ok/$sum_all goals proved"
# A filtered run rewrites only the baseline lines of its own targets; the
# others are kept (targets.txt order).
if [ "${IVA_PROOF_UPDATE_BASELINE:-0}" = 1 ] && [ $fail -eq 0 ]; then
  new="$OUT/baseline.new"
  echo "# FILE PROVED TOTAL (written by IVA_PROOF_UPDATE_BASELINE=1 proofs/run.sh)" >"$new"
  while read -r file _; do
    case "$file" in ''|'#'*) continue;; esac
    line=$(awk -v f="$file" '$1 == f' "$OUT/counts.txt")
    [ -n "$line" ] || line=$(awk -v f="$file" '$1 == f' "$HERE/baseline.txt" 2>/dev/null)
    if [ -n "$line" ]; then echo "$line" >>"$new"; fi
  done <"$HERE/targets.txt"
  mv "$new" "$HERE/baseline.txt"
  echo "baseline written: $HERE/baseline.txt"
fi
exit $fail
