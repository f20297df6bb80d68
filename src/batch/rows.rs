//! The rows of the two batch tables and their CSV form: [`FileRow`] for `ringkasan` (one per
//! input) and [`CombinedRow`] for `gabungan` (one per data row of every table).
//!
//! CSV text cells are escaped against formula injection as the CSV report's are
//! ([`escape`]: a leading `'` before `=`, `+`, `-`, `@`, tab, CR or `'`, so [`unescape`] is
//! exact). Numbers are written plain (`1234567.89`), never escaped.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::finding::Severity;
use crate::messages::{text, Lang};
use crate::report::csv::{escape, unescape};
use crate::rules::cross_file::{CrossFileFigure, CrossFileLine, FileFigure};
use crate::tables::figures::FigureColumn;
use crate::tables::organisation::Skpd;
use crate::write::batch_sheets::SheetCell;

/// What happened to one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Read, checked and written.
    Checked,
    /// Could not be read or its outputs could not be written; `message` says why.
    Failed,
    /// Found in a folder but not a workbook (lock file, other type); `message` says why.
    NotWorkbook,
}

/// One row of `ringkasan`: what one input held and what was found in it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileRow {
    /// Place in the mirrored tree, `/`-separated.
    pub file: String,
    pub year: Option<u16>,
    pub outcome: Outcome,
    /// The error or skip reason, in the user's language; empty when checked.
    pub message: String,
    pub sheets: usize,
    pub tables: usize,
    pub rows: usize,
    pub formulas: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub by_rule: BTreeMap<String, usize>,
    pub millis: u64,
    /// The SKPD the document is about, where it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skpd: Option<Skpd>,
    /// Every keyed figure it carries, for reconciling it with the other files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FileFigure>,
    /// Taken over from the previous run because the input did not change.
    #[serde(skip)]
    pub unchanged: bool,
    /// SHA-256 of the input's bytes, while the row is in flight to the state file.
    #[serde(skip)]
    pub sha256: Option<String>,
}

/// The status a row shows, given the `--fail-on` threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    Findings,
    Error,
    Skipped,
}

impl FileRow {
    pub fn new(file: String, outcome: Outcome, message: String) -> FileRow {
        FileRow {
            file,
            year: None,
            outcome,
            message,
            sheets: 0,
            tables: 0,
            rows: 0,
            formulas: 0,
            errors: 0,
            warnings: 0,
            infos: 0,
            by_rule: BTreeMap::new(),
            millis: 0,
            skpd: None,
            figures: Vec::new(),
            unchanged: false,
            sha256: None,
        }
    }

    pub fn status(&self, fail_on: Severity) -> Status {
        let worst = if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else if self.infos > 0 {
            Some(Severity::Info)
        } else {
            None
        };
        match self.outcome {
            Outcome::Failed => Status::Error,
            Outcome::NotWorkbook => Status::Skipped,
            Outcome::Checked if worst.is_some_and(|w| w >= fail_on) => Status::Findings,
            Outcome::Checked => Status::Ok,
        }
    }
}

impl Status {
    pub fn label(self, lang: Lang) -> String {
        text(
            match self {
                Status::Ok => "batch.status.ok",
                Status::Findings => "batch.status.findings",
                Status::Error => "batch.status.error",
                Status::Skipped => "batch.status.skipped",
            },
            lang,
        )
    }
}

/// Headers and cells of `ringkasan`; `rules` are the rule ids with a column, in order.
pub fn summary_headers(rules: &[String], lang: Lang) -> Vec<String> {
    let mut headers: Vec<String> = [
        "batch.col.file",
        "batch.col.year",
        "batch.col.skpd",
        "batch.col.status",
        "batch.col.run",
        "col.message",
        "label.sheets",
        "batch.col.tables",
        "batch.col.rows",
        "batch.col.formulas",
        "batch.col.errors",
        "batch.col.warnings",
        "batch.col.infos",
    ]
    .iter()
    .map(|k| text(k, lang))
    .collect();
    for rule in rules {
        headers.push(
            crate::messages::Message::new("batch.col.rule")
                .arg("rule", rule)
                .render(lang),
        );
    }
    headers.push(text("batch.col.seconds", lang));
    headers
}

pub fn summary_cells(
    row: &FileRow,
    rules: &[String],
    fail_on: Severity,
    lang: Lang,
) -> Vec<SheetCell> {
    let whole = |n: usize| SheetCell::Whole(n as u64);
    let checked = row.outcome == Outcome::Checked;
    let count = |n: usize| if checked { whole(n) } else { SheetCell::Empty };
    let run = match (row.outcome, row.unchanged) {
        (Outcome::NotWorkbook, _) => SheetCell::Empty,
        (_, true) => SheetCell::Text(text("batch.run.unchanged", lang)),
        (_, false) => SheetCell::Text(text("batch.run.processed", lang)),
    };
    let mut cells = vec![
        SheetCell::Text(row.file.clone()),
        row.year
            .map_or(SheetCell::Empty, |y| SheetCell::Whole(y.into())),
        row.skpd
            .as_ref()
            .map_or(SheetCell::Empty, |s| SheetCell::Text(s.shown())),
        SheetCell::Text(row.status(fail_on).label(lang)),
        run,
        optional_text(&row.message),
        count(row.sheets),
        count(row.tables),
        count(row.rows),
        count(row.formulas),
        count(row.errors),
        count(row.warnings),
        count(row.infos),
    ];
    for rule in rules {
        cells.push(count(row.by_rule.get(rule).copied().unwrap_or(0)));
    }
    cells.push(if row.outcome == Outcome::NotWorkbook {
        SheetCell::Empty
    } else {
        SheetCell::Figure(Decimal::new(row.millis as i64, 3))
    });
    cells
}

/// Headers of `rekonsiliasi`: the line, then the figure.
pub fn reconciliation_headers(lang: Lang) -> Vec<String> {
    [
        "batch.col.year",
        "batch.col.skpd",
        "col.row-code",
        "col.role",
        "col.agrees",
        "col.spread",
        "batch.col.file",
        "col.sheet",
        "col.cell",
        "batch.col.kind",
        "batch.col.value",
        "batch.col.reference",
        "batch.col.against",
        "col.severity",
    ]
    .iter()
    .map(|k| text(k, lang))
    .collect()
}

/// One figure of a reconciliation line as a row of `rekonsiliasi`.
pub fn reconciliation_cells(
    line: &CrossFileLine,
    figure: &CrossFileFigure,
    lang: Lang,
) -> Vec<SheetCell> {
    let yes_no = |b: bool| SheetCell::Text(text(if b { "word.yes" } else { "word.no" }, lang));
    let first = line
        .figures
        .first()
        .is_some_and(|f| std::ptr::eq(f, figure));
    vec![
        SheetCell::Whole(line.year.into()),
        SheetCell::Text(line.skpd.clone()),
        SheetCell::Text(line.code.clone()),
        SheetCell::Text(line.role.clone()),
        yes_no(line.agrees),
        line.spread.map_or(SheetCell::Empty, SheetCell::Figure),
        SheetCell::Text(figure.file.clone()),
        SheetCell::Text(figure.figure.sheet.clone()),
        SheetCell::Text(figure.figure.cell.clone()),
        SheetCell::Text(figure.figure.kind.spec().name.to_string()),
        SheetCell::Figure(figure.figure.value),
        yes_no(first),
        figure
            .difference
            .map_or(SheetCell::Empty, SheetCell::Figure),
        figure.severity.map_or(SheetCell::Empty, |s| {
            SheetCell::Text(text(s.message_key(), lang))
        }),
    ]
}

/// One row of `gabungan`.
#[derive(Clone, Debug, PartialEq)]
pub struct CombinedRow {
    pub year: Option<u16>,
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub code: Option<String>,
    pub level: Option<String>,
    pub uraian: Option<String>,
    pub figures: Vec<(FigureColumn, Decimal)>,
}

/// The columns of `gabungan` before its figure columns.
pub const COMBINED_FIXED: usize = 7;

pub fn combined_headers(figures: &[FigureColumn], lang: Lang) -> Vec<String> {
    let mut headers: Vec<String> = [
        "batch.col.year",
        "batch.col.file",
        "col.sheet",
        "batch.col.row",
        "col.row-code",
        "batch.col.level",
        "batch.col.uraian",
    ]
    .iter()
    .map(|k| text(k, lang))
    .collect();
    headers.extend(figures.iter().map(FigureColumn::label));
    headers
}

impl CombinedRow {
    pub fn cells(&self, figures: &[FigureColumn]) -> Vec<SheetCell> {
        let opt = |t: &Option<String>| t.as_deref().map_or(SheetCell::Empty, optional_text);
        let mut cells = vec![
            self.year
                .map_or(SheetCell::Empty, |y| SheetCell::Whole(y.into())),
            SheetCell::Text(self.file.clone()),
            SheetCell::Text(self.sheet.clone()),
            SheetCell::Whole(self.row.into()),
            opt(&self.code),
            opt(&self.level),
            opt(&self.uraian),
        ];
        for column in figures {
            let value = self.figures.iter().find(|(c, _)| c == column);
            cells.push(value.map_or(SheetCell::Empty, |(_, v)| SheetCell::Figure(*v)));
        }
        cells
    }

    /// The spool form: the fixed fields raw, then `label, value` pairs.
    pub fn spool_record(&self) -> Vec<String> {
        let mut record = vec![
            self.year.map(|y| y.to_string()).unwrap_or_default(),
            self.file.clone(),
            self.sheet.clone(),
            self.row.to_string(),
            self.code.clone().unwrap_or_default(),
            self.level.clone().unwrap_or_default(),
            self.uraian.clone().unwrap_or_default(),
        ];
        for (column, value) in &self.figures {
            record.push(column.label());
            record.push(value.to_string());
        }
        record
    }

    /// Reads a spool record back; `None` when it is malformed.
    pub fn from_spool(record: &csv::StringRecord) -> Option<CombinedRow> {
        let field = |i: usize| record.get(i).filter(|s| !s.is_empty()).map(str::to_string);
        let mut figures = Vec::new();
        let mut i = COMBINED_FIXED;
        while i + 1 < record.len() {
            let column = FigureColumn::parse(&record[i])?;
            figures.push((column, record[i + 1].parse().ok()?));
            i += 2;
        }
        CombinedRow::from_fixed(field, figures)
    }

    /// The fixed columns (year, file, sheet, row, code, level, uraian) from a CSV row, with
    /// its figures; `None` when file or row is missing.
    fn from_fixed(
        field: impl Fn(usize) -> Option<String>,
        figures: Vec<(FigureColumn, Decimal)>,
    ) -> Option<CombinedRow> {
        Some(CombinedRow {
            year: field(0).and_then(|y| y.parse().ok()),
            file: field(1)?,
            sheet: field(2).unwrap_or_default(),
            row: field(3)?.parse().ok()?,
            code: field(4),
            level: field(5),
            uraian: field(6),
            figures,
        })
    }

    /// Reads a row of an earlier `gabungan.csv` whose figure columns are `columns`.
    pub fn from_published(
        record: &csv::StringRecord,
        columns: &[Option<FigureColumn>],
    ) -> Option<CombinedRow> {
        let field = |i: usize| {
            record
                .get(i)
                .filter(|s| !s.is_empty())
                .map(|s| unescape(s).to_string())
        };
        let figures = columns
            .iter()
            .enumerate()
            .filter_map(|(i, column)| {
                let value = record.get(COMBINED_FIXED + i).filter(|s| !s.is_empty())?;
                Some(((*column)?, value.parse().ok()?))
            })
            .collect();
        CombinedRow::from_fixed(field, figures)
    }
}

fn optional_text(text: &str) -> SheetCell {
    if text.is_empty() {
        SheetCell::Empty
    } else {
        SheetCell::Text(text.to_string())
    }
}

/// A cell as a CSV field: text escaped against formula injection, numbers plain.
pub fn csv_field(cell: &SheetCell) -> Cow<'_, str> {
    match cell {
        SheetCell::Empty => Cow::Borrowed(""),
        SheetCell::Text(t) => escape(t),
        SheetCell::Whole(n) => Cow::Owned(n.to_string()),
        SheetCell::Figure(d) => Cow::Owned(d.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_are_escaped_and_back() {
        for (raw, csv) in [("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("'quoted", "''quoted")] {
            let cell = SheetCell::Text(raw.into());
            let field = csv_field(&cell);
            assert_eq!(field, csv);
            assert_eq!(unescape(&field), raw);
        }
        assert_eq!(csv_field(&SheetCell::Text("5.03.01".into())), "5.03.01");
    }

    #[test]
    fn numbers_are_never_escaped() {
        let d: Decimal = "-9490000.50".parse().unwrap();
        assert_eq!(csv_field(&SheetCell::Figure(d)), "-9490000.50");
    }

    #[test]
    fn spool_records_round_trip() {
        let row = CombinedRow {
            year: Some(2025),
            file: "2025/Renja.xlsx".into(),
            sheet: "Rencana".into(),
            row: 7,
            code: Some("5.03.01".into()),
            level: Some("program".into()),
            uraian: None,
            figures: vec![(
                FigureColumn::parse("pagu 2026").unwrap(),
                "1234.50".parse().unwrap(),
            )],
        };
        let record = csv::StringRecord::from(row.spool_record());
        assert_eq!(CombinedRow::from_spool(&record), Some(row));
    }
}
