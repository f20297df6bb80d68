//! Criteria functions: SUMIF, SUMIFS, COUNTIF, COUNTIFS, AVERAGEIF, and the criteria they
//! share (`">0"`, `"<>"`, `"=x"`, `"Belanja*"`, `5`).
//!
//! A cell holding a number typed as text is matched as the text it is, as Excel does
//! (`">0"` does not count `'5000`); the sum range skips it like SUM does. Reads cells only
//! through [`Context`].

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::formula::ast::Expr;
use crate::formula::context::{is_text_number, Context};
use crate::formula::operand::{Operand, SheetRange};
use crate::formula::value::{compare, parse_plain_number, to_text, Eval};
use crate::model::{ErrorValue, Value};

/// COUNTIF and COUNTIFS: positions where every (range, criteria) pair matches.
pub fn count_ifs(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<usize> {
    let tests = tests(ev, args)?;
    let shape = shape(&tests)?;
    Ok((0..shape.0 * shape.1)
        .filter(|k| all_match(ev, &tests, *k, shape.1))
        .count())
}

/// What SUMIF and AVERAGEIF add up: the sum range (or the criteria range itself) where
/// the criteria match.
pub fn if_numbers(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<Vec<Decimal>> {
    let tests = tests(ev, &args[..2])?;
    let target = match args.get(2) {
        Some(e) => resized(area_arg(ev, e)?, tests[0].0),
        None => tests[0].0,
    };
    matching_numbers(ev, &tests, target)
}

/// What SUMIFS adds up: the sum range, of the criteria ranges' shape, where every pair
/// matches.
pub fn ifs_numbers(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<Vec<Decimal>> {
    let target = area_arg(ev, &args[0])?;
    let tests = tests(ev, &args[1..])?;
    if shape(&tests)? != (target.rows(), target.cols()) {
        return Err(ErrorValue::Value);
    }
    matching_numbers(ev, &tests, target)
}

fn area_arg(ev: &mut dyn Context<'_>, e: &Expr) -> Eval<SheetRange> {
    match ev.eval(e)? {
        Operand::Area(a) => Ok(a),
        _ => Err(ErrorValue::Value),
    }
}

/// Excel sizes the sum range like the criteria range, from its own top-left cell.
fn resized(a: SheetRange, like: SheetRange) -> SheetRange {
    let mut out = a;
    out.range.end.row = a.range.start.row + (like.rows() as u32 - 1);
    out.range.end.col = a.range.start.col + (like.cols() as u32 - 1);
    out
}

type Test = (SheetRange, Criterion);

fn tests(ev: &mut dyn Context<'_>, pairs: &[Expr]) -> Eval<Vec<Test>> {
    pairs
        .chunks(2)
        .map(|p| {
            let area = area_arg(ev, &p[0])?;
            let v = ev.eval_value(&p[1])?;
            Ok((area, Criterion::from_value(&v)))
        })
        .collect()
}

fn shape(tests: &[Test]) -> Eval<(usize, usize)> {
    let first = (tests[0].0.rows(), tests[0].0.cols());
    if tests.iter().any(|(a, _)| (a.rows(), a.cols()) != first) {
        return Err(ErrorValue::Value);
    }
    Ok(first)
}

/// Whether position `k` passes every test; a number typed as text is seen as text.
fn all_match(ev: &mut dyn Context<'_>, tests: &[Test], k: usize, cols: usize) -> bool {
    tests
        .iter()
        .all(|(a, c)| c.matches(&ev.excel_view(a.sheet, a.at(k / cols, k % cols))))
}

fn matching_numbers(
    ev: &mut dyn Context<'_>,
    tests: &[Test],
    target: SheetRange,
) -> Eval<Vec<Decimal>> {
    let cols = tests[0].0.cols();
    let mut out = Vec::new();
    for k in 0..tests[0].0.rows() * cols {
        if !all_match(ev, tests, k, cols) {
            continue;
        }
        let Some(cell) = ev.cell(target.sheet, target.at(k / cols, k % cols)) else {
            continue;
        };
        match &cell.value {
            Value::Number(n) if is_text_number(cell) => {
                ev.trace().skipped_text_numbers += 1;
                if ev.counts_text_numbers() {
                    out.push(*n);
                }
            }
            Value::Number(n) => out.push(*n),
            Value::Error(e) => return Err(*e),
            _ => {}
        }
    }
    Ok(out)
}

/// One criterion, parsed once per call.
#[derive(Clone, Debug, PartialEq)]
pub enum Criterion {
    /// `5`, `">0"`, `"<=100"`: numbers compared; `"=5"` also matches the text "5".
    Number(Ordering, bool, Decimal),
    /// `"Belanja*"`, `"<>x"`: text, case-insensitive, `*` and `?` wildcards for = and <>.
    Text(Ordering, bool, String),
    Bool(bool),
    /// `""` or `"="`: empty cells (and "").
    Blank,
    /// `"<>"`: anything not empty.
    NotBlank,
}

impl Criterion {
    pub fn from_value(v: &Value) -> Criterion {
        match v {
            Value::Number(n) => Criterion::Number(Ordering::Equal, false, *n),
            Value::Bool(b) => Criterion::Bool(*b),
            Value::Text(t) => Criterion::parse(t),
            Value::Empty | Value::Error(_) => Criterion::Blank,
        }
    }

    /// `">=5"` → (Greater, or-equal, 5). The bool in each variant means "or equal" for
    /// `<`/`>` and "negated" for `=`.
    pub fn parse(text: &str) -> Criterion {
        let (ord, flag, rest) = [
            (">=", Ordering::Greater, true),
            ("<=", Ordering::Less, true),
            ("<>", Ordering::Equal, true),
            (">", Ordering::Greater, false),
            ("<", Ordering::Less, false),
            ("=", Ordering::Equal, false),
        ]
        .iter()
        .find_map(|(p, o, f)| text.strip_prefix(p).map(|r| (*o, *f, r)))
        .unwrap_or((Ordering::Equal, false, text));
        if rest.is_empty() && ord == Ordering::Equal {
            return if flag {
                Criterion::NotBlank
            } else {
                Criterion::Blank
            };
        }
        if let Some(n) = parse_plain_number(rest) {
            return Criterion::Number(ord, flag, n);
        }
        match rest.to_ascii_uppercase().as_str() {
            "TRUE" if ord == Ordering::Equal && !flag => Criterion::Bool(true),
            "FALSE" if ord == Ordering::Equal && !flag => Criterion::Bool(false),
            _ => Criterion::Text(ord, flag, rest.to_lowercase()),
        }
    }

    pub fn matches(&self, v: &Value) -> bool {
        match self {
            Criterion::Blank => matches!(v, Value::Empty) || *v == Value::Text(String::new()),
            Criterion::NotBlank => !matches!(v, Value::Empty),
            Criterion::Bool(b) => *v == Value::Bool(*b),
            Criterion::Number(ord, flag, n) => {
                let x = match v {
                    Value::Number(x) => *x,
                    Value::Text(t) if *ord == Ordering::Equal => match parse_plain_number(t) {
                        Some(x) => x,
                        None => return *flag,
                    },
                    _ => return *ord == Ordering::Equal && *flag,
                };
                test(x.cmp(n), *ord, *flag)
            }
            Criterion::Text(ord, flag, pattern) => {
                if *ord == Ordering::Equal {
                    let t = to_text(v).unwrap_or_default().to_lowercase();
                    let hit = matches!(v, Value::Text(_) | Value::Empty) && wildcard(pattern, &t);
                    return hit != *flag;
                }
                match v {
                    Value::Text(_) => test(compare(v, &Value::Text(pattern.clone())), *ord, *flag),
                    _ => false,
                }
            }
        }
    }
}

fn test(found: Ordering, ord: Ordering, flag: bool) -> bool {
    match ord {
        Ordering::Equal => (found == Ordering::Equal) != flag,
        _ => found == ord || (flag && found == Ordering::Equal),
    }
}

/// `*` any run, `?` one character, `~*` / `~?` literal; both sides already lower-cased.
pub fn wildcard(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Classic two-pointer match with backtracking to the last `*`.
    let (mut i, mut j, mut star, mut mark) = (0, 0, None, 0);
    while j < t.len() {
        let literal = |i: usize| -> Option<(char, usize)> {
            match p.get(i) {
                Some('~') if matches!(p.get(i + 1), Some('*' | '?' | '~')) => Some((p[i + 1], 2)),
                Some(c) => Some((*c, 1)),
                None => None,
            }
        };
        match (p.get(i), literal(i)) {
            (Some('*'), _) => {
                star = Some(i);
                mark = j;
                i += 1;
            }
            (Some('?'), _) => {
                i += 1;
                j += 1;
            }
            (_, Some((c, len))) if c == t[j] => {
                i += len;
                j += 1;
            }
            _ => match star {
                Some(s) => {
                    i = s + 1;
                    mark += 1;
                    j = mark;
                }
                None => return false,
            },
        }
    }
    p[i.min(p.len())..].iter().all(|c| *c == '*')
}
