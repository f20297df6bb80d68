//! The human summary `renja check` prints: a few lines of counts, then findings grouped by
//! sheet, root causes first, each on one line with cell, row code, what is wrong and the
//! figures in Indonesian number format.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::Report;
use crate::finding::{Finding, Severity};
use crate::messages::{format_number, text, Lang, Message};

/// How the terminal output should look.
#[derive(Clone, Copy, Debug, Default)]
pub struct TerminalStyle {
    pub colour: bool,
    /// Print propagated findings too, indented under their cause.
    pub all: bool,
    /// Print the summary line alone.
    pub quiet: bool,
}

pub fn render(report: &Report, lang: Lang, style: TerminalStyle) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let counts = format!(
        "{} {}, {} {}, {} {}",
        s.findings.error,
        text("label.errors", lang),
        s.findings.warning,
        text("label.warnings", lang),
        s.findings.info,
        text("label.infos", lang)
    );
    if style.quiet {
        let _ = writeln!(out, "{}: {counts}", report.file);
        return out;
    }
    let _ = writeln!(out, "{}: {}", text("label.file", lang), report.file);
    let _ = writeln!(
        out,
        "{}: {} · {}: {} · {}: {} · {}: {}",
        text("label.sheets", lang),
        s.sheets,
        text("label.cells", lang),
        s.cells,
        text("label.numbers", lang),
        s.numbers_normalised,
        text("label.codes", lang),
        s.codes_normalised
    );
    let _ = writeln!(
        out,
        "{}: {} · {}: {}",
        text("label.formulas", lang),
        s.formulas,
        text("label.tables", lang),
        s.tables
    );
    for notice in &report.notices {
        let _ = writeln!(out, "• {}", notice.render(lang));
    }
    let _ = writeln!(out, "{}: {counts}", text("label.findings", lang));
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", text("label.no-findings", lang));
        return out;
    }
    let mut current_sheet: Option<&str> = None;
    let mut hidden = 0usize;
    for finding in &report.findings {
        if !finding.root_cause && !style.all {
            hidden += 1;
            continue;
        }
        if current_sheet != Some(finding.sheet.as_str()) {
            let _ = writeln!(out, "\n[{}]", finding.sheet);
            current_sheet = Some(finding.sheet.as_str());
        }
        let _ = writeln!(out, "{}", line(finding, lang, style));
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "\n{}",
            Message::new("label.propagated-hidden")
                .arg("count", hidden)
                .render(lang)
        );
    }
    out
}

fn line(f: &Finding, lang: Lang, style: TerminalStyle) -> String {
    let indent = if f.root_cause { "" } else { "    ↳ " };
    let severity = text(severity_key(f.severity), lang);
    let severity = if style.colour {
        paint(f.severity, &severity)
    } else {
        severity
    };
    let mut line = format!(
        "{indent}{:<6} {severity} [{}]",
        f.cell.as_deref().unwrap_or("-"),
        f.rule
    );
    if let Some(code) = &f.row_code {
        let _ = write!(line, " {code}");
    }
    let _ = write!(line, ": {}", f.message.render(lang));
    if let (Some(expected), Some(actual)) = (&f.expected, &f.actual) {
        let _ = write!(
            line,
            " ({} {}, {} {}",
            text("label.expected", lang),
            figure(expected, lang),
            text("label.actual", lang),
            figure(actual, lang)
        );
        if let Some(diff) = &f.difference {
            let _ = write!(
                line,
                ", {} {}",
                text("label.difference", lang),
                figure(diff, lang)
            );
        }
        line.push(')');
    }
    line
}

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "severity.error",
        Severity::Warning => "severity.warning",
        Severity::Info => "severity.info",
    }
}

/// An exact figure in the language's number format (`94.375.565,00` / `94,375,565.00`);
/// anything that is not a number as it is.
pub fn figure(text: &str, lang: Lang) -> String {
    match text.parse::<Decimal>() {
        Ok(d) => format_number(d, lang),
        Err(_) => text.to_string(),
    }
}

fn paint(severity: Severity, text: &str) -> String {
    let code = match severity {
        Severity::Error => "31",
        Severity::Warning => "33",
        Severity::Info => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}
