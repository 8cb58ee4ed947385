#!/usr/bin/env bash
# `npm start`: Thunderbird with the add-on (./tagwise.xpi, or EXT_XPI), a local IMAP account and demo
# mail. A window when $DISPLAY is set, otherwise headless for DURATION_S seconds printing the tags.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib/ensure-packages.sh"
ensure_packages
exec node "$here/start.mjs"
