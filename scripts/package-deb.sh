#!/usr/bin/env bash
# Builds the Debian package of Simpul with dpkg-deb (no cargo-deb needed).
#
# Usage: scripts/package-deb.sh BINARY OUTDIR
#   BINARY  the release binary (target/release/simpul)
#   OUTDIR  where simpul_<version>_<arch>.deb is written (created); its path is printed
#
# The package installs /usr/bin/simpul (stripped), the conffile /etc/simpul/simpul.toml (works as is:
# SQLite in /var/lib/simpul), the hardened unit /lib/systemd/system/simpul.service and the
# guides under /usr/share/doc/simpul. postinst creates the system user `simpul` and
# /var/lib/simpul (simpul:simpul, 0750), and enables and starts the service where systemd
# runs. Purging keeps /var/lib/simpul (database, documents, signing key) and the user.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${1:?usage: scripts/package-deb.sh BINARY OUTDIR}"
OUT="${2:?usage: scripts/package-deb.sh BINARY OUTDIR}"
[ -x "$BIN" ] || { echo "package-deb: $BIN is not an executable" >&2; exit 2; }
command -v dpkg-deb >/dev/null || { echo "package-deb: dpkg-deb not found" >&2; exit 2; }

VERSION="$("$BIN" --version | awk '{print $2}')"
[ -n "$VERSION" ] || { echo "package-deb: cannot read the version of $BIN" >&2; exit 2; }
ARCH="$(dpkg --print-architecture)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
ROOT="$STAGE/simpul_${VERSION}_${ARCH}"

install -D -m 0755 "$BIN" "$ROOT/usr/bin/simpul"
# As dh_strip does for Debian packages: the release profile already leaves debug info out;
# the symbol table goes too (about 7 MB), so panics name no functions in backtraces (their
# message and source location stay). Unstripped: target/release/simpul, or
# `cargo build --profile profiling` with line tables.
if command -v strip >/dev/null; then
  strip --strip-unneeded "$ROOT/usr/bin/simpul"
fi
install -D -m 0640 scripts/deb/simpul.toml "$ROOT/etc/simpul/simpul.toml"
install -D -m 0644 scripts/deb/simpul.service "$ROOT/lib/systemd/system/simpul.service"
install -d -m 0755 "$ROOT/usr/share/doc/simpul"
for doc in docs/INSTALL.md docs/OPERATIONS.md docs/grafana-simpul.json config/example.toml; do
  [ -e "$doc" ] && install -m 0644 "$doc" "$ROOT/usr/share/doc/simpul/"
done
cat > "$ROOT/usr/share/doc/simpul/copyright" <<'TXT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: simpul
Files: *
License: AGPL-3.0-or-later
 The full text is in /usr/share/common-licenses/AGPL-3 where available, and at
 https://www.gnu.org/licenses/agpl-3.0.txt
TXT

install -d -m 0755 "$ROOT/DEBIAN"
echo "/etc/simpul/simpul.toml" > "$ROOT/DEBIAN/conffiles"
SIZE_KB="$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)"
cat > "$ROOT/DEBIAN/control" <<TXT
Package: simpul
Version: $VERSION
Architecture: $ARCH
Maintainer: Simpul <simpul@localhost>
Installed-Size: $SIZE_KB
Depends: adduser, libc6
Suggests: nginx | apache2, postgresql
Section: web
Priority: optional
Description: platform SPBE pemerintah daerah
 Simpul runs a regional government's SPBE (Sistem Pemerintahan Berbasis
 Elektronik): the register of its agencies, applications, data and
 infrastructure, the compliance checks of its own regulation, workflows,
 an audit trail and a JSON API. One binary, SQLite or PostgreSQL.
TXT

cat > "$ROOT/DEBIAN/postinst" <<'TXT'
#!/bin/sh
set -e
if [ "$1" = "configure" ]; then
    if ! getent passwd simpul >/dev/null; then
        adduser --system --group --home /var/lib/simpul --no-create-home \
            --shell /usr/sbin/nologin --gecos "Simpul" simpul >/dev/null
    fi
    install -d -o simpul -g simpul -m 0750 /var/lib/simpul
    # The configuration may hold the database password: readable by root and the service.
    chown root:simpul /etc/simpul/simpul.toml
    chmod 0640 /etc/simpul/simpul.toml
fi
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null || true
    if [ "$1" = "configure" ]; then
        if [ -z "$2" ]; then
            systemctl enable simpul.service >/dev/null || true
            systemctl start simpul.service || true
        else
            systemctl try-restart simpul.service || true
        fi
    fi
fi
exit 0
TXT

cat > "$ROOT/DEBIAN/prerm" <<'TXT'
#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ "$1" = "remove" ]; then
    systemctl stop simpul.service || true
fi
exit 0
TXT

cat > "$ROOT/DEBIAN/postrm" <<'TXT'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null || true
fi
if [ "$1" = "purge" ]; then
    if [ -d /run/systemd/system ]; then
        systemctl disable simpul.service >/dev/null 2>&1 || true
    fi
    rmdir /etc/simpul 2>/dev/null || true
    if [ -d /var/lib/simpul ]; then
        echo "simpul: /var/lib/simpul (database, documents, signing key) and the user simpul are kept; remove them by hand when they are no longer needed." >&2
    fi
fi
exit 0
TXT
chmod 0755 "$ROOT/DEBIAN/postinst" "$ROOT/DEBIAN/prerm" "$ROOT/DEBIAN/postrm"

mkdir -p "$OUT"
DEB="$OUT/simpul_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
