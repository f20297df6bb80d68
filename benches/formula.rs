//! Benchmark: recompute a generated 100 000-row realisation table (kode, uraian, pagu,
//! realisasi, % = IFERROR(ROUND(D/C*100,2),0), sisa = C−D, capaian = IF(C=0,0,D/C), parent rows
//! summing their children): about 330 000 formulas. Prints formula cells per second.
//!
//! `cargo bench --bench formula` (plain `std::time`, no harness).

use std::time::Instant;

use renja::formula::{recompute, FormulaLimits};
use renja::model::{Cell, CellAt, Raw, Sheet, SourceFormat, Value, Workbook};
use rust_decimal::Decimal;

const ROWS: u32 = 100_000;
/// A parent (kegiatan) row and its nine sub kegiatan.
const GROUP: u32 = 10;

fn constant(value: Value) -> Cell {
    let raw = match &value {
        Value::Text(t) => Raw::Text(t.clone()),
        _ => Raw::Number(0.0),
    };
    Cell {
        raw,
        value,
        ..Cell::default()
    }
}

fn formula(text: String) -> Cell {
    Cell {
        formula: Some(text),
        ..Cell::default()
    }
}

fn realisation_sheet() -> Sheet {
    let mut sheet = Sheet::new("Realisasi");
    let mut put = |row: u32, col: u32, cell: Cell| {
        sheet.cells.insert(CellAt::new(row, col), cell);
    };
    for row in 1..=ROWS {
        let r = row + 1; // A1 row number
        let group = (row - 1) / GROUP;
        let child = (row - 1) % GROUP;
        put(
            row,
            0,
            constant(Value::Text(format!(
                "5.03.01.2.{:02}.{:04}",
                group % 100,
                child
            ))),
        );
        put(row, 1, constant(Value::Text(format!("Sub kegiatan {row}"))));
        if child == 0 {
            put(
                row,
                2,
                formula(format!("SUM(C{}:C{})", r + 1, r + GROUP - 1)),
            );
            put(
                row,
                3,
                formula(format!("SUM(D{}:D{})", r + 1, r + GROUP - 1)),
            );
        } else {
            // Some pagu are 0, as in real tables, so the guards fire.
            let pagu = if row % 97 == 0 {
                0
            } else {
                1_000_000 + i64::from(row) * 1_250
            };
            put(
                row,
                2,
                constant(Value::Number(Decimal::new(pagu * 100 + 50, 2))),
            );
            put(
                row,
                3,
                constant(Value::Number(Decimal::new(pagu * 73 + 7, 2))),
            );
        }
        put(
            row,
            4,
            formula(format!("IFERROR(ROUND(D{r}/C{r}*100,2),0)")),
        );
        put(row, 5, formula(format!("C{r}-D{r}")));
        put(row, 6, formula(format!("IF(C{r}=0,0,D{r}/C{r})")));
    }
    sheet
}

fn main() {
    let mut workbook = Workbook {
        format: SourceFormat::Xlsx,
        sheets: vec![realisation_sheet()],
        ..Workbook::default()
    };
    let formulas = workbook.sheets[0]
        .cells
        .values()
        .filter(|c| c.is_formula())
        .count();
    let start = Instant::now();
    let outcome = recompute(&mut workbook, &FormulaLimits::default());
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(outcome.recomputed, formulas);
    println!(
        "{} formula cells recomputed in {:.3} s: {:.0} formula cells/s ({} findings)",
        outcome.recomputed,
        seconds,
        outcome.recomputed as f64 / seconds,
        outcome.findings.len()
    );
}
