//! The workbook model every stage shares: Workbook › Sheet › Cell, cell positions and
//! ranges in A1 form, and the values renja understands.
//!
//! Knows nothing of file formats (that is `read/` and `write/`) nor of Renja tables; of codes
//! only the parsed form a cell's text was read as (`codes`).
//! Money is `Decimal` here; `f64` appears only in [`Raw`], as the file stored it.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::codes::{BudgetCode, OrganisationCode};

/// A zero-based cell position. Ordered row first, so a sheet iterates in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct CellAt {
    pub row: u32,
    pub col: u32,
}

/// Excel's last column (XFD) and row, zero-based.
pub const MAX_COL: u32 = 16_383;
pub const MAX_ROW: u32 = 1_048_575;

impl CellAt {
    pub const fn new(row: u32, col: u32) -> Self {
        CellAt { row, col }
    }

    /// `B7` for row 6, column 1.
    pub fn a1(self) -> String {
        format!("{}{}", column_letters(self.col), self.row + 1)
    }

    /// Parses `B7`, `$B$7` or `b7`. Returns `None` for anything else or past XFD1048576.
    pub fn parse_a1(text: &str) -> Option<CellAt> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let mut i = 0;
        if bytes.first() == Some(&b'$') {
            i += 1;
        }
        let letters_start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let letters = &text[letters_start..i];
        if i < bytes.len() && bytes[i] == b'$' {
            i += 1;
        }
        let digits = &text[i..];
        if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
            return None;
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let col = column_index(letters)?;
        let row: u32 = digits.parse().ok()?;
        if row == 0 || row - 1 > MAX_ROW {
            return None;
        }
        Some(CellAt::new(row - 1, col))
    }
}

impl fmt::Display for CellAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letters(self.col), self.row + 1)
    }
}

/// `A` for 0, `Z` for 25, `AA` for 26, `XFD` for 16383.
pub fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::with_capacity(3);
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// Zero-based column of `A`..`XFD`, case-insensitive; `None` past XFD.
pub fn column_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n: u32 = 0;
    for b in letters.bytes() {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        n = n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let col = n - 1;
    (col <= MAX_COL).then_some(col)
}

/// An inclusive rectangle of cells, e.g. a merged range `B3:D4`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RangeAt {
    pub start: CellAt,
    pub end: CellAt,
}

impl RangeAt {
    pub fn new(start: CellAt, end: CellAt) -> Self {
        RangeAt {
            start: CellAt::new(start.row.min(end.row), start.col.min(end.col)),
            end: CellAt::new(start.row.max(end.row), start.col.max(end.col)),
        }
    }

    pub fn contains(&self, at: CellAt) -> bool {
        (self.start.row..=self.end.row).contains(&at.row)
            && (self.start.col..=self.end.col).contains(&at.col)
    }

    /// `B3:D4`.
    pub fn a1(&self) -> String {
        format!("{}:{}", self.start.a1(), self.end.a1())
    }
}

/// The file format renja found by looking at the bytes, not at the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Xlsx,
    Xlsm,
    Xlsb,
    Xls,
    Ods,
    /// An HTML table saved with a spreadsheet name (what budget web apps "export to Excel").
    Html,
    /// A web page saved by a browser as an MHTML archive (`From: <Saved by Blink>`).
    Mhtml,
    /// Delimited text (`;`, `,`, tab or `|`).
    Csv,
}

impl SourceFormat {
    pub fn name(self) -> &'static str {
        match self {
            SourceFormat::Xlsx => "xlsx",
            SourceFormat::Xlsm => "xlsm",
            SourceFormat::Xlsb => "xlsb",
            SourceFormat::Xls => "xls",
            SourceFormat::Ods => "ods",
            SourceFormat::Html => "html",
            SourceFormat::Mhtml => "mhtml",
            SourceFormat::Csv => "csv",
        }
    }

    /// Whether formula text from this format can be trusted. calamine's BIFF (.xls) formula
    /// decoding swaps `>`/`>=`, points cross-sheet references at the wrong sheet and returns
    /// filled-down formulas as empty strings, so .xls is read as values only. HTML, MHTML and
    /// CSV hold no formulas at all, so the question does not arise for them.
    pub fn formulas_trusted(self) -> bool {
        !matches!(self, SourceFormat::Xls)
    }

    /// A page or a text file rather than a workbook: the report says what the input really was.
    pub fn is_web_or_text(self) -> bool {
        matches!(
            self,
            SourceFormat::Html | SourceFormat::Mhtml | SourceFormat::Csv
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    Visible,
    Hidden,
    VeryHidden,
}

/// An Excel error value, typed into a cell or produced by a formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ErrorValue {
    Div0,
    NA,
    Name,
    Null,
    Num,
    Ref,
    Value,
    GettingData,
    Spill,
    Calc,
}

impl ErrorValue {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorValue::Div0 => "#DIV/0!",
            ErrorValue::NA => "#N/A",
            ErrorValue::Name => "#NAME?",
            ErrorValue::Null => "#NULL!",
            ErrorValue::Num => "#NUM!",
            ErrorValue::Ref => "#REF!",
            ErrorValue::Value => "#VALUE!",
            ErrorValue::GettingData => "#GETTING_DATA",
            ErrorValue::Spill => "#SPILL!",
            ErrorValue::Calc => "#CALC!",
        }
    }

    /// Recognises `#DIV/0!` and its siblings, case-insensitively, surrounding spaces allowed.
    pub fn parse(text: &str) -> Option<ErrorValue> {
        let t = text.trim().to_ascii_uppercase();
        Some(match t.as_str() {
            "#DIV/0!" => ErrorValue::Div0,
            "#N/A" => ErrorValue::NA,
            "#NAME?" => ErrorValue::Name,
            "#NULL!" => ErrorValue::Null,
            "#NUM!" => ErrorValue::Num,
            "#REF!" => ErrorValue::Ref,
            "#VALUE!" => ErrorValue::Value,
            "#GETTING_DATA" => ErrorValue::GettingData,
            "#SPILL!" => ErrorValue::Spill,
            "#CALC!" => ErrorValue::Calc,
            _ => return None,
        })
    }
}

impl fmt::Display for ErrorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the file holds in a cell, exactly as the reader handed it over. For a formula cell
/// this is the cached result the file was saved with.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Raw {
    #[default]
    Empty,
    Number(f64),
    Text(String),
    Bool(bool),
    Error(ErrorValue),
    /// An Excel date serial number (the cell was formatted as a date or time).
    DateTime(f64),
    /// A date or duration the file stored as ISO text (ods).
    DateTimeIso(String),
}

impl Raw {
    /// The raw content as a person would read it in the file (numbers in Rust's shortest
    /// round-trip form), used in the change log and in notes.
    pub fn display(&self) -> String {
        match self {
            Raw::Empty => String::new(),
            Raw::Number(n) | Raw::DateTime(n) => format!("{n}"),
            Raw::Text(t) | Raw::DateTimeIso(t) => t.clone(),
            Raw::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Raw::Error(e) => e.to_string(),
        }
    }
}

/// A value as renja understands it: exact numbers, text, booleans, errors.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    #[default]
    Empty,
    Number(Decimal),
    Text(String),
    Bool(bool),
    Error(ErrorValue),
}

impl Value {
    pub fn as_number(&self) -> Option<Decimal> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// How a number written as text was read, kept so the cleaned workbook still reads like the
/// staff's text (`150,77 Set` becomes 150.77 shown with the format `#,##0.00 "Set"`).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct NumberStyle {
    /// Decimal places as written (`149,53` → 2).
    pub decimals: u32,
    /// Written with thousands grouping (`5.636.089.563`).
    pub grouped: bool,
    /// Written with a trailing `%`: the value is a fraction (`150%` → 1.5), as Excel stores it.
    pub percent: bool,
    /// Written with `Rp`.
    pub currency: bool,
    /// A unit after the number (`Set`, `SK`, `PERSEN`).
    pub unit: Option<String>,
}

/// What the normalise stage made of a cell's text.
#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    /// Indonesian-formatted number text became a number.
    Number(NumberStyle),
    /// A dash standing for nil (`-`, `–`) became 0.
    Nil,
    /// A budget code, parsed: the cell's value holds its canonical form (and the name after
    /// it, for a code written with its name).
    Code(BudgetCode),
    /// An organisation (SKPD) code, alone or with the agency's name: the cell's value keeps
    /// the text as written, which is canonical.
    Organisation(OrganisationCode),
    /// `#DIV/0!` (or a sibling) typed as text became an error value.
    TypedError,
}

/// One cell: what the file holds and what renja made of it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Cell {
    /// The value as stored in the file (the cached result for a formula cell).
    pub raw: Raw,
    /// Formula text without the leading `=`, `_xlfn.` prefixes stripped. `None` for a
    /// constant, and always `None` for formats whose formulas are not trusted.
    pub formula: Option<String>,
    /// The cell's number format code (`0.00%`, `#,##0`), where the reader gives it.
    pub number_format: Option<Arc<str>>,
    /// The value renja works with: the raw value converted to exact form, then normalised,
    /// then (for a formula) recomputed.
    pub value: Value,
    /// How `value` was read from text, if it was: see [`Cell::reading`]. Boxed, as most
    /// cells are not read from text and a cell's size counts a million times over.
    pub reading: Option<Box<Reading>>,
    /// For a formula cell: the result the file was saved with, as an exact value (a cached
    /// double is taken at Excel's 15 significant digits). `value` starts equal to it and is
    /// replaced by the recomputed result. `None` for constants and for formulas saved
    /// without a cached result.
    pub cached: Option<Value>,
}

/// Why a formula cell keeps the value the file was saved with instead of renja's own result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotRecomputed {
    /// A function renja does not evaluate (its name, `LOG10`, `SUBTOTAL(7)`, `{…}`).
    Unsupported(String),
    /// A function whose result changes on every recalculation or with the machine (`NOW`,
    /// `TODAY`, `RAND`, `INDIRECT`, `OFFSET`, `CELL`, `INFO`): the file's value is the one
    /// the staff saw.
    Volatile(String),
    /// A reference to another workbook (`'[1]2015-2019'!C14`), whose cells renja does not have.
    OtherWorkbook,
    /// The cell is part of a reference cycle.
    Cycle,
    /// The formula could not be read, is nested too deep or builds too large an array.
    NotEvaluated,
}

impl Cell {
    /// How `value` was read from text, if it was.
    pub fn reading(&self) -> Option<&Reading> {
        self.reading.as_deref()
    }

    pub fn set_reading(&mut self, reading: Reading) {
        self.reading = Some(Box::new(reading));
    }

    pub fn is_formula(&self) -> bool {
        self.formula.is_some()
    }

    /// The budget code the normalise stage read from the cell, if it read one.
    pub fn code(&self) -> Option<&BudgetCode> {
        match self.reading() {
            Some(Reading::Code(code)) => Some(code),
            _ => None,
        }
    }

    /// The organisation (SKPD) code the normalise stage read from the cell, if it read one.
    pub fn organisation(&self) -> Option<&OrganisationCode> {
        match self.reading() {
            Some(Reading::Organisation(code)) => Some(code),
            _ => None,
        }
    }

    /// A constant typed as text (a formula's text result is not).
    pub fn is_typed_text(&self) -> bool {
        self.formula.is_none() && matches!(self.raw, Raw::Text(_))
    }

    /// The cell as Excel's formulas see it: a constant exactly as typed — text stays text,
    /// even where renja reads it as a number, a code or an error (`ISNUMBER` of the text
    /// "12" is FALSE in Excel) — and a formula cell its current value. `value` is what
    /// renja made of the cell, for the cleaned workbook and the table rules.
    pub fn typed_value(&self) -> Value {
        match &self.raw {
            Raw::Text(t) if self.formula.is_none() => Value::Text(t.clone()),
            _ => self.value.clone(),
        }
    }

    /// A cell shown as a percentage (`0%`, `0.00%`): its value is a fraction.
    pub fn shows_percent(&self) -> bool {
        self.number_format
            .as_deref()
            .is_some_and(|f| f.contains('%'))
            || matches!(self.reading(), Some(Reading::Number(s)) if s.percent)
    }
}

/// The exact value of a double as Excel shows it: rounded to 15 significant digits, so the
/// double nearest 0.1 becomes exactly 0.1 (never the binary expansion 0.1000000000000000055…).
/// `None` for NaN, infinities and magnitudes past Decimal's range.
pub fn excel_decimal(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    if x == 0.0 {
        return Some(Decimal::ZERO);
    }
    // `{:.14e}` gives exactly 15 significant digits: `5.63608956300000e9`.
    let text = format!("{x:.14e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let digits: i128 = mantissa.replace('.', "").parse().ok()?;
    let scale = 14 - exponent;
    let d = if scale <= 0 {
        let factor = 10i128.checked_pow(u32::try_from(-scale).ok()?)?;
        Decimal::try_from_i128_with_scale(digits.checked_mul(factor)?, 0).ok()?
    } else if scale <= 28 {
        Decimal::try_from_i128_with_scale(digits, scale as u32).ok()?
    } else {
        // Smaller than Decimal's 28 places can hold at 15 digits: keep what fits.
        let drop = u32::try_from(scale - 28).ok()?;
        let kept = if drop > 38 {
            0
        } else {
            digits / 10i128.pow(drop)
        };
        Decimal::try_from_i128_with_scale(kept, 28).ok()?
    };
    Some(d.normalize())
}

/// Why Excel does not show a row. SUBTOTAL 1–11 skip filtered rows only, 101–111 every
/// hidden row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HiddenRow {
    /// Hidden by an AutoFilter that has a criterion (in the filter's range, below its header).
    Filtered,
    /// Hidden by hand (Format › Hide, or grouped and collapsed).
    ByHand,
}

/// A worksheet: its cells by position, merged ranges, visibility.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub visibility: Option<Visibility>,
    pub cells: BTreeMap<CellAt, Cell>,
    pub merged: Vec<RangeAt>,
    /// Column widths the file sets (zero-based column, width in characters), where the
    /// reader can tell.
    pub column_widths: Vec<(u32, f64)>,
    /// Rows the file hides (zero-based), and why; empty where the reader cannot tell.
    pub hidden_rows: BTreeMap<u32, HiddenRow>,
    /// Cells filled from a shared formula (`<f t="shared" si="4"/>`, what Excel writes when a
    /// formula is filled down or across), each with the group's master cell: its formula is
    /// the master's with the relative references moved by the offset between the two. The
    /// reader puts the master's text in the cell's `formula`; the formula stage moves it and
    /// writes the cell's own text there. The master itself is not listed. (Kept here rather
    /// than in every `Cell`, which most cells would carry empty.)
    pub shared_formulas: BTreeMap<CellAt, CellAt>,
    /// Formula cells whose `value` is the file's cached value rather than renja's
    /// recomputation, and why (set by the formula stage).
    pub not_recomputed: BTreeMap<CellAt, NotRecomputed>,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Self {
        Sheet {
            name: name.into(),
            visibility: Some(Visibility::Visible),
            ..Default::default()
        }
    }

    pub fn get(&self, at: CellAt) -> Option<&Cell> {
        self.cells.get(&at)
    }

    pub fn value(&self, at: CellAt) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.cells.get(&at).map_or(&EMPTY, |c| &c.value)
    }

    /// The cells of one row, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (CellAt, &Cell)> {
        self.cells
            .range(CellAt::new(row, 0)..=CellAt::new(row, MAX_COL))
            .map(|(at, c)| (*at, c))
    }

    /// The last used row and column (zero-based), `None` for an empty sheet.
    pub fn extent(&self) -> Option<CellAt> {
        let last_row = self.cells.keys().next_back()?.row;
        let last_col = self.cells.keys().map(|at| at.col).max()?;
        Some(CellAt::new(last_row, last_col))
    }
}

/// A defined name (`PaguTotal` → `Sheet1!$D$40`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DefinedName {
    pub name: String,
    pub formula: String,
    /// The sheet a local name belongs to (Excel's `localSheetId`): there it shadows a
    /// workbook-wide name of the same spelling. `None` for a workbook-wide name.
    pub sheet: Option<String>,
}

/// A whole workbook, sheets in file order.
#[derive(Clone, Debug)]
pub struct Workbook {
    pub format: SourceFormat,
    pub sheets: Vec<Sheet>,
    pub defined_names: Vec<DefinedName>,
    /// Other workbooks this one's formulas refer to, in the file's own numbering:
    /// `'[1]2015-2019'!C14` names the first. Each is the path or address the file records
    /// (`file:///D:/RENJA/Renja 2019.xlsx`), or empty where the file does not say.
    pub external_workbooks: Vec<String>,
}

impl Default for Workbook {
    /// An empty xlsx workbook, to build models in tests and benches with
    /// `..Workbook::default()`.
    fn default() -> Self {
        Workbook {
            format: SourceFormat::Xlsx,
            sheets: Vec::new(),
            defined_names: Vec::new(),
            external_workbooks: Vec::new(),
        }
    }
}

impl Workbook {
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    pub fn sheet_index(&self, name: &str) -> Option<usize> {
        self.sheets
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(name))
    }

    pub fn cell_count(&self) -> usize {
        self.sheets.iter().map(|s| s.cells.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_stays_small() {
        // A 1 000 000-row workbook holds seven million of them (issue 17): what a cell
        // rarely has (a reading from text) is boxed, and this keeps it so.
        assert!(
            std::mem::size_of::<Cell>() <= 128,
            "{}",
            std::mem::size_of::<Cell>()
        );
    }

    #[test]
    fn a1_round_trips() {
        for (text, row, col) in [
            ("A1", 0, 0),
            ("B7", 6, 1),
            ("Z1", 0, 25),
            ("AA10", 9, 26),
            ("XFD1048576", MAX_ROW, MAX_COL),
        ] {
            let at = CellAt::parse_a1(text).unwrap();
            assert_eq!(at, CellAt::new(row, col), "{text}");
            assert_eq!(at.a1(), text);
        }
        assert_eq!(CellAt::parse_a1("$c$3"), Some(CellAt::new(2, 2)));
    }

    #[test]
    fn a1_rejects_garbage() {
        for text in ["", "A", "7", "A0", "XFE1", "A1048577", "A1B", "ÄB1"] {
            assert_eq!(CellAt::parse_a1(text), None, "{text}");
        }
    }

    #[test]
    fn excel_decimal_takes_fifteen_significant_digits() {
        use std::str::FromStr;
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(excel_decimal(0.1), Some(d("0.1")));
        assert_eq!(excel_decimal(0.1 + 0.2), Some(d("0.3")));
        assert_eq!(excel_decimal(5636089563.0), Some(d("5636089563")));
        assert_eq!(excel_decimal(-87.11), Some(d("-87.11")));
        assert_eq!(excel_decimal(1.5e-20), Some(d("0.000000000000000000015")));
        assert_eq!(excel_decimal(1e-40), Some(d("0")));
        assert_eq!(
            excel_decimal(123456789012345678.0),
            Some(d("123456789012346000"))
        );
        assert_eq!(excel_decimal(f64::NAN), None);
        assert_eq!(excel_decimal(1e300), None);
    }

    #[test]
    fn error_values_parse_both_ways() {
        assert_eq!(ErrorValue::parse(" #div/0! "), Some(ErrorValue::Div0));
        assert_eq!(ErrorValue::parse("#N/A").unwrap().to_string(), "#N/A");
        assert_eq!(ErrorValue::parse("DIV/0"), None);
    }
}
