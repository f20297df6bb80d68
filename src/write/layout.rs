//! Where the cleaned workbook shows the tables' structure, from the tables found: the header
//! blocks written bold, the panes frozen below the first table's header on each sheet, and
//! the `Kode (baku)` column beside a table whose codes no single cell shows.

use super::plan::CanonicalColumn;
use crate::model::{CellAt, RangeAt, Raw, Value, Workbook};
use crate::tables::{CodeSource, Table, TableRow};

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

/// A `Kode (baku)` column for each table whose codes renja assembled from several cells or
/// split along the table's parent rows, where no cell shows the code: the canonical code
/// of every data row, in the first column right of the table that is empty from the header
/// row to the last row, so no input cell moves or is overwritten.
pub fn canonical_columns(workbook: &Workbook, tables: &[Table]) -> Vec<CanonicalColumn> {
    let mut out: Vec<CanonicalColumn> = Vec::new();
    for table in tables {
        let (Some(sheet), Some(&header_row)) =
            (workbook.sheets.get(table.sheet), table.header_rows.last())
        else {
            continue;
        };
        let columns = table.range.start.col..=table.range.end.col;
        // A code in one cell is written back canonical in its cell (`5 03 02` → `5.03.02`);
        // one assembled from parts, or split along its parent rows (`41101` under `4.1.1`),
        // has no cell that shows it.
        let shown = |row: &TableRow, code: &str| {
            sheet
                .row(row.row)
                .filter(|(at, _)| columns.contains(&at.col))
                .filter_map(|(_, c)| match &c.value {
                    Value::Text(t) => Some(t.clone()),
                    // An account code kept as written, stored as a number: `41201012`.
                    Value::Number(n) => Some(n.normalize().to_string()),
                    _ => None,
                })
                .any(|t| t == code || t.strip_prefix(code).is_some_and(|r| r.starts_with(' ')))
        };
        let repaired = table
            .rows
            .iter()
            .any(|row| match (&row.code, row.code_source) {
                (Some(_), CodeSource::Split) => row.is_data(),
                (Some(code), CodeSource::Cell) => row.is_data() && !shown(row, code.as_str()),
                _ => false,
            });
        if !repaired {
            continue;
        }
        let taken = |col: u32| {
            out.iter()
                .any(|c| c.sheet == table.sheet && c.header.col == col)
                || (header_row..=table.range.end.row).any(|row| {
                    let at = CellAt::new(row, col);
                    sheet.cells.get(&at).is_some_and(|c| c.raw != Raw::Empty)
                        || sheet.merged.iter().any(|m| m.contains(at))
                })
        };
        let Some(col) = (table.range.end.col + 1..16_383).find(|c| !taken(*c)) else {
            continue;
        };
        let codes = table
            .rows
            .iter()
            .filter(|r| r.is_data())
            .filter_map(|r| r.code.as_ref().map(|c| (r.row, c.canonical())))
            .collect();
        out.push(CanonicalColumn {
            sheet: table.sheet,
            header: CellAt::new(header_row, col),
            codes,
        });
    }
    out
}
