#!/usr/bin/env bash
# Builds kube-apiserver and kube-controller-manager v1.20.2 from Debian's own `kubernetes` source
# package (Debian ships only kubectl from it) and caches the two binaries outside the checkout,
# keyed by the source version, so the build (~4 min on 2 cores) happens once per machine.
#
#   kube-build.sh            build if missing, print the bin directory
set -euo pipefail

KUBE_SRC_VERSION="1.20.5+really1.20.2-1.1+deb12u1"
# Bumped whenever the local patches below change what gets built (r2: empty-string validation fix).
KUBE_BUILD_REV=r2
CACHE_ROOT="${HIKUBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hikube-portal}"
BIN_DIR="$CACHE_ROOT/kube-$KUBE_SRC_VERSION-$KUBE_BUILD_REV/bin"

log() { echo "[kube-build] $*" >&2; }

if [[ -x "$BIN_DIR/kube-apiserver" && -x "$BIN_DIR/kube-controller-manager" ]]; then
  echo "$BIN_DIR"
  exit 0
fi

# shellcheck source=deploy/local/lib/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"
ensure_deb_src
apt_install golang-go rsync make dpkg-dev etcd-server golang-github-modern-go-reflect2-dev

work="$(mktemp -d "${TMPDIR:-/tmp}/kube-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log "fetching the kubernetes $KUBE_SRC_VERSION source package"
(cd "$work" && apt-get source --download-only "kubernetes=$KUBE_SRC_VERSION" >/dev/null 2>&1) || {
  log "apt-get source failed: is a deb-src entry for bookworm main reachable?"; exit 1; }

cd "$work"
orig="$(ls kubernetes_*.orig.tar.* | head -n1)"
deb="$(ls kubernetes_*.debian.tar.* | head -n1)"
mkdir src
tar -xf "$orig" -C src --strip-components=1
tar -xf "$deb" -C src
cd src
if [[ -f debian/patches/series ]]; then
  while read -r patch; do
    [[ -z "$patch" || "$patch" == \#* ]] && continue
    patch -p1 --forward --quiet < "debian/patches/$patch" >/dev/null
  done < debian/patches/series
fi

# vendor/github.com/modern-go/reflect2 1.0.1 breaks on Go >= 1.18: use Debian's 1.0.2.
r2=vendor/github.com/modern-go/reflect2
rm -rf "$r2" && mkdir -p "$r2"
find /usr/share/gocode/src/github.com/modern-go/reflect2 -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) \
  ! -name '*_test.go' -exec cp {} "$r2/" \;

# The OpenAPI type validator takes "the zero value of the data's type" for null by comparing two
# reflect.Value structs with reflect.DeepEqual. Built with Go >= 1.19 (Debian's), an empty string
# compares equal, so every "" in a custom resource is rejected ("must be of type string: null",
# e.g. spec.storagePool: "" or a condition's message: ""). Upstream kube-openapi checks `data == nil`
# only; so do we, in both vendored copies of the validator.
for f in vendor/github.com/go-openapi/validate/type.go vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go; do
  [[ -f "$f" ]] || continue
  sed -i 's/if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {/if data == nil {/' "$f"
  if grep -q 'reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data))' "$f"; then
    log "could not patch the null check in $f"; exit 1
  fi
done

log "building kube-apiserver and kube-controller-manager (about 4 minutes)"
started=$SECONDS
KUBE_GIT_VERSION=v1.20.2 KUBE_GIT_TREE_STATE=clean KUBE_GIT_MAJOR=1 KUBE_GIT_MINOR=20 CGO_ENABLED=0 \
  make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" >"$work/build.log" 2>&1 || {
  tail -n 40 "$work/build.log" >&2; exit 1; }

mkdir -p "$BIN_DIR.tmp"
cp _output/bin/kube-apiserver _output/bin/kube-controller-manager "$BIN_DIR.tmp/"
rm -rf "$BIN_DIR" && mv "$BIN_DIR.tmp" "$BIN_DIR"
echo "$(date -Is) built in $((SECONDS - started)) s (make only)" >>"$(dirname "$BIN_DIR")/build-time.log"
log "built in $((SECONDS - started)) s, cached in $BIN_DIR"
echo "$BIN_DIR"
