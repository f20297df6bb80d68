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
    pub lang: Lang,
    /// When the run happened, RFC 3339, for the summary sheet.
    pub generated_at: &'a str,
}
