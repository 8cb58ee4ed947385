#!/usr/bin/env bash
# End-to-end test: the add-on in a real headless Thunderbird against a local dovecot IMAP server.
# Usage: bash test/e2e/run.sh            (after `node build.mjs`; `npm run test:e2e` does both)
#        EXT_XPI=test/e2e/stub-ext bash test/e2e/run.sh   (the stand-in add-on)
# Knobs are described in test/e2e/README.md. The last line is `e2e: PASS ...` or `e2e: FAIL ...`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/ensure-packages.sh"
ensure_packages
exec node "$here/run.mjs"
