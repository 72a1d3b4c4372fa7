# shellcheck shell=bash
# Building and running the portal against a local platform instance. Sourced, not run.
# Expects the platform's variables (deploy/local/platform.sh env) in the environment.

PORTAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"

# portal_dll CONFIG: the built web host.
# CONFIG Publish is the published output of portal_bench_setup, Demo the one up.sh runs.
portal_dll() {
  case "$1" in
    Publish) echo "$PORTAL_ROOT/artifacts/bench/portal/HikubePortal.Web.dll" ;;
    Demo) echo "$PORTAL_ROOT/artifacts/demo/portal/HikubePortal.Web.dll" ;;
    *) echo "$PORTAL_ROOT/src/HikubePortal.Web/bin/$1/net10.0/HikubePortal.Web.dll" ;;
  esac
}

# portal_env: the portal's settings, taken from the local platform's variables.
portal_env() {
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  export ConnectionStrings__Portal="$HIKUBE_PG_CONNECTION"
  export Kubernetes__Kubeconfig="$HIKUBE_PORTAL_KUBECONFIG"
  export Storage__HealthEndpoint="$HIKUBE_S3_ENDPOINT"
  # The platform writes credential endpoints without a scheme (like Cozystack); the local radosgw speaks http.
  if [[ "$HIKUBE_S3_ENDPOINT" == http://* ]]; then export Buckets__EndpointScheme=http; fi
  # One process, no load balancer to drain: stop at once (portal_stop waits 5 s before it kills).
  export Shutdown__DrainDelay="${Shutdown__DrainDelay:-00:00:00}"
  portal_oidc_env
}

# portal_oidc_env: single sign-on with the platform's OpenID Provider, unless the caller set Oidc__Authority (then
# every Oidc__* setting of the caller's environment is used as it is, e.g. to point the portal at a real Keycloak).
portal_oidc_env() {
  [[ -n "${Oidc__Authority:-}" || -z "${HIKUBE_OIDC_ISSUER:-}" ]] && return 0
  export Oidc__Authority="$HIKUBE_OIDC_ISSUER"
  export Oidc__ClientId="$HIKUBE_OIDC_CLIENT_ID"
  export Oidc__ClientSecret="$HIKUBE_OIDC_CLIENT_SECRET"
  export Oidc__DisplayName="Local SSO"
  export Oidc__RequireHttpsMetadata=false
  export Oidc__Scopes__0="openid profile email groups"
  export Oidc__OperatorGroups__0="hikube-operators"
}

# portal_password PREFIX: a random password the portal's rules accept (upper, lower, digit, symbol).
portal_password() {
  echo "$1-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 16)-$((RANDOM % 10))!"
}

# free_port: a TCP port nobody listens on (127.0.0.1).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_http URL SECONDS: waits until URL answers (any HTTP status below 500 or 503 for health).
wait_http() {
  local url="$1" deadline=$((SECONDS + $2))
  while (( SECONDS < deadline )); do
    curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  return 1
}

# portal_verb DLL VERB [ARGS...]: runs a command-line verb of the web host (migrate, seed-demo...) from its own
# folder, its content root, so that its appsettings files apply (log levels and format) as they do to the portal.
portal_verb() {
  local dll="$1"; shift
  ( cd "$(dirname "$dll")" && exec dotnet "$dll" "$@" )
}

# portal_run CONFIG PORT LOG: starts the portal in the background; sets PORTAL_PID.
portal_run() {
  local dll; dll="$(portal_dll "$1")"
  ( cd "$(dirname "$dll")" && exec dotnet "$dll" --urls "http://127.0.0.1:$2" ) >>"$3" 2>&1 &
  PORTAL_PID=$!
}

# portal_stop PID: stops a portal started by portal_run.
portal_stop() {
  kill "$1" 2>/dev/null || return 0
  local i
  for i in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

# portal_start_for_tests CONFIG LOG: migrates, seeds a test operator, runs the portal on a free
# port. Sets portal_pid and exports HIKUBE_PORTAL_URL, HIKUBE_E2E_EMAIL, HIKUBE_E2E_PASSWORD.
portal_start_for_tests() {
  local config="$1" log="$2" dll port
  dll="$(portal_dll "$config")"
  portal_env
  # Journeys sign in many times a minute from one address, often as one account (the single sign-on timing alone 10
  # times); the limits themselves are proved by the integration tests (SignInProtectionTests).
  export Security__SignInPermitLimit="${Security__SignInPermitLimit:-1000}"
  export Security__SignInAccountPermitLimit="${Security__SignInAccountPermitLimit:-1000}"
  # Large objects by parallel ranges (off by default, see docs/decisions/0009-ranged-downloads.md): the journeys cover
  # that way and, where it cannot start (a bucket whose platform refuses CORS, small objects), the one link.
  export ObjectBrowser__RangedDownloads="${ObjectBrowser__RangedDownloads:-true}"
  export HIKUBE_E2E_EMAIL="e2e-operator@hikube.test"
  export HIKUBE_E2E_PASSWORD="$(portal_password E2e)"
  dotnet "$dll" migrate >>"$log" 2>&1 || return 1
  dotnet "$dll" seed-demo --email "$HIKUBE_E2E_EMAIL" --password "$HIKUBE_E2E_PASSWORD" >>"$log" 2>&1 || return 1
  port="$(free_port)"
  portal_run "$config" "$port" "$log"
  portal_pid=$PORTAL_PID
  export HIKUBE_PORTAL_URL="http://127.0.0.1:$port"
  wait_http "$HIKUBE_PORTAL_URL/account/login" 60
}

# portal_sign_in BASE EMAIL PASSWORD JAR: signs in through the login form with curl (antiforgery token
# and all), keeping the cookies in JAR; prints the session cookie as NAME=VALUE, fails when sign-in fails.
portal_sign_in() {
  local base="$1" email="$2" password="$3" jar="$4" token cookie
  token="$(curl -fsS -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -n1 | sed 's/.*value="//; s/"$//')"
  curl -fsS -o /dev/null -c "$jar" -b "$jar" -X POST "$base/account/login" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=login" \
    --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" || return 1
  cookie="$(awk '$6 == "hikube.session" { print $6 "=" $7 }' "$jar")"
  [[ -n "$cookie" ]] || { echo "sign-in as $email failed" >&2; return 1; }
  echo "$cookie"
}

# portal_bench_setup TENANT EMAIL PASSWORD: publishes the portal (Release) for a benchmark, exports its settings
# (Production, warnings only), migrates the database and seeds TENANT with its admin EMAIL. Sets BENCH_DLL.
# Published, as in the image: outside Development the build output serves the framework's and MudBlazor's static
# files empty, so no page would ever become interactive.
portal_bench_setup() {
  dotnet publish "$PORTAL_ROOT/src/HikubePortal.Web/HikubePortal.Web.csproj" -c Release -o "$(dirname "$(portal_dll Publish)")" \
    --nologo -v quiet >/dev/null
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
  export DOTNET_gcServer="${DOTNET_gcServer:-0}" # the image's garbage collector (Dockerfile), for memory figures like its own
  portal_env
  export Logging__LogLevel__Default=Warning
  BENCH_DLL="$(portal_dll Publish)"
  dotnet "$BENCH_DLL" migrate >/dev/null
  dotnet "$BENCH_DLL" seed-demo --email "$2" --password "$3" --tenant "$1" | grep '^seed-demo' || true
}

# portal_bench_start LOG EMAIL PASSWORD JAR [PORT]: runs the published portal on PORT (default: a free one) and signs
# in. Sets BENCH_BASE (http://127.0.0.1:PORT), BENCH_PID (stop it with portal_stop) and BENCH_COOKIE.
portal_bench_start() {
  local port="${5:-$(free_port)}"
  BENCH_BASE="http://127.0.0.1:$port"
  portal_run Publish "$port" "$1"
  BENCH_PID=$PORTAL_PID
  wait_http "$BENCH_BASE/account/login" 90 || { tail -n 30 "$1" >&2; return 1; }
  BENCH_COOKIE="$(portal_sign_in "$BENCH_BASE" "$2" "$3" "$4")"
}

# bench_bucket NAMESPACE BUCKET: creates the Bucket (one read-write user `admin`) unless it exists and waits for
# its credentials Secret; bench_credential NAMESPACE BUCKET FIELD prints one of its values (accessKey, ...).
bench_bucket() {
  kubectl apply -f - >/dev/null <<YAML
apiVersion: apps.cozystack.io/v1alpha1
kind: Bucket
metadata: {name: $2, namespace: $1}
spec: {users: {admin: {}}}
YAML
  local i
  for i in $(seq 1 120); do kubectl get secret -n "$1" "bucket-$2-admin-credentials" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "bucket $2 got no credentials in 2 minutes" >&2
  return 1
}
bench_credential() { kubectl get secret -n "$1" "bucket-$2-admin-credentials" -o "jsonpath={.data.$3}" | base64 -d; }
