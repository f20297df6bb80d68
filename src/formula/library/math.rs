//! Arithmetic and rounding: ROUND, ROUNDUP, ROUNDDOWN, TRUNC, MOD and POWER (also the `^`
//! operator), over exact decimals with Excel's sign and rounding rules. (INT, ABS and SQRT
//! are one line each in the dispatch.) Arguments are evaluated through [`Context`]; knows
//! nothing of cells.

use rust_decimal::prelude::*;
use rust_decimal::MathematicalOps;

use crate::formula::ast::Expr;
use crate::formula::context::Context;
use crate::formula::value::{round_to_tens, Eval};
use crate::model::ErrorValue;

/// ROUND (half away from zero), ROUNDUP (away from zero), ROUNDDOWN and TRUNC (toward
/// zero, digits optional); negative digits round to tens, hundreds …
pub fn round(ev: &mut dyn Context<'_>, args: &[Expr], strategy: RoundingStrategy) -> Eval<Decimal> {
    let x = ev.eval_number(&args[0])?;
    let digits = match args.get(1) {
        Some(digits) => ev.eval_number(digits)?,
        None => Decimal::ZERO,
    };
    let digits = digits.trunc().to_i64().ok_or(ErrorValue::Num)?;
    if digits >= 0 {
        Ok(x.round_dp_with_strategy(digits.min(28) as u32, strategy))
    } else {
        round_to_tens(x, digits.unsigned_abs().min(29) as u32, strategy).ok_or(ErrorValue::Num)
    }
}

/// MOD with Excel's sign rule: the result takes the divisor's sign (`MOD(-3, 2)` is 1).
pub fn modulo(a: Decimal, b: Decimal) -> Eval<Decimal> {
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
