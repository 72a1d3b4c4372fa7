#!/usr/bin/env bash
# A 2 GiB file up and down in Chromium through the portal's pages, against `aws s3 cp` (Debian's awscli) of the same
# file to the same radosgw: throughput of each, the ratio, and the portal's RSS during the browser transfers.
#
#   deploy/local/bench/object-transfer.sh [--name INSTANCE] [--size-mib 2048] [--runs 1]
#                                         [--also-download-with "VAR=VALUE ..."]...
#
# Uses the running platform INSTANCE (default $HIKUBE_PLATFORM_NAME, else `dev`; start a bluestore one for files this
# big: deploy/local/platform.sh start --name bench --persistent). Creates tenant `bench`, its admin and the bucket
# `bench-transfer`; each run uploads into a folder of its own and deletes it afterwards. The portal runs with its
# settings from the environment: ObjectBrowser__RangedDownloads=true measures downloads by parallel ranges (the line
# `mode=` says which way the download went), Uploads__PartsInFlight=6 uploads with more parts at once.
# --also-download-with "VAR=VALUE ..." (may be repeated) downloads once more per run with the bench's Chromium in
# that environment (the browser downloads take turns in order):
# HIKUBE_CHROMIUM_ARGS=--enable-features=ParallelDownloading adds a switch; HIKUBE_SERVICE_WORKERS=block takes the
# service worker away (a ranged download falls back to the link).
# Each download says how many requests radosgw got for the file, how many it answered 206 (a range), its timeline
# (click, first request, last byte, complete) and the CPU each process and Chromium thread used meanwhile.
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# shellcheck source=deploy/local/lib/apt.sh
source "$ROOT/deploy/local/lib/apt.sh"
# shellcheck source=deploy/local/lib/portal.sh
source "$ROOT/deploy/local/lib/portal.sh"

NAME="${HIKUBE_PLATFORM_NAME:-dev}" SIZE_MIB=2048 RUNS=1 ALSO=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) NAME=$2; shift 2 ;;
    --size-mib) SIZE_MIB=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --also-download-with) ALSO+=("$2"); shift 2 ;;
    *) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

TENANT=bench NS=tenant-bench EMAIL=bench@hikube.test BUCKET=bench-transfer
PASSWORD="$(portal_password Bench)"
WORK="$(mktemp -d "${TMPDIR:-/var/tmp}/hikube-transfer.XXXXXX")"
portal_pid=""
cleanup() {
  [[ -n "$portal_pid" ]] && portal_stop "$portal_pid"
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { printf '==> %s\n' "$*"; }

[[ -x /usr/bin/aws ]] || apt_install awscli
command -v chromium >/dev/null || apt_install chromium
eval "$("$ROOT/deploy/local/platform.sh" env --name "$NAME")"
RGW_LOG="$HIKUBE_PLATFORM_DIR/logs/rgw.log"
account() { python3 "$ROOT/deploy/local/bench/transfer-account.py" "$@"; }
# The CPU each kind of process used during a transfer (this instance's and the bench's own processes marked "*").
cpu_watch() {
  python3 "$ROOT/deploy/local/bench/transfer-account.py" cpu-watch "$$" "$HIKUBE_PLATFORM_DIR/" >"$WORK/cpu.txt" &
  cpu_pid=$!
  sleep 0.3
}
cpu_report() { kill -TERM "$cpu_pid"; wait "$cpu_pid" || true; cat "$WORK/cpu.txt"; }

step "publishing the portal and building the bench tool (Release); tenant $TENANT and its admin $EMAIL"
portal_bench_setup "$TENANT" "$EMAIL" "$PASSWORD"
dotnet build "$ROOT/bench/HikubePortal.Bench/HikubePortal.Bench.csproj" -c Release --nologo -v quiet >/dev/null
bench() { dotnet "$ROOT/bench/HikubePortal.Bench/bin/Release/net10.0/HikubePortal.Bench.dll" "$@"; }

step "bucket $BUCKET in $NS"
bench_bucket "$NS" "$BUCKET"
field() { bench_credential "$NS" "$BUCKET" "$1"; }
S3_BUCKET="$(field bucketName)"
# Debian's aws with the bucket's own keys, nothing from the caller's environment.
s3() {
  env -u AWS_CA_BUNDLE -u AWS_PROFILE -u AWS_CONFIG_FILE -u AWS_SHARED_CREDENTIALS_FILE -u AWS_ENDPOINT_URL \
    AWS_ACCESS_KEY_ID="$(field accessKey)" AWS_SECRET_ACCESS_KEY="$(field secretKey)" AWS_DEFAULT_REGION=us-east-1 \
    /usr/bin/aws --endpoint-url "$HIKUBE_S3_ENDPOINT" "$@"
}

step "a $SIZE_MIB MiB file of random bytes"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$WORK/file.bin"
# The browser sends the bytes straight to radosgw: the portal must run on an origin the buckets' CORS rule allows, which
# for a persistent instance is the demo portal's (127.0.0.1:${PORTAL_PORT:-8080}; see lib/provisioner.sh).
PORT="${PORTAL_PORT:-8080}"
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; then
  echo "port $PORT is in use (the demo portal?): stop it, or set PORTAL_PORT to the port the instance's CORS rule allows" >&2
  exit 1
fi
step "portal (Release) on port $PORT, signed in as $EMAIL"
portal_bench_start "$WORK/portal.log" "$EMAIL" "$PASSWORD" "$WORK/cookies" "$PORT"
portal_pid=$BENCH_PID
export BENCH_COOKIE

seconds() { sed -n 's/^seconds=//p'; }
ratio() { python3 -c 'import sys; a, b = map(float, sys.argv[1:]); print(f"{b / a:.2f}")' "$1" "$2"; }
for run in $(seq 1 "$RUNS"); do
  folder="run-$(date +%s)-$run/"
  step "run $run: Chromium upload into $folder"
  bench browser-upload --page "$BENCH_BASE/t/$TENANT/buckets/$BUCKET/objects?prefix=$folder" --file "$WORK/file.bin" \
    --portal-pid "$portal_pid" | tee "$WORK/up.txt"
  browser_up="$(seconds <"$WORK/up.txt")"

  step "run $run: aws s3 cp up"
  start=$(date +%s.%N); s3 s3 cp --only-show-errors "$WORK/file.bin" "s3://$S3_BUCKET/${folder}aws.bin"; end=$(date +%s.%N)
  aws_up="$(python3 -c "print($end - $start)")"

  # Download clicked in the folder, with where its time went: the CPU each kind of process used meanwhile, and the
  # requests radosgw answered for the file (from its access log).
  browser_download() {
    local out="$1" lines
    lines="$(wc -l <"$RGW_LOG")"
    cpu_watch
    bench browser-download --page "$BENCH_BASE/t/$TENANT/buckets/$BUCKET/objects?prefix=$folder" --name file.bin \
      --portal-pid "$portal_pid" | tee "$out"
    cpu_report >>"$out"
    tail -n 1 "$out"
    account storage "$RGW_LOG" "$lines" "/$S3_BUCKET/${folder}file.bin" Mozilla \
      "$(sed -n 's/^clicked=\([0-9.]*\) .*/\1/p' "$out")" "$(sed -n 's/.* completed=\([0-9.]*\)$/\1/p' "$out")" \
      | tee -a "$out"
  }
  # The plain download and each --also-download-with one, in an order that turns by one place every run.
  variants=("" "${ALSO[@]}")
  for i in $(seq 0 $((${#variants[@]} - 1))); do
    v=$(((i + run - 1) % ${#variants[@]}))
    if [[ $v -eq 0 ]]; then
      step "run $run: Chromium download (Download clicked in the folder)"
      browser_download "$WORK/down-0.txt"
    else
      step "run $run: Chromium download, with ${variants[$v]}"
      # shellcheck disable=SC2086 # VAR=VALUE words
      ( export ${variants[$v]}; browser_download "$WORK/down-$v.txt" )
    fi
  done
  browser_down="$(seconds <"$WORK/down-0.txt")"

  step "run $run: aws s3 cp down"
  lines="$(wc -l <"$RGW_LOG")"
  cpu_watch
  start=$(date +%s.%N); s3 s3 cp --only-show-errors "s3://$S3_BUCKET/${folder}aws.bin" "$WORK/aws-down.bin"; end=$(date +%s.%N)
  aws_down="$(python3 -c "print($end - $start)")"
  cpu_report
  account storage "$RGW_LOG" "$lines" "/$S3_BUCKET/${folder}aws.bin" aws-cli "$start" "$end"
  cmp -s "$WORK/file.bin" "$WORK/aws-down.bin" || { echo "aws download differs from the file" >&2; exit 1; }
  rm -f "$WORK/aws-down.bin"
  s3 s3 rm --only-show-errors --recursive "s3://$S3_BUCKET/$folder"
  # radosgw keeps a deleted object's data for its garbage collector (two hours by default): without this, each run left
  # about 4 GiB behind, and a few runs filled a bluestore instance's disk.
  radosgw-admin -c "$HIKUBE_PLATFORM_DIR/ceph/ceph.conf" gc process --include-all >/dev/null 2>&1 \
    || echo "radosgw-admin gc process failed: the deleted files' space comes back with radosgw's own collection" >&2

  printf '\n%-10s %12s %12s %22s\n' "" "Chromium" "aws s3 cp" "Chromium / aws (speed)"
  printf '%-10s %10.1f s %10.1f s %22s\n' upload "$browser_up" "$aws_up" "$(ratio "$browser_up" "$aws_up")"
  printf '%-10s %10.1f s %10.1f s %22s\n' download "$browser_down" "$aws_down" "$(ratio "$browser_down" "$aws_down")"
  for v in $(seq 1 $((${#variants[@]} - 1))); do
    also_down="$(seconds <"$WORK/down-$v.txt")"
    printf '%-10s %10.1f s %10.1f s %22s   (with %s)\n' download "$also_down" "$aws_down" \
      "$(ratio "$also_down" "$aws_down")" "${variants[$v]}"
  done
  printf 'load average: %s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
done
