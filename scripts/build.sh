#!/usr/bin/env bash
# Builds the native core (tests, fixtures, benchmarks) and both WebAssembly
# builds into web/wasm. Incremental: a second run only rebuilds what changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn
jobs=$(nproc)
scripts/third-party.sh  # the decoders' C libraries, once

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j"$jobs"

[ -f build/wasm/CMakeCache.txt ] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" >/dev/null
targets=(localvision_st localvision_mt)
[ "${1:-}" = test ] && targets+=(lv_tests_st lv_tests_mt)
cmake --build build/wasm -j"$jobs" --target "${targets[@]}"
