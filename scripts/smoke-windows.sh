#!/usr/bin/env bash
# Smoke test of renja.exe under Wine: what a staff member does on Windows, on
# samples/realisasi-2023.xlsx. `--version`; `check` (text and CSV); `clean`; dropping files onto
# renja.exe (no subcommand, Windows paths with spaces, brackets and non-ASCII letters, a second
# drop getting `NAME.bersih (2).xlsx`); an unreadable file reported with exit code 2; `serve`
# answering the page and POST /api/check (curl).
#
#   scripts/smoke-windows.sh [EXE]     # default target/windows/renja.exe (scripts/build-windows.sh)
#
# Installs Wine (Debian's wine + wine64) as root when missing. Exit codes: 0 passed; 3 Wine or the
# exe is missing (nothing tested); 1 renja.exe misbehaved.
set -euo pipefail
cd "$(dirname "$0")/.."
exe="$(realpath -m "${1:-target/windows/renja.exe}")"
sample="$(realpath samples/realisasi-2023.xlsx)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

[ -f "$exe" ] || { echo "smoke-windows: CANNOT TEST: $exe is missing (scripts/build-windows.sh)" >&2; exit 3; }
if ! command -v wine >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "smoke-windows: apt-get install wine wine64"
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      wine wine64) >/tmp/renja-wine-install.log 2>&1 || true
  fi
  command -v wine >/dev/null \
    || { echo "smoke-windows: CANNOT TEST: Wine is missing (apt-get install wine wine64; log: /tmp/renja-wine-install.log)" >&2; exit 3; }
fi

work=$(mktemp -d)
# Stop this prefix's wineserver (it may still write to the prefix) before removing it.
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work" 2>/dev/null || true' EXIT
# A fresh prefix of our own; no Mono/Gecko install prompts, no Wine debug chatter on stderr.
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY
wine cmd /c ver >/dev/null 2>"$work/wineboot.log" || { cat "$work/wineboot.log" >&2; exit 3; }
# Wine before 9 lacks bcryptprimitives.dll, which Rust's std imports and Windows 10 ships:
# put a stand-in (scripts/wine/bcryptprimitives.c) into this prefix only.
system32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -e "$system32/bcryptprimitives.dll" ]; then
  echo "smoke-windows: $(wine --version) has no bcryptprimitives.dll; using scripts/wine/bcryptprimitives.c"
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$system32/bcryptprimitives.dll" \
    scripts/wine/bcryptprimitives.c -ladvapi32
fi

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# Runs renja.exe with stdin from `echo` (a wait for Enter cannot hang); status in $code,
# stdout in $work/out, stderr in $work/err, both shown.
renja() {
  set +e
  echo | timeout 120 wine "$exe" "$@" >"$work/out" 2>"$work/err"
  code=$?
  set -e
  echo "\$ renja.exe $* → exit $code"
  sed 's/^/    /' "$work/out" "$work/err" | head -n 12 || true
}
win() { winepath -w "$1" 2>/dev/null; }

renja --version
grep -qx "renja $version" "$work/out" || fail "--version should print 'renja $version'"

cp "$sample" "$work/sample.xlsx"
renja check "$(win "$work/sample.xlsx")"
[ "$code" = 1 ] || fail "check on the sample: exit $code, expected 1 (it has findings)"
grep -q 'realisasi\|Realisasi\|temuan' "$work/out" || fail "check printed no report"

# CSV keeps LF line ends on every platform, Windows too (see README, "Report formats").
renja check --format csv "$(win "$work/sample.xlsx")"
cp "$work/out" "$work/report-stdout.csv"
head -n1 "$work/out" | grep -q '^id,severity,rule,' || fail "CSV header missing"
[ "$(wc -l <"$work/out")" -gt 1 ] || fail "CSV has no findings rows"
if grep -q $'\r' "$work/out"; then fail "CSV on stdout has CR line ends"; fi
renja check --format csv -o "$(win "$work/report.csv")" "$(win "$work/sample.xlsx")"
cmp -s "$work/report.csv" "$work/report-stdout.csv" || fail "check -o report.csv differs from stdout"

renja clean "$(win "$work/sample.xlsx")"
[ "$code" = 1 ] || fail "clean on the sample: exit $code, expected 1"
[ "$(head -c2 "$work/sample.bersih.xlsx" 2>/dev/null)" = PK ] || fail "clean wrote no sample.bersih.xlsx"

# Dropping files onto renja.exe: Explorer passes full Windows paths, no subcommand.
names=("Renja Dinas Pendidikan 2024 (rev).xlsx" "Realisasi Belanja Désa Sukamaju – Triwulan IV.xlsx")
for name in "${names[@]}"; do cp "$sample" "$work/$name"; done
renja "$(win "$work/${names[0]}")" "$(win "$work/${names[1]}")"
[ "$code" = 1 ] || fail "drop: exit $code, expected 1"
for name in "${names[@]}"; do
  cleaned="${name%.xlsx}.bersih.xlsx"
  [ "$(head -c2 "$work/$cleaned" 2>/dev/null)" = PK ] || fail "drop did not write '$cleaned'"
  grep -qF "${cleaned}" "$work/out" || fail "drop did not print the name '$cleaned'"
done
renja "$(win "$work/${names[0]}")"
[ -f "$work/Renja Dinas Pendidikan 2024 (rev).bersih (2).xlsx" ] \
  || fail "a second drop should write 'Renja Dinas Pendidikan 2024 (rev).bersih (2).xlsx'"

renja "$(win "$work/tidak ada.xlsx")"
[ "$code" = 2 ] || fail "a missing file: exit $code, expected 2"
grep -qF "tidak ada.xlsx" "$work/out" "$work/err" || fail "the message should name 'tidak ada.xlsx'"

# renja-serve.bat runs `renja.exe serve --open`; here on a free port, without a browser.
echo "\$ renja.exe serve --port 0"
timeout 60 wine "$exe" serve --port 0 >"$work/serve.out" 2>"$work/serve.err" </dev/null &
serve_pid=$!
address=""
for _ in $(seq 1 40); do
  address=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.out" | head -n1 || true)
  [ -n "$address" ] && break
  sleep 0.5
done
if [ -z "$address" ]; then
  fail "serve printed no address"
else
  echo "    $address"
  curl -s -H 'X-Filename: realisasi-2023.xlsx' --data-binary @"$sample" \
    "${address}api/check?lang=en" >"$work/serve.json" || true
  grep -q '"schema": "renja-report/1"' "$work/serve.json" \
    || fail "POST ${address}api/check did not answer the JSON report"
  curl -s "$address" >"$work/serve.html" || true
  grep -qi '<html' "$work/serve.html" || fail "GET $address did not answer the page"
fi
kill "$serve_pid" 2>/dev/null || true

echo
ls -l "$work" | grep -v wine | sed 's/^/    /'
if [ "$failures" -gt 0 ]; then
  echo "smoke-windows: $failures FAILED" >&2
  exit 1
fi
echo "smoke-windows: passed ($exe, $(stat -c %s "$exe") bytes)"
