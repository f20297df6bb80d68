//! Looks both the data sheets and the report sheets of the cleaned workbook share.

use rust_xlsxwriter::Color;

use crate::finding::Severity;

/// How money is shown where renja writes figures of its own (report sheets, batch tables):
/// thousands grouped, two decimals.
pub(super) const MONEY_FORMAT: &str = "#,##0.00";

/// A link to `cells` (`C4`, `F4:F100`) of the sheet written as `sheet`.
pub(super) fn internal_link(sheet: &str, cells: &str) -> rust_xlsxwriter::Url {
    rust_xlsxwriter::Url::new(format!("internal:'{}'!{cells}", sheet.replace('\'', "''")))
}

/// The fill of a flagged cell by severity: the red, yellow and blue of Excel's own
/// conditional-format presets, so staff read them at a glance.
pub(super) fn severity_fill(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0xFFC7CE),
        Severity::Warning => Color::RGB(0xFFEB9C),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}
