//! Text functions: LEFT, RIGHT, MID, TRIM, CONCATENATE and CONCAT (LEN, UPPER and LOWER are
//! one line each in the dispatch), over text as Excel's `&` shows a value (numbers in general
//! format). Reads values only through [`Context`].

use rust_decimal::prelude::*;

use crate::formula::ast::Expr;
use crate::formula::context::Context;
use crate::formula::value::Eval;
use crate::model::ErrorValue;

/// A count argument (LEFT's, MID's): omitted is `default`, negative is `#VALUE!`.
fn count_arg(ev: &mut dyn Context<'_>, args: &[Expr], index: usize, default: usize) -> Eval<usize> {
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

pub fn left(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<String> {
    let s = ev.eval_text(&args[0])?;
    Ok(s.chars().take(count_arg(ev, args, 1, 1)?).collect())
}

pub fn right(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<String> {
    let s = ev.eval_text(&args[0])?;
    let n = count_arg(ev, args, 1, 1)?;
    let len = s.chars().count();
    Ok(s.chars().skip(len.saturating_sub(n)).collect())
}

pub fn mid(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<String> {
    let s = ev.eval_text(&args[0])?;
    let start = count_arg(ev, args, 1, 1)?;
    if start == 0 {
        return Err(ErrorValue::Value);
    }
    let n = count_arg(ev, args, 2, 0)?;
    Ok(s.chars().skip(start - 1).take(n).collect())
}

/// TRIM: runs of spaces become one, none at either end.
pub fn trim(s: &str) -> String {
    s.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn concatenate(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<String> {
    let mut out = String::new();
    for a in args {
        out.push_str(&ev.eval_text(a)?);
    }
    Ok(out)
}

/// CONCAT joins ranges too, cell by cell in reading order.
pub fn concat(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<String> {
    let mut out = String::new();
    for a in args {
        let op = ev.eval(a)?;
        for v in ev.to_array(op).iter().flatten() {
            out.push_str(&ev.text_of(v)?);
        }
    }
    Ok(out)
}
