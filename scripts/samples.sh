#!/usr/bin/env bash
# Extracts the public-domain sample images of Debian's python3-skimage into
# .cache/samples (no install: apt-get download + dpkg -x). Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.cache/samples"
[ -f "$out/chelsea.png" ] && exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt-get download python3-skimage >/dev/null 2>&1 || { apt-get update -qq && apt-get download python3-skimage >/dev/null; }
dpkg -x python3-skimage_*.deb x
data=$(find x -type d -path '*skimage/data' | head -1)
mkdir -p "$out"
for f in astronaut.png chelsea.png coffee.png motorcycle_left.png rocket.jpg camera.png horse.png page.png text.png logo.png; do
  cp "$data/$f" "$out/$f"
done
