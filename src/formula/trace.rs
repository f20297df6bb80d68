//! What one evaluation noticed on the way, for the findings: numbers typed as text that SUM
//! skipped, guards that hid a division by zero, where an error came from, what could not be
//! evaluated.
//!
//! Written by the evaluator and the function library, read by `cell_findings`. Knows nothing
//! of findings or messages.

use rust_decimal::Decimal;

use crate::model::CellAt;

/// A division by zero seen while evaluating: the divisor as written and whether its cell
/// was empty rather than 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Divisor {
    pub text: String,
    pub empty: bool,
}

/// A guard that hid an error in this file's data.
#[derive(Clone, Debug, PartialEq)]
pub enum Mask {
    /// `IFERROR(x, fallback)` where `x` was `#DIV/0!`.
    IfError { fallback: String },
    /// `IF(D5=0, 0, E5/D5)` where `D5` was 0 or empty.
    ZeroGuard { tested: String },
}

/// Most cells one formula may turn into arrays, all arrays together: four whole columns.
/// Aggregates such as SUM walk only the filled cells of a range, but an operator on a range
/// (`A1:XFD1048576*2`) or a row times a column (`A1:XFD1*A1:A1048576`) builds every element,
/// which for a stray or hostile formula means billions of values and an aborted process.
pub const MAX_ARRAY_CELLS: usize = 4 * 1_048_576;

/// What one evaluation noticed, for the findings.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    /// Cells holding text that reads as a number, skipped by SUM-like functions.
    pub skipped_text_numbers: usize,
    pub masks: Vec<Mask>,
    /// The first division by zero.
    pub divisor: Option<Divisor>,
    /// The first referenced cell found holding an error value.
    pub error_source: Option<(usize, CellAt)>,
    /// A function or argument renja does not evaluate (the cell keeps its cached value).
    pub unsupported: Option<String>,
    /// Nesting past the limit (through defined names).
    pub too_deep: bool,
    /// Cells put into arrays so far (operators on ranges, SUMPRODUCT, CONCAT); see
    /// [`MAX_ARRAY_CELLS`].
    pub array_cells: usize,
    /// An array past [`MAX_ARRAY_CELLS`] was refused.
    pub too_large: bool,
    /// Text was read as a number, or a number written as text, in a way that depends on the
    /// locale (see [`super::value::Locale`]).
    pub locale_sensitive: bool,
    /// A formula read a cell holding a number typed as text (`'5000`, `Rp. 17.919.000,00`)
    /// as a value of its own (not through a SUM-like range).
    pub typed_text_number: bool,
    /// A reference to another workbook was met (`'[1]2015-2019'!C14`): its index as written.
    pub other_workbook: Option<String>,
    /// The largest magnitude added or subtracted on the way. Excel's doubles carry a
    /// rounding error relative to it, not to the result: `80 000 000 000.11 − 79 999 423 000`
    /// comes out as 577 000.11000061 in Excel. See [`super::value::agrees`].
    pub magnitude: Decimal,
}
