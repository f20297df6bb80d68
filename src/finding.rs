//! Findings: what a check found wrong (or worth knowing) about one cell or row.
//!
//! A finding is data, never an `Err`: a wrong total is exactly what renja is for. `Err` means
//! the file could not be checked at all. Knows nothing of how findings are printed.

use std::fmt;

use serde::Serialize;

use crate::messages::Message;

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.to_ascii_lowercase().as_str() {
            "info" => Some(Severity::Info),
            "warning" | "peringatan" => Some(Severity::Warning),
            "error" | "galat" | "kesalahan" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding. Decimal values are carried as exact strings (`"94375565.00"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable across runs on the same file: rule, sheet and cell (see [`Finding::stable_id`]).
    pub id: String,
    /// Stable kebab-case rule id, e.g. `number-foreign-format`.
    pub rule: &'static str,
    pub severity: Severity,
    pub sheet: String,
    /// The cell in A1 form (`G29`), where the finding is about one cell.
    pub cell: Option<String>,
    /// The budget code of the row, canonical form, where known.
    pub row_code: Option<String>,
    /// The row's description (`uraian`: program, kegiatan or sub kegiatan name), where the
    /// cell sits in a detected table row that has one. Filled by the pipeline, not the rules.
    pub uraian: Option<String>,
    /// The column's role (`pagu`, `realisasi`, `sisa`, `persen` …), where known.
    pub column: Option<String>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub difference: Option<String>,
    /// `false` when another finding explains this one (see `caused_by`).
    pub root_cause: bool,
    /// Ids of the findings that explain this one.
    pub caused_by: Vec<String>,
    /// What is wrong, rendered later in the user's language.
    #[serde(skip)]
    pub message: Message,
}

impl Finding {
    /// A new root-cause finding with its stable id filled in.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        sheet: &str,
        cell: Option<String>,
        message: Message,
    ) -> Self {
        let id = Finding::stable_id(rule, sheet, cell.as_deref());
        Finding {
            id,
            rule,
            severity,
            sheet: sheet.to_string(),
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

    pub fn with_values(
        mut self,
        expected: Option<String>,
        actual: Option<String>,
        difference: Option<String>,
    ) -> Self {
        self.expected = expected;
        self.actual = actual;
        self.difference = difference;
        self
    }

    /// `rule:sheet!cell` hashed to 12 hex digits (FNV-1a, so it is the same on every platform
    /// and every run; two runs' reports can be compared by id).
    pub fn stable_id(rule: &str, sheet: &str, cell: Option<&str>) -> String {
        let key = format!("{rule}\u{1f}{sheet}\u{1f}{}", cell.unwrap_or(""));
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in key.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{:012x}", hash & 0xffff_ffff_ffff)
    }
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
        let a = Finding::stable_id("sum-mismatch", "Realisasi", Some("G29"));
        assert_eq!(
            a,
            Finding::stable_id("sum-mismatch", "Realisasi", Some("G29"))
        );
        assert_eq!(a.len(), 12);
        assert_ne!(
            a,
            Finding::stable_id("sum-mismatch", "Realisasi", Some("G30"))
        );
        assert_ne!(
            a,
            Finding::stable_id("total-mismatch", "Realisasi", Some("G29"))
        );
    }

    #[test]
    fn severity_orders_and_parses() {
        assert!(Severity::Error > Severity::Warning && Severity::Warning > Severity::Info);
        assert_eq!(Severity::parse("WARNING"), Some(Severity::Warning));
        assert_eq!(Severity::parse("nope"), None);
    }
}
