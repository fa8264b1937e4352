#!/usr/bin/env bash
# Installs what localvision needs on Debian 12 (run as root); idempotent.
#   scripts/setup.sh          build + run: compilers, emscripten, headers, npm packages, samples
#   scripts/setup.sh test     also what the tests need: clang (fuzzing), python3-onnx, chromium
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

packages=(cmake make g++ emscripten nlohmann-json3-dev catch2 ca-certificates dpkg-dev)  # dpkg-dev: dpkg-source, for scripts/third-party.sh
if [ "${1:-}" = test ]; then
  packages+=(clang libclang-rt-14-dev python3-onnx chromium fonts-dejavu-core imagemagick wordnet-base openssl)  # imagemagick: text images for the read/brands tests; wordnet-base: the vocabulary check; openssl: serve-tls's certificate
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>20||(a===20&&b>=16)?1:0)' 2>/dev/null || echo 0)
if [ "$node_ok" != 1 ]; then
  echo "setup: localvision needs Node.js 20.16 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
stamp=node_modules/.localvision-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: npm ci" >&2
  ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$want" > "$stamp"
fi

scripts/samples.sh
scripts/third-party.sh
