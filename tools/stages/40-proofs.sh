# Frama-C/WP proofs of the ACSL contracts (issue 4): every goal of the
# targets in proofs/targets.txt must be proved by cvc4/cvc5/z3, and no file
# may prove fewer goals than proofs/baseline.txt records.  One test.
. "$(dirname "$0")/lib.sh"
export IVA_PROOF_OUT="$BR/proofs"
out=$(bash "$SRC/proofs/run.sh" 2>&1); rc=$?
echo "$out"
total=$(echo "$out" | sed -nE 's/^TOTAL: ([0-9]+)\/([0-9]+).*/\1 \2/p')
if [ $rc -eq 0 ]; then
  echo "1 0" >>"${IVA_STAGE_COUNTS:?}"
  echo "RESULT: WP goals proved ${total% *}/${total#* } (0 unproved)"
else
  echo "0 1" >>"${IVA_STAGE_COUNTS:?}"
  echo "RESULT: WP proofs FAILED (${total:-no total})"
fi
exit $rc
