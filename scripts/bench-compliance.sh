#!/usr/bin/env bash
# Compliance engine benchmark (issue 4 item 9): builds the release binary and the benchmark
# example, fills a FRESH database with `simpul demo --scale N` (Kota Metro demo plus N synthetic
# kabupaten, each evaluated under Metro's rule pack), then measures with
# crates/simpul-app/examples/bench_compliance.rs: the full evaluation of every region (first run
# writes the findings, later runs are the daily run) and the re-evaluation after one application
# is edited. Appends the results to docs/BENCHMARKS.md.
#
# Usage:
#   scripts/bench-compliance.sh [N]          # SQLite, default N=25
#   SIMPUL_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/bench-compliance.sh 25
# Settings: BENCH_RUNS (full evaluations, default 5), BENCH_EDITS (edited applications, default
# 30), BENCH_DIR (default target/bench), BENCH_OUT (default docs/BENCHMARKS.md; - to only print),
# BENCH_REUSE_DB=1 (SQLite: reuse target/bench/compliance-N.db; note that findings then exist).
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-25}"
RUNS="${BENCH_RUNS:-5}"
EDITS="${BENCH_EDITS:-30}"
DIR="${BENCH_DIR:-target/bench}"
OUT="${BENCH_OUT:-docs/BENCHMARKS.md}"
mkdir -p "$DIR"
step() { printf '\n==> %s\n' "$*" >&2; }

step "build (release)"
cargo build --release -q -p simpul
cargo build --release -q -p simpul-app --example bench_compliance
BIN=target/release/simpul
EX=target/release/examples/bench_compliance

if [ -n "${SIMPUL_BENCH_POSTGRES_URL:-}" ]; then
  DB="simpul_cbench_$(date +%s)"
  psql "$SIMPUL_BENCH_POSTGRES_URL" -qc "CREATE DATABASE $DB" >/dev/null
  URL="${SIMPUL_BENCH_POSTGRES_URL%/*}/$DB"
  BACKEND="PostgreSQL $(psql "$SIMPUL_BENCH_POSTGRES_URL" -Atc 'SHOW server_version')"
  cleanup() { [ "${BENCH_KEEP:-}" = 1 ] || psql "$SIMPUL_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; }
  trap cleanup EXIT
  FRESH=1
else
  FILE="$DIR/compliance-$N.db"
  URL="sqlite://$FILE"
  BACKEND="SQLite (bundled with sqlx)"
  FRESH=1
  if [ "${BENCH_REUSE_DB:-}" = 1 ] && [ -f "$FILE" ]; then FRESH=0; else rm -f "$FILE" "$FILE-wal" "$FILE-shm"; touch "$FILE"; fi
fi

if [ "$FRESH" = 1 ]; then
  step "simpul demo --scale $N"
  START=$(date +%s)
  SIMPUL_DATABASE_URL="$URL" SIMPUL_LOG__LEVEL=warn "$BIN" demo --scale "$N" >/dev/null
  echo "seeded in $(( $(date +%s) - START )) s" >&2
fi

step "measure ($RUNS full evaluations, $EDITS edits)"
TABLE="$("$EX" "$URL" "$RUNS" "$EDITS")"
echo "$TABLE"

if [ "$OUT" != "-" ]; then
  {
    echo
    echo "## Compliance engine, --scale $N, $BACKEND ($(date -u +%Y-%m-%d))"
    echo
    echo "- Command: \`scripts/bench-compliance.sh $N\`; machine: $(nproc) cores, release build."
    echo "- The full evaluation reads every region's PDs, applications, datasets, domains, LAN diagrams, backup reports and document types, runs the region's rules and synchronises its findings in one transaction per region; the first run after seeding writes every finding, the later ones find nothing to change."
    echo "- The edit row is the whole use case (validation, update, audit entry, commit) plus the re-evaluation of the record's PD that follows it."
    echo
    echo "$TABLE"
  } >> "$OUT"
fi
