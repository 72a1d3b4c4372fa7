#!/usr/bin/env bash
# Prints the path of `promtool` (Prometheus' checker of the metrics text format), taken from Debian's `prometheus`
# package: the package is downloaded and unpacked into a cache outside the checkout, never installed, so no Prometheus
# server is set up or started. Uses the machine's own promtool when there is one.
#
#   promtool.sh        unpack if missing, print the path
set -euo pipefail

if command -v promtool >/dev/null; then
  command -v promtool
  exit 0
fi
CACHE_ROOT="${HIKUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hikube-portal}"
# shellcheck source=deploy/local/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"
candidate() { apt-cache policy prometheus 2>/dev/null | awk '/Candidate:/ { print $2 }'; }
version="$(candidate)"
if [[ -z $version || $version == "(none)" ]]; then
  apt_update_once 2>/dev/null || true
  version="$(candidate)"
fi
[[ -n $version && $version != "(none)" ]] || { echo "[promtool] apt knows no prometheus package" >&2; exit 1; }
dir="$CACHE_ROOT/prometheus-${version//[^A-Za-z0-9.+-]/_}"
if [[ ! -x "$dir/usr/bin/promtool" ]]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/promtool.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download "prometheus=$version" >/dev/null 2>&1) || {
    echo "[promtool] apt-get download prometheus=$version failed" >&2; exit 1; }
  mkdir -p "$dir"
  dpkg-deb -x "$work"/prometheus_*.deb "$work/root"
  install -D -m 0755 "$work/root/usr/bin/promtool" "$dir/usr/bin/promtool"
fi
echo "$dir/usr/bin/promtool"
