//! The write stage: the cleaned, formula-free workbook. Every non-empty cell of the input at
//! the same position (numbers as numbers, codes normalised, formulas replaced by values),
//! flagged cells highlighted with a note, and three report sheets — `Ringkasan` (summary),
//! `Temuan` (findings) and `Perubahan` (change log). This is the only module that names
//! rust_xlsxwriter.
//!
//! After rendering, the bytes are read back and compared with the plan cell by cell; any
//! difference is an error, so a user can trust that nothing was lost.

pub mod batch_sheets;
mod input;
pub mod layout;
pub mod names;
mod plan;
mod report_sheets;
mod style;
mod verify;
mod xlsx;

use std::path::Path;

pub use input::CleanInput;
pub use plan::{
    changes, display_value, format_for, CanonicalColumn, Change, OutValue, PlannedCell,
};

use crate::atomic::WriteError;

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
