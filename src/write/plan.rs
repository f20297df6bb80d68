//! What the cleaned workbook must hold, cell by cell, decided from the model before anything
//! is written. The writer renders this plan and the self-check compares the file read back
//! against the very same plan, so "what was meant" has one definition.

use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;

use crate::formula::is_moved_copy;
use crate::messages::{Lang, Message};
use crate::model::{
    Cell, CellAt, NotRecomputed, NumberStyle, RangeAt, Raw, Reading, Value, Workbook,
};
use crate::numfmt::format_indonesian;

/// A value as it goes into the xlsx file.
#[derive(Clone, Debug, PartialEq)]
pub enum OutValue {
    Number(f64),
    Text(String),
    Bool(bool),
    /// A formula whose result is the empty text (`IFERROR(…,"")`): no xlsx reader keeps an
    /// empty string, so the cell is written blank and the change log keeps its formula.
    Blank,
}

/// One planned cell of a data sheet.
#[derive(Clone, Debug)]
pub struct PlannedCell {
    pub at: CellAt,
    pub value: OutValue,
    /// Excel number format code, `None` for General.
    pub number_format: Option<String>,
    /// An error value (`#DIV/0!`) written as text: shown in red.
    pub is_error: bool,
}

/// A column of canonical codes the cleaned workbook adds beside a table whose codes were split
/// over cells (`5 | 03 | 02 | 01` + `2.04`) or written without dots (`5 03 02`): every input
/// cell stays where it was, and the code renja read is beside it, in one form.
#[derive(Clone, Debug, PartialEq)]
pub struct CanonicalColumn {
    /// Index into `Workbook::sheets`.
    pub sheet: usize,
    /// Where the column's header goes (the table's last header row, first free column right
    /// of the table).
    pub header: CellAt,
    /// (row, canonical code) of every data row with a code.
    pub codes: Vec<(u32, String)>,
}

/// One row of the change log: a cell whose content the cleaning changed, or a run of cells
/// down one column holding the same formula (equal in R1C1 form, filled down) whose values
/// the cleaning kept — `F10:F500`, 491 cells, `=IF(D10=0,0,ROUND(E10/D10*100,2))`. A cell
/// whose value changed (a stale cache, a number or code read from text) always has its own row.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub sheet: String,
    pub at: CellAt,
    /// The last cell of the run: `at` itself for a single cell.
    pub last: CellAt,
    /// The content as the file had it (for a run, the formula of its first cell).
    pub original: String,
    /// What the cleaned workbook holds, as a person reads it; empty for a run, whose cells
    /// each hold their own value.
    pub new: String,
    pub reason: Message,
}

impl Change {
    /// Cells this row stands for.
    pub fn cells(&self) -> u32 {
        self.last.row - self.at.row + 1
    }

    /// `F10` or `F10:F500`.
    pub fn cell_text(&self) -> String {
        if self.last == self.at {
            self.at.a1()
        } else {
            RangeAt::new(self.at, self.last).a1()
        }
    }
}

/// The planned cells of one sheet, in row order.
pub fn plan_sheet(cells: &std::collections::BTreeMap<CellAt, Cell>) -> Vec<PlannedCell> {
    cells
        .iter()
        .filter_map(|(at, cell)| plan_cell(*at, cell))
        .collect()
}

/// Adds the `Kode (baku)` columns to a sheet's planned cells, keeping them in row order.
/// Their places were chosen empty, so nothing of the input is overwritten.
pub fn add_canonical_codes(
    planned: &mut Vec<PlannedCell>,
    columns: &[&CanonicalColumn],
    lang: Lang,
) {
    if columns.is_empty() {
        return;
    }
    let text = |at: CellAt, value: String| PlannedCell {
        at,
        value: OutValue::Text(value),
        number_format: None,
        is_error: false,
    };
    for column in columns {
        let header = crate::messages::text("col.canonical-code", lang);
        planned.push(text(column.header, header));
        for (row, code) in &column.codes {
            planned.push(text(CellAt::new(*row, column.header.col), code.clone()));
        }
    }
    planned.sort_by_key(|c| c.at);
    planned.dedup_by_key(|c| c.at);
}

fn plan_cell(at: CellAt, cell: &Cell) -> Option<PlannedCell> {
    let (value, is_error) = match &cell.value {
        Value::Empty => return None,
        Value::Number(n) => (OutValue::Number(n.to_f64()?), false),
        Value::Text(t) if t.is_empty() => (OutValue::Blank, false),
        Value::Text(t) => (OutValue::Text(t.clone()), false),
        Value::Bool(b) => (OutValue::Bool(*b), false),
        Value::Error(e) => (OutValue::Text(e.to_string()), true),
    };
    let number_format = match value {
        OutValue::Number(_) => number_format_of(cell),
        _ => None,
    };
    Some(PlannedCell {
        at,
        value,
        number_format,
        is_error,
    })
}

/// The number format a numeric cell is written with: the one that reads like the staff's
/// text for a number read from text, else the file's own.
pub fn number_format_of(cell: &Cell) -> Option<String> {
    match cell.reading() {
        Some(Reading::Number(style)) => Some(format_for(style, cell.number_format.as_deref())),
        _ => cell.number_format.as_deref().map(str::to_string),
    }
}

/// The number format that shows a number read from text the way the staff wrote it:
/// `5.636.089.563,00` → `#,##0.00`, `150%` → `0%`, `150,77 Set` → `#,##0.00 "Set"`.
/// A format the file already gave the cell wins, unless it is a plain text format (`@`).
pub fn format_for(style: &NumberStyle, existing: Option<&str>) -> String {
    if let Some(existing) = existing.filter(|f| *f != "@") {
        return existing.to_string();
    }
    let decimals = if style.decimals > 0 {
        format!(".{}", "0".repeat(style.decimals.min(10) as usize))
    } else {
        String::new()
    };
    if style.percent {
        return format!("0{decimals}%");
    }
    let mut format = if style.grouped || style.currency {
        format!("#,##0{decimals}")
    } else {
        format!("0{decimals}")
    };
    if let Some(unit) = &style.unit {
        let unit = unit.replace('"', "");
        format.push_str(&format!(" \"{unit}\""));
    }
    format
}

/// Every change the cleaning makes, sheet by sheet in reading order (of each row's first
/// cell). Formula cells replaced by an unchanged value join the run of the cell above when
/// they hold its formula filled down: a 100 000-row table is a few rows of change log per
/// column, not one per cell, and every cell is still named.
pub fn changes(workbook: &Workbook) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for sheet in &workbook.sheets {
        // Per column, the run that the next row may extend: (index in `out`, its last formula).
        let mut open: HashMap<u32, (usize, &str)> = HashMap::new();
        for (at, cell) in &sheet.cells {
            let Some((new, reason)) = change_of(cell, sheet.not_recomputed.get(at)) else {
                continue;
            };
            // Only a formula whose value stayed as the file had it may join a run.
            let formula = cell
                .formula
                .as_deref()
                .filter(|_| reason.key == "change.formula");
            if let (Some(formula), Some((index, above))) = (formula, open.get(&at.col).copied()) {
                let run = &mut out[index];
                if run.last.row + 1 == at.row && is_moved_copy(above, run.last, formula, *at) {
                    run.last = *at;
                    open.insert(at.col, (index, formula));
                    continue;
                }
            }
            match formula {
                Some(formula) => open.insert(at.col, (out.len(), formula)),
                None => open.remove(&at.col),
            };
            out.push(Change {
                sheet: sheet.name.clone(),
                at: *at,
                last: *at,
                original: original_of(cell),
                new,
                reason,
            });
        }
    }
    for run in out.iter_mut().filter(|c| c.last != c.at) {
        run.new = String::new();
        run.reason = Message::new("change.formula-run").arg_number("count", run.cells().into());
    }
    out
}

fn original_of(cell: &Cell) -> String {
    match &cell.formula {
        Some(formula) => format!("={formula}"),
        None => cell.raw.display(),
    }
}

fn change_of(cell: &Cell, not_recomputed: Option<&NotRecomputed>) -> Option<(String, Message)> {
    let new = display_value(&cell.value);
    if cell.formula.is_some() {
        if let Some(kept) = not_recomputed {
            return Some((new, kept_reason(kept)));
        }
        let recomputed_differs = cell
            .cached
            .as_ref()
            .is_some_and(|cached| cached != &cell.value);
        let key = if recomputed_differs {
            "change.formula-recomputed"
        } else {
            "change.formula"
        };
        return Some((new, Message::new(key)));
    }
    let key = match (cell.reading(), &cell.raw) {
        (Some(Reading::Number(_)), _) => "change.number",
        (Some(Reading::Nil), _) => "change.nil",
        // A code with its name (`1.01.02 Program …`) keeps the name: compare the whole text.
        (Some(Reading::Code(_)), Raw::Text(text)) if text.trim() != new => "change.code",
        (Some(Reading::TypedError), _) => "change.typed-error",
        _ => return None,
    };
    Some((new, Message::new(key)))
}

/// Why a formula cell holds the file's value rather than renja's (the values policy in
/// README.md).
fn kept_reason(kept: &NotRecomputed) -> Message {
    match kept {
        NotRecomputed::Unsupported(function) => {
            Message::new("change.formula-kept-unsupported").arg("function", function)
        }
        NotRecomputed::Volatile(function) => {
            Message::new("change.formula-kept-volatile").arg("function", function)
        }
        NotRecomputed::OtherWorkbook => Message::new("change.formula-kept-other-workbook"),
        NotRecomputed::Cycle => Message::new("change.formula-kept-cycle"),
        NotRecomputed::NotEvaluated => Message::new("change.formula-kept-unreadable"),
    }
}

/// A value as a person reads it in the change log: numbers in Indonesian format.
pub fn display_value(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Number(n) => format_indonesian(*n, n.scale()),
        Value::Text(t) => t.clone(),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Value::Error(e) => e.to_string(),
    }
}

/// The name of a report sheet, made unique against the data sheets (`Temuan (renja)` when
/// the input already has a sheet `Temuan`).
pub fn report_sheet_name(key: &'static str, lang: Lang, workbook: &Workbook) -> String {
    let base = crate::messages::text(key, lang);
    if workbook.sheet(&base).is_none() {
        return base;
    }
    (2..)
        .map(|n| {
            format!(
                "{base} (renja{})",
                if n == 2 {
                    String::new()
                } else {
                    format!(" {n}")
                }
            )
        })
        .find(|name| workbook.sheet(name).is_none())
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_like_the_staff_text() {
        let style = |decimals, grouped, percent, unit: Option<&str>| NumberStyle {
            decimals,
            grouped,
            percent,
            currency: false,
            unit: unit.map(str::to_string),
        };
        assert_eq!(format_for(&style(2, true, false, None), None), "#,##0.00");
        assert_eq!(format_for(&style(0, false, true, None), None), "0%");
        assert_eq!(format_for(&style(2, false, true, None), None), "0.00%");
        assert_eq!(
            format_for(&style(2, false, false, Some("Set")), None),
            "0.00 \"Set\""
        );
        assert_eq!(
            format_for(&style(0, false, false, Some("SK")), Some("@")),
            "0 \"SK\""
        );
        assert_eq!(
            format_for(&style(0, false, false, None), Some("#,##0")),
            "#,##0"
        );
    }
}
