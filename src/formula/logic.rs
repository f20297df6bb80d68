//! Logical, information and text functions: IF (lazily: only the chosen branch is
//! evaluated), IFERROR, IFNA, AND, OR, NOT, IS…, VALUE, N and the text functions.
//!
//! IF and IFERROR also note when their guard hid a division by zero in this file's data
//! (`IFERROR(E5/D5, "")` with D5 = 0): the cell shows nothing where the table has a hole.

use rust_decimal::prelude::*;

use super::aggregate::cells_in;
use super::ast::{BinaryOp, Expr};
use super::eval::{Evaluator, Mask, Operand};
use super::functions::arity;
use super::value::{parse_plain_number, to_bool, to_number, to_text, Eval};
use crate::model::{ErrorValue, Value};

pub fn call(ev: &mut Evaluator, name: &str, args: &[Expr]) -> Eval<Operand> {
    let value = |v: Value| Ok(Operand::Value(v));
    match name {
        "IF" => if_(ev, args),
        "IFERROR" | "IFNA" => if_error(ev, name, args),
        "AND" | "OR" => value(Value::Bool(and_or(ev, name == "AND", args)?)),
        "NOT" => {
            arity(args, 1, 1)?;
            value(Value::Bool(!to_bool(&ev.eval_value(&args[0])?)?))
        }
        "TRUE" | "FALSE" => value(Value::Bool(name == "TRUE")),
        "ISBLANK" | "ISNUMBER" | "ISTEXT" | "ISERROR" | "ISERR" | "ISNA" => {
            value(Value::Bool(is(ev, name, args)?))
        }
        "VALUE" => {
            arity(args, 1, 1)?;
            match ev.eval_value(&args[0])? {
                Value::Text(t) => value(Value::Number(
                    parse_plain_number(&t).ok_or(ErrorValue::Value)?,
                )),
                other => value(Value::Number(to_number(&other)?)),
            }
        }
        "N" => {
            arity(args, 1, 1)?;
            match ev.eval_value(&args[0])? {
                v @ (Value::Number(_) | Value::Bool(_)) => value(Value::Number(to_number(&v)?)),
                _ => value(Value::Number(Decimal::ZERO)),
            }
        }
        _ => text_function(ev, name, args).map(Operand::Value),
    }
}

fn if_(ev: &mut Evaluator, args: &[Expr]) -> Eval<Operand> {
    arity(args, 1, 3)?;
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
fn note_zero_guard(ev: &mut Evaluator, args: &[Expr], condition: bool) {
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
        ev.trace.masks.push(Mask::ZeroGuard {
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

fn if_error(ev: &mut Evaluator, name: &str, args: &[Expr]) -> Eval<Operand> {
    arity(args, 2, 2)?;
    let first = ev.eval(&args[0]).map(|op| ev.scalar(op));
    let error = match &first {
        Err(e) | Ok(Value::Error(e)) => Some(*e),
        Ok(_) => None,
    };
    match error {
        Some(e) if name == "IFERROR" || e == ErrorValue::NA => {
            if e == ErrorValue::Div0 && is_filler(&args[1]) {
                ev.trace.masks.push(Mask::IfError {
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

fn and_or(ev: &mut Evaluator, all: bool, args: &[Expr]) -> Eval<bool> {
    let mut seen = Vec::new();
    for arg in args {
        match ev.eval(arg)? {
            Operand::Value(Value::Text(_)) => return Err(ErrorValue::Value),
            Operand::Value(v) => seen.push(to_bool(&v)?),
            Operand::Area(a) => {
                for (_, c) in cells_in(ev, a) {
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

fn is(ev: &mut Evaluator, name: &str, args: &[Expr]) -> Eval<bool> {
    arity(args, 1, 1)?;
    let v = match ev.eval(&args[0]) {
        Ok(op) => ev.scalar(op),
        Err(e) => Value::Error(e),
    };
    Ok(match name {
        "ISBLANK" => v == Value::Empty,
        "ISNUMBER" => matches!(v, Value::Number(_)),
        "ISTEXT" => matches!(v, Value::Text(_)),
        "ISERROR" => matches!(v, Value::Error(_)),
        "ISERR" => matches!(v, Value::Error(e) if e != ErrorValue::NA),
        _ => v == Value::Error(ErrorValue::NA),
    })
}

fn count_arg(ev: &mut Evaluator, args: &[Expr], index: usize, default: usize) -> Eval<usize> {
    match args.get(index) {
        None | Some(Expr::Missing) => Ok(default),
        Some(e) => {
            let n = ev.eval_number(e)?.trunc();
            if n.is_sign_negative() && !n.is_zero() {
                return Err(ErrorValue::Value);
            }
            Ok(n.to_usize().unwrap_or(usize::MAX))
        }
    }
}

fn text_function(ev: &mut Evaluator, name: &str, args: &[Expr]) -> Eval<Value> {
    let text = |t: String| Ok(Value::Text(t));
    match name {
        "CONCATENATE" => {
            let mut out = String::new();
            for a in args {
                out.push_str(&ev.eval_text(a)?);
            }
            text(out)
        }
        "CONCAT" => concat(ev, args).map(Value::Text),
        _ => {
            let (min, max) = match name {
                "LEFT" | "RIGHT" => (1, 2),
                "MID" => (3, 3),
                _ => (1, 1),
            };
            arity(args, min, max)?;
            let s = ev.eval_text(&args[0])?;
            match name {
                "LEN" => Ok(Value::Number(Decimal::from(s.chars().count()))),
                "LEFT" => text(s.chars().take(count_arg(ev, args, 1, 1)?).collect()),
                "RIGHT" => {
                    let n = count_arg(ev, args, 1, 1)?;
                    let len = s.chars().count();
                    text(s.chars().skip(len.saturating_sub(n)).collect())
                }
                "MID" => {
                    let start = count_arg(ev, args, 1, 1)?;
                    if start == 0 {
                        return Err(ErrorValue::Value);
                    }
                    let n = count_arg(ev, args, 2, 0)?;
                    text(s.chars().skip(start - 1).take(n).collect())
                }
                "TRIM" => text(
                    s.split(' ')
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                "UPPER" => text(s.to_uppercase()),
                "LOWER" => text(s.to_lowercase()),
                _ => Err(ErrorValue::Name),
            }
        }
    }
}

/// CONCAT joins ranges too, cell by cell in reading order.
fn concat(ev: &mut Evaluator, args: &[Expr]) -> Eval<String> {
    let mut out = String::new();
    for a in args {
        let op = ev.eval(a)?;
        for v in ev.to_array(op).iter().flatten() {
            out.push_str(&to_text(v)?);
        }
    }
    Ok(out)
}
