#!/usr/bin/env bash
# Two `simpul serve` nodes on one PostgreSQL database and one shared data directory, behind
# Debian's haproxy (issue 14 item 3). Mixed traffic through the balancer (browser logins,
# API reads, catalogue edits, finding steps; scripts/ci/multinode_client.py), then kill -9 of
# one node mid-traffic. Checks: no request failed except those in flight on the killed node
# at that instant, requests after the kill succeed through the other node, each daily job ran
# once (job_runs), no notification was delivered twice (outbox, notifications), and
# `audit verify` passes.
#
# Usage: scripts/ci/multinode.sh BINARY        e.g. target/release/simpul
#
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres) and haproxy (installed with
# apt-get when missing). Ports 18500 (balancer), 18501, 18502 (nodes), 18503 (haproxy stats).
# MN_KEEP=1 keeps the temporary directory (logs, haproxy config, every response recorded).
set -euo pipefail
BINARY="$(realpath "${1:?usage: scripts/ci/multinode.sh BINARY}")"
cd "$(dirname "$0")/../.."
PG_ADMIN="${SIMPUL_CI_POSTGRES_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}"
DB="simpul_mn_$$"
DB_URL="postgres://postgres@127.0.0.1:5432/$DB"
LB_PORT=18500
PORT_A=18501
PORT_B=18502

if ! command -v haproxy >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq haproxy >/dev/null) || { echo "cannot install haproxy"; exit 1; }
fi
haproxy -v | head -1

WORK="$(mktemp -d /tmp/simpul-mn.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  if [ "${MN_KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

at() { echo "--- $* (+${SECONDS}s)"; }
createdb -h 127.0.0.1 -p 5432 -U postgres "$DB"
export SIMPUL_DATABASE_URL="$DB_URL"
export SIMPUL_DATA__DIR="$WORK/shared-data"
export SIMPUL_LOG__LEVEL="info,sqlx=warn"
# The balancer runs on this host: only its X-Forwarded-For is believed.
export SIMPUL_WEB__TRUSTED_PROXIES="127.0.0.1"
# Jobs looked for every 2 s, leases of 6 s: the test sees "ran once" and a handover in seconds.
export SIMPUL_JOBS__TICK_SECS=2
export SIMPUL_JOBS__LEASE_SECS=6
at "migrate and demo seed"
"$BINARY" migrate
"$BINARY" demo >/dev/null
ADMIN_TOKEN="$("$BINARY" user token admin.kominfo --name multinode 2>/dev/null)"
OPERATOR_TOKEN="$("$BINARY" user token operator.dinkes --name multinode 2>/dev/null)"

start_node() { # name port
  SIMPUL_SERVER__NODE_ID="$1" "$BINARY" serve --bind "127.0.0.1:$2" >"$WORK/$1.log" 2>&1 &
  PIDS+=("$!")
  echo "$!" >"$WORK/$1.pid"
}
at "two nodes"
start_node node-a "$PORT_A"
start_node node-b "$PORT_B"
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null
done

# Retry policy: a request whose connection to a node failed (refused: the node is down and
# not yet marked so) is sent to the other node, whatever its method, since the node never saw
# it (`retry-on conn-failure`, `option redispatch`). A GET or HEAD whose node died before
# answering is retried too (`empty-response`, `response-timeout`); a write is not
# (`disable-l7-retry`): it may have committed, and sending it again could apply it twice.
cat >"$WORK/haproxy.cfg" <<CFG
global
    maxconn 512
    log stdout format raw local0 notice

defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout

frontend simpul
    bind 127.0.0.1:$LB_PORT
    option forwardfor
    http-request disable-l7-retry unless METH_GET
    http-response set-header X-Served-By %s
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
    server node-a 127.0.0.1:$PORT_A check
    server node-b 127.0.0.1:$PORT_B check

listen stats
    bind 127.0.0.1:18503
    stats enable
    stats uri /
CFG
haproxy -c -f "$WORK/haproxy.cfg" >/dev/null
haproxy -f "$WORK/haproxy.cfg" >"$WORK/haproxy.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$LB_PORT/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done

q() { psql "$DB_URL" -Atc "$1"; }
# The daily jobs' first slot runs at node start: wait until every region's evaluation and
# reminders, the sweep, the planner statistics and the checkpoint are done.
REGIONS="$(q "SELECT COUNT(*) FROM regions")"
EXPECTED_RUNS=$((REGIONS * 2 + 3))
for _ in $(seq 1 150); do
  [ "$(q "SELECT COUNT(*) FROM job_runs WHERE state = 'ok'")" -ge "$EXPECTED_RUNS" ] && break
  sleep 0.2
done
at "job runs before traffic"
q "SELECT job, slot, node, state, attempts FROM job_runs ORDER BY job"

at "mixed traffic through haproxy, kill -9 of node-a mid-traffic"
MN_BASE="http://127.0.0.1:$LB_PORT" MN_ADMIN_TOKEN="$ADMIN_TOKEN" MN_OPERATOR_TOKEN="$OPERATOR_TOKEN" \
  MN_KILL_PID="$(cat "$WORK/node-a.pid")" MN_KILL_NODE=node-a MN_RECORD="$WORK/responses.json" \
  python3 scripts/ci/multinode_client.py

# Let the survivor deliver what the traffic queued (its worker runs every 30 s at the latest;
# rows the killed node had leased wait for their lease to end).
sleep 3
fail() { echo "multinode: $*" >&2; exit 1; }
at "checks"
RUNS="$(q "SELECT COUNT(*) FROM job_runs")"
OK_ONCE="$(q "SELECT COUNT(*) FROM job_runs WHERE state = 'ok' AND attempts = 1")"
[ "$RUNS" -ge "$EXPECTED_RUNS" ] || fail "only $RUNS job runs, expected $EXPECTED_RUNS"
DAILY="$(q "SELECT COUNT(*) FROM job_runs WHERE job LIKE 'compliance.evaluate/%' OR job LIKE 'deadlines.remind/%' OR job IN ('blobs.sweep', 'store.planner_statistics')")"
DAILY_ONCE="$(q "SELECT COUNT(*) FROM job_runs WHERE (job LIKE 'compliance.evaluate/%' OR job LIKE 'deadlines.remind/%' OR job IN ('blobs.sweep', 'store.planner_statistics')) AND state = 'ok' AND attempts = 1")"
[ "$DAILY" = "$DAILY_ONCE" ] || fail "a daily job ran more than once or did not finish"
[ "$DAILY" = "$((REGIONS * 2 + 2))" ] || fail "$DAILY daily job slots, expected $((REGIONS * 2 + 2)) (one per job and day)"
echo "job runs: $RUNS slots, $OK_ONCE finished on the first attempt; daily: $DAILY, each once"
q "SELECT node, COUNT(*) FROM job_runs GROUP BY node ORDER BY node" | sed 's/^/  ran on /'
# The killed node's leases have expired by now (6 s); a run it left unfinished was taken over.
STUCK="$(q "SELECT COUNT(*) FROM job_runs WHERE state = 'running' AND node = 'node-a'")"
[ "$STUCK" = 0 ] || fail "$STUCK runs of the killed node were not taken over"
HOLDERS="$(q "SELECT COUNT(*) FROM job_leases WHERE last_holder IN ('node-a', 'node-b')")"
[ "$HOLDERS" -ge 1 ] || fail "the leases do not name the nodes"

DUP_NOTIFY="$(q "SELECT COUNT(*) FROM (SELECT user_id, dedup_key FROM notifications GROUP BY user_id, dedup_key HAVING COUNT(*) > 1) d")"
[ "$DUP_NOTIFY" = 0 ] || fail "$DUP_NOTIFY notifications delivered twice"
OUTBOX_TOTAL="$(q "SELECT COUNT(*) FROM outbox")"
DELIVERED="$(q "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL")"
FROM_OUTBOX="$(q "SELECT COUNT(*) FROM notifications WHERE dedup_key LIKE 'outbox:%'")"
PER_ROW="$(q "SELECT COUNT(*) FROM outbox o WHERE (SELECT COUNT(*) FROM notifications n WHERE n.dedup_key = 'outbox:' || o.id) > 1")"
UNDELIVERED_FREE="$(q "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND (SELECT COUNT(*) FROM notifications n WHERE n.dedup_key = 'outbox:' || outbox.id) > 0 AND lease_until IS NULL")"
[ "$PER_ROW" = 0 ] || fail "$PER_ROW outbox messages have more than one notification"
[ "$FROM_OUTBOX" -le "$OUTBOX_TOTAL" ] || fail "more notifications than outbox messages"
[ "$UNDELIVERED_FREE" = 0 ] || fail "$UNDELIVERED_FREE messages have a notification but are not marked delivered"
echo "outbox: $OUTBOX_TOTAL messages, $DELIVERED delivered, $FROM_OUTBOX notifications from them, none twice"
REMINDERS="$(q "SELECT COUNT(*) FROM notifications WHERE dedup_key NOT LIKE 'outbox:%'")"
echo "reminder notifications: $REMINDERS (unique per user and key)"

"$BINARY" audit verify
echo "multinode: OK"
