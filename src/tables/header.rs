//! Header blocks: which rows start and continue one, the numbering row below, and the
//! columns a header names — each column's role, year and whether it holds rupiah, with
//! merged cells and group headers spread over the columns they cover. The vocabulary says
//! what the words mean; `detect` decides where a table starts and ends.

use std::collections::BTreeMap;

use crate::codes::{classify, CodeShape, Hints};
use crate::model::{Cell, CellAt, Sheet, Value};
use crate::vocabulary::{
    cell_role, names_money, names_progress, normalise_words, strength, total_label, year_in,
    ColumnRole,
};

use super::lines::{cell_text, is_blank, Line};
use super::numbering::{is_numbering, parse_numbering_cell, NumberingCell};
use super::table::{Column, ColumnRule, RuleSource};

/// No code, no number of 100 or more (OCR leaves small column numbers in headers), no total,
/// no `X`/`XX` (the nomenclature's template codes, split over columns).
fn header_like(line: &Line) -> bool {
    line.cells.iter().all(|(_, c)| {
        c.code().is_none()
            && match &c.value {
                Value::Number(n) => n.abs() < 100.into() && n.fract().is_zero(),
                Value::Text(t) => {
                    total_label(t).is_none()
                        && classify(t, Hints::default()) != CodeShape::Placeholder
                }
                _ => false,
            }
    })
}

fn text_cells<'a>(line: &'a Line) -> impl Iterator<Item = (u32, &'a str)> {
    line.cells
        .iter()
        .filter_map(|(col, c)| c.value.as_text().map(|t| (*col, t)))
}

/// A header's first row: text cells naming two different roles.
pub(super) fn is_header_start(line: &Line) -> bool {
    if !header_like(line) {
        return false;
    }
    let mut roles: Vec<ColumnRole> = text_cells(line).filter_map(|(_, t)| cell_role(t)).collect();
    roles.sort_by_key(|r| r.as_str());
    roles.dedup();
    roles.len() >= 2
}

/// A row of header text that names no role itself: a group header's sub-headers (`Operasi |
/// Modal | Total` over `Anggaran | Realisasi`, `Bulan Lalu | Bulan Ini`, `Keuangan | Fisik`).
/// It belongs to the header block when a merged header cell reaches down over it, or when
/// such rows lead to the numbering row.
pub(super) fn is_header_text_row(line: &Line) -> bool {
    header_like(line) && numbering_cells(line).is_none() && text_cells(line).next().is_some()
}

pub(super) fn is_header_continuation(line: &Line) -> bool {
    header_like(line)
        && numbering_cells(line).is_none()
        && text_cells(line)
            .any(|(_, t)| cell_role(t).is_some() || names_money(t) || year_in(t).is_some())
}

/// The numbering cells of a numbering row, `None` if the line is not one.
pub(super) fn numbering_cells(line: &Line) -> Option<Vec<(u32, NumberingCell)>> {
    let parsed: Vec<Option<(u32, NumberingCell)>> = line
        .cells
        .iter()
        .map(|(col, c)| parse_numbering_cell(&cell_text(c)).map(|n| (*col, n)))
        .collect();
    // OCR and pasting sometimes leave a code in the first cell of the numbering row.
    let skip = usize::from(parsed.len() >= 6 && parsed[0].is_none());
    let cells: Vec<(u32, NumberingCell)> = parsed[skip..].iter().cloned().collect::<Option<_>>()?;
    let bare: Vec<NumberingCell> = cells.iter().map(|(_, n)| n.clone()).collect();
    is_numbering(&bare).then_some(cells)
}

/// A header row as it prints within the table's columns: compared to tell a header printed
/// again on a new page. Every data row is held against it, so [`HeaderSignature::matches`]
/// compares cell by cell and stops at the first that differs (a data row's code or number),
/// rather than normalising the whole row's text.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct HeaderSignature(Vec<(u32, String)>);

impl HeaderSignature {
    pub(super) fn of(line: &Line, span: (u32, u32)) -> HeaderSignature {
        HeaderSignature(
            in_span(line, span)
                .map(|(c, cell)| (*c, normalise_words(&cell_text(cell))))
                .collect(),
        )
    }

    /// Whether `line` prints as this header within `span`: equal to
    /// `HeaderSignature::of(line, span) == *self`, without building the line's signature.
    pub(super) fn matches(&self, line: &Line, span: (u32, u32)) -> bool {
        let mut cells = in_span(line, span);
        self.0.iter().all(|(col, text)| {
            cells
                .next()
                .is_some_and(|(c, cell)| c == col && normalise_words(&cell_text(cell)) == *text)
        }) && cells.next().is_none()
    }
}

fn in_span<'l, 'c>(
    line: &'l Line<'c>,
    span: (u32, u32),
) -> impl Iterator<Item = &'l (u32, &'c Cell)> {
    line.cells
        .iter()
        .filter(move |(c, _)| (span.0..=span.1).contains(c))
}

/// The header text of each (row, column), merged ranges spread over the cells they cover.
fn header_texts(
    sheet: &Sheet,
    header_rows: &[u32],
    span: (u32, u32),
) -> BTreeMap<(u32, u32), String> {
    let mut texts = BTreeMap::new();
    for &row in header_rows {
        for col in span.0..=span.1 {
            let at = CellAt::new(row, col);
            let origin = sheet
                .merged
                .iter()
                .find(|m| m.contains(at))
                .map_or(at, |m| m.start);
            if let Some(cell) = sheet.get(origin).filter(|c| !is_blank(c)) {
                texts.insert((row, col), cell_text(cell));
            }
        }
    }
    // A group header without merged cells (`REALISASI KEUANGAN` over `(Rp)` and `(%)`):
    // an empty cell with sub-headers below takes the group text from its left.
    for (k, &row) in header_rows.iter().enumerate() {
        let lower = &header_rows[k + 1..];
        let has_lower = |col: u32, texts: &BTreeMap<(u32, u32), String>| {
            lower.iter().any(|r| texts.contains_key(&(*r, col)))
        };
        let mut group: Option<(u32, String)> = None;
        for col in span.0..=span.1 {
            match texts.get(&(row, col)).cloned() {
                Some(text) => group = has_lower(col, &texts).then_some((col, text)),
                None if has_lower(col, &texts) => {
                    if let Some((_, text)) = &group {
                        texts.insert((row, col), text.clone());
                    }
                }
                None => group = None,
            }
        }
    }
    texts
}

/// The table's columns as its header rows name them, over the header's span.
pub(super) fn read_columns(sheet: &Sheet, header_rows: &[u32], span: (u32, u32)) -> Vec<Column> {
    let texts = header_texts(sheet, header_rows, span);
    (span.0..=span.1)
        .map(|col| {
            let mut parts: Vec<&str> = header_rows
                .iter()
                .filter_map(|r| texts.get(&(*r, col)).map(String::as_str))
                .collect();
            parts.dedup();
            let mut role = ColumnRole::Other;
            for part in &parts {
                if let Some(r) = cell_role(part) {
                    if strength(r) >= strength(role) {
                        role = r;
                    }
                }
            }
            let year = parts.iter().rev().find_map(|p| year_in(p));
            let money = match role {
                ColumnRole::Pagu
                | ColumnRole::Sisa
                | ColumnRole::Bulan
                | ColumnRole::Triwulan
                | ColumnRole::Kas
                | ColumnRole::Harga => true,
                // A bare `Realisasi` next to a pagu is the amount spent; under `Fisik`,
                // `Kinerja` or a target it is progress. Decided once all columns are known.
                ColumnRole::Realisasi => {
                    parts.iter().any(|p| names_money(p)) || !parts.iter().any(|p| names_progress(p))
                }
                _ => false,
            };
            Column {
                col,
                role,
                year,
                header: parts.join(" / "),
                money,
                printed_number: None,
            }
        })
        .collect()
}

/// A realisasi column whose header names no money is an amount only in a table that has a
/// pagu in rupiah to compare it with (Tabel 2.1's `Realisasi Renja Perangkat Daerah Tahun
/// 2022` beside targets is an indicator's value).
pub(super) fn settle_realisasi(columns: &mut [Column]) {
    let pagu = columns
        .iter()
        .any(|c| c.role == ColumnRole::Pagu && c.money);
    for column in columns.iter_mut() {
        if column.role == ColumnRole::Realisasi && column.money && !pagu {
            column.money = column.header.split(" / ").any(names_money);
        }
    }
}

/// Each column's printed number, and the rules the numbering row states (`8=(7/6)`).
pub(super) fn apply_numbering(
    cells: &[(u32, NumberingCell)],
    columns: &mut [Column],
    rules: &mut Vec<ColumnRule>,
) {
    for (col, n) in cells {
        if let Some(c) = columns.iter_mut().find(|c| c.col == *col) {
            c.printed_number = Some(n.printed.to_string());
        }
    }
    let sheet_col = |printed: u32| {
        cells
            .iter()
            .find(|(_, n)| n.printed == printed)
            .map(|(c, _)| *c)
    };
    for (col, n) in cells {
        if let Some(expr) = n.rule.as_ref().and_then(|e| e.resolve(&sheet_col)) {
            rules.push(ColumnRule {
                target: *col,
                expr,
                text: n.text.clone(),
                source: RuleSource::Printed,
            });
        }
    }
}
