//! The numbering row under a Renja header (`1 2 3 … 8=(7/6) 9 10=(5+7+9) 11=(10/4)`,
//! `(1) (2) …`, or `1 2 3 4 9 10 14` where printed numbers skip) and the column rules it
//! states, parsed into [`RuleExpr`] by a small precedence-climbing parser and evaluated over
//! exact decimals with units.
//!
//! Knows nothing of sheets: callers hand over cell texts and operand values.

use rust_decimal::Decimal;
use serde::Serialize;

/// A column rule's right-hand side. `Column` holds a printed column number while parsing and
/// a sheet column once the table resolved it ([`RuleExpr::resolve`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleExpr {
    Column(u32),
    /// A constant (`100` in `8=(7/6)x100`), kept as written.
    Number(String),
    Add(Box<RuleExpr>, Box<RuleExpr>),
    Sub(Box<RuleExpr>, Box<RuleExpr>),
    Mul(Box<RuleExpr>, Box<RuleExpr>),
    Div(Box<RuleExpr>, Box<RuleExpr>),
    /// The sum of these columns where an empty cell counts as nothing planned (a RAK's
    /// months); missing only when all are empty.
    SumOf(Vec<u32>),
}

/// One cell of a numbering row: the printed column number and the rule it states, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberingCell {
    pub printed: u32,
    pub rule: Option<RuleExpr>,
    pub text: String,
}

/// Reads `8`, `(8)`, `8=(7/6)`, `8 = 7/6`, `11=10/4`. `None` for anything else (a numbering
/// cell with an unreadable rule is still a numbering cell, without a rule).
pub fn parse_numbering_cell(text: &str) -> Option<NumberingCell> {
    let t = text.trim();
    let (left, right) = match t.split_once('=') {
        Some((l, r)) => (l.trim(), Some(r.trim())),
        None => (t, None),
    };
    let digits = left
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(left)
        .trim();
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let printed: u32 = digits.parse().ok()?;
    Some(NumberingCell {
        printed,
        rule: right.and_then(parse_expr),
        text: t.to_string(),
    })
}

/// Whether the printed numbers form a numbering row: at least three, strictly increasing.
pub fn is_numbering(cells: &[NumberingCell]) -> bool {
    cells.len() >= 3 && cells.windows(2).all(|w| w[0].printed < w[1].printed)
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(String),
    Op(char),
    Open,
    Close,
}

fn lex(text: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\u{a0}' => {
                chars.next();
            }
            '0'..='9' => {
                let mut n = String::new();
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_digit() || d == ',' || d == '.' {
                        n.push(if d == ',' { '.' } else { d });
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Num(n));
            }
            '+' | '-' | '−' | '–' => {
                tokens.push(Token::Op(if c == '+' { '+' } else { '-' }));
                chars.next();
            }
            '*' | 'x' | 'X' | '×' => {
                tokens.push(Token::Op('*'));
                chars.next();
            }
            '/' | ':' | '÷' => {
                tokens.push(Token::Op('/'));
                chars.next();
            }
            '(' | '[' => {
                tokens.push(Token::Open);
                chars.next();
            }
            ')' | ']' => {
                tokens.push(Token::Close);
                chars.next();
            }
            _ => return None,
        }
    }
    Some(tokens)
}

/// Parses a rule's right-hand side: numbers, `+ − × x * / :`, parentheses. `None` on
/// anything else (`(7/6`, `7//6`, `abc`).
pub fn parse_expr(text: &str) -> Option<RuleExpr> {
    let tokens = lex(text)?;
    let mut pos = 0;
    let expr = parse_sum(&tokens, &mut pos)?;
    (pos == tokens.len()).then_some(expr)
}

fn parse_sum(tokens: &[Token], pos: &mut usize) -> Option<RuleExpr> {
    let mut left = parse_product(tokens, pos)?;
    while let Some(Token::Op(op @ ('+' | '-'))) = tokens.get(*pos) {
        *pos += 1;
        let right = parse_product(tokens, pos)?;
        left = if *op == '+' {
            RuleExpr::Add(Box::new(left), Box::new(right))
        } else {
            RuleExpr::Sub(Box::new(left), Box::new(right))
        };
    }
    Some(left)
}

fn parse_product(tokens: &[Token], pos: &mut usize) -> Option<RuleExpr> {
    let mut left = parse_factor(tokens, pos)?;
    while let Some(Token::Op(op @ ('*' | '/'))) = tokens.get(*pos) {
        *pos += 1;
        let right = parse_factor(tokens, pos)?;
        left = if *op == '*' {
            RuleExpr::Mul(Box::new(left), Box::new(right))
        } else {
            RuleExpr::Div(Box::new(left), Box::new(right))
        };
    }
    Some(left)
}

fn parse_factor(tokens: &[Token], pos: &mut usize) -> Option<RuleExpr> {
    match tokens.get(*pos)? {
        Token::Num(n) => {
            *pos += 1;
            match n.parse::<u32>() {
                Ok(col) => Some(RuleExpr::Column(col)),
                Err(_) => Some(RuleExpr::Number(n.clone())),
            }
        }
        Token::Open => {
            *pos += 1;
            let inner = parse_sum(tokens, pos)?;
            (tokens.get(*pos) == Some(&Token::Close)).then(|| *pos += 1)?;
            Some(inner)
        }
        Token::Op('-') => {
            *pos += 1;
            let inner = parse_factor(tokens, pos)?;
            Some(RuleExpr::Sub(
                Box::new(RuleExpr::Number("0".into())),
                Box::new(inner),
            ))
        }
        _ => None,
    }
}

/// An operand value: a number and the unit it was written with (`160 Orang`).
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: Decimal,
    pub unit: Option<String>,
}

/// Why a rule could not be evaluated to a number.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// An operand cell is empty or not a number: the rule does not apply to this row.
    Missing,
    /// `7/6` with column 6 at zero.
    DivZero,
    /// `5+7+9` with `1 Tahun + 3 Orang`: the units named.
    Units(String, String),
    Overflow,
}

impl RuleExpr {
    /// Replaces printed column numbers by sheet columns. A printed number the table does not
    /// print becomes a constant when it is 100 or more (`x100`); otherwise the rule cannot be
    /// applied and `None` is returned (`10=(5+7+9)` where column 9 is missing).
    pub fn resolve(&self, sheet_col: &impl Fn(u32) -> Option<u32>) -> Option<RuleExpr> {
        let both = |a: &RuleExpr, b: &RuleExpr| {
            Some((
                Box::new(a.resolve(sheet_col)?),
                Box::new(b.resolve(sheet_col)?),
            ))
        };
        Some(match self {
            RuleExpr::Column(p) => match sheet_col(*p) {
                Some(c) => RuleExpr::Column(c),
                None if *p >= 100 => RuleExpr::Number(p.to_string()),
                None => return None,
            },
            RuleExpr::Number(n) => RuleExpr::Number(n.clone()),
            RuleExpr::SumOf(printed) => RuleExpr::SumOf(
                printed
                    .iter()
                    .map(|p| sheet_col(*p))
                    .collect::<Option<Vec<u32>>>()?,
            ),
            RuleExpr::Add(a, b) => {
                let (a, b) = both(a, b)?;
                RuleExpr::Add(a, b)
            }
            RuleExpr::Sub(a, b) => {
                let (a, b) = both(a, b)?;
                RuleExpr::Sub(a, b)
            }
            RuleExpr::Mul(a, b) => {
                let (a, b) = both(a, b)?;
                RuleExpr::Mul(a, b)
            }
            RuleExpr::Div(a, b) => {
                let (a, b) = both(a, b)?;
                RuleExpr::Div(a, b)
            }
        })
    }

    /// The columns the rule reads, left to right as written.
    pub fn columns(&self) -> Vec<u32> {
        let mut out = Vec::new();
        self.collect_columns(&mut out);
        out
    }

    fn collect_columns(&self, out: &mut Vec<u32>) {
        match self {
            RuleExpr::Column(c) => out.push(*c),
            RuleExpr::SumOf(cols) => out.extend(cols),
            RuleExpr::Number(_) => {}
            RuleExpr::Add(a, b)
            | RuleExpr::Sub(a, b)
            | RuleExpr::Mul(a, b)
            | RuleExpr::Div(a, b) => {
                a.collect_columns(out);
                b.collect_columns(out);
            }
        }
    }

    /// Whether the rule divides (its result is a ratio, shown as a percentage).
    pub fn divides(&self) -> bool {
        match self {
            RuleExpr::Div(..) => true,
            RuleExpr::Column(_) | RuleExpr::Number(_) | RuleExpr::SumOf(_) => false,
            RuleExpr::Add(a, b) | RuleExpr::Sub(a, b) | RuleExpr::Mul(a, b) => {
                a.divides() || b.divides()
            }
        }
    }

    /// Evaluates with `operand(col)` giving each column's quantity. Sums need equal units
    /// (case-insensitive; a missing unit agrees with any); a quotient has no unit.
    pub fn eval(&self, operand: &impl Fn(u32) -> Option<Quantity>) -> Result<Quantity, EvalError> {
        let plain = |value| Quantity { value, unit: None };
        match self {
            RuleExpr::Column(c) => operand(*c).ok_or(EvalError::Missing),
            RuleExpr::SumOf(cols) => {
                let filled: Vec<Quantity> = cols.iter().filter_map(|c| operand(*c)).collect();
                let mut sum = Decimal::ZERO;
                for q in &filled {
                    sum = sum.checked_add(q.value).ok_or(EvalError::Overflow)?;
                }
                if filled.is_empty() {
                    return Err(EvalError::Missing);
                }
                Ok(plain(sum))
            }
            RuleExpr::Number(n) => n.parse().map(plain).map_err(|_| EvalError::Missing),
            RuleExpr::Add(a, b) | RuleExpr::Sub(a, b) => {
                let (x, y) = (a.eval(operand)?, b.eval(operand)?);
                let unit = same_unit(&x.unit, &y.unit)?;
                let value = if matches!(self, RuleExpr::Add(..)) {
                    x.value.checked_add(y.value)
                } else {
                    x.value.checked_sub(y.value)
                };
                Ok(Quantity {
                    value: value.ok_or(EvalError::Overflow)?,
                    unit,
                })
            }
            RuleExpr::Mul(a, b) => {
                let (x, y) = (a.eval(operand)?, b.eval(operand)?);
                let value = x.value.checked_mul(y.value).ok_or(EvalError::Overflow)?;
                Ok(Quantity {
                    value,
                    unit: x.unit.or(y.unit),
                })
            }
            RuleExpr::Div(a, b) => {
                let (x, y) = (a.eval(operand)?, b.eval(operand)?);
                same_unit(&x.unit, &y.unit)?;
                if y.value.is_zero() {
                    return Err(EvalError::DivZero);
                }
                x.value
                    .checked_div(y.value)
                    .map(plain)
                    .ok_or(EvalError::Overflow)
            }
        }
    }
}

fn same_unit(a: &Option<String>, b: &Option<String>) -> Result<Option<String>, EvalError> {
    match (a, b) {
        (Some(x), Some(y)) if !x.trim().eq_ignore_ascii_case(y.trim()) => {
            Err(EvalError::Units(x.clone(), y.clone()))
        }
        (Some(x), _) => Ok(Some(x.clone())),
        (None, y) => Ok(y.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;
    use RuleExpr::*;

    fn col(c: u32) -> Box<RuleExpr> {
        Box::new(Column(c))
    }

    #[test]
    fn numbering_cells_parse() {
        for (text, printed, rule) in [
            ("1", 1, None),
            ("(12)", 12, None),
            ("8=(7/6)", 8, Some(Div(col(7), col(6)))),
            ("8=7/6", 8, Some(Div(col(7), col(6)))),
            ("11 = (10/4)", 11, Some(Div(col(10), col(4)))),
            (
                "10=(5+7+9)",
                10,
                Some(Add(Box::new(Add(col(5), col(7))), col(9))),
            ),
            ("6=4-5", 6, Some(Sub(col(4), col(5)))),
            (
                "8=(7/6)x100",
                8,
                Some(Mul(Box::new(Div(col(7), col(6))), col(100))),
            ),
            ("9=7×6", 9, Some(Mul(col(7), col(6)))),
            (
                "12=(10+11)/2*3",
                12,
                Some(Mul(
                    Box::new(Div(Box::new(Add(col(10), col(11))), col(2))),
                    col(3),
                )),
            ),
            ("8=(7/6", 8, None),
            ("8=abc", 8, None),
        ] {
            let cell = parse_numbering_cell(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((cell.printed, cell.rule), (printed, rule), "{text}");
        }
        for not in ["", "A", "1.1", "Jumlah", "(1", "12345"] {
            assert_eq!(parse_numbering_cell(not), None, "{not:?}");
        }
    }

    #[test]
    fn numbering_rows_increase() {
        let row = |t: &[&str]| {
            t.iter()
                .map(|s| parse_numbering_cell(s).unwrap())
                .collect::<Vec<_>>()
        };
        assert!(is_numbering(&row(&["1", "2", "3", "4", "9", "10", "14"])));
        assert!(is_numbering(&row(&["(1)", "(2)", "(3)"])));
        assert!(!is_numbering(&row(&["1", "2"])));
        assert!(!is_numbering(&row(&["1", "3", "2"])));
    }

    #[test]
    fn evaluates_with_units() {
        let q = |v: Decimal, u: &str| {
            Some(Quantity {
                value: v,
                unit: (!u.is_empty()).then(|| u.to_string()),
            })
        };
        let values = |c: u32| match c {
            6 => q(dec!(80), "Orang"),
            7 => q(dec!(160), "orang"),
            5 => q(dec!(1), "Tahun"),
            4 => q(dec!(0), ""),
            _ => None,
        };
        let rule = parse_expr("(7/6)").unwrap();
        assert_eq!(rule.eval(&values).unwrap().value, dec!(2));
        assert_eq!(
            parse_expr("5+7").unwrap().eval(&values),
            Err(EvalError::Units("Tahun".into(), "orang".into()))
        );
        assert_eq!(
            parse_expr("7/4").unwrap().eval(&values),
            Err(EvalError::DivZero)
        );
        assert_eq!(
            parse_expr("7/3").unwrap().eval(&values),
            Err(EvalError::Missing)
        );
        let resolved = parse_expr("(7/6)x100")
            .unwrap()
            .resolve(&|p| (p < 10).then_some(p + 1))
            .unwrap();
        assert_eq!(
            resolved,
            Mul(
                Box::new(Div(col(8), col(7))),
                Box::new(Number("100".into()))
            )
        );
        assert_eq!(
            parse_expr("5+9")
                .unwrap()
                .resolve(&|p| (p != 9).then_some(p)),
            None
        );
    }
}
