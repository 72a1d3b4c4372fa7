#!/usr/bin/env bash
# Runs every test suite of Hikube Portal: unit, component, platform and portal integration tests
# against a local platform instance of its own, and end-to-end tests in Chromium. Installs what is
# missing, stops what it started, prints "Summary: N passed, N failed, N skipped" and exits non-zero
# on any failure.
#
#   deploy/local/test.sh                 everything
#   deploy/local/test.sh unit component  only these suites (unit component platform integration scan image replicas e2e)
#
# scan: deploy/local/scan.sh (the web scanner wapiti against a portal, signed out and signed in);
# image: deploy/local/image.sh (Dockerfile lint, the image's publish output, run as the image does);
# replicas: deploy/local/replicas.sh (two portals behind haproxy, a session moving between them).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=deploy/local/lib/apt.sh
source deploy/local/lib/apt.sh
# shellcheck source=deploy/local/lib/portal.sh
source deploy/local/lib/portal.sh

SUITES=("$@")
[[ ${#SUITES[@]} -eq 0 ]] && SUITES=(unit component platform integration scan image replicas e2e)
wants() { local s; for s in "${SUITES[@]}"; do [[ "$s" == "$1" ]] && return 0; done; return 1; }

PLATFORM="${HIKUBE_TEST_PLATFORM:-test-$$}"
# The test instance keeps objects in memory (memstore): room for the object larger than 5 GB of the storage scale tests.
export HIKUBE_MEMSTORE_BYTES="${HIKUBE_MEMSTORE_BYTES:-$((8 * 1024 * 1024 * 1024))}"
# A lifecycle "day" of 10 s on the test instance: the platform tests see radosgw carry out lifecycle rules
# (LifecycleActsTests); no other test writes lifecycle rules.
export RGW_LC_DEBUG_INTERVAL="${RGW_LC_DEBUG_INTERVAL:-10}"
RESULTS="$ROOT/artifacts/test-results"
CONFIG="${TEST_CONFIGURATION:-Release}"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
started_platform=0
portal_pid=""
errors=()
t0=$SECONDS

log() { printf '\n==> %s\n' "$*"; }

cleanup() {
  [[ -n "$portal_pid" ]] && portal_stop "$portal_pid"
  if [[ $started_platform -eq 1 ]]; then
    log "stopping platform $PLATFORM"
    deploy/local/platform.sh stop --purge --name "$PLATFORM" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# failures_in_full: the test log's one-line results and totals, and for a failed test its message and the top of its
# stack (so that a red CI log says what failed, not only which test).
failures_in_full() {
  awk '/^[[:space:]]*Failed [A-Za-z]/ { print; left = 20; next }
       /^[[:space:]]*(Passed|Skipped) / { left = 0; print; next }
       left > 0 { print; left--; next }
       /error|Total tests|Passed!|Failed!/ { print }'
}

# run_suite NAME PROJECT [dotnet test args...]: runs one test project, keeping its TRX report.
run_suite() {
  local name="$1" project="$2"; shift 2
  log "suite $name ($project)"
  if ! dotnet test "$project" -c "$CONFIG" --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$RESULTS" "$@" 2>&1 | tee "$RESULTS/$name.log" | failures_in_full ; then
    :
  fi
  if [[ ! -f "$RESULTS/$name.trx" ]]; then
    errors+=("suite $name produced no report (see artifacts/test-results/$name.log)")
  fi
}

log "prerequisites"
command -v kubectl >/dev/null || apt_install kubernetes-client
command -v npm >/dev/null || apt_install nodejs npm
wants e2e && apt_install chromium fonts-liberation
# The local tools of .config/dotnet-tools.json (dotnet-ef: the unit suite runs it as a developer would).
wants unit && { dotnet tool restore >/dev/null || errors+=("dotnet tool restore failed (.config/dotnet-tools.json)"); }
wants integration && apt_install awscli rclone s3cmd restic
# promtool checks the portal's /metrics scrape (integration); unpacked from Debian's package, no Prometheus server set up.
wants integration && { PROMTOOL="$(deploy/local/lib/promtool.sh)" && export PROMTOOL || errors+=("promtool could not be had"); }

log "build ($CONFIG)"
if ! dotnet build HikubePortal.sln -c "$CONFIG" --nologo -v minimal 2>&1 | tee "$RESULTS/build.log" | grep -E 'error|warn|Build succeeded|Elapsed'; then
  :
fi
if ! grep -q "Build succeeded" "$RESULTS/build.log" || grep -qE ' error [A-Z]+[0-9]+' "$RESULTS/build.log"; then
  errors+=("build failed (see artifacts/test-results/build.log)")
  SUITES=()
fi

wants unit && run_suite unit tests/HikubePortal.UnitTests
wants component && run_suite component tests/HikubePortal.ComponentTests

if wants platform || wants integration || wants scan || wants image || wants replicas || wants e2e; then
  log "local platform $PLATFORM"
  pt=$SECONDS
  if deploy/local/platform.sh start --name "$PLATFORM"; then
    started_platform=1
    echo "platform started in $((SECONDS - pt)) s"
    eval "$(deploy/local/platform.sh env --name "$PLATFORM")"
  else
    started_platform=1
    errors+=("the local platform did not start")
    SUITES=(unit component)
  fi
fi

wants platform && run_suite platform tests/HikubePortal.PlatformTests
wants integration && run_suite integration tests/HikubePortal.IntegrationTests

# run_checks NAME SCRIPT: a script of checks that writes its own TRX report (deploy/local/lib/checks.sh).
run_checks() {
  log "suite $1 ($2)"
  TEST_CONFIGURATION="$CONFIG" "$2" --trx "$RESULTS/$1.trx" 2>&1 | tee "$RESULTS/$1.log"
  [[ -f "$RESULTS/$1.trx" ]] || errors+=("suite $1 produced no report (see artifacts/test-results/$1.log)")
}
wants scan && run_checks scan deploy/local/scan.sh
wants image && run_checks image deploy/local/image.sh
wants replicas && run_checks replicas deploy/local/replicas.sh

if wants e2e; then
  log "portal for end-to-end tests"
  if portal_start_for_tests "$CONFIG" "$RESULTS/portal.log"; then
    run_suite e2e e2e/HikubePortal.E2E --filter "Category!=Replicas"
  else
    errors+=("the portal did not start for end-to-end tests (see artifacts/test-results/portal.log)")
  fi
fi

# Totals from the TRX reports: <Counters total="" executed="" passed="" failed="" ... notExecuted="">
passed=0 failed=0 skipped=0
for trx in "$RESULTS"/*.trx; do
  [[ -f "$trx" ]] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p="$(get passed)"; f="$(get failed)"; e="$(get error)"; n="$(get notExecuted)"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${n:-0}))
done

echo
for e in "${errors[@]}"; do echo "ERROR: $e"; done
echo "Total time: $((SECONDS - t0)) s"
echo "Summary: $passed passed, $failed failed, $skipped skipped"
if [[ $failed -gt 0 || ${#errors[@]} -gt 0 || $passed -eq 0 ]]; then
  exit 1
fi
exit 0
