# 32-bit build (gcc -m32, gcc-multilib): size_t and pointers are 32 bits
# while ranges stay uint64_t.  Every ctest test runs on it.
. "$(dirname "$0")/lib.sh"
D="$BR/m32"
configure_build "$D" -DCMAKE_C_COMPILER=gcc -DCMAKE_C_FLAGS=-m32 \
  -DIVA_BUILD_BENCH=OFF || exit 1
# It really is a 32-bit build.
readelf -h "$D/src/libivalloc.so" | grep -q 'Class: *ELF32' \
  || { echo "FAIL: libivalloc.so is not a 32-bit ELF"; exit 1; }
run_ctest "$D" || exit 1
echo "RESULT: gcc -m32: 32-bit library, all tests pass"
