//! What every rule reads about the table it checks, and the findings it makes from a row.

use rust_decimal::Decimal;

use super::hierarchy::Hierarchy;
use crate::finding::{Finding, RuleId};
use crate::messages::Message;
use crate::model::{CellAt, RangeAt, Sheet};
use crate::tables::{Column, ColumnRole, Table, TableRow};

/// What every rule reads: the sheet, the table and its hierarchy.
pub(crate) struct Ctx<'a> {
    pub sheet: &'a Sheet,
    pub table: &'a Table,
    pub hierarchy: Hierarchy,
    /// Merged ranges in the table: only their first cell is shown.
    merges: Vec<RangeAt>,
}

impl<'a> Ctx<'a> {
    pub fn new(sheet: &'a Sheet, table: &'a Table) -> Ctx<'a> {
        Ctx {
            sheet,
            table,
            hierarchy: Hierarchy::new(table),
            merges: merges_within(sheet, table),
        }
    }
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
