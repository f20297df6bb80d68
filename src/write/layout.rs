//! Where the cleaned workbook shows the tables' structure: the header blocks written bold, and
//! the panes frozen below the first table's header on each sheet, from the tables found.

use crate::model::{CellAt, RangeAt, Workbook};
use crate::tables::Table;

/// Each table's header block: its header rows and numbering row over its columns, as
/// (sheet index, range).
pub fn header_blocks(tables: &[Table]) -> Vec<(usize, RangeAt)> {
    tables
        .iter()
        .flat_map(|t| {
            let rows = t.header_rows.iter().copied().chain(t.numbering_row);
            rows.map(move |row| {
                let start = CellAt::new(row, t.range.start.col);
                (
                    t.sheet,
                    RangeAt::new(start, CellAt::new(row, t.range.end.col)),
                )
            })
        })
        .collect()
}

/// Per sheet, the cell below the first table's header block (and numbering row), so the
/// cleaned workbook scrolls with the header in view.
pub fn freeze_below_headers(workbook: &Workbook, tables: &[Table]) -> Vec<Option<CellAt>> {
    (0..workbook.sheets.len())
        .map(|sheet| {
            let table = tables.iter().find(|t| t.sheet == sheet)?;
            let last_header = table
                .numbering_row
                .into_iter()
                .chain(table.header_rows.iter().copied())
                .max()?;
            Some(CellAt::new(last_header + 1, 0))
        })
        .collect()
}
