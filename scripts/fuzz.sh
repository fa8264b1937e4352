#!/usr/bin/env bash
# Fuzzes decoding + the model-free features with libFuzzer (clang, ASan,
# UBSan) for N seconds (default 600), seeded with the test fixtures.
#   scripts/fuzz.sh [seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-600}
[ -f build/fuzz/CMakeCache.txt ] || CC=clang CXX=clang++ cmake -S . -B build/fuzz -DLV_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target lv_fuzz lv_make_fixtures >/dev/null
corpus=.cache/fuzz-corpus
mkdir -p "$corpus" .cache/fuzz-seeds
build/fuzz/lv_make_fixtures .cache/fuzz-seeds
# Crashes land in .cache/fuzz-artifacts/ for replay: build/fuzz/lv_fuzz <file>.
mkdir -p .cache/fuzz-artifacts
build/fuzz/lv_fuzz "$corpus" .cache/fuzz-seeds -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix=.cache/fuzz-artifacts/ 2>&1 | grep -vE "^#[0-9]+\s+(NEW|REDUCE|pulse)"
