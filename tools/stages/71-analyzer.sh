# gcc -fanalyzer (static analysis of paths through the code) on the library
# and the docs examples, every diagnostic an error.
. "$(dirname "$0")/lib.sh"
D="$BR/analyzer"
configure_build "$D" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_FLAGS="-fanalyzer" -DIVA_WERROR=ON \
  -DIVA_BUILD_TESTS=OFF -DIVA_BUILD_TOOLS=OFF -DIVA_BUILD_EXAMPLES=OFF \
  -DIVA_BUILD_BENCH=OFF -DIVA_BUILD_SHARED=OFF -DIVA_BUILD_DOC_EXAMPLES=ON || exit 1
if grep -q 'Wanalyzer' "$D.build.log"; then
  grep -B2 -A10 'Wanalyzer' "$D.build.log"; exit 1
fi
# Canary: the same flags must reject a known double free, or the analyzer
# is not really running.
printf '#include <stdlib.h>\nvoid g(char *);\nvoid f(void);\nvoid f(void) { char *p = malloc(4); g(p); free(p); free(p); }\n' >"$D/canary.c"
if gcc -fanalyzer -Werror -c "$D/canary.c" -o "$D/canary.o" 2>"$D/canary.log"; then
  echo "FAIL: gcc -fanalyzer did not catch the canary double free"; exit 1
fi
n=$(grep -c 'Building C object' "$D.build.log")
echo "RESULT: gcc -fanalyzer -Werror: $n files, no diagnostic"
