# Scaling check (issue 5): counts nodes visited by allocate on fill and
# fragment for n = 2^10 .. 2^20 and fails if visits/allocate grows faster
# than c*log2(n) (c calibrated at n <= 4096 with a 1.5x margin), if the
# tree depth ever exceeds 3*log2(n), if a pool-mode operation calls
# malloc, or if the linear-scan baseline disagrees with any placement.
# Counts nodes, not time: timings are noisy on a shared machine.
. "$(dirname "$0")/lib.sh"
# The same configuration as tools/bench.sh (Release, IVA_LTO=ON): CI builds
# what the table measures.
configure_build "$BR/bench" -DCMAKE_BUILD_TYPE=Release -DIVA_LTO=ON \
  -DIVA_BUILD_TESTS=OFF -DIVA_BUILD_TOOLS=OFF -DIVA_BUILD_EXAMPLES=OFF \
  -DIVA_BUILD_BENCH=ON || exit 1
"$BR/bench/bench/bench" --check
