//! Why formula text could not be read: the one error type the lexer and both parsers return.
//!
//! Lives below `lex` and `parse` so that neither imports the other for it. Knows nothing of
//! cells, values or evaluation.

use thiserror::Error;

/// Why formula text could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ParseError {
    /// The formula is empty: `=` alone.
    #[error("empty formula")]
    Empty,
    /// A character no formula may contain: `1 @ 2`, `A1 ? 2`.
    #[error("unexpected character '{found}' at {at}")]
    UnexpectedChar { found: char, at: usize },
    /// A string without its closing quote: `"abc`.
    #[error("string starting at {at} is not closed")]
    UnterminatedString { at: usize },
    /// A quoted sheet name without its closing quote or `!`: `'Pagu!A1`.
    #[error("sheet name starting at {at} is not closed")]
    UnterminatedSheetName { at: usize },
    /// A number Decimal cannot hold or a dangling exponent: `1E+`, `1e400`.
    #[error("bad number '{text}' at {at}")]
    BadNumber { text: String, at: usize },
    /// A sheet prefix not followed by a reference: `Sheet1!total`.
    #[error("no reference after the sheet name at {at}")]
    BadReference { at: usize },
    /// A token where it cannot stand: `1+*2`, `SUM(1 2)`, `1+2)`.
    #[error("unexpected {found} at {at}")]
    UnexpectedToken { found: String, at: usize },
    /// The formula stops mid-expression: `1+`, `SUM(1`.
    #[error("formula ends too early")]
    UnexpectedEnd,
    /// Nested deeper than the limit: 300 nested parentheses with the default limit of 256.
    #[error("nested deeper than {limit} levels")]
    TooDeep { limit: usize },
    /// An array constant `{1,2,3}`, which renja does not evaluate.
    #[error("array constants are not supported")]
    ArrayConstant,
}
