//! The human summary `renja check` prints: a few lines of counts, then findings grouped by
//! sheet, root causes first, each on one line with cell, row code, what is wrong and the
//! figures in the reader's number format. Propagated findings are counted, or with `--all`
//! shown indented directly under the root cause they name first in `caused_by`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::{Exporter, Report};
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

/// The terminal format as an [`Exporter`].
pub struct Terminal {
    pub lang: Lang,
    pub style: TerminalStyle,
}

impl Exporter for Terminal {
    fn render(&self, report: &Report) -> String {
        render(report, self.lang, self.style)
    }
}

fn render(report: &Report, lang: Lang, style: TerminalStyle) -> String {
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
        "{}: {} · {}: {} · {}: {}",
        text("label.sheets", lang),
        s.sheets,
        text("label.tables", lang),
        s.tables,
        text("label.cells", lang),
        s.cells,
    );
    let _ = writeln!(
        out,
        "{}: {} · {}: {} · {}: {} · {}: {}",
        text("label.formulas", lang),
        s.formulas,
        text("summary.recomputed", lang),
        s.formulas_recomputed,
        text("label.numbers", lang),
        s.numbers_normalised,
        text("label.codes", lang),
        s.codes_normalised
    );
    for notice in &report.notices {
        let _ = writeln!(out, "• {}", notice.render(lang));
    }
    let _ = writeln!(out, "{}: {counts}", text("label.findings", lang));
    if report.findings.is_empty() {
        let _ = writeln!(out, "{}", text("label.no-findings", lang));
        return out;
    }
    let printer = Printer::new(report, lang, style);
    printer.findings(&mut out);
    let hidden = report.findings.iter().filter(|f| !f.root_cause).count();
    if hidden > 0 && !style.all {
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

/// Walks the findings once: root causes in report order, each followed (with `--all`) by the
/// findings it causes, recursively, so a chain G28 → G8 → G7 reads top-down.
struct Printer<'a> {
    report: &'a Report,
    lang: Lang,
    style: TerminalStyle,
    /// Propagated findings by the id of the first cause they name that is in the report.
    children: HashMap<&'a str, Vec<&'a Finding>>,
}

impl<'a> Printer<'a> {
    fn new(report: &'a Report, lang: Lang, style: TerminalStyle) -> Self {
        let ids: HashSet<&str> = report.findings.iter().map(|f| f.id.as_str()).collect();
        let mut children: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for f in report.findings.iter().filter(|f| !f.root_cause) {
            if let Some(cause) = f.caused_by.iter().find(|c| ids.contains(c.as_str())) {
                children.entry(cause.as_str()).or_default().push(f);
            }
        }
        Printer {
            report,
            lang,
            style,
            children,
        }
    }

    fn findings(&self, out: &mut String) {
        let mut printed: HashSet<&str> = HashSet::new();
        let mut current_sheet: Option<usize> = None;
        // Roots first, then (with --all) propagated findings whose cause is not in the report
        // or that a cycle left unprinted, each under its own sheet heading.
        let roots = self.report.findings.iter().filter(|f| f.root_cause);
        let strays = self
            .report
            .findings
            .iter()
            .filter(|f| !f.root_cause && self.style.all);
        for f in roots.chain(strays) {
            if printed.contains(f.id.as_str()) {
                continue;
            }
            if current_sheet != Some(f.sheet) {
                let _ = writeln!(out, "\n[{}]", f.sheet_name);
                current_sheet = Some(f.sheet);
            }
            let depth = usize::from(!f.root_cause);
            self.tree(out, f, depth, &mut printed);
        }
    }

    fn tree(&self, out: &mut String, f: &'a Finding, depth: usize, printed: &mut HashSet<&'a str>) {
        if !printed.insert(f.id.as_str()) {
            return;
        }
        let _ = writeln!(out, "{}", self.line(f, depth));
        if !self.style.all {
            return;
        }
        for child in self.children.get(f.id.as_str()).into_iter().flatten() {
            self.tree(out, child, depth + 1, printed);
        }
    }

    fn line(&self, f: &Finding, depth: usize) -> String {
        let lang = self.lang;
        let indent = if depth == 0 {
            String::new()
        } else {
            format!("{}↳ ", "    ".repeat(depth))
        };
        let severity = text(f.severity.message_key(), lang);
        let severity = if self.style.colour {
            paint(f.severity, &severity)
        } else {
            severity
        };
        let cell = f.cell.a1();
        let mut line = format!("{indent}{cell:<6} {severity} [{}]", f.rule);
        if let Some(code) = &f.row_code {
            let _ = write!(line, " {code}");
        }
        let _ = write!(line, ": {}", f.message.render(lang));
        if let Some(figures) = figures(f, lang) {
            let _ = write!(line, " ({figures})");
        }
        line
    }
}

/// "expected X, actual Y, difference Z" — only when the message does not already state the
/// figures and they differ as written (a typed `#DIV/0!` is both expected and actual).
fn figures(f: &Finding, lang: Lang) -> Option<String> {
    let (expected, actual) = (f.expected.as_ref()?, f.actual.as_ref()?);
    let stated = f
        .message
        .args
        .iter()
        .any(|(name, _)| *name == "expected" || *name == "actual");
    if stated || expected.to_string() == actual.to_string() {
        return None;
    }
    let mut text_out = format!(
        "{} {}, {} {}",
        text("label.expected", lang),
        expected.shown(lang),
        text("label.actual", lang),
        actual.shown(lang)
    );
    if let Some(diff) = f.difference {
        let _ = write!(
            text_out,
            ", {} {}",
            text("label.difference", lang),
            format_number(diff, lang)
        );
    }
    Some(text_out)
}

fn paint(severity: Severity, text: &str) -> String {
    let code = match severity {
        Severity::Error => "31",
        Severity::Warning => "33",
        Severity::Info => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}
