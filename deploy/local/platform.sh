#!/usr/bin/env bash
# The local platform: real servers on 127.0.0.1 (PostgreSQL 15, Ceph radosgw, etcd +
# kube-apiserver/kube-controller-manager v1.20.2, an OpenID Provider, the bucket provisioner), several named
# instances side by side, each with its own ports and state directory.
#
#   platform.sh start   [--name NAME] [--persistent] [--no-provisioner]
#                       (RGW_LC_DEBUG_INTERVAL=N in the environment: a lifecycle "day" lasts N seconds)
#   platform.sh stop    [--name NAME] [--purge]
#   platform.sh status  [--name NAME]
#   platform.sh env     [--name NAME]        eval "$(platform.sh env --name NAME)"
#   platform.sh restart COMPONENT [--name NAME]
#   platform.sh tenant  TENANT [--name NAME]
#
# NAME defaults to $HIKUBE_PLATFORM_NAME, else `dev`. State: ${HIKUBE_STATE:-~/.local/state/hikube-portal}/NAME.
# See deploy/local/README.md.
set -Eeuo pipefail
trap 'echo "[platform] error: \"$BASH_COMMAND\" failed (status $?) at ${BASH_SOURCE[0]##*/}:$LINENO" >&2' ERR

LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)"
# shellcheck source=deploy/local/lib/apt.sh
source "$LIB/apt.sh"
# shellcheck source=deploy/local/lib/common.sh
source "$LIB/common.sh"
# shellcheck source=deploy/local/lib/postgres.sh
source "$LIB/postgres.sh"
# shellcheck source=deploy/local/lib/ceph.sh
source "$LIB/ceph.sh"
# shellcheck source=deploy/local/lib/kube.sh
source "$LIB/kube.sh"
# shellcheck source=deploy/local/lib/provisioner.sh
source "$LIB/provisioner.sh"
# shellcheck source=deploy/local/lib/oidc.sh
source "$LIB/oidc.sh"

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}" >&2
  echo "COMPONENT: postgres | etcd | apiserver | controller-manager | rgw | oidc | provisioner" >&2
  exit 2
}

ensure_packages() {
  apt_install postgresql-15 postgresql-client-15 etcd-server ceph-mon ceph-osd radosgw ceph-common \
    python3-rados openssl curl procps util-linux
  command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
  command -v kubectl >/dev/null || apt_install kubernetes-client
}

# ---------------------------------------------------------------------------------------------
cmd_start() {
  local t0
  t0=$(now_ms)
  ensure_packages
  instance_lock
  local mode
  if [[ -f "$STATE_DIR/mode" ]]; then
    mode="$(cat "$STATE_DIR/mode")"
    if [[ $PERSISTENT -eq 1 && $mode != bluestore ]]; then
      die "instance '$INSTANCE' was created for tests (memstore); remove it first: platform.sh stop --purge --name $INSTANCE"
    fi
  else
    mode=memstore
    if [[ $PERSISTENT -eq 1 || $INSTANCE == demo ]]; then mode=bluestore; fi
    echo "$mode" >"$STATE_DIR/mode"
  fi
  # RGW_LC_DEBUG_INTERVAL=N: one lifecycle "day" of radosgw lasts N seconds (lifecycle tests); chosen at each start.
  if [[ -n ${RGW_LC_DEBUG_INTERVAL:-} ]]; then
    [[ $RGW_LC_DEBUG_INTERVAL =~ ^[1-9][0-9]*$ ]] || die "RGW_LC_DEBUG_INTERVAL must be a number of seconds, not '$RGW_LC_DEBUG_INTERVAL'"
    echo "$RGW_LC_DEBUG_INTERVAL" >"$STATE_DIR/rgw-lc-debug-interval"
  else
    rm -f "$STATE_DIR/rgw-lc-debug-interval"
  fi
  ensure_ports
  ensure_secrets
  instance_load
  echo "$WITH_PROVISIONER" >"$STATE_DIR/provisioner-enabled"
  KUBE_BIN="$(kube_bin_dir)"
  mkdir -p "$RUN_DIR" "$LOG_DIR"

  # PostgreSQL, Ceph, Kubernetes and the provisioner's build start side by side.
  local -A steps=()
  local step
  run_step() { # run_step NAME FUNCTION: in the background, output in run/step-NAME.out
    (
      local t
      t=$(now_ms)
      "$2"
      log "$1 ready in $(elapsed "$t")"
    ) >"$RUN_DIR/step-$1.out" 2>&1 &
    steps[$1]=$!
  }
  run_step postgres pg_start
  run_step ceph ceph_start
  run_step kubernetes kube_start
  run_step oidc oidc_start
  if [[ $WITH_PROVISIONER -eq 1 ]]; then run_step provisioner-build prov_build; fi
  local failed=()
  for step in postgres ceph kubernetes oidc provisioner-build; do
    [[ -n "${steps[$step]:-}" ]] || continue
    wait "${steps[$step]}" || failed+=("$step")
    cat "$RUN_DIR/step-$step.out" >&2
  done
  ((${#failed[@]} == 0)) || die "start failed (${failed[*]}); servers that came up keep running, 'platform.sh start' again repairs, 'platform.sh stop' stops them"
  if [[ $WITH_PROVISIONER -eq 1 ]]; then
    prov_start
  else
    prov_stop
  fi
  log "up in $(elapsed "$t0") ($MODE): postgres :$PG_PORT, kube-apiserver :$KUBE_PORT, radosgw :$RGW_PORT, oidc :$OIDC_PORT"
  log "use it: eval \"\$(deploy/local/platform.sh env --name $INSTANCE)\""
}

cmd_stop() {
  if ! instance_exists; then
    log "no instance '$INSTANCE' at $STATE_DIR"
    if [[ $PURGE -eq 1 ]]; then rm -rf "$STATE_DIR"; fi
    return 0
  fi
  instance_load
  instance_lock
  prov_stop
  oidc_stop
  kube_stop &
  local k=$!
  ceph_stop &
  local c=$!
  pg_stop &
  local p=$!
  wait $k $c $p || true
  local left
  left="$(instance_pids | tr '\n' ' ')"
  if [[ -n "${left// /}" ]]; then
    log "killing leftover processes: $left"
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
  fi
  rm -f "$RUN_DIR"/*.pid
  if [[ $PURGE -eq 1 ]]; then
    if [[ "$PG_DIR" != "$STATE_DIR"/* ]]; then rm -rf "$PG_DIR"; fi
    rm -rf "$STATE_DIR"
    log "stopped and removed"
  elif [[ $MODE == memstore ]]; then
    # A test instance's objects lived in memory only: the rest of its data goes too, so the
    # next start is consistent (no Bucket or database row pointing at a vanished S3 bucket).
    pg_wipe
    kube_wipe
    ceph_wipe
    oidc_wipe
    log "stopped; data removed (memstore instance; ports, keys and tokens are kept)"
  else
    log "stopped; data kept in $STATE_DIR"
  fi
}

cmd_status() {
  instance_load
  local enabled down=0 comp pid port rss state
  enabled="$(cat "$STATE_DIR/provisioner-enabled" 2>/dev/null || echo 1)"
  echo "instance $INSTANCE ($MODE) in $STATE_DIR"
  printf '%-20s %8s %6s %9s  %s\n' COMPONENT PID PORT RSS_MIB STATE
  for comp in "${COMPONENTS[@]}"; do
    case $comp in
    postgres) port=$PG_PORT ;;
    etcd) port=$ETCD_PORT ;;
    apiserver) port=$KUBE_PORT ;;
    controller-manager) port=$CM_PORT ;;
    ceph-mon) port=$MON_PORT ;;
    rgw) port=$RGW_PORT ;;
    oidc) port=$OIDC_PORT ;;
    *) port=- ;;
    esac
    if pid="$(pid_of "$comp")"; then
      rss="$(rss_mib "$pid")"
      state=up
      if [[ $port != - ]] && ! tcp_open "$port"; then state="down (not listening)"; fi
      if [[ $comp == provisioner && -f "$RUN_DIR/provisioner-child.pid" ]]; then pid="$pid/$(cat "$RUN_DIR/provisioner-child.pid")"; fi
    else
      pid=- rss=- state=down
      if [[ $comp == provisioner && $enabled == 0 ]]; then state="off (--no-provisioner)"; fi
    fi
    if [[ $state == down* ]]; then down=1; fi
    printf '%-20s %8s %6s %9s  %s\n' "$comp" "$pid" "$port" "$rss" "$state"
  done
  return $down
}

cmd_env() {
  instance_load
  local q
  exp() { printf 'export %s=%q\n' "$1" "$2"; }
  exp HIKUBE_PLATFORM_NAME "$INSTANCE"
  exp HIKUBE_PLATFORM_DIR "$STATE_DIR"
  exp KUBECONFIG "$KUBE_DIR/admin.kubeconfig"
  exp HIKUBE_KUBE_SERVER "$(kube_server)"
  exp HIKUBE_KUBE_CA_FILE "$KUBE_DIR/pki/ca.crt"
  exp HIKUBE_KUBE_ADMIN_TOKEN "$KUBE_ADMIN_TOKEN"
  exp HIKUBE_PORTAL_KUBECONFIG "$KUBE_DIR/portal.kubeconfig"
  exp HIKUBE_PROVISIONER_KUBECONFIG "$KUBE_DIR/provisioner.kubeconfig"
  exp HIKUBE_KUBE_TEST_TOKEN_1 "$KUBE_TEST_TOKEN_1"
  exp HIKUBE_KUBE_TEST_TOKEN_2 "$KUBE_TEST_TOKEN_2"
  exp HIKUBE_KUBE_TEST_TOKEN_3 "$KUBE_TEST_TOKEN_3"
  q="Host=127.0.0.1;Port=$PG_PORT;Username=hikube;Password=$PG_PASSWORD;Database=hikube_portal"
  exp HIKUBE_PG_CONNECTION "$q"
  exp HIKUBE_S3_ENDPOINT "http://127.0.0.1:$RGW_PORT"
  exp HIKUBE_RGW_ADMIN_ACCESS_KEY "$RGW_ACCESS_KEY"
  exp HIKUBE_RGW_ADMIN_SECRET_KEY "$RGW_SECRET_KEY"
  exp AWS_ENDPOINT_URL "http://127.0.0.1:$RGW_PORT"
  exp AWS_ACCESS_KEY_ID "$RGW_ACCESS_KEY"
  exp AWS_SECRET_ACCESS_KEY "$RGW_SECRET_KEY"
  exp AWS_DEFAULT_REGION us-east-1
  exp PGHOST 127.0.0.1
  exp PGPORT "$PG_PORT"
  exp PGUSER hikube
  exp PGPASSWORD "$PG_PASSWORD"
  exp PGDATABASE hikube_portal
  exp HIKUBE_OIDC_ISSUER "$(oidc_issuer)"
  exp HIKUBE_OIDC_CLIENT_ID "$OIDC_CLIENT_ID"
  exp HIKUBE_OIDC_CLIENT_SECRET "$OIDC_CLIENT_SECRET"
  exp HIKUBE_OIDC_USERS_DIR "$(oidc_dir)/users"
  exp HIKUBE_OIDC_USER_PASSWORD "$OIDC_USER_PASSWORD"
  if [[ -n $RGW_LC_DEBUG_INTERVAL ]]; then exp HIKUBE_LC_DAY_SECONDS "$RGW_LC_DEBUG_INTERVAL"; fi
}

cmd_restart() {
  local comp=$1
  instance_load
  instance_lock
  local t0
  t0=$(now_ms)
  case $comp in
  postgres | postgresql)
    pg_stop
    pg_start
    ;;
  etcd)
    stop_server etcd TERM 15
    etcd_start
    ;;
  apiserver | kube-apiserver)
    KUBE_BIN="$(kube_bin_dir)"
    stop_server apiserver TERM 5
    apiserver_start
    ;;
  controller-manager | kube-controller-manager)
    KUBE_BIN="$(kube_bin_dir)"
    stop_server controller-manager TERM 15
    controller_manager_start
    ;;
  rgw | radosgw)
    stop_server rgw TERM 15
    ceph_write_conf
    ceph_rgw_start
    ;;
  provisioner)
    prov_build
    prov_stop
    prov_start
    ;;
  oidc)
    oidc_stop
    oidc_start
    ;;
  *) die "unknown component '$comp' (postgres | etcd | apiserver | controller-manager | rgw | oidc | provisioner)" ;;
  esac
  log "$comp restarted in $(elapsed "$t0")"
}

cmd_tenant() {
  instance_load
  kube_tenant "$1"
}

# ---------------------------------------------------------------------------------------------
COMMAND=""
ARG=""
NAME="${HIKUBE_PLATFORM_NAME:-dev}"
PERSISTENT=0
WITH_PROVISIONER=1
PURGE=0
while (($#)); do
  case $1 in
  --name)
    [[ $# -ge 2 ]] || usage
    NAME=$2
    shift
    ;;
  --name=*) NAME=${1#--name=} ;;
  --persistent) PERSISTENT=1 ;;
  --no-provisioner) WITH_PROVISIONER=0 ;;
  --purge) PURGE=1 ;;
  -h | --help) usage ;;
  -*) usage ;;
  *)
    if [[ -z $COMMAND ]]; then
      COMMAND=$1
    elif [[ -z $ARG ]]; then
      ARG=$1
    else
      usage
    fi
    ;;
  esac
  shift
done

instance_init "$NAME"
case $COMMAND in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status || exit 1 ;;
env) cmd_env ;;
restart)
  [[ -n $ARG ]] || usage
  cmd_restart "$ARG"
  ;;
tenant)
  [[ -n $ARG ]] || usage
  cmd_tenant "$ARG"
  ;;
*) usage ;;
esac
