#!/usr/bin/env bash
# Soak test: sustained concurrent load on every public route (loopback only, bounded in time)
# while backups run, then a verdict on errors and memory.
#
#   bench/soak.sh [CONNECTIONS=256] [SECONDS=60]
#
# Needs wrk (apt-get install -y wrk). Builds the release binary if needed. Starts its own
# server on a free loopback port with a fresh database and stops only what it started.
# Passes (exit 0) when there are no socket errors, no 5xx, and the server's resident memory at
# the end is within 20% of the memory after warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS="${1:-256}"
SECONDS_LOAD="${2:-60}"
command -v wrk >/dev/null || { echo "soak: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
cargo build --release --quiet
BIN="$PWD/target/release/clusterscope"

WORK="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=""
BACKUP_PID=""
cleanup() {
  [ -n "$BACKUP_PID" ] && kill "$BACKUP_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

RUST_LOG=warn "$BIN" serve --bind "127.0.0.1:$PORT" --db "$WORK/soak.db" --request-timeout-secs 30 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 100); do curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "$BASE/healthz" >/dev/null

rss() { awk -v f="$2" '$1 == f":" {print $2}' "/proc/$1/status"; }  # kB
START_RSS=$(rss "$SERVER_PID" VmRSS)

# Warm up at the same concurrency, so that "after warm-up" is the steady state: every
# connection's buffers and the allocator's arenas are in place.
echo "soak: warming up ($CONNECTIONS connections, 20 s) ..."
wrk -t2 -c"$CONNECTIONS" -d20s --timeout 30s -s bench/routes.lua "$BASE/" >"$WORK/warmup.txt"
WARM_RSS=$(rss "$SERVER_PID" VmRSS)
WARM_ANON=$(rss "$SERVER_PID" RssAnon)

# Backups while the load runs: a consistent copy every few seconds.
(
  i=0
  while true; do
    i=$((i + 1))
    if "$BIN" backup "$WORK/backup-$i.db" --db "$WORK/soak.db" >/dev/null 2>>"$WORK/backup.log"; then
      echo "backup $i ok" >>"$WORK/backup.log"
    else
      echo "backup $i failed" >>"$WORK/backup.log"
    fi
    rm -f "$WORK/backup-$((i - 1)).db"
    sleep 3
  done
) &
BACKUP_PID=$!

echo "soak: $CONNECTIONS connections for $SECONDS_LOAD s across $(grep -c '^  "/' bench/routes.lua) routes, backups running ..."
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_LOAD}s" --timeout 30s --latency -s bench/routes.lua "$BASE/" | tee "$WORK/soak.txt"
kill "$BACKUP_PID" 2>/dev/null || true
wait "$BACKUP_PID" 2>/dev/null || true
BACKUP_PID=""
END_RSS=$(rss "$SERVER_PID" VmRSS)
END_ANON=$(rss "$SERVER_PID" RssAnon)

SOCKET_ERRORS=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$WORK/soak.txt")
SOCKET_ERRORS=${SOCKET_ERRORS:-0}
NON_2XX=$(awk '/Non-2xx or 3xx responses/ {print $5}' "$WORK/soak.txt")
NON_2XX=${NON_2XX:-0}
FIVEXX=$(awk '/^5xx:/ {print $2}' "$WORK/soak.txt")
BACKUPS=$(grep -c ' ok$' "$WORK/backup.log" 2>/dev/null || true)
BACKUP_FAILURES=$(grep -c failed "$WORK/backup.log" 2>/dev/null || true)
GROWTH=$(awk -v a="$WARM_RSS" -v b="$END_RSS" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')

echo
echo "== soak verdict ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
echo "requests/s:          $(awk '/Requests\/sec/ {print $2}' "$WORK/soak.txt")"
echo "socket errors:       $SOCKET_ERRORS"
echo "non-2xx/3xx answers: $NON_2XX (5xx: $FIVEXX)"
echo "backups:             ${BACKUPS:-0} made, ${BACKUP_FAILURES:-0} failed"
echo "RSS start / warm / end (kB):   $START_RSS / $WARM_RSS / $END_RSS  (end vs warm-up: $GROWTH%)"
echo "RssAnon warm / end (kB):       $WARM_ANON / $END_ANON"

FAIL=0
[ "$SOCKET_ERRORS" -eq 0 ] || { echo "FAIL: socket errors"; FAIL=1; }
[ "$FIVEXX" -eq 0 ] || { echo "FAIL: 5xx answers"; FAIL=1; }
[ "$NON_2XX" -eq 0 ] || { echo "FAIL: non-2xx/3xx answers"; FAIL=1; }
[ "${BACKUP_FAILURES:-0}" -eq 0 ] && [ "${BACKUPS:-0}" -gt 0 ] || { echo "FAIL: backups failed or none ran"; FAIL=1; }
awk -v g="$GROWTH" 'BEGIN { exit !(g <= 20 && g >= -20) }' || { echo "FAIL: memory moved more than 20% after warm-up"; FAIL=1; }
[ "$FAIL" -eq 0 ] && echo "PASS"
exit "$FAIL"
