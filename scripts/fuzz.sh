#!/usr/bin/env bash
# Builds and runs every cargo-fuzz target in fuzz/ for SECONDS each (default 300), one at a
# time, and prints per target: "target: N execs, T s, crashes: K".
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); outside CI, which
# uses stable only. Targets run one after another in a single libFuzzer process each (no
# -jobs/-fork: the machine has 2 cores shared with other builds). A target stops at its
# first crash, timeout or out-of-memory; the input is saved under fuzz/artifacts/TARGET/
# (minimise it with `cargo +nightly fuzz tmin -O -s none TARGET FILE`).
#
# Seed corpora, copied into fuzz/corpus/TARGET/ (which stays local, like what libFuzzer adds
# there): the small hand-written fuzz/seeds/TARGET/ files, every file in samples/ and
# tests/fixtures/ (pipeline_bytes), the samples' worksheet XML with their shared strings
# (sheet_xml), the HTML, MHTML and CSV samples (html_csv) and the samples' workbook XML with
# their styles (workbook_parts).
set -euo pipefail

seconds="${1:-300}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/fuzz"
all_targets=(number code formula pipeline_bytes sheet_xml html_csv workbook_parts)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

# -O: optimised (fuzz/Cargo.toml's release profile turns debug assertions and overflow
# checks on, except in calamine); no sanitizer: renja is safe Rust, and AddressSanitizer
# would halve the executions for nothing it can see.
flags=(-O -s none)

seed_corpora() {
    local c="$fuzz/corpus"
    mkdir -p "$c"/{number,code,formula,pipeline_bytes,sheet_xml,html_csv,workbook_parts}
    for dir in "$fuzz"/seeds/*/; do
        local target
        target="$(basename "$dir")"
        for f in "$dir"*; do cp "$f" "$c/$target/seed-$(basename "$f")"; done
    done
    for f in "$root"/samples/*.* "$root"/tests/fixtures/*; do
        [ -f "$f" ] && [ "${f##*.}" != md ] && cp "$f" "$c/pipeline_bytes/sample-$(basename "$f")"
    done
    for f in "$root"/samples/*.html "$root"/samples/*.csv "$root"/samples/*mhtml*.xls; do
        [ -f "$f" ] && cp "$f" "$c/html_csv/sample-$(basename "$f")"
    done
    python3 - "$root/samples" "$c/sheet_xml" "$c/workbook_parts" <<'PY'
import pathlib, sys, zipfile
samples, out, parts = (pathlib.Path(a) for a in sys.argv[1:4])
for book in sorted(samples.glob("*.xlsx")):
    with zipfile.ZipFile(book) as z:
        names = z.namelist()
        sst = z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else None
        for name in names:
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                data = z.read(name)
                if sst is not None:
                    data += b"\n<!--sst-->\n" + sst
                sheet = pathlib.Path(name).stem
                (out / f"sample-{book.stem}-{sheet}").write_bytes(data)
        workbook = z.read("xl/workbook.xml")
        (parts / f"sample-{book.stem}-workbook").write_bytes(workbook)
        if "xl/styles.xml" in names:
            styles = z.read("xl/styles.xml")
            (parts / f"sample-{book.stem}-styles").write_bytes(workbook + b"\n<!--styles-->\n" + styles)
PY
}

cd "$fuzz"
echo "building fuzz targets (nightly)…" >&2
cargo +nightly fuzz build "${flags[@]}" >&2
seed_corpora

logs="$fuzz/target/fuzz-logs"
mkdir -p "$logs"
summary=()
for target in "${targets[@]}"; do
    log="$logs/$target.log"
    mkdir -p "$fuzz/artifacts/$target"
    before=$(ls "$fuzz/artifacts/$target" | grep -cE "^(crash|timeout|oom|leak)-" || true)
    started=$(date +%s)
    echo "fuzzing $target for ${seconds}s (log: $log)…" >&2
    status=0
    cargo +nightly fuzz run "${flags[@]}" "$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        >"$log" 2>&1 || status=$?
    took=$(( $(date +%s) - started ))
    after=$(ls "$fuzz/artifacts/$target" | grep -cE "^(crash|timeout|oom|leak)-" || true)
    crashes=$((after - before))
    # libFuzzer's closing line on a clean run: "Done 6300176 runs in 31 second(s)"; after a
    # crash only the final stats carry the count.
    done_line=$(grep -aE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1 || true)
    if [ -n "$done_line" ]; then
        execs=$(echo "$done_line" | awk '{print $2}')
        secs=$(echo "$done_line" | awk '{print $5}')
    else
        execs=$(grep -aE '^stat::number_of_executed_units:' "$log" | tail -n 1 | awk '{print $2}' || true)
        secs="$took"
    fi
    line="$target: ${execs:-?} execs, ${secs} s, crashes: $crashes"
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        line="$line (exit $status: see $log)"
    fi
    echo "$line"
    summary+=("$line")
done

echo "---" >&2
printf '%s\n' "${summary[@]}" >&2
