#!/usr/bin/env bash
# The demo command: sets everything up, then remuxes a media file (see examples/demo.js).
#   npm run demo [-- input output]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx bare examples/demo.js "$@"
