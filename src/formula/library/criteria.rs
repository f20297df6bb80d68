//! Criteria functions: SUMIF, SUMIFS, COUNTIF, COUNTIFS, AVERAGEIF, and the criteria they
//! share (`">0"`, `"<>"`, `"=x"`, `"Belanja*"`, `5`), with Excel's rules as its saved
//! values show them (IronCalc's COUNTIF and COUNTIFS workbooks):
//!
//! - a number (or `"=5"`) matches that number and text that reads as it (`'5`); `"<>5"`
//!   matches everything else, text included; `"<5"`, `">=5"` … compare numbers only;
//! - an empty criterion cell is the number 0; `""` and `"="` match empty cells and `""`;
//!   `"<>"` matches every cell that is not empty; `">"` or `"<"` alone match nothing;
//! - `TRUE`, `"true"` match booleans only, `#N/A` or `"#N/A"` error values only, `<>` of
//!   either everything else;
//! - other text matches text cells, case-insensitively, with `*`, `?` and `~` for `=` and
//!   `<>` (`"<>*brown"` counts empty cells too) and in text order for `<`, `>`;
//! - a whole column (`$G:$G`) counts its empty cells past the last used row as well.
//!
//! A cell holding a number typed as text is matched as the text it is, as Excel does
//! (`">0"` does not count `'5000`); the sum range skips it like SUM does. Reads cells only
//! through [`Context`].

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::formula::ast::Expr;
use crate::formula::context::{is_text_number, Context};
use crate::formula::operand::{Operand, SheetRange};
use crate::formula::value::{compare, locale_sensitive, text_number, Eval, Locale};
use crate::model::{ErrorValue, Value};

/// COUNTIF and COUNTIFS: positions where every (range, criteria) pair matches, the empty
/// cells a whole column or row has past the last used one included.
pub fn count_ifs(ev: &mut dyn Context<'_>, args: &[Expr]) -> Eval<u64> {
    let tests = tests(ev, args)?;
    let shape = shape(&tests)?;
    let locale = ev.locale();
    let filled = (0..shape.0 * shape.1)
        .filter(|k| all_match(ev, &tests, *k, shape.1))
        .count() as u64;
    let cut = tests[0].0.cut;
    let empty_matches = tests.iter().all(|(_, c)| c.matches(&Value::Empty, locale));
    Ok(filled + if empty_matches { cut } else { 0 })
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
            // An error is a criterion too: `COUNTIF(A:A, NA())` counts the #N/A cells.
            let v = match ev.eval(&p[1]) {
                Ok(op) => ev.scalar(op),
                Err(e) => Value::Error(e),
            };
            if matches!(&v, Value::Text(t) if locale_sensitive(t.trim_start_matches(['<', '>', '=']))) {
                ev.trace().locale_sensitive = true;
            }
            Ok((area, Criterion::from_value(&v, ev.locale())))
        })
        .collect()
}

fn shape(tests: &[Test]) -> Eval<(usize, usize)> {
    let first = (tests[0].0.rows(), tests[0].0.cols());
    let cut = tests[0].0.cut;
    if tests
        .iter()
        .any(|(a, _)| (a.rows(), a.cols()) != first || a.cut != cut)
    {
        return Err(ErrorValue::Value);
    }
    Ok(first)
}

/// Whether position `k` passes every test; a number typed as text is seen as text.
fn all_match(ev: &mut dyn Context<'_>, tests: &[Test], k: usize, cols: usize) -> bool {
    let locale = ev.locale();
    tests.iter().all(|(a, c)| {
        let v = ev.excel_view(a.sheet, a.at(k / cols, k % cols));
        c.matches(&v, locale)
    })
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

/// One criterion, parsed once per call. The bool in a variant means "or equal" for `<`/`>`
/// and "negated" (`<>`) for `=`.
#[derive(Clone, Debug, PartialEq)]
pub enum Criterion {
    /// `5`, `">0"`, `"<=100"`.
    Number(Ordering, bool, Decimal),
    /// `"Belanja*"`, `"<>x"`, `">m"`: text, lower-cased.
    Text(Ordering, bool, String),
    /// `TRUE`, `"<>false"`.
    Bool(bool, bool),
    /// `#N/A`, `"<>#DIV/0!"`.
    Error(ErrorValue, bool),
    /// `""` or `"="`: empty cells and "".
    Blank,
    /// `"<>"`: anything not empty.
    NotBlank,
    /// `">"`, `"<="` … with nothing to compare with.
    Nothing,
}

impl Criterion {
    pub fn from_value(v: &Value, locale: Locale) -> Criterion {
        match v {
            Value::Number(n) => Criterion::Number(Ordering::Equal, false, *n),
            Value::Bool(b) => Criterion::Bool(*b, false),
            Value::Text(t) => Criterion::parse(t, locale),
            Value::Empty => Criterion::Number(Ordering::Equal, false, Decimal::ZERO),
            Value::Error(e) => Criterion::Error(*e, false),
        }
    }

    /// `">=5"` → (Greater, or-equal, 5).
    pub fn parse(text: &str, locale: Locale) -> Criterion {
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
        let equality = ord == Ordering::Equal;
        if rest.is_empty() {
            return match (equality, flag) {
                (true, false) => Criterion::Blank,
                (true, true) => Criterion::NotBlank,
                (false, _) => Criterion::Nothing,
            };
        }
        if let Some(n) = text_number(rest, locale) {
            return Criterion::Number(ord, flag, n);
        }
        if equality {
            match rest.to_ascii_uppercase().as_str() {
                "TRUE" => return Criterion::Bool(true, flag),
                "FALSE" => return Criterion::Bool(false, flag),
                _ => {}
            }
            if let Some(e) = ErrorValue::parse(rest).filter(|_| rest.trim() == rest) {
                return Criterion::Error(e, flag);
            }
        }
        Criterion::Text(ord, flag, rest.to_lowercase())
    }

    /// Whether a cell's value (as typed) meets the criterion; `locale` reads text as a number
    /// for `=5`.
    pub fn matches(&self, v: &Value, locale: Locale) -> bool {
        match self {
            Criterion::Blank => matches!(v, Value::Empty) || *v == Value::Text(String::new()),
            Criterion::NotBlank => !matches!(v, Value::Empty),
            Criterion::Nothing => false,
            Criterion::Bool(b, negated) => (*v == Value::Bool(*b)) != *negated,
            Criterion::Error(e, negated) => (*v == Value::Error(*e)) != *negated,
            Criterion::Number(Ordering::Equal, negated, n) => {
                let hit = match v {
                    Value::Number(x) => x == n,
                    // `=5` matches the text "5"; `<>5` counts it as different.
                    Value::Text(t) if !negated => text_number(t, locale) == Some(*n),
                    _ => false,
                };
                hit != *negated
            }
            Criterion::Number(ord, or_equal, n) => match v {
                Value::Number(x) => test(x.cmp(n), *ord, *or_equal),
                _ => false,
            },
            Criterion::Text(Ordering::Equal, negated, pattern) => {
                let hit = matches!(v, Value::Text(t) if wildcard(pattern, &t.to_lowercase()));
                hit != *negated
            }
            Criterion::Text(ord, or_equal, pattern) => match v {
                Value::Text(_) => test(compare(v, &Value::Text(pattern.clone())), *ord, *or_equal),
                _ => false,
            },
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
