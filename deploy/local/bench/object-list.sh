#!/usr/bin/env bash
# The object browser on a folder with 100,000 objects: time to the first page, time per page, and the
# portal's RSS while paging through the whole folder with the Next links; then, in Chromium, the time until
# rows are painted on a fresh load of the first page and after a click on Next (p50/p95).
#
#   deploy/local/bench/object-list.sh [--name INSTANCE] [--count 100000] [--page-size 1000] [--pages 0]
#                                     [--browser-loads 20] [--browser-pages 20]
#
# Uses the running platform INSTANCE (default $HIKUBE_PLATFORM_NAME, else `dev`). Creates tenant `bench`, its
# admin and the bucket `bench-objects` (kept: a second run skips seeding), puts COUNT empty objects in
# `many/` straight into the bucket, runs the portal (Release) on a free port, signs in with curl, then pages
# (--pages 0 = every page) and samples the portal's RSS every 50 ms. --browser-loads/--browser-pages 0: no Chromium.
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# shellcheck source=deploy/local/lib/apt.sh
source "$ROOT/deploy/local/lib/apt.sh"
# shellcheck source=deploy/local/lib/portal.sh
source "$ROOT/deploy/local/lib/portal.sh"

NAME="${HIKUBE_PLATFORM_NAME:-dev}" COUNT=100000 PAGE_SIZE=1000 PAGES=0 LOADS=20 NEXTS=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) NAME=$2; shift 2 ;;
    --count) COUNT=$2; shift 2 ;;
    --page-size) PAGE_SIZE=$2; shift 2 ;;
    --pages) PAGES=$2; shift 2 ;;
    --browser-loads) LOADS=$2; shift 2 ;;
    --browser-pages) NEXTS=$2; shift 2 ;;
    *) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

TENANT=bench NS=tenant-bench EMAIL=bench@hikube.test BUCKET=bench-objects
PASSWORD="$(portal_password Bench)"
WORK="$(mktemp -d)"
portal_pid=""
cleanup() {
  [[ -n "$portal_pid" ]] && portal_stop "$portal_pid"
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { printf '==> %s\n' "$*"; }

command -v curl >/dev/null || apt_install curl
eval "$("$ROOT/deploy/local/platform.sh" env --name "$NAME")"

step "building the portal and the bench tool (Release); tenant $TENANT and its admin $EMAIL"
portal_bench_setup "$TENANT" "$EMAIL" "$PASSWORD"
dotnet build "$ROOT/bench/HikubePortal.Bench/HikubePortal.Bench.csproj" -c Release --nologo -v quiet >/dev/null

step "bucket $BUCKET in $NS"
bench_bucket "$NS" "$BUCKET"
field() { bench_credential "$NS" "$BUCKET" "$1"; }
BENCH_S3_ACCESS_KEY="$(field accessKey)" BENCH_S3_SECRET_KEY="$(field secretKey)" BENCH_S3_BUCKET="$(field bucketName)"
BENCH_S3_ENDPOINT="$HIKUBE_S3_ENDPOINT"
export BENCH_S3_ACCESS_KEY BENCH_S3_SECRET_KEY BENCH_S3_BUCKET BENCH_S3_ENDPOINT

step "portal (Release) on a free port, signed in as $EMAIL"
portal_bench_start "$WORK/portal.log" "$EMAIL" "$PASSWORD" "$WORK/cookies"
portal_pid=$BENCH_PID BASE=$BENCH_BASE
export BENCH_COOKIE

step "seeding $COUNT objects (if missing), then paging through many/ in the portal"
dotnet "$ROOT/bench/HikubePortal.Bench/bin/Release/net10.0/HikubePortal.Bench.dll" object-list \
  --url "$BASE/t/$TENANT/buckets/$BUCKET/objects" --prefix many/ --count "$COUNT" \
  --page-size "$PAGE_SIZE" --pages "$PAGES" --portal-pid "$portal_pid" --browser-loads "$LOADS" --browser-pages "$NEXTS"
