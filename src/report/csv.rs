//! The CSV report (`--format csv`): one row per finding, for a spreadsheet or a script.
//! Header names are the JSON field names; severity and rule are stable ids; the message is
//! in the user's language; figures are exact, with `.` as the decimal point.
//!
//! Safe to open in Excel: a text field that begins with `=`, `+`, `-`, `@`, tab or carriage
//! return is prefixed with `'`, so a crafted sheet name, code or uraian cannot become a
//! formula (CSV injection); one that begins with `'` gets one more, so stripping one leading
//! `'` gives every text back exactly ([`escape`], which the batch tables use too). The figure
//! columns (`expected`, `actual`, `difference`) are left as they are when they are a plain
//! decimal number — `-9490000` is a number to Excel, never a formula — and escaped like text
//! otherwise (`#DIV/0!` is not, but is harmless).

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{Exporter, Report};
use crate::finding::{Figure, Finding};
use crate::messages::Lang;

/// The CSV format as an [`Exporter`].
pub struct Csv {
    pub lang: Lang,
}

impl Exporter for Csv {
    fn render(&self, report: &Report) -> String {
        render(report, self.lang)
    }
}

/// The column names, in order.
pub const HEADER: [&str; 14] = [
    "id",
    "severity",
    "rule",
    "sheet",
    "cell",
    "row_code",
    "uraian",
    "column",
    "expected",
    "actual",
    "difference",
    "root_cause",
    "caused_by",
    "message",
];

/// The report as CSV text (UTF-8, comma-separated, `\n` line ends, quoted where needed).
fn render(report: &Report, lang: Lang) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(HEADER).expect("write to memory");
    for finding in &report.findings {
        writer
            .write_record(record(finding, lang))
            .expect("write to memory");
    }
    let bytes = writer.into_inner().expect("flush to memory");
    String::from_utf8(bytes).expect("every field is a Rust string")
}

fn record(f: &Finding, lang: Lang) -> Vec<String> {
    let text = |value: &str| escape(value).into_owned();
    let opt = |value: &Option<String>| value.as_deref().map(text).unwrap_or_default();
    let figure = |value: &Option<Figure>| value.as_ref().map(escape_figure).unwrap_or_default();
    vec![
        text(&f.id),
        f.severity.as_str().to_string(),
        f.rule.id().to_string(),
        text(&f.sheet_name),
        f.cell.a1(),
        opt(&f.row_code),
        opt(&f.uraian),
        opt(&f.column),
        figure(&f.expected),
        figure(&f.actual),
        f.difference.map(|d| d.to_string()).unwrap_or_default(),
        f.root_cause.to_string(),
        text(&f.caused_by.join(" ")),
        text(&f.message.render(lang)),
    ]
}

/// Prefixes `'` to a text a spreadsheet would run as a formula (or that starts with `'`).
pub fn escape(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The inverse of [`escape`].
pub fn unescape(text: &str) -> &str {
    text.strip_prefix('\'').unwrap_or(text)
}

/// A number as it is; a text figure as it is when it reads as a plain decimal number, else
/// escaped like any text.
fn escape_figure(figure: &Figure) -> String {
    match figure {
        Figure::Number(d) => d.to_string(),
        Figure::Text(t) => {
            let plain = t.parse::<Decimal>().is_ok()
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == '-' || c == '.');
            if plain {
                t.clone()
            } else {
                escape(t).into_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_escaped_and_back() {
        for (raw, csv) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+62 812", "'+62 812"),
            ("-", "'-"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'quoted", "''quoted"),
            ("5.03.01", "5.03.01"),
            ("Realisasi 2023", "Realisasi 2023"),
        ] {
            assert_eq!(escape(raw), csv);
            assert_eq!(unescape(&escape(raw)), raw);
        }
    }

    #[test]
    fn numbers_stay_numbers_and_other_figures_are_text() {
        let text = |t: &str| escape_figure(&Figure::Text(t.into()));
        let number = |t: &str| escape_figure(&Figure::Number(t.parse().unwrap()));
        assert_eq!(number("-9490000"), "-9490000");
        assert_eq!(number("94375565.00"), "94375565.00");
        assert_eq!(text("-9490000"), "-9490000");
        assert_eq!(text("#DIV/0!"), "#DIV/0!");
        assert_eq!(text("-1+2"), "'-1+2");
        assert_eq!(text("=1"), "'=1");
        assert_eq!(text("'5.03"), "''5.03");
    }
}
