//! Times each stage of the pipeline on one workbook, side by side in one run:
//! `cargo run --release --example stage_times -- FILE.xlsx`. Prints read, normalise, formula
//! recomputation, table detection + rules + linking, and writing (render + self-check), with
//! each stage's share of the total.

use std::path::Path;
use std::time::{Duration, Instant};

use renja::formula::{recompute, FormulaLimits};
use renja::normalise::normalise_workbook;
use renja::read::{read_workbook, ReadLimits};
use renja::rules::{check_tables, link_causes};
use renja::tables::detect_tables;

fn main() {
    let file = std::env::args().nth(1).expect("usage: stage_times FILE");
    let path = Path::new(&file);
    let mut stages: Vec<(&str, Duration)> = Vec::new();
    let mut time = |name, started: Instant| stages.push((name, started.elapsed()));

    let t = Instant::now();
    let mut workbook = read_workbook(path, &ReadLimits::default()).expect("readable workbook");
    time("read", t);
    let t = Instant::now();
    let normalised = normalise_workbook(&mut workbook);
    time("normalise", t);
    let t = Instant::now();
    let formulas = recompute(&mut workbook, &FormulaLimits::default());
    time("formula", t);
    let t = Instant::now();
    let tables = detect_tables(&workbook);
    let mut findings = normalised.findings;
    findings.extend(formulas.findings);
    findings.extend(check_tables(&workbook, &tables));
    link_causes(&mut findings, &tables);
    time("tables + rules", t);
    let t = Instant::now();
    let checked = renja::pipeline::check_path(path, &Default::default()).expect("checks");
    let whole_check = t.elapsed();
    let t = Instant::now();
    let input = checked.clean_input(Default::default(), "2026-01-01T00:00:00Z");
    let bytes = renja::write::cleaned_bytes(&input, path).expect("writes");
    time("write + self-check", t);

    let total: Duration = stages.iter().map(|(_, d)| *d).sum();
    println!(
        "{file}: {} cells, {} formulas ({} recomputed), {} tables, {} findings",
        workbook.cell_count(),
        formulas.formulas,
        formulas.recomputed,
        tables.len(),
        findings.len()
    );
    for (name, d) in &stages {
        println!(
            "  {name:<20} {:>9.3?}  {:>5.1} %",
            d,
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    let per_second = formulas.recomputed as f64 / stages[2].1.as_secs_f64();
    println!("  formula cells recomputed per second: {per_second:.0}");
    println!(
        "  (pipeline::check_path end to end: {whole_check:.3?}; cleaned workbook {} bytes)",
        bytes.len()
    );
}
