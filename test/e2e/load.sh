#!/usr/bin/env bash
# Load test: LOAD_COUNT (5,000) messages delivered at once; every one tagged, UI latency and peak
# memory measured. Usage: bash test/e2e/load.sh (after `node build.mjs`;
# `npm run test:e2e:load` does both). The last line is `e2e load: PASS ...` or `... FAIL ...`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/ensure-packages.sh"
ensure_packages
exec node "$here/load.mjs"
