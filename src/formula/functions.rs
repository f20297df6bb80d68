//! The worksheet functions renja evaluates: dispatch by name, and the arithmetic and
//! rounding ones (ROUND, MOD, POWER …). Aggregates live in `aggregate`, logical and text
//! functions in `logic`, criteria functions in `criteria`, lookups in `lookup`.
//!
//! A function outside [`SUPPORTED`] is never guessed at: the cell is reported as
//! unsupported and keeps the value the file was saved with.

use rust_decimal::prelude::*;
use rust_decimal::MathematicalOps;

use super::aggregate::{
    average, count, counta, countblank, numbers, product, subtotal, sum, sumproduct,
};
use super::ast::Expr;
use super::eval::{Evaluator, Operand};
use super::value::{round_to_tens, Eval};
use super::{criteria, logic, lookup};
use crate::model::{ErrorValue, Value};

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
