#!/usr/bin/env bash
# One command from a fresh clone to a running portal: installs what is missing, starts the local
# platform (instance "demo", data kept across restarts), builds the portal, applies migrations, seeds
# the demo tenant and its admin, and runs the portal on http://127.0.0.1:${PORTAL_PORT:-8080}, with single sign-on
# through the platform's OpenID Provider, unless Oidc__Authority is set: then the caller's Oidc__* settings are used
# as they are (e.g. a real Keycloak).
#
#   PORTAL_PORT=8080 PORTAL_DEMO_EMAIL=... PORTAL_DEMO_PASSWORD=... deploy/local/up.sh
#   PORTAL_DETACH=1 deploy/local/up.sh      run the portal in the background and return
#   ASPNETCORE_ENVIRONMENT=Development deploy/local/up.sh
#
# The portal runs as a deployment runs it: published (Release, static files precompressed), Production settings, with
# the local platform's values; ASPNETCORE_ENVIRONMENT=Development runs the build output with Development settings.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=deploy/local/lib/apt.sh
source deploy/local/lib/apt.sh
# shellcheck source=deploy/local/lib/portal.sh
source deploy/local/lib/portal.sh

NAME="${PORTAL_PLATFORM:-demo}"
PORT="${PORTAL_PORT:-8080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
if [[ "$ASPNETCORE_ENVIRONMENT" == Development ]]; then CONFIG=Release; else CONFIG=Demo; fi

step() { printf '==> %s\n' "$*"; }

step "prerequisites"
command -v kubectl >/dev/null || apt_install kubernetes-client
command -v npm >/dev/null || apt_install nodejs npm
apt_install curl python3

step "local platform '$NAME'"
deploy/local/platform.sh start --name "$NAME"
eval "$(deploy/local/platform.sh env --name "$NAME")"

if [[ "$CONFIG" == Demo ]]; then
  step "publishing the portal ($ASPNETCORE_ENVIRONMENT)"
  dotnet publish src/HikubePortal.Web/HikubePortal.Web.csproj -c Release -o "$(dirname "$(portal_dll Demo)")" --nologo -v quiet
  # The deployment's JSON log lines are for a log collector; the terminal gets readable ones (as in Development).
  export Logging__Console__FormatterName="${Logging__Console__FormatterName:-simple}"
  export Logging__Console__FormatterOptions__SingleLine="${Logging__Console__FormatterOptions__SingleLine:-true}"
  export Logging__Console__FormatterOptions__TimestampFormat="${Logging__Console__FormatterOptions__TimestampFormat:-HH:mm:ss }"
else
  step "building the portal ($ASPNETCORE_ENVIRONMENT)"
  dotnet build src/HikubePortal.Web/HikubePortal.Web.csproj -c "$CONFIG" --nologo -v quiet
fi

# The demo login: given, or generated once and kept with the platform's state.
EMAIL="${PORTAL_DEMO_EMAIL:-admin@demo.hikube.local}"
secret_file="$HIKUBE_PLATFORM_DIR/portal-demo-password"
if [[ -n "${PORTAL_DEMO_PASSWORD:-}" ]]; then
  PASSWORD="$PORTAL_DEMO_PASSWORD"
elif [[ -s "$secret_file" ]]; then
  PASSWORD="$(cat "$secret_file")"
else
  PASSWORD="$(portal_password Demo)"
  (umask 077 && printf '%s' "$PASSWORD" >"$secret_file")
fi

caller_oidc="${Oidc__Authority:-}"
portal_env
dll="$(portal_dll "$CONFIG")"
sso_banner() {
  if [[ -n "$caller_oidc" ]]; then
    printf '  Single sign-on:           %s (your Oidc__* settings)\n' "$caller_oidc"
  else
    printf '  Or "Sign in with Local SSO" (%s) as ana (use), bob (admin), cleo (super-admin) or vic (view) of tenant demo,\n' "$HIKUBE_OIDC_ISSUER"
    printf '  dan (a group of a tenant that does not exist) or olga (operator); password: %s\n' "$HIKUBE_OIDC_USER_PASSWORD"
  fi
}

step "migrations"
portal_verb "$dll" migrate
step "demo tenant and admin"
portal_verb "$dll" seed-demo --email "$EMAIL" --password "$PASSWORD"

if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
  echo "Something already answers on port $PORT: stop it or set PORTAL_PORT." >&2
  exit 1
fi

log_file="$HIKUBE_PLATFORM_DIR/portal.log"
: >"$log_file"
portal_run "$CONFIG" "$PORT" "$log_file"
if ! wait_http "http://127.0.0.1:$PORT/account/login" 60; then
  echo "The portal did not start; its log ($log_file):" >&2
  tail -n 40 "$log_file" >&2
  portal_stop "$PORTAL_PID"
  exit 1
fi

cat <<MSG

  Hikube Portal is running: http://127.0.0.1:$PORT
  Sign in as:               $EMAIL
  Password:                 $PASSWORD
$(sso_banner)

  Portal log: $log_file
  Platform:   deploy/local/platform.sh status --name $NAME   (stop: ... stop --name $NAME)
MSG

if [[ "${PORTAL_DETACH:-0}" == "1" ]]; then
  echo "  Portal pid: $PORTAL_PID (PORTAL_DETACH=1: running in the background)"
  exit 0
fi
echo "  Ctrl-C stops the portal; the platform keeps running."
trap 'portal_stop "$PORTAL_PID"; echo; echo "portal stopped"; exit 0' INT TERM
tail -n 0 -f "$log_file" &
tail_pid=$!
wait "$PORTAL_PID" || true
kill "$tail_pid" 2>/dev/null || true
