#!/usr/bin/env bash
# Quick start: sets up, builds, and analyses a sample photo on this machine.
#   scripts/run.sh [image ...] [-- CLI options]   (default: astronaut.png, all model-free features)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >&2
scripts/build.sh >/dev/null
[ $# -gt 0 ] || set -- .cache/samples/astronaut.png --pretty
exec node web/cli.js analyze "$@"
