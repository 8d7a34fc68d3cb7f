#!/usr/bin/env bash
# Whole-system check of the Debian package (issue 14.4): builds the .deb from the release
# binary, installs it with dpkg -i, checks what it installed (user, directories, modes, the
# shipped binary at most 40 MB), runs the installed /usr/bin/simpul `migrate` and `serve` as
# the simpul user with the installed configuration (start, wait for /readyz, scrape
# /metrics, stop), verifies the systemd unit with systemd-analyze where available, prints
# the release and shipped binaries' sizes, and purges the package at the end, leaving the
# machine as it was (the data directory and the user, which a purge keeps, are removed when
# this run created them). Needs root (CI runs as root on Debian); skipped otherwise.
# Refuses to run where a simpul package is already installed.
#
# Usage: scripts/ci/package.sh [BINARY]   (default target/release/simpul)
# Settings: PACKAGE_PORT (default 18480; the metrics listener uses PACKAGE_PORT + 1).
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN="${1:-target/release/simpul}"
PORT="${PACKAGE_PORT:-18480}"
MPORT=$((PORT + 1))
MAX_BYTES=$((40 * 1000 * 1000))
[ -x "$BIN" ] || { echo "package: $BIN is not an executable (build it with cargo build --release -p simpul)"; exit 1; }
if [ "$(id -u)" != 0 ]; then
  echo "package: skipped (needs root to install the package)"
  exit 0
fi
if dpkg-query -W -f '${Status}' simpul 2>/dev/null | grep -q "install ok"; then
  echo "package: a simpul package is installed on this machine; not touching it"
  exit 1
fi

HAD_USER=0; getent passwd simpul >/dev/null && HAD_USER=1
HAD_DATA=0; [ -e /var/lib/simpul ] && HAD_DATA=1
HAD_ETC=0; [ -e /etc/simpul ] && HAD_ETC=1
DIR="$(mktemp -d)"
PID=""
INSTALLED=0
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [ "$INSTALLED" = 1 ]; then dpkg --purge simpul >/dev/null 2>&1 || true; fi
  if [ "$HAD_DATA" = 0 ]; then rm -rf /var/lib/simpul; fi
  if [ "$HAD_ETC" = 0 ]; then rm -rf /etc/simpul; fi
  if [ "$HAD_USER" = 0 ] && getent passwd simpul >/dev/null; then
    deluser --system --quiet simpul >/dev/null 2>&1 || userdel simpul 2>/dev/null || true
    getent group simpul >/dev/null && { delgroup --system --quiet simpul >/dev/null 2>&1 || groupdel simpul 2>/dev/null || true; }
  fi
  rm -rf "$DIR"
}
trap cleanup EXIT
fail() { echo "package: FAILED: $*"; [ -f "$DIR/serve.log" ] && tail -20 "$DIR/serve.log"; exit 1; }

mb() { awk -v s="$1" 'BEGIN { printf "%d bytes (%.1f MB)", s, s / 1e6 }'; }
echo "package: release binary $BIN: $(mb "$(stat -c %s "$BIN")")"

DEB="$(bash scripts/package-deb.sh "$BIN" "$DIR/out")"
echo "package: built $(basename "$DEB") ($(stat -c %s "$DEB") bytes)"
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'

INSTALLED=1
dpkg -i "$DEB" >"$DIR/dpkg.log" 2>&1 || { cat "$DIR/dpkg.log"; fail "dpkg -i"; }
echo "package: installed"

# What the package laid down.
[ -x /usr/bin/simpul ] || fail "/usr/bin/simpul missing"
SIZE="$(stat -c %s /usr/bin/simpul)"
echo "package: shipped binary /usr/bin/simpul: $(mb "$SIZE")"
[ "$SIZE" -le "$MAX_BYTES" ] || fail "the shipped binary is over 40 MB"
getent passwd simpul | grep -q ':/usr/sbin/nologin$' || fail "system user simpul without a nologin shell"
[ "$(id -u simpul)" -lt 1000 ] || fail "simpul is not a system user"
[ "$(stat -c '%U:%G %a' /var/lib/simpul)" = "simpul:simpul 750" ] || fail "/var/lib/simpul: $(stat -c '%U:%G %a' /var/lib/simpul)"
[ "$(stat -c '%U:%G %a' /etc/simpul/simpul.toml)" = "root:simpul 640" ] || fail "/etc/simpul/simpul.toml: $(stat -c '%U:%G %a' /etc/simpul/simpul.toml)"
dpkg-query --control-show simpul conffiles | grep -qx /etc/simpul/simpul.toml || fail "simpul.toml is not a conffile"
[ -f /lib/systemd/system/simpul.service ] || fail "unit missing"

# setpriv execs the command itself (no PAM session process in between), so $PID below is
# simpul and SIGTERM reaches it.
as_simpul() { (cd /var/lib/simpul && exec setpriv --reuid=simpul --regid=simpul --init-groups "$@"); }
CONF=(--config /etc/simpul/simpul.toml)
as_simpul /usr/bin/simpul "${CONF[@]}" migrate >"$DIR/migrate.log" 2>&1 || { cat "$DIR/migrate.log"; fail "migrate"; }
echo "package: migrate: $(tail -1 "$DIR/migrate.log")"
[ "$(stat -c %U /var/lib/simpul/simpul.db)" = simpul ] || fail "the database is not owned by simpul"

# serve once with the installed configuration; only the ports are moved off the defaults.
cd /var/lib/simpul
SIMPUL_SERVER__BIND="127.0.0.1:$PORT" SIMPUL_METRICS__BIND="127.0.0.1:$MPORT" \
  setpriv --reuid=simpul --regid=simpul --init-groups /usr/bin/simpul "${CONF[@]}" serve >"$DIR/serve.log" 2>&1 &
PID=$!
cd "$OLDPWD"
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || fail "serve exited"
  sleep 0.2
done
[ "$(curl -fsS "http://127.0.0.1:$PORT/readyz")" = ready ] || fail "/readyz"
curl -fsS "http://127.0.0.1:$MPORT/metrics" >"$DIR/metrics.txt" || fail "/metrics"
grep -q '^simpul_build_info{.*backend="sqlite"' "$DIR/metrics.txt" || fail "/metrics has no build info"
[ "$(ps -o user= -p "$PID" | tr -d ' ')" = simpul ] || fail "serve does not run as simpul"
echo "package: serve answered /readyz and /metrics, running as simpul"
kill -TERM "$PID"
wait "$PID" || fail "serve did not stop cleanly on SIGTERM"
PID=""
echo "package: serve stopped"

if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /lib/systemd/system/simpul.service || fail "systemd-analyze verify"
  echo "package: systemd-analyze verify: ok"
  systemd-analyze security --offline=yes /lib/systemd/system/simpul.service 2>/dev/null | tail -1 || true
else
  echo "package: systemd-analyze not available; unit not verified"
fi

dpkg --purge simpul >"$DIR/dpkg.log" 2>&1 || { cat "$DIR/dpkg.log"; fail "dpkg --purge"; }
INSTALLED=0
[ ! -e /usr/bin/simpul ] || fail "/usr/bin/simpul left after purge"
[ ! -e /lib/systemd/system/simpul.service ] || fail "unit left after purge"
[ ! -e /etc/simpul/simpul.toml ] || fail "conffile left after purge"
echo "package: purged; ok"
