//! The normalise stage: turns what staff typed into exact values — Indonesian-formatted
//! number text into `Decimal` (keeping the original text and its unit), budget codes into
//! parsed codes shown in their canonical form. Knows nothing of tables' arithmetic; what a
//! code is, is `codes`' knowledge, asked through [`crate::codes::classify`].
//!
//! [`normalise_workbook`] sets every cell's `value` from its `raw`:
//! - numbers and date serials become exact `Decimal`s at Excel's 15 significant digits (NaN
//!   or infinity becomes `#NUM!` with a `number-not-finite` warning);
//! - a formula cell's cached result is converted the same way but never text-parsed (a
//!   formula's text result is text), and kept in `cached`; no cached result → `Empty`;
//! - columns get a hint from header texts anywhere above (see [`columns`]), and a cell right
//!   of (a part of) a code may continue it (`5 03 01 | 2.06 | 01`);
//! - text in a "No." column is numbering and stays text; so is text in a column headed by
//!   the name of one code level (`KEGIATAN` holding `2.01`: a code split over columns);
//! - text in a "Kode" column is a budget code (`code-malformed` warning when it is
//!   digits-and-separators but breaks the pattern; digits without separators — `41101`, a
//!   revenue account code or a code that lost its dots — stay text without a finding; other
//!   text stays text, a Kode column holds no amounts); outside, text that unmistakably looks
//!   like a code is treated the same way; a code followed by its name (`1.01.02 PROGRAM …`)
//!   is a code with the name kept. The cell's `reading` holds the parsed code;
//! - a column read as a whole settles what one cell cannot (`column_kind.rs`): in a column of
//!   words, `1 Kg` and `-` are words; among account codes, `5.2` is the kelompok 5.2;
//! - an organisation (SKPD) code (`1.02.2.14.0.00.01.0000`, alone or with the agency's name
//!   after it) is read as one wherever it stands: the text is kept, the reading holds the
//!   code, and it is never reported as a malformed program code or an unreadable number;
//! - any other text goes through [`number::parse_number`]. Foreign-format, ambiguous and
//!   unreadable numbers are warnings — except `1.234` in a column whose other numbers show
//!   the dot is the thousands separator there (`ColumnGrouping`). A dot read as decimal
//!   point (`10.10`, `1.5`) is no Indonesian number: the text stays as typed and the warning
//!   says what it could mean. A typed `#DIV/0!` is
//!   `info`: the error value is exactly what the sheet shows, nothing is guessed, and the
//!   rules that use the cell report what the error breaks.

mod column_kind;
pub mod columns;
pub mod number;
mod outcome;
pub mod units;

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::codes::{classify, is_zero_padded, BudgetCode, CodeError, CodeShape, ColumnHint, Hints};
use crate::finding::{Figure, Finding, RuleId};
use crate::messages::Message;
use crate::model::{excel_decimal, Cell, CellAt, ErrorValue, Raw, Reading, Sheet, Value, Workbook};
use columns::ColumnHints;
use number::{NumberIssue, NumberText};
pub use outcome::NormaliseOutcome;

/// Sets `value` (and `reading`, `cached`) of every cell of every sheet. See the module doc.
pub fn normalise_workbook(workbook: &mut Workbook) -> NormaliseOutcome {
    let mut outcome = NormaliseOutcome::default();
    for (index, sheet) in workbook.sheets.iter_mut().enumerate() {
        normalise_sheet(index, sheet, &mut outcome);
    }
    outcome
}

fn normalise_sheet(sheet_index: usize, sheet: &mut Sheet, outcome: &mut NormaliseOutcome) {
    let columns = ColumnHints::find(sheet);
    let sheet_name = sheet.name.as_str();
    let mut grouping = ColumnGrouping::default();
    // The cell just left of the current one, if it holds (part of) a code: a code split over
    // columns continues to the right (`5 03 01 | 2.06 | 01`).
    let mut code_to_the_left: Option<CellAt> = None;
    for (at, cell) in sheet.cells.iter_mut() {
        let continues_code =
            code_to_the_left.is_some_and(|left| left.row == at.row && left.col + 1 == at.col);
        code_to_the_left = None;
        let mut pass = CellPass {
            sheet_index,
            sheet: sheet_name,
            at: *at,
            outcome: &mut *outcome,
            grouping: &mut grouping,
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
            let cleaned = number::strip_invisible(text);
            // A piece of a split code is told by the characters as typed: one with an
            // invisible character in it (copied from a web page) is read like any other text.
            let as_typed = matches!(cleaned, Cow::Borrowed(_));
            let hints = Hints {
                column: columns.hint(*at),
                right_of_code: continues_code && as_typed,
            };
            let t = cleaned.trim();
            if pass.text(cell, text, t, hints) || (as_typed && is_zero_padded(t)) {
                code_to_the_left = Some(*at);
            }
        }
        cell.raw = raw;
    }
    grouping.settle(outcome);
    column_kind::settle(sheet_index, sheet, outcome);
}

/// What a sheet's columns show of how their numbers are written, to settle `1.234` (one dot,
/// three digits: thousands, or a decimal point?). A column that also holds numbers whose
/// Indonesian reading is certain (`2.261.000`, `87,11`, `1.234,50`) writes the dot as the
/// thousands separator, so its `1.234` is 1234 for certain: the `number-ambiguous` warning
/// given while reading it is withdrawn. The value was read as thousands already. A column that
/// also holds American notation (`5,636,089,563.00`) mixes conventions: nothing is settled.
#[derive(Default)]
struct ColumnGrouping {
    /// Columns with at least one number whose reading used `.` or `,` and was certain.
    certain: std::collections::HashSet<u32>,
    /// Columns with a number in American notation.
    foreign: std::collections::HashSet<u32>,
    /// (column, index into the findings) of each dot-thousands warning.
    dot_thousands: Vec<(u32, usize)>,
}

impl ColumnGrouping {
    fn settle(self, outcome: &mut NormaliseOutcome) {
        let mut withdrawn: Vec<usize> = self
            .dot_thousands
            .into_iter()
            .filter(|(col, _)| self.certain.contains(col) && !self.foreign.contains(col))
            .map(|(_, index)| index)
            .collect();
        withdrawn.sort_unstable();
        for index in withdrawn.into_iter().rev() {
            outcome.findings.remove(index);
        }
    }
}

/// One cell's conversion, with where to report.
struct CellPass<'a> {
    sheet_index: usize,
    sheet: &'a str,
    at: CellAt,
    outcome: &'a mut NormaliseOutcome,
    grouping: &'a mut ColumnGrouping,
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
                    self.report(RuleId::NumberNotFinite, message, None, x);
                    Value::Error(ErrorValue::Num)
                }
            },
            Raw::Text(t) | Raw::DateTimeIso(t) => Value::Text(t.clone()),
            Raw::Bool(b) => Value::Bool(*b),
            Raw::Error(e) => Value::Error(*e),
        }
    }

    /// A constant text: numbering, code or number, by its column. `t` is the text without
    /// invisible characters and surrounding white space. Returns whether the cell holds (a
    /// part of) a code that a cell to its right may continue.
    fn text(&mut self, cell: &mut Cell, text: &str, t: &str, hints: Hints) -> bool {
        match classify(t, hints) {
            CodeShape::Code(code) => {
                cell.value = Value::Text(code.canonical());
                self.read_code(cell, code);
                return true;
            }
            CodeShape::Named { code, name } => {
                cell.value = Value::Text(format!("{code}{name}"));
                self.read_code(cell, code);
                return true;
            }
            CodeShape::Malformed(error) => self.malformed(cell, t, text, &error),
            // An organisation code names the agency (SIPD's SKPD column, `1.02.2.14.0.00.01.0000`
            // or with the name after it): kept as written, which is canonical, and read as
            // the organisation it is, never as a program code or a number.
            CodeShape::Organisation { code, .. } => {
                cell.value = Value::Text(text.to_string());
                cell.set_reading(Reading::Organisation(code));
                self.outcome.codes += 1;
                return true;
            }
            CodeShape::Part => {
                cell.value = Value::Text(text.to_string());
                return hints.right_of_code;
            }
            CodeShape::Undotted => cell.value = Value::Text(text.to_string()),
            // Numbering stays text, and a Kode column holds no amounts. Under a header named
            // after a code level (`KEGIATAN`, `SUB KEGIATAN`) only code pieces are code;
            // `Program` also heads target columns (`42 orang`, amounts), which are numbers as
            // anywhere else.
            CodeShape::Placeholder | CodeShape::NotCode => match hints.column {
                Some(ColumnHint::Numbering | ColumnHint::Code) => {
                    cell.value = Value::Text(text.to_string());
                }
                _ => self.number(cell, text),
            },
        }
        false
    }

    fn read_code(&mut self, cell: &mut Cell, code: BudgetCode) {
        cell.set_reading(Reading::Code(code));
        self.outcome.codes += 1;
    }

    /// Text meant as a code that is none: reported, kept as written.
    fn malformed(&mut self, cell: &mut Cell, t: &str, text: &str, error: &CodeError) {
        let message = Message::new("code.malformed")
            .arg("text", t)
            .arg_message("reason", reason(error));
        self.report(RuleId::CodeMalformed, message, None, text);
        cell.value = Value::Text(text.to_string());
    }

    fn number(&mut self, cell: &mut Cell, text: &str) {
        match number::parse_number(text) {
            // `10.10`, `1.5`: a dot is no Indonesian decimal mark, so the text may be a time,
            // a section, a code as well as 10,1. What it could mean is said, nothing guessed.
            NumberText::Number(parsed)
                if parsed.issue
                    == Some(NumberIssue::Ambiguous {
                        rule: number::rule::DOT_DECIMAL,
                    }) =>
            {
                let message = Message::new("number.dot-decimal")
                    .arg("text", text.trim())
                    .arg("value", parsed.value);
                let value = Some(parsed.value.into());
                self.report(RuleId::NumberAmbiguous, message, value, text);
                cell.value = Value::Text(text.to_string());
            }
            NumberText::Number(parsed) => {
                match parsed.issue {
                    None if text.contains(['.', ',']) => {
                        self.grouping.certain.insert(self.at.col);
                    }
                    None => {}
                    Some(NumberIssue::ForeignFormat) => {
                        self.grouping.foreign.insert(self.at.col);
                        let message = Message::new("number.foreign-format")
                            .arg("text", text.trim())
                            .arg("value", parsed.value);
                        let value = Some(parsed.value.into());
                        self.report(RuleId::NumberForeignFormat, message, value, text);
                    }
                    Some(NumberIssue::Ambiguous { rule }) => {
                        if rule == number::rule::DOT_THOUSANDS {
                            let index = self.outcome.findings.len();
                            self.grouping.dot_thousands.push((self.at.col, index));
                        }
                        let message = Message::new("number.ambiguous")
                            .arg("text", text.trim())
                            .arg("value", parsed.value)
                            .arg_message("rule", Message::new(rule));
                        let value = Some(parsed.value.into());
                        self.report(RuleId::NumberAmbiguous, message, value, text);
                    }
                }
                cell.value = Value::Number(parsed.value);
                cell.set_reading(Reading::Number(parsed.style));
                self.outcome.numbers += 1;
            }
            NumberText::Nil => {
                cell.value = Value::Number(Decimal::ZERO);
                cell.set_reading(Reading::Nil);
                self.outcome.nils += 1;
            }
            NumberText::TypedError(error) => {
                let message = Message::new("number.typed-error").arg("text", error);
                let shown = Figure::Text(error.to_string());
                self.report(RuleId::NumberTypedError, message, Some(shown), text);
                cell.value = Value::Error(error);
                cell.set_reading(Reading::TypedError);
            }
            NumberText::Unreadable => {
                let message = Message::new("number.unreadable").arg("text", text.trim());
                self.report(RuleId::NumberUnreadable, message, None, text);
                cell.value = Value::Text(text.to_string());
            }
            NumberText::NotANumber => cell.value = Value::Text(text.to_string()),
        }
    }

    /// A finding about this cell: `actual` is what it holds as written.
    fn report(
        &mut self,
        rule: RuleId,
        message: Message,
        expected: Option<Figure>,
        actual: impl ToString,
    ) {
        let actual = Figure::Text(actual.to_string());
        let finding = Finding::new(rule, self.sheet_index, self.sheet, self.at, message)
            .with_figures(expected, Some(actual), None);
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

/// Why a text is no budget code, as a catalogue message (`{detail}` filled with the offending
/// part).
fn reason(error: &CodeError) -> Message {
    let (key, detail) = match error {
        CodeError::Empty => ("code.reason.empty", String::new()),
        CodeError::NotDigits(s) => ("code.reason.not-digits", s.clone()),
        CodeError::IncompleteKegiatan => ("code.reason.incomplete-kegiatan", String::new()),
        CodeError::TooManySegments(n) => ("code.reason.too-many-segments", n.to_string()),
        CodeError::TooWide { segment, .. } => ("code.reason.too-wide", segment.clone()),
        CodeError::Zero { level } => ("code.reason.zero", (*level).to_string()),
        CodeError::KegiatanClass(s) => ("code.reason.kegiatan-class", s.clone()),
        CodeError::SubKegiatanWidth(s) => ("code.reason.sub-width", s.clone()),
    };
    Message::new(key).arg("detail", detail)
}

#[cfg(test)]
mod tests;
