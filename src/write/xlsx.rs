//! Renders the plan into an xlsx with rust_xlsxwriter: data sheets first (after the summary),
//! then the findings and the change log.

use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::{
    Color, Format, FormatPattern, Note, Workbook as XlsxBook, Worksheet, XlsxError,
};

use super::input::CleanInput;
use super::plan::CanonicalColumn;
use super::plan::{self, OutValue, PlannedCell};
use super::report_sheets::{self, NotesCapped};
use super::style::severity_fill;
use crate::finding::Severity;
use crate::model::{CellAt, RangeAt, Visibility};

/// The rendered bytes and what the verifier needs to know about them.
pub(super) struct Rendered {
    pub bytes: Vec<u8>,
    /// Per data sheet (input order): the name it got and its planned cells.
    pub data_sheets: Vec<(String, Vec<PlannedCell>)>,
    /// Name and expected number of filled rows of each report sheet.
    pub report_sheets: Vec<(String, usize)>,
}

pub(super) fn render(input: &CleanInput<'_>) -> Result<Rendered, XlsxError> {
    let mut book = XlsxBook::new();
    let mut report_sheets = Vec::new();
    let flags = flagged_cells(input);
    let (noted, capped) = noted_cells(&flags, NOTES_PER_SHEET);
    let notes = note_texts(input, &noted);
    report_sheets.push(report_sheets::summary(&mut book, input, &capped)?);
    let mut formats = FormatCache::default();
    let mut data_sheets = Vec::new();
    for (index, sheet) in input.workbook.sheets.iter().enumerate() {
        let mut planned = plan::plan_sheet(&sheet.cells);
        let added: Vec<&CanonicalColumn> = input
            .canonical_codes
            .iter()
            .filter(|c| c.sheet == index)
            .collect();
        plan::add_canonical_codes(&mut planned, &added, input.lang);
        // Low-memory mode: each row goes to the file as the next one starts (shared strings
        // kept), so the writer does not hold a second copy of the sheet's cells. A row once
        // left cannot be written again, so merges, cells and the blanks of flagged empty
        // cells are written in one pass in reading order.
        let worksheet = book.add_worksheet_with_low_memory()?;
        let name = input.written_name(index).to_string();
        worksheet.set_name(&name)?;
        if sheet.visibility.is_some_and(|v| v != Visibility::Visible) {
            worksheet.set_hidden(true);
        }
        let mut merges: Vec<_> = sheet.merged.iter().filter(|r| r.start != r.end).collect();
        merges.sort_by_key(|range| range.start.row);
        let mut merges = merges.into_iter().peekable();
        // A finding on an empty cell (a missing total, say): its blank cell is highlighted.
        let mut blanks: Vec<(CellAt, Severity)> = flags
            .iter()
            .filter(|((i, at), _)| {
                *i == index && planned.binary_search_by_key(at, |c| c.at).is_err()
            })
            .map(|(&(_, at), &severity)| (at, severity))
            .collect();
        blanks.sort_unstable();
        let mut blanks = blanks.into_iter().peekable();
        let headers: Vec<_> = input
            .header_blocks
            .iter()
            .filter(|(sheet, _)| *sheet == index)
            .map(|(_, range)| *range)
            .collect();
        let mut cells = planned.iter().peekable();
        loop {
            let next_cell = cells.peek().map(|c| c.at);
            let next_blank = blanks.peek().map(|(at, _)| *at);
            let Some(at) = next_cell.into_iter().chain(next_blank).min() else {
                break;
            };
            while let Some(range) = merges.next_if(|r| r.start.row <= at.row) {
                merge(worksheet, range, formats.get(None, false, None, false));
            }
            if next_cell == Some(at) {
                let cell = cells.next().expect("peeked");
                let flag = flags.get(&(index, cell.at));
                let bold = headers.iter().any(|range| range.contains(cell.at))
                    || added.iter().any(|c| c.header == cell.at);
                let look = (cell.is_error, flag.copied(), bold);
                let plain = cell.number_format.is_none() && look == PLAIN;
                let format = formats.get(cell.number_format.as_deref(), look.0, look.1, look.2);
                // Name the cell: "String exceeds Excel's limit" alone leaves the user searching.
                write_cell(worksheet, cell, format, plain)
                    .map_err(|e| XlsxError::ParameterError(format!("{}!{}: {e}", name, cell.at)))?;
                if let Some(note) = notes.get(&(index, cell.at)) {
                    worksheet.insert_note(
                        cell.at.row,
                        cell.at.col as u16,
                        &Note::new(note)
                            .set_author("renja")
                            .set_width(360)
                            .set_height(120),
                    )?;
                }
            } else {
                let (at, severity) = blanks.next().expect("peeked");
                let format = formats.get(None, false, Some(severity), false);
                worksheet.write_blank(at.row, at.col as u16, format)?;
                if let Some(note) = notes.get(&(index, at)) {
                    worksheet.insert_note(
                        at.row,
                        at.col as u16,
                        &Note::new(note).set_author("renja"),
                    )?;
                }
            }
        }
        for range in merges {
            merge(worksheet, range, formats.get(None, false, None, false));
        }
        report_sheets::print_setup(worksheet);
        if let Some(Some(freeze)) = input.freeze.get(index) {
            worksheet.set_freeze_panes(freeze.row, freeze.col as u16)?;
            if freeze.row > 0 {
                worksheet.set_repeat_rows(0, freeze.row - 1)?;
            }
        }
        for (col, width) in column_widths(&planned) {
            worksheet.set_column_width(col, width)?;
        }
        // Widths the staff set themselves win over computed ones.
        for (col, width) in &sheet.column_widths {
            worksheet.set_column_width(*col as u16, *width)?;
        }
        data_sheets.push((name, planned));
    }
    report_sheets.push(report_sheets::findings(&mut book, input)?);
    report_sheets.extend(report_sheets::reconciliation(&mut book, input)?);
    report_sheets.push(report_sheets::changes(&mut book, input)?);
    // Level 3 saves in about 0.7 of the default's time for a file 6 % larger (the crate's own
    // measurements); the cleaned workbook of a large archive is written often.
    book.set_zip_compression_level(3);
    let bytes = book.save_to_buffer()?;
    Ok(Rendered {
        bytes,
        data_sheets,
        report_sheets,
    })
}

/// Merges a range of a data sheet. Overlapping merges exist in damaged files; Excel itself
/// refuses them, so the later one is dropped and its cells are still written one by one.
fn merge(worksheet: &mut Worksheet, range: &RangeAt, format: &Format) {
    let _ = worksheet.merge_range(
        range.start.row,
        range.start.col as u16,
        range.end.row,
        range.end.col as u16,
        "",
        format,
    );
}

/// Writes one planned cell. A `plain` cell (General, no flag, not bold) is written without a
/// format: rust_xlsxwriter hashes the whole `Format` of every cell written with one, which was
/// a twentieth of `clean` on a large workbook, and the default format is what it gets anyway.
fn write_cell(
    worksheet: &mut Worksheet,
    cell: &PlannedCell,
    format: &Format,
    plain: bool,
) -> Result<(), XlsxError> {
    let (row, col) = (cell.at.row, cell.at.col as u16);
    if plain {
        match &cell.value {
            OutValue::Number(n) => worksheet.write_number(row, col, *n)?,
            OutValue::Text(t) => worksheet.write_string(row, col, t)?,
            OutValue::Bool(b) => worksheet.write_boolean(row, col, *b)?,
            OutValue::Blank => worksheet.write_blank(row, col, format)?,
        };
        return Ok(());
    }
    match &cell.value {
        OutValue::Number(n) => worksheet.write_number_with_format(row, col, *n, format)?,
        OutValue::Text(t) => worksheet.write_string_with_format(row, col, t, format)?,
        OutValue::Bool(b) => worksheet.write_boolean_with_format(row, col, *b, format)?,
        OutValue::Blank => worksheet.write_blank(row, col, format)?,
    };
    Ok(())
}

/// Column widths that fit the content, in character units: the longest text or number of
/// each column, between 6 and 60 (long uraian wrap in Excel anyway). Computed here because
/// the writer's own autofit measures every glyph of every cell, which dominates large files.
fn column_widths(planned: &[PlannedCell]) -> Vec<(u16, f64)> {
    let mut widest: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for cell in planned {
        let chars = match &cell.value {
            OutValue::Text(t) => t.chars().count(),
            // Grouped with two decimals: about 1.4 characters per digit of the integer part.
            OutValue::Number(n) => (n.abs().max(1.0).log10() as usize + 1) * 4 / 3 + 4,
            OutValue::Bool(_) => 5,
            OutValue::Blank => 0,
        };
        let w = widest.entry(cell.at.col as u16).or_default();
        *w = (*w).max(chars);
    }
    widest
        .into_iter()
        .map(|(col, chars)| (col, (chars as f64 * 1.1 + 2.0).clamp(6.0, 60.0)))
        .collect()
}

/// A flagged cell: (data sheet index, cell).
type Flagged = (usize, CellAt);

/// Per flagged cell, the worst severity of its findings.
fn flagged_cells(input: &CleanInput<'_>) -> HashMap<Flagged, Severity> {
    let mut flags: HashMap<Flagged, Severity> = HashMap::new();
    for finding in &input.report.findings {
        let worst = flags
            .entry((finding.sheet, finding.cell))
            .or_insert(finding.severity);
        *worst = (*worst).max(finding.severity);
    }
    flags
}

/// Notes on at most this many cells of a data sheet. A note is a comment and a VML shape in
/// the file, and Excel slows to a crawl past a few thousand of them; a workbook with tens of
/// thousands of flagged cells is read from `Temuan`, which lists every finding whatever the
/// cap. Every flagged cell keeps its highlight.
pub(super) const NOTES_PER_SHEET: usize = 500;

/// Which flagged cells get a note: every one on a sheet within the cap; past it, the most
/// severe first and, within a severity, the first in reading order. Also the sheets capped.
fn noted_cells(
    flags: &HashMap<Flagged, Severity>,
    cap: usize,
) -> (HashSet<Flagged>, Vec<NotesCapped>) {
    let mut by_sheet: HashMap<usize, Vec<(Severity, CellAt)>> = HashMap::new();
    for (&(sheet, at), &severity) in flags {
        by_sheet.entry(sheet).or_default().push((severity, at));
    }
    let mut noted = HashSet::new();
    let mut capped = Vec::new();
    for (sheet, mut cells) in by_sheet {
        if cells.len() > cap {
            cells.sort_by_key(|(severity, at)| (std::cmp::Reverse(*severity), *at));
            capped.push((sheet, cells.len(), cap));
        }
        noted.extend(cells.into_iter().take(cap).map(|(_, at)| (sheet, at)));
    }
    capped.sort_unstable();
    (noted, capped)
}

/// The note of each noted cell: every finding at that cell, in report order. Rendered only for
/// the cells that get one.
fn note_texts(input: &CleanInput<'_>, noted: &HashSet<Flagged>) -> HashMap<Flagged, String> {
    let mut notes: HashMap<Flagged, String> = HashMap::new();
    for finding in &input.report.findings {
        let key = (finding.sheet, finding.cell);
        if !noted.contains(&key) {
            continue;
        }
        let note = notes.entry(key).or_default();
        if !note.is_empty() {
            note.push_str("\n\n");
        }
        note.push_str(&report_sheets::note_text(finding, input.lang));
    }
    notes
}

/// Formats are few but cells many: build each combination once. Keyed by number format
/// first so the common lookup (a plain or numeric cell, no flag) allocates nothing.
#[derive(Default)]
struct FormatCache(HashMap<String, HashMap<Look, Format>>);

/// Everything but the number format that sets a cell's look: (error value, flag, bold).
type Look = (bool, Option<Severity>, bool);

/// The look of a cell renja leaves as it is.
const PLAIN: Look = (false, None, false);

impl FormatCache {
    fn get(
        &mut self,
        number_format: Option<&str>,
        is_error: bool,
        flag: Option<Severity>,
        bold: bool,
    ) -> &Format {
        let code = number_format.unwrap_or("");
        if !self.0.contains_key(code) {
            self.0.insert(code.to_string(), HashMap::new());
        }
        let by_look = self.0.get_mut(code).expect("inserted above");
        by_look.entry((is_error, flag, bold)).or_insert_with(|| {
            let mut format = Format::new();
            if bold {
                format = format.set_bold();
            }
            if !code.is_empty() {
                format = format.set_num_format(code);
            }
            if is_error {
                format = format.set_font_color(Color::RGB(0xC00000));
            }
            if let Some(severity) = flag {
                format = format
                    .set_background_color(severity_fill(severity))
                    .set_pattern(FormatPattern::Solid);
            }
            format
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_cap_notes_go_to_the_most_severe_cells_first_then_in_reading_order() {
        let at = |a1: &str| CellAt::parse_a1(a1).unwrap();
        let flags: HashMap<Flagged, Severity> = [
            ((0, at("A1")), Severity::Info),
            ((0, at("B9")), Severity::Error),
            ((0, at("C2")), Severity::Warning),
            ((0, at("A5")), Severity::Error),
            ((1, at("A1")), Severity::Info),
        ]
        .into_iter()
        .collect();
        let (noted, capped) = noted_cells(&flags, 3);
        assert_eq!(capped, [(0, 4, 3)]);
        let has = |sheet, a1| noted.contains(&(sheet, at(a1)));
        assert!(has(0, "A5") && has(0, "B9") && has(0, "C2"));
        assert!(!has(0, "A1"), "the info finding loses its note");
        assert!(has(1, "A1"), "a sheet under the cap keeps every note");
    }
}
