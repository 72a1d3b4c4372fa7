#!/usr/bin/env bash
# Lighthouse scores of three pages of the portal: the sign-in page (signed out), the bucket list and the object browser
# (signed in: the session cookie of a curl sign-in, sent by Chromium with every request), each with Lighthouse's desktop
# and mobile settings. Prints a table of the four category scores (performance, accessibility, best practices, SEO);
# keeps each report (JSON, the session cookie taken out) under artifacts/lighthouse/ of the portal's tree.
#
#   deploy/local/bench/lighthouse.sh [--name INSTANCE] [--root TREE]
#
# Uses the running platform INSTANCE (default $HIKUBE_PLATFORM_NAME, else `dev`). Publishes the portal (Release,
# run as Production, like the image) from TREE (default: the tree holding this script; any other worktree or clone of
# the portal: scores before and after a change), seeds tenant `lighthouse`, its admin and the demo bucket with its
# objects, runs it on a free port and stops it at the end. Lighthouse 12.2.3 (deploy/tools/lighthouse, npm ci) in
# Debian's Chromium. Not part of CI: scores are measured, not asserted.
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# shellcheck source=deploy/local/lib/apt.sh
source "$ROOT/deploy/local/lib/apt.sh"
# shellcheck source=deploy/local/lib/portal.sh
source "$ROOT/deploy/local/lib/portal.sh"

NAME="${HIKUBE_PLATFORM_NAME:-dev}" TREE="$ROOT"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) NAME=$2; shift 2 ;;
    --root) TREE="$(cd "$2" && pwd)"; shift 2 ;;
    *) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[[ -f "$TREE/src/HikubePortal.Web/HikubePortal.Web.csproj" ]] || { echo "no portal in $TREE" >&2; exit 2; }
PORTAL_ROOT="$TREE" # portal_bench_setup publishes, and portal_run runs, the portal of TREE

TENANT=lighthouse BUCKET=demo-assets EMAIL=lighthouse@hikube.test
PASSWORD="$(portal_password Lighthouse)"
OUT="$TREE/artifacts/lighthouse"
WORK="$(mktemp -d)"
chmod 700 "$WORK"
portal_pid=""
cleanup() {
  [[ -n "$portal_pid" ]] && portal_stop "$portal_pid"
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { printf '==> %s\n' "$*"; }

step "Chromium and Lighthouse"
apt_install chromium fonts-liberation curl
command -v npm >/dev/null || apt_install nodejs npm
(cd "$ROOT/deploy/tools/lighthouse" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
LIGHTHOUSE="$ROOT/deploy/tools/lighthouse/node_modules/.bin/lighthouse"
echo "lighthouse $("$LIGHTHOUSE" --version), $(chromium --version 2>/dev/null)"

step "publishing the portal of $TREE (Release, Production); tenant $TENANT and its admin $EMAIL"
eval "$("$ROOT/deploy/local/platform.sh" env --name "$NAME")"
portal_bench_setup "$TENANT" "$EMAIL" "$PASSWORD"
echo "$(git -C "$TREE" log -1 --format='%h %s' 2>/dev/null | cut -c1-100)"

step "portal on a free port, signed in as $EMAIL"
portal_bench_start "$WORK/portal.log" "$EMAIL" "$PASSWORD" "$WORK/cookies"
portal_pid=$BENCH_PID
# The cookie goes to Lighthouse in a file of this run's private folder, never on a command line or in a log.
printf '{"Cookie": "%s"}\n' "$BENCH_COOKIE" >"$WORK/headers.json"

rm -rf "$OUT" && mkdir -p "$OUT"
# lighthouse_page NAME PATH PRESET SIGNED_IN: one report, $OUT/NAME-PRESET.json, without the session cookie.
lighthouse_page() {
  local name="$1" path="$2" preset="$3" report="$OUT/$1-$3.json" args=()
  [[ "$preset" == desktop ]] && args+=(--preset=desktop)
  [[ "$4" == yes ]] && args+=(--extra-headers="$WORK/headers.json")
  CHROME_PATH="$(command -v chromium)" "$LIGHTHOUSE" "$BENCH_BASE$path" "${args[@]}" \
    --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$report" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" --quiet >"$WORK/$name-$preset.log" 2>&1 ||
    { tail -n 20 "$WORK/$name-$preset.log" >&2; return 1; }
  node -e '
    const fs = require("fs"); const file = process.argv[1]; const r = JSON.parse(fs.readFileSync(file, "utf8"));
    if (r.configSettings && r.configSettings.extraHeaders) r.configSettings.extraHeaders = { Cookie: "(taken out)" };
    fs.writeFileSync(file, JSON.stringify(r));' "$report"
  if grep -qF "${BENCH_COOKIE#*=}" "$report"; then echo "the session cookie is still in $report" >&2; rm -f "$report"; return 1; fi
}

PAGES=("sign-in /account/login no" "buckets /t/$TENANT/buckets yes" "objects /t/$TENANT/buckets/$BUCKET/objects yes")
for preset in desktop mobile; do
  for page in "${PAGES[@]}"; do
    read -r name path signed <<<"$page"
    step "$name ($path), $preset"
    lighthouse_page "$name" "$path" "$preset" "$signed"
  done
done

step "scores (0-100) of $(git -C "$TREE" log -1 --format=%h 2>/dev/null || echo "$TREE"); reports in ${OUT#"$TREE"/}/"
node -e '
  const fs = require("fs"); const dir = process.argv[1];
  const cats = ["performance", "accessibility", "best-practices", "seo"];
  const row = c => "| " + c.map(String).join(" | ") + " |";
  console.log(row(["page", "preset", ...cats, "final URL"]));
  console.log(row(Array(cats.length + 3).fill("---")));
  for (const preset of ["desktop", "mobile"]) for (const page of ["sign-in", "buckets", "objects"]) {
    const r = JSON.parse(fs.readFileSync(`${dir}/${page}-${preset}.json`, "utf8"));
    const score = c => r.categories[c] && r.categories[c].score !== null ? Math.round(r.categories[c].score * 100) : "n/a";
    console.log(row([page, preset, ...cats.map(score), new URL(r.finalDisplayedUrl || r.finalUrl).pathname]));
  }' "$OUT"

step "what the scores are made of: metrics, audits below 90 (performance's own unless [category]), console errors"
node -e '
  const fs = require("fs"); const dir = process.argv[1];
  const shown = v => String(v).replace(/\u00a0/g, " ");
  const metric = (r, id) => r.audits[id] && r.audits[id].displayValue ? shown(r.audits[id].displayValue) : "n/a";
  const skip = new Set(["informative", "manual", "notApplicable", "error"]);
  const metrics = /contentful-paint|speed-index|blocking-time|layout-shift|^interactive$/;
  for (const preset of ["desktop", "mobile"]) for (const page of ["sign-in", "buckets", "objects"]) {
    const r = JSON.parse(fs.readFileSync(`${dir}/${page}-${preset}.json`, "utf8"));
    const below = new Set();
    for (const [cat, c] of Object.entries(r.categories)) for (const ref of c.auditRefs) {
      const a = r.audits[ref.id];
      if (a && a.score !== null && a.score < 0.9 && !skip.has(a.scoreDisplayMode) && !metrics.test(ref.id))
        below.add(ref.id + (cat === "performance" ? "" : ` [${cat}]`) + (a.displayValue ? ` (${shown(a.displayValue)})` : ""));
    }
    console.log(`${page} ${preset}: FCP ${metric(r, "first-contentful-paint")}, LCP ${metric(r, "largest-contentful-paint")}, ` +
      `TBT ${metric(r, "total-blocking-time")}, CLS ${metric(r, "cumulative-layout-shift")}, SI ${metric(r, "speed-index")}`);
    console.log(`  below 90: ${[...below].join("; ") || "none"}`);
    const errors = r.audits["errors-in-console"];
    if (errors && errors.score === 0) for (const i of errors.details.items)
      console.log(`  console ${i.source}: ${shown(i.description).slice(0, 100)} (${new URL(i.sourceLocation.url).pathname})`);
  }' "$OUT"
