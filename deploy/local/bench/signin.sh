#!/usr/bin/env bash
# Sign-in throughput of the portal with the real password hasher and PostgreSQL: `hey` posts the sign-in
# form (with its antiforgery token) at a number of concurrent users for a while; prints requests/s, the
# latency percentiles and the portal's peak memory (RSS). The sign-in rate limit is lifted for the run
# (it would answer 429 after 10 posts a minute): this measures the work behind it.
#
#   deploy/local/bench/signin.sh                 platform instance $BENCH_PLATFORM (default: bench)
#   BENCH_CONCURRENCY=20 BENCH_DURATION=30s deploy/local/bench/signin.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
# shellcheck source=deploy/local/lib/apt.sh
source deploy/local/lib/apt.sh
# shellcheck source=deploy/local/lib/portal.sh
source deploy/local/lib/portal.sh

NAME="${BENCH_PLATFORM:-bench}"
CONCURRENCY="${BENCH_CONCURRENCY:-20}"
DURATION="${BENCH_DURATION:-30s}"
CONFIG=Release
EMAIL="bench@hikube.test"
PASSWORD="$(portal_password Bench)"
work="$(mktemp -d)"
portal_pid=""
sampler_pid=""
cleanup() {
  [[ -f "$work/portal.log" && -n "${HIKUBE_PLATFORM_DIR:-}" ]] && cp "$work/portal.log" "$HIKUBE_PLATFORM_DIR/bench-portal.log" 2>/dev/null
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
  [[ -n "$portal_pid" ]] && portal_stop "$portal_pid"
  rm -rf "$work"
}
trap cleanup EXIT

command -v hey >/dev/null || apt_install hey
command -v curl >/dev/null || apt_install curl
deploy/local/platform.sh start --name "$NAME" >/dev/null
eval "$(deploy/local/platform.sh env --name "$NAME")"
dotnet build src/HikubePortal.Web/HikubePortal.Web.csproj -c "$CONFIG" --nologo -v quiet >/dev/null

portal_env
export ASPNETCORE_ENVIRONMENT=Production
export Security__SignInPermitLimit=100000
export Logging__LogLevel__Default=Warning
dll="$(portal_dll "$CONFIG")"
dotnet "$dll" migrate >/dev/null
dotnet "$dll" seed-demo --email "$EMAIL" --password "$PASSWORD" --tenant bench >/dev/null
port="$(free_port)"
portal_run "$CONFIG" "$port" "$work/portal.log"
portal_pid=$PORTAL_PID
url="http://127.0.0.1:$port/account/login"
wait_http "$url" 60 || { tail -n 30 "$work/portal.log" >&2; exit 1; }

# One anonymous antiforgery cookie and its token serve every post (they are not tied to a sign-in).
curl -fsS -c "$work/cookies" -o "$work/login.html" "$url"
token="$(grep -o 'name="__RequestVerificationToken" value="[^"]*"' "$work/login.html" | head -n 1 | sed 's/.*value="//; s/"$//')"
cookie="$(awk '$6 == "hikube.antiforgery" { print $6 "=" $7 }' "$work/cookies")"
body="__RequestVerificationToken=$token&_handler=login&Input.Email=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$EMAIL")&Input.Password=$PASSWORD"
check="$(curl -s -o /dev/null -w '%{http_code}' -b "$work/cookies" -H 'Content-Type: application/x-www-form-urlencoded' --data "$body" "$url")"
[[ "$check" == 302 ]] || { echo "a sign-in answered $check instead of 302" >&2; exit 1; }

# Warm-up, then the measured run while RSS is sampled.
hey -z 5s -c "$CONCURRENCY" -m POST -disable-redirects -T application/x-www-form-urlencoded -H "Cookie: $cookie" -d "$body" "$url" >/dev/null
( peak=0; while kill -0 "$portal_pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$portal_pid/status" 2>/dev/null || echo 0)
    (( rss > peak )) && peak=$rss && echo "$peak" >"$work/peak"
    sleep 0.5
  done ) &
sampler_pid=$!
rss_idle=$(awk '/VmRSS/ { print $2 }' "/proc/$portal_pid/status")
load_before=$(cut -d' ' -f1 /proc/loadavg)
hey -z "$DURATION" -c "$CONCURRENCY" -m POST -disable-redirects -T application/x-www-form-urlencoded -H "Cookie: $cookie" -d "$body" "$url" >"$work/hey.txt"
peak=$(cat "$work/peak" 2>/dev/null || echo "$rss_idle")
load_after=$(cut -d' ' -f1 /proc/loadavg)

rps=$(awk '/Requests\/sec/ { print $2 }' "$work/hey.txt")
p50=$(awk '/ 50% in / { print $3 }' "$work/hey.txt")
p95=$(awk '/ 95% in / { print $3 }' "$work/hey.txt")
p99=$(awk '/ 99% in / { print $3 }' "$work/hey.txt")
codes=$(sed -n '/Status code distribution/,/^$/p' "$work/hey.txt" | tail -n +2 | xargs)
cat <<REPORT
sign-in benchmark: $CONCURRENCY concurrent users for $DURATION, $(nproc) cores, real PBKDF2 hasher + PostgreSQL
  requests/s   $rps
  latency      p50 ${p50}s  p95 ${p95}s  p99 ${p99}s
  responses    $codes   (302 = signed in)
  portal RSS   idle $((rss_idle / 1024)) MiB, peak under load $((peak / 1024)) MiB
  machine      load average $load_before before, $load_after after (other work on the machine slows the hasher)
REPORT
