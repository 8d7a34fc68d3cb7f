#!/usr/bin/env bash
# Workflow kernel benchmark: builds the release binary (unless BENCH_SKIP_BUILD=1), creates a
# FRESH database with `simpul demo --scale N`, adds BENCH_CASES (default 100,000) open cases of
# the kernel's test workflow `trial` in Kota Metro in bulk (SQL over the `cases` table: state
# `diajukan`, spread over Metro's PDs and the last 90 days), starts `simpul serve` with the test
# workflow registered (`SIMPUL_KERNEL__TRIAL_WORKFLOW=true`) and the outbox worker on, and
# measures with wrk (closed loop, BENCH_CLIENTS concurrent clients, default 8):
#   - taking a step (`POST /api/v1/cases/trial/<id>/steps/tinjau` as admin.kominfo, a different
#     case each request: one history event, one audit entry, one outbox row per step),
#   - `GET /api/v1/tasks` and the dashboard `/` for a PD operator (operator.dinkes) and the
#     administrator (admin.kominfo, to whom all 100,000 cases are tasks).
# Writes the results table to docs/BENCHMARKS.md (newest first). Goal: step p99 <= 15 ms,
# tasks and dashboard p99 <= 20 ms, on SQLite and PostgreSQL.
#
# Usage:
#   scripts/bench-workflow.sh [N]            # SQLite, N synthetic regions (default 25)
#   SIMPUL_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/bench-workflow.sh 25
#
# Settings: BENCH_DURATION (default 20s), BENCH_CLIENTS (8), BENCH_PORT (18081), BENCH_CASES
# (100000), BENCH_DIR (target/bench), BENCH_OUT (docs/BENCHMARKS.md; `-` only prints),
# BENCH_SKIP_BUILD=1, BENCH_KEEP=1 (keep the PostgreSQL database).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-25}"
DURATION="${BENCH_DURATION:-20s}"
CLIENTS="${BENCH_CLIENTS:-8}"
PORT="${BENCH_PORT:-18081}"
CASES="${BENCH_CASES:-100000}"
DIR="${BENCH_DIR:-target/bench}"
OUT="${BENCH_OUT:-docs/BENCHMARKS.md}"
PASSWORD="metro-demo-2026"
BASE="http://127.0.0.1:$PORT"
BIN="target/release/simpul"
mkdir -p "$DIR"

step() { printf '\n==> %s\n' "$*" >&2; }

for tool in curl jq $([ -n "${SIMPUL_BENCH_POSTGRES_URL:-}" ] && echo psql || echo sqlite3); do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
if ! command -v wrk >/dev/null; then
  step "installing wrk"
  (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)) \
    || { echo "cannot install wrk" >&2; exit 1; }
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  step "cargo build --release -p simpul"
  CARGO_INCREMENTAL=0 cargo build --release -p simpul
fi

# ---------------------------------------------------------------- fresh database
PG_DB=""
if [ -n "${SIMPUL_BENCH_POSTGRES_URL:-}" ]; then
  BACKEND="PostgreSQL $(psql "$SIMPUL_BENCH_POSTGRES_URL" -Atc 'SHOW server_version')"
  PG_DB="simpul_bench_wf_$(date +%Y%m%d%H%M%S)"
  psql "$SIMPUL_BENCH_POSTGRES_URL" -qc "CREATE DATABASE $PG_DB"
  export SIMPUL_DATABASE_URL="${SIMPUL_BENCH_POSTGRES_URL%/*}/$PG_DB"
  DB_FILE=""
else
  BACKEND="SQLite (bundled, WAL)"
  DB_FILE="$DIR/bench-workflow-$N.db"
  rm -f "$DB_FILE" "$DB_FILE-wal" "$DB_FILE-shm"
  export SIMPUL_DATABASE_URL="sqlite://$DB_FILE"
fi
# Info from the start-up jobs only (the script waits for them), warnings from everything else.
export SIMPUL_LOG__LEVEL="${SIMPUL_LOG__LEVEL:-warn,simpul=info,simpul_app::deadlines=info}"
export SIMPUL_DATA__DIR="$DIR/data-workflow"
export SIMPUL_KERNEL__TRIAL_WORKFLOW=true
export SIMPUL_OUTBOX__DELIVER=true
mkdir -p "$SIMPUL_DATA__DIR"

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$PG_DB" ] && [ "${BENCH_KEEP:-0}" != 1 ]; then
    psql "$SIMPUL_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $PG_DB" 2>/dev/null || true
  fi
}
trap cleanup EXIT

sql() { if [ -n "$DB_FILE" ]; then sqlite3 "$DB_FILE" "$1"; else psql "$SIMPUL_DATABASE_URL" -Atqc "$1"; fi; }

"$BIN" migrate >/dev/null
step "simpul demo --scale $N"
"$BIN" demo --scale "$N" >"$DIR/demo-workflow.log"

step "seeding $CASES open trial cases in metro"
# Case n: id bench-<n>, PD number n mod (Metro's PDs), in its state since n minutes before now.
PDS="(SELECT id, ROW_NUMBER() OVER (ORDER BY code) - 1 AS k, COUNT(*) OVER () AS c FROM pds WHERE region_id = 'metro' AND retired_reason IS NULL)"
if [ -n "$DB_FILE" ]; then
  sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $CASES),
       p AS $PDS
       INSERT INTO cases (id, region_id, workflow, state, pd_id, assignee_id, title, data_json, opened_by, opened_at, state_since, updated_at)
       SELECT printf('bench-%07d', i), 'metro', 'trial', 'diajukan', p.id, NULL, 'Kasus uji ' || i,
              json_object('title', 'Kasus uji ' || i, 'pd', p.id), NULL,
              strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || i || ' minutes'),
              strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || i || ' minutes'),
              strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || i || ' minutes')
       FROM n JOIN p ON p.k = n.i % p.c;"
else
  sql "WITH p AS $PDS
       INSERT INTO cases (id, region_id, workflow, state, pd_id, assignee_id, title, data_json, opened_by, opened_at, state_since, updated_at)
       SELECT 'bench-' || lpad(i::text, 7, '0'), 'metro', 'trial', 'diajukan', p.id, NULL, 'Kasus uji ' || i,
              json_build_object('title', 'Kasus uji ' || i, 'pd', p.id)::text, NULL,
              to_char((now() - make_interval(mins => i)) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),
              to_char((now() - make_interval(mins => i)) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),
              to_char((now() - make_interval(mins => i)) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')
       FROM generate_series(1, $CASES) AS i JOIN p ON p.k = i % p.c;
       ANALYZE cases;"
fi
[ -n "$DB_FILE" ] && sql "ANALYZE;" >/dev/null
SEEDED="$(sql "SELECT COUNT(*) FROM cases WHERE workflow = 'trial' AND state = 'diajukan'")"

step "simpul serve on $BASE"
"$BIN" serve --bind "127.0.0.1:$PORT" >"$DIR/serve-workflow.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fs "$BASE/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "$BASE/readyz" >/dev/null || { echo "server did not start; see $DIR/serve-workflow.log" >&2; exit 1; }

# Steady state: `serve` evaluates every region's compliance and sends the day's reminders at
# start (both daily jobs, recorded in job_runs); the outbox worker then delivers what they queued.
# Measuring meanwhile would time those jobs, not the requests.
REGIONS="$(sql "SELECT COUNT(*) FROM regions")"
step "waiting for the start-up jobs ($REGIONS regions: compliance, reminders, outbox)"
for _ in $(seq 1 300); do
  [ "$(sql "SELECT COUNT(*) FROM job_runs WHERE job LIKE 'compliance.evaluate/%' AND state = 'ok'")" -ge "$REGIONS" ] \
    && [ "$(sql "SELECT COUNT(*) FROM job_runs WHERE job LIKE 'deadlines.remind/%' AND state = 'ok'")" -ge "$REGIONS" ] \
    && [ "$(sql "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND last_error IS NULL")" = 0 ] && break
  sleep 1
done

token() { "$BIN" user token "$1" --name bench 2>/dev/null; }
session() { # login form -> session cookie header
  local jar="$DIR/cookies-$1.txt" csrf
  rm -f "$jar"
  csrf="$(curl -fsS -c "$jar" "$BASE/masuk" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
  curl -fsS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "username=$1" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "next=/" "$BASE/masuk"
  echo "Cookie: simpul_session=$(awk '$6 == "simpul_session" { print $7 }' "$jar")"
}
ADMIN_AUTH="Authorization: Bearer $(token admin.kominfo)"
OP_AUTH="Authorization: Bearer $(token operator.dinkes)"
ADMIN_COOKIE="$(session admin.kominfo)"
OP_COOKIE="$(session operator.dinkes)"
for c in "$ADMIN_COOKIE" "$OP_COOKIE"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$c" "$BASE/")" = 200 ] \
    || { echo "the dashboard does not answer 200 with the session cookie: did the login fail?" >&2; exit 1; }
done
curl -fsS -H "$ADMIN_AUTH" "$BASE/api/v1/tasks?per_page=1" | jq -e '.total > 0' >/dev/null \
  || { echo "the administrator has no tasks: is the trial workflow registered?" >&2; exit 1; }

cat >"$DIR/bench-get.lua" <<'LUA'
-- GET BENCH_PATH with BENCH_HEADER; prints RESULT p50 p90 p99 max requests non2xx errors rps.
function init(args)
  local k, v = os.getenv("BENCH_HEADER"):match("^([^:]+):%s*(.*)$")
  wrk.headers[k] = v
end
function request() return wrk.format("GET", os.getenv("BENCH_PATH")) end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d %d %d %.0f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6)))
end
LUA
cat >"$DIR/bench-step.lua" <<'LUA'
-- POST the step `tinjau` on case bench-<n>, a new n for every request (one wrk thread, so the
-- counter is shared by all connections), starting at BENCH_FIRST.
local n = tonumber(os.getenv("BENCH_FIRST"))
function init(args)
  local k, v = os.getenv("BENCH_HEADER"):match("^([^:]+):%s*(.*)$")
  wrk.headers[k] = v
  wrk.headers["Content-Type"] = "application/json"
end
function request()
  n = n + 1
  return wrk.format("POST", string.format("/api/v1/cases/trial/bench-%07d/steps/tinjau", n), nil,
    '{"comment":"bench","fields":{"reason":"lengkap"}}')
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d %d %d %.0f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6)))
end
LUA

ROWS=""
FIRST=0
measure() { # label script header [path]
  local label="$1" script="$2" header="$3" path="${4:-}" r
  r="$(BENCH_PATH="$path" BENCH_HEADER="$header" BENCH_FIRST="$FIRST" \
      wrk -t1 -c"$CLIENTS" -d"$DURATION" --timeout 10s -s "$DIR/$script" "$BASE" | grep '^RESULT')"
  read -r _ p50 p90 p99 max reqs bad sock rps <<<"$r"
  printf '%-34s p50 %7s  p90 %7s  p99 %7s  max %7s ms  %6s req/s (%s requests, %s non-2xx)\n' \
    "$label" "$p50" "$p90" "$p99" "$max" "$rps" "$reqs" "$bad" >&2
  ROWS+="| $label | $p50 | $p90 | $p99 | $max | $rps | $reqs | $bad |"$'\n'
  LAST_REQS="$reqs"
}
warm() { BENCH_PATH="$2" BENCH_HEADER="$1" wrk -t1 -c"$CLIENTS" -d3s -s "$DIR/bench-get.lua" "$BASE" >/dev/null 2>&1 || true; }

step "measuring"
warm "$OP_AUTH" /api/v1/tasks
measure "GET /api/v1/tasks (operator.dinkes)" bench-get.lua "$OP_AUTH" /api/v1/tasks
warm "$ADMIN_AUTH" /api/v1/tasks
measure "GET /api/v1/tasks (admin.kominfo)" bench-get.lua "$ADMIN_AUTH" /api/v1/tasks
warm "$OP_COOKIE" /
measure "dashboard / (operator.dinkes)" bench-get.lua "$OP_COOKIE" /
warm "$ADMIN_COOKIE" /
measure "dashboard / (admin.kominfo)" bench-get.lua "$ADMIN_COOKIE" /
measure "POST step tinjau (admin.kominfo)" bench-step.lua "$ADMIN_AUTH"
[ "$LAST_REQS" -lt "$SEEDED" ] || echo "warning: the step run used up the seeded cases; later requests got 404" >&2

CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+dirty')"
REPORT="$(cat <<EOT
## Workflow kernel, $(date -u +%Y-%m-%d) — $BACKEND, --scale $N + $SEEDED open cases

- Machine: $(nproc) cores ($CPU), $(uname -sr); commit $COMMIT. wrk, $CLIENTS concurrent clients
  (one thread, closed loop), $DURATION per row after a 3 s warm-up (GET rows).
- Data: \`simpul demo --scale $N\` plus $SEEDED open cases of the test workflow \`trial\` in Kota
  Metro (state \`diajukan\`; every one is a task of admin.kominfo, those of Dinas Kesehatan of
  operator.dinkes). Step row: each request takes \`tinjau\` on a different case (history event,
  audit entry, outbox row to the decider; the outbox worker delivers meanwhile).
- Goal: step p99 <= 15 ms, tasks and dashboard p99 <= 20 ms.

| endpoint | p50 ms | p90 ms | p99 ms | max ms | req/s | requests | non-2xx |
|---|---|---|---|---|---|---|---|
$ROWS
Command: \`scripts/bench-workflow.sh $N\`$( [ -n "$PG_DB" ] && echo " with \`SIMPUL_BENCH_POSTGRES_URL\`" ).
EOT
)"
echo "$REPORT"
if [ "$OUT" != "-" ]; then
  { sed -n '1,/^Catalogue latency/p' "$OUT"; echo; echo "$REPORT"; echo; sed -n '/^## /,$p' "$OUT"; } >"$OUT.tmp"
  mv "$OUT.tmp" "$OUT"
  step "results written to $OUT"
fi
