#!/usr/bin/env bash
# The browser test: builds renja, starts `renja serve` on a free port, lets headless Chromium
# (Debian's /usr/bin/chromium driven by playwright-core) drop samples/realisasi-2023.xlsx on the
# page, then re-checks the downloaded workbook with renja itself (it must read, hold the
# Temuan sheet and no formula) and compares the downloaded CSV report byte for byte with
# `renja check --format csv`. The screenshot is README's picture, docs/serve.png; CI
# (CI=true) writes it to target/browser/hasil.png instead, so a run never changes the tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out=$root/target/browser
mkdir -p "$out"

# The binary `cargo test` built (same features as the tests), so CI does not build it again.
cargo test --quiet --no-run
renja=$root/target/debug/renja

[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --no-audit --no-fund)

"$renja" serve --port 0 > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q http:// "$out/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$out/serve.log" | head -1)
[ -n "$url" ] || { cat "$out/serve.log"; echo "renja serve did not start"; exit 1; }

if [ "${CI:-}" = true ]; then screenshot=$out/hasil.png; else screenshot=$root/docs/serve.png; fi
RENJA_URL=$url RENJA_SAMPLE=$root/samples/realisasi-2023.xlsx RENJA_OUT=$out \
  RENJA_SCREENSHOT=$screenshot node tests/browser/test.mjs

# The page's CSV is the command line's CSV (same renderer, same language as the page: id).
"$renja" check samples/realisasi-2023.xlsx --format csv --lang id > "$out/cli.csv" || true
cmp "$out/laporan.csv" "$out/cli.csv" || { diff "$out/cli.csv" "$out/laporan.csv" | head; echo "the page's CSV is not renja check --format csv"; exit 1; }

cleaned=$(cat "$out/bersih-path.txt")
json=$("$renja" check --format json "$cleaned" || true)
echo "$json" | grep -q '"name": "Temuan"' || { echo "cleaned workbook lacks the Temuan sheet"; exit 1; }
echo "$json" | grep -q '"formulas": 0,' || { echo "cleaned workbook holds formulas"; exit 1; }
if echo "$json" | grep -E '"formulas": [1-9]' >/dev/null; then echo "cleaned workbook holds formulas"; exit 1; fi
echo "browser test ok"
