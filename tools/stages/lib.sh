# Shared helpers for stage scripts (sourced).
set -u
SRC="${IVA_SRC:?}"; BR="${IVA_BUILD_ROOT:?}"; J="${IVA_JOBS:-2}"

# configure_build DIR [cmake args...]: configure and build quietly.
configure_build() {
  local dir=$1; shift
  cmake -S "$SRC" -B "$dir" "$@" >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j"$J" >"$dir.build.log" 2>&1 || { tail -n 60 "$dir.build.log"; return 1; }
}

# run_ctest DIR [ctest args...]: run ctest, record "passed failed" counts.
run_ctest() {
  local dir=$1; shift
  local out rc total failed
  out=$(cd "$dir" && ctest --output-on-failure -j"$J" "$@" 2>&1); rc=$?
  echo "$out"
  total=$(echo "$out" | sed -nE 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\2/p' | tail -1)
  failed=$(echo "$out" | sed -nE 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1/p' | tail -1)
  if [ -z "$total" ]; then echo "ctest printed no summary"; return 1; fi
  if [ "$total" -eq 0 ]; then echo "ctest ran no test"; return 1; fi
  echo "$((total - failed)) $failed" >>"${IVA_STAGE_COUNTS:?}"
  return $rc
}
