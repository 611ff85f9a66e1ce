# Coverage of src/ (clang source-based coverage, llvm-cov) from the unit
# tests, golden traces and the replay of every fuzz corpus and regression
# input.  Fails if a ctest test fails or if coverage drops below what was
# measured when the thresholds were set (docs/FUZZING.md, "Coverage";
# rounded down, never raised beyond a measurement).
. "$(dirname "$0")/lib.sh"
MIN_LINES=${IVA_MIN_LINE_COVERAGE:-99}     # measured 99.62% (1295/1300)
MIN_BRANCHES=${IVA_MIN_BRANCH_COVERAGE:-98} # measured 98.27% (680/692)
B="$BR/coverage"
bash "$SRC/tools/coverage.sh" --min-lines "$MIN_LINES" --min-branches "$MIN_BRANCHES" "$B"
rc=$?
# ctest counts of the coverage run, for the summary
line=$(sed -nE 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1 \2/p' "$B/ctest.log" 2>/dev/null | tail -1)
if [ -n "$line" ]; then
  set -- $line
  echo "$(($2 - $1)) $1" >>"${IVA_STAGE_COUNTS:?}"
fi
echo "thresholds: lines >= $MIN_LINES%, branches >= $MIN_BRANCHES%"
exit $rc
