//! Aggregates over ranges: SUM, PRODUCT, AVERAGE, MIN/MAX inputs, COUNT, COUNTA,
//! COUNTBLANK, SUBTOTAL and SUMPRODUCT, with Excel's rules for what a range contributes
//! (numbers only; text, even text that reads as a number, is skipped).
//!
//! Skipped numbers typed as text are counted in the trace so the engine can report what
//! the total would have been with them. Reads cells only through [`Context`].

use rust_decimal::prelude::*;

use crate::formula::ast::Expr;
use crate::formula::context::{is_text_number, Context};
use crate::formula::operand::{Operand, SheetRange};
use crate::formula::value::Eval;
use crate::model::{Cell, CellAt, ErrorValue, HiddenRow, Value};

/// A cell holding a SUBTOTAL (or AGGREGATE) formula, which an enclosing SUBTOTAL skips.
fn is_subtotal(cell: &Cell) -> bool {
    cell.formula.as_deref().is_some_and(|f| {
        let upper = f.to_ascii_uppercase();
        upper.contains("SUBTOTAL(") || upper.contains("AGGREGATE(")
    })
}

/// What SUBTOTAL leaves out of its ranges, besides cells holding a SUBTOTAL themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// Nothing: SUM, COUNT and the rest count every cell.
    Nothing,
    /// SUBTOTAL 1–11: nested SUBTOTALs and the rows an AutoFilter hides.
    FilteredRows,
    /// SUBTOTAL 101–111: nested SUBTOTALs and every hidden row.
    HiddenRows,
}

impl Skip {
    fn skips(self, ev: &dyn Context<'_>, sheet: usize, at: CellAt, cell: &Cell) -> bool {
        if self == Skip::Nothing {
            return false;
        }
        if is_subtotal(cell) {
            return true;
        }
        match ev.workbook().sheets[sheet].hidden_rows.get(&at.row) {
            Some(HiddenRow::Filtered) => true,
            Some(HiddenRow::ByHand) => self == Skip::HiddenRows,
            None => false,
        }
    }
}

/// The cells present in an area, in reading order (absent cells are empty).
pub fn cells_in<'a>(
    ev: &dyn Context<'a>,
    a: SheetRange,
) -> impl Iterator<Item = (CellAt, &'a Cell)> + 'a {
    let (c0, c1) = (a.range.start.col, a.range.end.col);
    ev.workbook().sheets[a.sheet]
        .cells
        .range(a.range.start..=a.range.end)
        .filter(move |(at, _)| (c0..=c1).contains(&at.col))
        .map(|(at, c)| (*at, c))
}

/// The numbers SUM, AVERAGE, MIN, MAX and PRODUCT see: in ranges, numbers only (text,
/// booleans and empty cells skipped); direct arguments coerced (`SUM("5", TRUE)` is 6).
pub fn numbers(ev: &mut dyn Context<'_>, args: &[Expr], skip: Skip) -> Eval<Vec<Decimal>> {
    let mut out = Vec::new();
    for arg in args {
        match ev.eval(arg)? {
            Operand::Value(Value::Empty) => {}
            Operand::Value(v) => out.push(ev.number_of(&v)?),
            Operand::Area(a) => area_numbers(ev, a, skip, &mut out)?,
            Operand::Array(rows) => {
                for v in rows.iter().flatten() {
                    match v {
                        Value::Number(n) => out.push(*n),
                        Value::Error(e) => return Err(*e),
                        _ => {}
                    }
                }
            }
        }
    }
    if let Some(largest) = out.iter().map(|n| n.abs()).max() {
        ev.note_magnitude(largest);
    }
    Ok(out)
}

/// The numbers of a range: text is skipped, even text renja reads as a number or an error
/// (`'5000`, a typed `#DIV/0!`), as Excel skips it.
fn area_numbers(
    ev: &mut dyn Context<'_>,
    a: SheetRange,
    skip: Skip,
    out: &mut Vec<Decimal>,
) -> Eval<()> {
    let count_text = ev.counts_text_numbers();
    for (at, cell) in cells_in(ev, a) {
        if skip.skips(ev, a.sheet, at, cell) {
            continue;
        }
        if cell.is_typed_text() {
            if let (true, Value::Number(n)) = (is_text_number(cell), &cell.value) {
                ev.trace().skipped_text_numbers += 1;
                if count_text {
                    out.push(*n);
                }
            }
            continue;
        }
        match &cell.value {
            Value::Number(n) => out.push(*n),
            Value::Error(e) => {
                ev.trace().error_source.get_or_insert((a.sheet, at));
                return Err(*e);
            }
            _ => {}
        }
    }
    Ok(())
}

pub fn sum(ns: &[Decimal]) -> Eval<Decimal> {
    ns.iter().try_fold(Decimal::ZERO, |acc, n| {
        acc.checked_add(*n).ok_or(ErrorValue::Num)
    })
}

pub fn product(ns: &[Decimal]) -> Eval<Decimal> {
    if ns.is_empty() {
        return Ok(Decimal::ZERO);
    }
    ns.iter().try_fold(Decimal::ONE, |acc, n| {
        acc.checked_mul(*n).ok_or(ErrorValue::Num)
    })
}

/// MIN and MAX of nothing are 0.
pub fn min(ns: &[Decimal]) -> Decimal {
    ns.iter().copied().min().unwrap_or_default()
}

pub fn max(ns: &[Decimal]) -> Decimal {
    ns.iter().copied().max().unwrap_or_default()
}

pub fn average(ns: &[Decimal]) -> Eval<Decimal> {
    if ns.is_empty() {
        return Err(ErrorValue::Div0);
    }
    sum(ns)?
        .checked_div(Decimal::from(ns.len()))
        .ok_or(ErrorValue::Num)
}

/// COUNT: numbers in ranges; direct numbers, booleans and numeric text. Errors are not
/// counted and do not propagate.
pub fn count(ev: &mut dyn Context<'_>, args: &[Expr], skip: Skip) -> Eval<u64> {
    let mut n = 0;
    for arg in args {
        match ev.eval(arg) {
            Err(_) | Ok(Operand::Value(Value::Empty | Value::Error(_))) => {}
            Ok(Operand::Value(v @ Value::Text(_))) => n += u64::from(ev.number_of(&v).is_ok()),
            Ok(Operand::Value(_)) => n += 1,
            Ok(Operand::Area(a)) => {
                let count_text = ev.counts_text_numbers();
                let ev: &dyn Context<'_> = ev;
                n += cells_in(ev, a)
                    .filter(|(at, c)| !skip.skips(ev, a.sheet, *at, c))
                    .filter(|(_, c)| {
                        matches!(c.value, Value::Number(_)) && (count_text || !c.is_typed_text())
                    })
                    .count() as u64;
            }
            Ok(Operand::Array(rows)) => {
                n += rows
                    .iter()
                    .flatten()
                    .filter(|v| matches!(v, Value::Number(_)))
                    .count() as u64
            }
        }
    }
    Ok(n)
}

pub fn counta(ev: &mut dyn Context<'_>, args: &[Expr], skip: Skip) -> Eval<u64> {
    let mut n = 0;
    for arg in args {
        match ev.eval(arg) {
            Err(_) => n += 1,
            Ok(Operand::Value(Value::Empty)) if matches!(arg, Expr::Missing) => {}
            Ok(Operand::Value(_)) => n += 1,
            Ok(Operand::Area(a)) => {
                let ev: &dyn Context<'_> = ev;
                n += cells_in(ev, a)
                    .filter(|(at, c)| !skip.skips(ev, a.sheet, *at, c) && c.value != Value::Empty)
                    .count() as u64
            }
            Ok(Operand::Array(rows)) => {
                n += rows
                    .iter()
                    .flatten()
                    .filter(|v| **v != Value::Empty)
                    .count() as u64
            }
        }
    }
    Ok(n)
}

/// COUNTBLANK: empty cells and cells holding "" (a formula's empty text), a whole column's
/// empty cells past the last used row included.
pub fn countblank(ev: &mut dyn Context<'_>, range: &Expr) -> Eval<u64> {
    match ev.eval(range)? {
        Operand::Area(a) => {
            let total = (a.rows() * a.cols()) as u64 + a.cut;
            let filled = cells_in(ev, a)
                .filter(|(_, c)| {
                    !matches!(&c.value, Value::Empty) && c.value != Value::Text(String::new())
                })
                .count() as u64;
            Ok(total - filled)
        }
        _ => Err(ErrorValue::Value),
    }
}

/// SUBTOTAL(function, ranges…): cells that hold a SUBTOTAL themselves are skipped, so a
/// grand total over sub-totalled rows counts each row once; 1–11 skip the rows an AutoFilter
/// hides (the total of what the filter shows), 101–111 every hidden row.
pub fn subtotal(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<Decimal> {
    let code = ev
        .eval_number(&args[0])?
        .trunc()
        .to_u32()
        .ok_or(ErrorValue::Value)?;
    let refs = &args[1..];
    let skip = match code {
        1..=11 => Skip::FilteredRows,
        101..=111 => Skip::HiddenRows,
        _ => return Err(ErrorValue::Value),
    };
    match code % 100 {
        1 => average(&numbers(ev, refs, skip)?),
        2 => Ok(count(ev, refs, skip)?.into()),
        3 => Ok(counta(ev, refs, skip)?.into()),
        4 => Ok(max(&numbers(ev, refs, skip)?)),
        5 => Ok(min(&numbers(ev, refs, skip)?)),
        6 => product(&numbers(ev, refs, skip)?),
        9 => sum(&numbers(ev, refs, skip)?),
        7 | 8 | 10 | 11 => {
            ev.trace()
                .unsupported
                .get_or_insert_with(|| format!("SUBTOTAL({code})"));
            Err(ErrorValue::Value)
        }
        _ => Err(ErrorValue::Value),
    }
}

/// SUMPRODUCT: arrays of equal shape multiplied element-wise; text and empty are 0.
pub fn sumproduct(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<Decimal> {
    let mut arrays = Vec::with_capacity(args.len());
    for arg in args {
        let op = ev.eval(arg)?;
        arrays.push(ev.to_array(op));
    }
    let (rows, cols) = (arrays[0].len(), arrays[0][0].len());
    if arrays.iter().any(|a| a.len() != rows || a[0].len() != cols) {
        return Err(ErrorValue::Value);
    }
    let mut total = Decimal::ZERO;
    for i in 0..rows {
        for j in 0..cols {
            let mut p = Decimal::ONE;
            for a in &arrays {
                let n = match &a[i][j] {
                    Value::Number(n) => *n,
                    Value::Error(e) => return Err(*e),
                    _ => Decimal::ZERO,
                };
                p = p.checked_mul(n).ok_or(ErrorValue::Num)?;
            }
            total = total.checked_add(p).ok_or(ErrorValue::Num)?;
        }
    }
    Ok(total)
}
