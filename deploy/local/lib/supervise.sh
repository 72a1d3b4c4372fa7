#!/usr/bin/env bash
# supervise.sh CHILD_PIDFILE -- CMD...: runs CMD and starts it again when it exits (back-off
# 1 s doubling to 30 s, reset after a minute of good running), until this script gets TERM/INT,
# which it passes on to CMD before exiting.
set -uo pipefail
child_pidfile=$1
shift
[[ ${1:-} == -- ]] && shift

child=0
stopping=0
on_signal() {
  stopping=1
  if [[ $child -gt 0 ]]; then kill -TERM "$child" 2>/dev/null || true; fi
}
trap on_signal TERM INT

delay=1
while :; do
  started=$SECONDS
  "$@" &
  child=$!
  echo "$child" >"$child_pidfile"
  # `wait` returns early when a trapped signal arrives: wait until the child is really gone.
  wait "$child"
  rc=$?
  while kill -0 "$child" 2>/dev/null; do
    wait "$child"
    rc=$?
  done
  rm -f "$child_pidfile"
  child=0
  [[ $stopping -eq 1 ]] && exit 0
  ((SECONDS - started > 60)) && delay=1
  echo "[supervise] $(date -Is) $1 exited with status $rc; starting it again in ${delay}s" >&2
  sleep "$delay" &
  wait $! || true
  [[ $stopping -eq 1 ]] && exit 0
  delay=$((delay < 16 ? delay * 2 : 30))
done
