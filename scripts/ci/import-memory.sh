#!/usr/bin/env bash
# Memory ceiling of spreadsheet imports through the real server (issue 9.5). Starts
# `simpul serve` on a fresh SQLite database in a temporary directory, posts an XLSX bomb (a
# small file whose xl/sharedStrings.xml inflates to 240 MiB of short strings) to
# /api/v1/evaluations/import from 4 clients at once with an admin token, and checks that the
# server's peak RSS (VmHWM in /proc/PID/status) rose by at most the ceiling over its idle RSS.
# Every answer must be a 4xx or 503 (never a 500). Linux only.
#
# Usage: scripts/ci/import-memory.sh [BINARY]   (default: target/debug/simpul, built when missing)
# Settings: SIMPUL_BIN (default target/debug/simpul), IMPORT_MEMORY_CEILING_MIB (default 64),
#           IMPORT_MEMORY_PORT (default 18181), IMPORT_MEMORY_CLIENTS (default 4).
# Needs: curl, python3 (to write the bomb with the standard zipfile module).
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${1:-${SIMPUL_BIN:-target/debug/simpul}}"
CEILING_MIB="${IMPORT_MEMORY_CEILING_MIB:-64}"
PORT="${IMPORT_MEMORY_PORT:-18181}"
CLIENTS="${IMPORT_MEMORY_CLIENTS:-4}"
BASE="http://127.0.0.1:$PORT"
[ -x "$BIN" ] || cargo build -q -p simpul

DIR="$(mktemp -d)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$DIR"
}
trap cleanup EXIT
export SIMPUL_DATABASE_URL="sqlite://$DIR/simpul.db"
export SIMPUL_DATA__DIR="$DIR/data"
export SIMPUL_LOG__LEVEL=warn

python3 - "$DIR/bomb.xlsx" <<'PY'
import sys, zipfile
main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
one = b"<si><t>Bom!</t></si>"
count = 240 * 1024 * 1024 // len(one)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {main} xmlns:r="{rel}"><sheets><sheet name="Penilaian Mandiri" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><worksheet {main}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')
    with z.open("xl/sharedStrings.xml", "w", force_zip64=False) as f:
        f.write(f'<?xml version="1.0"?><sst {main} count="{count}" uniqueCount="{count}">'.encode())
        block = one * 4096
        for _ in range(count // 4096):
            f.write(block)
        f.write(b"</sst>")
PY
echo "bomb: $(stat -c %s "$DIR/bomb.xlsx") bytes, xl/sharedStrings.xml 240 MiB inflated"

"$BIN" migrate >/dev/null 2>&1
"$BIN" serve --demo --bind "127.0.0.1:$PORT" >"$DIR/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
TOKEN="$("$BIN" user token admin.kominfo --name import-memory 2>/dev/null)"
[ -n "$TOKEN" ] || { echo "no token" >&2; cat "$DIR/serve.log" >&2; exit 1; }
# Warm up (one small request), then take the idle RSS and reset the peak to it.
curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/evaluations" >/dev/null || true
kib() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$PID/status"; }
echo 5 > "/proc/$PID/clear_refs" 2>/dev/null || true
IDLE="$(kib VmRSS)"

for i in $(seq 1 "$CLIENTS"); do
  curl -sS -o "$DIR/answer-$i.json" -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" \
    -F year=2019 -F "file=@$DIR/bomb.xlsx" "$BASE/api/v1/evaluations/import" >"$DIR/status-$i" &
done
wait $(jobs -p | grep -v "^$PID$") 2>/dev/null || true

PEAK="$(kib VmHWM)"
GROWN=$(( (PEAK - IDLE) / 1024 ))
FAIL=0
for i in $(seq 1 "$CLIENTS"); do
  code="$(cat "$DIR/status-$i")"
  echo "client $i: HTTP $code $(head -c 200 "$DIR/answer-$i.json")"
  case "$code" in 4??|503) ;; *) FAIL=1 ;; esac
done
echo "server RSS idle $((IDLE / 1024)) MiB, peak $((PEAK / 1024)) MiB: +$GROWN MiB (ceiling +$CEILING_MIB MiB)"
[ "$GROWN" -le "$CEILING_MIB" ] || { echo "import memory ceiling exceeded" >&2; FAIL=1; }
[ "$FAIL" = 0 ] || exit 1
echo "import memory check passed"
