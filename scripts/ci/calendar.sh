#!/usr/bin/env bash
# Cross-check of the working-day calendar data (frameworks/calendar/<year>.toml) against the
# Python `holidays` package: every hari libur nasional and cuti bersama of each shipped year is
# compared, by date and kind, with holidays.Indonesia(years=Y) in its "public" category (libur
# nasional) and its "government" category (cuti bersama; the default call leaves these out).
# Every difference must be listed in the year's file as [[differences]] (date, differs =
# only_here | only_package | kind, justification); the check fails on an unlisted difference
# and on a listed difference that no longer exists. See docs/ARCHITECTURE.md.
#
# Usage: scripts/ci/calendar.sh [BINARY]   (the argument, passed by .ci/run, is not used)
# Settings: SIMPUL_VENV (a venv to reuse; created and kept if missing), SIMPUL_HOLIDAYS_VERSION
#           (default 0.109, pinned so that a new package release cannot break CI unseen),
#           SIMPUL_CALENDAR_DIR (default frameworks/calendar).
# Needs: python3 (3.11+, for tomllib) with venv, and PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION="${SIMPUL_HOLIDAYS_VERSION:-0.109}"
DATA_DIR="${SIMPUL_CALENDAR_DIR:-frameworks/calendar}"
if [ -n "${SIMPUL_VENV:-}" ]; then
  VENV="$SIMPUL_VENV"
else
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  VENV="$TMP/venv"
fi
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import holidays, sys; sys.exit(holidays.__version__ != '$VERSION')" 2>/dev/null; then
  "$VENV/bin/pip" install -q --disable-pip-version-check "holidays==$VERSION"
fi
"$VENV/bin/python" scripts/ci/calendar_crosscheck.py "$DATA_DIR"
