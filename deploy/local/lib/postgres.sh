# shellcheck shell=bash
# PostgreSQL 15 (Debian): a private cluster on 127.0.0.1:PG_PORT, TCP only, password auth.
# PostgreSQL refuses to run as root: as root it runs as the `postgres` system user. That user
# cannot enter a home directory such as /root (mode 0700), so the data directory then lives in
# /var/lib/hikube-portal/postgres/<instance>-<hash of the state dir> (path in STATE_DIR/pg-dir).

pg_run_as() { # pg_run_as CMD...: runs CMD as the PostgreSQL server user
  if [[ $(id -u) -eq 0 ]]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else
    "$@"
  fi
}

# pg_choose_dir: decides once where this instance's PostgreSQL data lives.
pg_choose_dir() {
  [[ -f "$STATE_DIR/pg-dir" ]] && return 0
  local dir="$STATE_DIR/postgres"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "the 'postgres' system user is missing (package postgresql-common)"
    chmod 0711 "$STATE_DIR"
    if ! setpriv --reuid=postgres --regid=postgres --init-groups -- test -x "$STATE_DIR"; then
      local hash
      hash="$(echo -n "$STATE_DIR" | sha256sum | cut -c1-12)"
      dir="/var/lib/hikube-portal/postgres/$INSTANCE-$hash"
      mkdir -p "$dir"
      chmod 0711 /var/lib/hikube-portal /var/lib/hikube-portal/postgres "$dir"
    fi
  fi
  echo "$dir" >"$STATE_DIR/pg-dir"
  PG_DIR="$dir"
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres; }

pg_init() {
  local data="$PG_DIR/data"
  [[ -f "$data/PG_VERSION" ]] && return 0
  rm -rf "$data"
  mkdir -p "$data"
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$data"; fi
  chmod 0700 "$data"
  mkdir -p "$LOG_DIR"
  # initdb reads the superuser's password from a file it can open as the server user.
  local pwfile="$PG_DIR/.pwfile"
  (umask 077 && echo "$PG_SUPER_PASSWORD" >"$pwfile")
  if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$pwfile"; fi
  pg_run_as "$PG_BIN/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >>"$(log_file postgres)" 2>&1 || {
    rm -f "$pwfile"
    fail_server postgres "initdb failed"
  }
  rm -f "$pwfile"
  local durability="on"
  # test instances: their data is thrown away at stop
  if [[ $MODE == memstore ]]; then durability="off"; fi
  pg_run_as tee -a "$data/postgresql.conf" >/dev/null <<EOF

# hikube-portal local platform
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 300
shared_buffers = 128MB
fsync = $durability
synchronous_commit = $durability
full_page_writes = $durability
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_messages = warning
EOF
  pg_run_as tee "$data/pg_hba.conf" >/dev/null <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
host    all       all   127.0.0.1/32   scram-sha-256
EOF
}

pg_start() {
  pg_choose_dir
  if is_running postgres && pg_ready; then return 0; fi
  pg_adopt
  if is_running postgres; then
    wait_ready postgres 60 pg_ready
    pg_bootstrap
    return 0
  fi
  pg_init
  # Started directly (not through pg_ctl) so the pid is the postmaster's; the state dir in
  # cluster_name names the instance in every postgres process title.
  local -a as_user=()
  if [[ $(id -u) -eq 0 ]]; then as_user=(setpriv --reuid=postgres --regid=postgres --init-groups --); fi
  start_bg postgres "${as_user[@]}" "$PG_BIN/postgres" -D "$PG_DIR/data" -c "cluster_name=hikube $STATE_DIR/"
  wait_ready postgres 60 pg_ready
  pg_bootstrap
}

# pg_bootstrap: the application role (may CREATE DATABASE) and database; idempotent.
pg_bootstrap() {
  PGPASSWORD="$PG_SUPER_PASSWORD" "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 >/dev/null 2>>"$(log_file postgres)" <<EOF || fail_server postgres "creating role hikube / database hikube_portal failed"
\set pw '$PG_PASSWORD'
SELECT format('CREATE ROLE hikube LOGIN CREATEDB PASSWORD %L', :'pw')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hikube') \gexec
SELECT format('ALTER ROLE hikube LOGIN CREATEDB PASSWORD %L', :'pw') \gexec
SELECT 'CREATE DATABASE hikube_portal OWNER hikube'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hikube_portal') \gexec
EOF
}

# pg_adopt: a postmaster of this data directory whose pid file got lost is taken back.
pg_adopt() {
  local pidf="$PG_DIR/data/postmaster.pid" pid
  [[ -f "$pidf" ]] || return 0
  pid="$(head -n1 "$pidf")"
  if [[ -n "$pid" && "$(cat "/proc/$pid/comm" 2>/dev/null)" == postgres ]] &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$PG_DIR/data"; then
    mkdir -p "$RUN_DIR"
    echo "$pid" >"$(pid_file postgres)"
  fi
}

pg_stop() { stop_server postgres INT 30; }

pg_wipe() { rm -rf "$PG_DIR/data"; }
