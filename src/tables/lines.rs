//! The rows of a sheet as table detection sees them, and what the detection files share:
//! a row's non-blank cells ([`Line`]), a table row before its code is read ([`RawRow`]), a
//! row's code as read ([`CodeRead`]), and how a cell's content reads as text.

use crate::codes::BudgetCode;
use crate::model::{Cell, Raw, Reading, Sheet, Value};

use super::table::{CodeSource, PathStep, RowKind};

/// One sheet row's non-blank cells, left to right.
pub(super) struct Line<'a> {
    pub row: u32,
    pub cells: Vec<(u32, &'a Cell)>,
}

impl Line<'_> {
    pub fn get(&self, col: u32) -> Option<&Cell> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| self.cells[i].1)
    }
}

/// The non-blank rows of a sheet, top to bottom.
pub(super) fn lines(sheet: &Sheet) -> Vec<Line<'_>> {
    let mut out: Vec<Line> = Vec::new();
    for (at, cell) in &sheet.cells {
        if is_blank(cell) {
            continue;
        }
        match out.last_mut() {
            Some(line) if line.row == at.row => line.cells.push((at.col, cell)),
            _ => out.push(Line {
                row: at.row,
                cells: vec![(at.col, cell)],
            }),
        }
    }
    out
}

/// A row below the header before its code and parent are known: its kind and, unless
/// blank, its index in `lines`.
pub(super) struct RawRow {
    pub row: u32,
    pub kind: RowKind,
    pub line: Option<usize>,
}

/// A row's code as read from its cells.
pub(super) struct CodeRead {
    pub code: Option<BudgetCode>,
    pub path: Vec<PathStep>,
    pub source: CodeSource,
    pub written: Option<String>,
}

/// A cell's content as the staff typed it: the text for text, the exact number otherwise.
pub(super) fn cell_text(cell: &Cell) -> String {
    match (&cell.raw, &cell.value) {
        (Raw::Text(t), _) => t.trim().to_string(),
        (_, Value::Number(n)) => n.normalize().to_string(),
        (_, Value::Text(t)) => t.trim().to_string(),
        (_, Value::Error(e)) => e.to_string(),
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Empty) => String::new(),
    }
}

/// The digits of a plain whole number (`41101`, stored as a number or typed as text without
/// grouping, decimals, sign or unit), as a code column's cell holds them.
pub(super) fn plain_whole_number(cell: &Cell) -> Option<String> {
    let Value::Number(n) = &cell.value else {
        return None;
    };
    let plain = match cell.reading() {
        None => true,
        Some(Reading::Number(style)) => {
            style.decimals == 0
                && !style.grouped
                && !style.percent
                && !style.currency
                && style.unit.is_none()
        }
        Some(_) => false,
    };
    (plain && n.fract().is_zero() && n.is_sign_positive() && !n.is_zero())
        .then(|| n.trunc().normalize().to_string())
}

pub(super) fn is_blank(cell: &Cell) -> bool {
    matches!(cell.value, Value::Empty)
        || matches!(&cell.value, Value::Text(t) if t.trim().is_empty())
}

/// A code column's cell as text: the digits of a plain whole number (`46`, leading zeros
/// lost), else the content as typed.
pub(super) fn code_text(cell: &Cell) -> String {
    plain_whole_number(cell).unwrap_or_else(|| cell_text(cell))
}
