#!/usr/bin/env bash
# Fuzzes with libFuzzer (clang, ASan, UBSan), seeded with the test fixtures:
#   scripts/fuzz.sh [seconds] [target...]
# Each target runs for `seconds` (default 600), one after the other:
#   lv_fuzz        decoding + the model-free features (the default target)
#   lv_fuzz_<format>   one decoder each: jpeg, png, gif, bmp, webp, tiff, ico
# Seeds: the fixtures, and tests/fuzz-regressions (inputs that once failed,
# replayed first every run). Corpora grow in .cache/fuzz-corpus/<target>; crashes land in
# .cache/fuzz-artifacts/ for replay: build/fuzz/<target> <file>.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-600}
shift || true
targets=("${@:-lv_fuzz}")
scripts/third-party.sh
[ -f build/fuzz/CMakeCache.txt ] || CC=clang CXX=clang++ cmake -S . -B build/fuzz -DLV_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target "${targets[@]}" lv_make_fixtures >/dev/null
mkdir -p .cache/fuzz-seeds .cache/fuzz-artifacts
build/fuzz/lv_make_fixtures .cache/fuzz-seeds
for target in "${targets[@]}"; do
  echo "== $target ($seconds s)"
  corpus=.cache/fuzz-corpus/$target
  mkdir -p "$corpus"
  build/fuzz/"$target" "$corpus" .cache/fuzz-seeds tests/fuzz-regressions -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix=.cache/fuzz-artifacts/"$target"- 2>&1 |
    grep -vE "^#[0-9]+\s+(NEW|REDUCE|pulse)"
done
