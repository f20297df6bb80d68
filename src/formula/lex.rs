//! Splits Excel formula text (A1 style, English names, `,` separators) into tokens.
//!
//! References are recognised here, sheet prefix included (`'Pagu Perubahan'!$E$6`,
//! `D:D`, `5:5`), so the parser only sees whole references. Knows nothing of precedence.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::ast::{Area, CellRef, Reference};
use super::error::ParseError;
use crate::model::{column_index, ErrorValue, MAX_ROW};

#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    Number(Decimal),
    Text(String),
    Bool(bool),
    Error(ErrorValue),
    Ref(Reference),
    Name(String),
    /// A function name followed by `(` (the `(` is consumed with it).
    Func(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Amp,
    Percent,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    LParen,
    RParen,
    Comma,
    Colon,
}

const ERROR_LITERALS: [ErrorValue; 10] = [
    ErrorValue::Div0,
    ErrorValue::NA,
    ErrorValue::Name,
    ErrorValue::Null,
    ErrorValue::Num,
    ErrorValue::Ref,
    ErrorValue::Value,
    ErrorValue::GettingData,
    ErrorValue::Spill,
    ErrorValue::Calc,
];

/// Tokens with the byte offset each starts at (for error messages).
pub fn tokenize(text: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        out: Vec::new(),
    };
    lexer.run()?;
    Ok(lexer.out)
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    out: Vec<(usize, Token)>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'\\' | b'$') || b >= 0x80
}

impl Lexer<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn push(&mut self, start: usize, token: Token) {
        self.out.push((start, token));
    }

    fn run(&mut self) -> Result<(), ParseError> {
        while let Some(b) = self.peek() {
            let start = self.pos;
            if b == b'{' {
                return Err(ParseError::ArrayConstant);
            }
            if b.is_ascii_whitespace() {
                self.pos += 1;
                continue;
            }
            if let Some(token) = self.operator(b) {
                self.push(start, token);
                continue;
            }
            match b {
                b'"' => {
                    let text = self.string()?;
                    self.push(start, Token::Text(text));
                }
                b'#' => {
                    let e = self.error_literal()?;
                    self.push(start, Token::Error(e));
                }
                b'\'' => {
                    let sheet = self.quoted_sheet()?;
                    let token = self.after_sheet(sheet)?;
                    self.push(start, token);
                }
                b'[' => {
                    let token = self.other_workbook()?;
                    self.push(start, token);
                }
                b'0'..=b'9' | b'.' => {
                    let token = match self.area_here() {
                        Some(area @ Area::Rows(..)) => Token::Ref(Reference { sheet: None, area }),
                        _ => self.number()?,
                    };
                    self.push(start, token);
                }
                _ if is_word_byte(b) => {
                    let token = self.word()?;
                    self.push(start, token);
                }
                _ => {
                    let c = self.text[start..].chars().next().unwrap_or('?');
                    return Err(ParseError::UnexpectedChar {
                        found: c,
                        at: start,
                    });
                }
            }
        }
        Ok(())
    }

    fn operator(&mut self, b: u8) -> Option<Token> {
        let next = self.bytes.get(self.pos + 1).copied();
        let (token, len) = match (b, next) {
            (b'<', Some(b'>')) => (Token::Ne, 2),
            (b'<', Some(b'=')) => (Token::Le, 2),
            (b'>', Some(b'=')) => (Token::Ge, 2),
            (b'<', _) => (Token::Lt, 1),
            (b'>', _) => (Token::Gt, 1),
            (b'=', _) => (Token::Eq, 1),
            (b'+', _) => (Token::Plus, 1),
            (b'-', _) => (Token::Minus, 1),
            (b'*', _) => (Token::Star, 1),
            (b'/', _) => (Token::Slash, 1),
            (b'^', _) => (Token::Caret, 1),
            (b'&', _) => (Token::Amp, 1),
            (b'%', _) => (Token::Percent, 1),
            (b'(', _) => (Token::LParen, 1),
            (b')', _) => (Token::RParen, 1),
            (b',', _) => (Token::Comma, 1),
            (b':', _) => (Token::Colon, 1),
            _ => return None,
        };
        self.pos += len;
        Some(token)
    }

    /// `"a ""quoted"" word"`, the opening quote at `pos`.
    fn string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let Some(q) = rest.find('"') else {
                return Err(ParseError::UnterminatedString { at: start });
            };
            out.push_str(&rest[..q]);
            self.pos += q + 1;
            if self.peek() == Some(b'"') {
                out.push('"');
                self.pos += 1;
            } else {
                return Ok(out);
            }
        }
    }

    fn error_literal(&mut self) -> Result<ErrorValue, ParseError> {
        let rest = &self.text[self.pos..];
        for e in ERROR_LITERALS {
            let s = e.as_str();
            if rest.len() >= s.len()
                && rest.is_char_boundary(s.len())
                && rest[..s.len()].eq_ignore_ascii_case(s)
            {
                self.pos += s.len();
                return Ok(e);
            }
        }
        Err(ParseError::UnexpectedChar {
            found: '#',
            at: self.pos,
        })
    }

    /// `'Pagu Perubahan'!` with `''` standing for one quote; returns the name.
    fn quoted_sheet(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut name = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let Some(q) = rest.find('\'') else {
                return Err(ParseError::UnterminatedSheetName { at: start });
            };
            name.push_str(&rest[..q]);
            self.pos += q + 1;
            if self.peek() == Some(b'\'') {
                name.push('\'');
                self.pos += 1;
            } else {
                break;
            }
        }
        if self.peek() != Some(b'!') {
            return Err(ParseError::UnterminatedSheetName { at: start });
        }
        self.pos += 1;
        Ok(name)
    }

    /// What follows `Sheet!`: a reference, or `#REF!` where the target was deleted.
    fn after_sheet(&mut self, sheet: String) -> Result<Token, ParseError> {
        if self.peek() == Some(b'#') {
            return Ok(Token::Error(self.error_literal()?));
        }
        match self.area_here() {
            Some(area) => Ok(Token::Ref(Reference {
                sheet: Some(sheet),
                area,
            })),
            None => Err(ParseError::BadReference { at: self.pos }),
        }
    }

    /// `[1]Sheet1!A1` or `[1]!Name`: a reference to another workbook, by the index the file
    /// gives it. Kept whole as the sheet (or name) so it prints back as written, quoted:
    /// `'[1]Sheet1'!A1`. (`'[1]2015-2019'!C14`, quoted, arrives through `quoted_sheet`.)
    fn other_workbook(&mut self) -> Result<Token, ParseError> {
        let start = self.pos;
        let close = self.text[start..]
            .find(']')
            .map(|i| start + i)
            .filter(|&end| {
                end > start + 1 && self.bytes[start + 1..end].iter().all(u8::is_ascii_digit)
            })
            .ok_or(ParseError::UnexpectedChar {
                found: '[',
                at: start,
            })?;
        let mut end = close + 1;
        while end < self.bytes.len() && is_word_byte(self.bytes[end]) {
            end += 1;
        }
        if self.bytes.get(end) != Some(&b'!') {
            return Err(ParseError::BadReference { at: end });
        }
        let book_and_sheet = self.text[start..end].to_string();
        self.pos = end + 1;
        if end == close + 1 {
            // `[1]!Name`: a name defined in the other workbook.
            let name_end = self.bytes[self.pos..]
                .iter()
                .position(|b| !is_word_byte(*b))
                .map_or(self.bytes.len(), |i| self.pos + i);
            let name = format!("{book_and_sheet}!{}", &self.text[self.pos..name_end]);
            self.pos = name_end;
            return Ok(Token::Name(name));
        }
        self.after_sheet(book_and_sheet)
    }

    fn word(&mut self) -> Result<Token, ParseError> {
        let start = self.pos;
        let mut end = start;
        while end < self.bytes.len() && is_word_byte(self.bytes[end]) {
            end += 1;
        }
        let word = &self.text[start..end];
        match self.bytes.get(end) {
            Some(b'!') => {
                self.pos = end + 1;
                return self.after_sheet(word.to_string());
            }
            Some(b'(') => {
                let name = function_name(word);
                // `_xlfn.(`: a prefix with no function after it.
                if name.is_empty() {
                    return Err(ParseError::UnexpectedChar {
                        found: '(',
                        at: end,
                    });
                }
                self.pos = end + 1;
                return Ok(Token::Func(name));
            }
            _ => {}
        }
        if let Some(area) = self.area_here() {
            return Ok(Token::Ref(Reference { sheet: None, area }));
        }
        self.pos = end;
        Ok(match word.to_ascii_uppercase().as_str() {
            "TRUE" => Token::Bool(true),
            "FALSE" => Token::Bool(false),
            _ => Token::Name(word.to_string()),
        })
    }

    /// A reference starting at `pos`: `B7`, `A1:B9`, `D:D`, `5:5`. Advances past it.
    fn area_here(&mut self) -> Option<Area> {
        let (first, after_first) = self.ref_word(self.pos);
        let second =
            (self.bytes.get(after_first) == Some(&b':')).then(|| self.ref_word(after_first + 1));
        let pair = second.map(|(w, end)| (classify(first), classify(w), end));
        if let Some((a, b, end)) = pair {
            let area = match (a, b) {
                (Part::Cell(a), Part::Cell(b)) => Some(Area::Range(a, b)),
                (Part::Column(a), Part::Column(b)) => Some(Area::Columns(a, b)),
                (Part::Row(a), Part::Row(b)) => Some(Area::Rows(a, b)),
                _ => None,
            };
            if let Some(area) = area {
                self.pos = end;
                return Some(area);
            }
        }
        match classify(first) {
            Part::Cell(c) => {
                self.pos = after_first;
                Some(Area::Cell(c))
            }
            _ => None,
        }
    }

    /// The run of `[A-Za-z0-9$]` at `from` and where it ends, if the run is followed by
    /// nothing that would make it a longer name (`A1_total`) or a function (`LOG10(`).
    fn ref_word(&self, from: usize) -> (&str, usize) {
        let mut end = from;
        while end < self.bytes.len()
            && (self.bytes[end].is_ascii_alphanumeric() || self.bytes[end] == b'$')
        {
            end += 1;
        }
        match self.bytes.get(end) {
            Some(b) if is_word_byte(*b) || *b == b'(' => ("", end),
            _ => (&self.text[from..end], end),
        }
    }

    fn number(&mut self) -> Result<Token, ParseError> {
        let start = self.pos;
        let digits = |bytes: &[u8], mut i: usize| {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            i
        };
        let mut end = digits(self.bytes, start);
        if self.bytes.get(end) == Some(&b'.') {
            end = digits(self.bytes, end + 1);
        }
        let mantissa_end = end;
        if matches!(self.bytes.get(end), Some(b'e' | b'E')) {
            let mut e = end + 1;
            if matches!(self.bytes.get(e), Some(b'+' | b'-')) {
                e += 1;
            }
            let e_end = digits(self.bytes, e);
            if e_end == e {
                return Err(ParseError::BadNumber {
                    text: self.text[start..e].to_string(),
                    at: start,
                });
            }
            end = e_end;
        }
        let text = &self.text[start..end];
        self.pos = end;
        let parsed = if end > mantissa_end {
            Decimal::from_scientific(text).ok()
        } else {
            Decimal::from_str(text).ok()
        };
        match parsed {
            Some(n) if text != "." => Ok(Token::Number(n)),
            _ => Err(ParseError::BadNumber {
                text: text.to_string(),
                at: start,
            }),
        }
    }
}

/// `_xlfn.IFERROR` → `IFERROR`; names are case-insensitive in Excel.
pub fn function_name(word: &str) -> String {
    let upper = word.to_ascii_uppercase();
    let mut name = upper.as_str();
    for prefix in ["_XLFN.", "_XLWS.", "COM.MICROSOFT."] {
        if let Some(rest) = name.strip_prefix(prefix) {
            name = rest;
        }
    }
    name.to_string()
}

enum Part {
    Cell(CellRef),
    Column((u32, bool)),
    Row((u32, bool)),
    None,
}

/// What one side of a reference is: `$B$7`, `$B` or `$7`.
fn classify(word: &str) -> Part {
    let (col_abs, rest) = strip_dollar(word);
    let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (col_part, rest) = rest.split_at(letters);
    let (row_abs, digits) = strip_dollar(rest);
    let row = || -> Option<u32> {
        let n: u32 = digits.parse().ok()?;
        (n >= 1 && n - 1 <= MAX_ROW).then(|| n - 1)
    };
    let all_digits = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    match (col_part.is_empty(), digits.is_empty()) {
        (false, false) if all_digits && letters <= 3 => match (column_index(col_part), row()) {
            (Some(col), Some(row)) => Part::Cell(CellRef {
                row,
                col,
                row_abs,
                col_abs,
            }),
            _ => Part::None,
        },
        (false, true) if !row_abs => {
            column_index(col_part).map_or(Part::None, |c| Part::Column((c, col_abs)))
        }
        (true, false) if all_digits && !(row_abs && col_abs) => {
            row().map_or(Part::None, |r| Part::Row((r, col_abs || row_abs)))
        }
        _ => Part::None,
    }
}

fn strip_dollar(s: &str) -> (bool, &str) {
    match s.strip_prefix('$') {
        Some(rest) => (true, rest),
        None => (false, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        tokenize(text)
            .expect("lexes")
            .into_iter()
            .map(|(_, t)| match t {
                Token::Ref(r) => format!("ref:{r}"),
                Token::Number(n) => format!("num:{n}"),
                Token::Func(f) => format!("fn:{f}"),
                Token::Name(n) => format!("name:{n}"),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn tokens_table() {
        for (text, expected) in [
            ("A1+1", vec!["ref:A1", "Plus", "num:1"]),
            ("$D$40", vec!["ref:$D$40"]),
            ("SUM(A1:B9)", vec!["fn:SUM", "ref:A1:B9", "RParen"]),
            ("D:D", vec!["ref:D:D"]),
            ("5:5", vec!["ref:5:5"]),
            ("'Pagu Perubahan'!E6", vec!["ref:'Pagu Perubahan'!E6"]),
            ("Sheet1!$A$1:$B$2", vec!["ref:Sheet1!$A$1:$B$2"]),
            ("_xlfn.IFERROR(", vec!["fn:IFERROR"]),
            ("LOG10(", vec!["fn:LOG10"]),
            ("PaguTotal", vec!["name:PaguTotal"]),
            ("A1_total", vec!["name:A1_total"]),
            ("1.5E+3", vec!["num:1500"]),
            ("<>", vec!["Ne"]),
            ("<=>=", vec!["Le", "Ge"]),
            ("TRUE", vec!["Bool(true)"]),
            ("#N/A", vec!["Error(NA)"]),
            ("\"a\"\"b\"", vec!["Text(\"a\\\"b\")"]),
            ("XFE1", vec!["name:XFE1"]),
            ("'[1]2015-2019'!C14", vec!["ref:'[1]2015-2019'!C14"]),
            ("[2]Sheet1!$A$1:B2", vec!["ref:'[2]Sheet1'!$A$1:B2"]),
            (
                "[1]!PaguTotal*2",
                vec!["name:[1]!PaguTotal", "Star", "num:2"],
            ),
        ] {
            assert_eq!(kinds(text), expected, "{text}");
        }
    }
}
