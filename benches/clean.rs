//! Benchmark for `renja clean` against the floor: a bare calamine read of every cell plus a
//! rust_xlsxwriter write of the same cells. Both run side by side in one process, alternating,
//! on a generated 100 000-row realisation workbook (text numbers, live formulas).
//!
//! `cargo bench --bench clean` (add `-- ROWS` to change the size). Peak memory is measured by
//! `scripts/bench-clean.sh`, which runs the release binary under /usr/bin/time.

use std::io::Cursor;
use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{Reader, Xlsx};

fn main() {
    let rows: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    for flavour in [Flavour::Consistent, Flavour::Broken] {
        let path = dir.path().join(format!("realisasi-besar-{flavour:?}.xlsx"));
        let started = Instant::now();
        let formulas = renja_bench::write_realisation(&path, rows, flavour);
        println!(
            "{flavour:?}: {rows} rows, {formulas} formulas, generated in {:.2?} ({} bytes)",
            started.elapsed(),
            std::fs::metadata(&path).unwrap().len()
        );
        let mut floor = Vec::new();
        let mut renja = Vec::new();
        for _ in 0..3 {
            floor.push(time(|| bare_read_write(&path)));
            renja.push(time(|| renja_clean(&path)));
        }
        let best = |v: &[Duration]| *v.iter().min().unwrap();
        println!(
            "  floor (calamine read + rust_xlsxwriter write): best {:.2?} of {floor:.2?}",
            best(&floor)
        );
        println!(
            "  renja clean (read … verify): best {:.2?} of {renja:.2?}",
            best(&renja)
        );
        println!(
            "  ratio renja / floor: {:.2}",
            best(&renja).as_secs_f64() / best(&floor).as_secs_f64()
        );
    }
}

fn time(f: impl FnOnce()) -> Duration {
    let t = Instant::now();
    f();
    t.elapsed()
}

fn bare_read_write(path: &Path) {
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
    std::hint::black_box(out.save_to_buffer().unwrap());
}

fn renja_clean(path: &Path) {
    let options = renja::pipeline::Options::default();
    let checked = renja::pipeline::check_path(path, &options).unwrap();
    std::hint::black_box(checked.report.findings.len());
    let input = checked.clean_input(options.lang, "2026-01-01T00:00:00Z");
    std::hint::black_box(renja::write::cleaned_bytes(&input, path).unwrap());
}

#[path = "support/realisation.rs"]
mod renja_bench;

use renja_bench::Flavour;
