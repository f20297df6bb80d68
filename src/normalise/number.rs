//! Reads numbers as Indonesian staff type them into cells as text — `Rp. 5.636.089.563,00`,
//! `87,11%`, `150,77 Set`, `(1.234,50)`, `-` for nil — into exact `Decimal`s, and writes
//! numbers back in that form. Knows nothing of cells, sheets or columns: whether `1.1` sits in
//! a "No." column, or `5` in a Kode column, is the caller's business.
//!
//! # The rules, in the order they apply
//!
//! 1. Invisible characters (zero-width space/joiners U+200B–U+200D, LRM/RLM U+200E/U+200F,
//!    bidi embeddings and isolates, word joiner, soft hyphen, BOM U+FEFF) are dropped, then
//!    surrounding white space. Empty text, or more than 64 characters left, is
//!    [`NumberText::NotANumber`]: no amount is that long, and it bounds the work per cell.
//! 2. `#DIV/0!`, `#N/A` and siblings typed as text are [`NumberText::TypedError`]; any other
//!    text starting with `#` is not a number.
//! 3. A dash alone (`-`, `–`, `—`, `−`), also after `Rp` (`Rp -`, what the accounting format
//!    shows for zero), is [`NumberText::Nil`]: Renja tables write nil that way.
//! 4. A budget code written in its canonical widths (`5.03.01`, `5 03 01 2.08 01`) is not a
//!    number. Other dotted runs (`1.23.4`) fall through to rule 8 and come out unreadable;
//!    the normalise pass asks [`crate::codes::classify`] before it ever gets here.
//! 5. Around the digits: an optional `(`…`)` pair (negative, accountants' style), an optional
//!    sign (`-`, `+`, U+2212 `−`) directly before the digits or before `Rp`, an optional `Rp`
//!    / `Rp.` (any case, space optional), an optional `,-` after the digits ("no cents"),
//!    then either `%` (space optional) or a unit after white space. A unit is one on the
//!    list of units of measure budget documents use ([`super::units`]: `Set`, `SK`,
//!    `orang bulat`, `Orang / Bulan`), kept exactly as written; any other words make the
//!    text no number (`5.1 BELANJA OPERASI` is a code with its name, `17 Agustus` a date).
//!    `PERSEN` is a unit like any other, so `100 Persen` is 100 (a target written in words),
//!    while `100%` is the fraction 1 as Excel stores a typed percent. `Rp` with `%` is not a
//!    number.
//! 6. A bare integer in parentheses — `(1)`, `(12)`, no grouping, decimals or `Rp` — is not a
//!    number: it is a Renja table's column numbering row, not minus one.
//! 7. A trailing separator: `1.` / `2.1.` are list numbering (not a number); `12,` is
//!    unreadable.
//! 8. The digits themselves (separators: `.`, `,`, and a space, NBSP U+00A0, narrow NBSP
//!    U+202F, figure or thin space between digits; one separator between two digit groups):
//!    - no separator: an integer. With a leading zero (`01`, `007`) or more than 15 digits
//!      (a NIP or NIK, which Excel cannot hold exactly anyway) it is an identifier, not a
//!      number.
//!    - exactly one comma and it is the last separator: the comma is the decimal mark and any
//!      separators before it are thousands grouping (`5.636.089.563,00`, `1 541 063,5`).
//!      Grouping must be consistent: a first group of 1–3 digits not starting with 0, then
//!      groups of exactly three. Ungrouped, `1,234` (1–3 digits, no leading 0, then exactly
//!      three decimals) is read as 1.234 but flagged ambiguous ([`rule::COMMA_DECIMAL`]):
//!      an American would mean 1234.
//!    - dots only, two or more: thousands grouping (`1.234.567`); inconsistent groups
//!      (`1.23.4`) are [`NumberText::Unreadable`].
//!    - one dot: followed by exactly three digits it is read as thousands (`1.234` → 1234,
//!      [`rule::DOT_THOUSANDS`]), otherwise as a decimal point (`1.5` → 1.5,
//!      [`rule::DOT_DECIMAL`]); both are flagged ambiguous, never silently guessed. After
//!      `Rp` the thousands reading is certain (`Rp 5.000`: rupiah never have three decimals)
//!      and is not flagged. A dot as decimal point is no Indonesian notation at all (`10.10`
//!      may be a time, a section, a code): the normalise pass keeps such a text as text and
//!      reports the reading it could have.
//!    - spaces only: thousands grouping (`1 541 063 680`), consistent or unreadable.
//!    - spaces and dots: if every group after the first has three digits, all are grouping
//!      (`28 684.032` → 28684032, [`rule::MIXED_GROUPING`]); if only the last dot is
//!      followed by another width, it is a decimal point after space grouping (`28 684.5`,
//!      [`rule::DOT_DECIMAL`]). Both ambiguous.
//!    - commas as grouping, optionally a final dot as decimal point (`5,636,089,563.00`,
//!      `1,234.5`): read, consistent grouping required, flagged [`NumberIssue::ForeignFormat`].
//!    - anything else (`12,34,5`, `1.234,5.6`, `1 ,5`) is [`NumberText::Unreadable`].
//! 9. At most 28 significant digits and 28 decimal places (Decimal's limits), else
//!    unreadable. A percent divides by 100 exactly (`87,11%` → 0.8711, written decimals 2).
//!    Minus zero is zero.
//!
//! Nothing here panics: every step is a checked slice or a checked conversion.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::units;
use crate::codes::{classify, CodeShape, Hints};
use crate::model::{ErrorValue, NumberStyle};

/// The longest text (in characters, after trimming) that is still read as a number.
pub const MAX_CHARS: usize = 64;

/// Ungrouped integers longer than this are identifiers (NIP: 18 digits, NIK: 16).
const MAX_IDENTIFIER_FREE_DIGITS: usize = 15;

/// Catalogue keys naming the rule applied to an ambiguous number (see the module doc).
pub mod rule {
    /// `1.234`: one dot followed by exactly three digits, read as thousands grouping.
    pub const DOT_THOUSANDS: &str = "number.rule.dot-thousands";
    /// `1.5`, `28 684.5`: a dot not followed by three digits, read as a decimal point.
    pub const DOT_DECIMAL: &str = "number.rule.dot-decimal";
    /// `1,234`: a lone comma before exactly three digits, read as the decimal mark.
    pub const COMMA_DECIMAL: &str = "number.rule.comma-decimal";
    /// `28 684.032`: spaces and dots both between three-digit groups, read as grouping.
    pub const MIXED_GROUPING: &str = "number.rule.mixed-grouping";
}

/// A number read from text.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedNumber {
    /// The exact value; a percent is already a fraction (`87,11%` → 0.8711).
    pub value: Decimal,
    /// How it was written, so the cleaned workbook can show it the same way.
    pub style: NumberStyle,
    /// Why the reading deserves a second look, if it does.
    pub issue: Option<NumberIssue>,
}

/// A number that was read, but not from plain Indonesian notation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberIssue {
    /// `5,636,089,563.00`: American notation (comma grouping, dot decimal point).
    ForeignFormat,
    /// `1.234`, `1.5`, `1,234`, `28 684.032`: more than one reading is plausible; `rule` is
    /// the catalogue key of the one applied (see [`rule`]).
    Ambiguous { rule: &'static str },
}

/// What a text turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum NumberText {
    Number(ParsedNumber),
    /// A dash standing for nil (zero).
    Nil,
    /// An Excel error typed (or pasted as values) as text.
    TypedError(ErrorValue),
    /// Words, codes, dates, numbering, identifiers: text that is not meant as a number.
    NotANumber,
    /// Looks like a number, but no reading is safe (`1.23.4`, `12,34,5`).
    Unreadable,
}

/// Drops characters that are invisible in Excel but break parsing (copied from web pages and
/// PDFs). Borrows when there is nothing to drop, which is nearly always.
pub fn strip_invisible(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !is_invisible(*c)).collect())
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// White space that may group digits (`1 541 063 680`). Tabs and line breaks may separate a
/// number from its unit, but never group digits.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}')
}

/// Reads Indonesian number text. See the module doc for the rules.
pub fn parse_number(text: &str) -> NumberText {
    // Cheap bound before any per-character work on a pasted paragraph.
    if text.len() > MAX_CHARS * 8 {
        return NumberText::NotANumber;
    }
    let cleaned = strip_invisible(text);
    let t = cleaned.trim();
    if t.is_empty() || t.chars().count() > MAX_CHARS {
        return NumberText::NotANumber;
    }
    if t.starts_with('#') {
        return ErrorValue::parse(t).map_or(NumberText::NotANumber, NumberText::TypedError);
    }
    if is_nil(t) {
        return NumberText::Nil;
    }
    if is_written_code(t) {
        return NumberText::NotANumber;
    }
    match read(t) {
        Ok(parsed) => NumberText::Number(parsed),
        Err(other) => other,
    }
}

fn is_dash(t: &str) -> bool {
    matches!(t, "-" | "–" | "—" | "−")
}

fn is_nil(t: &str) -> bool {
    is_dash(t) || strip_rp(t).is_some_and(is_dash)
}

/// `Rp`, `Rp.`, `RP `: returns what follows, trimmed at the start.
fn strip_rp(t: &str) -> Option<&str> {
    let head = t.get(..2)?;
    if !head.eq_ignore_ascii_case("rp") {
        return None;
    }
    let rest = &t[2..];
    Some(rest.strip_prefix('.').unwrap_or(rest).trim_start())
}

/// A code in canonical widths (`5.03.01`), which no one means as a number.
fn is_written_code(t: &str) -> bool {
    matches!(classify(t, Hints::default()), CodeShape::Code(code) if code.is_written_as(t))
}

/// What surrounds the digits.
#[derive(Default)]
struct Affixes<'a> {
    negative: bool,
    parenthesised: bool,
    currency: bool,
    percent: bool,
    unit: Option<&'a str>,
    body: &'a str,
}

fn read(t: &str) -> Result<ParsedNumber, NumberText> {
    let a = split_affixes(t)?;
    let digits = DigitGroups::split(a.body)?;
    let mut layout = layout(&digits)?;
    // Rupiah are never written to three decimals: `Rp 5.000` is five thousand, plainly.
    if a.currency && layout.issue == ambiguous(rule::DOT_THOUSANDS) {
        layout.issue = None;
    }
    if a.parenthesised && !layout.grouped && layout.fraction.is_none() && !a.currency {
        return Err(NumberText::NotANumber);
    }
    let written_decimals = layout.fraction.map_or(0, str::len);
    let mut mantissa: i128 = 0;
    let mut significant = 0usize;
    for group in digits.groups()[..layout.integer_groups]
        .iter()
        .chain(layout.fraction.iter())
    {
        for b in group.bytes() {
            if significant > 0 || b != b'0' {
                significant += 1;
            }
            mantissa = mantissa * 10 + i128::from(b - b'0');
            if significant > 28 {
                return Err(NumberText::Unreadable);
            }
        }
    }
    let scale = written_decimals + if a.percent { 2 } else { 0 };
    let scale = u32::try_from(scale).map_err(|_| NumberText::Unreadable)?;
    if scale > 28 {
        return Err(NumberText::Unreadable);
    }
    let mut value =
        Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| NumberText::Unreadable)?;
    if a.negative && !value.is_zero() {
        value.set_sign_negative(true);
    }
    Ok(ParsedNumber {
        value,
        style: NumberStyle {
            decimals: written_decimals as u32,
            grouped: layout.grouped,
            percent: a.percent,
            currency: a.currency,
            unit: a.unit.map(str::to_string),
        },
        issue: layout.issue,
    })
}

/// Peels sign, parentheses, `Rp`, `,-`, `%` and unit off the digits (rules 5–7).
fn split_affixes(t: &str) -> Result<Affixes<'_>, NumberText> {
    let mut a = Affixes::default();
    let mut signed = false;
    let mut rest = t;
    loop {
        if !a.parenthesised && !signed {
            if let Some(r) = rest.strip_prefix('(') {
                a.parenthesised = true;
                rest = r.trim_start();
                continue;
            }
        }
        if !signed {
            if let Some((negative, r)) = strip_sign(rest) {
                signed = true;
                a.negative = negative;
                rest = r;
                continue;
            }
        }
        if !a.currency {
            if let Some(r) = strip_rp(rest) {
                a.currency = true;
                rest = r;
                continue;
            }
        }
        break;
    }
    if a.parenthesised && signed {
        return Err(NumberText::NotANumber);
    }
    a.negative |= a.parenthesised;

    let body_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c)))
        .unwrap_or(rest.len());
    let mut body = rest[..body_end].trim_end_matches(is_group_space);
    rest = &rest[body.len()..];
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(NumberText::NotANumber);
    }
    // `Rp 5.000,-`: the dash says "no cents".
    if body.ends_with(',') && rest.starts_with('-') {
        body = &body[..body.len() - 1];
        rest = rest.trim_start_matches('-');
    }
    if body.ends_with('.') {
        return Err(NumberText::NotANumber);
    }
    if body.ends_with(',') {
        return Err(NumberText::Unreadable);
    }
    a.body = body;

    let mut spaced = rest.starts_with(char::is_whitespace);
    rest = rest.trim_start();
    let mut closed = false;
    if a.parenthesised {
        if let Some(r) = rest.strip_prefix(')') {
            closed = true;
            spaced = r.starts_with(char::is_whitespace);
            rest = r.trim_start();
        }
    }
    if let Some(r) = rest.strip_prefix('%') {
        a.percent = true;
        spaced = r.starts_with(char::is_whitespace);
        rest = r.trim_start();
        if a.parenthesised && !closed {
            if let Some(r) = rest.strip_prefix(')') {
                closed = true;
                rest = r.trim_start();
            }
        }
    }
    if a.parenthesised != closed || rest.starts_with(')') {
        return Err(NumberText::NotANumber);
    }
    if !rest.is_empty() {
        if !spaced || a.percent || !units::is_unit(rest) {
            return Err(NumberText::NotANumber);
        }
        a.unit = Some(rest);
    }
    if a.currency && a.percent {
        return Err(NumberText::NotANumber);
    }
    Ok(a)
}

/// `-` / `+` / `−` directly before a digit, `Rp` or `(`: returns (negative, rest).
fn strip_sign(t: &str) -> Option<(bool, &str)> {
    let mut chars = t.chars();
    let negative = match chars.next()? {
        '-' | '−' => true,
        '+' => false,
        _ => return None,
    };
    let rest = chars.as_str();
    rest.starts_with(|c: char| c.is_ascii_digit() || c == 'R' || c == 'r')
        .then_some((negative, rest))
}

/// The most groups a body can have: `MAX_CHARS` characters, alternating digit and separator.
const MAX_GROUPS: usize = MAX_CHARS / 2 + 1;

/// The body's digit groups and the single separators between them, in fixed arrays: this
/// runs once per text cell, so it does not allocate.
struct DigitGroups<'a> {
    groups: [&'a str; MAX_GROUPS],
    seps: [Sep; MAX_GROUPS],
    count: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    Dot,
    Comma,
    Space,
}

impl<'a> DigitGroups<'a> {
    fn split(body: &'a str) -> Result<Self, NumberText> {
        let mut d = DigitGroups {
            groups: [""; MAX_GROUPS],
            seps: [Sep::Space; MAX_GROUPS],
            count: 0,
        };
        let mut start = 0;
        let mut iter = body.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_ascii_digit() {
                continue;
            }
            if i == start || d.count + 1 >= MAX_GROUPS {
                // Two separators in a row: `1 ,5`, `1..234`.
                return Err(NumberText::Unreadable);
            }
            d.groups[d.count] = &body[start..i];
            let mut end = i + c.len_utf8();
            d.seps[d.count] = match c {
                '.' => Sep::Dot,
                ',' => Sep::Comma,
                _ => {
                    // A run of spaces counts as one separator.
                    while let Some(&(j, s)) = iter.peek() {
                        if !is_group_space(s) {
                            break;
                        }
                        end = j + s.len_utf8();
                        iter.next();
                    }
                    Sep::Space
                }
            };
            d.count += 1;
            start = end;
        }
        d.groups[d.count] = &body[start..];
        Ok(d)
    }

    /// The digit groups, one more than the separators.
    fn groups(&self) -> &[&'a str] {
        &self.groups[..=self.count]
    }

    fn seps(&self) -> &[Sep] {
        &self.seps[..self.count]
    }
}

/// How the groups make a number: the first `integer_groups` are the integer part.
struct Layout<'a> {
    integer_groups: usize,
    fraction: Option<&'a str>,
    grouped: bool,
    issue: Option<NumberIssue>,
}

/// 1–3 digits not starting with 0, then groups of exactly three.
fn consistent_grouping(groups: &[&str]) -> bool {
    match groups.split_first() {
        Some((first, rest)) => {
            (1..=3).contains(&first.len())
                && !first.starts_with('0')
                && rest.iter().all(|g| g.len() == 3)
        }
        None => false,
    }
}

fn has_leading_zero(group: &str) -> bool {
    group.len() > 1 && group.starts_with('0')
}

fn ambiguous(rule: &'static str) -> Option<NumberIssue> {
    Some(NumberIssue::Ambiguous { rule })
}

/// Rule 8 of the module doc.
fn layout<'a>(d: &DigitGroups<'a>) -> Result<Layout<'a>, NumberText> {
    let g = d.groups();
    let n = d.seps().len();
    let count = |s: Sep| d.seps().iter().filter(|x| **x == s).count();
    let (dots, commas, spaces) = (count(Sep::Dot), count(Sep::Comma), count(Sep::Space));
    let unreadable = Err(NumberText::Unreadable);
    let integer = |grouped, issue| Layout {
        integer_groups: n + 1,
        fraction: None,
        grouped,
        issue,
    };
    let decimal = |grouped, issue| Layout {
        integer_groups: n,
        fraction: Some(g[n]),
        grouped,
        issue,
    };

    if n == 0 {
        if has_leading_zero(g[0]) || g[0].len() > MAX_IDENTIFIER_FREE_DIGITS {
            return Err(NumberText::NotANumber);
        }
        return Ok(integer(false, None));
    }
    let last = d.seps()[n - 1];
    let integer_part = &g[..n];

    // Indonesian: one decimal comma, last; dots or spaces before it group thousands.
    if commas == 1 && last == Sep::Comma {
        if n == 1 {
            if has_leading_zero(g[0]) {
                return unreadable;
            }
            let us_thousands = g[1].len() == 3 && consistent_grouping(&g[..2]);
            return Ok(decimal(
                false,
                if us_thousands {
                    ambiguous(rule::COMMA_DECIMAL)
                } else {
                    None
                },
            ));
        }
        if !consistent_grouping(integer_part) {
            return unreadable;
        }
        let mixed = dots > 0 && spaces > 0;
        return Ok(decimal(
            true,
            if mixed {
                ambiguous(rule::MIXED_GROUPING)
            } else {
                None
            },
        ));
    }

    // American: commas group, an optional final dot is the decimal point.
    if commas > 0 && spaces == 0 {
        let foreign = Some(NumberIssue::ForeignFormat);
        if dots == 0 && commas >= 2 && consistent_grouping(g) {
            return Ok(integer(true, foreign));
        }
        if dots == 1 && last == Sep::Dot && consistent_grouping(integer_part) {
            return Ok(decimal(true, foreign));
        }
        return unreadable;
    }
    if commas > 0 {
        return unreadable;
    }

    // Dots and spaces only.
    if dots == 1 && n == 1 {
        if g[1].len() == 3 && consistent_grouping(g) {
            return Ok(integer(true, ambiguous(rule::DOT_THOUSANDS)));
        }
        if has_leading_zero(g[0]) {
            return unreadable;
        }
        return Ok(decimal(false, ambiguous(rule::DOT_DECIMAL)));
    }
    if consistent_grouping(g) {
        let issue = if dots > 0 && spaces > 0 {
            ambiguous(rule::MIXED_GROUPING)
        } else {
            None
        };
        return Ok(integer(true, issue));
    }
    if last == Sep::Dot && dots == 1 && consistent_grouping(integer_part) {
        return Ok(decimal(true, ambiguous(rule::DOT_DECIMAL)));
    }
    unreadable
}

#[cfg(test)]
mod tests;
