#!/usr/bin/env bash
# Keeps the Dockerfile honest where no Docker engine runs (README "Container image"):
#  - lints it with dockerfile-utils (npm, pinned in deploy/tools/package-lock.json) and checks the project's own
#    rules on it (non-root numeric USER, exec-form HEALTHCHECK on the healthcheck verb, tagged base images,
#    a .dockerignore that keeps host build output out of the context);
#  - builds the image's publish output as its build stage does: the build context (a fresh checkout minus
#    .dockerignore) copied to artifacts/image/src, then the stage's own `RUN` commands (dotnet restore, npm ci,
#    dotnet publish with the same flags), read from the Dockerfile, with /out/ under artifacts/image/out/;
#  - checks that output holds what the image needs (dlls, appsettings.json, wwwroot with lib/ assets);
#  - with a local platform exported (platform.sh env), runs it as the image does: uid 10001, nothing writable
#    under the app folder or HOME, `migrate` without any Kubernetes settings, then the web host and the
#    HEALTHCHECK command.
# Prints one line per check; --trx FILE also writes a TRX report (deploy/local/test.sh counts it). Exit 1 on a failure.
#
#   deploy/local/image.sh [--trx FILE]
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=deploy/local/lib/checks.sh
source deploy/local/lib/checks.sh
checks_args "$@"
WORK="$ROOT/artifacts/image"
CTX="$WORK/src"
OUT="$WORK/out"
RUN_DIR=""
APP_DIR=""
run_pid=""

cleanup() {
  [[ -n "$run_pid" ]] && portal_stop "$run_pid"
  [[ -n "$RUN_DIR" ]] && rm -rf "$RUN_DIR"
  [[ -n "$APP_DIR" ]] && rm -rf "$APP_DIR"
}
trap cleanup EXIT

lint() {
  local out
  out="$(deploy/tools/node_modules/.bin/dockerfile-utils lint Dockerfile 2>&1)" || { echo "$out"; return 1; }
  [[ -z "$out" ]] || { echo "$out"; return 1; }   # warnings count too
  echo "dockerfile-utils: no problems"
}

# stage NAME: the instructions of one stage (continuation lines joined).
stage() {
  sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile | awk -v s="$1" '
    /^FROM / { inside = ($NF == s) } inside' | sed 's/  */ /g'
}

policy() {
  local s problems=()
  for s in portal provisioner; do
    stage "$s" | grep -qE '^USER [1-9][0-9]*:[1-9][0-9]*$' || problems+=("stage $s: no numeric non-root USER uid:gid")
    stage "$s" | grep -qE '^ENTRYPOINT \["dotnet", ' || problems+=("stage $s: ENTRYPOINT is not in exec form")
  done
  stage portal | grep -qE '^HEALTHCHECK .*CMD \["dotnet", "HikubePortal.Web.dll", "healthcheck"\]' ||
    problems+=("stage portal: HEALTHCHECK is not the exec-form healthcheck verb")
  [[ "$(sed -n '$p' Dockerfile | grep -c '^ENTRYPOINT \["dotnet", "HikubePortal.Web.dll"\]')" == 1 ]] ||
    problems+=("the last stage (the default target) is not the portal")
  grep -E '^FROM ' Dockerfile | grep -qE ':latest|^FROM [^:]+( AS |$)' && problems+=("a base image without a fixed tag")
  for s in '**/bin/' '**/obj/' '**/node_modules/' '.git/'; do
    grep -qxF "$s" .dockerignore 2>/dev/null || problems+=(".dockerignore lacks $s")
  done
  [[ ${#problems[@]} -eq 0 ]] || { printf '%s\n' "${problems[@]}"; return 1; }
}

# context: the files `docker build .` sends: tracked and untracked-not-ignored files minus .dockerignore.
context() {
  rm -rf "$WORK" && mkdir -p "$CTX" "$OUT"
  git ls-files -z -co --exclude-standard | python3 -c '
import fnmatch, sys
pats = [l.strip().rstrip("/") for l in open(".dockerignore") if l.strip() and not l.startswith("#")]
def excluded(path):
    parts = path.split("/")
    for i in range(1, len(parts) + 1):
        prefix = "/".join(parts[:i])
        for p in pats:
            if p.startswith("**/") and fnmatch.fnmatch(parts[i - 1], p[3:]): return True
            if fnmatch.fnmatch(prefix, p): return True
    return False
for f in sys.stdin.read().split("\0"):
    if f and not excluded(f): sys.stdout.write(f + "\0")
' | tar --null -T - -cf - | tar -xf - -C "$CTX"
  [[ -f "$CTX/src/HikubePortal.Web/HikubePortal.Web.csproj" ]] || { echo "the context lacks the web project"; return 1; }
  echo "context: $(find "$CTX" -type f | wc -l) files"
}

# build_stage: the build stage's RUN commands that build (not the apt-get line: node and npm are on this machine).
build_stage() {
  local cmds
  cmds="$(stage build | sed -n 's/^RUN //p' | grep -v '^apt-get' | sed "s#/out/#$OUT/#g")"
  grep -q 'dotnet publish' <<<"$cmds" || { echo "no dotnet publish in the Dockerfile's build stage"; return 1; }
  echo "$cmds"
  (cd "$CTX" && bash -euo pipefail -c "$cmds") 2>&1 | grep -E 'error|warn|->' | tail -n 20
  [[ ${PIPESTATUS[0]} -eq 0 ]]
}

has_files() {
  local dir="$1" f missing=(); shift
  for f in "$@"; do [[ -s "$dir/$f" ]] || missing+=("$f"); done
  [[ ${#missing[@]} -eq 0 ]] || { echo "missing in $dir: ${missing[*]}"; return 1; }
}

healthcheck_fails_when_down() {
  local out
  if out="$(cd "$OUT/portal" && dotnet HikubePortal.Web.dll healthcheck "http://127.0.0.1:$(free_port)/healthz" 2>&1)"; then
    echo "exit 0 with nothing listening: $out"; return 1
  fi
  echo "$out"
}

# image_exec COMMAND...: execs COMMAND in the published app folder as uid/gid 10001 with HOME unwritable and
# only the image's environment (plus IMAGE_ENV), like the image. Run it in a subshell.
image_exec() {
  cd "$APP_DIR/portal" && exec env -i PATH="$PATH" HOME=/nonexistent DOTNET_CLI_HOME=/nonexistent DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=0 ASPNETCORE_ENVIRONMENT=Production "${IMAGE_ENV[@]}" \
    setpriv --reuid=10001 --regid=10001 --clear-groups "$@"
}

as_image() { (image_exec "$@"); }

# as_image_bg LOG COMMAND...: as_image in the background; run_pid is the process itself (exec all the way).
as_image_bg() {
  local log="$1"; shift
  (image_exec "$@") >"$log" 2>&1 &
  run_pid=$!
}

migrate_without_kubernetes() {
  IMAGE_ENV=("ConnectionStrings__Portal=$HIKUBE_PG_CONNECTION")
  as_image dotnet HikubePortal.Web.dll migrate
}

runs_as_the_image() {
  local port; port="$(free_port)"
  RUN_DIR="$(mktemp -d)"
  install -o 10001 -g 10001 -m 0400 "$HIKUBE_PORTAL_KUBECONFIG" "$RUN_DIR/kubeconfig"
  chmod 0755 "$RUN_DIR"
  IMAGE_ENV=("ConnectionStrings__Portal=$HIKUBE_PG_CONNECTION" "Kubernetes__Kubeconfig=$RUN_DIR/kubeconfig"
    "Storage__HealthEndpoint=$HIKUBE_S3_ENDPOINT" "ASPNETCORE_URLS=http://127.0.0.1:$port" "Shutdown__DrainDelay=00:00:00")
  as_image_bg "$WORK/portal-run.log" dotnet HikubePortal.Web.dll
  wait_http "http://127.0.0.1:$port/account/login" 90 || { tail -n 20 "$WORK/portal-run.log"; return 1; }
  [[ "$(stat -c %u "$APP_DIR/portal/HikubePortal.Web.dll")" != 10001 ]] || { echo "the app folder is owned by the runtime user"; return 1; }
  # The image's HEALTHCHECK command, run as the image runs it.
  IMAGE_ENV=()
  as_image dotnet HikubePortal.Web.dll healthcheck "http://127.0.0.1:$port/healthz"
  local rc=$?
  portal_stop "$run_pid"; run_pid=""
  return $rc
}

echo "==> image checks"
(cd deploy/tools && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null) ||
  echo "npm ci in deploy/tools failed" >&2
check "Dockerfile passes dockerfile-utils lint" lint
check "Dockerfile follows the project's image rules" policy
check "build context is a fresh checkout minus .dockerignore" context
check "Dockerfile build stage publishes the portal and the provisioner (same commands and flags)" build_stage
check "portal output has its assemblies and settings" has_files "$OUT/portal" HikubePortal.Web.dll HikubePortal.Web.runtimeconfig.json \
  HikubePortal.Web.deps.json HikubePortal.Application.dll HikubePortal.Data.dll HikubePortal.Storage.dll HikubePortal.Kubernetes.dll appsettings.json
check "portal output has wwwroot with Blazor's, MudBlazor's and the portal's assets" has_files "$OUT/portal/wwwroot" \
  _framework/blazor.web.js _content/MudBlazor/MudBlazor.min.css _content/MudBlazor/MudBlazor.min.js \
  app/portal.js app/portal.css app/uploads.js app/objects.js
check "provisioner output has its assemblies and settings" has_files "$OUT/provisioner" HikubePortal.Provisioner.dll \
  HikubePortal.Provisioner.runtimeconfig.json HikubePortal.Kubernetes.dll appsettings.json
check "HEALTHCHECK command fails when the portal does not answer" healthcheck_fails_when_down
if [[ -n "${HIKUBE_PG_CONNECTION:-}" && -n "${HIKUBE_PORTAL_KUBECONFIG:-}" ]]; then
  # The image's /app: the output copied where uid 10001 can reach it, still owned by us (read-only to it). The checkout
  # may sit in a folder only its owner may enter (a clone under `mktemp -d`): run from there, uid 10001 could not start.
  APP_DIR="$(mktemp -d)"
  chmod 0755 "$APP_DIR"
  cp -a "$OUT/portal" "$APP_DIR/portal"
  check "migrate runs as uid 10001 without any Kubernetes setting (the migration Job has no token)" migrate_without_kubernetes
  check "portal runs as uid 10001 from a read-only app folder; HEALTHCHECK command passes" runs_as_the_image
else
  check_skip "migrate runs as uid 10001 without any Kubernetes setting" "no local platform exported"
  check_skip "portal runs as uid 10001 from a read-only app folder; HEALTHCHECK command passes" "no local platform exported"
fi
checks_finish image
