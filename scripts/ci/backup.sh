#!/usr/bin/env bash
# Whole-system check of online backup and restore (issue 14.1). Starts `simpul serve --demo` on
# a fresh SQLite database, runs 8 concurrent writing clients (curl loops creating Perangkat
# Daerah through the JSON API with an admin token), takes `simpul backup` while they write,
# restores it into an empty database and data directory, and checks that the restore's audit
# chain verifies and that it holds every PD whose creation was acknowledged (201) before the
# backup started. Prints the backup's time and size.
#
# Usage: scripts/ci/backup.sh [BINARY]   (default: target/debug/simpul, built when missing)
# Settings: BACKUP_CHECK_PORT (default 18301). Needs: curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${1:-${SIMPUL_BIN:-target/debug/simpul}}"
[ -x "$BIN" ] || cargo build -q -p simpul
BIN="$(realpath "$BIN")"
PORT="${BACKUP_CHECK_PORT:-18301}"
BASE="http://127.0.0.1:$PORT"
WRITERS=8
# Each writer stops after this many requests or when the stop file appears.
MAX_PER_WRITER=1500

DIR="$(mktemp -d)"
PID=""
WRITER_PIDS=()
cleanup() {
  touch "$DIR/stop" 2>/dev/null || true
  for p in "${WRITER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
export SIMPUL_LOG__LEVEL=warn
src() { SIMPUL_DATABASE_URL="sqlite://$DIR/src/simpul.db" SIMPUL_DATA__DIR="$DIR/src" "$BIN" "$@"; }
dst() { SIMPUL_DATABASE_URL="sqlite://$DIR/dst/simpul.db" SIMPUL_DATA__DIR="$DIR/dst" "$BIN" "$@"; }

mkdir -p "$DIR/src"
echo "frasa sandi uji cadangan CI" >"$DIR/passphrase"
src migrate >/dev/null
src demo >/dev/null
TOKEN="$(src user token admin.kominfo)"
# Not through src(): $! must be the server itself, for the trap to stop it.
SIMPUL_DATABASE_URL="sqlite://$DIR/src/simpul.db" SIMPUL_DATA__DIR="$DIR/src" \
  "$BIN" serve --demo --bind "127.0.0.1:$PORT" >"$DIR/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
  curl -fs "$BASE/readyz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$DIR/serve.log"; echo "serve died"; exit 1; }
  sleep 0.1
done
curl -fs "$BASE/readyz" >/dev/null || { echo "serve did not become ready"; exit 1; }

# Writer W appends the code of every PD the server acknowledged to $DIR/acked-W.
writer() {
  local w=$1 i code status
  for i in $(seq 1 "$MAX_PER_WRITER"); do
    [ -e "$DIR/stop" ] && return 0
    code="BK-$w-$i"
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/api/v1/pd" \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"code\":\"$code\",\"name\":\"Badan Uji Cadangan $w $i\",\"short_name\":\"BUC$w$i\",\"kind\":\"badan\"}" || true)
    if [ "$status" = "201" ]; then echo "$code" >>"$DIR/acked-$w"; else echo "$status" >>"$DIR/failed-$w"; fi
  done
}
for w in $(seq 1 "$WRITERS"); do
  writer "$w" &
  WRITER_PIDS+=($!)
done
# Let every writer get going, then note what was acknowledged before the backup starts.
for _ in $(seq 1 300); do
  n=$({ cat "$DIR"/acked-* 2>/dev/null || true; } | wc -l)
  [ "$n" -ge $((WRITERS * 10)) ] && break
  sleep 0.1
done
cat "$DIR"/acked-* >"$DIR/before"
START_NS=$(date +%s%N)
src backup --out "$DIR/backup" --key-passphrase-file "$DIR/passphrase" >"$DIR/backup.log"
END_NS=$(date +%s%N)
during=$(( $(cat "$DIR"/acked-* | wc -l) - $(wc -l <"$DIR/before") ))
touch "$DIR/stop"
for p in "${WRITER_PIDS[@]}"; do wait "$p" || true; done
WRITER_PIDS=()
cat "$DIR/backup.log"
failed=$({ cat "$DIR"/failed-* 2>/dev/null || true; } | wc -l)
[ "$failed" -eq 0 ] || { echo "FAIL: $failed writes were not acknowledged"; sort "$DIR"/failed-* | uniq -c; exit 1; }

src backup verify "$DIR/backup"
mkdir -p "$DIR/dst"
dst restore "$DIR/backup" --key-passphrase-file "$DIR/passphrase" | tee "$DIR/restore.log"
grep -q "OK: rantai audit utuh" "$DIR/restore.log" || { echo "FAIL: audit verify after restore"; exit 1; }
dst audit verify --checkpoint "$DIR/dst/audit-checkpoints.jsonl"
cmp "$DIR/src/signing.key" "$DIR/dst/signing.key" || { echo "FAIL: the signing key differs"; exit 1; }
dst export --region metro --out "$DIR/restored.json" >/dev/null
python3 - "$DIR/before" "$DIR/restored.json" <<'PY'
import json, sys
before = {l.strip() for l in open(sys.argv[1]) if l.strip()}
bundle = json.load(open(sys.argv[2]))
codes = set()
def walk(v):
    if isinstance(v, dict):
        c = v.get("code")
        if isinstance(c, str) and c.startswith("BK-"):
            codes.add(c)
        for x in v.values():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
walk(bundle)
missing = sorted(before - codes)
if missing:
    print(f"FAIL: {len(missing)} PDs acknowledged before the backup are not in the restore, e.g. {missing[:5]}")
    sys.exit(1)
print(f"OK: all {len(before)} PDs acknowledged before the backup are in the restore ({len(codes)} restored in all)")
PY
SIZE=$(du -sb "$DIR/backup" | cut -f1)
echo "backup: $(( (END_NS - START_NS) / 1000000 )) ms, $SIZE bytes, $WRITERS writers, $during writes acknowledged while it ran"
