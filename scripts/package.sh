#!/usr/bin/env bash
# Release archives for staff, in target/dist/:
#   renja-VERSION-windows-x86_64.zip     renja.exe, renja-serve.bat, BACA-SAYA.txt, LICENSE.txt
#   renja-VERSION-linux-x86_64.tar.gz    renja, BACA-SAYA.txt, LICENSE
# Each unpacks into one folder of the same name. Texts come from packaging/; the Windows ones get
# CRLF line ends so Notepad and cmd read them as meant.
#
#   scripts/package.sh                 # both
#   scripts/package.sh linux|windows   # one
#
# Exit code 3 when the Windows build's prerequisites are missing (scripts/build-windows.sh says
# which); the Linux archive is still written.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
dist=target/dist
which="${1:-all}"
mkdir -p "$dist"

# packaging/FILE with {VERSION} filled in; CRLF when $2 is crlf.
text() {
  sed "s/{VERSION}/$version/g" "$1" | if [ "${2:-}" = crlf ]; then sed 's/$/\r/'; else cat; fi
}

linux() {
  local name="renja-$version-linux-x86_64"
  local stage="$dist/$name"
  cargo build --release --locked --bin renja
  rm -rf "$stage" && mkdir -p "$stage"
  strip -o "$stage/renja" target/release/renja
  text packaging/linux/BACA-SAYA.txt >"$stage/BACA-SAYA.txt"
  cp LICENSE "$stage/LICENSE"
  tar -C "$dist" --owner=0 --group=0 -czf "$dist/$name.tar.gz" "$name"
  rm -rf "$stage"
  echo "package: $dist/$name.tar.gz ($(stat -c %s "$dist/$name.tar.gz") bytes)"
}

windows() {
  local name="renja-$version-windows-x86_64"
  local stage="$dist/$name"
  scripts/build-windows.sh
  rm -rf "$stage" && mkdir -p "$stage"
  cp target/windows/renja.exe "$stage/renja.exe"
  text packaging/windows/renja-serve.bat crlf >"$stage/renja-serve.bat"
  text packaging/windows/BACA-SAYA.txt crlf >"$stage/BACA-SAYA.txt"
  text LICENSE crlf >"$stage/LICENSE.txt"
  rm -f "$dist/$name.zip"
  # Python's zipfile rather than zip(1), which a fresh machine may lack.
  python3 - "$dist" "$name" <<'EOF'
import os, sys, zipfile
dist, name = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(os.path.join(dist, name + ".zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(os.listdir(os.path.join(dist, name))):
        z.write(os.path.join(dist, name, f), f"{name}/{f}")
EOF
  rm -rf "$stage"
  echo "package: $dist/$name.zip ($(stat -c %s "$dist/$name.zip") bytes)"
}

case "$which" in
  linux) linux ;;
  windows) windows ;;
  all)
    linux
    windows
    ;;
  *)
    echo "usage: scripts/package.sh [linux|windows]" >&2
    exit 2
    ;;
esac
