//! The arithmetic checks on detected tables. Each rule is a small module that pushes
//! [`Finding`]s; a wrong total is data, never an `Err`. Every finding names the sheet, the cell
//! (by position), the row's canonical code, the column role, and expected / actual / difference
//! (actual − expected) as exact decimals. Arithmetic on the file's figures is checked: a
//! relation whose sum or difference is past what a `Decimal` holds cannot be checked and gives
//! no finding.
//!
//! Knows nothing of how tables are found (that is `tables/`) nor of formulas; root causes are
//! linked afterwards by [`root_cause::link_causes`], once formula findings are in.

mod codes;
mod column_rule;
mod difference;
mod hierarchy;
mod ratio;
pub mod root_cause;
mod sums;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::finding::{dedupe_ids, Finding, RuleId};
use crate::messages::Message;
use crate::model::{CellAt, RangeAt, Reading, Sheet, Workbook};
use crate::tables::{Column, ColumnRole, Table, TableRow};

pub use hierarchy::Hierarchy;
pub use root_cause::link_causes;

/// Runs every table rule over every table.
pub fn check_tables(workbook: &Workbook, tables: &[Table]) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in tables {
        let Some(sheet) = workbook.sheets.get(table.sheet) else {
            continue;
        };
        let ctx = Ctx {
            sheet,
            table,
            hierarchy: Hierarchy::new(table),
            merges: merges_within(sheet, table),
        };
        sums::check_sums(&ctx, &mut out);
        sums::check_totals(&ctx, &mut out);
        difference::check(&ctx, &mut out);
        ratio::check(&ctx, &mut out);
        column_rule::check(&ctx, &mut out);
        codes::check(&ctx, &mut out);
    }
    dedupe_ids(&mut out);
    out
}

/// The merged ranges of more than one cell that reach into the table.
fn merges_within(sheet: &Sheet, table: &Table) -> Vec<RangeAt> {
    let t = table.range;
    sheet
        .merged
        .iter()
        .filter(|m| m.start != m.end)
        .filter(|m| {
            m.start.row <= t.end.row
                && m.end.row >= t.start.row
                && m.start.col <= t.end.col
                && m.end.col >= t.start.col
        })
        .copied()
        .collect()
}

/// What every rule reads: the sheet, the table and its hierarchy.
pub(crate) struct Ctx<'a> {
    pub sheet: &'a Sheet,
    pub table: &'a Table,
    pub hierarchy: Hierarchy,
    /// Merged ranges in the table: only their first cell is shown.
    merges: Vec<RangeAt>,
}

impl Ctx<'_> {
    /// The number in a row's cell; `None` for empty, text and errors, and for a cell that a
    /// merged range covers: the file may still hold a copy of the first cell's value there
    /// (Excel shows only the first), and it would be added into a sum a second time.
    pub fn number(&self, row: usize, col: u32) -> Option<Decimal> {
        let at = CellAt::new(self.table.rows[row].row, col);
        if self.merges.iter().any(|m| m.contains(at) && m.start != at) {
            return None;
        }
        self.sheet.value(at).as_number()
    }

    /// The row's code as findings name it: the deepest code of its path (an SKPD row's
    /// organisation code).
    pub fn code_of(&self, row: usize) -> Option<String> {
        let r = &self.table.rows[row];
        r.code_text()
            .map(str::to_string)
            .or_else(|| r.code.as_ref().map(|c| c.canonical()))
    }

    /// How a row is named in messages: its code, else its label or number, else its A1 row.
    pub fn row_label(&self, row: usize) -> String {
        let r: &TableRow = &self.table.rows[row];
        self.code_of(row)
            .or_else(|| r.uraian.clone())
            .or_else(|| r.numbering.clone())
            .unwrap_or_else(|| (r.row + 1).to_string())
    }

    /// A finding about the cell (row, col), its values and row code filled in.
    pub fn finding(&self, rule: RuleId, row: usize, col: u32, message: Message) -> Finding {
        let at = CellAt::new(self.table.rows[row].row, col);
        let role = self
            .table
            .column_at(col)
            .map_or(ColumnRole::Other, |c| c.role);
        Finding::new(rule, self.table.sheet, &self.sheet.name, at, message)
            .with_row_code(self.code_of(row))
            .with_column(role.as_str())
    }

    /// The nearest column with `role` left of `col` (money columns only when `money`).
    pub fn left_of(&self, col: u32, role: ColumnRole, money: bool) -> Option<&Column> {
        self.table
            .columns
            .iter()
            .rev()
            .filter(|c| c.col < col && c.role == role && (!money || c.money))
            .find(|_| true)
    }
}

/// Excel's ROUND: half away from zero.
pub(crate) fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// [`round`], written with exactly `dp` decimals (`100` → `100.00`).
pub(crate) fn fixed(d: Decimal, dp: u32) -> Decimal {
    let mut r = round(d, dp);
    r.rescale(dp);
    r
}

/// Rounds to 15 significant digits, the precision Excel keeps and shows.
pub(crate) fn round_significant(d: Decimal) -> Decimal {
    if d.is_zero() {
        return d;
    }
    let digits = d.abs().trunc().to_string().trim_start_matches('0').len() as i64;
    let dp = if digits > 0 {
        15 - digits
    } else {
        let text = d.abs().to_string();
        let leading = text
            .trim_start_matches("0.")
            .chars()
            .take_while(|c| *c == '0')
            .count() as i64;
        15 + leading
    };
    if dp >= 0 {
        round(d, dp.min(28) as u32)
    } else {
        let f = Decimal::from(10i64.pow((-dp) as u32));
        round(d / f, 0) * f
    }
}

/// Decimals the cell shows: as typed (`87,11` → 2, `150%` → 0) or from its number format
/// (`0.00%` → 2, `#,##0` → 0). For a percentage these are decimals of the percentage.
pub(crate) fn shown_decimals(sheet: &Sheet, at: CellAt) -> Option<u32> {
    let cell = sheet.get(at)?;
    if let Some(Reading::Number(style)) = &cell.reading {
        return Some(style.decimals);
    }
    let format = cell.number_format.as_deref()?;
    let section = format.split(';').next()?;
    if !section.contains('0') && !section.contains('#') {
        return None;
    }
    Some(match section.split_once('.') {
        Some((_, after)) => after.chars().take_while(|c| *c == '0' || *c == '#').count() as u32,
        None => 0,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
