//! Looks both the data sheets and the report sheets of the cleaned workbook share.

use rust_xlsxwriter::Color;

use crate::finding::Severity;

/// The fill of a flagged cell by severity: the red, yellow and blue of Excel's own
/// conditional-format presets, so staff read them at a glance.
pub(super) fn severity_fill(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0xFFC7CE),
        Severity::Warning => Color::RGB(0xFFEB9C),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}
