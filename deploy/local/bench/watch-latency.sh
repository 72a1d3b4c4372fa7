#!/usr/bin/env bash
# How long a Bucket change made with kubectl takes to reach a subscriber of the portal's bucket watch cache.
#   deploy/local/bench/watch-latency.sh [--name INSTANCE] [-- --changes 100]
# Uses the running platform INSTANCE (default $HIKUBE_PLATFORM_NAME, else `dev`). A throw-away tenant namespace is
# set up and deleted afterwards; its Bucket is labelled so that no provisioner touches it.
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
NAME="${HIKUBE_PLATFORM_NAME:-dev}"
if [[ ${1:-} == --name ]]; then NAME=$2; shift 2; fi
if [[ ${1:-} == -- ]]; then shift; fi
eval "$("$ROOT/deploy/local/platform.sh" env --name "$NAME")"
dotnet build "$ROOT/bench/HikubePortal.Bench" -c Release -v quiet -nologo >/dev/null
exec dotnet "$ROOT/bench/HikubePortal.Bench/bin/Release/net10.0/HikubePortal.Bench.dll" watch-latency \
  --admin-kubeconfig "$KUBECONFIG" --portal-kubeconfig "$HIKUBE_PORTAL_KUBECONFIG" "$@"
