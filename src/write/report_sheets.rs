//! The report sheets of the cleaned workbook: `Ringkasan` (what was checked, counts by rule and
//! severity, the input's name and SHA-256, tool version, time of the run), `Temuan` (one row
//! per finding, the cell a link that jumps to it), `Rekonsiliasi` (where two or more tables
//! carry one code's figure: each cell and figure side by side) and `Perubahan` (one row per
//! cell whose content the cleaning changed, one per run of a formula filled down whose values
//! stayed).

use std::collections::HashMap;

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Format, FormatAlign, FormatBorder, Workbook as XlsxBook, Worksheet, XlsxError,
};

use super::input::CleanInput;
use super::plan::{changes as change_log, number_format_of, report_sheet_name};
use super::style::{internal_link, severity_fill, MONEY_FORMAT};
use crate::finding::{Figure, Finding, Reconciled, Severity};
use crate::messages::{format_number, text, Lang, Message};

/// Excel refuses more hyperlinks than this in one sheet.
const MAX_LINKS: usize = 65_530;

/// The note on a flagged cell: one or two sentences, with the figures.
pub(super) fn note_text(finding: &Finding, lang: Lang) -> String {
    let mut note = format!("[{}] {}", finding.rule, finding.message.render(lang));
    if let (Some(expected), Some(actual), Some(diff)) =
        (&finding.expected, &finding.actual, finding.difference)
    {
        note.push_str(&format!(
            "\n{}: {} · {}: {} · {}: {}",
            text("col.expected", lang),
            expected.shown(lang),
            text("col.actual", lang),
            actual.shown(lang),
            text("col.difference", lang),
            format_number(diff, lang)
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
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Printing as offices print these tables: A4 landscape, every column on one page width
/// (pages run down, never across, so a row is never split over two sheets of paper).
pub(super) fn print_setup(sheet: &mut Worksheet) {
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
}

/// A data sheet with more flagged cells than get a note (see `xlsx::NOTES_PER_SHEET`):
/// (sheet index, flagged cells, cells noted).
pub(super) type NotesCapped = (usize, usize, usize);

/// `Ringkasan`: returns the sheet name and its number of filled rows.
pub(super) fn summary(
    book: &mut XlsxBook,
    input: &CleanInput<'_>,
    notes_capped: &[NotesCapped],
) -> Result<(String, usize), XlsxError> {
    let lang = input.lang;
    let name = report_sheet_name("sheet.summary", lang, input.workbook);
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(&name)?;
    print_setup(sheet);
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
    // Counts left-aligned under the text values, grouped by thousands.
    let count = Format::new()
        .set_num_format("#,##0")
        .set_align(FormatAlign::Left);
    let mut row = 2u32;
    for (label, value) in &rows {
        sheet.write_string_with_format(row, 0, label, &bold)?;
        match value.parse::<u64>() {
            Ok(n) if !label.starts_with("SHA") => {
                sheet.write_number_with_format(row, 1, n as f64, &count)?
            }
            _ => sheet.write_string(row, 1, value)?,
        };
        row += 1;
    }
    for notice in &report.notices {
        sheet.write_string(row, 0, notice.render(lang))?;
        row += 1;
    }
    for (from, to) in input.renamed_sheets() {
        let said = Message::new("summary.sheet-renamed")
            .arg("from", from)
            .arg("to", to);
        sheet.write_string(row, 0, said.render(lang))?;
        row += 1;
    }
    for column in &input.canonical_codes {
        let sheet_name = input.written_name(column.sheet);
        let said = Message::new("summary.canonical-codes")
            .arg("sheet", sheet_name)
            .arg("cell", column.header.a1())
            .arg("count", column.codes.len());
        sheet.write_string(row, 0, said.render(lang))?;
        row += 1;
    }
    for &(index, flagged, noted) in notes_capped {
        let said = Message::new("summary.notes-capped")
            .arg("sheet", input.written_name(index))
            .arg("flagged", flagged)
            .arg("noted", noted)
            .arg(
                "findings",
                report_sheet_name("sheet.findings", lang, input.workbook),
            );
        sheet.write_string(row, 0, said.render(lang))?;
        row += 1;
    }
    let reconciled = &report.reconciliation;
    if !reconciled.is_empty() {
        let said = Message::new("summary.reconciliation")
            .arg("count", reconciled.len())
            .arg("differ", reconciled.iter().filter(|l| !l.agrees).count())
            .arg(
                "sheet",
                report_sheet_name("sheet.reconciliation", lang, input.workbook),
            );
        sheet.write_string(row, 0, said.render(lang))?;
        row += 1;
    }
    row += 1;
    // Counts by rule and severity: one row per rule, a column per severity.
    let header = header_format();
    let severities = [Severity::Error, Severity::Warning, Severity::Info];
    let number_header = header_format().set_align(FormatAlign::Right);
    sheet.write_string_with_format(row, 0, text("col.rule", lang), &header)?;
    sheet.write_string_with_format(row, 1, text("col.total", lang), &number_header)?;
    for (i, severity) in severities.iter().enumerate() {
        let label = text(severity.message_key(), lang);
        sheet.write_string_with_format(row, 2 + i as u16, label, &number_header)?;
    }
    row += 1;
    let counted = Format::new().set_num_format("#,##0");
    for (rule, total) in &s.findings_by_rule {
        sheet.write_string(row, 0, rule)?;
        sheet.write_number_with_format(row, 1, *total as f64, &counted)?;
        for (i, severity) in severities.iter().enumerate() {
            let n = report
                .findings
                .iter()
                .filter(|f| f.rule.id() == rule && f.severity == *severity)
                .count();
            sheet.write_number_with_format(row, 2 + i as u16, n as f64, &counted)?;
        }
        row += 1;
    }
    // Column B stays narrow so the rule table's columns sit together; the long values above
    // (path, SHA-256, time) run on over the empty cells to their right.
    sheet.set_column_width(0, 28)?;
    for col in 1..5u16 {
        sheet.set_column_width(col, 14)?;
    }
    Ok((name, row as usize))
}

/// The columns of `Temuan`: header key, width in characters (the widest a column grows to
/// fit its content; `uraian` and the message wrap within theirs) and whether it wraps.
const FINDING_COLUMNS: [(&str, f64, bool); 14] = [
    ("col.id", 14.0, false),
    ("col.severity", 12.0, false),
    ("col.rule", 24.0, false),
    ("col.sheet", 24.0, false),
    ("col.cell", 8.0, false),
    ("col.row-code", 20.0, false),
    ("col.uraian", 40.0, true),
    ("col.column", 12.0, false),
    ("col.expected", 20.0, false),
    ("col.actual", 20.0, false),
    ("col.difference", 18.0, false),
    ("col.root-cause", 10.0, false),
    ("col.caused-by", 16.0, true),
    ("col.message", 70.0, true),
];

/// `Temuan`: one row per finding.
pub(super) fn findings(
    book: &mut XlsxBook,
    input: &CleanInput<'_>,
) -> Result<(String, usize), XlsxError> {
    let lang = input.lang;
    let name = report_sheet_name("sheet.findings", lang, input.workbook);
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(&name)?;
    print_setup(sheet);
    let headers: Vec<String> = FINDING_COLUMNS
        .iter()
        .map(|(k, _, _)| text(k, lang))
        .collect();
    write_header(sheet, &headers)?;
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let link = Format::new().set_hyperlink().set_align(FormatAlign::Top);
    let centred = top.clone().set_align(FormatAlign::Center);
    // Built once per severity and per number format, not per row: tens of thousands of
    // findings each built two formats that the writer then had to hash to find again.
    let fills: HashMap<Severity, Format> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|severity| {
            let fill = Format::new()
                .set_background_color(severity_fill(severity))
                .set_align(FormatAlign::Top);
            (severity, fill)
        })
        .collect();
    let mut figure_formats: HashMap<String, Format> = HashMap::new();
    for (i, f) in input.report.findings.iter().enumerate() {
        let row = i as u32 + 1;
        let texts: [(u16, Option<String>); 8] = [
            (0, Some(f.id.clone())),
            (2, Some(f.rule.id().to_string())),
            (3, Some(input.written_name_of(&f.sheet_name).to_string())),
            (5, f.row_code.clone()),
            (6, f.uraian.clone()),
            (7, f.column.clone()),
            (12, Some(f.caused_by.join(", ")).filter(|c| !c.is_empty())),
            (13, Some(f.message.render(lang))),
        ];
        let mut lines = 1usize;
        for (col, value) in texts {
            let Some(value) = value else { continue };
            let (_, width, wraps) = FINDING_COLUMNS[col as usize];
            let chars = value.chars().count();
            if wraps {
                lines = lines.max(chars.div_ceil(width as usize).max(1));
                sheet.write_string_with_format(row, col, &value, &wrap)?;
            } else {
                sheet.write_string_with_format(row, col, &value, &top)?;
            }
            widths[col as usize] = widths[col as usize].max(chars);
        }
        // Centred, so "ya"/"tidak" stands apart from the right-aligned difference before it.
        let yes_no = text(if f.root_cause { "word.yes" } else { "word.no" }, lang);
        sheet.write_string_with_format(row, 11, yes_no, &centred)?;
        let fill = &fills[&f.severity];
        sheet.write_string_with_format(row, 1, text(f.severity.message_key(), lang), fill)?;
        let cell = f.cell.a1();
        if i < MAX_LINKS {
            let url = internal_link(input.written_name_of(&f.sheet_name), &cell).set_text(&cell);
            sheet.write_url_with_format(row, 4, url, &link)?;
        } else {
            sheet.write_string_with_format(row, 4, &cell, &top)?;
        }
        let figure_format = figure_formats
            .entry(figure_format(input, f))
            .or_insert_with_key(|code| {
                Format::new()
                    .set_num_format(code)
                    .set_align(FormatAlign::Top)
            });
        let difference = f.difference.map(Figure::Number);
        for (col, value) in [(8u16, &f.expected), (9, &f.actual), (10, &difference)] {
            let Some(value) = value else { continue };
            match value.number().and_then(|d| d.to_f64()) {
                Some(n) => sheet.write_number_with_format(row, col, n, figure_format)?,
                None => sheet.write_string_with_format(row, col, value.to_string(), &top)?,
            };
            // As shown: grouped, two decimals (`-9.490.000,00`).
            let shown = value.shown(lang).chars().count() + 3;
            widths[col as usize] = widths[col as usize].max(shown);
        }
        if lines > 1 {
            sheet.set_row_height(row, 15.0 * lines.min(12) as f64)?;
        }
    }
    let last = input.report.findings.len() as u32;
    sheet.autofilter(0, 0, last, headers.len() as u16 - 1)?;
    for (col, (_, most, _)) in FINDING_COLUMNS.iter().enumerate() {
        let fit = (widths[col] as f64 * 1.1 + 2.0).clamp(8.0, *most);
        sheet.set_column_width(col as u16, fit)?;
    }
    Ok((name, last as usize + 1))
}

/// `Rekonsiliasi`: one row per code, role and year that two or more tables carry — where each
/// table has it and with what figure, side by side, a row whose figures differ filled as a
/// warning. `None` when no two tables share a figure (no sheet then).
pub(super) fn reconciliation(
    book: &mut XlsxBook,
    input: &CleanInput<'_>,
) -> Result<Option<(String, usize)>, XlsxError> {
    let lines: &[Reconciled] = &input.report.reconciliation;
    if lines.is_empty() {
        return Ok(None);
    }
    let lang = input.lang;
    let name = report_sheet_name("sheet.reconciliation", lang, input.workbook);
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(&name)?;
    print_setup(sheet);
    const FIXED: u16 = 6;
    let most = lines.iter().map(|l| l.figures.len()).max().unwrap_or(0);
    let mut headers: Vec<String> = [
        "col.row-code",
        "col.role",
        "col.year",
        "col.organisation",
        "col.agrees",
        "col.spread",
    ]
    .iter()
    .map(|k| text(k, lang))
    .collect();
    for n in 1..=most {
        for key in ["col.place-n", "col.kind-n", "col.value-n"] {
            headers.push(Message::new(key).arg("n", n).render(lang));
        }
    }
    write_header(sheet, &headers)?;
    let link = Format::new().set_hyperlink();
    let agreeing = Format::new();
    let differing = Format::new().set_background_color(severity_fill(Severity::Warning));
    for (i, line) in lines.iter().enumerate() {
        // A line whose figures differ is filled, its figures and the difference with it.
        let fill = if line.agrees { &agreeing } else { &differing };
        let money = fill.clone().set_num_format(MONEY_FORMAT);
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &line.code)?;
        sheet.write_string(row, 1, line.role)?;
        if let Some(year) = line.year {
            sheet.write_number(row, 2, f64::from(year))?;
        }
        if let Some(organisation) = &line.organisation {
            sheet.write_string(row, 3, organisation)?;
        }
        let agrees = text(if line.agrees { "word.yes" } else { "word.no" }, lang);
        sheet.write_string_with_format(row, 4, agrees, fill)?;
        // Every Decimal has an f64; the spread is none only past what a Decimal holds.
        if let Some(spread) = line.spread().and_then(|d| d.to_f64()) {
            sheet.write_number_with_format(row, 5, spread, &money)?;
        }
        for (k, figure) in line.figures.iter().enumerate() {
            let col = FIXED + 3 * k as u16;
            let written = input.written_name(figure.sheet);
            let cell = figure.cell.a1();
            let place = format!("{written}!{cell}");
            if i < MAX_LINKS {
                let url = internal_link(written, &cell).set_text(&place);
                sheet.write_url_with_format(row, col, url, &link)?;
            } else {
                sheet.write_string(row, col, &place)?;
            }
            sheet.write_string(row, col + 1, figure.kind_name)?;
            if let Some(value) = figure.value.to_f64() {
                sheet.write_number_with_format(row, col + 2, value, &money)?;
            }
        }
    }
    sheet.autofilter(0, 0, lines.len() as u32, headers.len() as u16 - 1)?;
    for (col, header) in headers.iter().enumerate() {
        let width = match col as u16 {
            0 => 28.0,
            c if c >= FIXED && (c - FIXED) % 3 == 1 => 30.0,
            _ => (header.chars().count() as f64 + 4.0).max(12.0),
        };
        sheet.set_column_width(col as u16, width)?;
    }
    Ok(Some((name, lines.len() + 1)))
}

/// How a finding's figures are shown: as a percentage when the flagged cell shows one (its
/// own format, since its value is a fraction there), with a literal `%` in a `persen`
/// column that holds percent points (`87,11`), a unit the cell carries kept, otherwise
/// money: thousands grouped, two decimals.
fn figure_format(input: &CleanInput<'_>, f: &Finding) -> String {
    let own = input
        .workbook
        .sheets
        .get(f.sheet)
        .and_then(|sheet| sheet.get(f.cell))
        .and_then(number_format_of);
    match own {
        Some(code) if code.contains('%') => code,
        _ if f.column.as_deref() == Some("persen") => "#,##0.00\"%\"".to_string(),
        Some(code) if code.contains('"') => code,
        _ => MONEY_FORMAT.to_string(),
    }
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
    print_setup(sheet);
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
    let each_value = text("change.run-values", lang);
    for (i, change) in log.iter().enumerate() {
        let row = i as u32 + 1;
        let written = input.written_name_of(&change.sheet);
        sheet.write_string(row, 0, written)?;
        let cells = change.cell_text();
        sheet.write_url_with_text(row, 1, internal_link(written, &cells), &cells)?;
        sheet.write_string(row, 2, &change.original)?;
        if change.cells() > 1 {
            sheet.write_string(row, 3, &each_value)?;
        } else {
            sheet.write_string(row, 3, &change.new)?;
        }
        sheet.write_string(row, 4, change.reason.render(lang))?;
    }
    sheet.autofilter(0, 0, log.len() as u32, headers.len() as u16 - 1)?;
    for (col, width) in [(0u16, 18.0), (1, 8.0), (2, 40.0), (3, 24.0), (4, 60.0)] {
        sheet.set_column_width(col, width)?;
    }
    Ok((name, log.len() + 1))
}
