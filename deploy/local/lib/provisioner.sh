# shellcheck shell=bash
# The bucket provisioner (src/HikubePortal.Provisioner), built from this checkout when its
# sources changed, run under supervise.sh (started again if it exits), configured by environment.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
PROV_PROJECT="$REPO_ROOT/src/HikubePortal.Provisioner/HikubePortal.Provisioner.csproj"

# prov_project_dirs CSPROJ: the project's directory and those of its project references, recursively.
prov_project_dirs() {
  local -a todo=("$(realpath -m "$1")") seen=()
  local p ref dir
  while ((${#todo[@]})); do
    p="${todo[0]}"
    todo=("${todo[@]:1}")
    [[ " ${seen[*]} " == *" $p "* ]] && continue
    seen+=("$p")
    dir="$(dirname "$p")"
    echo "$dir"
    while read -r ref; do
      if [[ -n "$ref" ]]; then todo+=("$(realpath -m "$dir/${ref//\\//}")"); fi
    done < <(sed -n 's/.*<ProjectReference[^>]*Include="\([^"]*\)".*/\1/p' "$p")
  done
}

# prov_sources_hash: one hash over every build input of the provisioner.
prov_sources_hash() {
  local -a dirs=()
  local d
  while read -r d; do dirs+=("$(realpath --relative-to="$REPO_ROOT" "$d")"); done < <(prov_project_dirs "$PROV_PROJECT")
  (
    cd "$REPO_ROOT" || exit 1
    {
      find "${dirs[@]}" \( -name bin -o -name obj \) -prune -o -type f \( -name '*.cs' -o -name '*.csproj' \
        -o -name '*.json' -o -name '*.props' -o -name '*.targets' -o -name '*.resx' -o -name '*.razor' \) -print
      ls Directory.Build.props Directory.Build.targets Directory.Packages.props global.json .editorconfig \
        nuget.config NuGet.Config 2>/dev/null || true
    } | LC_ALL=C sort | xargs -r sha256sum | sha256sum | cut -c1-64
  )
}

# prov_build: makes the build of the current sources ready in provisioner/next (unless it already
# runs). Builds are kept per source hash in $STATE_ROOT/.builds, shared by all instances, so a new
# instance of an unchanged checkout starts without building.
prov_build() {
  [[ -f "$PROV_PROJECT" ]] || die "no provisioner project at $PROV_PROJECT"
  command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not installed"
  local hash
  hash="$(prov_sources_hash)"
  if [[ -f "$PROV_DIR/bin/HikubePortal.Provisioner.dll" && "$(cat "$PROV_DIR/bin/.source-hash" 2>/dev/null)" == "$hash" ]]; then
    rm -rf "$PROV_DIR/next"
    return 0
  fi
  if [[ -f "$PROV_DIR/next/HikubePortal.Provisioner.dll" && "$(cat "$PROV_DIR/next/.source-hash" 2>/dev/null)" == "$hash" ]]; then
    return 0
  fi
  mkdir -p "$PROV_DIR" "$LOG_DIR" "$STATE_ROOT/.builds"
  local cached="$STATE_ROOT/.builds/provisioner-${hash:0:16}"
  (
    # One dotnet build at a time: instances started side by side share this checkout's obj/.
    flock -w 900 8 || die "cannot lock $STATE_ROOT/.builds/.lock"
    if [[ ! -f "$cached/HikubePortal.Provisioner.dll" ]]; then
      local t0
      t0=$(now_ms)
      rm -rf "$cached.tmp"
      echo "---- $(date -Is) dotnet build (sources $hash)" >>"$(log_file provisioner-build)"
      DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build "$PROV_PROJECT" -c Release -o "$cached.tmp" \
        -nologo -v q >>"$(log_file provisioner-build)" 2>&1 8>&- 9>&- ||
        fail_server provisioner-build "building the provisioner failed"
      echo "$hash" >"$cached.tmp/.source-hash"
      mv "$cached.tmp" "$cached"
      log "provisioner built in $(elapsed "$t0")"
      # Keep the three newest builds.
      find "$STATE_ROOT/.builds" -mindepth 1 -maxdepth 1 -type d -name 'provisioner-*' -printf '%T@ %p\n' |
        sort -rn | tail -n +4 | cut -d' ' -f2- | xargs -r rm -rf
    fi
  ) 8>"$STATE_ROOT/.builds/.lock"
  touch "$cached"
  rm -rf "$PROV_DIR/next"
  cp -a "$cached" "$PROV_DIR/next"
}

# prov_start: (re)starts the provisioner when it is down or a newer build is waiting.
prov_start() {
  if [[ -d "$PROV_DIR/next" ]]; then
    stop_server provisioner TERM 30
    rm -rf "${PROV_DIR:?}/bin"
    mv "$PROV_DIR/next" "$PROV_DIR/bin"
  fi
  is_running provisioner && return 0
  [[ -f "$PROV_DIR/bin/HikubePortal.Provisioner.dll" ]] || die "the provisioner is not built"
  local logf offset
  logf="$(log_file provisioner)"
  mkdir -p "$LOG_DIR"
  offset=$(stat -c %s "$logf" 2>/dev/null || echo 0)
  (
    export Kubernetes__Kubeconfig="$KUBE_DIR/provisioner.kubeconfig"
    export Radosgw__Endpoint="http://127.0.0.1:$RGW_PORT"
    export Radosgw__AdminAccessKey="$RGW_ACCESS_KEY"
    export Radosgw__AdminSecretKey="$RGW_SECRET_KEY"
    export Provisioner__PublicEndpoint="${HIKUBE_S3_PUBLIC_ENDPOINT:-http://127.0.0.1:$RGW_PORT}"
    export DOTNET_ENVIRONMENT="${HIKUBE_PROVISIONER_ENVIRONMENT:-Production}"
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
    unset KUBECONFIG
    cd "$PROV_DIR/bin" || exit 1
    start_bg provisioner "$(dirname "${BASH_SOURCE[0]}")/supervise.sh" "$RUN_DIR/provisioner-child.pid" -- \
      dotnet "$PROV_DIR/bin/HikubePortal.Provisioner.dll"
  )
  # Ready when the host says so; fails if it exits first. A host that logs no lifetime
  # messages is accepted after 30 s if it is still running.
  local deadline=$(($(now_ms) + 30000)) fresh
  while :; do
    fresh="$(tail -c +$((offset + 1)) "$logf" 2>/dev/null || true)"
    [[ "$fresh" == *"Application started"* ]] && return 0
    [[ "$fresh" == *"[supervise]"*"exited with status"* ]] && fail_server provisioner "the provisioner exited during start-up"
    is_running provisioner || fail_server provisioner "the provisioner's supervisor exited"
    if (($(now_ms) > deadline)); then
      log "warning: the provisioner logged no 'Application started' within 30s; it is running, see $logf"
      return 0
    fi
    sleep 0.1
  done
}

prov_stop() { stop_server provisioner TERM 35; }
