//! Lookup functions: VLOOKUP, HLOOKUP, INDEX, MATCH.
//!
//! Approximate lookups (VLOOKUP/HLOOKUP with TRUE, MATCH 1 and -1) scan in order and stop
//! at the first value past the one sought; on sorted data (the only data Excel documents
//! them for) that gives Excel's binary-search answer. Reads cells only through [`Context`].

use std::cmp::Ordering;

use rust_decimal::prelude::*;

use super::criteria::wildcard;
use crate::formula::ast::Expr;
use crate::formula::context::Context;
use crate::formula::operand::{Operand, SheetRange};
use crate::formula::value::{compare, to_bool, Eval};
use crate::model::{ErrorValue, RangeAt, Value};

/// A table argument: a range on a sheet or an array of values.
enum Grid {
    Area(SheetRange),
    Array(Vec<Vec<Value>>),
}

impl Grid {
    fn from(op: Operand) -> Grid {
        match op {
            Operand::Area(a) => Grid::Area(a),
            Operand::Array(rows) => Grid::Array(rows),
            Operand::Value(v) => Grid::Array(vec![vec![v]]),
        }
    }

    fn shape(&self) -> (usize, usize) {
        match self {
            Grid::Area(a) => (a.rows(), a.cols()),
            Grid::Array(rows) => (rows.len(), rows.first().map_or(0, Vec::len)),
        }
    }

    fn get(&self, ev: &mut dyn Context<'_>, i: usize, j: usize) -> Value {
        match self {
            Grid::Area(a) => ev.value_at(a.sheet, a.at(i, j)),
            Grid::Array(rows) => rows[i][j].clone(),
        }
    }
}

fn grid_arg(ev: &mut dyn Context<'_>, e: &Expr) -> Eval<Grid> {
    Ok(Grid::from(ev.eval(e)?))
}

fn flag_arg(ev: &mut dyn Context<'_>, e: Option<&Expr>, default: bool) -> Eval<bool> {
    match e {
        None | Some(Expr::Missing) => Ok(default),
        Some(e) => to_bool(&ev.eval_value(e)?),
    }
}

fn same_kind(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::Number(_), Value::Number(_))
            | (Value::Text(_), Value::Text(_))
            | (Value::Bool(_), Value::Bool(_))
    )
}

/// Position of `sought` among `len` values given by `at`: exact (wildcards for text) or
/// approximate (last value ≤ sought when `order` is Less, last ≥ when Greater).
fn find(
    ev: &mut dyn Context<'_>,
    sought: &Value,
    len: usize,
    order: Option<Ordering>,
    at: &dyn Fn(&mut dyn Context<'_>, usize) -> Value,
) -> Eval<usize> {
    let pattern = match sought {
        Value::Text(t) => Some(t.to_lowercase()),
        _ => None,
    };
    let mut best = None;
    for k in 0..len {
        let v = at(ev, k);
        match order {
            None => {
                let hit = match (&pattern, &v) {
                    (Some(p), Value::Text(t)) => wildcard(p, &t.to_lowercase()),
                    _ => same_kind(sought, &v) && compare(sought, &v) == Ordering::Equal,
                };
                if hit {
                    return Ok(k);
                }
            }
            Some(dir) => {
                if !same_kind(sought, &v) {
                    continue;
                }
                match compare(&v, sought) {
                    Ordering::Equal => best = Some(k),
                    o if o == dir => best = Some(k),
                    _ => break,
                }
            }
        }
    }
    best.ok_or(ErrorValue::NA)
}

/// VLOOKUP (`vertical`) and HLOOKUP.
pub fn table_lookup(ev: &mut dyn Context<'_>, vertical: bool, args: &[Expr]) -> Eval<Operand> {
    let sought = ev.eval_value(&args[0])?;
    // Text for a table (`VLOOKUP(x, "Nothing", 1)`) is #VALUE!; a number or boolean is a
    // table of one cell, where nothing is found.
    let grid = match ev.eval(&args[1])? {
        Operand::Value(Value::Text(_)) => return Err(ErrorValue::Value),
        op => Grid::from(op),
    };
    let offset = ev
        .eval_number(&args[2])?
        .trunc()
        .to_i64()
        .ok_or(ErrorValue::Value)?;
    let approximate = flag_arg(ev, args.get(3), true)?;
    let (rows, cols) = grid.shape();
    let (len, width) = if vertical { (rows, cols) } else { (cols, rows) };
    if offset < 1 {
        return Err(ErrorValue::Value);
    }
    let offset = offset as usize - 1;
    if offset >= width {
        return Err(ErrorValue::Ref);
    }
    let at = |ev: &mut dyn Context<'_>, k: usize| {
        if vertical {
            grid.get(ev, k, 0)
        } else {
            grid.get(ev, 0, k)
        }
    };
    let k = find(ev, &sought, len, approximate.then_some(Ordering::Less), &at)?;
    let v = if vertical {
        grid.get(ev, k, offset)
    } else {
        grid.get(ev, offset, k)
    };
    match v {
        Value::Error(e) => Err(e),
        v => Ok(Operand::Value(v)),
    }
}

/// INDEX: a cell, row or column of a range (as a reference), or an element of an array.
pub fn index(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<Operand> {
    let grid = grid_arg(ev, &args[0])?;
    let (rows, cols) = grid.shape();
    let position = |ev: &mut dyn Context<'_>, e: Option<&Expr>| -> Eval<usize> {
        match e {
            None | Some(Expr::Missing) => Ok(0),
            Some(e) => ev
                .eval_number(e)?
                .trunc()
                .to_usize()
                .ok_or(ErrorValue::Value),
        }
    };
    let mut r = position(ev, args.get(1))?;
    let mut c = position(ev, args.get(2))?;
    // INDEX(one row, n) counts along the row.
    if args.len() == 2 && rows == 1 {
        (r, c) = (1, r);
    }
    if r > rows || c > cols {
        return Err(ErrorValue::Ref);
    }
    match grid {
        Grid::Area(a) => {
            let (r0, r1) = if r == 0 {
                (0, rows - 1)
            } else {
                (r - 1, r - 1)
            };
            let (c0, c1) = if c == 0 {
                (0, cols - 1)
            } else {
                (c - 1, c - 1)
            };
            Ok(Operand::Area(SheetRange {
                sheet: a.sheet,
                range: RangeAt::new(a.at(r0, c0), a.at(r1, c1)),
                cut: 0,
            }))
        }
        Grid::Array(values) => {
            let (i, j) = (r.max(1) - 1, c.max(1) - 1);
            Ok(Operand::Value(values[i][j].clone()))
        }
    }
}

/// MATCH(value, row or column, type): zero-based position.
pub fn position(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<usize> {
    let sought = ev.eval_value(&args[0])?;
    let grid = grid_arg(ev, &args[1])?;
    let kind = match args.get(2) {
        None | Some(Expr::Missing) => Decimal::ONE,
        Some(e) => ev.eval_number(e)?,
    };
    let (rows, cols) = grid.shape();
    if rows != 1 && cols != 1 {
        return Err(ErrorValue::NA);
    }
    let order = match kind.signum().to_i32() {
        Some(0) => None,
        Some(1) => Some(Ordering::Less),
        _ => Some(Ordering::Greater),
    };
    let vertical = cols == 1;
    let at = |ev: &mut dyn Context<'_>, k: usize| {
        if vertical {
            grid.get(ev, k, 0)
        } else {
            grid.get(ev, 0, k)
        }
    };
    find(ev, &sought, rows.max(cols), order, &at)
}
