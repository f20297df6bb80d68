//! Which columns hold the rows' codes when no header says "Kode": found by what the cells
//! hold, after the rows are known.
//!
//! - A run of two or more adjacent columns headed by the names of code levels (`URUSAN/UNSUR |
//!   BIDANG URUSAN | PROGRAM | KEGIATAN | SUB KEGIATAN`) whose cells are code parts (`5 | 1 |
//!   2 | 2.01 | 1`, the nomenclature's template `X | XX`): a code split over columns.
//! - A column whose cells are mostly codes with their names (`1.01.02 PROGRAM PENGELOLAAN
//!   PENDIDIKAN`), as the official nomenclature lists each level.
//!
//! - Columns where rows start with a whole number followed by their name, the number
//!   stepping one column right per level (`4 | PENDAPATAN DAERAH`, `_ | 41 | _ | PAD`,
//!   `_ | _ | 411 | _ | Hasil Pajak Daerah`): account codes printed as an indented outline.
//!
//! Each becomes a [`ColumnRole::Kode`] column, so rows read their code from it. A level name
//! over names (`Program/Kegiatan/Sub Kegiatan` in a Renja table) stays the uraian column.

use crate::codes::{classify, CodeShape, ColumnHint, Hints};
use crate::model::Cell;
use crate::vocabulary::{column_hint, ColumnRole};

use super::lines::{code_text, plain_whole_number, Line, RawRow};
use super::table::{Column, RowKind};

/// Share of a column's filled data cells that must be codes or code parts.
const MOSTLY: f64 = 0.8;

pub(super) fn mark_code_columns(columns: &mut [Column], raw_rows: &[RawRow], lines: &[Line]) {
    if columns.iter().any(|c| c.role == ColumnRole::Kode) {
        return;
    }
    let data: Vec<&Line> = raw_rows
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .filter_map(|r| r.line.map(|l| &lines[l]))
        .collect();
    let share = |col: u32, test: fn(&Cell) -> bool| {
        let filled: Vec<&Cell> = data.iter().filter_map(|l| l.get(col)).collect();
        if filled.is_empty() {
            return 0.0;
        }
        filled.iter().filter(|c| test(c)).count() as f64 / filled.len() as f64
    };
    let split: Vec<bool> = columns
        .iter()
        .map(|c| names_a_level(&c.header) && share(c.col, is_code_part) >= MOSTLY)
        .collect();
    let labelled: Vec<bool> = columns
        .iter()
        .map(|c| share(c.col, is_code) >= MOSTLY)
        .collect();
    if let Some((first, last)) = outline_columns(&data) {
        for column in columns.iter_mut() {
            if (first..=last).contains(&column.col) && column.role == ColumnRole::Uraian {
                column.role = ColumnRole::Kode;
                column.money = false;
            }
        }
        return;
    }
    for i in 0..columns.len() {
        let adjacent_split = |j: usize| {
            split.get(j).copied().unwrap_or(false) && columns[j].col.abs_diff(columns[i].col) == 1
        };
        let in_run = split[i] && ((i > 0 && adjacent_split(i - 1)) || adjacent_split(i + 1));
        if in_run || labelled[i] {
            columns[i].role = ColumnRole::Kode;
            columns[i].money = false;
        }
    }
}

/// The columns of an outline of codes: at least three rows, and most data rows, start with a
/// whole number (the row's leftmost cell) that a text follows, and those numbers stand in
/// more than one column. Returns the first and last of those columns.
fn outline_columns(data: &[&Line]) -> Option<(u32, u32)> {
    let leading: Vec<u32> = data
        .iter()
        .filter_map(|line| {
            let (col, first) = line.cells.first()?;
            let whole = plain_whole_number(first).is_some();
            let named = line.cells[1..].iter().any(|(_, c)| {
                c.value
                    .as_text()
                    .is_some_and(|t| t.chars().any(char::is_alphabetic))
            });
            (whole && named).then_some(*col)
        })
        .collect();
    let first = *leading.iter().min()?;
    let last = *leading.iter().max()?;
    let most = leading.len() * 10 >= data.len() * 6;
    (leading.len() >= 3 && most && first < last).then_some((first, last))
}

/// The header is the name of a code level (`SUB KEGIATAN`, `URUSAN/UNSUR`), as the
/// normalise stage reads it.
fn names_a_level(header: &str) -> bool {
    header
        .split(" / ")
        .any(|part| column_hint(part) == Some(ColumnHint::Level))
}

fn is_code(cell: &Cell) -> bool {
    cell.code().is_some()
}

/// `5`, `46`, `128` stored as numbers; `2.01`, `01`, `0001`, `X`, `XX` as text.
fn is_code_part(cell: &Cell) -> bool {
    classify(&code_text(cell), Hints::in_column(ColumnHint::SplitLevel)) == CodeShape::Part
}
