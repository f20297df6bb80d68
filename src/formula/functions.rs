//! The worksheet functions renja evaluates: the one dispatch from [`Function`] to its code,
//! and the arithmetic and rounding ones (ROUND, MOD, POWER …). Aggregates live in
//! `aggregate`, logical and text functions in `logic`, criteria functions in `criteria`,
//! lookups in `lookup`.
//!
//! A function not in the table never gets here: the parser keeps it as an unsupported
//! call, and the cell keeps the value the file was saved with.

use rust_decimal::prelude::*;
use rust_decimal::MathematicalOps;

use super::aggregate::{
    average, count, counta, countblank, max, min, numbers, product, subtotal, sum, sumproduct,
};
use super::ast::Expr;
use super::eval::{Evaluator, Operand};
use super::function::Function;
use super::value::{round_to_tens, to_bool, Eval};
use super::{criteria, logic, lookup};
use crate::model::{ErrorValue, Value};

/// Evaluates a call of `function`. The argument count is checked here, once, against the
/// function's [`Signature`](super::function::Signature): a count Excel would refuse is
/// `#VALUE!` before any argument is evaluated.
pub fn call(ev: &mut Evaluator, function: Function, args: &[Expr]) -> Eval<Operand> {
    if !function.signature().accepts(args.len()) {
        return Err(ErrorValue::Value);
    }
    let number = |n: Decimal| Ok(Operand::Value(Value::Number(n)));
    let boolean = |b: bool| Ok(Operand::Value(Value::Bool(b)));
    let text = |t: String| Ok(Operand::Value(Value::Text(t)));
    let first = || &args[0];
    match function {
        Function::Sum => number(sum(&numbers(ev, args, false)?)?),
        Function::SumIf => number(sum(&criteria::if_numbers(ev, args)?)?),
        Function::SumIfs => number(sum(&criteria::ifs_numbers(ev, args)?)?),
        Function::SumProduct => number(sumproduct(ev, args)?),
        Function::Subtotal => number(subtotal(ev, args)?),
        Function::Product => number(product(&numbers(ev, args, false)?)?),
        Function::Average => number(average(&numbers(ev, args, false)?)?),
        Function::AverageIf => number(average(&criteria::if_numbers(ev, args)?)?),
        Function::Min => number(min(&numbers(ev, args, false)?)),
        Function::Max => number(max(&numbers(ev, args, false)?)),
        Function::Count => number(count(ev, args, false)?.into()),
        Function::CountA => number(counta(ev, args, false)?.into()),
        Function::CountBlank => number(countblank(ev, first())?.into()),
        Function::CountIf | Function::CountIfs => number(criteria::count_ifs(ev, args)?.into()),
        Function::Round => number(round(ev, args, RoundingStrategy::MidpointAwayFromZero)?),
        Function::RoundUp => number(round(ev, args, RoundingStrategy::AwayFromZero)?),
        Function::RoundDown | Function::Trunc => number(round(ev, args, RoundingStrategy::ToZero)?),
        Function::Int => number(ev.eval_number(first())?.floor()),
        Function::Abs => number(ev.eval_number(first())?.abs()),
        Function::Mod => number(modulo(
            ev.eval_number(&args[0])?,
            ev.eval_number(&args[1])?,
        )?),
        Function::Power => number(power(ev.eval_number(&args[0])?, ev.eval_number(&args[1])?)?),
        Function::Sqrt => number(ev.eval_number(first())?.sqrt().ok_or(ErrorValue::Num)?),
        Function::If => logic::if_(ev, args),
        Function::IfError => logic::if_error(ev, args, true),
        Function::IfNa => logic::if_error(ev, args, false),
        Function::And => boolean(logic::and_or(ev, true, args)?),
        Function::Or => boolean(logic::and_or(ev, false, args)?),
        Function::Not => boolean(!to_bool(&ev.eval_value(first())?)?),
        Function::True => boolean(true),
        Function::False => boolean(false),
        Function::IsBlank => boolean(logic::is(ev, first(), |v| *v == Value::Empty)),
        Function::IsNumber => boolean(logic::is(ev, first(), |v| matches!(v, Value::Number(_)))),
        Function::IsText => boolean(logic::is(ev, first(), |v| matches!(v, Value::Text(_)))),
        Function::IsError => boolean(logic::is(ev, first(), |v| matches!(v, Value::Error(_)))),
        Function::IsErr => boolean(logic::is(
            ev,
            first(),
            |v| matches!(v, Value::Error(e) if *e != ErrorValue::NA),
        )),
        Function::IsNa => boolean(logic::is(ev, first(), |v| {
            *v == Value::Error(ErrorValue::NA)
        })),
        Function::Value => number(logic::value(ev, first())?),
        Function::N => number(logic::n(ev, first())?),
        Function::Len => number(Decimal::from(ev.eval_text(first())?.chars().count())),
        Function::Left => text(logic::left(ev, args)?),
        Function::Right => text(logic::right(ev, args)?),
        Function::Mid => text(logic::mid(ev, args)?),
        Function::Trim => text(logic::trim(&ev.eval_text(first())?)),
        Function::Upper => text(ev.eval_text(first())?.to_uppercase()),
        Function::Lower => text(ev.eval_text(first())?.to_lowercase()),
        Function::Concatenate => text(logic::concatenate(ev, args)?),
        Function::Concat => text(logic::concat(ev, args)?),
        Function::VLookup => lookup::table_lookup(ev, true, args),
        Function::HLookup => lookup::table_lookup(ev, false, args),
        Function::Index => lookup::index(ev, args),
        Function::Match => number(Decimal::from(lookup::position(ev, args)? + 1)),
    }
}

/// ROUND (half away from zero), ROUNDUP (away from zero), ROUNDDOWN and TRUNC (toward
/// zero, digits optional); negative digits round to tens, hundreds …
fn round(ev: &mut Evaluator, args: &[Expr], strategy: RoundingStrategy) -> Eval<Decimal> {
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
fn modulo(a: Decimal, b: Decimal) -> Eval<Decimal> {
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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::formula::function::Param;
    use crate::formula::parse_formula;
    use crate::model::{Cell, CellAt, Sheet, SourceFormat, Workbook};

    /// Sheet1!B1:B5 holds 1..5.
    fn evaluate(formula: &str) -> Value {
        let mut sheet = Sheet::new("Sheet1");
        for row in 0..5 {
            let n = Decimal::from(row + 1);
            sheet.cells.insert(
                CellAt::new(row, 1),
                Cell {
                    value: Value::Number(n),
                    ..Cell::default()
                },
            );
        }
        let workbook = Workbook {
            format: SourceFormat::Xlsx,
            sheets: vec![sheet],
            defined_names: Vec::new(),
        };
        let names = HashMap::new();
        let extents = [workbook.sheets[0].extent()];
        let expr = parse_formula(formula, 256).expect(formula);
        Evaluator::new(&workbook, &names, &extents, 256).eval_cell(0, CellAt::new(9, 9), &expr)
    }

    /// Each argument the table marks as a range refuses a number in its place, where the
    /// same call with a range there evaluates.
    #[test]
    fn range_arguments_refuse_a_plain_value() {
        let mut checked = 0;
        for f in Function::ALL {
            let signature = f.signature();
            let ranges: Vec<usize> = (0..8)
                .filter(|i| signature.param(*i) == Some(Param::Range))
                .collect();
            for &position in &ranges {
                let count = (position + 1..)
                    .find(|n| signature.accepts(*n))
                    .expect("a count that reaches the range");
                let args = |number_at: Option<usize>| -> String {
                    let arg = |i: usize| match signature.param(i) {
                        _ if Some(i) == number_at => "5",
                        Some(Param::Range) => "B1:B5",
                        _ => "\">0\"",
                    };
                    (0..count).map(arg).collect::<Vec<_>>().join(",")
                };
                let valid = format!("{}({})", f.name(), args(None));
                assert!(
                    !matches!(evaluate(&valid), Value::Error(_)),
                    "{valid} is {:?}",
                    evaluate(&valid)
                );
                let refused = format!("{}({})", f.name(), args(Some(position)));
                assert_eq!(
                    evaluate(&refused),
                    Value::Error(ErrorValue::Value),
                    "{refused}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 10, "only {checked} range arguments checked");
    }
}
