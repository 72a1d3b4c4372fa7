# shellcheck shell=bash
# Script checks counted like test results: each `check` passes or fails, and `checks_trx` writes a TRX report
# that deploy/local/test.sh adds to its Summary. Sourced, not run.

# shellcheck source=deploy/local/lib/portal.sh
source "$(dirname "${BASH_SOURCE[0]}")/portal.sh"

CHECKS_RESULTS=()   # lines "outcome<TAB>name"
CHECKS_FAILED=0
CHECKS_TRX=""

# checks_args "$@": a script's options: --trx FILE (write a TRX report at checks_finish).
checks_args() { [[ "${1:-}" == "--trx" ]] && CHECKS_TRX="$2"; return 0; }

# checks_finish RUN_NAME: writes the TRX report when asked; fails when a check failed.
checks_finish() {
  [[ -n "$CHECKS_TRX" ]] && checks_trx "$CHECKS_TRX" "$1"
  [[ $CHECKS_FAILED -eq 0 ]]
}

# check NAME COMMAND...: runs COMMAND in this shell (variables it sets stay set); passes on exit 0, else
# prints its output and fails.
check() {
  local name="$1" out file; shift
  file="$(mktemp)"
  "$@" >"$file" 2>&1
  local rc=$?
  out="$(cat "$file")"; rm -f "$file"
  if [[ $rc -eq 0 ]]; then
    CHECKS_RESULTS+=("Passed	$name")
    printf '  Passed %s\n' "$name"
    [[ -n "${CHECKS_VERBOSE:-}" && -n "$out" ]] && printf '%s\n' "$out" | sed 's/^/    /'
  else
    CHECKS_RESULTS+=("Failed	$name")
    CHECKS_FAILED=$((CHECKS_FAILED + 1))
    printf '  Failed %s\n' "$name"
    printf '%s\n' "$out" | tail -n 40 | sed 's/^/    /'
  fi
  return 0
}

# check_skip NAME REASON
check_skip() {
  CHECKS_RESULTS+=("NotExecuted	$1")
  printf '  Skipped %s (%s)\n' "$1" "$2"
}

# checks_trx FILE RUN_NAME: a minimal TRX (results and counters) of the checks so far.
checks_trx() {
  local file="$1" run="$2" line outcome name passed=0 failed=0 skipped=0
  {
    echo '<?xml version="1.0" encoding="utf-8"?>'
    echo "<TestRun name=\"$run\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">"
    echo '  <Results>'
    for line in "${CHECKS_RESULTS[@]}"; do
      outcome="${line%%	*}"; name="${line#*	}"
      case "$outcome" in Passed) passed=$((passed + 1)) ;; Failed) failed=$((failed + 1)) ;; *) skipped=$((skipped + 1)) ;; esac
      name="${name//&/&amp;}"; name="${name//</&lt;}"; name="${name//>/&gt;}"; name="${name//\"/&quot;}"
      echo "    <UnitTestResult testName=\"$run: $name\" outcome=\"$outcome\" />"
    done
    echo '  </Results>'
    echo "  <ResultSummary outcome=\"$([[ $failed -eq 0 ]] && echo Completed || echo Failed)\">"
    echo "    <Counters total=\"$((passed + failed + skipped))\" executed=\"$((passed + failed))\" passed=\"$passed\" failed=\"$failed\" error=\"0\" notExecuted=\"$skipped\" />"
    echo '  </ResultSummary>'
    echo '</TestRun>'
  } >"$file"
}
