#!/usr/bin/env bash
# Reproduce the table of docs/PERFORMANCE.md: build the benchmark in an
# optimised tree (Release: the library at -O3, with link-time optimisation,
# IVA_LTO=ON; the bench's own files are always -O2) and run it.  Extra
# arguments go to the bench program, e.g.
#   bash tools/bench.sh                 # full table, n up to 1e6 (a few minutes)
#   bash tools/bench.sh --max-n 10000   # quick look
#   bash tools/bench.sh --check         # the scaling check of stage 60
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
B="${IVA_BENCH_BUILD:-$SRC/build/bench}"
cmake -S "$SRC" -B "$B" -DCMAKE_BUILD_TYPE=Release -DIVA_LTO=ON \
  -DIVA_BUILD_TESTS=OFF -DIVA_BUILD_TOOLS=OFF -DIVA_BUILD_EXAMPLES=OFF \
  -DIVA_BUILD_BENCH=ON >/dev/null
cmake --build "$B" -j"$(nproc)" >/dev/null
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)," \
  "$(${CC:-cc} --version | head -n1)"
echo "commit: $(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)"
exec "$B/bench/bench" "$@"
