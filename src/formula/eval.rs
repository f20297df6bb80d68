//! Evaluates one parsed formula over exact decimals, reading other cells' current values.
//!
//! Cells are evaluated in dependency order by `deps`, so a referenced formula cell already
//! holds its recomputed value here; this module never recurses into another cell. What the
//! evaluation noticed on the way (text skipped by SUM, a guard that hid `#DIV/0!`, where an
//! error came from) is kept in a [`Trace`] for the findings.
//!
//! Owns operators, references and defined names. Knows nothing of any one worksheet
//! function: a call goes to `library`, which asks this evaluator for what it needs through
//! the [`Context`] trait.

use rust_decimal::prelude::*;

use super::ast::{Area, BinaryOp, Callee, Expr, Reference, UnaryOp};
use super::context::Context;
use super::library;
use super::library::math::power;
use super::names::Names;
use super::operand::{Operand, SheetRange};
use super::trace::{Divisor, Trace, MAX_ARRAY_CELLS};
use super::value::{compare, Eval, Locale};
use crate::model::{CellAt, ErrorValue, RangeAt, Value, Workbook, MAX_COL, MAX_ROW};

/// Evaluates formulas of one workbook; shared across cells.
pub struct Evaluator<'a> {
    pub workbook: &'a Workbook,
    pub names: &'a Names,
    /// The last used row and column over all sheets: whole columns and rows stop there
    /// (the cells past it are all empty), the same for every sheet so that `A:A` of two
    /// sheets has one shape.
    pub used_end: CellAt,
    pub max_depth: usize,
    /// How text becomes a number and a number text (see [`Locale`]).
    pub locale: Locale,
    /// Read a number typed as text as the number renja read where a formula reads the cell
    /// itself (see [`Context::reads_text_numbers`]).
    pub text_numbers_as_read: bool,
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
        names: &'a Names,
        extents: &[Option<CellAt>],
        max_depth: usize,
    ) -> Self {
        let used_end = extents.iter().flatten().fold(CellAt::new(0, 0), |end, e| {
            CellAt::new(end.row.max(e.row), end.col.max(e.col))
        });
        Evaluator {
            workbook,
            names,
            used_end,
            max_depth,
            locale: Locale::default(),
            text_numbers_as_read: false,
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

    fn eval_inner(&mut self, expr: &Expr) -> Eval<Operand> {
        let value = |v| Ok(Operand::Value(v));
        match expr {
            Expr::Number(n) => value(Value::Number(*n)),
            Expr::Text(t) => value(Value::Text(t.clone())),
            Expr::Bool(b) => value(Value::Bool(*b)),
            Expr::Error(e) => Err(*e),
            Expr::Missing => value(Value::Empty),
            Expr::Ref(r) => self.reference(r).map(Operand::Area),
            Expr::Name(n) if n.starts_with('[') => {
                self.note_other_workbook(n);
                Err(ErrorValue::Ref)
            }
            Expr::Name(n) => match self.names.get(self.sheet, n) {
                Some(e) => self.eval(e),
                None => Err(ErrorValue::Name),
            },
            // Unary plus changes nothing, not even text (`=+B3` shows B3's text).
            Expr::Unary(UnaryOp::Plus, e) => self.eval(e),
            Expr::Unary(UnaryOp::Neg, e) => {
                let v = self.eval(e)?;
                self.map_numbers(v, |n| Ok(-n))
            }
            Expr::Percent(e) => {
                let v = self.eval(e)?;
                self.map_numbers(v, |n| {
                    n.checked_div(Decimal::ONE_HUNDRED).ok_or(ErrorValue::Num)
                })
            }
            Expr::Binary(BinaryOp::Range, l, r) => self.range_op(l, r),
            Expr::Binary(op, l, r) => self.binary(*op, l, r),
            Expr::Call(Callee::Known(function), args) => library::call(self, *function, args),
            Expr::Call(Callee::Unsupported(name), _) => {
                self.trace.unsupported.get_or_insert_with(|| name.clone());
                Err(ErrorValue::Name)
            }
        }
    }

    /// Notes the first reference to another workbook (`[1]` of `'[1]2015-2019'!C14`).
    fn note_other_workbook(&mut self, written: &str) {
        let index = written.find(']').map_or(written, |end| &written[..=end]);
        self.trace
            .other_workbook
            .get_or_insert_with(|| index.to_string());
    }

    /// Resolves a reference to a rectangle; whole columns and rows stop at the last used
    /// row or column of the workbook, and the cells left out are counted in `cut`.
    pub fn reference(&mut self, r: &Reference) -> Eval<SheetRange> {
        let sheet = match &r.sheet {
            None => self.sheet,
            Some(name) if name.starts_with('[') => {
                self.note_other_workbook(name);
                return Err(ErrorValue::Ref);
            }
            Some(name) => self.workbook.sheet_index(name).ok_or(ErrorValue::Ref)?,
        };
        let end = self.used_end;
        let (a, b, cut) = match r.area {
            Area::Cell(c) => ((c.row, c.col), (c.row, c.col), 0),
            Area::Range(x, y) => ((x.row, x.col), (y.row, y.col), 0),
            Area::Columns((x, _), (y, _)) => {
                let cols = u64::from(x.abs_diff(y)) + 1;
                let cut = u64::from(MAX_ROW - end.row.min(MAX_ROW)) * cols;
                ((0, x), (end.row.min(MAX_ROW), y), cut)
            }
            Area::Rows((x, _), (y, _)) => {
                let rows = u64::from(x.abs_diff(y)) + 1;
                let cut = u64::from(MAX_COL - end.col.min(MAX_COL)) * rows;
                ((x, 0), (y, end.col.min(MAX_COL)), cut)
            }
        };
        Ok(SheetRange {
            sheet,
            range: RangeAt::new(CellAt::new(a.0, a.1), CellAt::new(b.0, b.1)),
            cut,
        })
    }

    fn range_op(&mut self, l: &Expr, r: &Expr) -> Eval<Operand> {
        match (self.eval(l)?, self.eval(r)?) {
            (Operand::Area(a), Operand::Area(b)) if a.sheet == b.sheet => {
                Ok(Operand::Area(SheetRange {
                    sheet: a.sheet,
                    cut: 0,
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

    fn is_scalar(op: &Operand) -> bool {
        match op {
            Operand::Value(_) => true,
            Operand::Area(a) => a.range.start == a.range.end,
            Operand::Array(rows) => rows.len() == 1 && rows[0].len() == 1,
        }
    }

    fn map_numbers(&mut self, op: Operand, f: impl Fn(Decimal) -> Eval<Decimal>) -> Eval<Operand> {
        let apply = |ev: &mut Self, v: &Value| match ev.number_of(v).and_then(&f) {
            Ok(n) => Value::Number(n),
            Err(e) => Value::Error(e),
        };
        if Self::is_scalar(&op) {
            let v = self.scalar(op);
            return match apply(self, &v) {
                Value::Error(e) => Err(e),
                v => Ok(Operand::Value(v)),
            };
        }
        let rows = self.to_array(op);
        Ok(Operand::Array(
            rows.iter()
                .map(|r| r.iter().map(|v| apply(self, v)).collect())
                .collect(),
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
            BinaryOp::Concat => self
                .text_of(a)
                .and_then(|x| Ok(Value::Text(x + &self.text_of(b)?))),
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
        let x = self.number_of(a)?;
        let y = self.number_of(b)?;
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
            BinaryOp::Pow => power(x, y)?,
            _ => return Err(ErrorValue::Value),
        };
        Ok(Value::Number(n))
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

impl<'a> Context<'a> for Evaluator<'a> {
    /// Every expression, the functions' arguments included, comes through here, so the
    /// depth bound holds through defined names too (a name can nest any formula again).
    fn eval(&mut self, expr: &Expr) -> Eval<Operand> {
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

    /// Implicit intersection as Excel did before dynamic arrays: a column range gives the
    /// cell in the formula's row, a row range the cell in its column.
    fn scalar(&mut self, op: Operand) -> Value {
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

    /// The budget is [`MAX_ARRAY_CELLS`] for all the formula's arrays together.
    fn to_array(&mut self, op: Operand) -> Vec<Vec<Value>> {
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

    fn workbook(&self) -> &'a Workbook {
        self.workbook
    }

    fn counts_text_numbers(&self) -> bool {
        self.count_text_numbers
    }

    fn trace(&mut self) -> &mut Trace {
        &mut self.trace
    }

    fn locale(&self) -> Locale {
        self.locale
    }

    fn reads_text_numbers(&self) -> bool {
        self.text_numbers_as_read
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
