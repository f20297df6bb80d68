#!/usr/bin/env bash
# Load test of `renja serve` on a release build: the same test as CI's
# (tests/hostile/serve_load.rs) — by default 20 clients × 10 uploads of samples, broken files,
# an oversized one and two large generated workbooks to /api/check and /api/clean, then
# stalled and trickling clients — built with --release. Prints the figures: requests,
# failures, the server's peak RSS against its bound, wall time; exits non-zero when a
# request was answered wrongly.
#
#   scripts/load-serve.sh [CLIENTS] [REQUESTS_PER_CLIENT] [ROWS_OF_THE_LARGE_WORKBOOKS]
set -euo pipefail
cd "$(dirname "$0")/.."
export RENJA_LOAD_CLIENTS="${1:-20}" RENJA_LOAD_REQUESTS="${2:-10}" RENJA_LOAD_ROWS="${3:-4000}"
log="$(mktemp)"
# One test at a time, so the figures of one are not the load of another.
status=0
cargo test --release --locked --test hostile -- serve_load:: --nocapture --test-threads 1 \
  >"$log" 2>&1 || status=$?
# libtest prints `test NAME ... ` before what the test prints: keep the figures alone.
sed -nE 's/.*((serve load: |stalled: |trickling uploads cut ).*)/\1/p; /^test result/p' "$log"
if [ "$status" -ne 0 ]; then
  echo "load-serve: failed (exit $status); whole output in $log" >&2
  exit "$status"
fi
rm -f "$log"
