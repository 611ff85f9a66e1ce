# cppcheck (warning, style, performance, portability) on the library, its
# header, the docs examples and the consumer; any finding fails the stage.
. "$(dirname "$0")/lib.sh"
cd "$SRC" || exit 1
files=$(ls src/*.c docs/examples/*.c tests/consumer/*.c)
cppcheck --version || exit 1
cppcheck --enable=warning,style,performance,portability --std=c11 \
  --error-exitcode=1 --inline-suppr --quiet -j "$J" \
  --suppressions-list="$SRC/tools/stages/cppcheck-suppressions.txt" \
  -I include -I src -DIVA_STATIC_DEFINE $files || exit 1
# Canary: an out-of-bounds write must be reported with the same options.
printf 'void f(void);\nvoid f(void) { int a[4]; a[4] = 1; (void)a; }\n' >"${TMPDIR:-/tmp}/iva-cppcheck-canary.c"
if cppcheck --enable=warning --error-exitcode=1 --quiet "${TMPDIR:-/tmp}/iva-cppcheck-canary.c" 2>/dev/null; then
  echo "FAIL: cppcheck missed the canary out-of-bounds write"; exit 1
fi
rm -f "${TMPDIR:-/tmp}/iva-cppcheck-canary.c"
echo "RESULT: cppcheck: $(echo "$files" | wc -w) files, no finding"
