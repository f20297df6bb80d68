//! Findings: what a check found wrong (or worth knowing) about one cell.
//!
//! A finding is data, never an `Err`: a wrong total is exactly what renja is for. `Err` means
//! the file could not be checked at all. A finding names its rule ([`RuleId`]), the sheet by
//! index and the cell by position, and states its figures as exact decimals ([`Figure`]).
//! Knows nothing of report formats (that is `report/`).

mod figure;
mod reconciled;
mod rule;
mod severity;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::messages::Message;
use crate::model::CellAt;

pub use figure::Figure;
pub use reconciled::{CarriedFigure, Reconciled};
pub use rule::RuleId;
pub use severity::Severity;

/// One finding. Serialised as the JSON report's finding (schema `renja-report/1`), the
/// message left to the exporter, which renders it in the user's language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable across runs on the same file: rule, sheet and cell (see [`Finding::stable_id`]).
    pub id: String,
    pub rule: RuleId,
    pub severity: Severity,
    /// The sheet, by its index in the workbook.
    #[serde(skip)]
    pub sheet: usize,
    /// The sheet's name, for rendering.
    #[serde(rename = "sheet")]
    pub sheet_name: String,
    /// The cell the finding is about, written in A1 form (`G29`).
    #[serde(serialize_with = "serialize_a1")]
    pub cell: CellAt,
    /// The budget code of the row, canonical form, where known.
    pub row_code: Option<String>,
    /// The row's description (`uraian`: program, kegiatan or sub kegiatan name), where the
    /// cell sits in a detected table row that has one. Filled by the pipeline, not the rules.
    pub uraian: Option<String>,
    /// The column's role (`pagu`, `realisasi`, `sisa`, `persen` …), where known.
    pub column: Option<String>,
    pub expected: Option<Figure>,
    pub actual: Option<Figure>,
    /// actual − expected, exact, where both are numbers.
    #[serde(serialize_with = "figure::serialize_difference")]
    pub difference: Option<Decimal>,
    /// `false` when another finding explains this one (see `caused_by`).
    pub root_cause: bool,
    /// Ids of the findings that explain this one.
    pub caused_by: Vec<String>,
    /// What is wrong, rendered later in the user's language.
    #[serde(skip)]
    pub message: Message,
}

impl Finding {
    /// A new root-cause finding about `cell` of sheet `sheet` (named `sheet_name`), with the
    /// rule's severity and its stable id filled in.
    pub fn new(
        rule: RuleId,
        sheet: usize,
        sheet_name: &str,
        cell: CellAt,
        message: Message,
    ) -> Self {
        Finding {
            id: Finding::stable_id(rule, sheet_name, cell),
            rule,
            severity: rule.severity(),
            sheet,
            sheet_name: sheet_name.to_string(),
            cell,
            row_code: None,
            uraian: None,
            column: None,
            expected: None,
            actual: None,
            difference: None,
            root_cause: true,
            caused_by: Vec::new(),
            message,
        }
    }

    pub fn with_row_code(mut self, code: Option<String>) -> Self {
        self.row_code = code;
        self
    }

    pub fn with_column(mut self, role: impl Into<String>) -> Self {
        self.column = Some(role.into());
        self
    }

    /// The figures of an arithmetic relation: what the cell should hold, what it holds, and
    /// actual − expected (computed by the caller, who knows whether it fits in a `Decimal`).
    pub fn with_numbers(self, expected: Decimal, actual: Decimal, difference: Decimal) -> Self {
        self.with_figures(Some(expected.into()), Some(actual.into()), Some(difference))
    }

    pub fn with_figures(
        mut self,
        expected: Option<Figure>,
        actual: Option<Figure>,
        difference: Option<Decimal>,
    ) -> Self {
        self.expected = expected;
        self.actual = actual;
        self.difference = difference;
        self
    }

    /// `rule:sheet!cell` hashed to 12 hex digits (FNV-1a, so it is the same on every platform
    /// and every run; two runs' reports can be compared by id). The sheet is hashed by name and
    /// the cell in A1 form, as ever, so ids stay what earlier versions reported.
    pub fn stable_id(rule: RuleId, sheet_name: &str, cell: CellAt) -> String {
        let key = format!("{}\u{1f}{sheet_name}\u{1f}{}", rule.id(), cell.a1());
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in key.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{:012x}", hash & 0xffff_ffff_ffff)
    }
}

pub(super) fn serialize_a1<S: Serializer>(cell: &CellAt, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(cell)
}

/// Makes ids unique when one rule finds two things in the same cell, by suffixing `-2`, `-3`.
pub fn dedupe_ids(findings: &mut [Finding]) {
    let mut seen = std::collections::HashMap::<String, u32>::new();
    for f in findings.iter_mut() {
        let n = seen.entry(f.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            f.id = format!("{}-{}", f.id, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_id_is_stable_and_distinct() {
        let g29 = CellAt::parse_a1("G29").unwrap();
        let a = Finding::stable_id(RuleId::SumMismatch, "Realisasi", g29);
        assert_eq!(a, Finding::stable_id(RuleId::SumMismatch, "Realisasi", g29));
        assert_eq!(a.len(), 12);
        let g30 = CellAt::parse_a1("G30").unwrap();
        assert_ne!(a, Finding::stable_id(RuleId::SumMismatch, "Realisasi", g30));
        assert_ne!(
            a,
            Finding::stable_id(RuleId::TotalMismatch, "Realisasi", g29)
        );
    }

    /// Ids are what every earlier version reported: the JSON reports of two runs, and the
    /// `caused_by` of a report kept from last year, compare by them.
    #[test]
    fn stable_ids_did_not_change() {
        // `renja check samples/realisasi-2023.xlsx`: the first masked division, F12.
        let f12 = CellAt::parse_a1("F12").unwrap();
        assert_eq!(
            Finding::stable_id(RuleId::FormulaErrorMasked, "Realisasi 2023", f12),
            "a8f8d55b2177"
        );
    }
}
