//! Logical and information functions: IF (lazily: only the chosen branch is evaluated),
//! IFERROR, IFNA, AND, OR, the IS… functions, VALUE and N.
//!
//! IF and IFERROR also note when their guard hid a division by zero in this file's data
//! (`IFERROR(E5/D5, "")` with D5 = 0): the cell shows nothing where the table has a hole.
//! Reads cells only through [`Context`].

use rust_decimal::prelude::*;

use super::aggregate::cells_in;
use crate::formula::ast::{BinaryOp, Expr};
use crate::formula::context::Context;
use crate::formula::operand::Operand;
use crate::formula::trace::Mask;
use crate::formula::value::{to_bool, Eval};
use crate::model::{ErrorValue, Value};

/// IF: only the chosen branch is evaluated; an omitted one is 0, a missing else FALSE.
pub fn if_(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<Operand> {
    let condition = to_bool(&ev.eval_value(&args[0])?)?;
    let chosen = if condition { 1 } else { 2 };
    note_zero_guard(ev, args, condition);
    match args.get(chosen) {
        Some(Expr::Missing) => Ok(Operand::Value(Value::Number(Decimal::ZERO))),
        Some(e) => ev.eval(e),
        None => Ok(Operand::Value(Value::Bool(false))),
    }
}

/// `IF(D5=0, 0, E5/D5)` or `IF(D5<>0, E5/D5, "")` whose zero test fired: the guard hid a
/// division by zero. Noted only when the other branch really divides.
fn note_zero_guard(ev: &mut dyn Context<'_>, args: &[Expr], condition: bool) {
    let Some(Expr::Binary(op @ (BinaryOp::Eq | BinaryOp::Ne), l, r)) = args.first() else {
        return;
    };
    let tested = match (&**l, &**r) {
        (e, z) | (z, e) if is_zero_literal(z) => e,
        _ => return,
    };
    let fired = (*op == BinaryOp::Eq) == condition;
    let (shown, hidden) = if *op == BinaryOp::Eq { (1, 2) } else { (2, 1) };
    let shows_filler = args.get(shown).is_some_and(is_filler);
    let hides_division = args.get(hidden).is_some_and(divides);
    if fired && shows_filler && hides_division {
        ev.trace().masks.push(Mask::ZeroGuard {
            tested: tested.to_string(),
        });
    }
}

fn is_zero_literal(e: &Expr) -> bool {
    matches!(e, Expr::Number(n) if n.is_zero()) || matches!(e, Expr::Text(t) if t.is_empty())
}

/// A stand-in shown instead of a result: 0, "", "-" or an omitted argument.
fn is_filler(e: &Expr) -> bool {
    matches!(e, Expr::Missing | Expr::Number(_) | Expr::Text(_))
}

fn divides(e: &Expr) -> bool {
    let mut found = false;
    e.walk(&mut |x| found |= matches!(x, Expr::Binary(BinaryOp::Div, ..)));
    found
}

/// IFERROR (`any_error`) and IFNA: the fallback when the value is an error (IFNA: `#N/A`).
pub fn if_error(ev: &mut dyn Context<'_>, args: &[Expr], any_error: bool) -> Eval<Operand> {
    let first = match ev.eval(&args[0]) {
        // Element by element over an array: `SUM(IFERROR(G4:G7/H4:H7, 0))`.
        Ok(Operand::Array(rows)) => return if_error_array(ev, rows, &args[1], any_error),
        other => other.map(|op| ev.scalar(op)),
    };
    let error = match &first {
        Err(e) | Ok(Value::Error(e)) => Some(*e),
        Ok(_) => None,
    };
    match error {
        Some(e) if any_error || e == ErrorValue::NA => {
            if e == ErrorValue::Div0 && is_filler(&args[1]) {
                ev.trace().masks.push(Mask::IfError {
                    fallback: args[1].to_string(),
                });
            }
            match &args[1] {
                Expr::Missing => Ok(Operand::Value(Value::Number(Decimal::ZERO))),
                fallback => ev.eval(fallback),
            }
        }
        Some(e) => Err(e),
        None => first.map(Operand::Value),
    }
}

fn if_error_array(
    ev: &mut dyn Context<'_>,
    rows: Vec<Vec<Value>>,
    fallback: &Expr,
    any_error: bool,
) -> Eval<Operand> {
    let caught = |v: &Value| matches!(v, Value::Error(e) if any_error || *e == ErrorValue::NA);
    if !rows.iter().flatten().any(caught) {
        return Ok(Operand::Array(rows));
    }
    let replacement = match fallback {
        Expr::Missing => Value::Number(Decimal::ZERO),
        e => match ev.eval(e) {
            Ok(op) => ev.scalar(op),
            Err(e) => Value::Error(e),
        },
    };
    Ok(Operand::Array(
        rows.into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|v| if caught(&v) { replacement.clone() } else { v })
                    .collect()
            })
            .collect(),
    ))
}

/// AND (`all`) and OR over values and the numbers and booleans of ranges. A text argument
/// counts when it reads TRUE or FALSE and is skipped when empty; other text is `#VALUE!`.
pub fn and_or(ev: &mut dyn Context<'_>, all: bool, args: &[Expr]) -> Eval<bool> {
    let mut seen = Vec::new();
    for arg in args {
        match ev.eval(arg)? {
            Operand::Value(Value::Text(t)) if t.is_empty() => {}
            Operand::Value(v) => seen.push(to_bool(&v)?),
            Operand::Area(a) => {
                for (_, c) in cells_in(ev, a) {
                    if c.is_typed_text() {
                        continue;
                    }
                    match &c.value {
                        Value::Error(e) => return Err(*e),
                        v @ (Value::Number(_) | Value::Bool(_)) => seen.push(to_bool(v)?),
                        _ => {}
                    }
                }
            }
            Operand::Array(rows) => {
                for v in rows.iter().flatten() {
                    match v {
                        Value::Error(e) => return Err(*e),
                        Value::Number(_) | Value::Bool(_) => seen.push(to_bool(v)?),
                        _ => {}
                    }
                }
            }
        }
    }
    if seen.is_empty() {
        return Err(ErrorValue::Value);
    }
    Ok(if all {
        seen.iter().all(|b| *b)
    } else {
        seen.iter().any(|b| *b)
    })
}

/// The IS… functions: `test` on the value, an error included (never `Err`).
pub fn is(ev: &mut dyn Context<'_>, arg: &Expr, test: fn(&Value) -> bool) -> bool {
    let v = match ev.eval(arg) {
        Ok(op) => ev.scalar(op),
        Err(e) => Value::Error(e),
    };
    test(&v)
}

/// VALUE: text read as a number the way Excel in the file's locale reads it; a boolean is
/// `#VALUE!`, an empty cell 0.
pub fn value(ev: &mut dyn Context<'_>, arg: &Expr) -> Eval<Decimal> {
    match ev.eval_value(arg)? {
        v @ Value::Text(_) => ev.number_of(&v),
        Value::Bool(_) => Err(ErrorValue::Value),
        Value::Number(n) => Ok(n),
        _ => Ok(Decimal::ZERO),
    }
}

/// N: a number as itself, TRUE as 1, anything else (text that reads as a number too) 0.
pub fn n(ev: &mut dyn Context<'_>, arg: &Expr) -> Eval<Decimal> {
    match ev.eval_value(arg)? {
        Value::Number(n) => Ok(n),
        Value::Bool(b) => Ok(if b { Decimal::ONE } else { Decimal::ZERO }),
        _ => Ok(Decimal::ZERO),
    }
}
