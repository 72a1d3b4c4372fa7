#!/usr/bin/env bash
# List 1,000 Buckets through the project's Kubernetes client and print p50/min/max (ms).
#   deploy/local/bench/kube-list.sh [--name INSTANCE] [-- --count 1000 --runs 9 --page-size 500]
# Uses the running platform instance INSTANCE (default $HIKUBE_PLATFORM_NAME, else `dev`); start it
# first with deploy/local/platform.sh start --name INSTANCE. The Buckets live in a throw-away
# namespace, labelled so that no provisioner handles them, and are deleted afterwards.
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
NAME="${HIKUBE_PLATFORM_NAME:-dev}"
if [[ ${1:-} == --name ]]; then NAME=$2; shift 2; fi
if [[ ${1:-} == -- ]]; then shift; fi
eval "$("$ROOT/deploy/local/platform.sh" env --name "$NAME")"
dotnet build "$ROOT/bench/HikubePortal.Bench" -c Release -v quiet -nologo >/dev/null
exec dotnet "$ROOT/bench/HikubePortal.Bench/bin/Release/net10.0/HikubePortal.Bench.dll" kube-list "$@"
