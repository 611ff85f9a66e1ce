# clang-tidy with the checked-in .clang-tidy (warnings are errors) on the
# library, the docs examples and the consumer program.
. "$(dirname "$0")/lib.sh"
D="$BR/clang-tidy"
cmake -S "$SRC" -B "$D" -DCMAKE_C_COMPILER=clang -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DIVA_BUILD_TESTS=OFF -DIVA_BUILD_TOOLS=OFF -DIVA_BUILD_EXAMPLES=OFF \
  -DIVA_BUILD_BENCH=OFF -DIVA_BUILD_SHARED=OFF -DIVA_BUILD_DOC_EXAMPLES=ON >"$D.configure.log" 2>&1 \
  || { cat "$D.configure.log"; exit 1; }
clang-tidy --version || exit 1
cd "$SRC" || exit 1
files=$(ls src/*.c docs/examples/*.c)
out="$D/tidy.log"
echo "$files" | xargs -P "$J" -n 1 clang-tidy -p "$D" --quiet >"$out" 2>&1
rc=$?
clang-tidy --quiet tests/consumer/consumer.c -- -std=c99 -Iinclude >>"$out" 2>&1 || rc=1
if [ $rc -ne 0 ] || grep -Eq '(warning|error):' "$out"; then
  grep -E -A4 '(warning|error):' "$out" | head -n 80
  echo "clang-tidy failed (exit $rc)"; exit 1
fi
# Canary: the checked-in configuration must reject a use after free.
mkdir -p "$D/canary"
printf '#include <stdlib.h>\nint f(void);\nint f(void) { int *p = malloc(sizeof *p); if (!p) return 0; *p = 1; free(p); return *p; }\n' >"$D/canary/canary.c"
if clang-tidy --quiet --config-file="$SRC/.clang-tidy" "$D/canary/canary.c" -- -std=c11 >"$D/canary.log" 2>&1; then
  echo "FAIL: clang-tidy missed the canary use after free"; exit 1
fi
echo "RESULT: clang-tidy: $(( $(echo "$files" | wc -w) + 1 )) files, no finding"
