# Hardened gcc build: -O2 -D_FORTIFY_SOURCE=3 -fstack-protector-strong
# (plus stack-clash and CET protection, full RELRO, PIE), every ctest test
# run on it; then the binaries are checked to really carry the hardening.
. "$(dirname "$0")/lib.sh"
D="$BR/hardened"
HARD="-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3 -fstack-protector-strong -fstack-clash-protection -fcf-protection"
configure_build "$D" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g" -DCMAKE_C_FLAGS="$HARD" \
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
  -DCMAKE_EXE_LINKER_FLAGS="-pie -Wl,-z,relro,-z,now" \
  -DCMAKE_SHARED_LINKER_FLAGS="-Wl,-z,relro,-z,now" || exit 1
run_ctest "$D" || exit 1

# The flags reached the binaries: fortified libc calls (printf ->
# __printf_chk), stack protector, full RELRO + BIND_NOW, PIE.
rc=0
ex="$D/docs/examples/doc_ex_setup"
so="$D/src/libivalloc.so.0.1.0"
nm -D "$ex" | grep -q '__printf_chk' || { echo "FAIL: $ex calls no fortified function"; rc=1; }
found_ssp=0
for f in "$D"/docs/examples/doc_ex_* "$D"/tests/* ; do
  [ -f "$f" ] && [ -x "$f" ] || continue
  nm -D "$f" 2>/dev/null | grep -q '__stack_chk_fail' && found_ssp=$((found_ssp + 1))
done
[ "$found_ssp" -gt 0 ] || { echo "FAIL: no binary uses the stack protector"; rc=1; }
for f in "$ex" "$so"; do
  readelf -lW "$f" | grep -q GNU_RELRO || { echo "FAIL: $f has no RELRO segment"; rc=1; }
  readelf -dW "$f" | grep -Eq 'BIND_NOW|FLAGS.*NOW' || { echo "FAIL: $f is not BIND_NOW"; rc=1; }
done
readelf -hW "$ex" | grep -q 'DYN (Position-Independent Executable' || readelf -hW "$ex" | grep -q 'Type: *DYN' \
  || { echo "FAIL: $ex is not PIE"; rc=1; }
[ $rc -eq 0 ] && echo "RESULT: hardened build (FORTIFY_SOURCE=3, stack protector in $found_ssp binaries, RELRO+NOW, PIE): all tests pass"
exit $rc
