//! What the cleaned workbook is made from: the checked model, its report, and where the
//! tables' headers are.

use super::plan::CanonicalColumn;
use crate::messages::Lang;
use crate::model::{CellAt, RangeAt, Workbook};
use crate::report::Report;

/// Everything the cleaned workbook is made from.
pub struct CleanInput<'a> {
    pub workbook: &'a Workbook,
    pub report: &'a Report,
    /// Per data sheet, the top-left cell of the scrolling area (below the first table's
    /// header block), to freeze the header rows.
    pub freeze: Vec<Option<CellAt>>,
    /// The header blocks of the detected tables (header rows and numbering row, over the
    /// table's columns) as (sheet index, range): written bold, as the staff had them.
    pub header_blocks: Vec<(usize, RangeAt)>,
    /// The `Kode (baku)` columns added at the right edge of tables whose codes were
    /// assembled or repaired.
    pub canonical_codes: Vec<CanonicalColumn>,
    /// Per data sheet (input order), the name it gets in the cleaned workbook
    /// ([`super::names::excel_sheet_names`]): its own wherever Excel takes it.
    pub sheet_names: Vec<String>,
    pub lang: Lang,
    /// When the run happened, RFC 3339, for the summary sheet.
    pub generated_at: &'a str,
}

impl CleanInput<'_> {
    /// The name data sheet `index` gets in the cleaned workbook.
    pub fn written_name(&self, index: usize) -> &str {
        self.sheet_names
            .get(index)
            .map_or_else(|| self.workbook.sheets[index].name.as_str(), String::as_str)
    }

    /// The name in the cleaned workbook of the input's sheet `original`.
    pub fn written_name_of<'s>(&'s self, original: &'s str) -> &'s str {
        self.workbook
            .sheets
            .iter()
            .position(|s| s.name == original)
            .map_or(original, |i| self.written_name(i))
    }

    /// The data sheets whose names Excel would not take, as (input name, written name).
    pub fn renamed_sheets(&self) -> impl Iterator<Item = (&str, &str)> {
        self.workbook
            .sheets
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.as_str(), self.written_name(i)))
            .filter(|(from, to)| from != to)
    }
}
