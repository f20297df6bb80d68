//! Benchmark for `renja clean` and `renja check` against the floor and against IronCalc, on a
//! generated 100 001-row realisation workbook (text numbers, live formulas):
//!
//! - floor: a bare calamine read of every cell plus a rust_xlsxwriter write of the same cells,
//!   no logic — the least any reader + writer of this workbook can cost;
//! - IronCalc: load, evaluate every formula in f64, export to xlsx (does less than renja);
//! - renja check: read … rules and the report, no write;
//! - renja clean: check, then the cleaned workbook with its self-check.
//!
//! `cargo bench --bench clean` prints one table per flavour of the workbook (consistent, and
//! broken with thousands of findings), each job's median wall time and peak memory over
//! three rounds, and both as ratios to the floor. The jobs alternate within a round, so the
//! ratios are measured side by side on a shared machine. Each job runs in a fresh process (this
//! bench binary started again), so its peak RSS is its own; every job ends by writing its
//! output file, as the CLI does. `-- ROWS` changes the size, `-- --rounds N` the rounds.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use calamine::{Reader, Xlsx};

/// The environment variable that makes this binary run one job and report on it.
const JOB: &str = "RENJA_BENCH_JOB";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Job {
    Floor,
    IronCalc,
    RenjaCheck,
    RenjaClean,
}

const JOBS: [(Job, &str); 4] = [
    (Job::Floor, "floor (calamine read + rust_xlsxwriter write)"),
    (Job::IronCalc, "IronCalc 0.7 (load, evaluate, export)"),
    (Job::RenjaCheck, "renja check"),
    (Job::RenjaClean, "renja clean (incl. self-check)"),
];

fn main() {
    if let Ok(spec) = std::env::var(JOB) {
        return run_job(&spec);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rows: u32 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let rounds: usize = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(3);
    let dir = tempfile::tempdir().unwrap();
    for flavour in [Flavour::Consistent, Flavour::Broken] {
        let path = dir.path().join(format!("realisasi-besar-{flavour:?}.xlsx"));
        let started = Instant::now();
        let formulas = renja_bench::write_realisation(&path, rows, flavour);
        println!(
            "\n{flavour:?}: {} data rows, {formulas} formulas, {} bytes (generated in {:.1?})",
            rows,
            std::fs::metadata(&path).unwrap().len(),
            started.elapsed()
        );
        let mut runs: Vec<Vec<Measured>> = vec![Vec::new(); JOBS.len()];
        for _ in 0..rounds {
            for (i, (job, _)) in JOBS.iter().enumerate() {
                runs[i].push(measure(*job, &path, dir.path()));
            }
        }
        let medians: Vec<Measured> = runs.iter().map(|r| median(r)).collect();
        let floor = medians[0];
        println!(
            "  {:<48} {:>8} {:>10} {:>7} {:>7}",
            "", "wall", "peak RSS", "time ×", "mem ×"
        );
        for ((_, label), m) in JOBS.iter().zip(&medians) {
            println!(
                "  {label:<48} {:>7.2}s {:>6} MiB {:>7.2} {:>7}",
                m.seconds,
                m.rss_mib.map_or("?".into(), |r| format!("{r:.0}")),
                m.seconds / floor.seconds,
                match (m.rss_mib, floor.rss_mib) {
                    (Some(a), Some(b)) => format!("{:.2}", a / b),
                    _ => "?".into(),
                }
            );
        }
        println!("  (medians of {rounds} rounds, each job a fresh process)");
    }
}

#[derive(Clone, Copy, Debug)]
struct Measured {
    seconds: f64,
    rss_mib: Option<f64>,
}

fn median(runs: &[Measured]) -> Measured {
    let pick = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Measured {
        seconds: pick(runs.iter().map(|m| m.seconds).collect()),
        rss_mib: runs
            .iter()
            .map(|m| m.rss_mib)
            .collect::<Option<Vec<_>>>()
            .map(pick),
    }
}

/// Runs one job in a fresh process and reads back what it reports: `seconds rss_kib`.
fn measure(job: Job, input: &Path, dir: &Path) -> Measured {
    let output = dir.join(format!("{job:?}.xlsx"));
    let out = Command::new(std::env::current_exe().unwrap())
        .env(
            JOB,
            format!("{job:?}\t{}\t{}", input.display(), output.display()),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{job:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8(out.stdout).unwrap();
    let mut fields = report.split_whitespace();
    let seconds = fields.next().and_then(|s| s.parse().ok()).unwrap();
    let rss_mib = fields
        .next()
        .and_then(|s| s.parse::<f64>().ok())
        .map(|kib| kib / 1024.0);
    Measured { seconds, rss_mib }
}

/// The child's side: runs the job named in [`JOB`], prints its wall time and peak RSS.
fn run_job(spec: &str) {
    let mut parts = spec.split('\t');
    let job = parts.next().unwrap();
    let input = PathBuf::from(parts.next().unwrap());
    let output = PathBuf::from(parts.next().unwrap());
    let started = Instant::now();
    let bytes = match job {
        "Floor" => bare_read_write(&input),
        "IronCalc" => ironcalc_round_trip(&input),
        "RenjaCheck" => renja_check(&input),
        "RenjaClean" => renja_clean(&input),
        other => panic!("unknown job {other}"),
    };
    if let Some(bytes) = bytes {
        std::fs::write(&output, bytes).unwrap();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("{seconds} {}", peak_rss_kib().unwrap_or_default());
}

/// `VmHWM` of this process, in KiB (Linux); `None` elsewhere.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bare_read_write(path: &Path) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in names {
        let sheet = out.add_worksheet();
        let mut reader = book.worksheet_cells_reader(&name).unwrap();
        while let Some(cell) = reader.next_cell_with_formula().unwrap() {
            let (row, col) = (cell.pos.0, cell.pos.1 as u16);
            match cell.value {
                calamine::DataRef::Float(f) => sheet.write_number(row, col, f).map(|_| ()),
                calamine::DataRef::Int(i) => sheet.write_number(row, col, i as f64).map(|_| ()),
                calamine::DataRef::String(s) => sheet.write_string(row, col, s).map(|_| ()),
                calamine::DataRef::SharedString(s) => sheet.write_string(row, col, s).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    Some(out.save_to_buffer().unwrap())
}

fn ironcalc_round_trip(path: &Path) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    let book = ironcalc::import::load_from_xlsx_bytes(&bytes, "bench", "en", "UTC").unwrap();
    let mut model = ironcalc::base::Model::from_workbook(book, "en").unwrap();
    model.evaluate();
    let written = ironcalc::export::save_xlsx_to_writer(&model, Cursor::new(Vec::new())).unwrap();
    Some(written.into_inner())
}

fn renja_check(path: &Path) -> Option<Vec<u8>> {
    let checked = renja::pipeline::check_path(path, &Default::default()).unwrap();
    std::hint::black_box(checked.report.findings.len());
    None
}

fn renja_clean(path: &Path) -> Option<Vec<u8>> {
    let options = renja::pipeline::Options::default();
    let checked = renja::pipeline::check_path(path, &options).unwrap();
    let input = checked.clean_input(options.lang, "2026-01-01T00:00:00Z");
    Some(renja::write::cleaned_bytes(&input, path).unwrap())
}

#[path = "support/realisation.rs"]
mod renja_bench;

use renja_bench::Flavour;
