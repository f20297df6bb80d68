//! Finds the columns whose header tells how their texts must be read before any number
//! parsing: "Kode …" columns hold budget codes, "No." columns hold numbering (`1.1`, `I`, `A`),
//! a column headed by a code level holds pieces of a split code. Which header says what is
//! the vocabulary's ([`crate::vocabulary::column_hint`]); this file knows where a header
//! reaches: its column, or the columns of its merged range, below it down to the next header.
//!
//! Knows nothing of the tables' structure (header rows, column roles for amounts: that is
//! `tables/`, which runs after normalise).

use crate::codes::ColumnHint;
use crate::model::{CellAt, RangeAt, Raw, Sheet};
use crate::vocabulary::column_hint;

/// The headers of one sheet, by column.
#[derive(Debug, Default)]
pub struct ColumnHints {
    /// For each column: (last row of the header, hint), ordered by row. A sheet may hold
    /// several tables one under another, so a column can have more than one header.
    by_col: Vec<Vec<(u32, ColumnHint)>>,
}

impl ColumnHints {
    /// Scans the sheet's text cells for headers. A header that is the top-left cell of a
    /// merged range covers every column of the range, and the cells below its last row.
    pub fn find(sheet: &Sheet) -> ColumnHints {
        let mut hints = ColumnHints::default();
        for (at, cell) in &sheet.cells {
            let Raw::Text(text) = &cell.raw else { continue };
            let Some(hint) = column_hint(text) else {
                continue;
            };
            // Under a Kode column, `Urusan` or `Program` is a label in the table, not the
            // header of a code split over columns.
            if hint == ColumnHint::Level && hints.hint(*at) == Some(ColumnHint::Code) {
                continue;
            }
            let area = sheet
                .merged
                .iter()
                .find(|r| r.start == *at)
                .copied()
                .unwrap_or(RangeAt::new(*at, *at));
            for col in area.start.col..=area.end.col {
                let col = col as usize;
                if hints.by_col.len() <= col {
                    hints.by_col.resize_with(col + 1, Vec::new);
                }
                hints.by_col[col].push((area.end.row, hint));
            }
        }
        for headers in &mut hints.by_col {
            headers.sort_by_key(|(row, _)| *row);
        }
        hints
    }

    /// The hint of the nearest header above `at` in its column.
    pub fn hint(&self, at: CellAt) -> Option<ColumnHint> {
        self.by_col
            .get(at.col as usize)?
            .iter()
            .rev()
            .find(|(header_row, _)| *header_row < at.row)
            .map(|(_, hint)| *hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    fn text(sheet: &mut Sheet, a1: &str, t: &str) {
        let cell = Cell {
            raw: Raw::Text(t.into()),
            ..Cell::default()
        };
        sheet.cells.insert(CellAt::parse_a1(a1).unwrap(), cell);
    }

    #[test]
    fn merged_headers_cover_their_columns_below_their_last_row() {
        let mut sheet = Sheet::new("Renja");
        text(&mut sheet, "A3", "No");
        text(&mut sheet, "B3", "KODE");
        sheet.merged.push(RangeAt::new(
            CellAt::parse_a1("B3").unwrap(),
            CellAt::parse_a1("F4").unwrap(),
        ));
        text(&mut sheet, "G3", "Uraian");
        let hints = ColumnHints::find(&sheet);
        let hint = |a1| hints.hint(CellAt::parse_a1(a1).unwrap());
        assert_eq!(hint("A4"), Some(ColumnHint::Numbering));
        assert_eq!(hint("A3"), None);
        assert_eq!(hint("B4"), None, "inside the merged header");
        assert_eq!(hint("B5"), Some(ColumnHint::Code));
        assert_eq!(hint("F9"), Some(ColumnHint::Code));
        assert_eq!(hint("G9"), None);
        assert_eq!(hint("Z9"), None);
    }

    #[test]
    fn a_later_tables_header_takes_over_below_it() {
        let mut sheet = Sheet::new("Renja");
        text(&mut sheet, "A1", "Kode");
        text(&mut sheet, "A20", "No.");
        let hints = ColumnHints::find(&sheet);
        let hint = |a1| hints.hint(CellAt::parse_a1(a1).unwrap());
        assert_eq!(hint("A2"), Some(ColumnHint::Code));
        assert_eq!(hint("A19"), Some(ColumnHint::Code));
        assert_eq!(hint("A21"), Some(ColumnHint::Numbering));
    }
}
