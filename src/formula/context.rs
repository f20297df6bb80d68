//! What a worksheet function may ask of the evaluation it runs in: evaluate its arguments,
//! read cells, and note what it saw in the [`Trace`].
//!
//! The trait sits below both sides: the evaluator implements it, the function library
//! (`library/`) calls it, and neither imports the other for it. Knows nothing of how an
//! expression is evaluated or of any one function.

use rust_decimal::Decimal;

use super::ast::Expr;
use super::operand::Operand;
use super::trace::Trace;
use super::value::{locale_sensitive, text_depends_on_locale, to_number, to_text, Eval, Locale};
use crate::model::{Cell, CellAt, Value, Workbook};

/// The evaluation of one formula cell, as the functions it calls see it. `'a` is the
/// workbook's lifetime: cells read through it outlive any one call.
pub trait Context<'a> {
    /// Evaluates an argument; `Err` is an Excel error value flowing up.
    fn eval(&mut self, expr: &Expr) -> Eval<Operand>;

    /// Reduces an operand to one value: a range by implicit intersection with the formula's
    /// row or column, an array to its top-left element.
    fn scalar(&mut self, op: Operand) -> Value;

    /// An operand as rows of values (a single value is a 1×1 array), counted against the
    /// formula's array budget; a range past it is a single `#NUM!`.
    fn to_array(&mut self, op: Operand) -> Vec<Vec<Value>>;

    fn workbook(&self) -> &'a Workbook;

    /// Whether numbers typed as text count in SUM-like ranges (what the author meant)
    /// instead of being skipped (what Excel does).
    fn counts_text_numbers(&self) -> bool;

    fn trace(&mut self) -> &mut Trace;

    /// The number conventions text is read and written with (see [`Locale`]).
    fn locale(&self) -> Locale;

    /// A value as a number for arithmetic, in the locale; notes when text is read that the
    /// other locale would read differently.
    fn number_of(&mut self, v: &Value) -> Eval<Decimal> {
        if matches!(v, Value::Text(t) if locale_sensitive(t)) {
            self.trace().locale_sensitive = true;
        }
        to_number(v, self.locale())
    }

    /// A value as text, in the locale; notes when a number's decimal mark is written.
    fn text_of(&mut self, v: &Value) -> Eval<String> {
        if text_depends_on_locale(v) {
            self.trace().locale_sensitive = true;
        }
        to_text(v, self.locale())
    }

    /// Evaluates to one value; an error value becomes `Err`.
    fn eval_value(&mut self, expr: &Expr) -> Eval<Value> {
        let op = self.eval(expr)?;
        match self.scalar(op) {
            Value::Error(e) => Err(e),
            v => Ok(v),
        }
    }

    fn eval_number(&mut self, expr: &Expr) -> Eval<Decimal> {
        let v = self.eval_value(expr)?;
        self.number_of(&v)
    }

    fn eval_text(&mut self, expr: &Expr) -> Eval<String> {
        let v = self.eval_value(expr)?;
        self.text_of(&v)
    }

    fn cell(&self, sheet: usize, at: CellAt) -> Option<&'a Cell> {
        self.workbook().sheets.get(sheet)?.cells.get(&at)
    }

    /// Whether a number typed as text is the number renja read (`Rp. 17.919.000,00`) rather
    /// than the text Excel sees, where a formula reads the cell itself (see
    /// [`Trace::typed_text_number`]).
    fn reads_text_numbers(&self) -> bool {
        false
    }

    /// A cell's value as a formula sees it (as typed: see [`Cell::typed_value`]), noting
    /// where an error came from.
    fn value_at(&mut self, sheet: usize, at: CellAt) -> Value {
        let v = match self.cell(sheet, at) {
            Some(c) if is_text_number(c) => {
                self.trace().typed_text_number = true;
                if self.reads_text_numbers() {
                    c.value.clone()
                } else {
                    c.typed_value()
                }
            }
            Some(c) => c.typed_value(),
            None => Value::Empty,
        };
        let trace = self.trace();
        if matches!(v, Value::Error(_)) && trace.error_source.is_none() {
            trace.error_source = Some((sheet, at));
        }
        v
    }

    /// A cell's value as Excel's array and criteria functions see it: as typed, so a number
    /// typed as text is the text it is (SUMPRODUCT counts it as 0), unless counting such
    /// numbers (then it is the number renja read).
    fn excel_view(&mut self, sheet: usize, at: CellAt) -> Value {
        match self.cell(sheet, at) {
            Some(c) if is_text_number(c) => {
                self.trace().skipped_text_numbers += 1;
                if self.counts_text_numbers() {
                    c.value.clone()
                } else {
                    c.typed_value()
                }
            }
            _ => self.value_at(sheet, at),
        }
    }

    /// Notes a magnitude added or subtracted (see [`Trace::magnitude`]).
    fn note_magnitude(&mut self, n: Decimal) {
        let trace = self.trace();
        if n > trace.magnitude {
            trace.magnitude = n;
        }
    }
}

/// A cell whose number came from text (`'5000`, `"5.000.000"`): Excel's SUM skips it.
pub fn is_text_number(cell: &Cell) -> bool {
    cell.is_typed_text() && matches!(cell.value, Value::Number(_))
}
