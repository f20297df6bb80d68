//! The worksheet functions renja evaluates: dispatch by name, and the arithmetic and
//! aggregate ones (SUM, SUBTOTAL, ROUND …). Logical and text functions live in `logic`,
//! criteria functions in `criteria`, lookups in `lookup`.
//!
//! A function outside [`SUPPORTED`] is never guessed at: the cell is reported as
//! unsupported and keeps the value the file was saved with.

use rust_decimal::prelude::*;
use rust_decimal::MathematicalOps;

use super::ast::Expr;
use super::eval::{Area2, Evaluator, Operand};
use super::value::{parse_plain_number, round_to_tens, to_number, Eval};
use super::{criteria, logic, lookup};
use crate::model::{Cell, CellAt, ErrorValue, Value};

/// Every function name renja evaluates.
pub const SUPPORTED: &[&str] = &[
    "SUM",
    "SUMIF",
    "SUMIFS",
    "SUMPRODUCT",
    "SUBTOTAL",
    "PRODUCT",
    "AVERAGE",
    "AVERAGEIF",
    "MIN",
    "MAX",
    "COUNT",
    "COUNTA",
    "COUNTBLANK",
    "COUNTIF",
    "COUNTIFS",
    "ROUND",
    "ROUNDUP",
    "ROUNDDOWN",
    "INT",
    "TRUNC",
    "ABS",
    "MOD",
    "POWER",
    "SQRT",
    "IF",
    "IFERROR",
    "IFNA",
    "AND",
    "OR",
    "NOT",
    "TRUE",
    "FALSE",
    "ISBLANK",
    "ISNUMBER",
    "ISTEXT",
    "ISERROR",
    "ISERR",
    "ISNA",
    "VALUE",
    "N",
    "LEN",
    "LEFT",
    "RIGHT",
    "MID",
    "TRIM",
    "UPPER",
    "LOWER",
    "CONCATENATE",
    "CONCAT",
    "VLOOKUP",
    "HLOOKUP",
    "INDEX",
    "MATCH",
];

pub fn is_supported(name: &str) -> bool {
    SUPPORTED.contains(&name)
}

pub fn call(ev: &mut Evaluator, name: &str, args: &[Expr]) -> Eval<Operand> {
    let number = |n: Decimal| Ok(Operand::Value(Value::Number(n)));
    match name {
        "SUM" => number(sum(&numbers(ev, args, false)?)?),
        "PRODUCT" => number(product(&numbers(ev, args, false)?)?),
        "AVERAGE" => number(average(&numbers(ev, args, false)?)?),
        "MIN" => number(
            numbers(ev, args, false)?
                .into_iter()
                .min()
                .unwrap_or_default(),
        ),
        "MAX" => number(
            numbers(ev, args, false)?
                .into_iter()
                .max()
                .unwrap_or_default(),
        ),
        "COUNT" => number(count(ev, args, false)?.into()),
        "COUNTA" => number(counta(ev, args, false)?.into()),
        "COUNTBLANK" => number(countblank(ev, args)?.into()),
        "SUBTOTAL" => subtotal(ev, args),
        "SUMPRODUCT" => sumproduct(ev, args),
        "ROUND" | "ROUNDUP" | "ROUNDDOWN" => round(ev, name, args),
        "INT" => number(
            arity(args, 1, 1)
                .and_then(|_| ev.eval_number(&args[0]))?
                .floor(),
        ),
        "TRUNC" => round(ev, "ROUNDDOWN", args),
        "ABS" => number(
            arity(args, 1, 1)
                .and_then(|_| ev.eval_number(&args[0]))?
                .abs(),
        ),
        "MOD" => number(modulo(ev, args)?),
        "POWER" => {
            arity(args, 2, 2)?;
            let (x, y) = (ev.eval_number(&args[0])?, ev.eval_number(&args[1])?);
            number(power(x, y)?)
        }
        "SQRT" => {
            arity(args, 1, 1)?;
            number(ev.eval_number(&args[0])?.sqrt().ok_or(ErrorValue::Num)?)
        }
        "SUMIF" | "SUMIFS" | "COUNTIF" | "COUNTIFS" | "AVERAGEIF" => criteria::call(ev, name, args),
        "VLOOKUP" | "HLOOKUP" | "INDEX" | "MATCH" => lookup::call(ev, name, args),
        _ if is_supported(name) => logic::call(ev, name, args),
        _ => {
            ev.trace.unsupported.get_or_insert_with(|| name.to_string());
            Err(ErrorValue::Name)
        }
    }
}

/// `Err(#VALUE!)` unless `min..=max` arguments were given (Excel refuses such a formula;
/// a file can still hold one written by another program).
pub fn arity(args: &[Expr], min: usize, max: usize) -> Eval<()> {
    if (min..=max).contains(&args.len()) {
        Ok(())
    } else {
        Err(ErrorValue::Value)
    }
}

/// A cell whose number came from text (`'5000`, `"5.000.000"`): Excel's SUM skips it.
pub fn is_text_number(cell: &Cell) -> bool {
    cell.formula.is_none()
        && matches!(cell.raw, crate::model::Raw::Text(_))
        && matches!(cell.value, Value::Number(_))
}

/// A cell holding a SUBTOTAL (or AGGREGATE) formula, which an enclosing SUBTOTAL skips.
fn is_subtotal(cell: &Cell) -> bool {
    cell.formula.as_deref().is_some_and(|f| {
        let upper = f.to_ascii_uppercase();
        upper.contains("SUBTOTAL(") || upper.contains("AGGREGATE(")
    })
}

/// The cells present in an area, in reading order (absent cells are empty).
pub fn cells_in<'a>(ev: &Evaluator<'a>, a: Area2) -> impl Iterator<Item = (CellAt, &'a Cell)> + 'a {
    let (c0, c1) = (a.range.start.col, a.range.end.col);
    ev.workbook.sheets[a.sheet]
        .cells
        .range(a.range.start..=a.range.end)
        .filter(move |(at, _)| (c0..=c1).contains(&at.col))
        .map(|(at, c)| (*at, c))
}

/// The numbers SUM, AVERAGE, MIN, MAX and PRODUCT see: in ranges, numbers only (text,
/// booleans and empty cells skipped); direct arguments coerced (`SUM("5", TRUE)` is 6).
pub fn numbers(ev: &mut Evaluator, args: &[Expr], skip_subtotals: bool) -> Eval<Vec<Decimal>> {
    let mut out = Vec::new();
    for arg in args {
        match ev.eval(arg)? {
            Operand::Value(Value::Empty) => {}
            Operand::Value(Value::Text(t)) => {
                out.push(parse_plain_number(&t).ok_or(ErrorValue::Value)?)
            }
            Operand::Value(v) => out.push(to_number(&v)?),
            Operand::Area(a) => area_numbers(ev, a, skip_subtotals, &mut out)?,
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
    Ok(out)
}

fn area_numbers(
    ev: &mut Evaluator,
    a: Area2,
    skip_subtotals: bool,
    out: &mut Vec<Decimal>,
) -> Eval<()> {
    let count_text = ev.count_text_numbers;
    for (at, cell) in cells_in(ev, a) {
        if skip_subtotals && is_subtotal(cell) {
            continue;
        }
        match &cell.value {
            Value::Number(n) if is_text_number(cell) => {
                ev.trace.skipped_text_numbers += 1;
                if count_text {
                    out.push(*n);
                }
            }
            Value::Number(n) => out.push(*n),
            Value::Error(e) => {
                ev.trace.error_source.get_or_insert((a.sheet, at));
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

fn product(ns: &[Decimal]) -> Eval<Decimal> {
    if ns.is_empty() {
        return Ok(Decimal::ZERO);
    }
    ns.iter().try_fold(Decimal::ONE, |acc, n| {
        acc.checked_mul(*n).ok_or(ErrorValue::Num)
    })
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
fn count(ev: &mut Evaluator, args: &[Expr], skip_subtotals: bool) -> Eval<u64> {
    let mut n = 0;
    for arg in args {
        match ev.eval(arg) {
            Err(_) | Ok(Operand::Value(Value::Empty | Value::Error(_))) => {}
            Ok(Operand::Value(Value::Text(t))) => n += u64::from(parse_plain_number(&t).is_some()),
            Ok(Operand::Value(_)) => n += 1,
            Ok(Operand::Area(a)) => {
                let count_text = ev.count_text_numbers;
                n += cells_in(ev, a)
                    .filter(|(_, c)| !(skip_subtotals && is_subtotal(c)))
                    .filter(|(_, c)| {
                        matches!(c.value, Value::Number(_)) && (count_text || !is_text_number(c))
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

fn counta(ev: &mut Evaluator, args: &[Expr], skip_subtotals: bool) -> Eval<u64> {
    let mut n = 0;
    for arg in args {
        match ev.eval(arg) {
            Err(_) => n += 1,
            Ok(Operand::Value(Value::Empty)) if matches!(arg, Expr::Missing) => {}
            Ok(Operand::Value(_)) => n += 1,
            Ok(Operand::Area(a)) => {
                n += cells_in(ev, a)
                    .filter(|(_, c)| !(skip_subtotals && is_subtotal(c)) && c.value != Value::Empty)
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

/// COUNTBLANK: empty cells and cells holding "" (a formula's empty text).
fn countblank(ev: &mut Evaluator, args: &[Expr]) -> Eval<u64> {
    arity(args, 1, 1)?;
    match ev.eval(&args[0])? {
        Operand::Area(a) => {
            let total = (a.rows() * a.cols()) as u64;
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
/// grand total over sub-totalled rows counts each row once. 101–111 (ignore hidden rows)
/// are treated like 1–11: renja does not know which rows are hidden.
fn subtotal(ev: &mut Evaluator, args: &[Expr]) -> Eval<Operand> {
    if args.len() < 2 {
        return Err(ErrorValue::Value);
    }
    let code = ev
        .eval_number(&args[0])?
        .trunc()
        .to_u32()
        .ok_or(ErrorValue::Value)?;
    let refs = &args[1..];
    let n = match code % 100 {
        1 => average(&numbers(ev, refs, true)?)?,
        2 => count(ev, refs, true)?.into(),
        3 => counta(ev, refs, true)?.into(),
        4 => numbers(ev, refs, true)?
            .into_iter()
            .max()
            .unwrap_or_default(),
        5 => numbers(ev, refs, true)?
            .into_iter()
            .min()
            .unwrap_or_default(),
        6 => product(&numbers(ev, refs, true)?)?,
        9 => sum(&numbers(ev, refs, true)?)?,
        7 | 8 | 10 | 11 => {
            ev.trace
                .unsupported
                .get_or_insert_with(|| format!("SUBTOTAL({code})"));
            return Err(ErrorValue::Value);
        }
        _ => return Err(ErrorValue::Value),
    };
    Ok(Operand::Value(Value::Number(n)))
}

/// SUMPRODUCT: arrays of equal shape multiplied element-wise; text and empty are 0.
fn sumproduct(ev: &mut Evaluator, args: &[Expr]) -> Eval<Operand> {
    if args.is_empty() {
        return Err(ErrorValue::Value);
    }
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
    Ok(Operand::Value(Value::Number(total)))
}

/// ROUND (half away from zero), ROUNDUP (away from zero), ROUNDDOWN and TRUNC (toward
/// zero); negative digits round to tens, hundreds …
fn round(ev: &mut Evaluator, name: &str, args: &[Expr]) -> Eval<Operand> {
    let optional_digits = name == "ROUNDDOWN" && args.len() == 1;
    if !optional_digits {
        arity(args, 2, 2)?;
    }
    let x = ev.eval_number(&args[0])?;
    let digits = if optional_digits {
        Decimal::ZERO
    } else {
        ev.eval_number(&args[1])?
    };
    let digits = digits.trunc().to_i64().ok_or(ErrorValue::Num)?;
    let strategy = match name {
        "ROUND" => RoundingStrategy::MidpointAwayFromZero,
        "ROUNDUP" => RoundingStrategy::AwayFromZero,
        _ => RoundingStrategy::ToZero,
    };
    let n = if digits >= 0 {
        x.round_dp_with_strategy(digits.min(28) as u32, strategy)
    } else {
        round_to_tens(x, digits.unsigned_abs().min(29) as u32, strategy).ok_or(ErrorValue::Num)?
    };
    Ok(Operand::Value(Value::Number(n)))
}

/// MOD with Excel's sign rule: the result takes the divisor's sign (`MOD(-3, 2)` is 1).
fn modulo(ev: &mut Evaluator, args: &[Expr]) -> Eval<Decimal> {
    arity(args, 2, 2)?;
    let (a, b) = (ev.eval_number(&args[0])?, ev.eval_number(&args[1])?);
    if b.is_zero() {
        return Err(ErrorValue::Div0);
    }
    let q = a.checked_div(b).ok_or(ErrorValue::Num)?.floor();
    a.checked_sub(b.checked_mul(q).ok_or(ErrorValue::Num)?)
        .ok_or(ErrorValue::Num)
}

/// `x^y`. Integer exponents are exact (repeated multiplication); others go through
/// rust_decimal's `powd` (exp/ln series), good to well past the 15 digits Excel keeps.
/// `0^0` and a negative base with a fractional exponent are `#NUM!`; `0^-1` is `#DIV/0!`.
pub fn power(x: Decimal, y: Decimal) -> Eval<Decimal> {
    if x.is_zero() {
        return match y.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Equal => Err(ErrorValue::Num),
            std::cmp::Ordering::Less => Err(ErrorValue::Div0),
            std::cmp::Ordering::Greater => Ok(Decimal::ZERO),
        };
    }
    if y.fract().is_zero() {
        let e = y.to_i64().ok_or(ErrorValue::Num)?;
        let magnitude = x.checked_powu(e.unsigned_abs()).ok_or(ErrorValue::Num)?;
        return if e < 0 {
            Decimal::ONE.checked_div(magnitude).ok_or(ErrorValue::Num)
        } else {
            Ok(magnitude)
        };
    }
    if x.is_sign_negative() {
        return Err(ErrorValue::Num);
    }
    // Half-integer exponents through the square root, which is exact on perfect squares
    // (`9^0.5` is 3, where the series gives 3.0000…0003).
    let doubled = y.checked_mul(Decimal::TWO).ok_or(ErrorValue::Num)?;
    if doubled.fract().is_zero() {
        let root = x.sqrt().ok_or(ErrorValue::Num)?;
        return power(root, doubled);
    }
    x.checked_powd(y).ok_or(ErrorValue::Num)
}
