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
//!   text stays text, a Kode column holds no amounts); outside, text that unmistakably looks
//!   like a code is treated the same way; a code followed by its name (`1.01.02 PROGRAM …`)
//!   is a code with the name kept;
//! - any other text goes through [`number::parse_number`]. Foreign-format, ambiguous and
//!   unreadable numbers are warnings — except `1.234` in a column whose other numbers show
//!   the dot is the thousands separator there (`ColumnGrouping`). A typed `#DIV/0!` is
//!   `info`: the error value is exactly what the sheet shows, nothing is guessed, and the
//!   rules that use the cell report what the error breaks.

pub mod code;
pub mod columns;
pub mod number;

use rust_decimal::Decimal;

use crate::finding::{Figure, Finding, RuleId};
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
}

/// Sets `value` (and `reading`, `cached`) of every cell of every sheet. See the module doc.
pub fn normalise_workbook(workbook: &mut Workbook) -> NormaliseOutcome {
    let mut outcome = NormaliseOutcome::default();
    for (index, sheet) in workbook.sheets.iter_mut().enumerate() {
        normalise_sheet(index, sheet, &mut outcome);
    }
    outcome
}

fn normalise_sheet(sheet_index: usize, sheet: &mut Sheet, outcome: &mut NormaliseOutcome) {
    let roles = ColumnRoles::find(sheet);
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
    grouping.settle(outcome);
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

/// A piece of a code split over columns: a kegiatan part (`2.06`, `1.02`) or a zero-padded
/// segment (`01`, `0001`). Read as text only right of (another part of) a code, where
/// `2.06` is kegiatan 2.06 and not the number 2,06.
fn is_code_part(t: &str) -> bool {
    let b = t.as_bytes();
    let kegiatan = b.len() == 4
        && matches!(b[0], b'1'..=b'9')
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

    /// A constant text: numbering, code or number, by its column.
    fn text(&mut self, cell: &mut Cell, text: &str, role: Option<ColumnRole>) {
        let cleaned = number::strip_invisible(text);
        let t = cleaned.trim();
        if role != Some(ColumnRole::Numbering) {
            if let Some((code, label)) = labelled_code(t, role) {
                return self.labelled_code(cell, &code, label);
            }
        }
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
                self.report(RuleId::CodeMalformed, message, None, text);
                cell.value = Value::Text(text.to_string());
            }
        }
    }

    /// `1.01.02 PROGRAM PENGELOLAAN PENDIDIKAN`: the code in canonical form, the name as
    /// written after it.
    fn labelled_code(&mut self, cell: &mut Cell, code: &BudgetCode, label: &str) {
        let canonical = code.canonical();
        cell.value = Value::Text(format!("{canonical}{label}"));
        cell.reading = Some(Reading::Code(CodeText { canonical }));
        self.outcome.codes += 1;
    }

    fn number(&mut self, cell: &mut Cell, text: &str) {
        match number::parse_number(text) {
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
                let shown = Figure::Text(error.to_string());
                self.report(RuleId::NumberTypedError, message, Some(shown), text);
                cell.value = Value::Error(error);
                cell.reading = Some(Reading::TypedError);
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

/// Digits with separators only (`5.03.01`, `5-03`, `53.03`): meant as a code in a Kode
/// column, so a failure to parse is worth telling.
fn is_code_like(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/') || c.is_whitespace())
}

/// A budget code followed by its name in one cell (`1.01 URUSAN PEMERINTAHAN BIDANG
/// PENDIDIKAN`, `1.01.02.1.01.0001 Pembangunan USB`, as the official nomenclature lists them):
/// the code, and the name as written. Read only where no number is meant: the code in the
/// widths it is written in canonically (`1.5 Orang` is not `1.05`) unless in a code column,
/// and of three or more segments, or a bidang (`1.01`) in a code column or followed by three
/// or more words (`2.25 Ha` stays 2,25 hectares; `1 Paket` is never a code).
fn labelled_code(t: &str, role: Option<ColumnRole>) -> Option<(BudgetCode, &str)> {
    if !t.starts_with(|c: char| c.is_ascii_digit() || c == 'X' || c == 'x') {
        return None;
    }
    // The label starts at the first word that begins with a letter, after white space.
    let mut label_start = None;
    let mut prev_space = false;
    for (i, c) in t.char_indices() {
        if prev_space && c.is_alphabetic() && !t[i..].starts_with(['X', 'x']) {
            label_start = Some(i);
            break;
        }
        if !(c.is_ascii_digit() || c == '.' || c.is_whitespace() || c == 'X' || c == 'x') {
            return None;
        }
        prev_space = c.is_whitespace();
    }
    let start = label_start?;
    let code_text = t[..start].trim_end();
    // The name with the white space that separated it, so only the code part can change.
    let label = &t[code_text.len()..];
    let code = BudgetCode::parse(code_text).ok()?;
    let written_canonically = code_text
        .split(|c: char| c == '.' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_ascii_uppercase)
        .eq(code.segments().iter().cloned());
    let segments = code.segments().len();
    let in_code_column = matches!(role, Some(ColumnRole::Kode | ColumnRole::CodePart));
    // One segment is a count with its unit (`1 Paket`) as often as an urusan with its name.
    let unmistakable = segments >= 3
        || (segments == 2 && (in_code_column || label.split_whitespace().count() >= 3));
    ((written_canonically || in_code_column) && unmistakable).then_some((code, label))
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
