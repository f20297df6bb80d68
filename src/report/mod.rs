//! The report: what renja read, changed and found in one workbook, and the formats people
//! read it in (terminal, JSON, CSV), one [`Exporter`] each. Language-neutral until rendered:
//! findings and notices carry catalogue messages, and each exporter renders them in the
//! user's language.

pub mod csv;
pub mod json;
pub mod terminal;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Finding, Reconciled, Severity};
use crate::messages::Message;
use crate::model::{SourceFormat, Visibility, Workbook};
use crate::tables::Table;

/// One output format of the report: the whole report rendered as text, ready to print or
/// to write to a file. Each format's options (language, colour) live in its own struct, and
/// every front door (`check`, `clean`, `batch`, `serve`) renders through this trait.
pub trait Exporter {
    fn render(&self, report: &Report) -> String;
}

/// Schema id of the JSON report; bumped on any incompatible change.
pub const SCHEMA: &str = "renja-report/1";

/// One sheet of the input, as read.
#[derive(Clone, Debug, Serialize)]
pub struct SheetSummary {
    pub name: String,
    pub hidden: bool,
    pub cells: usize,
    pub formulas: usize,
    pub tables: usize,
}

impl SheetSummary {
    /// Every sheet of the workbook as read, with how many of `tables` it holds.
    pub fn of_workbook(workbook: &Workbook, tables: &[Table]) -> Vec<SheetSummary> {
        workbook
            .sheets
            .iter()
            .map(|s| SheetSummary {
                name: s.name.clone(),
                hidden: s.visibility.is_some_and(|v| v != Visibility::Visible),
                cells: s.cells.len(),
                formulas: s.cells.values().filter(|c| c.formula.is_some()).count(),
                tables: tables.iter().filter(|t| t.sheet_name == s.name).count(),
            })
            .collect()
    }
}

/// Counts of findings by severity.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl SeverityCounts {
    pub fn of(findings: &[Finding]) -> Self {
        let mut counts = SeverityCounts::default();
        for f in findings {
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }
}

/// What was read and done, in numbers.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub sheets: usize,
    pub cells: usize,
    pub numbers_normalised: usize,
    pub codes_normalised: usize,
    pub nils_normalised: usize,
    pub formulas: usize,
    pub formulas_recomputed: usize,
    pub formulas_unsupported: usize,
    pub tables: usize,
    pub findings: SeverityCounts,
    pub findings_by_rule: BTreeMap<String, usize>,
}

/// What the stages before the report changed, in numbers.
#[derive(Clone, Copy, Debug, Default)]
pub struct StageCounts {
    pub numbers_normalised: usize,
    pub codes_normalised: usize,
    pub nils_normalised: usize,
    pub formulas_recomputed: usize,
    pub formulas_unsupported: usize,
}

impl Summary {
    /// The summary of a checked workbook: its sheets, what the stages did, what was found.
    pub fn of(
        workbook: &Workbook,
        sheets: &[SheetSummary],
        tables: usize,
        stages: StageCounts,
        findings: &[Finding],
    ) -> Summary {
        let mut findings_by_rule = BTreeMap::new();
        for f in findings {
            *findings_by_rule.entry(f.rule.id().to_string()).or_default() += 1;
        }
        Summary {
            sheets: sheets.len(),
            cells: workbook.cell_count(),
            numbers_normalised: stages.numbers_normalised,
            codes_normalised: stages.codes_normalised,
            nils_normalised: stages.nils_normalised,
            formulas: sheets.iter().map(|s| s.formulas).sum(),
            formulas_recomputed: stages.formulas_recomputed,
            formulas_unsupported: stages.formulas_unsupported,
            tables,
            findings: SeverityCounts::of(findings),
            findings_by_rule,
        }
    }
}

/// The whole report of one workbook.
#[derive(Clone, Debug)]
pub struct Report {
    /// The path as the user gave it.
    pub file: String,
    pub sha256: String,
    pub format: SourceFormat,
    pub sheets: Vec<SheetSummary>,
    pub summary: Summary,
    /// Things the user should know that are not findings about a cell (e.g. ".xls read as
    /// values only").
    pub notices: Vec<Message>,
    /// Root causes first within each sheet, then by position.
    pub findings: Vec<Finding>,
    /// Every figure two or more tables carry, side by side (the `Rekonsiliasi` sheet).
    pub reconciliation: Vec<Reconciled>,
}

impl Report {
    /// The worst severity found, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// Whether any finding is at or above `level` (the `--fail-on` threshold).
    pub fn fails_at(&self, level: Severity) -> bool {
        self.worst().is_some_and(|w| w >= level)
    }
}

/// Orders findings for reading: by sheet (in workbook order), root causes before what they
/// cause, then by row and column.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        a.sheet
            .cmp(&b.sheet)
            .then(b.root_cause.cmp(&a.root_cause))
            .then((a.cell.row, a.cell.col).cmp(&(b.cell.row, b.cell.col)))
            .then(a.rule.id().cmp(b.rule.id()))
    });
}
