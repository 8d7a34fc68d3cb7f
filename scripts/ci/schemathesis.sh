#!/usr/bin/env bash
# Property-based API test: runs schemathesis against a running `simpul serve` (fresh SQLite
# database with the Kota Metro demo) with an admin Kominfo token and a PD operator token,
# and fails on any 5xx and on any answer the OpenAPI document does not describe (status
# code, content type, headers, body schema).
#
# Usage: scripts/ci/schemathesis.sh BINARY        e.g. target/release/simpul
#
# Settings (environment): ST_MAX_EXAMPLES (per operation and token, default 25),
# ST_MAX_TIME (seconds per token, default 120), ST_SEED (default 9), ST_CHECKS (default: the five checks below), ST_PORT (default 18090), ST_VENV (default
# /tmp/st-venv; schemathesis is installed there with pip when missing), ST_KEEP=1 keeps the
# temporary directory (database, server log, reports).
set -euo pipefail
BINARY="$(realpath "${1:?usage: scripts/ci/schemathesis.sh BINARY}")"
cd "$(dirname "$0")/../.."
MAX_EXAMPLES="${ST_MAX_EXAMPLES:-25}"
MAX_TIME="${ST_MAX_TIME:-120}"
SEED="${ST_SEED:-9}"
CHECKS="${ST_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance}"
PORT="${ST_PORT:-18090}"
VENV="${ST_VENV:-/tmp/st-venv}"
BASE="http://127.0.0.1:$PORT"

if [ ! -x "$VENV/bin/st" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==4.32.5"
fi
"$VENV/bin/st" --version

WORK="$(mktemp -d /tmp/simpul-st.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ "${ST_KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

export SIMPUL_DATABASE_URL="sqlite://$WORK/simpul.db"
export SIMPUL_DATA__DIR="$WORK/data"
export SIMPUL_LOG__LEVEL="warn"
touch "$WORK/simpul.db"
"$BINARY" migrate
"$BINARY" demo >/dev/null
ADMIN_TOKEN="$("$BINARY" user token admin.kominfo --name schemathesis 2>/dev/null)"
OPERATOR_TOKEN="$("$BINARY" user token operator.dinkes --name schemathesis 2>/dev/null)"

"$BINARY" serve --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "$BASE/readyz" >/dev/null

# Excluded: writes that would end the run's own access (revoking tokens, resetting passwords,
# editing accounts: an admin could demote or deactivate itself).
run() {
  local who="$1" token="$2"
  echo "==> schemathesis as $who"
  # From the temporary directory: schemathesis keeps state in ./.schemathesis.
  (cd "$WORK" && "$VENV/bin/st" run "$BASE/api/v1/openapi.json" \
    --url "$BASE" \
    -H "Authorization: Bearer $token" \
    --checks "$CHECKS" \
    --exclude-method DELETE \
    --exclude-path-regex '^/api/v1/users/\{id\}(/password)?$' \
    --phases examples,coverage,fuzzing \
    --max-examples "$MAX_EXAMPLES" \
    --max-time "$MAX_TIME" \
    --workers 1 \
    --seed "$SEED" \
    --no-shrink \
    --generation-database none \
    --request-timeout 20 \
    --suppress-health-check all \
    --warnings off \
    --report junit --report-dir "$WORK/report-$who")
}

STATUS=0
START=$(date +%s)
run admin "$ADMIN_TOKEN" || STATUS=1
run operator "$OPERATOR_TOKEN" || STATUS=1
echo "schemathesis took $(( $(date +%s) - START )) s"
if grep -q "panicked\|ERROR" "$WORK/server.log"; then
  echo "server log has errors:"; grep -m 20 "panicked\|ERROR" "$WORK/server.log"; STATUS=1
fi
exit "$STATUS"
