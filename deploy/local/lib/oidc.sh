# shellcheck shell=bash
# The local OpenID Provider (deploy/local/oidc/provider.mjs, npm `oidc-provider` pinned by its lockfile) on
# 127.0.0.1:$OIDC_PORT, with a few users whose groups are shaped like Cozystack's Keycloak ones. Sourced by
# platform.sh, not run.

OIDC_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../oidc" && pwd)"
OIDC_CLIENT_ID=hikube-portal

oidc_dir() { echo "$STATE_DIR/oidc"; }
oidc_issuer() { echo "http://127.0.0.1:$OIDC_PORT"; }

# oidc_install: `npm ci` in deploy/local/oidc when its lockfile changed since the last install (one at a time).
oidc_install() {
  command -v node >/dev/null || die "node is not installed (apt-get install nodejs npm)"
  local hash stamp="$OIDC_SRC/node_modules/.hikube-lock-hash"
  hash="$(sha256sum "$OIDC_SRC/package-lock.json" | cut -c1-64)"
  [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]] && return 0
  mkdir -p "$STATE_ROOT/.builds"
  (
    flock -w 300 8 || die "cannot lock $STATE_ROOT/.builds/.npm.lock"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$hash" ]]; then
      (cd "$OIDC_SRC" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >>"$(log_file oidc-install)" 2>&1 8>&- 9>&- ||
        fail_server oidc-install "npm ci in deploy/local/oidc failed"
      echo "$hash" >"$stamp"
    fi
  ) 8>"$STATE_ROOT/.builds/.npm.lock"
}

# oidc_user NAME EMAIL DISPLAY_NAME GROUP...: writes (or replaces) a user; the password is $OIDC_USER_PASSWORD.
oidc_user() {
  local name=$1 email=$2 display=$3
  shift 3
  local groups="" g
  for g in "$@"; do groups+="${groups:+,}\"$g\""; done
  mkdir -p "$(oidc_dir)/users"
  (
    umask 077
    printf '{"password":"%s","email":"%s","email_verified":true,"name":"%s","groups":[%s]}\n' \
      "$OIDC_USER_PASSWORD" "$email" "$display" "$groups" >"$(oidc_dir)/users/$name.json.tmp"
  )
  mv "$(oidc_dir)/users/$name.json.tmp" "$(oidc_dir)/users/$name.json"
}

# oidc_seed: the demo users, once per instance (Keycloak's full-path group names; tenant `demo` is up.sh's).
oidc_seed() {
  [[ -d "$(oidc_dir)/users" ]] && return 0
  oidc_user ana ana@sso.hikube.local "Ana Use" /tenant-demo-use
  oidc_user bob bob@sso.hikube.local "Bob Admin" /tenant-demo-admin
  oidc_user cleo cleo@sso.hikube.local "Cleo Super-Admin" /tenant-demo-super-admin
  oidc_user vic vic@sso.hikube.local "Vic View" /tenant-demo-view
  oidc_user dan dan@sso.hikube.local "Dan Elsewhere" /tenant-elsewhere-admin
  oidc_user olga olga@sso.hikube.local "Olga Operator" /hikube-operators
}

oidc_ready() { curl -fsS -o /dev/null --max-time 2 "$(oidc_issuer)/.well-known/openid-configuration"; }

oidc_start() {
  oidc_install
  oidc_seed
  is_running oidc && oidc_ready && return 0
  (
    export OIDC_PORT OIDC_CLIENT_ID OIDC_CLIENT_SECRET OIDC_COOKIE_KEY
    export NODE_ENV=production
    cd "$OIDC_SRC" || exit 1
    start_bg oidc node "$OIDC_SRC/provider.mjs" "$(oidc_dir)/"
  )
  wait_ready oidc 30 oidc_ready
}

oidc_stop() { stop_server oidc TERM 10; }

# oidc_wipe: test instances forget their users (tests add their own); the seed comes back at the next start.
oidc_wipe() { rm -rf "$(oidc_dir)/users"; }
