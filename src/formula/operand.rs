//! What an expression evaluates to before it is reduced to one value: a value, a range of
//! cells resolved to its sheet, or an array from arithmetic on ranges.
//!
//! Shared by the evaluator and the function library, below both. Knows nothing of how an
//! operand is produced or read.

use crate::model::{CellAt, RangeAt, Value};

/// A reference resolved to cells: a rectangle on one sheet (by index), corners normalised,
/// whole columns and rows cut at the workbook's last used row or column. ([`Area`](super::ast::Area) is
/// the reference as written, before its sheet is known.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetRange {
    pub sheet: usize,
    pub range: RangeAt,
    /// Cells of the reference as written that the cut left out, all empty: `A:A` holds
    /// 1 048 576 cells in Excel, which `COUNTIF(A:A,"<>x")` and `COUNTBLANK` count.
    pub cut: u64,
}

impl SheetRange {
    pub fn rows(&self) -> usize {
        (self.range.end.row - self.range.start.row + 1) as usize
    }
    pub fn cols(&self) -> usize {
        (self.range.end.col - self.range.start.col + 1) as usize
    }
    /// The cell at zero-based offset (`i` rows, `j` columns) from the top-left corner.
    pub fn at(&self, i: usize, j: usize) -> CellAt {
        CellAt::new(
            self.range.start.row + i as u32,
            self.range.start.col + j as u32,
        )
    }
}

/// What an expression evaluates to before it is reduced to one value.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Value(Value),
    Area(SheetRange),
    /// Rows of values from element-wise arithmetic on ranges (`(D5:D9>0)*E5:E9`).
    Array(Vec<Vec<Value>>),
}
