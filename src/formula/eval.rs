//! Evaluates one parsed formula over exact decimals, reading other cells' current values.
//!
//! Cells are evaluated in dependency order by `deps`, so a referenced formula cell already
//! holds its recomputed value here; this module never recurses into another cell. What the
//! evaluation noticed on the way (text skipped by SUM, a guard that hid `#DIV/0!`, where an
//! error came from) is kept in a [`Trace`] for the findings.

use std::collections::HashMap;

use rust_decimal::prelude::*;

use super::ast::{Area, BinaryOp, Callee, Expr, Reference, UnaryOp};
use super::value::{compare, to_number, to_text, Eval};
use crate::model::{Cell, CellAt, ErrorValue, RangeAt, Value, Workbook, MAX_COL, MAX_ROW};

/// A reference resolved to cells: a rectangle on one sheet (by index), corners normalised,
/// whole columns and rows cut at the sheet's last used cell. [`Area`] is the reference as
/// written, before its sheet is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetRange {
    pub sheet: usize,
    pub range: RangeAt,
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
    /// The largest magnitude added or subtracted on the way. Excel's doubles carry a
    /// rounding error relative to it, not to the result: `80 000 000 000.11 − 79 999 423 000`
    /// comes out as 577 000.11000061 in Excel. See [`super::value::agrees`].
    pub magnitude: Decimal,
}

/// Evaluates formulas of one workbook; shared across cells.
pub struct Evaluator<'a> {
    pub workbook: &'a Workbook,
    /// Defined names, upper-cased, to their parsed formula.
    pub names: &'a HashMap<String, Expr>,
    /// Each sheet's last used row and column, for whole-column and whole-row ranges.
    pub extents: &'a [Option<CellAt>],
    pub max_depth: usize,
    /// Count numbers typed as text in SUM-like ranges (what the author meant) instead of
    /// skipping them (what Excel does).
    pub count_text_numbers: bool,
    pub sheet: usize,
    pub at: CellAt,
    pub trace: Trace,
    depth: usize,
}

impl<'a> Evaluator<'a> {
    pub fn new(
        workbook: &'a Workbook,
        names: &'a HashMap<String, Expr>,
        extents: &'a [Option<CellAt>],
        max_depth: usize,
    ) -> Self {
        Evaluator {
            workbook,
            names,
            extents,
            max_depth,
            count_text_numbers: false,
            sheet: 0,
            at: CellAt::new(0, 0),
            trace: Trace::default(),
            depth: 0,
        }
    }

    /// Evaluates the formula of the cell at (`sheet`, `at`) to its final value.
    pub fn eval_cell(&mut self, sheet: usize, at: CellAt, expr: &Expr) -> Value {
        self.sheet = sheet;
        self.at = at;
        self.trace = Trace::default();
        self.depth = 0;
        match self.eval(expr) {
            // A formula pointing at an empty cell shows 0, not an empty cell.
            Ok(op) => match self.scalar(op) {
                Value::Empty => Value::Number(Decimal::ZERO),
                v => v,
            },
            Err(e) => Value::Error(e),
        }
    }

    /// A cell's value as Excel's array and criteria functions see it: a number typed as
    /// text is the text it is (SUMPRODUCT counts it as 0), unless counting such numbers.
    pub fn excel_view(&mut self, sheet: usize, at: CellAt) -> Value {
        match self.cell(sheet, at) {
            Some(c) if super::aggregate::is_text_number(c) && !self.count_text_numbers => {
                self.trace.skipped_text_numbers += 1;
                match &c.raw {
                    crate::model::Raw::Text(t) => Value::Text(t.clone()),
                    _ => c.value.clone(),
                }
            }
            _ => self.value_at(sheet, at),
        }
    }

    pub fn cell(&self, sheet: usize, at: CellAt) -> Option<&'a Cell> {
        self.workbook.sheets.get(sheet)?.cells.get(&at)
    }

    /// A cell's value as a formula sees it, noting where an error came from.
    pub fn value_at(&mut self, sheet: usize, at: CellAt) -> Value {
        static EMPTY: Value = Value::Empty;
        let v = self.cell(sheet, at).map_or(&EMPTY, |c| &c.value);
        if matches!(v, Value::Error(_)) && self.trace.error_source.is_none() {
            self.trace.error_source = Some((sheet, at));
        }
        v.clone()
    }

    /// Evaluates an expression; `Err` is an Excel error value flowing up.
    pub fn eval(&mut self, expr: &Expr) -> Eval<Operand> {
        self.depth += 1;
        let result = if self.depth > self.max_depth {
            self.trace.too_deep = true;
            Err(ErrorValue::Calc)
        } else {
            self.eval_inner(expr)
        };
        self.depth -= 1;
        result
    }

    fn eval_inner(&mut self, expr: &Expr) -> Eval<Operand> {
        let value = |v| Ok(Operand::Value(v));
        match expr {
            Expr::Number(n) => value(Value::Number(*n)),
            Expr::Text(t) => value(Value::Text(t.clone())),
            Expr::Bool(b) => value(Value::Bool(*b)),
            Expr::Error(e) => Err(*e),
            Expr::Missing => value(Value::Empty),
            Expr::Ref(r) => self.reference(r).map(Operand::Area),
            Expr::Name(n) => match self.names.get(&n.to_ascii_uppercase()) {
                Some(e) => self.eval(e),
                None => Err(ErrorValue::Name),
            },
            Expr::Unary(op, e) => {
                let v = self.eval(e)?;
                self.map_numbers(v, |n| match op {
                    UnaryOp::Neg => Ok(-n),
                    UnaryOp::Plus => Ok(n),
                })
            }
            Expr::Percent(e) => {
                let v = self.eval(e)?;
                self.map_numbers(v, |n| {
                    n.checked_div(Decimal::ONE_HUNDRED).ok_or(ErrorValue::Num)
                })
            }
            Expr::Binary(BinaryOp::Range, l, r) => self.range_op(l, r),
            Expr::Binary(op, l, r) => self.binary(*op, l, r),
            Expr::Call(Callee::Known(function), args) => {
                super::functions::call(self, *function, args)
            }
            Expr::Call(Callee::Unsupported(name), _) => {
                self.trace.unsupported.get_or_insert_with(|| name.clone());
                Err(ErrorValue::Name)
            }
        }
    }

    /// Resolves a reference to a rectangle; whole columns and rows stop at the sheet's
    /// last used row or column.
    pub fn reference(&self, r: &Reference) -> Eval<SheetRange> {
        let sheet = match &r.sheet {
            None => self.sheet,
            Some(name) => self.workbook.sheet_index(name).ok_or(ErrorValue::Ref)?,
        };
        let extent = self
            .extents
            .get(sheet)
            .copied()
            .flatten()
            .unwrap_or(CellAt::new(0, 0));
        let (a, b) = match r.area {
            Area::Cell(c) => ((c.row, c.col), (c.row, c.col)),
            Area::Range(x, y) => ((x.row, x.col), (y.row, y.col)),
            Area::Columns((x, _), (y, _)) => ((0, x), (extent.row.min(MAX_ROW), y)),
            Area::Rows((x, _), (y, _)) => ((x, 0), (y, extent.col.min(MAX_COL))),
        };
        Ok(SheetRange {
            sheet,
            range: RangeAt::new(CellAt::new(a.0, a.1), CellAt::new(b.0, b.1)),
        })
    }

    fn range_op(&mut self, l: &Expr, r: &Expr) -> Eval<Operand> {
        match (self.eval(l)?, self.eval(r)?) {
            (Operand::Area(a), Operand::Area(b)) if a.sheet == b.sheet => {
                Ok(Operand::Area(SheetRange {
                    sheet: a.sheet,
                    range: RangeAt::new(
                        CellAt::new(
                            a.range.start.row.min(b.range.start.row),
                            a.range.start.col.min(b.range.start.col),
                        ),
                        CellAt::new(
                            a.range.end.row.max(b.range.end.row),
                            a.range.end.col.max(b.range.end.col),
                        ),
                    ),
                }))
            }
            _ => Err(ErrorValue::Value),
        }
    }

    /// Reduces an operand to one value: a range by implicit intersection with the formula's
    /// row or column (Excel before dynamic arrays), an array to its top-left element.
    pub fn scalar(&mut self, op: Operand) -> Value {
        match op {
            Operand::Value(v) => v,
            Operand::Array(rows) => rows
                .first()
                .and_then(|r| r.first())
                .cloned()
                .unwrap_or(Value::Error(ErrorValue::Value)),
            Operand::Area(a) => {
                let r = a.range;
                let at = if r.start == r.end {
                    Some(r.start)
                } else if r.start.col == r.end.col
                    && (r.start.row..=r.end.row).contains(&self.at.row)
                {
                    Some(CellAt::new(self.at.row, r.start.col))
                } else if r.start.row == r.end.row
                    && (r.start.col..=r.end.col).contains(&self.at.col)
                {
                    Some(CellAt::new(r.start.row, self.at.col))
                } else {
                    None
                };
                match at {
                    Some(at) => self.value_at(a.sheet, at),
                    None => Value::Error(ErrorValue::Value),
                }
            }
        }
    }

    /// Evaluates to one value; an error value becomes `Err`.
    pub fn eval_value(&mut self, expr: &Expr) -> Eval<Value> {
        let op = self.eval(expr)?;
        match self.scalar(op) {
            Value::Error(e) => Err(e),
            v => Ok(v),
        }
    }

    pub fn eval_number(&mut self, expr: &Expr) -> Eval<Decimal> {
        to_number(&self.eval_value(expr)?)
    }

    pub fn eval_text(&mut self, expr: &Expr) -> Eval<String> {
        to_text(&self.eval_value(expr)?)
    }

    /// Counts `cells` against [`MAX_ARRAY_CELLS`]; `Err(#NUM!)`, and the trace marked, when
    /// the formula's arrays would pass it.
    fn reserve_array(&mut self, cells: usize) -> Eval<()> {
        match self.trace.array_cells.checked_add(cells) {
            Some(total) if total <= MAX_ARRAY_CELLS => {
                self.trace.array_cells = total;
                Ok(())
            }
            _ => {
                self.trace.too_large = true;
                Err(ErrorValue::Num)
            }
        }
    }

    /// An operand as rows of values (a single value is a 1×1 array). A range past
    /// [`MAX_ARRAY_CELLS`] becomes a single `#NUM!` and marks the trace.
    pub fn to_array(&mut self, op: Operand) -> Vec<Vec<Value>> {
        match op {
            Operand::Value(v) => vec![vec![v]],
            Operand::Array(rows) => rows,
            Operand::Area(a)
                if self
                    .reserve_array(a.rows().saturating_mul(a.cols()))
                    .is_err() =>
            {
                vec![vec![Value::Error(ErrorValue::Num)]]
            }
            Operand::Area(a) => (0..a.rows())
                .map(|i| {
                    (0..a.cols())
                        .map(|j| self.excel_view(a.sheet, a.at(i, j)))
                        .collect()
                })
                .collect(),
        }
    }

    fn is_scalar(op: &Operand) -> bool {
        match op {
            Operand::Value(_) => true,
            Operand::Area(a) => a.range.start == a.range.end,
            Operand::Array(rows) => rows.len() == 1 && rows[0].len() == 1,
        }
    }

    fn map_numbers(&mut self, op: Operand, f: impl Fn(Decimal) -> Eval<Decimal>) -> Eval<Operand> {
        let apply = |v: &Value| match to_number(v).and_then(&f) {
            Ok(n) => Value::Number(n),
            Err(e) => Value::Error(e),
        };
        if Self::is_scalar(&op) {
            return match apply(&self.scalar(op)) {
                Value::Error(e) => Err(e),
                v => Ok(Operand::Value(v)),
            };
        }
        let rows = self.to_array(op);
        Ok(Operand::Array(
            rows.iter().map(|r| r.iter().map(apply).collect()).collect(),
        ))
    }

    fn binary(&mut self, op: BinaryOp, l: &Expr, r: &Expr) -> Eval<Operand> {
        let left = self.eval(l)?;
        let right = self.eval(r)?;
        if Self::is_scalar(&left) && Self::is_scalar(&right) {
            let a = self.scalar(left);
            let b = self.scalar(right);
            let v = self.apply_binary(op, &a, &b, r);
            return match v {
                Value::Error(e) => Err(e),
                v => Ok(Operand::Value(v)),
            };
        }
        // Element-wise, as in SUMPRODUCT((D5:D9>0)*E5:E9); a 1×1 side is repeated.
        let a = self.to_array(left);
        let b = self.to_array(right);
        let rows = a.len().max(b.len());
        let cols = a[0].len().max(b[0].len());
        // A row against a column broadcasts to rows × cols, more than either side.
        self.reserve_array(rows.saturating_mul(cols))?;
        let pick = |m: &Vec<Vec<Value>>, i: usize, j: usize| {
            let i = if m.len() == 1 { 0 } else { i };
            let j = if m[0].len() == 1 { 0 } else { j };
            m.get(i)
                .and_then(|row| row.get(j))
                .cloned()
                .unwrap_or(Value::Error(ErrorValue::NA))
        };
        let out = (0..rows)
            .map(|i| {
                (0..cols)
                    .map(|j| self.apply_binary(op, &pick(&a, i, j), &pick(&b, i, j), r))
                    .collect()
            })
            .collect();
        Ok(Operand::Array(out))
    }

    fn apply_binary(&mut self, op: BinaryOp, a: &Value, b: &Value, divisor: &Expr) -> Value {
        let result = match op {
            BinaryOp::Concat => to_text(a).and_then(|x| Ok(Value::Text(x + &to_text(b)?))),
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => comparison(op, a, b),
            _ => self.arithmetic(op, a, b, divisor),
        };
        result.unwrap_or_else(Value::Error)
    }

    fn arithmetic(&mut self, op: BinaryOp, a: &Value, b: &Value, divisor: &Expr) -> Eval<Value> {
        let x = to_number(a)?;
        let y = to_number(b)?;
        if matches!(op, BinaryOp::Add | BinaryOp::Sub) {
            self.note_magnitude(x.abs().max(y.abs()));
        }
        let n = match op {
            BinaryOp::Add => x.checked_add(y).ok_or(ErrorValue::Num)?,
            BinaryOp::Sub => x.checked_sub(y).ok_or(ErrorValue::Num)?,
            BinaryOp::Mul => x.checked_mul(y).ok_or(ErrorValue::Num)?,
            BinaryOp::Div => {
                if y.is_zero() {
                    self.note_divisor(divisor, b);
                    return Err(ErrorValue::Div0);
                }
                x.checked_div(y).ok_or(ErrorValue::Num)?
            }
            BinaryOp::Pow => super::functions::power(x, y)?,
            _ => return Err(ErrorValue::Value),
        };
        Ok(Value::Number(n))
    }

    pub fn note_magnitude(&mut self, n: Decimal) {
        if n > self.trace.magnitude {
            self.trace.magnitude = n;
        }
    }

    fn note_divisor(&mut self, divisor: &Expr, value: &Value) {
        if self.trace.divisor.is_none() {
            self.trace.divisor = Some(Divisor {
                text: divisor.to_string(),
                empty: matches!(value, Value::Empty),
            });
        }
    }
}

fn comparison(op: BinaryOp, a: &Value, b: &Value) -> Eval<Value> {
    if let Value::Error(e) = a {
        return Err(*e);
    }
    if let Value::Error(e) = b {
        return Err(*e);
    }
    let ord = compare(a, b);
    Ok(Value::Bool(match op {
        BinaryOp::Eq => ord.is_eq(),
        BinaryOp::Ne => ord.is_ne(),
        BinaryOp::Lt => ord.is_lt(),
        BinaryOp::Le => ord.is_le(),
        BinaryOp::Gt => ord.is_gt(),
        _ => ord.is_ge(),
    }))
}
