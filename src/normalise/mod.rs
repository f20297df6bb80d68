//! The normalise stage: turns what staff typed into exact values — Indonesian-formatted
//! number text into `Decimal` (keeping the original text and its unit), budget codes into
//! their canonical form. Knows nothing of tables' arithmetic.
//!
//! [`normalise_workbook`] sets every cell's `value` from its `raw`:
//! - numbers and date serials become exact `Decimal`s at Excel's 15 significant digits (NaN
//!   or infinity becomes `#NUM!` with a `number-not-finite` warning);
//! - a formula cell's cached result is converted the same way but never text-parsed (a
//!   formula's text result is text), and kept in `cached`; no cached result → `Empty`;
//! - columns get their role from header texts anywhere above (see [`columns`]);
//! - text in a "No." column is numbering and stays text; so is text in a column headed by
//!   the name of one code level (`KEGIATAN` holding `2.01`: a code split over columns);
//! - text in a "Kode" column is a budget code (`code-malformed` warning when it is
//!   digits-and-separators but breaks the pattern; digits without separators — `41101`, a
//!   revenue account code or a code that lost its dots — stay text without a finding; other
//!   text stays text, a Kode column holds no amounts); outside, text that unmistakably looks like a code is treated the same way;
//! - any other text goes through [`number::parse_number`]. Foreign-format, ambiguous and
//!   unreadable numbers are warnings. A typed `#DIV/0!` is `info`: the error value is exactly
//!   what the sheet shows, nothing is guessed, and the rules that use the cell report what
//!   the error breaks.

pub mod code;
pub mod columns;
pub mod number;

use rust_decimal::Decimal;

use crate::finding::{Finding, Severity};
use crate::messages::Message;
use crate::model::{
    excel_decimal, Cell, CellAt, CodeText, ErrorValue, Raw, Reading, Sheet, Value, Workbook,
};
use code::{looks_like_code, BudgetCode};
use columns::{ColumnRole, ColumnRoles};
use number::{NumberIssue, NumberText};

/// What the pass did: its findings and how many texts it turned into exact values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NormaliseOutcome {
    pub findings: Vec<Finding>,
    /// Texts read as numbers.
    pub numbers: usize,
    /// Texts read as budget codes.
    pub codes: usize,
    /// Dashes read as nil (0).
    pub nils: usize,
    /// Error texts (`#DIV/0!`) read as error values.
    pub typed_errors: usize,
}

/// Sets `value` (and `reading`, `cached`) of every cell of every sheet. See the module doc.
pub fn normalise_workbook(workbook: &mut Workbook) -> NormaliseOutcome {
    let mut outcome = NormaliseOutcome::default();
    for sheet in &mut workbook.sheets {
        normalise_sheet(sheet, &mut outcome);
    }
    outcome
}

fn normalise_sheet(sheet: &mut Sheet, outcome: &mut NormaliseOutcome) {
    let roles = ColumnRoles::find(sheet);
    let sheet_name = sheet.name.as_str();
    // The cell just left of the current one, if it holds (part of) a code: a code split over
    // columns continues to the right (`5 03 01 | 2.06 | 01`).
    let mut code_to_the_left: Option<CellAt> = None;
    for (at, cell) in sheet.cells.iter_mut() {
        let continues_code =
            code_to_the_left.is_some_and(|left| left.row == at.row && left.col + 1 == at.col);
        code_to_the_left = None;
        let mut pass = CellPass {
            sheet: sheet_name,
            at: *at,
            outcome: &mut *outcome,
        };
        if cell.is_formula() {
            let cached = match &cell.raw {
                Raw::Empty => None,
                raw => Some(pass.plain_value(raw)),
            };
            cell.value = cached.clone().unwrap_or_default();
            cell.cached = cached;
            continue;
        }
        if !matches!(cell.raw, Raw::Text(_)) {
            cell.value = pass.plain_value(&cell.raw);
            continue;
        }
        // Lent out so the text need not be copied when it becomes a number.
        let raw = std::mem::take(&mut cell.raw);
        if let Raw::Text(text) = &raw {
            if continues_code && is_code_part(text.trim()) {
                cell.value = Value::Text(text.clone());
                code_to_the_left = Some(*at);
            } else {
                pass.text(cell, text, roles.role(*at));
                if matches!(cell.reading, Some(Reading::Code(_))) || is_zero_padded(text.trim()) {
                    code_to_the_left = Some(*at);
                }
            }
        }
        cell.raw = raw;
    }
}

/// A piece of a code split over columns: a kegiatan part (`2.06`, `1.02`) or a zero-padded
/// segment (`01`, `0001`). Read as text only right of (another part of) a code, where
/// `2.06` is kegiatan 2.06 and not the number 2,06.
fn is_code_part(t: &str) -> bool {
    let b = t.as_bytes();
    let kegiatan = b.len() == 4
        && matches!(b[0], b'1' | b'2')
        && b[1] == b'.'
        && b[2..].iter().all(u8::is_ascii_digit);
    kegiatan
        || is_zero_padded(t)
        || (b.len() <= 2 && !b.is_empty() && b.iter().all(u8::is_ascii_digit))
}

/// `01`, `0001`: digits with a leading zero, as code segments are written.
fn is_zero_padded(t: &str) -> bool {
    t.len() >= 2 && t.len() <= 4 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit())
}

/// One cell's conversion, with where to report.
struct CellPass<'a> {
    sheet: &'a str,
    at: CellAt,
    outcome: &'a mut NormaliseOutcome,
}

impl CellPass<'_> {
    /// A value as stored, without reading text.
    fn plain_value(&mut self, raw: &Raw) -> Value {
        match raw {
            Raw::Empty => Value::Empty,
            Raw::Number(x) | Raw::DateTime(x) => match exact(*x) {
                Some(d) => Value::Number(d),
                None => {
                    let message = Message::new("number.not-finite").arg("text", x);
                    self.report("number-not-finite", Severity::Warning, message, None, x);
                    Value::Error(ErrorValue::Num)
                }
            },
            Raw::Text(t) | Raw::DateTimeIso(t) => Value::Text(t.clone()),
            Raw::Bool(b) => Value::Bool(*b),
            Raw::Error(e) => Value::Error(*e),
        }
    }

    /// A constant text: numbering, code or number, by its column.
    fn text(&mut self, cell: &mut Cell, text: &str, role: Option<ColumnRole>) {
        let cleaned = number::strip_invisible(text);
        let t = cleaned.trim();
        match role {
            Some(ColumnRole::Numbering) => {}
            // Under a header named after a code level (`KEGIATAN`, `SUB KEGIATAN`) only code
            // pieces are code; `Program` also heads target columns (`42 orang`, amounts),
            // which are numbers as anywhere else.
            Some(ColumnRole::CodePart) if is_code_part(t) => {}
            Some(ColumnRole::CodePart) => return self.number(cell, text),
            // `41101`, `4110103`: a revenue account code (kode rekening pendapatan, 4 › 4.1 ›
            // 4.1.1 › 4.1.1.01) or a code whose dots were lost. Which segments the digits
            // fall into depends on the scheme, so it is kept as written, not called malformed.
            Some(ColumnRole::Kode) if is_undotted_code(t) => {}
            Some(ColumnRole::Kode) if is_code_like(t) => return self.code(cell, t, text),
            Some(ColumnRole::Kode) => {}
            None if has_code_shape(t) && looks_like_code(t) => return self.code(cell, t, text),
            None => return self.number(cell, text),
        }
        cell.value = Value::Text(text.to_string());
    }

    fn code(&mut self, cell: &mut Cell, t: &str, text: &str) {
        match BudgetCode::parse(t) {
            Ok(code) => {
                let canonical = code.canonical();
                cell.value = Value::Text(canonical.clone());
                cell.reading = Some(Reading::Code(CodeText { canonical }));
                self.outcome.codes += 1;
            }
            Err(error) => {
                let message = Message::new("code.malformed")
                    .arg("text", t)
                    .arg_message("reason", error.message());
                self.report("code-malformed", Severity::Warning, message, None, text);
                cell.value = Value::Text(text.to_string());
            }
        }
    }

    fn number(&mut self, cell: &mut Cell, text: &str) {
        match number::parse_number(text) {
            NumberText::Number(parsed) => {
                // Rendered only for a finding: most numbers have none.
                let value = || parsed.value.to_string();
                match parsed.issue {
                    None => {}
                    Some(NumberIssue::ForeignFormat) => {
                        let value = value();
                        let message = Message::new("number.foreign-format")
                            .arg("text", text.trim())
                            .arg("value", &value);
                        self.report(
                            "number-foreign-format",
                            Severity::Warning,
                            message,
                            Some(value),
                            text,
                        );
                    }
                    Some(NumberIssue::Ambiguous { rule }) => {
                        let value = value();
                        let message = Message::new("number.ambiguous")
                            .arg("text", text.trim())
                            .arg("value", &value)
                            .arg_message("rule", Message::new(rule));
                        self.report(
                            "number-ambiguous",
                            Severity::Warning,
                            message,
                            Some(value),
                            text,
                        );
                    }
                }
                cell.value = Value::Number(parsed.value);
                cell.reading = Some(Reading::Number(parsed.style));
                self.outcome.numbers += 1;
            }
            NumberText::Nil => {
                cell.value = Value::Number(Decimal::ZERO);
                cell.reading = Some(Reading::Nil);
                self.outcome.nils += 1;
            }
            NumberText::TypedError(error) => {
                let message = Message::new("number.typed-error").arg("text", error);
                self.report(
                    "number-typed-error",
                    Severity::Info,
                    message,
                    Some(error.to_string()),
                    text,
                );
                cell.value = Value::Error(error);
                cell.reading = Some(Reading::TypedError);
                self.outcome.typed_errors += 1;
            }
            NumberText::Unreadable => {
                let message = Message::new("number.unreadable").arg("text", text.trim());
                self.report("number-unreadable", Severity::Warning, message, None, text);
                cell.value = Value::Text(text.to_string());
            }
            NumberText::NotANumber => cell.value = Value::Text(text.to_string()),
        }
    }

    fn report(
        &mut self,
        rule: &'static str,
        severity: Severity,
        message: Message,
        expected: Option<String>,
        actual: impl ToString,
    ) {
        let finding = Finding::new(rule, severity, self.sheet, Some(self.at.a1()), message)
            .with_values(expected, Some(actual.to_string()), None);
        self.outcome.findings.push(finding);
    }
}

/// A double as Excel shows it. Whole numbers below 10¹⁵ (most amounts) are exact as they are,
/// which spares the text round trip of [`excel_decimal`].
fn exact(x: f64) -> Option<Decimal> {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return Some(Decimal::from(x as i64));
    }
    excel_decimal(x)
}

/// Digits with separators only (`5.03.01`, `5-03`, `53.03`): meant as a code in a Kode
/// column, so a failure to parse is worth telling.
fn is_code_like(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/') || c.is_whitespace())
}

/// Digits only, at least two of them: a code written without separators.
fn is_undotted_code(t: &str) -> bool {
    t.len() >= 2 && t.bytes().all(|b| b.is_ascii_digit())
}

/// A cheap test before [`looks_like_code`] (which allocates): a digit first, then digits,
/// dots and spaces only.
fn has_code_shape(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c.is_whitespace())
}

#[cfg(test)]
mod tests;
