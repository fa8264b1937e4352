#!/usr/bin/env bash
# Fetches and unpacks the C libraries the decoders are built from: Debian's
# source packages (upstream tarball + Debian's patches, which carry the
# security fixes), pinned by suite, version and sha256. Unpacked into
# .cache/third-party/<package>/ for CMake (cmake/third_party.cmake); a second
# run does nothing. The archive is the one this machine's apt already uses:
# its URIs are read from /etc/apt/sources.list.d/debian.sources (or
# sources.list) and turned into private deb-src entries, so the system's apt
# lists are never touched.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.cache/third-party"

# package  suite  Debian version  sha256 of the upstream tarball  sha256 of Debian's tarball
# libstb from trixie: bookworm's snapshot (stb_image 2.27) lets a corrupt
# JPEG's Huffman data drive its bit count negative and then shifts by 32
# (undefined; found by our JPEG fuzzer); stb_image 2.28 stops at the end of
# the bits instead. Header-only, so nothing else of trixie comes with it.
pins=(
  "libwebp bookworm 1.2.4-0.2+deb12u1 7bf5a8a28cc69bcfa8cb214f2c3095703c6b73ac5fba4d5480c205331d9494df 69cdba4dfe2e1b34d55fa80c1b29c31cacd40dd183812d6bcca7e508a2f7afcd"
  "tiff bookworm 4.5.0-6+deb12u4 638f43d7dea33948d5dee7f39572fc0194d9cc3c74195de9dd26a4388a1f880a 4ee50a8cdf74a184d94e65a04f3c9de466cb0b74ef5393fb5ca65666fccb864b"
  "zlib bookworm 1:1.2.13.dfsg-1 71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1 f66cf3d4f2d7defcd4d1fd1fb0a11ee39f1e01b42ec7d059c9dc5c1695133c44"
  "libstb trixie 0.0~git20241109.5c20573+ds-1 a3a5820445a7dd063516bb542a5cd54ced8efc9c5a30bfbaae1bab6dec2c1a74 28b47defe66c67a121f2bcd8b73c662a6369d6006d007f54b8608b32f97292b9"
)

stamp() { echo "$out/$1/.localvision-$2"; }
todo=()
for pin in "${pins[@]}"; do
  read -r name _ version _ _ <<<"$pin"
  [ -f "$(stamp "$name" "${version#*:}")" ] || todo+=("$pin")
done
[ ${#todo[@]} -eq 0 ] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/parts" "$work/lists/partial" "$work/get"
# deb-src twins of the system's own bookworm entries, for the suites pinned.
suites=$(for pin in "${todo[@]}"; do read -r _ suite _ <<<"$pin"; echo "$suite"; done | sort -u | tr '\n' ' ')
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  awk 'BEGIN{RS=""; ORS="\n\n"} /(^|\n)Types: deb(\n|$)/ && /Suites:[^\n]*bookworm( |\n|$)/' \
    /etc/apt/sources.list.d/debian.sources |
    sed "s/^Types: deb\$/Types: deb-src/; s/^Suites: .*/Suites: ${suites% }/" >"$work/parts/src.sources"
fi
if [ ! -s "$work/parts/src.sources" ] && [ -f /etc/apt/sources.list ]; then
  for suite in $suites; do
    grep -E '^deb [^ ]+ bookworm ' /etc/apt/sources.list | sed "s/^deb /deb-src /; s/ bookworm / $suite /"
  done >"$work/parts/src.list"
fi
apt=(apt-get -q -o APT::Sandbox::User=root -o Dir::Etc::SourceParts="$work/parts" -o Dir::Etc::SourceList=/dev/null
     -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache")
mkdir -p "$work/cache/archives/partial"
"${apt[@]}" update >/dev/null

for pin in "${todo[@]}"; do
  read -r name _ version origSha debianSha <<<"$pin"
  echo "third-party: $name $version" >&2
  if ! (cd "$work/get" && "${apt[@]}" source --download-only "$name=$version" >/dev/null); then
    echo "third-party: $name $version is not in the archive (a Debian update replaced it?): pin the new version and its sha256s above" >&2
    exit 1
  fi
  upstream=${version#*:}; upstream=${upstream%-*}
  orig=$(compgen -G "$work/get/${name}_${upstream}.orig.tar.[gbx]z*" | grep -v '\.asc$')
  debian=$(compgen -G "$work/get/${name}_${version#*:}.debian.tar.*")
  echo "$origSha  $orig" | sha256sum --check --quiet
  echo "$debianSha  $debian" | sha256sum --check --quiet
  rm -rf "$out/$name"
  mkdir -p "$out"
  dpkg-source --no-check -x "$work/get/${name}_${version#*:}.dsc" "$out/$name" >/dev/null
  touch "$(stamp "$name" "${version#*:}")"
done
