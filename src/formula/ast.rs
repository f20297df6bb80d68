//! The formula syntax tree, and its printing back to Excel formula text.
//!
//! The tree is dialect-free: Excel A1 text and ODS OpenFormula both parse to it. Printing
//! always produces Excel text (English names, `,` separators) that parses back to the same
//! tree, with parentheses only where Excel's precedence needs them (`A1+B1+C1`, `(A1+B1)*C1`).
//! A call names its function through [`Callee`]: one of the table's, or an unsupported name.
//! Knows nothing of values, cells or what a function computes.

use std::fmt;

use rust_decimal::Decimal;

use super::function::Function;
use crate::model::{column_letters, ErrorValue};

/// One corner of a reference, keeping the `$` marks so the text prints back as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
    pub row_abs: bool,
    pub col_abs: bool,
}

/// The cells a reference names, before the sheet is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    /// `B7`
    Cell(CellRef),
    /// `A1:B9` (corners as written; the evaluator normalises them).
    Range(CellRef, CellRef),
    /// `D:D`, `$D:$F`: zero-based columns, each with its `$` mark.
    Columns((u32, bool), (u32, bool)),
    /// `5:5`: zero-based rows.
    Rows((u32, bool), (u32, bool)),
}

/// A reference, optionally on another sheet (`'Pagu Perubahan'!E6`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    pub sheet: Option<String>,
    pub area: Area,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg,
    Plus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Range,
    Pow,
    Mul,
    Div,
    Add,
    Sub,
    Concat,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Range => ":",
            BinaryOp::Pow => "^",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Concat => "&",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "<>",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
        }
    }

    /// Binding strength, Excel's order: comparisons < `&` < `+ -` < `* /` < `^` < `:`.
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => 1,
            BinaryOp::Concat => 2,
            BinaryOp::Add | BinaryOp::Sub => 3,
            BinaryOp::Mul | BinaryOp::Div => 4,
            BinaryOp::Pow => 5,
            BinaryOp::Range => 7,
        }
    }
}

/// What a call names: a function renja evaluates, or any other (`NOW`, `LOG10`, an add-in's),
/// kept by name (upper case, without `_xlfn.`) so the cell can be reported as unsupported.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Callee {
    Known(Function),
    Unsupported(String),
}

impl Callee {
    /// Looks the name up in the function table.
    pub fn from_name(name: String) -> Callee {
        match Function::from_name(&name) {
            Some(f) => Callee::Known(f),
            None => Callee::Unsupported(name),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Callee::Known(f) => f.name(),
            Callee::Unsupported(name) => name,
        }
    }
}

/// A parsed formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Number(Decimal),
    Text(String),
    Bool(bool),
    Error(ErrorValue),
    Ref(Reference),
    /// A defined name (`PaguTotal`), resolved against the workbook when evaluated.
    Name(String),
    Unary(UnaryOp, Box<Expr>),
    /// Postfix `%`: divides by 100.
    Percent(Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// A function call.
    Call(Callee, Vec<Expr>),
    /// An argument left out, as in `IF(A1,,1)`.
    Missing,
}

impl Expr {
    fn is_atomic(&self) -> bool {
        !matches!(self, Expr::Unary(..) | Expr::Percent(_) | Expr::Binary(..))
    }

    /// Visits this expression and every sub-expression, without recursion on the Rust stack
    /// beyond the tree's own (bounded) depth.
    pub fn walk(&self, visit: &mut dyn FnMut(&Expr)) {
        visit(self);
        match self {
            Expr::Unary(_, e) | Expr::Percent(e) => e.walk(visit),
            Expr::Binary(_, l, r) => {
                l.walk(visit);
                r.walk(visit);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.walk(visit)),
            _ => {}
        }
    }
}

/// Sheet names that need no quotes: letters, digits and `_`, not starting with a digit and
/// not readable as a cell reference.
fn sheet_needs_quotes(name: &str) -> bool {
    let plain = name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_');
    !plain
        || crate::model::CellAt::parse_a1(name).is_some()
        || name.eq_ignore_ascii_case("TRUE")
        || name.eq_ignore_ascii_case("FALSE")
}

fn write_sheet(f: &mut fmt::Formatter<'_>, sheet: &str) -> fmt::Result {
    if sheet_needs_quotes(sheet) {
        write!(f, "'{}'!", sheet.replace('\'', "''"))
    } else {
        write!(f, "{sheet}!")
    }
}

fn dollar(abs: bool) -> &'static str {
    if abs {
        "$"
    } else {
        ""
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}{}{}",
            dollar(self.col_abs),
            column_letters(self.col),
            dollar(self.row_abs),
            self.row + 1
        )
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            write_sheet(f, sheet)?;
        }
        match self.area {
            Area::Cell(c) => write!(f, "{c}"),
            Area::Range(a, b) => write!(f, "{a}:{b}"),
            Area::Columns((a, aa), (b, ba)) => write!(
                f,
                "{}{}:{}{}",
                dollar(aa),
                column_letters(a),
                dollar(ba),
                column_letters(b)
            ),
            Area::Rows((a, aa), (b, ba)) => {
                write!(f, "{}{}:{}{}", dollar(aa), a + 1, dollar(ba), b + 1)
            }
        }
    }
}

fn is_call(e: &Expr) -> bool {
    matches!(e, Expr::Call(..))
}

/// One side of a binary operator, in parentheses only where precedence needs them: every
/// operator is left-associative, so `(a-b)-c` prints as `a-b-c` and `a-(b-c)` keeps its
/// parentheses. Unary operators and `%` bind tighter than any binary one but `:`.
fn write_side(f: &mut fmt::Formatter<'_>, e: &Expr, parent: BinaryOp, right: bool) -> fmt::Result {
    let needs = match e {
        Expr::Binary(BinaryOp::Range, ..) => false,
        Expr::Binary(child, ..) if right => child.precedence() <= parent.precedence(),
        Expr::Binary(child, ..) => child.precedence() < parent.precedence(),
        _ => false,
    };
    if needs {
        write!(f, "({e})")
    } else {
        write!(f, "{e}")
    }
}

fn write_operand(f: &mut fmt::Formatter<'_>, e: &Expr) -> fmt::Result {
    if e.is_atomic() {
        write!(f, "{e}")
    } else {
        write!(f, "({e})")
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Number(n) => write!(f, "{n}"),
            Expr::Text(t) => write!(f, "\"{}\"", t.replace('"', "\"\"")),
            Expr::Bool(b) => f.write_str(if *b { "TRUE" } else { "FALSE" }),
            Expr::Error(e) => f.write_str(e.as_str()),
            Expr::Ref(r) => write!(f, "{r}"),
            Expr::Name(n) => f.write_str(n),
            Expr::Unary(op, e) => {
                f.write_str(if *op == UnaryOp::Neg { "-" } else { "+" })?;
                write_operand(f, e)
            }
            Expr::Percent(e) => {
                write_operand(f, e)?;
                f.write_str("%")
            }
            Expr::Binary(BinaryOp::Range, l, r) if !is_call(l) && !is_call(r) => {
                // `A1:(B2)`, `SM:(DDD)`: written bare, the two sides would read back as
                // one reference (`A1:B2`, columns `SM:DDD`). A call's `(` keeps them apart.
                write!(f, "({l}):({r})")
            }
            Expr::Binary(op, l, r) => {
                write_side(f, l, *op, false)?;
                f.write_str(op.symbol())?;
                write_side(f, r, *op, true)
            }
            Expr::Call(callee, args) => {
                write!(f, "{}(", callee.name())?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
            Expr::Missing => Ok(()),
        }
    }
}
