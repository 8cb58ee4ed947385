# Sourced by run.sh and start.sh: installs what the harness needs when it is missing (CI starts from
# a clean Debian machine, as root). Nothing is downloaded when everything is there.
ensure_packages() {
  local missing=()
  command -v thunderbird >/dev/null || missing+=(thunderbird)
  command -v dovecot >/dev/null || missing+=(dovecot-core dovecot-imapd)
  [ -e /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd)
  command -v zip >/dev/null || missing+=(zip)
  command -v python3 >/dev/null || missing+=(python3)
  command -v node >/dev/null || { echo "e2e: FAIL node is not installed"; exit 1; }
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "e2e: installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
      thunderbird dovecot-imapd dovecot-core zip python3 >/dev/null ||
    { echo "e2e: FAIL could not install ${missing[*]}"; exit 1; }
}
