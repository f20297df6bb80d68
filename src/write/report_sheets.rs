//! The three report sheets of the cleaned workbook: `Ringkasan` (what was checked, counts by
//! rule and severity, the input's name and SHA-256, tool version, time of the run), `Temuan`
//! (one row per finding, the cell a link that jumps to it) and `Perubahan` (one row per cell
//! whose content the cleaning changed).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatBorder, Url, Workbook as XlsxBook, Worksheet, XlsxError};

use super::plan::{changes as change_log, report_sheet_name};
use super::xlsx::severity_fill;
use super::CleanInput;
use crate::finding::{Finding, Severity};
use crate::messages::{text, Lang};
use crate::report::terminal::figure;

/// Excel refuses more hyperlinks than this in one sheet.
const MAX_LINKS: usize = 65_530;

/// The note on a flagged cell: one or two sentences, with the figures.
pub(super) fn note_text(finding: &Finding, lang: Lang) -> String {
    let mut note = format!("[{}] {}", finding.rule, finding.message.render(lang));
    if let (Some(expected), Some(actual), Some(diff)) =
        (&finding.expected, &finding.actual, &finding.difference)
    {
        note.push_str(&format!(
            "\n{}: {} · {}: {} · {}: {}",
            text("col.expected", lang),
            figure(expected, lang),
            text("col.actual", lang),
            figure(actual, lang),
            text("col.difference", lang),
            figure(diff, lang)
        ));
    }
    note
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(rust_xlsxwriter::Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap()
}

fn write_header(sheet: &mut Worksheet, headers: &[String]) -> Result<(), XlsxError> {
    let format = header_format();
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, header, &format)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// `Ringkasan`: returns the sheet name and its number of filled rows.
pub(super) fn summary(
    book: &mut XlsxBook,
    input: &CleanInput<'_>,
) -> Result<(String, usize), XlsxError> {
    let lang = input.lang;
    let name = report_sheet_name("sheet.summary", lang, input.workbook);
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(&name)?;
    let report = input.report;
    let s = &report.summary;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    sheet.write_string_with_format(0, 0, text("summary.title", lang), &title)?;
    let rows: Vec<(String, String)> = vec![
        (text("label.file", lang), report.file.clone()),
        ("SHA-256".to_string(), report.sha256.clone()),
        (
            text("summary.format", lang),
            report.format.name().to_string(),
        ),
        (
            text("summary.tool", lang),
            format!("renja {}", env!("CARGO_PKG_VERSION")),
        ),
        (text("summary.time", lang), input.generated_at.to_string()),
        (text("label.sheets", lang), s.sheets.to_string()),
        (text("label.cells", lang), s.cells.to_string()),
        (
            text("label.numbers", lang),
            s.numbers_normalised.to_string(),
        ),
        (text("label.codes", lang), s.codes_normalised.to_string()),
        (text("label.formulas", lang), s.formulas.to_string()),
        (
            text("summary.recomputed", lang),
            s.formulas_recomputed.to_string(),
        ),
        (text("label.tables", lang), s.tables.to_string()),
        (text("severity.error", lang), s.findings.error.to_string()),
        (
            text("severity.warning", lang),
            s.findings.warning.to_string(),
        ),
        (text("severity.info", lang), s.findings.info.to_string()),
    ];
    let mut row = 2u32;
    for (label, value) in &rows {
        sheet.write_string_with_format(row, 0, label, &bold)?;
        match value.parse::<u64>() {
            Ok(n) if !label.starts_with("SHA") => sheet.write_number(row, 1, n as f64)?,
            _ => sheet.write_string(row, 1, value)?,
        };
        row += 1;
    }
    for notice in &report.notices {
        sheet.write_string(row, 0, notice.render(lang))?;
        row += 1;
    }
    row += 1;
    let header = header_format();
    sheet.write_string_with_format(row, 0, text("col.rule", lang), &header)?;
    sheet.write_string_with_format(row, 1, text("label.findings", lang), &header)?;
    row += 1;
    for (rule, count) in &s.findings_by_rule {
        sheet.write_string(row, 0, rule)?;
        sheet.write_number(row, 1, *count as f64)?;
        row += 1;
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 70)?;
    Ok((name, row as usize))
}

/// `Temuan`: one row per finding.
pub(super) fn findings(
    book: &mut XlsxBook,
    input: &CleanInput<'_>,
) -> Result<(String, usize), XlsxError> {
    let lang = input.lang;
    let name = report_sheet_name("sheet.findings", lang, input.workbook);
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(&name)?;
    let headers: Vec<String> = [
        "col.id",
        "col.severity",
        "col.rule",
        "col.sheet",
        "col.cell",
        "col.row-code",
        "col.column",
        "col.expected",
        "col.actual",
        "col.difference",
        "col.root-cause",
        "col.caused-by",
        "col.message",
    ]
    .iter()
    .map(|k| text(k, lang))
    .collect();
    write_header(sheet, &headers)?;
    let money = Format::new().set_num_format("#,##0.00");
    for (i, f) in input.report.findings.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &f.id)?;
        let fill = Format::new().set_background_color(severity_fill(f.severity));
        sheet.write_string_with_format(row, 1, text(severity_key(f.severity), lang), &fill)?;
        sheet.write_string(row, 2, f.rule)?;
        sheet.write_string(row, 3, &f.sheet)?;
        if let Some(cell) = &f.cell {
            if i < MAX_LINKS {
                let target = format!("internal:'{}'!{}", f.sheet.replace('\'', "''"), cell);
                sheet.write_url_with_text(row, 4, Url::new(target), cell)?;
            } else {
                sheet.write_string(row, 4, cell)?;
            }
        }
        if let Some(code) = &f.row_code {
            sheet.write_string(row, 5, code)?;
        }
        if let Some(column) = &f.column {
            sheet.write_string(row, 6, column)?;
        }
        for (col, value) in [(7u16, &f.expected), (8, &f.actual), (9, &f.difference)] {
            if let Some(value) = value {
                match value.parse::<Decimal>().ok().and_then(|d| d.to_f64()) {
                    Some(n) => sheet.write_number_with_format(row, col, n, &money)?,
                    None => sheet.write_string(row, col, value)?,
                };
            }
        }
        sheet.write_string(
            row,
            10,
            text(if f.root_cause { "word.yes" } else { "word.no" }, lang),
        )?;
        if !f.caused_by.is_empty() {
            sheet.write_string(row, 11, f.caused_by.join(", "))?;
        }
        sheet.write_string(row, 12, f.message.render(lang))?;
    }
    let last = input.report.findings.len() as u32;
    sheet.autofilter(0, 0, last, headers.len() as u16 - 1)?;
    for (col, width) in [
        (0u16, 14.0),
        (1, 11.0),
        (2, 22.0),
        (3, 18.0),
        (4, 8.0),
        (5, 18.0),
        (6, 12.0),
        (7, 18.0),
        (8, 18.0),
        (9, 16.0),
        (10, 10.0),
        (11, 16.0),
        (12, 90.0),
    ] {
        sheet.set_column_width(col, width)?;
    }
    Ok((name, last as usize + 1))
}

/// `Perubahan`: the change log.
pub(super) fn changes(
    book: &mut XlsxBook,
    input: &CleanInput<'_>,
) -> Result<(String, usize), XlsxError> {
    let lang = input.lang;
    let name = report_sheet_name("sheet.changes", lang, input.workbook);
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(&name)?;
    let headers: Vec<String> = [
        "col.sheet",
        "col.cell",
        "col.original",
        "col.new",
        "col.reason",
    ]
    .iter()
    .map(|k| text(k, lang))
    .collect();
    write_header(sheet, &headers)?;
    let log = change_log(input.workbook);
    for (i, change) in log.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &change.sheet)?;
        let target = format!(
            "internal:'{}'!{}",
            change.sheet.replace('\'', "''"),
            change.at.a1()
        );
        sheet.write_url_with_text(row, 1, Url::new(target), change.at.a1())?;
        sheet.write_string(row, 2, &change.original)?;
        sheet.write_string(row, 3, &change.new)?;
        sheet.write_string(row, 4, change.reason.render(lang))?;
    }
    sheet.autofilter(0, 0, log.len() as u32, headers.len() as u16 - 1)?;
    for (col, width) in [(0u16, 18.0), (1, 8.0), (2, 40.0), (3, 24.0), (4, 60.0)] {
        sheet.set_column_width(col, width)?;
    }
    Ok((name, log.len() + 1))
}

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "severity.error",
        Severity::Warning => "severity.warning",
        Severity::Info => "severity.info",
    }
}
