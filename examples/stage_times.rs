//! Times each stage of the pipeline on one workbook, side by side in one run:
//! `cargo run --release --example stage_times -- FILE.xlsx`. Prints read, normalise, formula
//! recomputation, table detection + rules + linking, the official lists (indexing, lookups),
//! and writing (render + self-check), with
//! each stage's share of the total; then what reading the cleaned workbook back costs and the
//! size of each of its sheets.

use std::path::Path;
use std::time::{Duration, Instant};

use renja::codes::lists::CodeLists;
use renja::formula::{recompute, FormulaLimits};
use renja::normalise::normalise_workbook;
use renja::read::{read_workbook, ReadLimits};
use renja::rules::{check_tables, link_causes, official};
use renja::tables::detect_tables;
use renja::tables::figures::document_year;

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
    findings.extend(check_tables(&workbook, &tables).findings);
    link_causes(&mut findings, &tables);
    time("tables + rules", t);
    // The official lists (issue 19: lookup should add at most 5 % to check): indexing the
    // embedded lists, which a process does once, and the lookups of every row's code and name.
    let t = Instant::now();
    CodeLists::index_embedded();
    time("lists: index", t);
    let t = Instant::now();
    let year = document_year(&workbook, &tables, path);
    findings.extend(official::check(
        &workbook,
        &tables,
        year,
        &CodeLists::default(),
    ));
    time("lists: lookups", t);
    let t = Instant::now();
    let checked = renja::pipeline::check_path(path, &Default::default()).expect("checks");
    let whole_check = t.elapsed();
    let t = Instant::now();
    let input = checked.clean_input(Default::default(), "2026-01-01T00:00:00Z");
    let bytes = renja::write::cleaned_bytes(&input, path).expect("writes");
    time("write + self-check", t);

    // What the self-check costs at most: it reads the cleaned bytes back (data sheets and the
    // summary cell by cell, the report sheets by their declared extent).
    let t = Instant::now();
    let reread = renja::read::read_bytes(path, bytes.clone(), &ReadLimits::default())
        .expect("the cleaned workbook reads back");
    let reread_time = t.elapsed();
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
    let lists: Duration = stages
        .iter()
        .filter(|(name, _)| name.starts_with("lists"))
        .map(|(_, d)| *d)
        .sum();
    println!(
        "  (the official lists, index + lookups: {:.1} % of check_path end to end)",
        100.0 * lists.as_secs_f64() / whole_check.as_secs_f64()
    );
    println!(
        "  (reading the whole cleaned workbook back, {} cells: {reread_time:.3?}; the self-check \
         inside write reads its data sheets and summary)",
        reread.cell_count()
    );
    for (name, size) in sheet_sizes(&bytes) {
        println!("  cleaned {name:<32} {size:>12} bytes of XML");
    }
}

/// Uncompressed size of each part of the cleaned workbook's zip, largest first.
fn sheet_sizes(bytes: &[u8]) -> Vec<(String, u64)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut sizes: Vec<(String, u64)> = (0..zip.len())
        .map(|i| {
            let entry = zip.by_index(i).expect("an entry");
            (entry.name().expect("a name").into_owned(), entry.size())
        })
        .filter(|(name, _)| name.starts_with("xl/worksheets/") || name == "xl/sharedStrings.xml")
        .collect();
    sizes.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
    sizes
}
