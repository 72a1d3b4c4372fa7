# shellcheck shell=bash
# Debian package installation for the local platform scripts. Sourced, not run.

apt_updated=0

apt_update_once() {
  if [[ $apt_updated -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
}

# apt_install PKG...: installs the packages that are not installed yet.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "[apt] installing: ${missing[*]}" >&2
  $sudo bash -c 'DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null' 2>/dev/null || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_deb_src: adds source entries mirroring the configured binary ones (same mirror, same suites).
ensure_deb_src() {
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return 0
  fi
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | $sudo tee /etc/apt/sources.list.d/hikube-deb-src.sources >/dev/null
  elif [[ -f /etc/apt/sources.list ]]; then
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' \
      | $sudo tee /etc/apt/sources.list.d/hikube-deb-src.list >/dev/null
  fi
  $sudo bash -c 'DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null'
}
