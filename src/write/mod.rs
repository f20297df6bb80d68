//! The write stage: the cleaned, formula-free workbook. Every non-empty cell of the input at
//! the same position (numbers as numbers, codes normalised, formulas replaced by values),
//! flagged cells highlighted with a note, and three report sheets — `Ringkasan` (summary),
//! `Temuan` (findings) and `Perubahan` (change log). This is the only module that names
//! rust_xlsxwriter.
//!
//! After rendering, the bytes are read back and compared with the plan cell by cell; any
//! difference is an error, so a user can trust that nothing was lost.

pub mod batch_sheets;
mod plan;
mod report_sheets;
mod style;
mod verify;
mod xlsx;

use std::path::Path;

pub use plan::{
    changes, display_value, format_for, CanonicalColumn, Change, OutValue, PlannedCell,
};

use crate::atomic::{check_target, write_atomically, WriteError};
use crate::messages::Lang;
use crate::model::{CellAt, RangeAt, Workbook};
use crate::report::Report;

/// Everything the cleaned workbook is made from.
pub struct CleanInput<'a> {
    pub workbook: &'a Workbook,
    pub report: &'a Report,
    /// Per data sheet, the top-left cell of the scrolling area (below the first table's
    /// header block), to freeze the header rows.
    pub freeze: &'a [Option<CellAt>],
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

/// Renders the cleaned workbook into bytes and checks them by reading them back.
///
/// # Errors
/// [`WriteError::Failed`] when the xlsx writer refuses the content, [`WriteError::VerifyFailed`]
/// when the bytes read back differ from the plan.
pub fn cleaned_bytes(
    input: &CleanInput<'_>,
    name_for_errors: &Path,
) -> Result<Vec<u8>, WriteError> {
    let rendered = xlsx::render(input).map_err(|e| WriteError::Failed {
        file: name_for_errors.to_path_buf(),
        cause: e.to_string(),
    })?;
    verify::verify(&rendered, name_for_errors)?;
    Ok(rendered.bytes)
}

/// Writes the cleaned workbook to `target` atomically, refusing to overwrite an existing file
/// without `force` and never writing over the input.
///
/// # Errors
/// As [`cleaned_bytes`], plus [`WriteError::Exists`] and [`WriteError::SameAsInput`].
pub fn write_cleaned(
    input: &CleanInput<'_>,
    source: &Path,
    target: &Path,
    force: bool,
) -> Result<(), WriteError> {
    check_target(target, Some(source), force)?;
    let bytes = cleaned_bytes(input, target)?;
    write_atomically(target, &bytes, force)
}
