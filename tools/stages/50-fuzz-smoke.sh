# Fuzz smoke: every harness fuzz/fuzz_*.c under libFuzzer and AFL++ for
# IVA_FUZZ_SECONDS (default 45) each, two jobs at a time; fails on any
# finding.  Corpus and regression replay run in the ctest stages.
. "$(dirname "$0")/lib.sh"
bash "$SRC/tools/fuzz-smoke.sh" both "${IVA_FUZZ_SECONDS:-45}"
