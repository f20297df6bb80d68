//! The used area of a sheet — first to last filled cell, as a rectangle — measured before a
//! reader that builds a dense grid is let loose on it. calamine reads ods, xlsb and xls into
//! a grid of that whole rectangle: an .ods with one value in A1 and one at ALL99000 asks for
//! a hundred million cells (gigabytes) and the process aborts on the allocation, which no
//! `Result` can catch. xlsx never goes through here: it is read cell by cell.
//!
//! Knows nothing of values: a cell counts as filled when it declares a value type or a
//! formula, or has content; blank styled cells and repeated empty rows do not.

use std::collections::HashMap;
use std::io::{BufReader, Cursor};

use quick_xml::events::{BytesStart, Event};

/// A rectangle of cells, zero-based and inclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UsedArea {
    first: Option<(u64, u64)>,
    last: (u64, u64),
}

impl UsedArea {
    /// Grows the area to hold rows `rows` × columns `cols` (inclusive ranges).
    pub fn include(&mut self, rows: (u64, u64), cols: (u64, u64)) {
        let first = self.first.get_or_insert((rows.0, cols.0));
        first.0 = first.0.min(rows.0);
        first.1 = first.1.min(cols.0);
        self.last.0 = self.last.0.max(rows.1);
        self.last.1 = self.last.1.max(cols.1);
    }

    /// Cells in the rectangle (0 when nothing is filled).
    pub fn cells(&self) -> u64 {
        match self.first {
            None => 0,
            Some((row, col)) => (self.last.0 - row + 1).saturating_mul(self.last.1 - col + 1),
        }
    }
}

/// The used area of every table in an .ods, by table name, read from `content.xml` in one
/// streaming pass (repeated rows and columns are counted, never expanded).
///
/// # Errors
/// The cause, when `content.xml` is missing or is not well-formed XML.
pub fn ods_areas(bytes: &[u8]) -> Result<HashMap<String, UsedArea>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    areas_in_content(BufReader::new(content))
}

/// Row and column counters stop here: far past any real sheet, and no overflow.
const FAR: u64 = 1 << 40;

fn areas_in_content(content: impl std::io::BufRead) -> Result<HashMap<String, UsedArea>, String> {
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut areas = HashMap::new();
    let mut table: Option<(String, UsedArea)> = None;
    let (mut row, mut col) = (0u64, 0u64);
    let mut row_repeats = 1u64;
    let mut row_cols: Option<(u64, u64)> = None;
    // Inside a cell element that has content: the cell is filled.
    let mut open_cell: Option<(u64, u64)> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("content.xml: {e}"))?;
        let is_start = matches!(event, Event::Start(_));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => match e.name().as_ref() {
                "table:table" if table.is_none() => {
                    let name = attr(e, "table:name").unwrap_or_default();
                    table = Some((name, UsedArea::default()));
                    row = 0;
                }
                "table:table-row" if table.is_some() => {
                    row_repeats = number(e, "table:number-rows-repeated");
                    col = 0;
                    row_cols = None;
                    if !is_start {
                        row = (row + row_repeats).min(FAR);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if table.is_some() => {
                    let repeats = number(e, "table:number-columns-repeated");
                    let span = (col, (col + repeats - 1).min(FAR));
                    let declared = attr(e, "office:value-type").is_some()
                        || attr(e, "table:formula").is_some();
                    if declared {
                        widen(&mut row_cols, span);
                    } else if is_start {
                        open_cell = Some(span);
                    }
                    col = (col + repeats).min(FAR);
                }
                _ => {
                    // Any element inside a cell (`<text:p>`, an annotation) is content.
                    if let Some(span) = open_cell.take() {
                        widen(&mut row_cols, span);
                    }
                }
            },
            Event::Text(ref t) if open_cell.is_some() && !t.trim().is_empty() => {
                if let Some(span) = open_cell.take() {
                    widen(&mut row_cols, span);
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => open_cell = None,
                "table:table-row" if table.is_some() => {
                    let last_row = (row + row_repeats - 1).min(FAR);
                    if let (Some(cols), Some((_, area))) = (row_cols, table.as_mut()) {
                        area.include((row, last_row), cols);
                    }
                    row = (row + row_repeats).min(FAR);
                }
                "table:table" => {
                    if let Some((name, area)) = table.take() {
                        areas.insert(name, area);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(areas)
}

fn widen(cols: &mut Option<(u64, u64)>, span: (u64, u64)) {
    let c = cols.get_or_insert(span);
    c.0 = c.0.min(span.0);
    c.1 = c.1.max(span.1);
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

/// A repeat count: at least 1, at most [`FAR`]; unreadable counts as 1.
fn number(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, FAR)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(content: &str) -> HashMap<String, UsedArea> {
        areas_in_content(content.as_bytes()).unwrap()
    }

    #[test]
    fn repeated_empty_rows_and_columns_count_only_between_filled_cells() {
        let xml = r#"<t><table:table table:name="S"><table:table-row table:number-rows-repeated="5"><table:table-cell table:number-columns-repeated="9"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table></t>"#;
        // Filled: row 5 col 2, row 6 col 0 → rows 5..=6 × cols 0..=2.
        assert_eq!(area(xml)["S"].cells(), 6);
    }

    #[test]
    fn a_stray_far_cell_makes_a_huge_area() {
        let xml = r#"<t><table:table table:name="S"><table:table-row><table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="99000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="999"/><table:table-cell table:formula="of:=1"/></table:table-row></table:table></t>"#;
        assert_eq!(area(xml)["S"].cells(), 99_002 * 1000);
    }
}
