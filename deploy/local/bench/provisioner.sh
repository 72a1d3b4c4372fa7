#!/usr/bin/env bash
# Benchmark of the bucket provisioner on a local platform instance (started when it is not running).
#
#   deploy/local/bench/provisioner.sh [--name NAME] [--sequential N] [--burst M] [--create-parallelism P]
#
# Measures, against the platform's own provisioner process:
#   - N Buckets (default 20) one after another: create -> Ready, and create -> credentials usable
#     (read through the project's credentials reader, then an S3 call with them succeeds): p50/p95;
#   - M Buckets (default 200) created at once: time until all are Ready, and the provisioner's peak
#     RSS (sampled from /proc/PID/status every 20 ms, and its VmHWM). The provisioner is restarted
#     first, so its VmHWM covers this run only.
# Every Bucket it creates lives in a namespace of its own, deleted at the end.
# NAME defaults to $HIKUBE_PLATFORM_NAME, else `bench`.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
PLATFORM="$ROOT/deploy/local/platform.sh"
NAME="${HIKUBE_PLATFORM_NAME:-bench}"
ARGS=()
while (($#)); do
  case $1 in
  --name) NAME=$2; shift 2 ;;
  --sequential | --burst | --create-parallelism) ARGS+=("$1" "$2"); shift 2 ;;
  -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if ! "$PLATFORM" status --name "$NAME" >/dev/null 2>&1; then
  "$PLATFORM" start --name "$NAME"
fi
eval "$("$PLATFORM" env --name "$NAME")"
if [[ "$(cat "$HIKUBE_PLATFORM_DIR/provisioner-enabled" 2>/dev/null || echo 1)" != 1 ]]; then
  echo "instance $NAME runs without its provisioner (--no-provisioner): nothing to measure" >&2
  exit 1
fi

OUT="${TMPDIR:-/tmp}/hikube-bench-provisioner"
echo "[bench] building the benchmark"
dotnet build "$ROOT/bench/HikubePortal.Bench.Provisioner/HikubePortal.Bench.Provisioner.csproj" \
  -c Release -o "$OUT" -nologo -v q >/dev/null
echo "[bench] restarting the provisioner (fresh peak RSS)"
"$PLATFORM" restart provisioner --name "$NAME"
PID="$(cat "$HIKUBE_PLATFORM_DIR/run/provisioner-child.pid")"
echo "[bench] provisioner pid $PID; $(nproc) cores; $(date -u +%FT%TZ)"
dotnet "$OUT/HikubePortal.Bench.Provisioner.dll" --pid "$PID" "${ARGS[@]}"
