#!/usr/bin/env bash
# Fault test: SIGKILL Thunderbird in the middle of a correction's model write, restart, check the
# model and the acknowledged corrections. Usage: bash test/e2e/faults.sh (after `node build.mjs`;
# `npm run test:e2e:faults` does both). The last line is `e2e faults: PASS ...` or `... FAIL ...`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/ensure-packages.sh"
ensure_packages
exec node "$here/fault-checks.mjs"
