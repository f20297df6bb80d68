//! ODS OpenFormula (`of:=SUM([.F4:.F7])`, `;` between arguments, `[$'Sheet'.B2]`) turned
//! into Excel formula text, so both dialects parse to the same tree.
//!
//! Only the syntax differs for the formulas budget workbooks use; function names are the
//! same. Knows nothing of evaluation.

use super::ast::Expr;
use super::error::ParseError;
use super::parse::parse_formula;

/// Parses an OpenFormula text, with or without its `of:=` prefix.
pub fn parse_openformula(text: &str, max_depth: usize) -> Result<Expr, ParseError> {
    parse_formula(&to_excel(text), max_depth)
}

/// `of:=SUM([.F4:.F7];[$'Pagu Awal'.B2])` → `SUM(F4:F7,'Pagu Awal'!B2)`.
pub fn to_excel(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_prefix("of:").unwrap_or(text);
    let text = text.strip_prefix('=').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                // Copy the string literal through, `""` escapes included.
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '"' {
                        if chars.peek() == Some(&'"') {
                            out.push(chars.next().unwrap_or('"'));
                        } else {
                            break;
                        }
                    }
                }
            }
            '[' => {
                let mut inner = String::new();
                let mut quoted = false;
                for s in chars.by_ref() {
                    match s {
                        '\'' => {
                            quoted = !quoted;
                            inner.push(s);
                        }
                        ']' if !quoted => break,
                        _ => inner.push(s),
                    }
                }
                out.push_str(&reference(&inner));
            }
            ';' => out.push(','),
            _ => out.push(c),
        }
    }
    out
}

/// `.F4:.F7` → `F4:F7`; `$'Pagu'.B2` → `'Pagu'!B2`; `Sheet1.A1:Sheet1.B2` → `Sheet1!A1:B2`.
fn reference(inner: &str) -> String {
    let parts = split_outside_quotes(inner, ':');
    let mut sheet = None;
    let mut cells = Vec::new();
    for part in &parts {
        let part = part.strip_prefix('$').unwrap_or(part);
        let (s, cell) = match rfind_outside_quotes(part, '.') {
            Some(dot) => (&part[..dot], &part[dot + 1..]),
            None => ("", part),
        };
        if !s.is_empty() && sheet.is_none() {
            sheet = Some(s.to_string());
        }
        cells.push(cell.to_string());
    }
    let prefix = sheet.map(|s| format!("{s}!")).unwrap_or_default();
    format!("{prefix}{}", cells.join(":"))
}

fn split_outside_quotes(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\'' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            out.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out
}

fn rfind_outside_quotes(text: &str, needle: char) -> Option<usize> {
    let mut quoted = false;
    let mut found = None;
    for (i, c) in text.char_indices() {
        if c == '\'' {
            quoted = !quoted;
        } else if c == needle && !quoted {
            found = Some(i);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_to_excel_text() {
        for (of, excel) in [
            ("of:=SUM([.F4:.F7])", "SUM(F4:F7)"),
            ("of:=[$'Pagu Awal'.B2]*2", "'Pagu Awal'!B2*2"),
            ("of:=IF([.D5]=0;0;[.E5]/[.D5])", "IF(D5=0,0,E5/D5)"),
            ("of:=[$Sheet1.A1:.B2]", "Sheet1!A1:B2"),
            ("of:=\"a;[b]\"&[.A1]", "\"a;[b]\"&A1"),
            ("=ROUND([.$E$5];2)", "ROUND($E$5,2)"),
            ("of:=[$'It''s'.A1]", "'It''s'!A1"),
        ] {
            assert_eq!(to_excel(of), excel, "{of}");
            assert!(parse_openformula(of, 256).is_ok(), "{of}");
        }
    }
}
