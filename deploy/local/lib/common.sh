# shellcheck shell=bash
# Shared helpers of the local platform: instance layout, ports, secrets, background servers,
# readiness checks. Sourced by platform.sh, not run.

PG_BIN=/usr/lib/postgresql/15/bin
SYS_PYTHON=/usr/bin/python3 # python3-rados is installed for Debian's python, not for any other in PATH
STATE_ROOT="${HIKUBE_STATE:-$HOME/.local/state/hikube-portal}"

# Every server the platform runs, in start order.
COMPONENTS=(postgres etcd apiserver controller-manager ceph-mon ceph-osd rgw oidc provisioner)

log() { echo "[${INSTANCE:-platform}] $*" >&2; }
die() { echo "[${INSTANCE:-platform}] error: $*" >&2; exit 1; }

now_ms() { date +%s%3N; }
elapsed() { # elapsed START_MS -> "1.2s"
  local d=$(($(now_ms) - $1))
  printf '%d.%01ds' $((d / 1000)) $((d % 1000 / 100))
}

# instance_init NAME: sets the instance's variables (paths); creates nothing.
instance_init() {
  INSTANCE="$1"
  [[ "$INSTANCE" =~ ^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$ ]] ||
    die "instance name '$INSTANCE' must be a short DNS label (a-z, 0-9, '-')"
  STATE_DIR="$STATE_ROOT/$INSTANCE"
  RUN_DIR="$STATE_DIR/run"
  LOG_DIR="$STATE_DIR/logs"
  KUBE_DIR="$STATE_DIR/kube"
  CEPH_DIR="$STATE_DIR/ceph"
  ETCD_DIR="$STATE_DIR/etcd"
  PROV_DIR="$STATE_DIR/provisioner"
  PG_DIR="$STATE_DIR/postgres"
  if [[ -f "$STATE_DIR/pg-dir" ]]; then PG_DIR="$(cat "$STATE_DIR/pg-dir")"; fi
  return 0
}

instance_exists() { [[ -f "$STATE_DIR/ports.env" && -f "$STATE_DIR/secrets.env" ]]; }

instance_load() {
  instance_exists || die "instance '$INSTANCE' has never been started (no $STATE_DIR/ports.env); run: platform.sh start --name $INSTANCE"
  # shellcheck disable=SC1091
  source "$STATE_DIR/ports.env"
  # shellcheck disable=SC1091
  source "$STATE_DIR/secrets.env"
  MODE="$(cat "$STATE_DIR/mode")"
  RGW_LC_DEBUG_INTERVAL="$(cat "$STATE_DIR/rgw-lc-debug-interval" 2>/dev/null || true)"
  return 0
}

# instance_lock: one start/stop/restart at a time per instance (fd 9, closed for every server).
instance_lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock -w 900 9 || die "another platform.sh command holds $STATE_DIR/.lock"
}

# random_alnum N: N random characters from [A-Za-z0-9] (no pipes: no SIGPIPE under pipefail).
random_alnum() {
  local n=$1 s=""
  while ((${#s} < n)); do
    s+="$(openssl rand -base64 $((n * 2)))"
    s="${s//[^A-Za-z0-9]/}"
  done
  echo "${s:0:n}"
}

# Every port an instance has, in ports.env.
PORT_NAMES=(PG_PORT ETCD_PORT ETCD_PEER_PORT KUBE_PORT CM_PORT MON_PORT RGW_PORT OIDC_PORT)

# ensure_ports: picks free loopback ports once and remembers them in ports.env; an instance made before a port
# was added gets just the missing one (its other ports stay).
ensure_ports() {
  local name missing=()
  for name in "${PORT_NAMES[@]}"; do
    grep -q "^$name=" "$STATE_DIR/ports.env" 2>/dev/null || missing+=("$name")
  done
  ((${#missing[@]} == 0)) && return 0
  mkdir -p "$STATE_ROOT" "$STATE_DIR"
  local taken
  # Ports of other instances are reserved even while they are stopped.
  taken="$(find "$STATE_ROOT" -mindepth 2 -maxdepth 2 -name ports.env -exec sed -n 's/^[A-Z_]*=//p' {} + | tr '\n' ' ')"
  (
    flock -w 60 8 || die "cannot lock $STATE_ROOT/.ports.lock"
    if [[ -f "$STATE_DIR/ports.env" ]]; then cp "$STATE_DIR/ports.env" "$STATE_DIR/ports.env.tmp"; else : >"$STATE_DIR/ports.env.tmp"; fi
    NAMES="${missing[*]}" TAKEN="$taken" "$SYS_PYTHON" - "$STATE_DIR/ports.env.tmp" <<'EOF'
import os, random, socket, sys
names = os.environ["NAMES"].split()
taken = {int(p) for p in os.environ.get("TAKEN", "").split() if p.isdigit()}
chosen = []
while len(chosen) < len(names):
    # Below the kernel's ephemeral range (32768+) and away from well-known server ports.
    port = random.randint(20000, 32000)
    if port in taken or port in chosen:
        continue
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    chosen.append(port)
with open(sys.argv[1], "a") as f:
    for n, p in zip(names, chosen):
        f.write(f"{n}={p}\n")
EOF
    mv "$STATE_DIR/ports.env.tmp" "$STATE_DIR/ports.env"
  ) 8>"$STATE_ROOT/.ports.lock"
}

# ensure_secrets: generates every password, key and token once (secrets.env, mode 0600); secrets added to the
# platform later are appended to an existing instance's file.
ensure_secrets() {
  if [[ ! -f "$STATE_DIR/secrets.env" ]]; then new_secrets; fi
  ensure_secret OIDC_CLIENT_SECRET 40
  ensure_secret OIDC_COOKIE_KEY 40
  ensure_secret OIDC_USER_PASSWORD 20
}

new_secrets() {
  local f="$STATE_DIR/secrets.env.tmp"
  (
    umask 077
    {
      echo "PG_SUPER_PASSWORD=$(random_alnum 32)"
      echo "PG_PASSWORD=$(random_alnum 32)"
      echo "RGW_ACCESS_KEY=$(openssl rand -hex 10 | tr a-f A-F)"
      echo "RGW_SECRET_KEY=$(random_alnum 40)"
      echo "KUBE_ADMIN_TOKEN=$(random_alnum 48)"
      echo "KUBE_CM_TOKEN=$(random_alnum 48)"
      echo "KUBE_TEST_TOKEN_1=$(random_alnum 48)"
      echo "KUBE_TEST_TOKEN_2=$(random_alnum 48)"
      echo "KUBE_TEST_TOKEN_3=$(random_alnum 48)"
    } >"$f"
  )
  mv "$f" "$STATE_DIR/secrets.env"
}

# ensure_secret NAME LENGTH: appends a random NAME to secrets.env unless it is there.
ensure_secret() {
  grep -q "^$1=" "$STATE_DIR/secrets.env" && return 0
  (umask 077 && echo "$1=$(random_alnum "$2")" >>"$STATE_DIR/secrets.env")
}

# ---------------------------------------------------------------------------------------------
# Background servers. Each runs in its own session (setsid: pgid = pid), pid in run/NAME.pid,
# output in logs/NAME.log. A pid counts only while its command line still names this instance
# (the state directory or the PostgreSQL data directory), so a recycled pid is never mistaken.

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# pid_of NAME: prints the pid when the server runs, else fails.
pid_of() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  # With the trailing slash: instance `p` must not claim the processes of instance `p2`.
  [[ "$cmd" == *"$STATE_DIR/"* || "$cmd" == *"$PG_DIR/"* ]] || return 1
  # A zombie (exited, not reaped yet) is not running.
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]] || return 1
  echo "$pid"
}

is_running() { pid_of "$1" >/dev/null; }

# start_bg NAME CMD...: runs CMD in the background in its own session.
start_bg() {
  local name=$1
  shift
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  kill_leftovers "$name"
  local logf
  logf="$(log_file "$name")"
  echo "---- $(date -Is) starting $name" >>"$logf"
  setsid "$@" </dev/null >>"$logf" 2>&1 9>&- &
  echo $! >"$(pid_file "$name")"
}

# kill_leftovers NAME: kills what is left in the session of the server's last recorded pid
# (children; a supervised process whose supervisor was killed), only processes of this instance.
kill_leftovers() {
  local f sid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 0
  sid="$(cat "$f")"
  [[ "$sid" =~ ^[0-9]+$ ]] || return 0
  pkill -KILL -s "$sid" -f -- "$(regex_quote "$STATE_DIR/")" 2>/dev/null || true
  if [[ "$PG_DIR" != "$STATE_DIR"/* ]]; then
    pkill -KILL -s "$sid" -f -- "$(regex_quote "$PG_DIR/")" 2>/dev/null || true
  fi
}

# stop_server NAME [SIGNAL] [TIMEOUT_S]: signals the server, waits, kills it at the timeout;
# then kills whatever is left in its session.
stop_server() {
  local name=$1 sig=${2:-TERM} timeout=${3:-15} pid
  if pid="$(pid_of "$name")"; then
    kill "-$sig" "$pid" 2>/dev/null || true
    local deadline=$(($(now_ms) + timeout * 1000))
    while kill -0 "$pid" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]]; do
      if (($(now_ms) > deadline)); then
        log "$name did not stop within ${timeout}s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.05
    done
  fi
  kill_leftovers "$name"
  rm -f "$(pid_file "$name")"
}

# fail_server NAME MESSAGE: fails with the tail of the server's log.
fail_server() {
  local name=$1
  shift
  {
    echo "[$INSTANCE] error: $*"
    echo "[$INSTANCE] last lines of $(log_file "$name"):"
    tail -n 30 "$(log_file "$name")" 2>/dev/null | sed 's/^/    /'
  } >&2
  exit 1
}

# wait_ready NAME TIMEOUT_S CHECK...: polls CHECK until it succeeds; fails early when the
# server exits and at the timeout, both with the server's log.
wait_ready() {
  local name=$1 timeout=$2
  shift 2
  local deadline=$(($(now_ms) + timeout * 1000)) delay=0.05
  until "$@" >/dev/null 2>&1; do
    is_running "$name" || fail_server "$name" "$name exited during start-up"
    (($(now_ms) < deadline)) || fail_server "$name" "$name not ready after ${timeout}s"
    sleep "$delay"
    delay=0.1
  done
}

# tcp_open PORT: something listens on 127.0.0.1:PORT.
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# rss_mib PID: resident memory of the server's whole session (the server and its children).
rss_mib() {
  local kb
  kb="$(ps -o rss= -s "$1" 2>/dev/null | awk '{s+=$1} END {print s+0}')"
  echo $((kb / 1024))
}

# regex_quote TEXT: TEXT as an extended regular expression matching itself.
regex_quote() { printf '%s' "$1" | sed 's/[][\.*^$+?(){}|]/\\&/g'; }

# instance_pids: every process still running for this instance (servers and their helpers),
# never the caller's own processes or a user's shell/viewer that merely names a log file.
instance_pids() {
  local pid comm cmd
  local -a pids
  mapfile -t pids < <(pgrep -f -- "$(regex_quote "$STATE_DIR/")" || true)
  if [[ "$PG_DIR" != "$STATE_DIR"/* ]]; then
    mapfile -t -O "${#pids[@]}" pids < <(pgrep -f -- "$(regex_quote "$PG_DIR/")" || true)
  fi
  for pid in "${pids[@]}"; do
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    comm="$(cat "/proc/$pid/comm" 2>/dev/null)" || continue
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || continue
    case "$comm" in
    postgres | etcd | kube-apiserver | kube-controller | ceph-mon | ceph-osd | radosgw | radosgw-admin | dotnet | HikubePortal.Pr | node) echo "$pid" ;;
    bash) if [[ "$cmd" == *supervise.sh* ]]; then echo "$pid"; fi ;;
    esac
  done | sort -u
}
