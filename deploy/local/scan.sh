#!/usr/bin/env bash
# A web vulnerability scanner against the portal: Debian's wapiti (3.0.4) crawls and attacks a portal of its own on a
# local platform, signed out and then signed in (the session cookie of a curl sign-in), with the modules xss, sql,
# blindsql, crlf, redirect, file and exec, each bounded in time. The signed-in user is an operator and the admin of a
# tenant of its own with the demo bucket and its objects, so the tenant's pages, the bucket page and the object
# browser (and its download, preview and zip routes) are attacked. Sign-out is left out of the crawl (-x), so the scan
# stays signed in and nothing is deleted.
# A finding fails the run unless deploy/local/scan-judged.json judges it (with why it is not real); a crawl that did
# not reach the signed-in pages fails too. Reports, logs and wapiti's session under artifacts/scan/.
# Needs a local platform exported (eval "$(deploy/local/platform.sh env --name NAME)") and the built portal
# (TEST_CONFIGURATION, default Release; built when missing). One line per check; --trx FILE writes a TRX report
# (deploy/local/test.sh counts it). Exit 1 on a failure.
#
#   deploy/local/scan.sh [--trx FILE]
#
# SCAN_ATTACK_SECONDS (default 25) bounds each attack module of the signed-in scan, SCAN_CRAWL_SECONDS (default 45)
# its crawl; the signed-out scan has a third of the crawl's time and four fifths of the modules'. About 4 to 5 minutes
# in all on 2 cores.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=deploy/local/lib/apt.sh
source deploy/local/lib/apt.sh
# shellcheck source=deploy/local/lib/checks.sh
source deploy/local/lib/checks.sh
checks_args "$@"
CONFIG="${TEST_CONFIGURATION:-Release}"
WORK="$ROOT/artifacts/scan"
JUDGED=deploy/local/scan-judged.json
: "${HIKUBE_PG_CONNECTION:?export a local platform first: eval \"\$(deploy/local/platform.sh env --name NAME)\"}"
rm -rf "$WORK" && mkdir -p "$WORK"
TENANT="scan$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
BUCKET=demo-assets # seed-demo's bucket: folders docs/, images/, reports/2026/ and README.md
EMAIL="scan-$TENANT@hikube.test"
PASSWORD="$(portal_password Scan)"
ATTACK_SECONDS="${SCAN_ATTACK_SECONDS:-25}"
CRAWL_SECONDS="${SCAN_CRAWL_SECONDS:-45}"
MODULES=xss,sql,blindsql,crlf,redirect,file,exec
# wapiti lives in Debian's python, whatever python3 comes first in PATH.
WAPITI=(/usr/bin/python3 deploy/local/lib/wapiti.py)
portal_pid=""

cleanup() {
  [[ -n "$portal_pid" ]] && portal_stop "$portal_pid"
  kubectl --kubeconfig "$KUBECONFIG" delete namespace "tenant-$TENANT" --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT

start_portal() {
  # wapiti 3.0.4 asks for brotli ("Accept-Encoding: gzip, deflate, br") whether or not it can read it; without
  # python3-brotli every page the portal compresses reached it unread (no links, no forms: nothing crawled).
  apt_install wapiti python3-brotli || return 1
  echo "$(/usr/bin/wapiti --version 2>/dev/null | tail -n1)"
  [[ -f "$(portal_dll "$CONFIG")" ]] ||
    dotnet build src/HikubePortal.Web/HikubePortal.Web.csproj -c "$CONFIG" --nologo -v quiet >"$WORK/build.log" 2>&1
  # As deployed: Production (HSTS, the JSON log); warnings and errors only, so that the log shows what went wrong.
  export ASPNETCORE_ENVIRONMENT=Production
  portal_env
  export Logging__LogLevel__Default=Warning
  # The scanner posts the sign-in form thousands of times from one address, for one made-up account: with the limits
  # in force most of its payloads would meet 429 instead of the form (the limits themselves: SignInProtectionTests).
  export Security__SignInPermitLimit=100000 Security__SignInAccountPermitLimit=100000
  dotnet "$(portal_dll "$CONFIG")" seed-demo --email "$EMAIL" --password "$PASSWORD" --tenant "$TENANT" || return 1
  local port; port="$(free_port)"
  BASE="http://127.0.0.1:$port"
  portal_run "$CONFIG" "$port" "$WORK/portal.log"
  portal_pid=$PORTAL_PID
  wait_http "$BASE/account/login" 90 || { tail -n 20 "$WORK/portal.log"; return 1; }
  echo "portal $BASE (Production), tenant $TENANT, bucket $BUCKET"
}

# wapiti_scan NAME SECONDS_CRAWL SECONDS_PER_MODULE [wapiti options...]: one scan into $WORK/NAME; prints its summary.
wapiti_scan() {
  local name="$1" crawl="$2" attack="$3" dir="$WORK/$1" t=$SECONDS; shift 3
  mkdir -p "$dir/config"
  # An empty technology database: wapiti would otherwise try to download one at start-up (the wapp module).
  echo '{}' >"$dir/config/apps.json"
  "${WAPITI[@]}" run -u "$BASE/" --scope folder -m "$MODULES" \
    --max-scan-time "$crawl" --max-attack-time "$attack" -d 4 -S paranoid --max-links-per-page 40 --max-files-per-dir 15 \
    --skip __RequestVerificationToken --skip _handler \
    --store-session "$dir/session" --store-config "$dir/config" --flush-session --no-bugreport \
    -f json -o "$dir/report.json" -v 1 "$@" >"$dir/wapiti.log" 2>&1
  local rc=$?
  echo "wapiti ($name) exited $rc after $((SECONDS - t)) s (log: artifacts/scan/$name/wapiti.log)"
  grep -E '^Max (scan|attack) time|Too much lag|^\[!\]' "$dir/wapiti.log" | sort | uniq -c
  [[ $rc -eq 0 && -f "$dir/report.json" ]] || { tail -n 20 "$dir/wapiti.log"; return 1; }
  "${WAPITI[@]}" summary "$dir/report.json" "$dir"/session/*.db
}

# seeds TENANT: start URLs the crawl cannot find on its own (links that exist only once a page is interactive: the
# account menu, the object details panel; query parameters with a value, so that each is attacked).
signed_out_start() {
  local s
  for s in "/account/login?ReturnUrl=%2Ft%2F$TENANT" "/account/break-glass?ReturnUrl=%2F" "/account/lockout" \
    "/account/login/2fa?ReturnUrl=%2F" "/account/login/recovery?ReturnUrl=%2F" "/account/sso/failed?Reason=x" \
    "/invite/not-an-invitation" "/error/404" "/t/$TENANT/buckets" "/healthz" "/metrics"; do
    printf -- '-s\n%s%s\n' "$BASE" "$s"
  done
}
signed_in_start() {
  local b="/t/$TENANT/buckets/$BUCKET" s
  for s in "/t/$TENANT" "/t/$TENANT/buckets?q=demo&sort=name&dir=asc" "$b" "$b?tab=access" "$b/objects" \
    "$b/objects?prefix=reports%2F2026%2F&q=q1" "$b/objects?object=README.md&versions=true" \
    "$b/objects/download?key=README.md" "$b/objects/preview?key=docs%2Fgetting-started.txt" \
    "$b/objects/zip?folder=docs%2F" "$b/objects/zip?key=README.md" "$b/objects/job?id=x" "$b/uploads?prefix=docs%2F" \
    "/t/$TENANT/members" "/t/$TENANT/audit?user=x&action=x&from=2026-01-01&to=2026-12-31" \
    "/operator/tenants" "/operator/users?q=scan" "/operator/audit?tenant=$TENANT" \
    "/account/manage" "/account/manage/password?done=true" "/account/manage/2fa" "/account/manage/2fa/setup"; do
    printf -- '-s\n%s%s\n' "$BASE" "$s"
  done
}

# failed_sign_ins: how many failed sign-ins of wapiti's made-up account (its default email) the audit log holds.
failed_sign_ins() {
  psql -Atc "SELECT count(*) FROM \"AuditEntries\" WHERE \"Action\" = 'account.sign-in' AND \"Outcome\" = 'Failure'
    AND \"UserName\" = 'wapiti2021@mailinator.com'"
}

scan_signed_out() {
  local starts; mapfile -t starts < <(signed_out_start)
  FAILED_BEFORE="$(failed_sign_ins)" || return 1
  wapiti_scan signed-out "$((CRAWL_SECONDS / 3))" "$((ATTACK_SECONDS * 4 / 5))" "${starts[@]}"
}

# attacks_reached_sign_in: the payloads posted to the sign-in form got past antiforgery and validation to the sign-in
# itself (each is a failed sign-in in the audit log), rather than all being refused before any of the portal's code.
attacks_reached_sign_in() {
  local after; after="$(failed_sign_ins)" || return 1
  echo "$((after - FAILED_BEFORE)) failed sign-ins of wapiti2021@mailinator.com in the audit log during the scan (at least 20 expected)"
  [[ $((after - FAILED_BEFORE)) -ge 20 ]]
}

# crawled_at_least NAME PREFIX N: the crawl of scan NAME reached N pages (200) under PREFIX.
crawled_at_least() {
  local counts n
  counts="$("${WAPITI[@]}" crawled "$WORK/$1"/session/*.db "$2")" || return 1
  n="$(awk '$1 == 200 { print $2 }' <<<"$counts")"
  echo "${n:-0} pages (200) crawled under $2 (at least $3 expected)"
  [[ "${n:-0}" -ge "$3" ]]
}

# signed_in_throughout: no page of the tenant crawled signed in was refused (302 to the sign-in page, 401, 403, 404):
# the session held for the whole crawl.
signed_in_throughout() {
  local counts
  counts="$("${WAPITI[@]}" crawled "$WORK/signed-in"/session/*.db "/t/$TENANT/")" || return 1
  echo "statuses of the tenant's pages crawled signed in (status count):"; echo "$counts"
  ! awk '$1 == 302 || $1 == 401 || $1 == 403 || $1 == 404 { bad = 1 } END { exit !bad }' <<<"$counts"
}

judged() { "${WAPITI[@]}" judge "$WORK/$1/report.json" "$JUDGED" "tenant=$TENANT" "bucket=$BUCKET"; }

# The judge itself: a finding that no entry judges fails it.
judge_refuses_unknown() {
  cat >"$WORK/judge-self-test.json" <<JSON
{"vulnerabilities": {"Cross Site Scripting": [{"method": "GET", "path": "$BASE/t/$TENANT/buckets", "info": "self-test",
  "level": 1, "parameter": "q", "http_request": "", "curl_command": ""}]}, "anomalies": {}}
JSON
  if "${WAPITI[@]}" judge "$WORK/judge-self-test.json" "$JUDGED" "tenant=$TENANT" "bucket=$BUCKET"; then
    echo "the judge let an unjudged finding pass"; return 1
  fi
}

sign_in() {
  portal_sign_in "$BASE" "$EMAIL" "$PASSWORD" "$WORK/jar" >/dev/null || return 1
  "${WAPITI[@]}" cookies "$WORK/jar" "$WORK/cookies.json"
}

scan_signed_in() {
  local starts; mapfile -t starts < <(signed_in_start)
  # Signing out would end the scan's session: the sign-out form is left out of the crawl and so of the attacks.
  # The user is an operator: the other tenants of the platform (those of other suites, say) are left out, so that the
  # time goes to this tenant's pages.
  wapiti_scan signed-in "$CRAWL_SECONDS" "$ATTACK_SECONDS" -c "$WORK/cookies.json" -x "$BASE/account/logout" \
    --exclude-regex "$BASE/t/(?!$TENANT([/?]|\$))" "${starts[@]}"
}

# data_kept: after the scan, the tenant's bucket and its objects are still there (a new sign-in: the scan's visit to the
# two-factor set-up page made a new security stamp, which ends the other sessions of the account, curl's among them).
data_kept() {
  local status
  portal_sign_in "$BASE" "$EMAIL" "$PASSWORD" "$WORK/jar-after" >/dev/null || return 1
  status="$(curl -sS -o "$WORK/after.html" -w '%{http_code}' -b "$WORK/jar-after" "$BASE/t/$TENANT/buckets/$BUCKET/objects")"
  echo "GET /t/$TENANT/buckets/$BUCKET/objects after the scan -> $status"
  [[ "$status" == 200 ]] && grep -q 'README.md' "$WORK/after.html" && grep -q 'reports/' "$WORK/after.html"
}

# No secret in what is kept: the session cookie and the password appear in no report or log of the scan.
no_secret_kept() {
  local value; value="$(awk '$6 == "hikube.session" { print $7 }' "$WORK/jar")"
  [[ -n "$value" ]] || { echo "no session cookie in the jar"; return 1; }
  if grep -rlF -e "$value" -e "$PASSWORD" "$WORK" --exclude='jar*' --exclude=cookies.json --exclude='*.db'; then
    echo "the files above hold the session cookie or the password"; return 1
  fi
  echo "neither the session cookie nor the password is in a report or log (only in the cookie jar and wapiti's cookie file)"
}

echo "==> wapiti against the portal, signed out and signed in"
CHECKS_VERBOSE=1
t0=$SECONDS
check "the portal starts (Production) with a tenant of its own, the demo bucket and its objects" start_portal
if [[ $CHECKS_FAILED -eq 0 ]]; then
  check "the judge fails on a finding it has no judgement for" judge_refuses_unknown
  check "signed out: wapiti crawls and attacks ($MODULES), bounded in time" scan_signed_out
  check "signed out: the crawl reached the sign-in pages and their forms" crawled_at_least signed-out /account/ 5
  check "signed out: the payloads posted to the sign-in form reached the sign-in (audit log)" attacks_reached_sign_in
  check "signed out: every finding is judged (deploy/local/scan-judged.json)" judged signed-out
  check "sign in with curl; the session cookie goes to wapiti's cookie file" sign_in
  check "signed in: wapiti crawls and attacks ($MODULES), bounded in time" scan_signed_in
  check "signed in: the crawl reached the tenant's pages, the bucket and its object browser" crawled_at_least signed-in "/t/$TENANT/buckets/$BUCKET/" 8
  check "signed in: the crawl reached the account pages" crawled_at_least signed-in /account/manage 3
  check "signed in: the crawl reached the operator pages" crawled_at_least signed-in /operator/ 3
  check "signed in: every finding is judged (deploy/local/scan-judged.json)" judged signed-in
  check "signed in: the session held for the whole crawl (no tenant page refused)" signed_in_throughout
  check "after the scan: the tenant's bucket and its objects are still there" data_kept
  check "no session cookie or password in the scan's reports and logs" no_secret_kept
fi
echo "scan suite: $((SECONDS - t0)) s"
checks_finish scan
