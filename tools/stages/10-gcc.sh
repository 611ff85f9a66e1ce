# gcc, -Werror, all unit/golden/replay tests.
. "$(dirname "$0")/lib.sh"
configure_build "$BR/gcc" -DCMAKE_C_COMPILER=gcc && run_ctest "$BR/gcc"
