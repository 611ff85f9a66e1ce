# The installed library, used three ways by tests/consumer/: CMake
# find_package (shared and static), pkg-config with a plain Makefile, and
# add_subdirectory (vendoring builds the library only).  Each consumer
# program must run and check its own results.
. "$(dirname "$0")/lib.sh"
B="$BR/consumers"
rm -rf "$B"; mkdir -p "$B"
pass=0; fail=0
ok()  { echo "ok: $*"; pass=$((pass + 1)); }
bad() { echo "FAILED: $*"; fail=$((fail + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
finish() { echo "$pass $fail" >>"${IVA_STAGE_COUNTS:?}"; echo "RESULT: consumers: $pass checks passed, $fail failed"; [ "$fail" -eq 0 ]; exit; }
needs() { readelf -d "$1" | grep -q "NEEDED.*\[libivalloc.so.0\]"; }
not_needs() { ! readelf -d "$1" | grep -q "libivalloc"; }
quiet() { local log=$1; shift; "$@" >"$log" 2>&1 || { tail -n 40 "$log"; return 1; }; }

# 1. Build and install into a temporary prefix (not the configured one:
#    the package files must locate the prefix themselves).
configure_build "$B/lib" -DCMAKE_BUILD_TYPE=Release -DIVA_BUILD_TESTS=OFF \
  -DIVA_BUILD_TOOLS=OFF -DIVA_BUILD_EXAMPLES=OFF -DIVA_BUILD_BENCH=OFF || { bad "library build"; finish; }
P="$B/prefix"
check "cmake --install" quiet "$B/install.log" cmake --install "$B/lib" --prefix "$P"
L=$(dirname "$(find "$P" -name libivalloc.a | head -1)")
check "installed header" test -f "$P/include/ivalloc.h"
check "installed static library" test -f "$L/libivalloc.a"
check "shared library chain libivalloc.so -> .so.0 -> .so.0.1.0" \
  test "$(readlink "$L/libivalloc.so")" = libivalloc.so.0 -a "$(readlink "$L/libivalloc.so.0")" = libivalloc.so.0.1.0
check "SONAME libivalloc.so.0" sh -c "readelf -d '$L/libivalloc.so.0.1.0' | grep -q 'SONAME.*\[libivalloc.so.0\]'"
check "CMake package files" test -f "$L/cmake/ivalloc/ivallocConfig.cmake" -a -f "$L/cmake/ivalloc/ivallocConfigVersion.cmake" -a -f "$L/cmake/ivalloc/ivallocTargets.cmake"
check "pkg-config file" test -f "$L/pkgconfig/ivalloc.pc"

# 2. find_package(ivalloc 0.1 CONFIG): shared and static targets.
C="$B/find_package"
if quiet "$C.log" cmake -S "$SRC/tests/consumer" -B "$C" -DCMAKE_PREFIX_PATH="$P" -DCMAKE_C_COMPILER=gcc &&
   quiet "$C.build.log" cmake --build "$C"; then
  ok "find_package consumer builds"
  check "find_package shared consumer runs" "$C/consumer_shared"
  check "shared consumer needs libivalloc.so.0" needs "$C/consumer_shared"
  check "find_package static consumer runs" "$C/consumer_static"
  check "static consumer does not need libivalloc" not_needs "$C/consumer_static"
else
  bad "find_package consumer builds"
fi
for v in 0.2 1.0; do
  if cmake -S "$SRC/tests/consumer" -B "$B/want-$v" -DCMAKE_PREFIX_PATH="$P" -DIVALLOC_WANT_VERSION=$v >"$B/want-$v.log" 2>&1; then
    bad "find_package(ivalloc $v) must be refused by 0.1.0"
  elif grep -q "version: 0.1.0" "$B/want-$v.log"; then
    ok "find_package(ivalloc $v) refused by the version file"
  else
    bad "find_package(ivalloc $v) failed for another reason (see $B/want-$v.log)"
  fi
done

# 3. pkg-config and a plain Makefile.
M="$B/pkg-config"; mkdir -p "$M"
export PKG_CONFIG_PATH="$L/pkgconfig"
check "pkg-config --modversion is 0.1.0" test "$(pkg-config --modversion ivalloc)" = 0.1.0
if quiet "$M.log" make -C "$M" -f "$SRC/tests/consumer/Makefile"; then
  ok "pkg-config consumer builds"
  check "pkg-config consumer runs" "$M/consumer_pc"
  check "pkg-config consumer needs libivalloc.so.0" needs "$M/consumer_pc"
else
  bad "pkg-config consumer builds"
fi
unset PKG_CONFIG_PATH

# 4. add_subdirectory (vendoring), with clang for variety.
V="$B/add_subdirectory"
if quiet "$V.log" cmake -S "$SRC/tests/consumer" -B "$V" -DIVALLOC_VENDOR_DIR="$SRC" -DCMAKE_C_COMPILER=clang &&
   quiet "$V.build.log" cmake --build "$V"; then
  ok "add_subdirectory consumer builds (library only, no tests/tools/fuzzers)"
  check "add_subdirectory consumer runs" "$V/consumer_vendored"
  check "vendored build compiled no test or tool" test -z "$(find "$V/ivalloc" -name '*.o' -path '*test*' -o -name '*.o' -path '*tools*' -o -name '*.o' -path '*fuzz*')"
else
  bad "add_subdirectory consumer builds"
fi
finish
