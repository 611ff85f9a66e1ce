# gcc build, every ctest test once under valgrind memcheck (errors fail).
. "$(dirname "$0")/lib.sh"
configure_build "$BR/valgrind" -DCMAKE_C_COMPILER=gcc -DCMAKE_BUILD_TYPE=Debug \
  "-DIVA_TEST_LAUNCHER=valgrind;--error-exitcode=99;--leak-check=full;--errors-for-leak-kinds=definite,indirect;-q" \
  && run_ctest "$BR/valgrind" -LE novalgrind
