#!/usr/bin/env bash
# The bucket list page of a tenant with many buckets: server time p50/p95 and requests/s at N concurrent
# signed-in users (hey), and the number of Kubernetes API calls one page view makes (apiserver metrics).
#
#   deploy/local/bench/bucket-list.sh [--name INSTANCE] [--buckets 500] [--requests 2000] [--concurrency 20] [--keep]
#                                     [--circuits N [--idle-seconds 60]]
# With --circuits, then opens the list in N Chromium tabs (each an interactive circuit) and prints navigation ->
# interactive p50/p95, the portal's RSS growth per circuit and its CPU while they sit idle (bench circuits).
#
# Uses the running platform INSTANCE (default $HIKUBE_PLATFORM_NAME, else `dev`; start it first with
# deploy/local/platform.sh start --name INSTANCE). Creates the Buckets directly as resources in tenant `bench`
# (the provisioner makes them Ready), builds and runs the portal (Release) on a free port, signs in with curl,
# then measures. --keep leaves the buckets (a second run skips creating them).
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# shellcheck source=deploy/local/lib/apt.sh
source "$ROOT/deploy/local/lib/apt.sh"
# shellcheck source=deploy/local/lib/portal.sh
source "$ROOT/deploy/local/lib/portal.sh"

NAME="${HIKUBE_PLATFORM_NAME:-dev}" BUCKETS=500 REQUESTS=2000 CONCURRENCY=20 KEEP=0 CIRCUITS=0 IDLE=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) NAME=$2; shift 2 ;;
    --buckets) BUCKETS=$2; shift 2 ;;
    --requests) REQUESTS=$2; shift 2 ;;
    --concurrency) CONCURRENCY=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --circuits) CIRCUITS=$2; shift 2 ;;
    --idle-seconds) IDLE=$2; shift 2 ;;
    *) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

TENANT=bench NS=tenant-bench EMAIL=bench@hikube.test
PASSWORD="$(portal_password Bench)"
WORK="$(mktemp -d)"
portal_pid=""
cleanup() {
  [[ -n "$portal_pid" ]] && portal_stop "$portal_pid"
  if [[ $KEEP -eq 0 ]]; then
    kubectl delete buckets -n "$NS" -l hikube.cloud/bench=bucket-list --wait=false >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { printf '==> %s\n' "$*"; }

command -v hey >/dev/null || apt_install hey
command -v curl >/dev/null || apt_install curl
eval "$("$ROOT/deploy/local/platform.sh" env --name "$NAME")"

# hey sends the sign-in's cookie for the whole run, where a browser takes the one the portal renews when it
# revalidates the session (once a minute): without this, every request after the first minute would revalidate
# (four database reads and a new cookie), a cost no browser user causes.
export Security__SessionRevalidation="${Security__SessionRevalidation:-00:30:00}"

step "building the portal (Release); tenant $TENANT and its admin $EMAIL"
portal_bench_setup "$TENANT" "$EMAIL" "$PASSWORD"

step "$BUCKETS buckets in $NS (created as resources; the provisioner makes them Ready)"
existing="$(kubectl get buckets -n "$NS" -l hikube.cloud/bench=bucket-list -o name | wc -l)"
if (( existing < BUCKETS )); then
  python3 - "$BUCKETS" "$NS" >"$WORK/buckets.yaml" <<'PY'
import sys
count, ns = int(sys.argv[1]), sys.argv[2]
for i in range(count):
    users = "{admin: {}, viewer: {readonly: true}}" if i % 5 == 0 else "{admin: {}}"
    print(f"---\napiVersion: apps.cozystack.io/v1alpha1\nkind: Bucket\nmetadata:\n  name: bench-{i:04d}\n  namespace: {ns}\n"
          f"  labels: {{hikube.cloud/bench: bucket-list}}\nspec:\n  users: {users}\n  locking: {'true' if i % 50 == 0 else 'false'}")
PY
  kubectl create -f "$WORK/buckets.yaml" 2>&1 | grep -v AlreadyExists | grep -v " created$" || true
fi
t0=$SECONDS
while :; do
  ready="$(kubectl get buckets -n "$NS" -o json | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
print(sum(1 for b in items if any(c.get("type") == "Ready" and c.get("status") == "True" for c in (b.get("status") or {}).get("conditions") or [])), len(items))')"
  read -r ready_count total <<<"$ready"
  printf '\r    %s of %s buckets Ready (%ss)' "$ready_count" "$total" "$((SECONDS - t0))"
  (( ready_count >= total )) && break
  (( SECONDS - t0 > 1800 )) && { echo; echo "buckets not Ready after 30 minutes" >&2; exit 1; }
  sleep 5
done
echo

step "portal (Release) on a free port, signed in as $EMAIL"
portal_bench_start "$WORK/portal.log" "$EMAIL" "$PASSWORD" "$WORK/cookies"
portal_pid=$BENCH_PID BASE=$BENCH_BASE
rss() { awk '/^VmRSS:/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$portal_pid/status"; }
rss_idle="$(rss)"
cookie=$BENCH_COOKIE
URL="$BASE/t/$TENANT/buckets"
rows="$(curl -fsS -H "Cookie: $cookie" "$URL?size=200" | grep -o "href=\"/t/$TENANT/buckets/bench-[0-9]*\"" | sort -u | wc -l)"
echo "    list page: $rows bucket rows with ?size=200"

# Kubernetes API calls per page view: apiserver_request_total before and after sequential page views.
metric() { # metric AWK-FILTER: sum of apiserver_request_total lines matching
  kubectl get --raw /metrics | awk -v f="$1" '/^apiserver_request_total\{/ && $0 ~ f { s += $NF } END { printf "%d\n", s }'
}
for _ in $(seq 1 10); do curl -fsS -o /dev/null -H "Cookie: $cookie" "$URL"; done
views=50
lists_before="$(metric 'resource="buckets".*verb="LIST"')"
all_before="$(metric 'verb="(LIST|GET|POST|PUT|PATCH|DELETE)"')"
for _ in $(seq 1 "$views"); do curl -fsS -o /dev/null -H "Cookie: $cookie" "$URL"; done
lists_after="$(metric 'resource="buckets".*verb="LIST"')"
all_after="$(metric 'verb="(LIST|GET|POST|PUT|PATCH|DELETE)"')"

run_hey() { # run_hey LABEL URL
  hey -n "$REQUESTS" -c "$CONCURRENCY" -H "Cookie: $cookie" "$2" >"$WORK/hey.txt"
  local p50 p95 rps codes
  p50="$(awk '/ 50% in/ { printf "%.1f", $3 * 1000 }' "$WORK/hey.txt")"
  p95="$(awk '/ 95% in/ { printf "%.1f", $3 * 1000 }' "$WORK/hey.txt")"
  rps="$(awk '/Requests\/sec/ { printf "%.1f", $2 }' "$WORK/hey.txt")"
  codes="$(awk '/Status code distribution/ { on = 1; next } on && /\[/ { printf "%s%s", sep, $0; sep = "," } /^$/ { on = 0 }' "$WORK/hey.txt" | tr -s ' ')"
  printf '    %-34s p50 %6s ms   p95 %6s ms   %7s requests/s   (%s)\n' "$1" "$p50" "$p95" "$rps" "$codes"
}
step "one user at a time: 200 requests (hey -c 1), the server time of a page view without queueing"
REQUESTS_SAVED=$REQUESTS CONCURRENCY_SAVED=$CONCURRENCY REQUESTS=200 CONCURRENCY=1
run_hey "list page (50 rows of $total)" "$URL"
REQUESTS=$REQUESTS_SAVED CONCURRENCY=$CONCURRENCY_SAVED
step "load: $REQUESTS requests, $CONCURRENCY concurrent signed-in users (hey)"
run_hey "list page (50 rows of $total)" "$URL"
run_hey "list page, 200 rows" "$URL?size=200"
run_hey "list page, filtered (bench-01)" "$URL?q=bench-01"

echo
echo "Portal RSS:                        $rss_idle idle after sign-in, $(rss) after the load"
echo "Buckets in the tenant:             $total"
echo "Kubernetes calls per page view:    $(( (lists_after - lists_before) / views )) LIST of buckets ($((lists_after - lists_before)) in $views views)"
echo "All apiserver requests meanwhile:  $((all_after - all_before)) in $views views, from every client (provisioner and controller-manager included)"

if (( CIRCUITS > 0 )); then
  step "$CIRCUITS interactive circuits on the list (Chromium tabs), then $IDLE s idle"
  command -v chromium >/dev/null || apt_install chromium fonts-liberation
  dotnet build "$ROOT/bench/HikubePortal.Bench" -c Release -v quiet -nologo >/dev/null
  BENCH_COOKIE="$cookie" dotnet "$ROOT/bench/HikubePortal.Bench/bin/Release/net10.0/HikubePortal.Bench.dll" circuits \
    --url "$URL" --portal-pid "$portal_pid" --circuits "$CIRCUITS" --idle-seconds "$IDLE"
fi
