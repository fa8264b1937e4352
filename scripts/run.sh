#!/usr/bin/env bash
# Quick start: sets up, builds, assembles the model set, and analyses a
# sample photo on this machine with every feature the models allow.
#   scripts/run.sh [images or folders ...] [CLI options]   (default: astronaut.png)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh >&2
scripts/build.sh >/dev/null
# URL-sourced models (models/README.md) come from the mirror beside the repo when there is one.
if [ -z "${LOCALVISION_MODEL_MIRROR:-}" ] && [ -d "$root/../shared/models" ]; then
  LOCALVISION_MODEL_MIRROR=$(cd "$root/../shared/models" && pwd); export LOCALVISION_MODEL_MIRROR
fi
npm run --silent models >&2
[ $# -gt 0 ] || set -- .cache/samples/astronaut.png --pretty
exec node web/cli.js analyze "$@"
