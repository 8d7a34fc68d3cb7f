#!/usr/bin/env bash
# Catalogue benchmark: builds the release binary, creates a FRESH database, fills it with
# `simpul demo --scale N` (the Kota Metro demo plus N synthetic kabupaten of ~2,000 applications
# and ~20,000 assets each), starts `simpul serve`, and measures list, filtered list, search and
# detail requests of the catalogue, both the JSON API (bearer token) and the HTML pages
# (session cookie from the login form), with N concurrent clients (wrk, closed loop). Writes
# the results table to docs/BENCHMARKS.md.
#
# Usage:
#   scripts/bench-catalogue.sh [N]                 # N synthetic regions, default 25 (SQLite)
#   SIMPUL_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/bench-catalogue.sh 25
#       # PostgreSQL: a fresh database simpul_bench_<time> is created on that server
#       # (dropped at the end unless BENCH_KEEP=1)
#
# Settings (environment): BENCH_DURATION (per endpoint, default 20s), BENCH_CLIENTS (default 8),
# BENCH_PORT (default 18080), BENCH_USER (default admin.sintetis01: list endpoints are
# region-scoped, so the benchmark reads the first synthetic region; admin.kominfo reads the
# small Metro demo), BENCH_DIR (default target/bench), BENCH_OUT (default docs/BENCHMARKS.md;
# set BENCH_OUT=- to only print), BENCH_WARM (warm-up pass per mix, default 5s), BENCH_SKIP_BUILD=1, BENCH_REUSE_DB=1 (SQLite only: keep an
# existing target/bench/bench-N.db instead of regenerating it).
#
# Needs: cargo, curl, jq, sqlite3 (SQLite) or psql (PostgreSQL), wrk (installed with apt-get
# when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-25}"
DURATION="${BENCH_DURATION:-20s}"
CLIENTS="${BENCH_CLIENTS:-8}"
PORT="${BENCH_PORT:-18080}"
USER_NAME="${BENCH_USER:-admin.sintetis01}"
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
  cargo build --release -p simpul
fi

# ---------------------------------------------------------------- fresh database
PG_DB=""
if [ -n "${SIMPUL_BENCH_POSTGRES_URL:-}" ]; then
  BACKEND="PostgreSQL $(psql "$SIMPUL_BENCH_POSTGRES_URL" -Atc 'SHOW server_version')"
  PG_DB="simpul_bench_$(date +%Y%m%d%H%M%S)"
  step "creating PostgreSQL database $PG_DB"
  psql "$SIMPUL_BENCH_POSTGRES_URL" -qc "CREATE DATABASE $PG_DB"
  export SIMPUL_DATABASE_URL="${SIMPUL_BENCH_POSTGRES_URL%/*}/$PG_DB"
  DB_FILE=""
else
  BACKEND="SQLite (bundled, WAL)"
  DB_FILE="$DIR/bench-$N.db"
  if [ "${BENCH_REUSE_DB:-0}" != 1 ] || [ ! -f "$DB_FILE" ]; then
    rm -f "$DB_FILE" "$DB_FILE-wal" "$DB_FILE-shm"
  fi
  export SIMPUL_DATABASE_URL="sqlite://$DB_FILE"
fi
export SIMPUL_LOG__LEVEL="${SIMPUL_LOG__LEVEL:-warn}"

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ -n "$PG_DB" ] && [ "${BENCH_KEEP:-0}" != 1 ]; then
    psql "$SIMPUL_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $PG_DB" 2>/dev/null || true
  fi
}
trap cleanup EXIT

"$BIN" migrate >/dev/null
step "simpul demo --scale $N"
GEN_START=$(date +%s.%N)
"$BIN" demo --scale "$N" | tee "$DIR/demo-scale.log" >&2
GEN_SECS=$(awk -v a="$GEN_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
GEN_LINE="$(sed -n 's/^Selesai dalam \([0-9.]*\) s: \([0-9]*\) catatan dan \([0-9]*\) tautan baru.*/\2 records and \3 links written in \1 s/p' "$DIR/demo-scale.log")"

sql() { # one query on the benchmark database, unaligned output
  if [ -n "$DB_FILE" ]; then sqlite3 "$DB_FILE" "$1"; else psql "$SIMPUL_DATABASE_URL" -Atc "$1"; fi
}

if [ -n "$DB_FILE" ]; then
  # The WAL file exists only while a connection has it open.
  DB_SIZE="$(du -cb "$DB_FILE" $( [ -f "$DB_FILE-wal" ] && echo "$DB_FILE-wal" ) | tail -1 | cut -f1)"
else
  DB_SIZE="$(psql "$SIMPUL_DATABASE_URL" -Atc 'SELECT pg_database_size(current_database())')"
fi
DB_SIZE_MB=$(( DB_SIZE / 1024 / 1024 ))

# ---------------------------------------------------------------- server and credentials
step "simpul serve on $BASE"
"$BIN" serve --bind "127.0.0.1:$PORT" >"$DIR/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fs "$BASE/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$BASE/readyz" >/dev/null || { echo "server did not start; see $DIR/serve.log" >&2; exit 1; }

TOKEN="$("$BIN" user token "$USER_NAME" --name bench 2>/dev/null)"
AUTH="Authorization: Bearer $TOKEN"
api() { curl -fsS -H "$AUTH" "$BASE$1"; }

# HTML session: the login form's CSRF token is in the hidden field `_csrf` and, doubled, in
# the cookie `simpul_login_csrf`.
JAR="$DIR/cookies.txt"
rm -f "$JAR"
CSRF="$(curl -fsS -c "$JAR" "$BASE/masuk" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
curl -fsS -o /dev/null -b "$JAR" -c "$JAR" \
  --data-urlencode "_csrf=$CSRF" --data-urlencode "username=$USER_NAME" \
  --data-urlencode "password=$PASSWORD" --data-urlencode "next=/" "$BASE/masuk"
SESSION="$(awk '$6 == "simpul_session" { print $7 }' "$JAR")"
[ -n "$SESSION" ] || { echo "login as $USER_NAME failed" >&2; exit 1; }
COOKIE="Cookie: simpul_session=$SESSION"

# ---------------------------------------------------------------- request mixes
step "preparing request mixes"
APP_TOTAL="$(api '/api/v1/catalogue/application?per_page=1' | jq .total)"
ASSET_TOTAL="$(api '/api/v1/catalogue/asset?per_page=1' | jq .total)"
APP_PAGES=$(( (APP_TOTAL + 24) / 25 ))
ASSET_PAGES=$(( (ASSET_TOTAL + 24) / 25 ))
PD_IDS="$(api '/api/v1/pd?per_page=100' | jq -r '.items[].id')"
APP_IDS="$(api '/api/v1/catalogue/application?per_page=200&sort=updated' | jq -r '.items[].id')"
ASSET_IDS="$(api '/api/v1/catalogue/asset?per_page=200&sort=updated' | jq -r '.items[].id')"
TERMS="simpeg sikda dinkes server ekinerja lapor perizinan pajak switch data+penduduk kesehatan bapenda"

mix() { # name api|html: writes $DIR/paths-<name>-<api|html>.txt and prints its path
  # The API keeps the English kind codes; the pages use the Indonesian URL slugs.
  local name="$1" app=/katalog/aplikasi asset=/katalog/aset f="$DIR/paths-$1-$2.txt"
  [ "$2" = api ] && app=/api/v1/catalogue/application asset=/api/v1/catalogue/asset
  : >"$f"
  case "$name" in
    list)
      for i in $(seq 1 200); do
        echo "$app?page=$(( (i * 7919) % APP_PAGES + 1 ))" >>"$f"
        echo "$asset?page=$(( (i * 104729) % ASSET_PAGES + 1 ))" >>"$f"
      done ;;
    filtered)
      for pd in $PD_IDS; do
        echo "$asset?pd=$pd&status=operasi&sort=updated" >>"$f"
        echo "$app?pd=$pd&status=produksi" >>"$f"
      done ;;
    search)
      for t in $TERMS; do
        echo "$app?q=$t" >>"$f"
        echo "$asset?q=$t" >>"$f"
      done ;;
    detail)
      for id in $APP_IDS; do echo "$app/$id" >>"$f"; done
      for id in $ASSET_IDS; do echo "$asset/$id" >>"$f"; done ;;
  esac
  echo "$f"
}

cat >"$DIR/bench.lua" <<'LUA'
-- Rotates through the paths in BENCH_PATHS with the header in BENCH_HEADER; prints one
-- RESULT line: p50 p90 p99 max (ms), requests, non-2xx/3xx responses, socket errors, req/s.
local paths, i = {}, 0
function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
  local k, v = os.getenv("BENCH_HEADER"):match("^([^:]+):%s*(.*)$")
  wrk.headers[k] = v
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d %d %d %.0f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    summary.requests / (summary.duration / 1e6)))
end
LUA

# ---------------------------------------------------------------- measurements
ROWS=""
run() { # label paths-file header
  local label="$1" paths="$2" header="$3"
  # Warm up (caches, connection pools) before measuring.
  BENCH_PATHS="$paths" BENCH_HEADER="$header" wrk -t1 -c"$CLIENTS" -d3s -s "$DIR/bench.lua" "$BASE" >/dev/null 2>&1 || true
  local r
  r="$(BENCH_PATHS="$paths" BENCH_HEADER="$header" wrk -t1 -c"$CLIENTS" -d"$DURATION" --timeout 10s -s "$DIR/bench.lua" "$BASE" | grep '^RESULT')"
  read -r _ p50 p90 p99 max reqs bad sock rps <<<"$r"
  printf '%-28s p50 %7s ms  p90 %7s ms  p99 %7s ms  max %7s ms  %6s req/s  (%s requests, %s bad, %s socket errors)\n' \
    "$label" "$p50" "$p90" "$p99" "$max" "$rps" "$reqs" "$bad" "$sock" >&2
  ROWS+="| $label | $p50 | $p90 | $p99 | $max | $rps | $reqs | $bad |"$'\n'
}

# A server that has just started reads from cold caches (on PostgreSQL its shared buffers are
# empty): one pass over every mix first, so that the first row measured is not the only one
# that pays for it.
step "warming every mix (${BENCH_WARM:-5s} each)"
for name in list filtered search detail; do
  for kind in api html; do
    header="$AUTH"; [ "$kind" = html ] && header="$COOKIE"
    BENCH_PATHS="$(mix "$name" "$kind")" BENCH_HEADER="$header" wrk -t1 -c"$CLIENTS" -d"${BENCH_WARM:-5s}" -s "$DIR/bench.lua" "$BASE" >/dev/null 2>&1 || true
  done
done

step "measuring: $CLIENTS concurrent clients, $DURATION per endpoint"
for name in list filtered search detail; do
  run "API $name" "$(mix "$name" api)" "$AUTH"
  run "HTML $name" "$(mix "$name" html)" "$COOKIE"
done

# ---------------------------------------------------------------- report
REGION_ID="$(sql "SELECT region_id FROM users WHERE username = '$USER_NAME'")"
COUNTS="$(sql "SELECT COUNT(*) FILTER (WHERE kind = 'application') || ' applications, ' || COUNT(*) FILTER (WHERE kind = 'asset') || ' assets, ' || COUNT(*) || ' records in the measured region ($REGION_ID)' FROM records WHERE region_id = '$REGION_ID'")"
TOTALS="$(sql "SELECT (SELECT COUNT(*) FROM records) || ' records, ' || (SELECT COUNT(*) FROM record_links) || ' links and ' || (SELECT COUNT(*) FROM regions) || ' regions in the database'")"
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
MEM="$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+dirty')"

REPORT="$(cat <<EOF
## $(date -u +%Y-%m-%d) — $BACKEND, --scale $N

- Machine: $(nproc) cores ($CPU), $MEM RAM, $(uname -sr); commit $COMMIT.
- Data: \`simpul demo --scale $N\` took $GEN_SECS s (including the Metro demo; ${GEN_LINE:-nothing new}); database size $DB_SIZE_MB MiB; $TOTALS; $COUNTS.
- Load: wrk, $CLIENTS concurrent clients (one thread, closed loop) for $DURATION per row after a ${BENCH_WARM:-5s} warm-up pass over every row and a 3 s warm-up of the row itself, as \`$USER_NAME\`;
  latencies are measured by the client on the same machine (server and client share the $(nproc) cores).
- Rows: *list* = pages of applications and assets (25 per page, pages spread over the whole list);
  *filtered* = assets of one PD with status \`operasi\` sorted by update, and production applications of one PD;
  *search* = full-text search of 12 words over applications and assets; *detail* = one application or asset
  with its links. API rows call \`/api/v1/catalogue/…\` with a bearer token, HTML rows the pages with a session.

| endpoint | p50 ms | p90 ms | p99 ms | max ms | req/s | requests | non-2xx |
|---|---|---|---|---|---|---|---|
$ROWS
Command: \`scripts/bench-catalogue.sh $N\`$( [ -n "$PG_DB" ] && echo " with \`SIMPUL_BENCH_POSTGRES_URL\`" ).
EOF
)"
echo "$REPORT"
if [ "$OUT" != "-" ]; then
  if [ ! -f "$OUT" ]; then
    printf '# Benchmarks\n\nCatalogue latency at scale, written by `scripts/bench-catalogue.sh` (newest first). Goal: p99 at most 50 ms with 8 concurrent clients on `--scale 25`.\n\n' >"$OUT"
  fi
  # Newest run first, after the file's introduction.
  { sed -n '1,/^Catalogue latency/p' "$OUT"; echo; echo "$REPORT"; echo; sed -n '/^## /,$p' "$OUT"; } >"$OUT.tmp"
  mv "$OUT.tmp" "$OUT"
  step "results written to $OUT"
fi
