# The library, its header and the docs examples compile as C99 and as C11,
# with gcc and with clang, with -pedantic-errors and -Werror; the docs
# examples, the export check and the API-doc check run on each build.
. "$(dirname "$0")/lib.sh"
rc=0
for cc in gcc clang; do
  for std in 99 11; do
    D="$BR/c$std-$cc"
    echo "== $cc C$std"
    configure_build "$D" -DCMAKE_C_COMPILER=$cc -DCMAKE_C_STANDARD=$std \
      -DCMAKE_C_FLAGS="-pedantic-errors" -DIVA_WERROR=ON \
      -DIVA_BUILD_TESTS=OFF -DIVA_BUILD_TOOLS=OFF -DIVA_BUILD_EXAMPLES=OFF \
      -DIVA_BUILD_BENCH=OFF -DIVA_BUILD_DOC_EXAMPLES=ON || { rc=1; continue; }
    grep -q -- "-std=c$std" "$D/src/CMakeFiles/ivalloc_static.dir/flags.make" \
      || { echo "FAIL: $D was not built with -std=c$std"; rc=1; continue; }
    run_ctest "$D" || rc=1
  done
done
[ $rc -eq 0 ] && echo "RESULT: C99 and C11, gcc and clang, -pedantic-errors: clean, examples pass"
exit $rc
