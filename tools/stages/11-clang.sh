# clang, -Werror, all unit/golden/replay tests.
. "$(dirname "$0")/lib.sh"
configure_build "$BR/clang" -DCMAKE_C_COMPILER=clang && run_ctest "$BR/clang"
