//! The function library: every worksheet function renja evaluates, and the one dispatch
//! from a [`Function`] to its code. Aggregates live in `aggregate`, criteria functions in
//! `criteria`, logical and information functions in `logic`, text functions in `text`,
//! lookups in `lookup`, arithmetic and rounding in `math`.
//!
//! The library reaches the evaluation only through [`Context`], and knows nothing of how an
//! expression is evaluated. A function not in the table never gets here: the parser keeps
//! it as an unsupported call, and the cell keeps the value the file was saved with.

mod aggregate;
mod criteria;
mod logic;
mod lookup;
pub mod math;
mod text;

use rust_decimal::prelude::*;

use super::ast::Expr;
use super::context::Context;
use super::function::Function;
use super::operand::Operand;
use super::value::{to_bool, Eval};
use crate::model::{ErrorValue, Value};
use aggregate::{
    average, count, counta, countblank, max, min, numbers, product, subtotal, sum, sumproduct, Skip,
};
use math::{modulo, power, round};

/// Evaluates a call of `function`. The argument count is checked here, once, against the
/// function's [`Signature`](super::function::Signature): a count Excel would refuse is
/// `#VALUE!` before any argument is evaluated.
pub fn call(ev: &mut dyn Context<'_>, function: Function, args: &[Expr]) -> Eval<Operand> {
    if !function.signature().accepts(args.len()) {
        return Err(ErrorValue::Value);
    }
    let number = |n: Decimal| Ok(Operand::Value(Value::Number(n)));
    let boolean = |b: bool| Ok(Operand::Value(Value::Bool(b)));
    let string = |t: String| Ok(Operand::Value(Value::Text(t)));
    match function {
        Function::Sum => number(sum(&numbers(ev, args, Skip::Nothing)?)?),
        Function::SumIf => number(sum(&criteria::if_numbers(ev, args)?)?),
        Function::SumIfs => number(sum(&criteria::ifs_numbers(ev, args)?)?),
        Function::SumProduct => number(sumproduct(ev, args)?),
        Function::Subtotal => number(subtotal(ev, args)?),
        Function::Product => number(product(&numbers(ev, args, Skip::Nothing)?)?),
        Function::Average => number(average(&numbers(ev, args, Skip::Nothing)?)?),
        Function::AverageIf => number(average(&criteria::if_numbers(ev, args)?)?),
        Function::Min => number(min(&numbers(ev, args, Skip::Nothing)?)),
        Function::Max => number(max(&numbers(ev, args, Skip::Nothing)?)),
        Function::Count => number(count(ev, args, Skip::Nothing)?.into()),
        Function::CountA => number(counta(ev, args, Skip::Nothing)?.into()),
        Function::CountBlank => number(countblank(ev, &args[0])?.into()),
        Function::CountIf | Function::CountIfs => number(criteria::count_ifs(ev, args)?.into()),
        Function::Round => number(round(ev, args, RoundingStrategy::MidpointAwayFromZero)?),
        Function::RoundUp => number(round(ev, args, RoundingStrategy::AwayFromZero)?),
        Function::RoundDown | Function::Trunc => number(round(ev, args, RoundingStrategy::ToZero)?),
        Function::Int => number(ev.eval_number(&args[0])?.floor()),
        Function::Abs => number(ev.eval_number(&args[0])?.abs()),
        Function::Mod => {
            let (a, b) = (ev.eval_number(&args[0])?, ev.eval_number(&args[1])?);
            // Excel computes a − b·INT(a/b) in doubles: its residue is noise of a's size.
            ev.note_magnitude(a.abs().max(b.abs()));
            number(modulo(a, b)?)
        }
        Function::Power => number(power(ev.eval_number(&args[0])?, ev.eval_number(&args[1])?)?),
        Function::Sqrt => number(ev.eval_number(&args[0])?.sqrt().ok_or(ErrorValue::Num)?),
        Function::If => logic::if_(ev, args),
        Function::IfError => logic::if_error(ev, args, true),
        Function::IfNa => logic::if_error(ev, args, false),
        Function::And => boolean(logic::and_or(ev, true, args)?),
        Function::Or => boolean(logic::and_or(ev, false, args)?),
        Function::Not => boolean(!to_bool(&ev.eval_value(&args[0])?)?),
        Function::True => boolean(true),
        Function::False => boolean(false),
        Function::IsBlank => boolean(logic::is(ev, &args[0], |v| *v == Value::Empty)),
        Function::IsNumber => boolean(logic::is(ev, &args[0], |v| matches!(v, Value::Number(_)))),
        Function::IsText => boolean(logic::is(ev, &args[0], |v| matches!(v, Value::Text(_)))),
        Function::IsError => boolean(logic::is(ev, &args[0], |v| matches!(v, Value::Error(_)))),
        Function::IsErr => boolean(logic::is(
            ev,
            &args[0],
            |v| matches!(v, Value::Error(e) if *e != ErrorValue::NA),
        )),
        Function::IsNa => boolean(logic::is(ev, &args[0], |v| {
            *v == Value::Error(ErrorValue::NA)
        })),
        Function::Value => number(logic::value(ev, &args[0])?),
        Function::N => number(logic::n(ev, &args[0])?),
        Function::Len => number(Decimal::from(ev.eval_text(&args[0])?.chars().count())),
        Function::Left => string(text::left(ev, args)?),
        Function::Right => string(text::right(ev, args)?),
        Function::Mid => string(text::mid(ev, args)?),
        Function::Trim => string(text::trim(&ev.eval_text(&args[0])?)),
        Function::Upper => string(ev.eval_text(&args[0])?.to_uppercase()),
        Function::Lower => string(ev.eval_text(&args[0])?.to_lowercase()),
        Function::Concatenate => string(text::concatenate(ev, args)?),
        Function::Concat => string(text::concat(ev, args)?),
        Function::VLookup => lookup::table_lookup(ev, true, args),
        Function::HLookup => lookup::table_lookup(ev, false, args),
        Function::Index => lookup::index(ev, args),
        Function::Match => number(Decimal::from(lookup::position(ev, args)? + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formula::eval::Evaluator;
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
            ..Workbook::default()
        };
        let names = crate::formula::names::Names::default();
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
