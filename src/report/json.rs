//! The JSON report (`--format json`, schema `renja-report/1`, documented in
//! docs/report-schema.md). Decimal values are exact strings; messages are rendered in the
//! user's language; rule ids and finding ids are stable.

use serde::Serialize;

use super::{Exporter, Report, SheetSummary, Summary, SCHEMA};
use crate::finding::{Finding, Reconciled};
use crate::messages::Lang;

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: &'static str,
    tool: Tool,
    file: &'a str,
    sha256: &'a str,
    format: &'static str,
    lang: Lang,
    sheets: &'a [SheetSummary],
    summary: &'a Summary,
    notices: Vec<String>,
    findings: Vec<JsonFinding<'a>>,
    /// Only where two or more tables share a figure.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    reconciliation: &'a [Reconciled],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    message: String,
}

/// The JSON format as an [`Exporter`].
pub struct Json {
    pub lang: Lang,
}

impl Exporter for Json {
    fn render(&self, report: &Report) -> String {
        render(report, self.lang)
    }
}

/// The report as pretty-printed JSON.
fn render(report: &Report, lang: Lang) -> String {
    let json = JsonReport {
        schema: SCHEMA,
        tool: Tool {
            name: "renja",
            version: env!("CARGO_PKG_VERSION"),
        },
        file: &report.file,
        sha256: &report.sha256,
        format: report.format.name(),
        lang,
        sheets: &report.sheets,
        summary: &report.summary,
        notices: report.notices.iter().map(|m| m.render(lang)).collect(),
        findings: report
            .findings
            .iter()
            .map(|finding| JsonFinding {
                finding,
                message: finding.message.render(lang),
            })
            .collect(),
        reconciliation: &report.reconciliation,
    };
    let mut text = serde_json::to_string_pretty(&json).expect("report serialises");
    text.push('\n');
    text
}
