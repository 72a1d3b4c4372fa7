#!/usr/bin/env bash
# Two portal replicas on one local platform (same PostgreSQL: shared data-protection key ring) behind one port
# (haproxy from Debian) with a sticky cookie, as the cluster's ingress has it: a session signed in on replica A is
# served by B (a tenant page; a form post carrying the antiforgery token A issued), and in Chromium the circuit of an
# open page lives on one replica; killed, the page reconnects to the other, still signed in, on the same page.
# Needs a local platform exported (eval "$(deploy/local/platform.sh env --name NAME)") and the built portal
# (TEST_CONFIGURATION, default Release; built when missing). One line per check; --trx FILE writes a TRX report
# (deploy/local/test.sh counts it). Exit 1 on a failure.
#
#   deploy/local/replicas.sh [--trx FILE]
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=deploy/local/lib/apt.sh
source deploy/local/lib/apt.sh
# shellcheck source=deploy/local/lib/checks.sh
source deploy/local/lib/checks.sh
checks_args "$@"
CONFIG="${TEST_CONFIGURATION:-Release}"
WORK="$ROOT/artifacts/replicas"
: "${HIKUBE_PG_CONNECTION:?export a local platform first: eval \"\$(deploy/local/platform.sh env --name NAME)\"}"
rm -rf "$WORK" && mkdir -p "$WORK"
TENANT="rep$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
EMAIL="replicas-$TENANT@hikube.test"
PASSWORD="$(portal_password Rep)"
pids=()

cleanup() {
  local p
  for p in "${pids[@]}"; do portal_stop "$p"; done
  kubectl --kubeconfig "$KUBECONFIG" delete namespace "tenant-$TENANT" --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT

command -v haproxy >/dev/null || apt_install haproxy
[[ -f "$(portal_dll "$CONFIG")" ]] ||
  dotnet build src/HikubePortal.Web/HikubePortal.Web.csproj -c "$CONFIG" --nologo -v quiet >"$WORK/build.log" 2>&1
portal_env
export Logging__LogLevel__Default=Warning

# token FILE: the first antiforgery token of a saved page.
token() { grep -o 'name="__RequestVerificationToken" value="[^"]*"' "$1" | head -n1 | sed 's/.*value="//; s/"$//'; }

# get URL JAR OUT: GET with the session's cookies; prints "STATUS REPLICA" (replica from the balancer's header).
get() {
  curl -sS -o "$3" -D "$3.headers" -w '%{http_code}' -c "$2" -b "$2" "$1"
  printf ' %s\n' "$(sed -n 's/^[Xx]-[Rr]eplica: *\([a-z]*\).*/\1/p' "$3.headers")"
}

start_replicas() {
  dotnet "$(portal_dll "$CONFIG")" seed-demo --email "$EMAIL" --password "$PASSWORD" --tenant "$TENANT" || return 1
  PORT_A="$(free_port)"; PORT_B="$(free_port)"; PORT_LB="$(free_port)"
  A="http://127.0.0.1:$PORT_A"; B="http://127.0.0.1:$PORT_B"; LB="http://127.0.0.1:$PORT_LB"
  portal_run "$CONFIG" "$PORT_A" "$WORK/replica-a.log"; pids+=("$PORTAL_PID"); PID_A=$PORTAL_PID
  portal_run "$CONFIG" "$PORT_B" "$WORK/replica-b.log"; pids+=("$PORTAL_PID"); PID_B=$PORTAL_PID
  # As deploy/kubernetes/ingress.yaml: cookie affinity (a browser stays with the replica holding its circuit), the
  # other server when that one is down, websockets kept open.
  cat >"$WORK/haproxy.cfg" <<CFG
global
  maxconn 256
defaults
  mode http
  option redispatch
  retries 2
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
frontend portal
  bind 127.0.0.1:$PORT_LB
  default_backend replicas
backend replicas
  balance roundrobin
  cookie hikube-route insert indirect nocache httponly
  http-response set-header X-Replica %s
  server a 127.0.0.1:$PORT_A cookie a check inter 1s fall 1 rise 2
  server b 127.0.0.1:$PORT_B cookie b check inter 1s fall 1 rise 2
CFG
  haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
  pids+=($!)
  wait_http "$A/account/login" 90 && wait_http "$B/account/login" 90 && wait_http "$LB/account/login" 30 || {
    tail -n 20 "$WORK"/*.log; return 1; }
  echo "replica A $A, replica B $B, balancer $LB (haproxy round-robin), tenant $TENANT"
}

sign_in_on_a() { portal_sign_in "$A" "$EMAIL" "$PASSWORD" "$WORK/jar-a" >/dev/null && echo "signed in on A as $EMAIL"; }

b_serves_the_session() {
  local r; r="$(get "$B/t/$TENANT/buckets" "$WORK/jar-a" "$WORK/b-list.html")"
  echo "GET B /t/$TENANT/buckets -> $r"
  [[ "$r" == 200* ]] && ! grep -q 'Input.Password' "$WORK/b-list.html" && grep -q "$TENANT" "$WORK/b-list.html"
}

post_on_b_with_token_from_a() {
  # The change-password form is a static SSR form: its antiforgery token from A must be good on B (shared keys).
  local t status
  get "$A/account/manage/password" "$WORK/jar-a" "$WORK/a-password.html" >/dev/null
  t="$(token "$WORK/a-password.html")"; [[ -n "$t" ]] || { echo "no antiforgery token on A's change-password form"; return 1; }
  status="$(curl -sS -o "$WORK/b-post.html" -w '%{http_code}' -c "$WORK/jar-a" -b "$WORK/jar-a" -X POST "$B/account/manage/password" \
    --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "_handler=change-password" \
    --data-urlencode "Input.CurrentPassword=not-the-password-1" --data-urlencode "Input.NewPassword=Another-password-2026" \
    --data-urlencode "Input.ConfirmPassword=Another-password-2026")"
  echo "POST B /account/manage/password (token from A, wrong current password) -> $status"
  # Accepted by antiforgery (not 400) and refused by the form itself, in words.
  [[ "$status" == 200 ]] && grep -qi "password" "$WORK/b-post.html"
}

b_rejects_a_post_without_token() {
  local status
  status="$(curl -sS -o /dev/null -w '%{http_code}' -b "$WORK/jar-a" -X POST "$B/account/manage/password" \
    --data-urlencode "_handler=change-password" --data-urlencode "Input.CurrentPassword=x")"
  echo "POST B without antiforgery token -> $status"
  [[ "$status" == 400 ]]
}

through_the_balancer() {
  local jar="$WORK/jar-lb" t r i seen="" status
  get "$LB/account/login" "$jar" "$WORK/lb-login.html" | sed 's/^/GET LB \/account\/login -> /'
  t="$(token "$WORK/lb-login.html")"
  status="$(curl -sS -o /dev/null -D "$WORK/lb-post.headers" -w '%{http_code}' -c "$jar" -b "$jar" -X POST "$LB/account/login" \
    --data-urlencode "__RequestVerificationToken=$t" --data-urlencode "_handler=login" \
    --data-urlencode "Input.Email=$EMAIL" --data-urlencode "Input.Password=$PASSWORD")"
  echo "POST LB /account/login -> $status $(sed -n 's/^[Xx]-[Rr]eplica: *\([a-z]*\).*/\1/p' "$WORK/lb-post.headers")"
  grep -q 'hikube.session' "$jar" || { echo "no session cookie after sign-in through the balancer"; return 1; }
  for i in 1 2 3 4 5 6; do
    r="$(get "$LB/t/$TENANT/buckets" "$jar" "$WORK/lb-$i.html")"
    echo "GET LB /t/$TENANT/buckets -> $r"
    [[ "$r" == 200* ]] && grep -q "$TENANT" "$WORK/lb-$i.html" || return 1
    seen+=" ${r#* }"
  done
  # Sticky: one browser, one replica (its circuit lives there).
  [[ "$(echo "$seen" | tr ' ' '\n' | sort -u | grep -c .)" == 1 ]] || { echo "the balancer did not keep the session on one replica: $seen"; return 1; }
}

failover_in_chromium() {
  HIKUBE_PORTAL_URL="$LB" HIKUBE_E2E_EMAIL="$EMAIL" HIKUBE_E2E_PASSWORD="$PASSWORD" \
    HIKUBE_REPLICA_PIDS="a=$PID_A,b=$PID_B" HIKUBE_REPLICA_TENANT="$TENANT" \
    dotnet test e2e/HikubePortal.E2E -c "$CONFIG" --no-build --nologo --filter "Category=Replicas" --logger "console;verbosity=normal" 2>&1 |
    grep -E "Passed|Failed|replica|Error|Assert|Timeout|Total tests" | head -n 40
  return "${PIPESTATUS[0]}"
}

echo "==> two replicas behind one port"
CHECKS_VERBOSE=1
check "two replicas and haproxy start on one platform" start_replicas
if [[ $CHECKS_FAILED -eq 0 ]]; then
  check "sign in on replica A (login form, antiforgery token, cookies)" sign_in_on_a
  check "replica B serves a tenant page to the session signed in on A" b_serves_the_session
  check "replica B accepts a form post carrying the antiforgery token A issued" post_on_b_with_token_from_a
  check "replica B still refuses a post without the antiforgery token" b_rejects_a_post_without_token
  check "through the balancer: sign-in, then every page of the session from one replica (sticky cookie)" through_the_balancer
  check "Chromium: the replica holding a page's circuit is killed; the page comes back on the other, signed in, in place" failover_in_chromium
fi
checks_finish replicas
