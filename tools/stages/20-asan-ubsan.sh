# clang with ASan + UBSan (-fno-sanitize-recover=all): every ctest test.
. "$(dirname "$0")/lib.sh"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
configure_build "$BR/asan" -DCMAKE_C_COMPILER=clang -DIVA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug && run_ctest "$BR/asan"
