#!/usr/bin/env bash
# Benchmark of `renja batch`, run with --jobs 1 and --jobs 2. The mix (default): 500
# sample-sized files (copies of samples/*.xlsx in 10 folders) plus one generated 100 000-row
# realisation workbook; `small`: 200 sample-sized files and nothing else (issue 17's two
# targets). Prints files per second, the speed-up and the peak memory (/usr/bin/time -f %M, KiB).
#
#   scripts/bench-batch.sh [WORKDIR] [mix|small]
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
kind="${2:-mix}"
case "$kind" in
  mix) small=500 ;;
  small) small=200 ;;
  *) echo "usage: scripts/bench-batch.sh [WORKDIR] [mix|small]" >&2; exit 2 ;;
esac
cargo build --release --quiet
rm -rf "$work/arsip"
samples=(samples/*.xlsx)
for i in $(seq 0 $((small - 1))); do
  folder="$work/arsip/$((i % 10))"
  mkdir -p "$folder"
  cp "${samples[$((i % ${#samples[@]}))]}" "$folder/berkas-$i.xlsx"
done
files=$small
if [ "$kind" = mix ]; then
  cargo run --release --quiet --example make_big -- "$work/besar.xlsx" 100000 >/dev/null
  cp "$work/besar.xlsx" "$work/arsip/5/realisasi-besar.xlsx"
  files=$((small + 1))
fi
for jobs in 1 2; do
  rm -rf "$work/keluar-$jobs"
  start=$(date +%s.%N)
  # Exit 1 (findings) is expected: the samples carry arithmetic errors on purpose.
  /usr/bin/time -f %M -o "$work/mem-$jobs" \
    target/release/renja batch "$work/arsip" -o "$work/keluar-$jobs" --jobs "$jobs" --quiet \
    >/dev/null || [ $? -eq 1 ]
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  echo "$secs" >"$work/secs-$jobs"
  printf 'jobs %d: %d files in %.2f s = %.1f files/s, peak %d KiB\n' \
    "$jobs" "$files" "$secs" "$(echo "$files / $secs" | bc -l)" "$(tail -n 1 "$work/mem-$jobs")"
done
printf 'speed-up jobs 2 / jobs 1: %.2fx\n' "$(echo "$(cat "$work/secs-1") / $(cat "$work/secs-2")" | bc -l)"
echo "gabungan rows: $(($(wc -l <"$work/keluar-2/gabungan.csv") - 1))"
