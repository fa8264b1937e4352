#!/usr/bin/env bash
# The whole test suite, as CI runs it: sets up, builds, then runs
#   the C++ tests natively and as WebAssembly (single and threaded) under Node,
#   the package, CLI and model tests (node:test), the browser tests (Chromium),
#   and a short fuzzing run.
# Ends with one line: "N passed, M failed" (test cases over every runner).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh test || exit 1
scripts/build.sh test || exit 1
# URL-sourced models (models/README.md) come from the mirror beside the repo when there is one.
if [ -z "${LOCALVISION_MODEL_MIRROR:-}" ] && [ -d "$root/../shared/models" ]; then
  LOCALVISION_MODEL_MIRROR=$(cd "$root/../shared/models" && pwd); export LOCALVISION_MODEL_MIRROR
fi
npm run --silent models || exit 1
fixtures=.cache/fixtures
mkdir -p "$fixtures" && build/native/lv_make_fixtures "$fixtures" || exit 1

passed=0 failed=0 broken=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Catch2's last line: "All tests passed (X assertions in N test cases)" or
# "test cases: N | P passed | F failed".
catch2() {
  local name=$1; shift
  echo "== $name" >&2
  "$@" --use-colour no >"$log" 2>&1
  local rc=$?
  tail -n 3 "$log" >&2
  local p f
  if grep -q "All tests passed" "$log"; then
    p=$(grep -o "in [0-9]* test case" "$log" | grep -o "[0-9]*"); f=0
  else
    p=$(grep -o "| *[0-9]* passed" "$log" | grep -o "[0-9]*" | tail -1); f=$(grep -o "| *[0-9]* failed" "$log" | grep -o "[0-9]*" | tail -1)
    cat "$log" >&2
  fi
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ $rc -eq 0 ] || { broken+=("$name"); [ "${f:-0}" -gt 0 ] || failed=$((failed + 1)); }
}

# node --test ends with "# pass N" and "# fail F".
nodetest() {
  local name=$1; shift
  echo "== $name" >&2
  node --test --test-reporter=spec "$@" >"$log" 2>&1
  local rc=$?
  grep -vE "^\s*$" "$log" | tail -n 12 >&2
  local p f
  p=$(grep -oE "^ℹ pass [0-9]+" "$log" | grep -oE "[0-9]+"); f=$(grep -oE "^ℹ fail [0-9]+" "$log" | grep -oE "[0-9]+")
  [ "${f:-0}" -gt 0 ] && grep -B2 -A20 "✖" "$log" | head -n 120 >&2
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  [ $rc -eq 0 ] || { broken+=("$name"); [ "${f:-0}" -gt 0 ] || failed=$((failed + 1)); }
}

catch2 "C++ (native)" build/native/lv_tests
# Node's fetch cannot load the .wasm from a path: Emscripten falls back to fs without it.
catch2 "C++ (wasm, single-thread)" node --no-experimental-fetch build/wasm/lv_tests_st.cjs
catch2 "C++ (wasm, threaded)" node --no-experimental-fetch build/wasm/lv_tests_mt.cjs
nodetest "package and CLI (Node)" tests/node/
nodetest "browser (Chromium)" tests/browser/

# A short run: the pipeline target, then each decoder's own target.
echo "== fuzzing (${LV_FUZZ_SECONDS:-90} s, then ${LV_FUZZ_DECODER_SECONDS:-20} s a decoder)" >&2
if scripts/fuzz.sh "${LV_FUZZ_SECONDS:-90}" lv_fuzz >"$log" 2>&1 &&
   scripts/fuzz.sh "${LV_FUZZ_DECODER_SECONDS:-20}" lv_fuzz_jpeg lv_fuzz_png lv_fuzz_gif lv_fuzz_bmp \
     lv_fuzz_webp lv_fuzz_tiff lv_fuzz_ico >>"$log" 2>&1; then
  passed=$((passed + 1)); tail -n 4 "$log" >&2
else
  failed=$((failed + 1)); broken+=("fuzzing"); tail -n 40 "$log" >&2
fi

[ ${#broken[@]} -eq 0 ] || echo "failed: ${broken[*]}" >&2
echo "$passed passed, $failed failed"
[ ${#broken[@]} -eq 0 ]
